/**
 * Proximity of industries from co-location (Hidalgo, Klinger, Barabási & Hausmann 2007, "The
 * product space conditions the development of nations", Science 317(5837):482–487,
 * doi:10.1126/science.1144581), on a binary region × industry matrix of revealed comparative
 * advantage (Mᵣᵢ = 1 where the location quotient LQᵣᵢ ≥ 1):
 *
 *   φᵢⱼ = Cᵢⱼ / max(uᵢ, uⱼ),   Cᵢⱼ = Σᵣ Mᵣᵢ Mᵣⱼ,   uᵢ = Σᵣ Mᵣᵢ
 *
 * Cᵢⱼ: regions specialised in both i and j; uᵢ: ubiquity of i. φᵢⱼ = min(P(i | j), P(j | i)), the
 * smaller conditional probability of co-specialisation, in [0, 1]; symmetric. The diagonal is 0
 * (an industry is not counted as related to itself). An industry with no specialised region has
 * φ = 0 to every other one.
 * Complexity O(Σᵣ |Mᵣ|² + I²) with |Mᵣ| the industries r specialises in.
 * Cross-checked: hand-derived case in test/plan-gaps.test.ts. EconGeo's `relatedness()` uses a
 * different normalisation (co-occurrence over its expectation); this is Hidalgo's φ.
 */
import { InputError } from '../../core/errors.js';
import type { RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';

export function industryProximity(m: RegionIndustryMatrix): MeasureResult<{ industries: readonly string[]; phi: Float64Array; ubiquity: Float64Array }> {
  const R = m.regions.length;
  const I = m.industries.length;
  if (m.values.length !== R * I) throw new InputError('E_OPTION', `industryProximity: values has ${m.values.length} cells, expected ${R} × ${I}`, { field: 'values', value: m.values.length });
  const c = new Float64Array(I * I);
  const u = new Float64Array(I);
  const list: number[] = [];
  for (let r = 0; r < R; r++) {
    list.length = 0;
    for (let i = 0; i < I; i++) {
      const v = m.values[r * I + i];
      if (v !== 0 && v !== 1) throw new InputError('E_OPTION', `industryProximity: values[${r}][${i}] must be 0 or 1 (a binary RCA matrix), got ${v}`, { field: 'values', row: r, value: v });
      if (v === 1) list.push(i);
    }
    for (const i of list) { u[i]++; for (const j of list) if (i !== j) c[i * I + j]++; }
  }
  const phi = new Float64Array(I * I);
  for (let i = 0; i < I; i++) for (let j = 0; j < I; j++) {
    const d = Math.max(u[i], u[j]);
    if (i !== j && d > 0) phi[i * I + j] = c[i * I + j] / d;
  }
  return {
    value: { industries: m.industries, phi, ubiquity: u }, n: R, warnings: [],
    provenance: { measure: 'industryProximity', options: {}, references: ['Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007) Science 317(5837):482–487, doi:10.1126/science.1144581'] },
  };
}
