/**
 * Getis–Ord local Gᵢ and G*ᵢ: is region i in a concentration of high (hot spot) or low (cold
 * spot) values?
 *
 *   Gᵢ  = Σ_{j≠i} wᵢⱼ xⱼ / Σ_{j≠i} xⱼ          (weights without self-links)
 *   G*ᵢ = Σⱼ wᵢⱼ xⱼ / Σⱼ xⱼ                    (weights with self-links: `includeSelf`)
 *   z(Gᵢ)  = (Σⱼ wᵢⱼ xⱼ − wᵢ· x̄₍ᵢ₎) / √( s²₍ᵢ₎ ((n − 1) wᵢ⁽²⁾ − wᵢ·²) / (n − 2) )
 *   z(G*ᵢ) = (Σⱼ wᵢⱼ xⱼ − wᵢ· x̄) / √( s² (n wᵢ⁽²⁾ − wᵢ·²) / (n − 1) )
 * Glossary: x̄₍ᵢ₎, s²₍ᵢ₎ the mean and (1/(n−1)) variance of the values other than xᵢ; x̄, s² (1/n)
 * of all values; wᵢ· = Σⱼ wᵢⱼ, wᵢ⁽²⁾ = Σⱼ wᵢⱼ² (self included for G*). These are spdep's `localG`
 * z-scores (Ord & Getis 1995), p from the normal, two-sided by default: `value.randomisation`.
 * `value.permutation`: conditional permutation, xᵢ fixed — for G*ᵢ xᵢ stays in its own position and only the
 * neighbours are drawn (without replacement) from the other n − 1 values; folded by default.
 * Read: z > 0 a hot spot, z < 0 a cold spot. G needs a variable with a natural origin and no
 * negative values (counts, employment, LQ); negative values give a warning.
 * `star` must agree with the weights (default: star = w.selfIncluded); E_OPTION otherwise.
 * Degenerate: as `moran.ts`; Σx = 0 is E_DEGENERATE. Complexity O(n + L), O(R·L) with permutations.
 * References: Getis & Ord (1992) doi:10.1111/j.1538-4632.1992.tb00261.x; Ord & Getis (1995)
 * doi:10.1111/j.1538-4632.1995.tb00912.x.
 * Cross-checked: spdep 1.2.7 `localG` (Gᵢ and G*ᵢ z-scores and G*ᵢ values, styles W and B) to
 * 1e-9; the permutation null's mean and variance against the exact conditional moments computed
 * with spdep (test/autocorrelation-local.test.ts).
 * Difference from spdep 1.2.7's `localG_perm`: it draws with replacement and, for G*ᵢ, also
 * redraws xᵢ (both fixed in later spdep); we keep xᵢ fixed and draw without replacement.
 */
import { InputError } from '../../core/errors.js';
import { conditionalPermutation, type ConditionalPermutationInput, type ConditionalPermutationResult } from '../../inference/permutation.js';
import type { Alternative } from '../../inference/pseudo-p.js';
import { spatialLag, type SpatialWeights } from '../../data/weights/spatial-weights.js';
import type { LocalTestInference, MeasureResult } from '../result.js';
import { checkChoice, checkPermutations, checkSeed, DEFAULT_PERMUTATIONS, DEFAULT_SEED, localPermutationTests, prepare, type IslandPolicy } from './common.js';
import type { LocalValue } from './moran-local.js';
import { normalPValue } from '../../core/normal-tail.js';

export interface GetisOrdLocalOptions {
  /** G*ᵢ (self included) or Gᵢ; default: whether the weights include self-links. */
  star?: boolean;
  alternative?: 'greater' | 'less' | 'two-sided';
  permutationAlternative?: Alternative;
  permutations?: number;
  seed?: number;
  fdr?: boolean;
  islands?: IslandPolicy;
  /**
   * Runs the conditional permutations; default `conditionalPermutation` (one thread). Pass
   * `createPermutationPool().run` (runtime/worker-pool.ts) for worker threads: same results.
   */
  runner?: (input: ConditionalPermutationInput) => ConditionalPermutationResult;
}

export interface GetisOrdLocalValue extends LocalValue {
  /** 'hot' when z > 0, 'cold' when z < 0, 'none' when z is 0 or undefined. */
  spot: ('hot' | 'cold' | 'none')[];
}

