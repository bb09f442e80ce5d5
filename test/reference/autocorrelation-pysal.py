#!/usr/bin/python3
"""
Reference fixtures for the autocorrelation family, PySAL side (run with Debian's /usr/bin/python3).

1. Writes the regions our tests read, as GeoJSON with round-trip float precision, from the shapefiles
   that ship with libpysal (columbus: 49 neighbourhoods; sids2: 100 North Carolina counties):
   test/fixtures/autocorrelation/{columbus,nc}.geojson. R (autocorrelation-spdep.R) reads the same files.
2. Records libpysal's neighbour sets: Queen/Rook contiguity, KNN (k=4) and DistanceBand on the
   polygons' centroids as libpysal computes them -> test/fixtures/autocorrelation/pysal-weights.json.
3. esda is not packaged for Debian, so the PySAL-side statistics are computed here with numpy from the
   published formulas (Cliff & Ord 1981; Anselin 1995; Getis & Ord 1992) as an independent second
   implementation beside spdep, including esda-style conditional permutation null moments
   (sampling without replacement, 99,999 permutations, seeded; columbus and nc) -> pysal-stats.json.
   georgia (159 counties, UTM, with holes and multi-part counties) is written too.

    /usr/bin/python3 test/reference/autocorrelation-pysal.py
"""
import json, os, sys, warnings
warnings.filterwarnings("ignore")
import numpy as np
import libpysal
from libpysal import weights as lw

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures", "autocorrelation")
EX = os.path.dirname(libpysal.examples.__file__)
DATASETS = {
    "columbus": (os.path.join(EX, "columbus", "columbus.shp"), "POLYID", ["CRIME", "HOVAL", "INC"], 0.62),
    "nc": (os.path.join(EX, "sids2", "sids2.shp"), "FIPSNO", ["SIDR79", "NWR79"], 0.55),
    # 159 Georgia counties in UTM metres, with holes and multi-part counties
    "georgia": (os.path.join(EX, "georgia", "G_utm.shp"), "AreaKey", ["PctBach", "PctPov"], 60000.0),
}
LOCAL_PERMUTATIONS = {"columbus", "nc"}  # the 99,999-draw local check is slow; two data sets suffice


def geojson(shp, idfield):
    shapes = libpysal.io.open(shp)
    dbf = libpysal.io.open(shp[:-4] + ".dbf")
    header = dbf.header
    feats = []
    for poly, row in zip(shapes, dbf):
        props = dict(zip(header, [v if not isinstance(v, bytes) else v.decode() for v in row]))
        # pysal.cg Polygon: parts (shells) and holes
        rings = [[[float(x), float(y)] for (x, y) in part] for part in poly.parts]
        holes = [[[float(x), float(y)] for (x, y) in h] for h in (poly.holes or []) if h]
        # each hole goes with the part whose shell contains most of its vertices (ray casting; a hole
        # may touch its shell at a vertex)
        polys = [[r] for r in rings]
        for h in holes:
            owner = max(range(len(rings)), key=lambda k: sum(inside(v, rings[k]) for v in h))
            polys[owner].append(h)
        if len(polys) == 1:
            geom = {"type": "Polygon", "coordinates": polys[0]}
        else:
            geom = {"type": "MultiPolygon", "coordinates": polys}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return {"type": "FeatureCollection", "features": feats}, [p.centroid for p in libpysal.io.open(shp)]


def inside(pt, ring):
    x, y = pt; c = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            c = not c
    return c


def nbsets(w, ids):
    return {str(ids[i]): sorted(str(ids[j]) for j in w.neighbors[i]) for i in range(len(ids))}


