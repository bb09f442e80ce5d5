/**
 * The smoothing step of the K-density (see k-density.ts): the Gaussian kernel reflected at 0,
 * added at a distance x with weight w on the evaluation grid r, and the checks every curve makes
 * on its pairs before smoothing. Shared by the exact (k-density-curve.ts) and the binned
 * (k-density-binning.ts) modes.
 *
 *   K(r_k) = 1 / (h · √(2π) · Σw) · Σ w · [exp(−(r_k − x)²/2h²) + exp(−(r_k + x)²/2h²)]
 *
 * Only the r_k within KERNEL_CUT·h of ±x are visited (φ(8) ≈ 5e-15). Pure.
 */
import { InputError } from '../../core/errors.js';

const SQRT2PI = Math.sqrt(2 * Math.PI);
/** Kernel support used in exact mode, in bandwidths (φ(8) ≈ 5e-15). */
const KERNEL_CUT = 8;

export interface KdCurveValue { value: Float64Array; bandwidth: number; pairs: number }

/** out[k] += w·[exp(−(r_k − x)²/2h²) + exp(−(r_k + x)²/2h²)] for r_k within reach of ±x. */
function addKernel(out: Float64Array, r: Float64Array, dr: number, x: number, w: number, h: number, reach: number): void {
  const L = r.length;
  const inv = 1 / (2 * h * h);
  let k0 = Math.max(0, Math.floor((x - reach) / dr));
  let k1 = Math.min(L - 1, Math.ceil((x + reach) / dr));
  for (let k = k0; k <= k1; k++) { const u = r[k] - x; out[k] += w * Math.exp(-u * u * inv); }
  // reflection: the kernel centred at −x
  k0 = 0;
  k1 = Math.min(L - 1, Math.ceil((reach - x) / dr));
  for (let k = k0; k <= k1; k++) { const u = r[k] + x; out[k] += w * Math.exp(-u * u * inv); }
}

/**
 * The denominator of DO2005 eq. 1: the weight of all pairs, near or far. Unweighted: n(n−1)/2
 * (univariate) or n_R·n_N (bivariate); weighted: Σ_{i<j} wᵢwⱼ = ((Σw)² − Σw²)/2, or Σw_R·Σw_N.
 * Pairs beyond 2·rmax thus contribute zero density inside [0, rmax] but still count (dbmss Kdhat).
 */
export function allPairsWeight(weighted: boolean, refW: Float64Array, nbrW: Float64Array | null): number {
  const nR = refW.length;
  if (!weighted) return nbrW === null ? (nR * (nR - 1)) / 2 : nR * nbrW.length;
  let s = 0, s2 = 0;
  for (let q = 0; q < nR; q++) { s += refW[q]; s2 += refW[q] * refW[q]; }
  if (nbrW !== null) {
    let t = 0;
    for (let q = 0; q < nbrW.length; q++) t += nbrW[q];
    return s * t;
  }
  return (s * s - s2) / 2;
}

/** E_DEGENERATE unless the pairs can be smoothed: ≥ 2 pairs within 2·rmax (≥ 1 with a fixed bandwidth), all-pairs Σw > 0. */
export function checkPairs(pairs: number, total: number, cutoff: number, fixedBandwidth: boolean): void {
  if (pairs < (fixedBandwidth ? 1 : 2)) throw new InputError('E_DEGENERATE', `kDensity: only ${pairs} pair(s) within 2·rmax = ${cutoff}; increase rmax`, { field: 'rmax', value: cutoff / 2 });
  if (!(total > 0)) throw new InputError('E_DEGENERATE', 'kDensity: all pair weights are 0', { field: 'weights', value: 0 });
}

/**
 * The K-density on the grid r (r₀ = 0, equally spaced) of `count` distances `at` with weights
 * `weight` (zero weights skipped), bandwidth h, normalised by `total`: the weight of all pairs
 * (allPairsWeight), so the curve integrates to the share of the pair weight within reach.
 */
export function smoothDistances(r: Float64Array, at: Float64Array, weight: Float64Array, count: number, h: number, total: number): Float64Array {
  const L = r.length;
  const out = new Float64Array(L);
  const dr = r[L - 1] / (L - 1);
  const reach = KERNEL_CUT * h;
  for (let p = 0; p < count; p++) if (weight[p] !== 0) addKernel(out, r, dr, at[p], weight[p], h, reach);
  const norm = 1 / (total * h * SQRT2PI);
  for (let k = 0; k < L; k++) out[k] *= norm;
  return out;
}
