/**
 * Maurel–Sédillot index of geographic concentration γ_MS of every industry.
 *
 *   G_MS = (Σ_r s[r]² − Σ_r x[r]²) / (1 − Σ_r x[r]²)
 *   γ_MS = (G_MS − H) / (1 − H)
 *
 * s[r], x[r], H as in ellisonGlaeser. Like EG's γ it has expectation 0 under random plant
 * location; it is the unbiased estimator of the same γ built from the probability that two plants
 * of the industry share a region. Industry total 0 → NaN; H = 1 → NaN (warned). O(R·I).
 * Reference: Maurel, F. & Sédillot, B. (1999) "A measure of the geographic concentration in French
 * manufacturing industries", Reg. Sci. Urban Econ. 29(5), 575–604, doi:10.1016/S0166-0462(99)00020-4.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import type { PlantMoments } from '../../data/concentration-plants.js';
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { aggregateShares } from './shares.js';

export interface MaurelSedillotOptions {
  aggregate?: ArrayLike<number>;
  missing?: MissingPolicy;
}

export function maurelSedillot(e: RegionIndustryMatrix, plants: PlantMoments, options: MaurelSedillotOptions = {}): MeasureResult<{ industries: readonly string[]; values: Float64Array }> {
  const missing = options.missing ?? 'error';
  if (missing === 'drop-region') throw new InputError('E_OPTION', "maurelSedillot: missing: 'drop-region' would make the plant moments disagree with the matrix", { field: 'missing', value: missing });
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'maurelSedillot');
  const R = m.regions.length;
  const I = m.industries.length;
  if (plants.industries.length !== I || plants.industries.some((c, i) => c !== m.industries[i])) {
    throw new InputError('E_OPTION', 'maurelSedillot: plants.industries must list the matrix industries in the same order', { field: 'plants' });
  }
  const { regionTotal, industryTotal } = margins(m);
  const { sumSquares: sx2 } = aggregateShares(regionTotal, options.aggregate, 'maurelSedillot');
  const values = new Float64Array(I);
  const bad: string[] = [];
  for (let i = 0; i < I; i++) {
    const T = industryTotal[i];
    const H = plants.sumSquares[i] / (plants.sum[i] * plants.sum[i]);
    if (!(T > 0) || !(H < 1 - 1e-12)) { values[i] = Number.NaN; bad.push(m.industries[i]); continue; }
    let ss = 0;
    for (let r = 0; r < R; r++) { const s = m.values[r * I + i] / T; ss += s * s; }
    values[i] = ((ss - sx2) / (1 - sx2) - H) / (1 - H);
  }
  if (bad.length) warnings.push(`maurelSedillot: ${bad.length} industr(y/ies) with total 0 or a single plant have NaN: ${bad.slice(0, 10).join(', ')}`);
  return {
    value: { industries: m.industries, values }, n: I, warnings,
    provenance: { measure: 'maurelSedillot', options: { missing, aggregate: options.aggregate ? 'given' : 'region totals' }, references: ['Maurel & Sédillot (1999) Reg. Sci. Urban Econ. 29(5):575–604, doi:10.1016/S0166-0462(99)00020-4'] },
  };
}
