/**
 * Global Geary's C: are neighbours' values close to each other (C < 1) or far apart (C > 1)?
 *
 *   C = (n − 1) Σᵢⱼ wᵢⱼ (xᵢ − xⱼ)² / (2 S0 Σᵢ zᵢ²),   E[C] = 1
 *   Var_norm[C] = ((2 S1 + S2)(n − 1) − 4 S0²) / (2 (n + 1) S0²)
 *   Var_rand[C] = [(n − 1) S1 (n² − 3n + 3 − (n − 1)K) − ¼ (n − 1) S2 (n² + 3n − 6 − (n² − n + 2)K)
 *                 + S0² (n² − 3 − (n − 1)² K)] / (n (n − 2)(n − 3) S0²)
 *   z = (E[C] − C) / √Var  (positive z = positive autocorrelation, as spdep's `geary.test`)
 * Glossary as `moran.ts`; K = n Σz⁴/(Σz²)². With islands kept, n is the number of regions with
 * neighbours, except where spdep 1.2.7 uses the full count (the n of "− 3n", "+ 3n", "− n" and
 * the leading n of the denominator of Var_rand, and the n + 1 of Var_norm) — we follow spdep there so the numbers match.
 * Read: C ranges from 0 upwards; C < 1 similar neighbours, C > 1 dissimilar. Geary's C weighs
 * local differences, Moran's I global covariance; they can disagree on maps with outliers.
 * 'greater' (default) tests positive autocorrelation (C < 1); the permutation p-value counts permuted C ≤ observed.
 * Degenerate cases and complexity as `moran.ts`.
 * Reference: Geary (1954) "The contiguity ratio and statistical mapping", The Incorporated
 * Statistician 5:115–145, doi:10.2307/2986645; Cliff & Ord (1981) §1.5.
 * Cross-checked: spdep 1.2.7 `geary.test` and `geary.mc`, and numpy (see moran.ts).
 */
import { totalPermutation } from '../../inference/permutation.js';
import type { SpatialWeights } from '../../data/weights/spatial-weights.js';
import type { GlobalTestInference, MeasureResult, NormalTest } from '../result.js';
import { globalTestSetup, permutationTest, type IslandPolicy } from './common.js';
import { normalPValue } from '../../core/normal-tail.js';

export interface GearyOptions {
  /** 'greater' (default): positive autocorrelation, C < 1. */
  alternative?: 'greater' | 'less' | 'two-sided';
  permutations?: number;
  seed?: number;
  islands?: IslandPolicy;
}

export function geary(x: ArrayLike<number>, w: SpatialWeights, options: GearyOptions = {}): MeasureResult<number, GlobalTestInference> & { inference: GlobalTestInference } {
  const FN = 'geary';
  const { alternative, permutations, seed, islands, prep, N, n, S0, S1, S2, warnings, z, m2, m4 } = globalTestSetup(FN, x, w, options, '');
  const { offsets, neighbors, weights } = w;
  const statistic = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < N; i++) {
      for (let p = offsets[i]; p < offsets[i + 1]; p++) { const d = v[i] - v[neighbors[p]]; s += weights[p] * d * d; }
    }
    return ((n - 1) * s) / (2 * S0 * m2);
  };
  const C = statistic(z);
  const K = (n * m4) / (m2 * m2);
  const S02 = S0 * S0;
  const nn = n * n;
  const n1 = n - 1;
  const vNorm = ((2 * S1 + S2) * n1 - 4 * S02) / (2 * (N + 1) * S02);
  // spdep 1.2.7 geary.test uses the unadjusted N in these places (identical when there are no islands)
  let vRand = n1 * S1 * (nn - 3 * N + 3 - K * n1);
  vRand -= 0.25 * (n1 * S2 * (nn + 3 * N - 6 - K * (nn - N + 2)));
  vRand += S02 * (nn - 3 - K * n1 * n1);
  vRand /= N * (n - 2) * (n - 3) * S02;
  const test = (v: number): NormalTest => {
    const zs = (1 - C) / Math.sqrt(v);
    return { variance: v, zScore: zs, pValue: normalPValue(zs, alternative) };
  };
  if (n <= 3) warnings.push(`with n = ${n} the variance under randomisation is undefined`);
  const normality = test(vNorm);
  const randomisation = n > 3 ? test(vRand) : { variance: NaN, zScore: NaN, pValue: NaN };
  const inference: GlobalTestInference = {
    kind: 'global-test', expected: 1, variance: randomisation.variance, zScore: randomisation.zScore, pValue: randomisation.pValue,
    nullModel: 'randomisation', alternative, normality, randomisation, permutations,
  };
  if (permutations > 0) {
    const sims = totalPermutation(z, permutations, seed, statistic);
    // positive autocorrelation = small C
    const alt = alternative === 'greater' ? 'less' : alternative === 'less' ? 'greater' : 'two-sided';
    inference.permutation = permutationTest(C, sims, alt, seed, -1);
  }
  return {
    value: C, n: N, inference, warnings,
    provenance: {
      measure: FN, options: { alternative, permutations, seed, islands, style: w.style, weights: w.kind, weightsParameters: w.parameters }, seed,
      references: ['Geary, R.C. (1954) doi:10.2307/2986645', 'Cliff, A.D. & Ord, J.K. (1981) Spatial Processes: Models and Applications. Pion.'],
    },
  };
}
