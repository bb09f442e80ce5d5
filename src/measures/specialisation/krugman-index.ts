/**
 * Krugman specialisation index of every region (dissimilarity of its industry mix from the nation's).
 *
 *   K[r] = ½ Σ_i | e[r,i]/e[r,·] − e[·,i]/e[·,·] |
 *
 * K ∈ [0, 1): 0 when region r has exactly the national industry mix, near 1 when it holds only
 * industries that are tiny nationally. Krugman (1991) writes the sum without ½ (range [0, 2));
 * we follow EconGeo `spec.coeff` and halve it — multiply by 2 for Krugman's scale.
 * A region with total 0 gets NaN (warned). NaN cells: E_NOT_FINITE unless `missing` says otherwise.
 * Time O(R·I).
 * Reference: Krugman, P. (1991) Geography and Trade, MIT Press, ch. 3 and app. D.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';

export interface KrugmanIndexOptions {
  missing?: MissingPolicy;
}

export function krugmanIndex(e: RegionIndustryMatrix, options: KrugmanIndexOptions = {}): MeasureResult<{ regions: readonly string[]; values: Float64Array }> {
  const missing = options.missing ?? 'error';
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'krugmanIndex');
  const R = m.regions.length;
  const I = m.industries.length;
  const { regionTotal, industryTotal, total } = margins(m);
  if (!(total > 0)) throw new InputError('E_DEGENERATE', 'krugmanIndex: the grand total is 0', { field: 'values', value: total });
  const values = new Float64Array(R);
  const empty: string[] = [];
  for (let r = 0; r < R; r++) {
    if (!(regionTotal[r] > 0)) { values[r] = Number.NaN; empty.push(m.regions[r]); continue; }
    let s = 0;
    for (let i = 0; i < I; i++) s += Math.abs(m.values[r * I + i] / regionTotal[r] - industryTotal[i] / total);
    values[r] = s / 2;
  }
  if (empty.length) warnings.push(`krugmanIndex: ${empty.length} region(s) with total 0 have NaN: ${empty.slice(0, 10).join(', ')}`);
  return {
    value: { regions: m.regions, values }, n: R, warnings,
    provenance: { measure: 'krugmanIndex', options: { missing, scale: 'half-sum (EconGeo spec.coeff)' }, references: ['Krugman (1991) Geography and Trade, MIT Press'] },
  };
}
