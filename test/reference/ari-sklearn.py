#!/usr/bin/env python3
"""Reference adjusted Rand indices from scikit-learn (Debian python3-sklearn) for seeded random
label pairs. Run: /usr/bin/python3 test/reference/ari-sklearn.py"""
import json, sys
from pathlib import Path
import numpy as np
import sklearn
from sklearn.metrics import adjusted_rand_score

rng = np.random.default_rng(7)
cases = []
for n, ka, kb in [(10, 2, 3), (50, 4, 4), (200, 7, 5), (30, 1, 3)]:
    a = rng.integers(0, ka, n).tolist()
    b = [x if rng.random() < 0.7 else int(rng.integers(0, kb)) for x in a]
    cases.append({"a": a, "b": b, "ari": adjusted_rand_score(a, b)})
out = {"generator": "test/reference/ari-sklearn.py", "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__}, "cases": cases}
p = Path(__file__).resolve().parent.parent / "fixtures" / "regionalisation" / "ari-sklearn.json"
p.write_text(json.dumps(out) + "\n")
print("wrote", p)
