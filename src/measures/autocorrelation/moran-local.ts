/**
 * Local Moran's Iᵢ (LISA): where are the hot spots (HH), cold spots (LL) and spatial outliers
 * (HL, LH)?
 *
 *   Iᵢ = (zᵢ / m₂) · Σⱼ wᵢⱼ zⱼ,   zᵢ = xᵢ − x̄,   m₂ = Σ z² / n
 *   E[Iᵢ] = −zᵢ² wᵢ· / ((n − 1) m₂)
 *   Var[Iᵢ] = (zᵢ/m₂)² · n/(n − 2) · (wᵢ⁽²⁾ − wᵢ·²/(n − 1)) · (m₂ − zᵢ²/(n − 1))
 *   zᵢ-score = (Iᵢ − E[Iᵢ]) / √Var[Iᵢ], p from the normal (two-sided by default): `value.randomisation`
 *   `value.permutation`: conditional permutation (xᵢ fixed, neighbours drawn without replacement from the other
 *   n − 1 values; `inference/permutation.ts`), 999 by default, folded as esda: (min(#≥, #≤) + 1)/(R + 1).
 * Glossary: wᵢ· = Σⱼ wᵢⱼ, wᵢ⁽²⁾ = Σⱼ wᵢⱼ². The moments are the exact mean and variance of the
 * conditional permutation distribution (Sokal, Oden & Thomson 1998, doi:10.1111/j.1538-4632.1998.tb00396.x),
 * spdep's `localmoran(conditional = TRUE, mlvar = TRUE)`.
 * Quadrants: 'HH' high value among high neighbours, 'LL', 'HL' (high among low: outlier), 'LH';
 * `quadrantBasis` 'mean' (default, spdep's: x vs x̄ and lag(x) vs mean of lag(x)), 'median', or
 * 'pysal' (z and lag(z) against 0, esda's q). Values equal to the cut are Low, as spdep's `cut`.
 * An island kept with `islands: 'keep'` gets Iᵢ = 0, NaN moments and p-values, quadrant 'island'.
 * Optional FDR (Benjamini–Hochberg) over the permutation p-values: `fdr: true` adds `permutation.qValue`.
 * Degenerate: as `moran.ts`. Complexity O(n + L), O(R·L) with permutations.
 * Reference: Anselin (1995) "Local indicators of spatial association — LISA", Geographical
 * Analysis 27:93–115, doi:10.1111/j.1538-4632.1995.tb00338.x.
 * Cross-checked: spdep 1.2.7 `localmoran` (Iᵢ, E, Var, Z, p, quadrants) to 1e-9; the permutation
 * null's mean and variance against those exact moments, and the permutation p-values against a numpy conditional
 * permutation with 99,999 draws (test/autocorrelation-local.test.ts).
 * Difference from spdep 1.2.7's `localmoran_perm`: it draws with replacement (fixed in later spdep);
 * we draw without, as esda.
 */
import { conditionalPermutation, type ConditionalPermutationInput, type ConditionalPermutationResult } from '../../inference/permutation.js';
import type { Alternative } from '../../inference/pseudo-p.js';
import { spatialLag, type SpatialWeights } from '../../data/weights/spatial-weights.js';
import { InputError } from '../../core/errors.js';
import type { LocalTestInference, MeasureResult } from '../result.js';
import { checkChoice, checkPermutations, checkSeed, DEFAULT_PERMUTATIONS, DEFAULT_SEED, localPermutationTests, prepare, type IslandPolicy, type LocalPermutationTests, type LocalTests } from './common.js';
import { normalPValue } from '../../core/normal-tail.js';

export type Quadrant = 'HH' | 'LH' | 'LL' | 'HL' | 'island';

export interface MoranLocalOptions {
  /** Alternative of the analytic p-value; default 'two-sided' (spdep). */
  alternative?: 'greater' | 'less' | 'two-sided';
  /** Alternative of the permutation p-values; default 'folded' (esda's and spdep's "Pr(folded) Sim"). */
  permutationAlternative?: Alternative;
  permutations?: number;
  seed?: number;
  quadrantBasis?: 'mean' | 'median' | 'pysal';
  /** Add Benjamini–Hochberg q-values of the permutation p-values. Default false. */
  fdr?: boolean;
  islands?: IslandPolicy;
  /**
   * Runs the conditional permutations; default `conditionalPermutation` (one thread). Pass
   * `createPermutationPool().run` (runtime/worker-pool.ts) for worker threads: same results.
   */
  runner?: (input: ConditionalPermutationInput) => ConditionalPermutationResult;
}

export interface LocalValue {
  /** The statistic per region (Iᵢ or Gᵢ). */
  statistic: Float64Array;
  /** Analytic tests under (conditional) randomisation: exact moments, z, p from the normal. */
  randomisation: LocalTests;
  /** Conditional permutation tests; absent when permutations = 0. */
  permutation?: LocalPermutationTests;
}

