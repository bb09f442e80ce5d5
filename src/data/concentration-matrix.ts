/**
 * RegionIndustryMatrix: the size of every industry in every region (employment, output or
 * establishments) as one row-major Float64Array, with the region and industry labels.
 *
 *   values[r * industries.length + i] = e[r,i]
 *
 * This is the input of the specialisation, zone-agglomeration, shift-share and cluster-strength
 * measures. It is pure data (no files, no DuckDB): `src/load/region-industry.ts` fills it from a
 * workspace; tests and library users build it with `regionIndustryMatrix`.
 *
 * Missing values are NaN. They are never dropped silently: `prepareMatrix` throws E_NOT_FINITE
 * by default, or on request ('zero' / 'drop-region') replaces or removes them and says how
 * many in the warnings.
 */
import { InputError } from '../core/errors.js';

export interface RegionIndustryMatrix {
  /** Region codes, one per row. */
  regions: readonly string[];
  /** Industry (or cluster category) codes, one per column. */
  industries: readonly string[];
  /** Row-major sizes, length regions.length × industries.length; NaN marks an unknown cell. */
  values: Float64Array;
  /** What the sizes are: 'employment', 'output', 'establishments', … (for provenance). */
  variable?: string;
}

/** How a measure treats NaN cells: throw (default), count them as 0, or drop the regions that hold them. */
export type MissingPolicy = 'error' | 'zero' | 'drop-region';

/** Build a matrix from nested rows (rows = regions), checking shape, finiteness and sign (NaN allowed). */
export function regionIndustryMatrix(regions: readonly string[], industries: readonly string[], rows: ArrayLike<ArrayLike<number>> | Float64Array, variable?: string): RegionIndustryMatrix {
  const R = regions.length;
  const I = industries.length;
  let values: Float64Array;
  if (rows instanceof Float64Array) {
    if (rows.length !== R * I) throw new InputError('E_OPTION', `regionIndustryMatrix: values has ${rows.length} cells, expected ${R}×${I}`, { field: 'values', value: rows.length });
    values = rows;
  } else {
    if (rows.length !== R) throw new InputError('E_OPTION', `regionIndustryMatrix: ${rows.length} rows for ${R} regions`, { field: 'rows', value: rows.length });
    values = new Float64Array(R * I);
    for (let r = 0; r < R; r++) {
      const row = rows[r];
      if (row.length !== I) throw new InputError('E_OPTION', `regionIndustryMatrix: row ${r} has ${row.length} cells, expected ${I}`, { field: 'rows', row: r, value: row.length });
      for (let i = 0; i < I; i++) values[r * I + i] = row[i];
    }
  }
  const m: RegionIndustryMatrix = { regions, industries, values, variable };
  checkMatrix(m, 'regionIndustryMatrix', true);
  return m;
}

/** Throw on ±Infinity, negative cells, duplicate labels; NaN passes only when `allowNaN`. */
export function checkMatrix(m: RegionIndustryMatrix, fn: string, allowNaN: boolean): void {
  const I = m.industries.length;
  if (m.values.length !== m.regions.length * I) {
    throw new InputError('E_OPTION', `${fn}: matrix has ${m.values.length} cells, expected ${m.regions.length}×${I}`, { field: 'values', value: m.values.length });
  }
  for (let k = 0; k < m.values.length; k++) {
    const v = m.values[k];
    if (Number.isNaN(v)) {
      if (allowNaN) continue;
      throw new InputError('E_NOT_FINITE', `${fn}: e[${m.regions[Math.floor(k / I)]}, ${m.industries[k % I]}] must be finite, got NaN (pass missing: 'zero' or 'drop-region' to proceed)`, {
        field: 'values', row: Math.floor(k / I), column: k % I, value: v,
      });
    }
    if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `${fn}: e[${m.regions[Math.floor(k / I)]}, ${m.industries[k % I]}] must be finite, got ${v}`, { field: 'values', row: Math.floor(k / I), column: k % I, value: v });
    if (v < 0) throw new InputError('E_NEGATIVE', `${fn}: e[${m.regions[Math.floor(k / I)]}, ${m.industries[k % I]}] must be ≥ 0, got ${v}`, { field: 'values', row: Math.floor(k / I), column: k % I, value: v });
  }
  for (const [name, labels] of [['regions', m.regions], ['industries', m.industries]] as const) {
    const seen = new Set<string>();
    for (const l of labels) {
      if (seen.has(l)) throw new InputError('E_OPTION', `${fn}: duplicate label ${l} in ${name}`, { field: name, value: l });
      seen.add(l);
    }
  }
}

