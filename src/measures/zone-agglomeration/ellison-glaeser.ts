/**
 * Ellison–Glaeser index of the geographic concentration γ of every industry, with the moments of
 * its raw concentration G under the null of random plant location (γ = 0).
 *
 *   G = Σ_r (s[r] − x[r])²                         raw geographic concentration
 *   H = Σ_j z_j²                                   plant Herfindahl of the industry
 *   γ = [G − (1 − Σ_r x[r]²) H] / [(1 − Σ_r x[r]²)(1 − H)]
 *   E[G | γ=0]   = (1 − Σx²) H
 *   Var[G | γ=0] = 2 { H² [Σx² − 2Σx³ + (Σx²)²] − Σ_j z_j⁴ [Σx² − 4Σx³ + 3(Σx²)²] }
 *   z = (G − E[G]) / √Var[G],  p = P(Z ≥ z) (normal approximation, alternative 'greater')
 *
 * s[r] = e[r,i]/e[·,i]: region r's share of industry i's employment; x[r]: region r's share of
 * aggregate employment (the matrix's region totals, or `aggregate`, e.g. all manufacturing);
 * z_j: plant j's share of the industry (from `plants`: H = Σx²/(Σx)², Σz⁴ = Σx⁴/(Σx)⁴).
 * Reading (EG 1997): γ < 0.02 not very concentrated, γ > 0.05 highly concentrated; E[γ] = 0 when
 * plants locate at random in proportion to x. The variance is the formula of EG (1997) §4; it is
 * checked against a simulation in the tests.
 * Degenerate: industry total 0 → NaN (warned); a single plant (H = 1) → γ NaN (warned; G still
 * reported); all activity in one region → E_DEGENERATE. If `plants.sum` disagrees with the matrix's
 * industry total by more than 1e-9 relative, a warning says so (the shares would not match). O(R·I).
 * Reference: Ellison, G. & Glaeser, E.L. (1997) "Geographic concentration in U.S. manufacturing
 * industries: a dartboard approach", J. Polit. Econ. 105(5), 889–927, doi:10.1086/262098.
 * REAT `ellison.a` implements the same definitions (not installable here).
 * Cross-checked: test/reference/concentration-reference.py (numpy, from plant-level data) and the
 * hand-worked case in test/measures-concentration.test.ts → test/fixtures/concentration/reference.json.
 */
import type { PlantMoments } from '../../data/concentration-plants.js';
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { normalUpperTail } from '../../core/normal-tail.js';
import { aggregateShares } from './shares.js';

export interface EllisonGlaeserOptions {
  /** Aggregate size of each region (matrix order); default the matrix's region totals. */
  aggregate?: ArrayLike<number>;
  missing?: MissingPolicy;
}

export interface EllisonGlaeserValue {
  industries: readonly string[];
  gamma: Float64Array;
  /** Raw concentration G. */
  rawConcentration: Float64Array;
  /** Plant Herfindahl H. */
  plantHerfindahl: Float64Array;
  plants: Float64Array;
  /** E[G] and Var[G] under γ = 0, z(G) and its one-sided normal p-value. */
  expected: Float64Array;
  variance: Float64Array;
  zScore: Float64Array;
  pValue: Float64Array;
}

/** Tolerance for plants.sum vs the matrix's industry total. */
const SUM_RTOL = 1e-9;

export function ellisonGlaeser(e: RegionIndustryMatrix, plants: PlantMoments, options: EllisonGlaeserOptions = {}): MeasureResult<EllisonGlaeserValue> {
  const missing = options.missing ?? 'error';
  if (missing === 'drop-region') {
    throw new InputError('E_OPTION', "ellisonGlaeser: missing: 'drop-region' would make the plant moments disagree with the matrix; use 'error' or 'zero'", { field: 'missing', value: missing });
  }
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'ellisonGlaeser');
  const R = m.regions.length;
  const I = m.industries.length;
  if (plants.industries.length !== I || plants.industries.some((c, i) => c !== m.industries[i])) {
    throw new InputError('E_OPTION', 'ellisonGlaeser: plants.industries must list the matrix industries in the same order', { field: 'plants' });
  }
  const { regionTotal, industryTotal } = margins(m);
  const { x, sumSquares: sx2, sumCubes: sx3 } = aggregateShares(regionTotal, options.aggregate, 'ellisonGlaeser');
  const v: EllisonGlaeserValue = {
    industries: m.industries,
    gamma: new Float64Array(I), rawConcentration: new Float64Array(I), plantHerfindahl: new Float64Array(I), plants: Float64Array.from(plants.count),
    expected: new Float64Array(I), variance: new Float64Array(I), zScore: new Float64Array(I), pValue: new Float64Array(I),
  };
  const empty: string[] = [];
  const single: string[] = [];
  const mismatch: string[] = [];
  for (let i = 0; i < I; i++) {
    const T = industryTotal[i];
    if (!(T > 0)) {
      empty.push(m.industries[i]);
      for (const k of ['gamma', 'rawConcentration', 'plantHerfindahl', 'expected', 'variance', 'zScore', 'pValue'] as const) v[k][i] = Number.NaN;
      continue;
    }
    if (Math.abs(plants.sum[i] - T) > SUM_RTOL * T) mismatch.push(m.industries[i]);
    let G = 0;
    for (let r = 0; r < R; r++) { const d = m.values[r * I + i] / T - x[r]; G += d * d; }
    const P = plants.sum[i];
    const H = plants.sumSquares[i] / (P * P);
    const z4 = plants.sumFourth[i] / (P * P * P * P);
    const EG = (1 - sx2) * H;
    const VG = 2 * (H * H * (sx2 - 2 * sx3 + sx2 * sx2) - z4 * (sx2 - 4 * sx3 + 3 * sx2 * sx2));
    v.rawConcentration[i] = G;
    v.plantHerfindahl[i] = H;
    v.expected[i] = EG;
    v.variance[i] = VG;
    if (H >= 1 - 1e-12) {
      single.push(m.industries[i]);
      v.gamma[i] = Number.NaN;
      v.zScore[i] = Number.NaN;
      v.pValue[i] = Number.NaN;
      continue;
    }
    v.gamma[i] = (G - EG) / ((1 - sx2) * (1 - H));
    v.zScore[i] = VG > 0 ? (G - EG) / Math.sqrt(VG) : Number.NaN;
    v.pValue[i] = normalUpperTail(v.zScore[i]);
  }
  if (empty.length) warnings.push(`ellisonGlaeser: ${empty.length} industr(y/ies) with total 0 have NaN: ${empty.slice(0, 10).join(', ')}`);
  if (single.length) warnings.push(`ellisonGlaeser: ${single.length} industr(y/ies) with a single plant (H = 1) have γ NaN: ${single.slice(0, 10).join(', ')}`);
  if (mismatch.length) warnings.push(`ellisonGlaeser: plant sizes do not add up to the matrix total for ${mismatch.length} industr(y/ies): ${mismatch.slice(0, 10).join(', ')}`);
  return {
    value: v, n: I, warnings,
    inference: { kind: 'analytic-test', nullModel: 'random plant location in proportion to x (γ = 0), normal approximation of G', alternative: 'greater' },
    provenance: {
      measure: 'ellisonGlaeser', options: { missing, aggregate: options.aggregate ? 'given' : 'region totals', variable: e.variable ?? null },
      references: ['Ellison & Glaeser (1997) J. Polit. Econ. 105(5):889–927, doi:10.1086/262098'],
    },
  };
}
