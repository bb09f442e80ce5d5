/**
 * Marcon–Puech M: the relative density of neighbours of the reference type around reference
 * points, compared with the same ratio over the whole study area.
 *
 *   M(r) = Σ_{i∈R} [ Σ_{j≠i, dᵢⱼ≤r, j∈N} wⱼ / Σ_{j≠i, dᵢⱼ≤r} wⱼ ]  /  Σ_{i∈R} [ (W_N − wᵢ·1[i∈N]) / (W − wᵢ) ]
 *
 * R: reference points; N: neighbour points (default: the reference type); wⱼ: weights (1 when
 * unweighted); W, W_N: total weight of all points and of the neighbour type. A reference point
 * with no neighbour at all within r contributes 0 (as dbmss). M(r) = 1: the reference type is as
 * frequent around reference points as everywhere; M(r) = 2: twice as frequent (relative
 * concentration at distance r, whatever the overall density of activity).
 * r: 64 values rmax·k/64, k = 1…64 (M is undefined at 0); rmax default half the window diameter
 * (dbmss' default range). Envelope: 'random-location' — the (type, weight) marks of all points
 * are permuted over the locations (seeded, one generator per simulation), pointwise quantiles
 * and the DO2005 or studentised global band.
 * Degenerate: no reference point, or W = wᵢ for a reference point → E_DEGENERATE.
 * Complexity: O(n + P) to find the P pairs within rmax (once; simulations permute marks on the
 * same pairs), O(P + |R|·64) per curve.
 * Reference: Marcon, E. & Puech, F. (2010) "Measures of the geographic concentration of
 * industries: improving distance-based methods", Journal of Economic Geography 10(5):745–762,
 * doi:10.1093/jeg/lbp056; dbmss::Mhat / MEnvelope.
 * Peer: dbmss is not packaged for Debian; tested against a naive O(n²) computation of the formula
 * and by its properties (M ≡ 1 when every point has the reference type's share of neighbours).
 */
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { patternDiameter, typePair } from '../../data/point-pattern.js';
import { curveEnvelope, type GlobalMethod } from '../../inference/envelope.js';
import type { EnvelopeInference, MeasureResult } from '../result.js';
import type { Curve } from './curve.js';
import { forEachClosePair } from './pairs.js';

export interface MFunctionOptions {
  reference: string;
  neighbour?: string;
  weighted?: boolean;
  /** Largest distance (default half the window or bounding-box diameter). */
  rmax?: number;
  /** Explicit distances (ascending, > 0) instead of the 64-value grid. */
  r?: ArrayLike<number>;
  simulations?: number;
  alpha?: number;
  seed?: number;
  global?: boolean;
  globalMethod?: GlobalMethod;
}

export function mFunction(pattern: PointPattern, options: MFunctionOptions): MeasureResult<Curve, EnvelopeInference> {
  const fn = 'mFunction';
  const { tr, tn, weighted, types } = typePair(pattern, options, fn);
  const simulations = options.simulations ?? 0;
  if (!(Number.isInteger(simulations) && simulations >= 0)) throw new InputError('E_OPTION', `${fn}: simulations must be an integer ≥ 0, got ${simulations}`, { field: 'simulations', value: simulations });
  const alpha = options.alpha ?? 0.05;
  const seed = options.seed ?? 1;
  const n = pattern.x.length;
  const metric = pattern.metric ?? 'euclidean';
  let r: Float64Array;
  if (options.r !== undefined) {
    r = Float64Array.from(options.r);
    for (let k = 0; k < r.length; k++) if (!(r[k] > 0) || (k > 0 && r[k] <= r[k - 1])) throw new InputError('E_OPTION', `${fn}: r must be > 0 and increasing; r[${k}] = ${r[k]}`, { field: 'r', row: k, value: r[k] });
  } else {
    const rmax = options.rmax ?? patternDiameter(pattern) / 2;
    if (!(rmax > 0)) throw new InputError('E_OPTION', `${fn}: rmax must be > 0, got ${rmax}`, { field: 'rmax', value: rmax });
    r = new Float64Array(64);
    for (let k = 0; k < 64; k++) r[k] = (rmax * (k + 1)) / 64;
  }
  const K = r.length;
  const rmax = r[K - 1];
  // pairs within rmax, with the index of the first r they count at (d ≤ r_k)
  let pi = new Int32Array(1024), pj = new Int32Array(1024), pk = new Int32Array(1024);
  let P = 0;
  forEachClosePair(pattern.x, pattern.y, null, rmax, metric, (i, j, d) => {
    let lo = 0, hi = K - 1; // first k with r_k ≥ d
    while (lo < hi) { const mid = (lo + hi) >> 1; if (r[mid] >= d) hi = mid; else lo = mid + 1; }
    if (r[lo] < d) return;
    if (P === pi.length) {
      const grow = (a: Int32Array) => { const b = new Int32Array(2 * a.length); b.set(a); return b; };
      pi = grow(pi); pj = grow(pj); pk = grow(pk);
    }
    pi[P] = i; pj[P] = j; pk[P] = lo; P++;
  });
  const w = weighted ? pattern.weights! : new Float64Array(n).fill(1);
  const observed = mCurve(types, w, tr, tn, pi, pj, pk, P, K, fn);
  const curve: Curve = { r, value: observed, theoretical: new Float64Array(K).fill(1), distanceUnit: pattern.distanceUnit };
  if (simulations > 0) {
    const sims = new Float64Array(simulations * K);
    const perm = new Int32Array(n);
    const st = new Int32Array(n);
    const sw = new Float64Array(n);
    for (let s = 0; s < simulations; s++) {
      const rng = createRng((seed >>> 0) * 2 ** 20 + s);
      for (let i = 0; i < n; i++) perm[i] = i;
      for (let i = n - 1; i > 0; i--) { const t = rng.int(i + 1); const v = perm[i]; perm[i] = perm[t]; perm[t] = v; }
      for (let i = 0; i < n; i++) { st[i] = types[perm[i]]; sw[i] = w[perm[i]]; }
      sims.set(mCurve(st, sw, tr, tn, pi, pj, pk, P, K, fn), s * K);
    }
    curve.envelope = curveEnvelope(sims, simulations, K, alpha, 'random-location', seed, options.global ?? true, options.globalMethod ?? 'do2005');
  }
  return mFamilyResult(curve, types, tr, simulations, alpha, seed, fn,
    { reference: options.reference, neighbour: options.neighbour ?? options.reference, weighted, rmax, rLength: K, simulations, alpha, globalMethod: options.globalMethod ?? 'do2005' },
    ['Marcon & Puech (2010) doi:10.1093/jeg/lbp056']);
}

