# Reference partitions for SKATER regionalisation, from R spdep (skater, mstree, nbcosts).
# Data: spData's columbus (49 neighbourhoods, shipped with spData) with HOVAL, INC, CRIME scaled
# to mean 0 / sd 1, and spData's NC SIDS counties (100) with rates; queen contiguity by poly2nb.
# The fixture records the neighbour lists (so the test exercises only the regionalisation), the
# scaled data, the minimum spanning tree's total cost, and spdep's groups for several k.
# Run: Rscript test/reference/regionalisation-spdep.R
suppressPackageStartupMessages({ library(spdep); library(sf); library(jsonlite) })

one <- function(name, geom, data, ks, minsize) {
  nb <- poly2nb(geom, queen = TRUE)
  x <- scale(data)
  costs <- nbcosts(nb, x)
  w <- nb2listw(nb, costs, style = "B")
  set.seed(1)
  tree <- mstree(w, ini = 1)
  parts <- lapply(ks, function(k) {
    res <- skater(tree[, 1:2], x, ncuts = k - 1, crit = minsize)
    list(k = k, groups = as.integer(res$groups), ssw = sum(res$ssw))
  })
  list(
    name = name,
    n = length(nb),
    neighbours = lapply(nb, function(v) as.integer(v) - 1L),
    data = unname(lapply(seq_len(nrow(x)), function(i) as.numeric(x[i, ]))),
    mstCost = sum(tree[, 3]),
    minSize = minsize,
    partitions = parts
  )
}

col <- st_read(system.file("shapes/columbus.shp", package = "spData"), quiet = TRUE)
nc <- st_read(system.file("shapes/sids.shp", package = "spData"), quiet = TRUE)
nc$r74 <- nc$SID74 / nc$BIR74 * 1000
nc$r79 <- nc$SID79 / nc$BIR79 * 1000
nc$nw <- nc$NWBIR74 / nc$BIR74
out <- list(
  generator = "test/reference/regionalisation-spdep.R",
  versions = list(R = R.version.string, spdep = as.character(packageVersion("spdep")), spData = as.character(packageVersion("spData"))),
  cases = list(
    one("columbus", col, as.data.frame(col)[, c("HOVAL", "INC", "CRIME")], c(2, 4, 6), 1),
    one("nc-sids", nc, as.data.frame(nc)[, c("r74", "r79", "nw")], c(3, 7), 5)
  )
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), "test/fixtures/regionalisation/skater-spdep.json")
cat("wrote test/fixtures/regionalisation/skater-spdep.json\n")
