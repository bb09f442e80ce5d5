/**
 * Global Moran's I: do similar values sit next to each other across the whole map?
 *
 *   I = (n / S0) · Σᵢⱼ wᵢⱼ zᵢ zⱼ / Σᵢ zᵢ²,   zᵢ = xᵢ − x̄
 *   E[I] = −1 / (n − 1)
 *   Var_norm[I] = (n² S1 − n S2 + 3 S0²) / (S0² (n² − 1)) − E[I]²
 *   Var_rand[I] = [n((n² − 3n + 3) S1 − n S2 + 3 S0²) − K((n² − n) S1 − 2n S2 + 6 S0²)]
 *                 / ((n − 1)(n − 2)(n − 3) S0²) − E[I]²,   K = N Σ z⁴ / (Σ z²)²
 *   z = (I − E[I]) / √Var;  p from the normal for the alternative;  the permutation p-value is
 *   (M + 1)/(R + 1) over R random permutations of x (total randomisation).
 * Glossary: wᵢⱼ the styled weights; S0, S1, S2 the weights constants (common.ts); n the number of
 * regions (minus islands when `islands: 'keep'`); N all regions; K the sample kurtosis.
 * Read: I > E[I] means neighbours are alike (clustering of high or of low values); I < E[I] means
 * a checkerboard. With row-standardised weights I is the slope of the Moran scatterplot.
 * Degenerate: n < 3, constant x, non-finite x → InputError; islands → E_DEGENERATE unless
 * `islands: 'keep'`; n = 3 has no randomisation variance (NaN, with a warning).
 * Complexity O(n + L) analytic, O(R·(n + L)) with permutations.
 * Reference: Cliff & Ord (1981) Spatial Processes: Models and Applications, Pion, §1.5, §2.3;
 * Moran (1950) doi:10.1093/biomet/37.1-2.17.
 * Cross-checked: spdep 1.2.7 `moran.test` (both variances, styles W/B/C/U/S, queen/rook/knn/inverse
 * distance, islands with zero.policy) and `moran.mc`, and an independent numpy implementation:
 * test/reference/autocorrelation-{spdep.R,pysal.py} → test/fixtures/autocorrelation/.
 * Same defaults as spdep: alternative 'greater', randomisation as the headline variance.
 * esda reports two-sided p_norm/p_rand by default; ask for alternative 'two-sided' to get those.
 *
 * @example moran(x, queenW).inference.zScore
 */
import type { Alternative } from '../../inference/pseudo-p.js';
import { totalPermutation } from '../../inference/permutation.js';
import { spatialLag, type SpatialWeights } from '../../data/weights/spatial-weights.js';
import type { GlobalTestInference, MeasureResult, NormalTest } from '../result.js';
import { globalTestSetup, permutationTest, type IslandPolicy } from './common.js';
import { normalPValue } from '../../core/normal-tail.js';

export interface MoranOptions {
  /** Default 'greater' (positive autocorrelation), as spdep. */
  alternative?: 'greater' | 'less' | 'two-sided';
  /** Random permutations for the permutation p-value; default 999; 0 skips them. */
  permutations?: number;
  seed?: number;
  /** Regions without neighbours: 'error' (default) or 'keep' (spdep zero.policy = TRUE). */
  islands?: IslandPolicy;
}

export function moran(x: ArrayLike<number>, w: SpatialWeights, options: MoranOptions = {}): MeasureResult<number, GlobalTestInference> & { inference: GlobalTestInference } {
  const FN = 'moran';
  const { alternative, permutations, seed, islands, prep, N, n, S0, S1, S2, warnings, z, m2, m4 } = globalTestSetup(FN, x, w, options, ' with a zero lag');
  const lag = new Float64Array(N);
  const statistic = (v: Float64Array): number => {
    spatialLag(w, v, lag);
    let s = 0;
    for (let i = 0; i < N; i++) s += v[i] * lag[i];
    return ((n / S0) * s) / m2;
  };
  const I = statistic(z);
  const K = (N * m4) / (m2 * m2);
  const EI = -1 / (n - 1);
  const S02 = S0 * S0;
  const nn = n * n;
  const vNorm = (nn * S1 - n * S2 + 3 * S02) / (S02 * (nn - 1)) - EI * EI;
  const vRand = (n * (S1 * (nn - 3 * n + 3) - n * S2 + 3 * S02) - K * (S1 * (nn - n) - 2 * n * S2 + 6 * S02)) / ((n - 1) * (n - 2) * (n - 3) * S02) - EI * EI;
  if (n <= 3) warnings.push(`with n = ${n} the variance under randomisation is undefined`);
  if (vRand < 0) warnings.push('negative variance under randomisation: the distribution of x does not meet the test assumptions (spdep warns alike)');
  const test = (v: number): NormalTest => {
    const zs = (I - EI) / Math.sqrt(v);
    return { variance: v, zScore: zs, pValue: normalPValue(zs, alternative) };
  };
  const normality = test(vNorm);
  const randomisation = n > 3 ? test(vRand) : { variance: NaN, zScore: NaN, pValue: NaN };
  const inference: GlobalTestInference = {
    kind: 'global-test', expected: EI, variance: randomisation.variance, zScore: randomisation.zScore, pValue: randomisation.pValue,
    nullModel: 'randomisation', alternative, normality, randomisation, permutations,
  };
  if (permutations > 0) {
    const sims = totalPermutation(z, permutations, seed, statistic);
    inference.permutation = permutationTest(I, sims, alternative as Alternative, seed, 1);
  }
  return {
    value: I, n: N, inference, warnings,
    provenance: {
      measure: FN, options: { alternative, permutations, seed, islands, style: w.style, weights: w.kind, weightsParameters: w.parameters }, seed,
      references: ['Cliff, A.D. & Ord, J.K. (1981) Spatial Processes: Models and Applications. Pion.', 'Moran, P.A.P. (1950) doi:10.1093/biomet/37.1-2.17'],
    },
  };
}
