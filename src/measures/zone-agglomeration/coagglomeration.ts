/**
 * Ellison–Glaeser co-agglomeration index γ^c of a group of industries: do they locate together
 * beyond what their own agglomeration explains?
 *
 *   w_j = e[·,j] / Σ_{k∈J} e[·,k]                 industry j's share of the group
 *   G   = Σ_r (s[r] − x[r])²,  s[r] = Σ_{j∈J} e[r,j] / Σ_{j∈J} e[·,j]
 *   H   = Σ_j w_j² H_j
 *   γ^c = [G/(1 − Σx²) − H − Σ_j γ_j w_j² (1 − H_j)] / (1 − Σ_j w_j²)
 *
 * γ_j, H_j: each industry's own EG γ and plant Herfindahl (computed here by ellisonGlaeser).
 * γ^c > 0: the industries co-locate more than their individual concentration predicts
 * (spillovers, shared inputs, the seed's 产业链 in space). Needs ≥ 2 industries with positive
 * totals (E_OPTION otherwise); a member with a single plant makes γ_j NaN and so γ^c NaN. O(R·|J|).
 * Reference: Ellison & Glaeser (1997) J. Polit. Econ. 105(5):889–927, eq. (5), doi:10.1086/262098.
 * REAT `ellison.c` implements the same (not installable here).
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import type { PlantMoments } from '../../data/concentration-plants.js';
import { InputError } from '../../core/errors.js';
import { indexOfLabels, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { ellisonGlaeser } from './ellison-glaeser.js';

export interface CoagglomerationOptions {
  aggregate?: ArrayLike<number>;
  missing?: MissingPolicy;
}

export function coagglomeration(e: RegionIndustryMatrix, plants: PlantMoments, group: readonly string[], options: CoagglomerationOptions = {}): MeasureResult<{ group: string[]; gamma: number; rawConcentration: number; plantHerfindahl: number; weights: number[]; memberGamma: number[] }> {
  const missing = options.missing ?? 'error';
  if (new Set(group).size !== group.length || group.length < 2) {
    throw new InputError('E_OPTION', `coagglomeration: group must name at least 2 distinct industries, got ${group.length}`, { field: 'group', value: [...group] });
  }
  const eg = ellisonGlaeser(e, plants, { aggregate: options.aggregate, missing });
  const cols = indexOfLabels(eg.value.industries, group, 'coagglomeration', 'group');
  const I = e.industries.length;
  const R = e.regions.length;
  const values = missing === 'zero' ? Float64Array.from(e.values, (v) => (Number.isNaN(v) ? 0 : v)) : e.values;
  const totals = cols.map((i) => { let s = 0; for (let r = 0; r < R; r++) s += values[r * I + i]; return s; });
  totals.forEach((t, k) => {
    if (!(t > 0)) throw new InputError('E_DEGENERATE', `coagglomeration: industry ${group[k]} has total 0`, { field: 'group', value: group[k] });
  });
  const groupTotal = totals.reduce((a, b) => a + b, 0);
  const w = totals.map((t) => t / groupTotal);
  // x and Σx² as ellisonGlaeser computes them (region totals, or the given aggregate).
  let agg: Float64Array;
  if (options.aggregate) agg = Float64Array.from(options.aggregate);
  else { agg = new Float64Array(R); for (let r = 0; r < R; r++) for (let i = 0; i < I; i++) agg[r] += values[r * I + i]; }
  const aTotal = agg.reduce((a, b) => a + b, 0);
  let sx2 = 0;
  let G = 0;
  for (let r = 0; r < R; r++) {
    const x = agg[r] / aTotal;
    sx2 += x * x;
    let s = 0;
    for (const i of cols) s += values[r * I + i];
    const d = s / groupTotal - x;
    G += d * d;
  }
  let H = 0;
  let sw2 = 0;
  let correction = 0;
  const memberGamma: number[] = [];
  cols.forEach((i, k) => {
    const Hj = eg.value.plantHerfindahl[i];
    const gj = eg.value.gamma[i];
    H += w[k] * w[k] * Hj;
    sw2 += w[k] * w[k];
    correction += gj * w[k] * w[k] * (1 - Hj);
    memberGamma.push(gj);
  });
  const gamma = (G / (1 - sx2) - H - correction) / (1 - sw2);
  return {
    value: { group: [...group], gamma, rawConcentration: G, plantHerfindahl: H, weights: w, memberGamma },
    n: group.length, warnings: eg.warnings.map((s) => s.replace(/^ellisonGlaeser/, 'coagglomeration (via ellisonGlaeser)')),
    provenance: { measure: 'coagglomeration', options: { missing, aggregate: options.aggregate ? 'given' : 'region totals', group: [...group] }, references: ['Ellison & Glaeser (1997) J. Polit. Econ. 105(5):889–927, doi:10.1086/262098'] },
  };
}
