#!/usr/bin/env python3
"""Reference optima of the p-median on seeded, clustered instances of medium size, solved to
proven optimality with scipy.optimize.milp (the full ReVelle–Swain model, written in
bench/planning-scipy.py from the paper, distances by its own haversine). Our
pMedianHeuristic / pMedianLagrangian (test/p-median.test.ts) must reach the same objective.

Run with Debian's Python from the repository root:
  /usr/bin/python3 test/reference/p-median-scipy.py > test/fixtures/location/p-median-scipy.json
"""
import importlib.util, json, sys
from pathlib import Path
import numpy as np
import scipy

spec = importlib.util.spec_from_file_location("peer", Path(__file__).resolve().parents[2] / "bench" / "planning-scipy.py")
peer = importlib.util.module_from_spec(spec); spec.loader.exec_module(peer)

def instance(seed, n, m):
    rng = np.random.default_rng(seed)
    centres = np.column_stack([rng.uniform(104, 122, 8), rng.uniform(23, 40, 8)])
    k = rng.integers(0, 8, n)
    dem = centres[k] + rng.normal(0, 0.8, (n, 2))
    sit = centres[rng.integers(0, 8, m)] + rng.normal(0, 1.2, (m, 2))
    w = rng.integers(1, 100, n).astype(float)
    return dem, sit, w

cases = []
for seed, n, m, p in [(101, 150, 25, 4), (102, 300, 40, 6), (103, 400, 60, 10)]:
    dem, sit, w = instance(seed, n, m)
    d = peer.haversine(dem[:, None, 0], dem[:, None, 1], sit[None, :, 0], sit[None, :, 1])
    r = peer.pmedian(d, w, p, 600.0)
    assert r["status"] == 0, r
    cases.append({"seed": seed, "p": p, "demands": [{"lon": float(a), "lat": float(b), "weight": float(c)} for (a, b), c in zip(dem, w)],
                  "sites": [{"lon": float(a), "lat": float(b)} for a, b in sit], "optimum": r["objective"], "open": r["open"]})
json.dump({"generator": "test/reference/p-median-scipy.py", "scipy": scipy.__version__, "numpy": np.__version__, "cases": cases}, sys.stdout, indent=1)
print()
