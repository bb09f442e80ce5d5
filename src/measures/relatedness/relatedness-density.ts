/**
 * Relatedness density of an industry in a place (Hidalgo et al. 2007, doi:10.1126/science.1144581,
 * "density" ω; EconGeo's `relatedness.density`):
 *
 *   densityᵢ = Σ_{j≠i} φᵢⱼ Mⱼ / Σ_{j≠i} φᵢⱼ
 *
 * M: the place's binary specialisation vector (1 where its LQ ≥ 1); φ: industry proximity
 * (`industryProximity`). The share of i's related industries (weighted by proximity) in which the
 * place is already specialised, in [0, 1]: high density means the place has the capabilities i
 * draws on, so i is an easier industry to attract or grow (the principle of relatedness).
 * EconGeo reports the same quantity × 100. Degenerate: an industry related to none (Σφ = 0) gets
 * NaN, listed in `warnings`. Complexity O(I²) per place.
 * Cross-checked: hand-derived case in test/plan-gaps.test.ts.
 */
import { InputError } from '../../core/errors.js';
import type { MeasureResult } from '../result.js';

export function relatednessDensity(specialised: ArrayLike<number>, phi: Float64Array, industries: readonly string[]): MeasureResult<Float64Array> {
  const I = industries.length;
  if (phi.length !== I * I) throw new InputError('E_OPTION', `relatednessDensity: phi has ${phi.length} cells, expected ${I} × ${I}`, { field: 'phi', value: phi.length });
  if (specialised.length !== I) throw new InputError('E_OPTION', `relatednessDensity: the specialisation vector has ${specialised.length} entries, expected ${I}`, { field: 'specialised', value: specialised.length });
  for (let j = 0; j < I; j++) if (specialised[j] !== 0 && specialised[j] !== 1) throw new InputError('E_OPTION', `relatednessDensity: specialised[${j}] must be 0 or 1, got ${specialised[j]}`, { field: 'specialised', row: j, value: specialised[j] });
  const out = new Float64Array(I);
  const isolated: string[] = [];
  for (let i = 0; i < I; i++) {
    let num = 0; let den = 0;
    for (let j = 0; j < I; j++) { if (j === i) continue; const f = phi[i * I + j]; num += f * specialised[j]; den += f; }
    out[i] = den > 0 ? num / den : Number.NaN;
    if (!(den > 0)) isolated.push(industries[i]);
  }
  return {
    value: out, n: I,
    warnings: isolated.length ? [`relatednessDensity: ${isolated.length} industr${isolated.length === 1 ? 'y is' : 'ies are'} related to no other (NaN): ${isolated.slice(0, 10).join(', ')}`] : [],
    provenance: { measure: 'relatednessDensity', options: {}, references: ['Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007) Science 317(5837):482–487, doi:10.1126/science.1144581', 'Balland, P.-A. (2017) EconGeo: Computing Key Indicators of the Spatial Distribution of Economic Activities, R package'] },
  };
}
