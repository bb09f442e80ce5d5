#!/usr/bin/env Rscript
# Reference fixtures for the autocorrelation family, R side: spdep (Debian r-cran-spdep) on the
# regions written by autocorrelation-pysal.py (columbus, North Carolina SIDS counties, Georgia counties).
#
#   Rscript test/reference/autocorrelation-spdep.R      # run after autocorrelation-pysal.py
#
# Writes test/fixtures/autocorrelation/spdep-<dataset>.json with the package versions. Nothing here
# is computed by Cluster Atlas. Planar geometry (sf_use_s2(FALSE)) so that poly2nb's candidate
# search is the plain bounding-box one; snap is poly2nb's default sqrt(.Machine$double.eps).
# knearneigh/dnearneigh run on the centroids libpysal computed (pysal-weights.json), so both peers
# and our tests use the same coordinates.
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
sf_use_s2(FALSE)
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("--file=", "", args[grep("--file=", args)])))
out <- file.path(here, "..", "fixtures", "autocorrelation")
pw <- fromJSON(file.path(out, "pysal-weights.json"), simplifyVector = FALSE)
versions <- list(R = as.character(getRversion()), spdep = as.character(packageVersion("spdep")),
                 sf = as.character(packageVersion("sf")), jsonlite = as.character(packageVersion("jsonlite")))
fields <- list(columbus = c("CRIME", "HOVAL", "INC"), nc = c("SIDR79", "NWR79"), georgia = c("PctBach", "PctPov"))
nbsets <- function(nb, ids) { r <- lapply(seq_along(nb), function(i) if (nb[[i]][1] == 0L) list() else as.list(as.character(ids[nb[[i]]]))); names(r) <- ids; r }
htest <- function(t) list(value = unname(t$estimate[1]), expected = unname(t$estimate[2]), variance = unname(t$estimate[3]),
                          z = unname(t$statistic), p = t$p.value)
global <- function(x, lw, zp = FALSE) list(
  moran_rand = htest(moran.test(x, lw, randomisation = TRUE, zero.policy = zp)),
  moran_norm = htest(moran.test(x, lw, randomisation = FALSE, zero.policy = zp)),
  geary_rand = htest(geary.test(x, lw, randomisation = TRUE, zero.policy = zp)),
  geary_norm = htest(geary.test(x, lw, randomisation = FALSE, zero.policy = zp)))

for (ds in c("columbus", "nc", "georgia")) {
  pl <- st_read(file.path(out, paste0(ds, ".geojson")), quiet = TRUE)
  st_crs(pl) <- NA  # planar, as the coordinates are used by every peer
  info <- pw$datasets[[ds]]
  ids <- unlist(info$ids)
  coords <- do.call(rbind, lapply(info$centroids, function(p) c(p[[1]], p[[2]])))
  queen <- poly2nb(pl, queen = TRUE); rook <- poly2nb(pl, queen = FALSE)
  knn4 <- knn2nb(knearneigh(coords, k = 4))
  band <- dnearneigh(coords, 0, info$band)
  res <- list(versions = versions, dataset = ds, ids = ids,
              centroids_sf = unname(split(st_coordinates(st_centroid(st_geometry(pl))), seq_len(nrow(pl)))),
              weights = list(queen = nbsets(queen, ids), rook = nbsets(rook, ids), knn4 = nbsets(knn4, ids), band_nb = nbsets(band, ids)),
              stats = list())
  set.seed(20261127)
  for (f in fields[[ds]]) {
    x <- as.numeric(pl[[f]])
    qW <- nb2listw(queen, style = "W"); qB <- nb2listw(queen, style = "B")
    dl <- nbdists(band, coords)
    e <- list(x = x,
      queen_W = global(x, qW), queen_B = global(x, qB),
      queen_C = global(x, nb2listw(queen, style = "C")), queen_U = global(x, nb2listw(queen, style = "U")),
      queen_S = global(x, nb2listw(queen, style = "S")),
      rook_W = global(x, nb2listw(rook, style = "W")), knn4_W = global(x, nb2listw(knn4, style = "W")),
      idw_B = global(x, nb2listw(band, glist = lapply(dl, function(d) 1 / d), style = "B")),
      idw_W = global(x, nb2listw(band, glist = lapply(dl, function(d) 1 / d), style = "W")))
    lm <- localmoran(x, qW)  # conditional = TRUE, mlvar = TRUE, two-sided
    e$localmoran_W <- list(Ii = unname(lm[, 1]), E = unname(lm[, 2]), V = unname(lm[, 3]), Z = unname(lm[, 4]), P = unname(lm[, 5]),
                           quadrant_mean = as.character(attr(lm, "quadr")$mean), P_BH = p.adjust(lm[, 5], "BH"))
    e$localG_W <- as.numeric(localG(x, qW))
    qs <- include.self(queen)
    for (st in c("W", "B")) {
      lws <- nb2listw(qs, style = st)
      gs <- localG(x, lws, return_internals = TRUE)
      # conditional null of G*_i with x_i fixed: the self term is constant, the rest is spdep's Gi
      # moments (x_i excluded) over the same styled weights without the self entry
      self_w <- sapply(seq_along(qs), function(i) lws$weights[[i]][which(qs[[i]] == i)])
      rest <- nb2listw(queen, glist = lapply(seq_along(qs), function(i) lws$weights[[i]][which(qs[[i]] != i)]), style = "B")
      gi <- attr(localG(x, rest, return_internals = TRUE), "internals")
      xs <- sum(x)
      e[[paste0("localGstar_", st)]] <- list(z = as.numeric(gs), G = unname(attr(gs, "internals")[, 1]),
        cond_mean = (self_w * x + gi[, 2] * (xs - x)) / xs, cond_var = gi[, 3] * ((xs - x) / xs)^2)
    }
    mc <- moran.mc(x, qW, nsim = 9999)
    e$moran_mc_W <- list(p = mc$p.value, nsim = 9999, alternative = "greater")
    gm <- geary.mc(x, qW, nsim = 9999)
    e$geary_mc_W <- list(p = gm$p.value, nsim = 9999, alternative = "greater")
    lp <- localmoran_perm(x, qW, nsim = 9999, iseed = 1)
    e$localmoran_perm_W <- list(nsim = 9999, p_folded = unname(lp[, 7]), note = "spdep 1.2.7 samples with replacement")
    res$stats[[f]] <- e
  }
  # islands: a band too short for some centroids, zero.policy = TRUE (n adjusted as spdep does)
  short <- dnearneigh(coords, 0, info$band * 0.6)
  res$islands <- list(band = info$band * 0.6, nb = nbsets(short, ids),
                      W = global(as.numeric(pl[[fields[[ds]][1]]]), nb2listw(short, style = "W", zero.policy = TRUE), zp = TRUE),
                      B = global(as.numeric(pl[[fields[[ds]][1]]]), nb2listw(short, style = "B", zero.policy = TRUE), zp = TRUE))
  write_json(res, file.path(out, paste0("spdep-", ds, ".json")), digits = NA, auto_unbox = TRUE, pretty = FALSE)
  cat("wrote", ds, "\n")
}
gal <- file.path(out, "spdep-columbus-queen.gal")
pl <- st_read(file.path(out, "columbus.geojson"), quiet = TRUE); st_crs(pl) <- NA
write.nb.gal(poly2nb(pl), gal, ind = as.character(pl$POLYID))
cat(toJSON(versions, auto_unbox = TRUE), "\n")
