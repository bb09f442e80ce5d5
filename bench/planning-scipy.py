#!/usr/bin/env python3
"""Peer side of bench/planning.ts (also used by test/reference/p-median-scipy.py): the p-median and
the chain-covering MCLP written with scipy.optimize.milp (HiGHS inside scipy) from the papers'
formulations, on an instance file written by the bench (points and weights; distances computed
here by the haversine formula, R = 6371.0088 km).

  p-median (ReVelle & Swain 1970): min Σ w_i d_ij z_ij  s.t.  Σ_j z_ij = 1,  z_ij <= x_j,  Σ x_j = p
  chain covering: sites with every stage within R (computed here), then
  MCLP (Church & ReVelle 1974): max Σ w_i y_i  s.t.  y_i <= Σ_{j complete, d_ij <= R} x_j,  Σ x_j = p

  p-center (Minieka 1970): the smallest distance R among the d_ij such that the LSCP
    sum_{j: d_ij <= R} x_j >= 1 for all i,  sum_j x_j <= p  is feasible, found by bisection over
    the sorted distinct d_ij, each step one milp (written here from the formulation, independently
    of our code); and, when n*m <= 40,000, the direct MIP min W s.t. sum_j z_ij = 1, z_ij <= x_j,
    sum_j x_j = p, sum_j d_ij z_ij <= W, as a second check.

Usage: python3 bench/planning-scipy.py INSTANCE.json TIME_LIMIT_SECONDS [pmedian|chain|pcenter|both]
Prints one JSON object per model on stdout.
"""
import json, sys, time
import numpy as np
import scipy
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import coo_matrix, csr_matrix, hstack, identity

R_EARTH = 6371.0088

