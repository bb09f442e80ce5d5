"""Fixture for test/core-poisson-tail.test.ts: P(X >= k) for X ~ Poisson(lam), from scipy.

Run with Debian's Python (scipy 1.10.1, numpy 1.24.2):
    /usr/bin/python3 test/reference/poisson-tail-reference.py > test/fixtures/poisson-tail.json
"""
import json

import scipy
from scipy.stats import poisson

CASES = [(0, 3.0), (1, 0.5), (3, 3.0), (10, 3.0), (10, 4.5), (45, 20.0), (250, 120.0), (12, 30.0),
         (1, 1e-6), (100, 99.5), (1500, 1400.0), (60, 5.0)]
print(json.dumps({
    "scipy": scipy.__version__,
    "cases": [{"k": k, "lambda": lam, "sf": float(poisson.sf(k - 1, lam))} for k, lam in CASES],
}, indent=1))