/**
 * The MeasureResult of an M-family curve (M, m): n = reference points (type tr), inference
 * when simulated (marks permuted over fixed locations), provenance.
 */
export function mFamilyResult<C>(
  curve: C, types: ArrayLike<number>, tr: number, simulations: number, alpha: number, seed: number,
  measure: string, options: Record<string, unknown>, references: string[],
): MeasureResult<C, EnvelopeInference> {
  let nRef = 0;
  for (let i = 0; i < types.length; i++) if (types[i] === tr) nRef++;
  return {
    value: curve,
    n: nRef,
    inference: simulations > 0 ? { kind: 'envelope', nullModel: 'random-location', simulations, alpha } : undefined,
    warnings: [],
    provenance: { measure, options, seed: simulations > 0 ? seed : undefined, references },
  };
}

function mCurve(types: Int32Array, w: Float64Array, tr: number, tn: number, pi: Int32Array, pj: Int32Array, pk: Int32Array, P: number, K: number, fn: string): Float64Array {
  const n = types.length;
  const slot = new Int32Array(n).fill(-1);
  let nRef = 0;
  let W = 0, WN = 0;
  for (let i = 0; i < n; i++) {
    W += w[i];
    if (types[i] === tn) WN += w[i];
    if (types[i] === tr) slot[i] = nRef++;
  }
  if (nRef === 0) throw new InputError('E_DEGENERATE', `${fn}: no reference point`, { field: 'reference', value: 0 });
  const tot = new Float64Array(nRef * K);
  const nb = new Float64Array(nRef * K);
  for (let p = 0; p < P; p++) {
    const i = pi[p], j = pj[p], k = pk[p];
    if (slot[i] >= 0) { tot[slot[i] * K + k] += w[j]; if (types[j] === tn) nb[slot[i] * K + k] += w[j]; }
    if (slot[j] >= 0) { tot[slot[j] * K + k] += w[i]; if (types[i] === tn) nb[slot[j] * K + k] += w[i]; }
  }
  let den = 0;
  for (let i = 0; i < n; i++) {
    if (slot[i] < 0) continue;
    const rest = W - w[i];
    if (!(rest > 0)) throw new InputError('E_DEGENERATE', `${fn}: point ${i} holds all the weight`, { field: 'weights', row: i, value: w[i] });
    den += (WN - (types[i] === tn ? w[i] : 0)) / rest;
  }
  const out = new Float64Array(K);
  for (let s = 0; s < nRef; s++) {
    let t = 0, b = 0;
    for (let k = 0; k < K; k++) {
      t += tot[s * K + k];
      b += nb[s * K + k];
      if (t > 0) out[k] += b / t;
    }
  }
  for (let k = 0; k < K; k++) out[k] /= den;
  return out;
}
