/**
 * Herfindahl index of every region's industry mix (diversity vs specialisation of a region).
 *
 *   RH[r] = Σ_i (e[r,i] / e[r,·])²
 *
 * RH ∈ [1/I, 1]: 1/I when the region's size is spread equally over the I industries, 1 when it
 * holds a single industry; 1/RH is the equivalent number of equal industries. A region with total 0
 * gets NaN (warned). Time O(R·I).
 * Reference: Duranton, G. & Puga, D. (2000) "Diversity and specialisation in cities", Urban
 * Studies 37(3), 533–555, doi:10.1080/0042098002104.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';

export interface RegionalHerfindahlOptions {
  missing?: MissingPolicy;
}

export function regionalHerfindahl(e: RegionIndustryMatrix, options: RegionalHerfindahlOptions = {}): MeasureResult<{ regions: readonly string[]; values: Float64Array }> {
  const missing = options.missing ?? 'error';
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'regionalHerfindahl');
  const R = m.regions.length;
  const I = m.industries.length;
  const { regionTotal } = margins(m);
  const values = new Float64Array(R);
  const empty: string[] = [];
  for (let r = 0; r < R; r++) {
    if (!(regionTotal[r] > 0)) { values[r] = Number.NaN; empty.push(m.regions[r]); continue; }
    let s = 0;
    for (let i = 0; i < I; i++) { const x = m.values[r * I + i] / regionTotal[r]; s += x * x; }
    values[r] = s;
  }
  if (empty.length) warnings.push(`regionalHerfindahl: ${empty.length} region(s) with total 0 have NaN: ${empty.slice(0, 10).join(', ')}`);
  return {
    value: { regions: m.regions, values }, n: R, warnings,
    provenance: { measure: 'regionalHerfindahl', options: { missing }, references: ['Duranton & Puga (2000) Urban Studies 37(3):533–555, doi:10.1080/0042098002104'] },
  };
}
