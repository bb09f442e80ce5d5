# Reference values for the Duranton–Overman K-density normalisation (test/pointpattern-kdensity.test.ts).
#
# Run from the repository root:   Rscript test/reference/kdensity-stats-density.R
# Writes test/fixtures/pointpattern/kdensity-stats-density.json.
#
# dbmss is not packaged for Debian, so this script rebuilds what dbmss::Kdhat does with
# Approximate = 0 from base R: all n(n-1)/2 distances (bivariate: n_R * n_N), weights w_i * w_j
# divided by the sum over ALL pairs, stats::density with cut = 0 from 0 to rmax — plus the
# reflection at 0 (the density of c(Dist, -Dist) doubled). Two columns per case:
#   "direct":  the kernel sum written out with dnorm (no binning; exact to rounding),
#   "density": stats::density (FFT on a binned grid, n = 2^14), interpolated at r (as dbmss does).
# The bandwidth is bw.nrd0 of the distances <= 2 rmax (our rule; dbmss uses all distances,
# recorded as "bwAllDistances" for the documentation).
library(jsonlite)

n <- 60
i <- 1:n
x <- (i * 37) %% 101
y <- (i * 53) %% 97
type <- ifelse(i %% 3 == 0, "A", "B")
w <- 1 + i %% 7
rmax <- 30
r <- seq(0, rmax, length.out = 512)

pairs_of <- function(ref, nbr) {
  if (identical(ref, nbr)) {
    idx <- which(type == ref)
    cmb <- combn(idx, 2)
    a <- cmb[1, ]; b <- cmb[2, ]
  } else {
    a <- rep(which(type == ref), each = sum(type == nbr))
    b <- rep(which(type == nbr), times = sum(type == ref))
  }
  list(d = sqrt((x[a] - x[b])^2 + (y[a] - y[b])^2), w = w[a] * w[b])
}

one_case <- function(ref, nbr, weighted) {
  p <- pairs_of(ref, nbr)
  pw <- if (weighted) p$w else rep(1, length(p$d))
  W <- sum(pw)                       # all pairs, near or far
  near <- p$d <= 2 * rmax
  bw <- bw.nrd0(p$d[near])
  direct <- sapply(r, function(rr) sum(pw * (dnorm((rr - p$d) / bw) + dnorm((rr + p$d) / bw))) / (bw * W))
  dd <- c(p$d, -p$d)
  ww <- c(pw, pw) / (2 * W)
  dens <- suppressWarnings(stats::density(dd, weights = ww, bw = bw, n = 2^14, from = -2 * rmax - 8 * bw, to = 2 * rmax + 8 * bw))
  dens_r <- 2 * stats::approx(dens$x, dens$y, xout = r)$y
  list(reference = ref, neighbour = nbr, weighted = weighted, allPairs = length(p$d), pairsWithin = sum(near),
       pairWeightTotal = W, bandwidth = bw, bwAllDistances = bw.nrd0(p$d), direct = direct, density = dens_r)
}

cases <- list(one_case("A", "A", FALSE), one_case("A", "A", TRUE), one_case("A", "B", FALSE), one_case("B", "B", TRUE))
out <- list(
  versions = list(R = R.version.string, stats = as.character(packageVersion("stats"))),
  x = x, y = y, type = type, w = w, rmax = rmax, r = r, cases = cases
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE), file.path("test", "fixtures", "pointpattern", "kdensity-stats-density.json"))