def haversine(lon1, lat1, lon2, lat2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * R_EARTH * np.arcsin(np.sqrt(np.clip(a, 0, 1)))

def pmedian(d, w, p, time_limit):
    n, m = d.shape
    nz = n * m
    c = np.concatenate([np.zeros(m), (w[:, None] * d).ravel()])
    rows = np.repeat(np.arange(n), m)
    assign = coo_matrix((np.ones(nz), (rows, m + np.arange(nz))), shape=(n, m + nz))
    link_rows = np.arange(nz)
    link = coo_matrix((np.concatenate([np.ones(nz), -np.ones(nz)]),
                       (np.concatenate([link_rows, link_rows]), np.concatenate([m + np.arange(nz), np.tile(np.arange(m), n)]))),
                      shape=(nz, m + nz))
    card = coo_matrix((np.ones(m), (np.zeros(m, int), np.arange(m))), shape=(1, m + nz))
    t0 = time.perf_counter()
    res = milp(c=c, constraints=[LinearConstraint(csr_matrix(assign), 1, 1), LinearConstraint(csr_matrix(link), -np.inf, 0), LinearConstraint(csr_matrix(card), p, p)],
               integrality=np.concatenate([np.ones(m), np.zeros(nz)]), bounds=Bounds(0, 1),
               options={"time_limit": time_limit, "mip_rel_gap": 1e-6})
    secs = time.perf_counter() - t0
    return {"model": "p-median", "seconds": secs, "status": res.status, "message": res.message,
            "objective": None if res.x is None else float(res.fun),
            "bound": getattr(res, "mip_dual_bound", None), "gap": getattr(res, "mip_gap", None),
            "open": None if res.x is None else [int(j) for j in np.flatnonzero(res.x[:m] > 0.5)]}

def chain_mclp(dem, w, sit, fac, stages, radius, p, time_limit):
    n, m = len(dem), len(sit)
    t0 = time.perf_counter()
    complete = np.ones(m, bool)
    for s in stages:
        f = np.array([[x["lon"], x["lat"]] for x in fac if x["stage"] == s])
        if len(f) == 0:
            complete[:] = False
            continue
        dist = haversine(sit[:, None, 0], sit[:, None, 1], f[None, :, 0], f[None, :, 1])
        complete &= dist.min(axis=1) <= radius
    elig = np.flatnonzero(complete)
    k = len(elig)
    d = haversine(dem[:, None, 0], dem[:, None, 1], sit[None, elig, 0], sit[None, elig, 1])
    a = csr_matrix((d <= radius).astype(float))
    c = np.concatenate([np.zeros(k), -w])
    cov = hstack([-a, identity(n, format="csr")], format="csr")
    card = csr_matrix(np.concatenate([np.ones(k), np.zeros(n)])[None, :])
    res = milp(c=c, constraints=[LinearConstraint(cov, -np.inf, 0), LinearConstraint(card, p, p)],
               integrality=np.concatenate([np.ones(k), np.zeros(n)]), bounds=Bounds(0, 1),
               options={"time_limit": time_limit, "mip_rel_gap": 1e-9})
    secs = time.perf_counter() - t0
    return {"model": "chain-mclp", "seconds": secs, "status": res.status, "message": res.message, "complete": int(k),
            "objective": None if res.x is None else float(-res.fun),
            "bound": None if getattr(res, "mip_dual_bound", None) is None else -res.mip_dual_bound}

def pcenter_bisection(d, p, time_limit):
    n, m = d.shape
    t0 = time.perf_counter()
    vals = np.unique(d)
    lo_v = d.min(axis=1).max()
    vals = vals[vals >= lo_v]
    card = LinearConstraint(csr_matrix(np.ones((1, m))), 0, p)
    solves = 0
    def feasible(R):
        nonlocal solves
        solves += 1
        a = csr_matrix((d <= R).astype(float))
        res = milp(c=np.zeros(m), constraints=[LinearConstraint(a, 1, np.inf), card], integrality=np.ones(m), bounds=Bounds(0, 1),
                   options={"time_limit": max(1.0, time_limit - (time.perf_counter() - t0))})
        if res.status == 2:
            return None
        if res.x is None:
            raise RuntimeError(f"milp status {res.status}: {res.message}")
        return np.flatnonzero(res.x > 0.5)
    lo, hi = 0, len(vals) - 1
    best = feasible(vals[hi])
    while lo < hi:
        mid = (lo + hi) // 2
        f = feasible(vals[mid])
        if f is None:
            lo = mid + 1
        else:
            hi, best = mid, f
    return {"model": "p-center", "method": "bisection + milp LSCP", "seconds": time.perf_counter() - t0, "status": 0, "message": f"{solves} milp feasibility solves",
            "objective": float(vals[lo]), "open": [int(j) for j in best]}

def pcenter_mip(d, p, time_limit):
    n, m = d.shape
    nz = n * m
    c = np.zeros(m + nz + 1); c[-1] = 1
    rows = np.repeat(np.arange(n), m)
    assign = coo_matrix((np.ones(nz), (rows, m + np.arange(nz))), shape=(n, m + nz + 1))
    lr = np.arange(nz)
    link = coo_matrix((np.concatenate([np.ones(nz), -np.ones(nz)]), (np.concatenate([lr, lr]), np.concatenate([m + np.arange(nz), np.tile(np.arange(m), n)]))), shape=(nz, m + nz + 1))
    card = coo_matrix((np.ones(m), (np.zeros(m, int), np.arange(m))), shape=(1, m + nz + 1))
    dist = coo_matrix((np.concatenate([d.ravel(), -np.ones(n)]), (np.concatenate([rows, np.arange(n)]), np.concatenate([m + np.arange(nz), np.full(n, m + nz)]))), shape=(n, m + nz + 1))
    t0 = time.perf_counter()
    ub = np.concatenate([np.ones(m + nz), [np.inf]])
    res = milp(c=c, constraints=[LinearConstraint(csr_matrix(assign), 1, 1), LinearConstraint(csr_matrix(link), -np.inf, 0), LinearConstraint(csr_matrix(card), p, p), LinearConstraint(csr_matrix(dist), -np.inf, 0)],
               integrality=np.concatenate([np.ones(m), np.zeros(nz + 1)]), bounds=Bounds(0, ub), options={"time_limit": time_limit, "mip_rel_gap": 1e-9})
    return {"model": "p-center", "method": "direct MIP", "seconds": time.perf_counter() - t0, "status": res.status, "message": res.message,
            "objective": None if res.x is None else float(res.fun), "bound": getattr(res, "mip_dual_bound", None)}

def main():
    inst = json.load(open(sys.argv[1]))
    tl = float(sys.argv[2])
    which = sys.argv[3] if len(sys.argv) > 3 else "both"
    dem = np.array([[x["lon"], x["lat"]] for x in inst["demands"]])
    w = np.array([x["weight"] for x in inst["demands"]], float)
    sit = np.array([[x["lon"], x["lat"]] for x in inst["sites"]])
    out = {"scipy": scipy.__version__, "numpy": np.__version__, "results": []}
    if which in ("pmedian", "both"):
        t0 = time.perf_counter()
        d = haversine(dem[:, None, 0], dem[:, None, 1], sit[None, :, 0], sit[None, :, 1])
        r = pmedian(d, w, inst["p"], tl)
        r["distanceSeconds"] = time.perf_counter() - t0 - r["seconds"]
        out["results"].append(r)
    if which in ("pcenter", "both"):
        d = haversine(dem[:, None, 0], dem[:, None, 1], sit[None, :, 0], sit[None, :, 1])
        pc = inst.get("pcenterP", inst["p"])
        out["results"].append(pcenter_bisection(d, pc, tl))
        if d.size <= 40000:
            out["results"].append(pcenter_mip(d, pc, tl))
    if which in ("chain", "both"):
        out["results"].append(chain_mclp(dem, w, sit, inst["facilities"], inst["stages"], inst["radiusKm"], inst["chainP"], tl))
    print(json.dumps(out))

if __name__ == "__main__":
    main()