export interface MoranLocalValue extends LocalValue {
  quadrant: Quadrant[];
}

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function moranLocal(x: ArrayLike<number>, w: SpatialWeights, options: MoranLocalOptions = {}): MeasureResult<MoranLocalValue, LocalTestInference> {
  const FN = 'moranLocal';
  const alternative = options.alternative ?? 'two-sided';
  const permutationAlternative = options.permutationAlternative ?? 'folded';
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const quadrantBasis = options.quadrantBasis ?? 'mean';
  const fdr = options.fdr ?? false;
  const islands = options.islands ?? 'error';
  const runner = options.runner ?? conditionalPermutation;
  checkChoice(FN, 'alternative', alternative, ['greater', 'less', 'two-sided'] as const);
  checkChoice(FN, 'permutationAlternative', permutationAlternative, ['greater', 'less', 'two-sided', 'folded'] as const);
  checkChoice(FN, 'quadrantBasis', quadrantBasis, ['mean', 'median', 'pysal'] as const);
  checkPermutations(FN, permutations);
  checkSeed(FN, seed);
  if (w.selfIncluded) throw new InputError('E_OPTION', `${FN}: the weights include self-links; local Moran needs weights without them`, { field: 'weights' });
  const prep = prepare(FN, x, w, islands);
  const n = prep.n;
  const xs = prep.x;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0;
  for (let i = 0; i < n; i++) { z[i] = xs[i] - mean; m2 += z[i] * z[i]; }
  m2 /= n;
  const lz = spatialLag(w, z);
  const statistic = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const zScore = new Float64Array(n);
  const pValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let wi = 0;
    let wi2 = 0;
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) { wi += w.weights[p]; wi2 += w.weights[p] ** 2; }
    statistic[i] = (z[i] / m2) * lz[i];
    if (prep.island[i]) { expected[i] = NaN; variance[i] = NaN; zScore[i] = NaN; pValue[i] = NaN; continue; }
    expected[i] = -(z[i] * z[i] * wi) / ((n - 1) * m2);
    variance[i] = (z[i] / m2) ** 2 * (n / (n - 2)) * (wi2 - (wi * wi) / (n - 1)) * (m2 - (z[i] * z[i]) / (n - 1));
    zScore[i] = (statistic[i] - expected[i]) / Math.sqrt(variance[i]);
    pValue[i] = normalPValue(zScore[i], alternative);
  }
  // quadrants
  const lx = spatialLag(w, xs);
  let cx = 0;
  let cl = 0;
  if (quadrantBasis === 'mean') {
    cx = mean;
    for (let i = 0; i < n; i++) cl += lx[i];
    cl /= n;
  } else if (quadrantBasis === 'median') {
    cx = median(xs);
    cl = median(lx);
  }
  const quadrant: Quadrant[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (prep.island[i]) { quadrant[i] = 'island'; continue; }
    const hi = quadrantBasis === 'pysal' ? z[i] > 0 : xs[i] > cx;
    const lhi = quadrantBasis === 'pysal' ? lz[i] > 0 : lx[i] > cl;
    quadrant[i] = hi ? (lhi ? 'HH' : 'HL') : (lhi ? 'LH' : 'LL');
  }
  const value: MoranLocalValue = { statistic, randomisation: { expected, variance, zScore, pValue }, quadrant };
  const warnings: string[] = [];
  if (prep.islandCount > 0) warnings.push(`${prep.islandCount} region(s) without neighbours kept with Iᵢ = 0 and no inference`);
  if (permutations > 0) {
    const scale = new Float64Array(n);
    for (let i = 0; i < n; i++) scale[i] = z[i] / m2;
    const perm = runner({ rows: w, values: z, scale, shift: new Float64Array(n), permutations, seed, alternative: permutationAlternative });
    value.permutation = localPermutationTests(perm, statistic, fdr);
  } else if (fdr) {
    warnings.push('fdr ignored: it adjusts the permutation p-values and permutations = 0');
  }
  return {
    value, n, warnings,
    inference: { kind: 'local-test', nullModel: 'conditional randomisation', permutations, alternative, permutationAlternative, seed },
    provenance: {
      measure: FN, options: { alternative, permutationAlternative, permutations, seed, quadrantBasis, fdr, islands, style: w.style, weights: w.kind, weightsParameters: w.parameters }, seed,
      references: ['Anselin, L. (1995) doi:10.1111/j.1538-4632.1995.tb00338.x', 'Sokal, R.R., Oden, N.L. & Thomson, B.A. (1998) doi:10.1111/j.1538-4632.1998.tb00396.x'],
    },
  };
}
