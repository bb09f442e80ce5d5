/**
 * Locational Gini coefficient of every industry (Krugman 1991): how unevenly an industry is spread
 * over regions relative to all activity.
 *
 *   Sort regions by s[r]/x[r] ascending; X_k = Σ_{j≤k} x_(j), Y_k = Σ_{j≤k} s_(j);
 *   LG = 1 − Σ_k (X_k − X_{k−1})(Y_k + Y_{k−1})      (1 − 2 × area under that Lorenz curve)
 *
 * s[r] = e[r,i]/e[·,i]: region r's share of the industry; x[r]: its share of all activity
 * (matrix region totals, or `aggregate`). LG ∈ [0, 1): 0 when the industry is spread like all
 * activity, near 1 when it sits in a region that is small overall. Regions with x[r] = 0 add no width;
 * activity in such a region (possible only with a given `aggregate`) is left out and warned.
 * Industry total 0: NaN (warned). Time O(I·R log R).
 * Reference: Krugman, P. (1991) Geography and Trade, MIT Press, app. D; as EconGeo
 * `locational.Gini` (regions ranked by industry share / total share).
 * Cross-checked: test/reference/concentration-reference.py (numpy, trapezoid form) → test/fixtures/concentration/reference.json.
 */
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { aggregateShares } from './shares.js';

export interface LocationalGiniOptions {
  /** Benchmark size of each region (matrix order); default the matrix's region totals. */
  aggregate?: ArrayLike<number>;
  missing?: MissingPolicy;
}

export function locationalGini(e: RegionIndustryMatrix, options: LocationalGiniOptions = {}): MeasureResult<{ industries: readonly string[]; values: Float64Array }> {
  const missing = options.missing ?? 'error';
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'locationalGini');
  const R = m.regions.length;
  const I = m.industries.length;
  const { regionTotal, industryTotal } = margins(m);
  const { x } = aggregateShares(regionTotal, options.aggregate, 'locationalGini');
  const values = new Float64Array(I);
  const empty: string[] = [];
  const order = new Int32Array(R);
  const outside: string[] = [];
  const ratio = new Float64Array(R);
  for (let i = 0; i < I; i++) {
    if (!(industryTotal[i] > 0)) { values[i] = Number.NaN; empty.push(m.industries[i]); continue; }
    let k = 0;
    for (let r = 0; r < R; r++) {
      if (x[r] > 0) { order[k++] = r; ratio[r] = m.values[r * I + i] / industryTotal[i] / x[r]; }
      else if (m.values[r * I + i] > 0) outside.push(`${m.industries[i]}@${m.regions[r]}`);
    }
    const idx = Array.from(order.subarray(0, k)).sort((a, b) => ratio[a] - ratio[b]);
    let area2 = 0;
    let Y = 0;
    for (const r of idx) {
      const s = m.values[r * I + i] / industryTotal[i];
      area2 += x[r] * (2 * Y + s);
      Y += s;
    }
    values[i] = 1 - area2;
  }
  if (outside.length) warnings.push(`locationalGini: ${outside.length} cell(s) have activity in a region whose aggregate is 0 (left out of the curve): ${outside.slice(0, 10).join(', ')}`);
  if (empty.length) warnings.push(`locationalGini: ${empty.length} industr(y/ies) with total 0 have NaN: ${empty.slice(0, 10).join(', ')}`);
  return {
    value: { industries: m.industries, values }, n: I, warnings,
    provenance: { measure: 'locationalGini', options: { missing, aggregate: options.aggregate ? 'given' : 'region totals' }, references: ['Krugman (1991) Geography and Trade, MIT Press, app. D'] },
  };
}
