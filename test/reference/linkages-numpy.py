#!/usr/bin/python3
"""Independent input-output reference values for test/linkages.test.ts (numpy/scipy from Debian).

Run:  /usr/bin/python3 test/reference/linkages-numpy.py
Reads the shared data (never committed): ../shared/data/io-eurostat-beutel-germany and
../shared/data/io-bea-us-summary (relative to the repository root), parses them with Python's csv
module (not our reader), and writes test/fixtures/linkages/numpy-*.json with the package versions.
Every inverse is numpy.linalg.inv / scipy.linalg.solve; extractions are done by re-inverting the
modified matrices (not by the closed forms our code uses).
"""
import csv, json, os, platform, sys
import numpy as np
import scipy
import scipy.linalg

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
DATA = os.environ.get('ATLAS_SHARED_DATA', os.path.join(ROOT, '..', 'shared', 'data'))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'linkages')
VERSIONS = {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__}


def linkages(Z, x, f=None):
    n = len(x)
    A = Z / x[None, :]
    L = np.linalg.inv(np.eye(n) - A)
    B = Z / x[:, None]
    G = np.linalg.inv(np.eye(n) - B)
    if f is None:
        f = x - Z.sum(axis=1)
    fi = x - Z.sum(axis=1)  # implied final demand (x = L f exactly)
    v = x - Z.sum(axis=0)
    tot = x.sum()
    total, backward, forward = [], [], []
    for j in range(n):
        Ab = A.copy(); Ab[j, :] = 0; Ab[:, j] = 0
        total.append(tot - scipy.linalg.solve(np.eye(n) - Ab, fi).sum())
        Ac = A.copy(); Ac[:, j] = 0
        backward.append(tot - np.linalg.inv(np.eye(n) - Ac).dot(fi).sum())
        Br = B.copy(); Br[j, :] = 0
        forward.append(tot - v.dot(np.linalg.inv(np.eye(n) - Br)).sum())
    def rh(M, axis):
        s = M.sum(axis=axis)
        return s / n / (M.sum() / n ** 2)
    def cv(M, axis):
        mean = M.mean(axis=axis)
        sd = M.std(axis=axis, ddof=1)
        return sd / mean
    return {
        'n': n,
        'L': L.tolist(), 'G': G.tolist(),
        'leontiefDiagonal': np.diag(L).tolist(),
        'backwardTotals': L.sum(axis=0).tolist(),
        'forwardTotalsGhosh': G.sum(axis=1).tolist(),
        'forwardTotalsLeontief': L.sum(axis=1).tolist(),
        'backward': rh(L, 0).tolist(),
        'forwardGhosh': rh(G, 1).tolist(),
        'forwardLeontief': rh(L, 1).tolist(),
        'backwardCv': cv(L, 0).tolist(),
        'forwardCvGhosh': cv(G, 1).tolist(),
        'extractionTotal': total, 'extractionBackward': backward, 'extractionForward': forward,
    }


def flq(Z, x, er, en, method, delta=0.3):
    n = len(x)
    A = Z / x[None, :]
    slq = (er / er.sum()) / (en / en.sum())
    lam = np.log2(1 + er.sum() / en.sum()) ** delta if method == 'flq' else 1.0
    keep = [i for i in range(n) if er[i] > 0]
    Q = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if method == 'slq':
                Q[i, j] = slq[i]
            elif er[j] > 0:  # columns of absent sectors are dropped below
                Q[i, j] = (slq[i] if i == j else slq[i] / slq[j]) * lam
    Ar = (A * np.minimum(1, Q))[np.ix_(keep, keep)]
    xr = (x * er / en)[keep]
    Lr = np.linalg.inv(np.eye(len(keep)) - Ar)
    return {'method': method, 'delta': delta, 'lambda': lam, 'slq': slq.tolist(), 'kept': keep,
            'coefficients': Ar.tolist(), 'regionalOutput': xr.tolist(), 'backwardTotals': Lr.sum(axis=0).tolist()}


def beutel():
    path = os.path.join(DATA, 'io-eurostat-beutel-germany', 'Beutel_15_4_germany_1995_siot.csv')
    rows = list(csv.DictReader(open(path, encoding='utf-8')))
    sectors = [r['iotables_row'] for r in rows if r['quadrant'] == '10' and r['iotables_row'] != 'total']
    Z = np.array([[float(r[s]) for s in sectors] for r in rows if r['iotables_row'] in sectors])
    out_row = next(r for r in rows if r['iotables_row'] == 'output_bp')
    x = np.array([float(out_row[s]) for s in sectors])  # output_bp row (column totals), as the manual
    res = linkages(Z, x)
    # Made-up regional employment (a "region" with 3% of national jobs, skewed to manufacturing,
    # no construction) to exercise SLQ/CILQ/FLQ; national = the table's employment_total row.
    emp = next(r for r in rows if r['iotables_row'] == 'employment_total')
    en = np.array([float(emp[s]) for s in sectors])
    er = np.array([20.0, 600.0, 0.0, 250.0, 90.0, 180.0])
    res['regional'] = {'regionalEmployment': er.tolist(), 'nationalEmployment': en.tolist(),
                       'flq': flq(Z, x, er, en, 'flq'), 'cilq': flq(Z, x, er, en, 'cilq'), 'slq': flq(Z, x, er, en, 'slq'),
                       'flq_delta0.1': flq(Z, x, er, en, 'flq', 0.1)}
    res['sectors'] = sectors
    res['source'] = 'Beutel_15_4_germany_1995_siot.csv (rOpenGov/iotables data-raw, Eurostat manual table 15.4); x = output_bp row'
    return res


