#!/usr/bin/env python3
"""Reference optima for the hub-siting models (LSCP, MCLP, p-median, p-center), solved with
scipy.optimize.milp (HiGHS inside scipy, built independently of the `highs` npm package; the
models are written here from the papers' formulations, not from our LP text).

Instances are random but seeded (numpy default_rng), with demand × site distances computed here
by the haversine formula (R = 6371.0088 km). The fixture carries the instances, the distance
matrices, the optimal objective values and the package versions; our tests feed the same matrices
to our solver and compare objective values.

Run with Debian's Python: /usr/bin/python3 test/reference/location-scipy.py
"""
import json, sys
from pathlib import Path
import numpy as np
import scipy
from scipy.optimize import milp, LinearConstraint, Bounds

R_EARTH = 6371.0088

def haversine(lon1, lat1, lon2, lat2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * R_EARTH * np.arcsin(np.sqrt(a))

def instance(seed, n, m):
    rng = np.random.default_rng(seed)
    dem = np.column_stack([rng.uniform(113, 121, n), rng.uniform(28, 34, n)])
    sit = np.column_stack([rng.uniform(113, 121, m), rng.uniform(28, 34, m)])
    w = rng.integers(1, 100, n).astype(float)
    d = haversine(dem[:, None, 0], dem[:, None, 1], sit[None, :, 0], sit[None, :, 1])
    return dem, sit, w, d

def lscp(d, r):
    n, m = d.shape
    a = (d <= r).astype(float)
    res = milp(c=np.ones(m), constraints=[LinearConstraint(a, lb=1)], integrality=np.ones(m), bounds=Bounds(0, 1))
    return res.fun if res.success else None

def mclp(d, w, r, p):
    n, m = d.shape
    a = (d <= r).astype(float)
    # variables [x (m), y (n)]; max w.y  -> min -w.y
    c = np.concatenate([np.zeros(m), -w])
    cov = np.hstack([-a, np.eye(n)])              # y_i - sum_j a_ij x_j <= 0
    card = np.concatenate([np.ones(m), np.zeros(n)])[None, :]
    res = milp(c=c, constraints=[LinearConstraint(cov, ub=0), LinearConstraint(card, lb=p, ub=p)],
               integrality=np.concatenate([np.ones(m), np.zeros(n)]), bounds=Bounds(0, 1))
    return -res.fun

def pmedian_or_center(d, w, p, center):
    n, m = d.shape
    nz = n * m
    # variables [x (m), z (n*m), W (1)]
    nv = m + nz + 1
    c = np.zeros(nv)
    if center:
        c[-1] = 1
    else:
        c[m:m + nz] = (w[:, None] * d).ravel()
    rows, lbs, ubs = [], [], []
    for i in range(n):                            # sum_j z_ij = 1
        row = np.zeros(nv); row[m + i * m: m + (i + 1) * m] = 1; rows.append(row); lbs.append(1); ubs.append(1)
    for i in range(n):                            # z_ij - x_j <= 0
        for j in range(m):
            row = np.zeros(nv); row[m + i * m + j] = 1; row[j] = -1; rows.append(row); lbs.append(-np.inf); ubs.append(0)
    row = np.zeros(nv); row[:m] = 1; rows.append(row); lbs.append(p); ubs.append(p)
    if center:
        for i in range(n):                        # sum_j d_ij z_ij - W <= 0
            row = np.zeros(nv); row[m + i * m: m + (i + 1) * m] = d[i]; row[-1] = -1; rows.append(row); lbs.append(-np.inf); ubs.append(0)
    integrality = np.concatenate([np.ones(m), np.zeros(nz + 1)])
    ub = np.concatenate([np.ones(m + nz), [np.inf]])
    res = milp(c=c, constraints=[LinearConstraint(np.array(rows), lbs, ubs)], integrality=integrality, bounds=Bounds(0, ub))
    return res.fun

cases = []
for (seed, n, m, r, p, rl) in [(1, 12, 6, 250.0, 2, 450.0), (2, 25, 10, 200.0, 3, 380.0), (3, 40, 15, 180.0, 4, 320.0), (4, 60, 20, 150.0, 5, 260.0)]:
    dem, sit, w, d = instance(seed, n, m)
    case = {
        "seed": seed, "radiusKm": r, "p": p, "lscpRadiusKm": rl,
        # the smallest radius at which every demand point has a site in reach (LSCP feasibility)
        "minimumRadiusKm": float(d.min(axis=1).max()),
        "demands": [{"id": f"d{i}", "lon": float(dem[i, 0]), "lat": float(dem[i, 1]), "weight": float(w[i])} for i in range(n)],
        "sites": [{"id": f"s{j}", "lon": float(sit[j, 0]), "lat": float(sit[j, 1])} for j in range(m)],
        "distances": [float(x) for x in d.ravel()],
        "optimum": {
            "lscp": lscp(d, rl),
            "lscpAtRadius": lscp(d, r),
            "mclp": mclp(d, w, r, p),
            "p-median": pmedian_or_center(d, w, p, False),
            "p-center": pmedian_or_center(d, w, p, True),
        },
    }
    cases.append(case)

out = {
    "generator": "test/reference/location-scipy.py",
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
    "cases": cases,
}
path = Path(__file__).resolve().parent.parent / "fixtures" / "location" / "scipy-milp.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path, out["versions"])
