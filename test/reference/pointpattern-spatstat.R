# Reference values for Ripley's K / L and cross-type K (test/pointpattern-ripley.test.ts).
#
# Run from the repository root:   Rscript test/reference/pointpattern-spatstat.R
# Writes test/fixtures/pointpattern/spatstat-<dataset>.json, one file per spatstat.data pattern,
# holding the points, the window, spatstat's default r grid and one K column per edge correction
# (border, isotropic, translate) as computed by spatstat.explore::Kest / Lest / Kcross, plus the
# package versions that produced them. Regenerate only on purpose.
#
# Polygonal windows: Kest's translation correction uses a pixel approximation of the set
# covariance (edge.Trans converts a polygon to a mask unless exact = TRUE). We record that column
# as "translateMask" and, beside it, the exact translation estimate built from spatstat's own
# pieces (closepairs + edge.Trans(exact = TRUE) + whist, the same sum Kest forms), as "translate"
# (only where exactTrans = TRUE: spatstat's exact overlap is an R loop over pairs, > 20 min for
# humberside and gordon).
suppressMessages(library(spatstat))
library(jsonlite)

outdir <- file.path("test", "fixtures", "pointpattern")
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)
versions <- list(
  R = R.version.string,
  spatstat = as.character(packageVersion("spatstat")),
  spatstat.explore = as.character(packageVersion("spatstat.explore")),
  spatstat.geom = as.character(packageVersion("spatstat.geom")),
  spatstat.data = as.character(packageVersion("spatstat.data"))
)

window_json <- function(W) {
  if (W$type == "rectangle") {
    list(type = "rectangle", xmin = W$xrange[1], xmax = W$xrange[2], ymin = W$yrange[1], ymax = W$yrange[2])
  } else {
    # spatstat rings: outer boundaries anticlockwise, holes clockwise; not closed.
    list(type = "polygon", rings = lapply(W$bdry, function(b) list(x = b$x, y = b$y)),
         area = area(W))
  }
}

na_null <- function(v) lapply(v, function(z) if (is.na(z)) NULL else z)

exact_translate <- function(X, r) {
  # The sum Kest forms for correction = "translate", with the exact polygon overlap.
  W <- Window(X)
  n <- npoints(X)
  lambda2area <- n * (n - 1) / area(W)
  breaks <- breakpts.from.r(r)
  close <- closepairs(X, max(r), what = "all")
  w <- edge.Trans(dx = close$dx, dy = close$dy, W = W, paired = TRUE, exact = TRUE)
  wh <- whist(close$d, breaks$val, w)
  cumsum(wh) / lambda2area
}

# ONLY=a,b Rscript … regenerates just those data sets.
only <- strsplit(Sys.getenv("ONLY"), ",")[[1]]
write_fixture <- function(name, X, exactTrans = FALSE, cross = NULL) {
  if (length(only) > 0 && !(name %in% only)) return(invisible(NULL))
  X <- unmark(X) %mark% marks(X)
  W <- Window(X)
  K <- Kest(unmark(X), correction = c("border", "isotropic", "translate"))
  L <- Lest(unmark(X), correction = c("border", "isotropic", "translate"))
  out <- list(
    dataset = name,
    source = paste0("spatstat.data::", name),
    versions = versions,
    n = npoints(X),
    x = X$x, y = X$y,
    window = window_json(W),
    call = "Kest(X, correction = c('border','isotropic','translate')); Lest(same)",
    r = K$r,
    K = list(border = na_null(K$border), isotropic = na_null(K$iso), translate = na_null(K$trans)),
    L = list(border = na_null(L$border), isotropic = na_null(L$iso), translate = na_null(L$trans))
  )
  if (W$type != "rectangle") {
    out$K$translateMask <- out$K$translate
    out$L$translateMask <- out$L$translate
    if (exactTrans) {
      kt <- exact_translate(unmark(X), K$r)
      out$K$translate <- na_null(kt)
      out$L$translate <- na_null(sqrt(kt / pi))
    } else {
      out$K$translate <- NULL
      out$L$translate <- NULL
    }
  }
  if (!is.null(cross)) {
    m <- factor(marks(X))
    Xm <- unmark(X) %mark% m
    Kc <- Kcross(Xm, cross[1], cross[2], correction = c("border", "isotropic", "translate"))
    out$marks <- as.character(m)
    out$cross <- list(i = cross[1], j = cross[2],
      call = sprintf("Kcross(X, '%s', '%s', correction = c('border','isotropic','translate'))", cross[1], cross[2]),
      r = Kc$r,
      border = na_null(Kc$border), isotropic = na_null(Kc$iso),
      translate = if (W$type == "rectangle") na_null(Kc$trans) else NULL)
  }
  f <- file.path(outdir, paste0("spatstat-", name, ".json"))
  writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null"), f)
  cat("wrote", f, "\n")
}

write_fixture("swedishpines", swedishpines)
write_fixture("redwood", redwood)
write_fixture("japanesepines", japanesepines)
write_fixture("longleaf", longleaf)
write_fixture("amacrine", amacrine, cross = c("on", "off"))
write_fixture("demopat", demopat, exactTrans = TRUE, cross = c("A", "B"))
write_fixture("humberside", humberside)  # exact translate too slow in R (102 vertices, R loop over pairs)
write_fixture("gordon", gordon)  # exact translate: R loop over pairs takes > 20 min
write_fixture("urkiola", urkiola)
# lansing: coordinates on a lattice (the 924 ft plot rescaled to the unit square): many pairs lie exactly on
# grid distances, where Krect counts d by ceil(sqrt(d2)/rstep) — the knife-edge case of issue 16
write_fixture("lansing", lansing, cross = c("blackoak", "hickory"))