def bea():
    path = os.path.join(DATA, 'io-bea-us-summary', 'use_before_redef_producer_2015_summary.csv')
    rows = list(csv.reader(open(path, encoding='utf-8')))
    codes = rows[4]  # ',Commodities/Industries,111CA,...'
    ind_cols = {}
    for j, c in enumerate(codes):
        if j >= 2 and c and not c.startswith('F0') and not c.startswith('F1'):
            ind_cols.setdefault(c, j)
    body = {r[0]: r for r in rows[6:] if r and r[0]}
    sectors = [c for c in ind_cols if c in body]
    def val(s):
        s = s.strip()
        return 0.0 if s in ('', '...') else float(s)
    Z = np.array([[val(body[i][ind_cols[j]]) for j in sectors] for i in sectors])
    tio = next(r for r in rows if len(r) > 1 and r[1] == 'Total Industry Output')
    x = np.array([val(tio[ind_cols[j]]) for j in sectors])
    res = linkages(Z, x)
    del res['L'], res['G']  # 71x71: the summaries suffice
    res['sectors'] = sectors
    res['source'] = 'use_before_redef_producer_2015_summary.csv (BEA, summary 2015, producers prices, before redefinitions); square block of commodity rows that are also industry columns; x = Total Industry Output row'
    # BEA published total requirements: column sums of the square industry x commodity block.
    trpath = os.path.join(DATA, 'io-bea-us-summary', 'ixc_total_requirements_2015_summary.csv')
    tr = list(csv.reader(open(trpath, encoding='utf-8')))
    tcodes = tr[4]
    tbody = {r[0]: r for r in tr[6:] if r and r[0]}
    tsec = [c for c in tcodes[2:] if c in tbody]
    T = np.array([[float(tbody[i][tcodes.index(j)]) for j in tsec] for i in tsec])
    n = len(tsec)
    res['beaTotalRequirements'] = {'sectors': tsec, 'columnSums': T.sum(axis=0).tolist(),
                                   'backward': (T.sum(axis=0) / n / (T.sum() / n ** 2)).tolist(),
                                   'forwardLeontief': (T.sum(axis=1) / n / (T.sum() / n ** 2)).tolist()}
    return res


def published():
    """Published figures copied (not computed) from the shared data, with their sources."""
    ev = json.load(open(os.path.join(DATA, 'io-eurostat-beutel-germany', 'expected_values.json'), encoding='utf-8'))
    trpath = os.path.join(DATA, 'io-bea-us-summary', 'ixc_total_requirements_2015_summary.csv')
    tr = list(csv.reader(open(trpath, encoding='utf-8')))
    tcodes = tr[4]
    total = next(r for r in tr if len(r) > 1 and r[1] == 'Total Industry Output Requirement')
    codes = [c for c in tcodes[2:] if c]
    return {
        'beutel': {
            '_source': ev['_source'],
            'sectors': ev['sectors'],
            'leontiefDiagonal': ev['leontief_inverse_diagonal_table_15_10'],
            'backwardLinkages': ev['backward_linkages_column_sums_of_leontief_inverse'],
            'forwardLinkagesPublished': ev['forward_linkages_ghosh_row_sums_published'],
            'forwardNote': ev['forward_linkages_note'],
            'tolerance': 'published to 4 decimals: |ours - published| <= 5e-5',
        },
        'bea2015': {
            '_source': 'BEA Industry-by-Commodity Total Requirements, After Redefinitions, 2015, summary level (IxC_TR_1997-2015_Summary.xlsx sheet 2015, via inmap commit 14d95dc854e50c5394f65ec6c721270042520f46); row "Total Industry Output Requirement"',
            'commodities': codes,
            'totalIndustryOutputRequirement': [float(total[tcodes.index(c)]) for c in codes],
        },
    }


if __name__ == '__main__':
    with open(os.path.join(OUT, 'published.json'), 'w') as fh:
        json.dump({**published(), '_generated_by': {'script': 'test/reference/linkages-numpy.py (copy only)', 'python': platform.python_version()}}, fh, indent=1)
    os.makedirs(OUT, exist_ok=True)
    for name, fn in (('numpy-beutel.json', beutel), ('numpy-bea-2015.json', bea)):
        res = fn()
        res['_generated_by'] = {'script': 'test/reference/linkages-numpy.py', **VERSIONS}
        with open(os.path.join(OUT, name), 'w') as fh:
            json.dump(res, fh, indent=1)
        print('wrote', name, file=sys.stderr)