export function getisOrdLocal(x: ArrayLike<number>, w: SpatialWeights, options: GetisOrdLocalOptions = {}): MeasureResult<GetisOrdLocalValue, LocalTestInference> {
  const FN = 'getisOrdLocal';
  const star = options.star ?? w.selfIncluded;
  const alternative = options.alternative ?? 'two-sided';
  const permutationAlternative = options.permutationAlternative ?? 'folded';
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const fdr = options.fdr ?? false;
  const islands = options.islands ?? 'error';
  const runner = options.runner ?? conditionalPermutation;
  checkChoice(FN, 'alternative', alternative, ['greater', 'less', 'two-sided'] as const);
  checkChoice(FN, 'permutationAlternative', permutationAlternative, ['greater', 'less', 'two-sided', 'folded'] as const);
  checkPermutations(FN, permutations);
  checkSeed(FN, seed);
  if (star !== w.selfIncluded) {
    throw new InputError('E_OPTION', star ? `${FN}: G*ᵢ needs weights that include self-links (includeSelf(w))` : `${FN}: Gᵢ needs weights without self-links`, { field: 'star', value: star });
  }
  const prep = prepare(FN, x, w, islands);
  const n = prep.n;
  const xs = prep.x;
  const warnings: string[] = [];
  let total = 0;
  let total2 = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) { total += xs[i]; total2 += xs[i] * xs[i]; if (xs[i] < 0) negatives++; }
  if (negatives > 0) warnings.push(`${negatives} negative value(s): Getis–Ord G assumes a non-negative variable with a natural origin`);
  if (total === 0) throw new InputError('E_DEGENERATE', `${FN}: Σx = 0, so G is undefined`, { field: 'x', value: 0 });
  const mean = total / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const lx = spatialLag(w, xs);
  const statistic = new Float64Array(n);
  const expected = new Float64Array(n);
  const variance = new Float64Array(n);
  const zScore = new Float64Array(n);
  const pValue = new Float64Array(n);
  const spot: ('hot' | 'cold' | 'none')[] = new Array(n);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let wi = 0;
    let wi2 = 0;
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) { wi += w.weights[p]; wi2 += w.weights[p] ** 2; }
    const denom = star ? total : total - xs[i];
    scale[i] = 1 / denom;
    statistic[i] = lx[i] / denom;
    let eLag: number;
    let vLag: number;
    if (star) {
      eLag = wi * mean;
      vLag = (ss / n) * ((n * wi2 - wi * wi) / (n - 1));
    } else {
      const mi = (total - xs[i]) / (n - 1);
      const si2 = (total2 - xs[i] * xs[i]) / (n - 1) - mi * mi;
      eLag = wi * mi;
      vLag = si2 * (((n - 1) * wi2 - wi * wi) / (n - 2));
    }
    if (prep.island[i]) { expected[i] = NaN; variance[i] = NaN; zScore[i] = NaN; pValue[i] = NaN; spot[i] = 'none'; continue; }
    expected[i] = eLag / denom;
    variance[i] = vLag / (denom * denom);
    zScore[i] = (lx[i] - eLag) / Math.sqrt(vLag);
    pValue[i] = normalPValue(zScore[i], alternative);
    spot[i] = zScore[i] > 0 ? 'hot' : zScore[i] < 0 ? 'cold' : 'none';
  }
  const value: GetisOrdLocalValue = { statistic, randomisation: { expected, variance, zScore, pValue }, spot };
  if (prep.islandCount > 0) warnings.push(`${prep.islandCount} region(s) without neighbours kept with no inference`);
  if (permutations > 0) {
    const perm = runner({ rows: w, values: xs, scale, shift: new Float64Array(n), permutations, seed, alternative: permutationAlternative });
    value.permutation = localPermutationTests(perm, statistic, fdr);
  } else if (fdr) {
    warnings.push('fdr ignored: it adjusts the permutation p-values and permutations = 0');
  }
  return {
    value, n, warnings,
    inference: { kind: 'local-test', nullModel: 'conditional randomisation', permutations, alternative, permutationAlternative, seed },
    provenance: {
      measure: FN, options: { star, alternative, permutationAlternative, permutations, seed, fdr, islands, style: w.style, weights: w.kind, weightsParameters: w.parameters }, seed,
      references: ['Getis, A. & Ord, J.K. (1992) doi:10.1111/j.1538-4632.1992.tb00261.x', 'Ord, J.K. & Getis, A. (1995) doi:10.1111/j.1538-4632.1995.tb00912.x'],
    },
  };
}