/**
 * Apply a missing-value policy: returns a matrix without NaN and the warnings that say what was
 * done. Throws E_NOT_FINITE for 'error' when a NaN exists; E_DEGENERATE when nothing is left.
 */
export function prepareMatrix(m: RegionIndustryMatrix, missing: MissingPolicy, fn: string): { matrix: RegionIndustryMatrix; warnings: string[]; excludedRegions: string[] } {
  if (missing !== 'error' && missing !== 'zero' && missing !== 'drop-region') {
    throw new InputError('E_OPTION', `${fn}: missing must be 'error', 'zero' or 'drop-region', got ${String(missing)}`, { field: 'missing', value: missing });
  }
  checkMatrix(m, fn, missing !== 'error');
  const I = m.industries.length;
  let nan = 0;
  for (let k = 0; k < m.values.length; k++) if (Number.isNaN(m.values[k])) nan++;
  if (nan === 0) {
    if (m.regions.length === 0 || I === 0) throw new InputError('E_DEGENERATE', `${fn}: the matrix is empty (${m.regions.length} regions × ${I} industries)`, { field: 'values' });
    return { matrix: m, warnings: [], excludedRegions: [] };
  }
  if (missing === 'zero') {
    const values = Float64Array.from(m.values, (v) => (Number.isNaN(v) ? 0 : v));
    return { matrix: { ...m, values }, warnings: [`${fn}: ${nan} unknown cell(s) counted as 0 (missing: 'zero')`], excludedRegions: [] };
  }
  const keep: number[] = [];
  const excludedRegions: string[] = [];
  for (let r = 0; r < m.regions.length; r++) {
    let bad = false;
    for (let i = 0; i < I; i++) if (Number.isNaN(m.values[r * I + i])) { bad = true; break; }
    if (bad) excludedRegions.push(m.regions[r]); else keep.push(r);
  }
  if (keep.length === 0) throw new InputError('E_DEGENERATE', `${fn}: every region has an unknown cell; nothing left after missing: 'drop-region'`, { field: 'values' });
  const values = new Float64Array(keep.length * I);
  keep.forEach((r, k) => values.set(m.values.subarray(r * I, (r + 1) * I), k * I));
  return {
    matrix: { ...m, regions: keep.map((r) => m.regions[r]), values },
    warnings: [`${fn}: ${excludedRegions.length} region(s) with ${nan} unknown cell(s) dropped (missing: 'drop-region'): ${excludedRegions.slice(0, 10).join(', ')}${excludedRegions.length > 10 ? ', …' : ''}`],
    excludedRegions,
  };
}

/** Row totals e[r,·], column totals e[·,i] and the grand total e[·,·] (compensated sums). */
export function margins(m: RegionIndustryMatrix): { regionTotal: Float64Array; industryTotal: Float64Array; total: number } {
  const R = m.regions.length;
  const I = m.industries.length;
  const regionTotal = new Float64Array(R);
  const industryTotal = new Float64Array(I);
  const ic = new Float64Array(I);
  let total = 0;
  let tc = 0;
  for (let r = 0; r < R; r++) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < I; i++) {
      const x = m.values[r * I + i];
      let t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
      const y = industryTotal[i];
      t = y + x;
      ic[i] += Math.abs(y) >= Math.abs(x) ? y - t + x : x - t + y;
      industryTotal[i] = t;
    }
    regionTotal[r] = s + c;
    const t = total + regionTotal[r];
    tc += Math.abs(total) >= Math.abs(regionTotal[r]) ? total - t + regionTotal[r] : regionTotal[r] - t + total;
    total = t;
  }
  for (let i = 0; i < I; i++) industryTotal[i] += ic[i];
  return { regionTotal, industryTotal, total: total + tc };
}

/** Index of each label, throwing E_OPTION for a label that is not in the list. */
export function indexOfLabels(labels: readonly string[], wanted: readonly string[], fn: string, field: string): number[] {
  const at = new Map(labels.map((l, k) => [l, k]));
  return wanted.map((w) => {
    const k = at.get(w);
    if (k === undefined) throw new InputError('E_OPTION', `${fn}: ${field} names ${w}, which is not in the matrix`, { field, value: w });
    return k;
  });
}