def stats(x, W):
    """Moran's I, Geary's C and their moments from Cliff & Ord (1981, ch. 1-2), with dense W."""
    n = len(x)
    z = x - x.mean()
    s0 = W.sum(); s1 = 0.5 * ((W + W.T) ** 2).sum(); s2 = ((W.sum(1) + W.sum(0)) ** 2).sum()
    m2 = (z ** 2).sum(); k = n * (z ** 4).sum() / m2 ** 2
    I = n / s0 * (z @ W @ z) / m2
    EI = -1 / (n - 1)
    vn = (n * n * s1 - n * s2 + 3 * s0 ** 2) / (s0 ** 2 * (n * n - 1)) - EI ** 2
    vr = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 ** 2) - k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 ** 2)) / ((n - 1) * (n - 2) * (n - 3) * s0 ** 2) - EI ** 2
    d = (x[:, None] - x[None, :]) ** 2
    C = (n - 1) * (W * d).sum() / (2 * s0 * m2)
    cvn = ((2 * s1 + s2) * (n - 1) - 4 * s0 ** 2) / (2 * (n + 1) * s0 ** 2)
    cvr = ((n - 1) * s1 * (n * n - 3 * n + 3 - (n - 1) * k) - 0.25 * (n - 1) * s2 * (n * n + 3 * n - 6 - (n * n - n + 2) * k)
           + s0 ** 2 * (n * n - 3 - (n - 1) ** 2 * k)) / (n * (n - 2) * (n - 3) * s0 ** 2)
    return dict(I=I, EI=EI, VI_norm=vn, VI_rand=vr, C=C, VC_norm=cvn, VC_rand=cvr)


def local_perm_moments(x, W, perms, rng):
    """Conditional permutation (x_i fixed, the others sampled without replacement) of local Moran:
    Monte Carlo mean and variance of I_i under the null, and folded pseudo p-values."""
    n = len(x); z = x - x.mean(); m2 = (z ** 2).sum() / n
    Ii = z / m2 * (W @ z)
    out = []
    for i in range(n):
        nb = np.nonzero(W[i])[0]; w = W[i, nb]; k = len(nb)
        others = np.delete(z, i)
        # without replacement: first k entries of independent random permutations
        idx = np.argsort(rng.random((perms, n - 1)), axis=1)[:, :k]
        sims = z[i] / m2 * (others[idx] @ w)
        ge = (sims >= Ii[i]).sum(); le = (sims <= Ii[i]).sum()
        out.append(dict(mean=float(sims.mean()), var=float(sims.var(ddof=1)), p_folded=float((min(ge, le) + 1) / (perms + 1))))
    return Ii, out


def main():
    rng = np.random.default_rng(20261127)
    wout = {"producer": "libpysal " + libpysal.__version__ + ", numpy " + np.__version__, "datasets": {}}
    sout = {"producer": "numpy " + np.__version__ + " from published formulas (esda not packaged in Debian); libpysal " + libpysal.__version__ + " weights", "datasets": {}}
    for name, (shp, idf, fields, band) in DATASETS.items():
        gj, _ = geojson(shp, idf)
        with open(os.path.join(OUT, name + ".geojson"), "w") as f:
            json.dump(gj, f)
        ids = [str(feat["properties"][idf]) for feat in gj["features"]]
        q = lw.Queen.from_shapefile(shp); r = lw.Rook.from_shapefile(shp)
        cents = np.array([libpysal.cg.centroid(p) if hasattr(libpysal.cg, "centroid") else p.centroid for p in libpysal.io.open(shp)])
        knn = lw.KNN(cents, k=4)
        db = lw.DistanceBand(cents, threshold=band, binary=True, silence_warnings=True)
        wout["datasets"][name] = {
            "ids": ids, "idField": idf, "centroids": cents.tolist(), "band": band,
            "queen": nbsets(q, ids), "rook": nbsets(r, ids), "knn4": nbsets(knn, ids), "band_nb": nbsets(db, ids),
        }
        # statistics on queen weights, row-standardised (W) and binary (B)
        qd, _ = q.full()
        sets = {}
        for field in fields:
            x = np.array([float(f["properties"][field]) for f in gj["features"]])
            for style in ("W", "B"):
                W = qd / qd.sum(1, keepdims=True) if style == "W" else qd.copy()
                s = stats(x, W)
                entry = {k: float(v) for k, v in s.items()}
                if style == "W" and name in LOCAL_PERMUTATIONS:
                    Ii, lp = local_perm_moments(x, W, 99999, rng)
                    entry["Ii"] = Ii.tolist(); entry["perm"] = lp; entry["permutations"] = 99999
                sets[field + "_" + style] = entry
        sout["datasets"][name] = sets
    with open(os.path.join(OUT, "pysal-weights.json"), "w") as f:
        json.dump(wout, f)
    with open(os.path.join(OUT, "pysal-stats.json"), "w") as f:
        json.dump(sout, f)
    print("wrote", OUT, wout["producer"])


if __name__ == "__main__":
    main()
