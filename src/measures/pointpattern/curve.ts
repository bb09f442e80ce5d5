/**
 * The table every distance function (K, L, cross-K, K-density, M) returns, after spatstat's `fv`
 * and dbmss' `fv` objects: the distances `r`, the estimate `value`, its `theoretical` value
 * under the null, and, when simulated, an `envelope` that records its null model, simulation
 * count, α and whether it is pointwise or global.
 */
import type { CurveEnvelope } from '../../inference/envelope.js';

export interface Curve {
  /** Distances, ascending, in `distanceUnit`. */
  r: Float64Array;
  /** The estimate at each r. */
  value: Float64Array;
  /** Its value under the null (πr² for K, r for L, 1 for M; NaN where none). */
  theoretical: Float64Array;
  envelope?: CurveEnvelope;
  distanceUnit?: string;
}

/**
 * spatstat's bin convention for cumulative counts on an r grid (whist + cumsum with breaks
 * (−step, r₀, r₁, …)): a distance d counts at r_k when d < r_k, and at the last r also when
 * d = r_last. Returns the first such k, or r.length when d lies beyond the grid.
 */
export function cumulativeBin(d: number, r: Float64Array, step: number): number {
  const K = r.length;
  let k = step > 0 ? Math.floor(d / step) + 1 : 0;
  if (k > K) k = K;
  if (k < 0) k = 0;
  while (k > 0 && d < r[k - 1]) k--;
  while (k < K && d >= r[k]) k++;
  if (k === K && d === r[K - 1]) k = K - 1;
  return k;
}

/** The largest m with r_m ≤ b (−1 when b < r₀); r.length − 1 when b is beyond the grid. */
export function floorBin(b: number, r: Float64Array, step: number): number {
  const K = r.length;
  let m = step > 0 ? Math.floor(b / step) : K - 1;
  if (m > K - 1) m = K - 1;
  if (m < -1) m = -1;
  while (m >= 0 && r[m] > b) m--;
  while (m + 1 < K && r[m + 1] <= b) m++;
  return m;
}

/** Mean spacing of an ascending grid (used as the first guess of the bin index). */
export function gridStep(r: Float64Array): number {
  return r.length > 1 ? (r[r.length - 1] - r[0]) / (r.length - 1) : 0;
}
