#!/usr/bin/env python3
"""Reference optima of the p-center at sizes where the direct MIP is slow (test/p-center.test.ts),
solved with scipy.optimize.milp (HiGHS inside scipy, independent of the `highs` npm package), from
the formulations, not from our code:

  direct MIP (Hakimi 1965):  min W  s.t.  sum_j z_ij = 1,  z_ij <= x_j,  sum_j x_j = p,
                             sum_j d_ij z_ij <= W,  x binary  (only where n*m <= 12,000)
  bisection (Minieka 1970):  the smallest d_ij = R with the LSCP  sum_{j: d_ij <= R} x_j >= 1,
                             sum_j x_j <= p  feasible, one milp per step (bench/planning-scipy.py)

Instances: seeded numpy default_rng, demand in a few clusters plus uniform spread, sites near
demand; distances by the haversine formula (R = 6371.0088 km; the test recomputes them with ours,
equal to ~1e-12 relative, from the coordinates stored in the fixture). Writes test/fixtures/location/p-center-scipy.json.

Run with Debian's Python: /usr/bin/python3 test/reference/p-center-scipy.py
"""
import json, sys
from pathlib import Path
import numpy as np
import scipy
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import importlib.util
spec = importlib.util.spec_from_file_location("peer", Path(__file__).resolve().parents[2] / "bench" / "planning-scipy.py")
peer = importlib.util.module_from_spec(spec); spec.loader.exec_module(peer)

def instance(seed, n, m):
    rng = np.random.default_rng(seed)
    centres = np.column_stack([rng.uniform(110, 121, 6), rng.uniform(24, 36, 6)])
    pick = rng.integers(0, 6, n)
    dem = centres[pick] + rng.normal(0, 0.5, (n, 2))
    spread = rng.random(n) < 0.15
    dem[spread] = np.column_stack([rng.uniform(110, 121, spread.sum()), rng.uniform(24, 36, spread.sum())])
    sit = dem[rng.integers(0, n, m)] + rng.normal(0, 0.2, (m, 2))
    d = peer.haversine(dem[:, None, 0], dem[:, None, 1], sit[None, :, 0], sit[None, :, 1])
    return dem, sit, d

cases = []
for seed, n, m, p in [(1, 120, 40, 4), (2, 150, 60, 7), (3, 300, 80, 10), (4, 600, 100, 15)]:
    dem, sit, d = instance(seed, n, m)
    bis = peer.pcenter_bisection(d, p, 600)
    case = {"seed": seed, "n": n, "m": m, "p": p, "demands": dem.tolist(), "sites": sit.tolist(),
            "bisection": bis["objective"], "bisectionSeconds": bis["seconds"]}
    if n * m <= 12000:
        mip = peer.pcenter_mip(d, p, 600)
        case["mip"] = mip["objective"]
        case["mipStatus"] = mip["message"]
        case["mipSeconds"] = mip["seconds"]
    cases.append(case)
    print(seed, n, m, p, case.get("mip"), bis["objective"], file=sys.stderr)

out = {"versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__}, "cases": cases}
Path("test/fixtures/location/p-center-scipy.json").write_text(json.dumps(out))
