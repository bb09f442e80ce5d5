#!/usr/bin/python3
"""Independent reference for `measure clusters` (src/measures/cluster-strength/category-strength.ts):
U.S. Cluster Mapping strong clusters at category (cluster) level on County Business Patterns 2021,
computed with the Python standard library csv module and numpy only (no Cluster Atlas code).

Usage: cmp-strong-clusters.py DEFINITIONS_CSV CBP_COUNTY_CSV
  DEFINITIONS_CSV  the CMP NAICS-2012 definitions (naics, cluster_code, type, ...)
  CBP_COUNTY_CSV   one state's CBP 2021 county file (GEO_ID, NAICS2017, ESTAB, EMP, ...)
Prints JSON on stdout: the strong cells, the per-cluster cut-offs, LQs of every cell, the
unmapped 6-digit codes with their employment, and the versions used.

Rules written from the definitions (Delgado, Porter & Stern 2016; the CMP strong-cluster rule as
in clustermapping/cmp data/processing/cluster_calcs_reducer.js):
  * 6-digit NAICS-2017 rows of the county file; a code maps to a cluster when the definitions list
    it (codes unchanged since NAICS 2012); other 6-digit codes are reported as unmapped.
  * regions = counties with at least one mapped row; cell = sum of its rows (absent = 0).
  * LQ of a traded cluster over traded employment, of a local cluster over local employment.
  * strong (traded only): LQ >= P75(LQ) and LQ >= 1 and emp > P25(emp) and estab > P25(estab),
    percentiles (numpy.percentile, linear) over the counties with emp > 0; strong10 with P90.
Written and checked with Python 3.11.2 and numpy 1.24.2 (Debian 12 /usr/bin/python3); the JSON
it prints records the versions of the run.
The definitions carry no open licence: this script reads the user's copy; its output is not
committed (the test runs it at test time).
"""
import csv
import json
import re
import sys

import numpy as np


def main() -> None:
    defs_file, cbp_file = sys.argv[1], sys.argv[2]
    cluster_of, type_of = {}, {}
    with open(defs_file, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            cluster_of[r['naics'].strip()] = r['cluster_code'].strip()
            type_of[r['cluster_code'].strip()] = r['type'].strip()
    emp, est, unmapped = {}, {}, {}
    with open(cbp_file, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            code = r['NAICS2017'].strip()
            if not re.fullmatch(r'\d{6}', code):
                continue
            county = r['GEO_ID'].strip()[9:]
            e = float(r['EMP']) if r['EMP'].strip() != '' else float('nan')
            n = float(r['ESTAB']) if r['ESTAB'].strip() != '' else float('nan')
            c = cluster_of.get(code)
            if c is None:
                unmapped[code] = unmapped.get(code, 0.0) + e
                continue
            emp[(county, c)] = emp.get((county, c), 0.0) + e
            est[(county, c)] = est.get((county, c), 0.0) + n
    counties = sorted({k[0] for k in emp})
    clusters = sorted({k[1] for k in emp})
    E = np.array([[emp.get((r, c), 0.0) for c in clusters] for r in counties])
    N = np.array([[est.get((r, c), 0.0) for c in clusters] for r in counties])
    traded = np.array([type_of[c] == 'traded' for c in clusters])
    LQ = np.full(E.shape, np.nan)
    for mask in (traded, ~traded):
        if not mask.any():
            continue
        region_total = E[:, mask].sum(axis=1)
        total = E[:, mask].sum()
        share = E[:, mask].sum(axis=0) / total
        with np.errstate(divide='ignore', invalid='ignore'):
            LQ[:, mask] = (E[:, mask] / region_total[:, None]) / share[None, :]
    strong, thresholds = [], []
    for j, c in enumerate(clusters):
        if not traded[j]:
            continue
        rows = np.where((E[:, j] > 0) & ~np.isnan(LQ[:, j]))[0]
        lq_cut = float(np.percentile(LQ[rows, j], 75))
        lq_top = float(np.percentile(LQ[rows, j], 90))
        e_cut = float(np.percentile(E[rows, j], 25))
        n_cut = float(np.percentile(N[rows, j], 25))
        thresholds.append({'cluster': c, 'regions': int(len(rows)), 'lq': lq_cut, 'lqTop': lq_top, 'employment': e_cut, 'establishments': n_cut})
        for i in rows:
            q = LQ[i, j]
            if q >= lq_cut and q >= 1 and E[i, j] > e_cut and N[i, j] > n_cut:
                strong.append({'region': counties[i], 'cluster': c, 'lq': float(q), 'employment': float(E[i, j]), 'establishments': float(N[i, j]), 'strong10': bool(q >= lq_top)})
    lqs = [{'region': counties[i], 'cluster': c, 'lq': (None if np.isnan(LQ[i, j]) else float(LQ[i, j]))} for i in range(len(counties)) for j, c in enumerate(clusters)]
    print(json.dumps({
        'regions': len(counties), 'clusters': len(clusters), 'strong': strong, 'thresholds': thresholds, 'lq': lqs,
        'unmapped': {k: v for k, v in sorted(unmapped.items())},
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__},
    }))


if __name__ == '__main__':
    main()
