#!/usr/bin/python3
"""
Independent reference values on real data: Kentucky, CBP 2021 county × 3-digit NAICS
(<shared data>/cbp2021-county-naics/county/industriesPerCounty_kentucky_2021.csv; public domain; the
shared data folder is found as test/shared-data.ts finds it: $CLUSTER_ATLAS_SHARED_DATA, else
../shared/data beside the repository, else /work/shared/data).
Python standard library csv + numpy, written from the published formulas (not from Cluster Atlas code).
Absent cells count as 0; plant Herfindahl with equal-sized establishments within each county × subsector.

    /usr/bin/python3 test/reference/concentration-cbp-ky.py > test/fixtures/concentration/cbp-ky.json
"""
import csv, json, os, platform, sys
import numpy as np

def shared_data():
    env = os.environ.get("CLUSTER_ATLAS_SHARED_DATA")
    if env:
        return env
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
    for p in (beside, "/work/shared/data"):
        if os.path.isdir(p):
            return p
    return beside

PATH = os.path.join(shared_data(), "cbp2021-county-naics", "county", "industriesPerCounty_kentucky_2021.csv")
rows = list(csv.DictReader(open(PATH, newline="")))
n_rows = len(rows)
counties = sorted({r["GEO_ID"][9:] for r in rows})
sub = [r for r in rows if len(r["NAICS2017"]) == 3 and r["NAICS2017"].isdigit()]
codes = sorted({r["NAICS2017"] for r in sub})
ci = {c: k for k, c in enumerate(counties)}
ii = {c: k for k, c in enumerate(codes)}
E = np.zeros((len(counties), len(codes)))
N = np.zeros_like(E)
for r in sub:
    E[ci[r["GEO_ID"][9:]], ii[r["NAICS2017"]]] = float(r["EMP"])
    N[ci[r["GEO_ID"][9:]], ii[r["NAICS2017"]]] = float(r["ESTAB"])
reg = E.sum(axis=1)
nat = E.sum(axis=0)
tot = E.sum()
x = reg / tot
sx2, sx3 = float((x ** 2).sum()), float((x ** 3).sum())

def lq(c, i):
    r, k = ci[c], ii[i]
    return float((E[r, k] / reg[r]) / (nat[k] / tot))

def eg(i):
    k = ii[i]
    s = E[:, k] / nat[k]
    G = float(((s - x) ** 2).sum())
    mask = N[:, k] > 0
    H = float((E[mask, k] ** 2 / N[mask, k]).sum() / nat[k] ** 2)
    gamma = (G - (1 - sx2) * H) / ((1 - sx2) * (1 - H))
    order = sorted(range(len(counties)), key=lambda r: (s[r] / x[r], r))
    X = np.concatenate([[0], np.cumsum(x[order])]); Y = np.concatenate([[0], np.cumsum(s[order])])
    lg = 1 - 2 * float(np.trapz(Y, X))
    return {"gamma": gamma, "G": G, "H": H, "locationalGini": lg}

doc = {
    "generator": "test/reference/concentration-cbp-ky.py (independent: Python csv + numpy)",
    "versions": {"python": platform.python_version(), "numpy": np.__version__},
    "file": PATH, "rows": n_rows, "counties": len(counties), "subsectors": len(codes), "subsectorRows": len(sub),
    "lq": {f"{c}|{i}": lq(c, i) for c, i in [("21209", "336"), ("21111", "336"), ("21111", "622"), ("21067", "611"), ("21195", "212")]},
    "eg": {i: eg(i) for i in ["336", "212", "311", "622", "721"]},
}
json.dump(doc, sys.stdout, indent=1, allow_nan=False)
sys.stdout.write("\n")
