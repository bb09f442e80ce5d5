#!/usr/bin/python3
"""
Independent reference values for the concentration family (issue 3).

Written from the published formulas with numpy, NOT from Cluster Atlas code: REAT, EconGeo and
R's ineq are not packaged in Debian, so this is an independent implementation (different
algorithms where possible: Gini as a mean absolute difference double sum, Lorenz/locational Gini
by trapezoids, EG from the plant list, quantiles by numpy.percentile).

Regenerate (on purpose only):
    /usr/bin/python3 test/reference/concentration-reference.py > test/fixtures/concentration/reference.json
"""
import json
import platform
import sys

import numpy as np

rng = np.random.RandomState(20261127)

# ---------- inputs ----------
size_sets = {
    "skewed": [120.0, 80.0, 40.0, 25.0, 10.0, 8.0, 5.0, 5.0, 3.0, 1.0, 1.0, 0.0],
    "lognormal": [float(round(v, 3)) for v in np.exp(rng.normal(3.0, 1.3, 57))],
    "two": [3.0, 1.0],
}

regions = ["R1", "R2", "R3", "R4", "R5", "R6", "R7"]
industries = ["A", "B", "C", "D", "E"]
# plants: (region index, industry index, size)
plants = []
for i, n_pl in enumerate([40, 25, 12, 60, 6]):
    # industry-specific location propensities (some concentrated)
    p = rng.dirichlet(np.ones(len(regions)) * (0.4 + i * 0.6))
    for _ in range(n_pl):
        r = int(rng.choice(len(regions), p=p))
        plants.append((r, i, float(round(np.exp(rng.normal(2.5, 1.0)), 2))))
E = np.zeros((len(regions), len(industries)))
for r, i, s in plants:
    E[r, i] += s
# second year for shift-share: growth with industry and regional components, one new cell
E1 = np.round(E * (1 + rng.normal(0.05, 0.15, E.shape)) * (1 + np.array([0.1, -0.05, 0.2, 0.0, 0.3]))[None, :], 2)
E1 = np.maximum(E1, 0.0)
zero_cells = [(r, i) for r in range(E.shape[0]) for i in range(E.shape[1]) if E[r, i] == 0]
if zero_cells:
    r, i = zero_cells[0]
    E1[r, i] = 17.5
EST = np.zeros_like(E)
for r, i, s in plants:
    EST[r, i] += 1

# ---------- market concentration ----------
def concentration(x):
    x = np.asarray(x, dtype=float)
    n = len(x)
    t = x.sum()
    d = np.sort(x)[::-1]
    s = x / t
    out = {}
    out["cr"] = {str(k): float(d[:k].sum() / t) for k in (1, 4, 8)}
    hhi = float(np.sum(s ** 2))
    out["hhi"] = hhi
    out["hhi10000"] = float(np.sum((100 * s) ** 2))
    out["equivalentFirms"] = 1.0 / hhi
    # Gini: mean absolute difference over all ordered pairs / (2 mu)
    diffs = np.abs(x[:, None] - x[None, :]).sum()
    g = diffs / (2 * n * n * x.mean())
    out["gini"] = float(g)
    out["giniSmallSample"] = float(g * n / (n - 1)) if n > 1 else None
    a = np.sort(x)
    out["lorenz"] = [0.0] + list(np.cumsum(a) / t)
    nz = s[s > 0]
    ent = float(-np.sum(nz * np.log(nz)))
    out["entropy"] = ent
    mu = x.mean()
    r = x[x > 0] / mu
    out["theil"] = float(np.sum(r * np.log(r)) / n)
    ranks = np.arange(1, n + 1)
    out["hallTideman"] = float(1.0 / (2 * np.sum(ranks * (d / t)) - 1))
    return out

# ---------- specialisation ----------
def specialisation(E, ref_cols=None):
    R, I = E.shape
    reg = E.sum(axis=1) if ref_cols is None else E[:, ref_cols].sum(axis=1)
    nat = E.sum(axis=0)
    tot = E.sum() if ref_cols is None else E[:, ref_cols].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        lq = (E / reg[:, None]) / (nat / tot)[None, :]
    sr = E / E.sum(axis=1)[:, None]
    sn = E.sum(axis=0) / E.sum()
    krug = 0.5 * np.abs(sr - sn[None, :]).sum(axis=1)
    share_i = E / E.sum(axis=0)[None, :]
    bench = E.sum(axis=1) / E.sum()
    hoover = 0.5 * np.abs(share_i - bench[:, None]).sum(axis=0)
    rh = (sr ** 2).sum(axis=1)
    return lq, krug, hoover, rh

# ---------- zone agglomeration ----------
def zone(E, plants):
    R, I = E.shape
    x = E.sum(axis=1) / E.sum()
    sx2 = float(np.sum(x ** 2))
    sx3 = float(np.sum(x ** 3))
    out = {"gamma": [], "G": [], "H": [], "expected": [], "variance": [], "z": [], "ms": [], "lgini": []}
    H_by = []
    for i in range(I):
        sizes = np.array([s for (r, j, s) in plants if j == i])
        z = sizes / sizes.sum()
        H = float(np.sum(z ** 2))
        z4 = float(np.sum(z ** 4))
        s = E[:, i] / E[:, i].sum()
        G = float(np.sum((s - x) ** 2))
        gamma = (G - (1 - sx2) * H) / ((1 - sx2) * (1 - H))
        eg = (1 - sx2) * H
        var = 2 * (H ** 2 * (sx2 - 2 * sx3 + sx2 ** 2) - z4 * (sx2 - 4 * sx3 + 3 * sx2 ** 2))
        ms = ((np.sum(s ** 2) - sx2) / (1 - sx2) - H) / (1 - H)
        # locational Gini: trapezoids under the Lorenz curve of s against x, regions by s/x
        order = np.argsort(s / x, kind="stable")
        X = np.concatenate([[0.0], np.cumsum(x[order])])
        Y = np.concatenate([[0.0], np.cumsum(s[order])])
        area = np.trapz(Y, X)
        out["gamma"].append(gamma); out["G"].append(G); out["H"].append(H)
        out["expected"].append(eg); out["variance"].append(var); out["z"].append((G - eg) / np.sqrt(var))
        out["ms"].append(ms); out["lgini"].append(1 - 2 * area)
        H_by.append(H)
    # co-agglomeration of the group A, B, D (EG 1997 eq. 5)
    grp = [0, 1, 3]
    tot = E[:, grp].sum()
    w = E[:, grp].sum(axis=0) / tot
    s = E[:, grp].sum(axis=1) / tot
    G = float(np.sum((s - x) ** 2))
    Hg = float(np.sum(w ** 2 * np.array([H_by[j] for j in grp])))
    corr = float(np.sum(np.array([out["gamma"][j] for j in grp]) * w ** 2 * (1 - np.array([H_by[j] for j in grp]))))
    gc = (G / (1 - sx2) - Hg - corr) / (1 - np.sum(w ** 2))
    out["coagglomeration"] = {"group": ["A", "B", "D"], "gamma": float(gc), "G": G, "H": Hg}
    return {k: (v if isinstance(v, dict) else [float(a) for a in v]) for k, v in out.items()}

# ---------- shift-share ----------
def shift(E0, E1):
    g = E1.sum() / E0.sum() - 1
    gi = E1.sum(axis=0) / E0.sum(axis=0) - 1
    NS = E0 * g
    IM = E0 * (gi - g)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        gri = np.where(E0 > 0, E1 / E0 - 1, np.nan)
    RS = np.where(E0 > 0, E0 * (gri - gi[None, :]), E1)  # new cells: all regional shift
    hat = E0.sum(axis=1)[:, None] * E0.sum(axis=0)[None, :] / E0.sum()
    CE = np.where(E0 > 0, hat * (gri - gi[None, :]), np.nan)
    AE = np.where(E0 > 0, (E0 - hat) * (gri - gi[None, :]), np.nan)
    return {"g": float(g), "gi": gi.tolist(), "NS": NS.ravel().tolist(), "IM": IM.ravel().tolist(), "RS": RS.ravel().tolist(),
            "homothetic": hat.ravel().tolist(),
            "CE": [None if np.isnan(v) else float(v) for v in CE.ravel()], "AE": [None if np.isnan(v) else float(v) for v in AE.ravel()]}

# ---------- cluster strength ----------
def strong(E, EST, lq):
    R, I = E.shape
    out = []
    thr = []
    for i in range(I):
        rs = [r for r in range(R) if E[r, i] > 0]
        l = np.array([lq[r, i] for r in rs]); e = np.array([E[r, i] for r in rs]); n = np.array([EST[r, i] for r in rs])
        t75, t90 = np.percentile(l, 75), np.percentile(l, 90)
        te, tn = np.percentile(e, 25), np.percentile(n, 25)
        thr.append({"lq": float(t75), "lqTop": float(t90), "employment": float(te), "establishments": float(tn)})
        for r in rs:
            if lq[r, i] >= t75 and lq[r, i] >= 1 and E[r, i] > te and EST[r, i] > tn:
                out.append({"region": regions[r], "industry": industries[i], "strong10": bool(lq[r, i] >= t90)})
    return out, thr

def stars(E, lq, top=0.1, min_lq=2.0):
    R, I = E.shape
    res = []
    for i in range(I):
        rs = [r for r in range(R) if E[r, i] > 0]
        k = max(1, int(np.ceil(top * len(rs))))
        emp = sorted([E[r, i] for r in rs], reverse=True)
        foc = sorted([E[r, i] / E[r, :].sum() for r in rs], reverse=True)
        for r in rs:
            st = int(E[r, i] >= emp[k - 1]) + int(lq[r, i] >= min_lq) + int(E[r, i] / E[r, :].sum() >= foc[k - 1])
            if st:
                res.append({"region": regions[r], "industry": industries[i], "stars": st})
    return res

lq, krug, hoover, rh = specialisation(E)
lq_traded, _, _, _ = specialisation(E, ref_cols=[0, 1, 2])
strong_cells, strong_thr = strong(E, EST, lq)
doc = {
    "generator": "test/reference/concentration-reference.py (independent numpy implementation of the published formulas)",
    "versions": {"python": platform.python_version(), "numpy": np.__version__},
    "inputs": {
        "sizes": size_sets,
        "regions": regions, "industries": industries,
        "plants": [{"region": r, "industry": i, "size": s} for (r, i, s) in plants],
        "employment": E.tolist(), "employmentFinal": E1.tolist(), "establishments": EST.tolist(),
        "tradedIndustries": ["A", "B", "C"],
    },
    "concentration": {k: concentration(v) for k, v in size_sets.items()},
    "specialisation": {"lq": lq.ravel().tolist(), "lqTraded": [float(v) if np.isfinite(v) else None for v in lq_traded.ravel()], "krugman": krug.tolist(), "hoover": hoover.tolist(), "regionalHerfindahl": rh.tolist()},
    "zone": zone(E, plants),
    "shiftShare": shift(E, E1),
    "strongClusters": {"cells": strong_cells, "thresholds": strong_thr},
    "clusterStars": stars(E, lq),
}
json.dump(doc, sys.stdout, indent=1, allow_nan=False)
sys.stdout.write("\n")
