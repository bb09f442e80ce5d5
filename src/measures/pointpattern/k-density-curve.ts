/**
 * One K-density curve of a configuration (the observed pattern or one simulation) and the
 * simulations of the envelope (see k-density.ts for the measure, its formula and its nulls).
 * Exact mode: every pair within 2·rmax is listed and smoothed, normalised by the weight of all
 * pairs (allPairsWeight); approximate mode: the binned
 * kernel of k-density-binning.ts. `kDensitySimulate` is the unit of work of a worker thread
 * (src/runtime/simulation-worker.ts): it needs only the plain typed arrays of a `KdTask`, and
 * simulation s draws from simulationRng(seed, s) alone.
 * Complexity per curve: O(n + P) to find the P pairs within 2·rmax, O(P · 16h/Δr) to smooth
 * (exact). Pure.
 */
import type { Rng } from '../../core/rng.js';
import { bandwidthNrd0 } from './bandwidth.js';
import { kdCurveBinned } from './k-density-binning.js';
import { allPairsWeight, checkPairs, smoothDistances, type KdCurveValue } from './k-density-kernel.js';
import { forEachClosePair } from './pairs.js';
import { simulationRng } from './simulation-rng.js';

export type KdNullModel = 'random-location' | 'random-labelling' | 'population-independence';

/** Everything a simulation needs: plain typed arrays, so it can be posted to a worker. */
export interface KdTask {
  x: Float64Array;
  y: Float64Array;
  /** Weight of every site (1 when unweighted). */
  siteWeights: Float64Array;
  /** Indices of the reference points, of the neighbour points (empty: univariate). */
  refIdx: Int32Array;
  nbrIdx: Int32Array;
  /** Weights carried by the reference points (random location moves them with the points). */
  refWeights: Float64Array;
  nbrWeights: Float64Array;
  haversine: boolean;
  weighted: boolean;
  nullModel: KdNullModel;
  r: Float64Array;
  cutoff: number;
  /** Decided on the observed pattern (see kDensity's header) and kept for its simulations. */
  approximate: boolean;
  adjust: number;
  /** NaN: bw.nrd0 for each curve. */
  fixedBandwidth: number;
  seed: number;
}

/** Simulations [from, to) of a task, written to out[s · L …]; the unit of work of a worker. */
export function kDensitySimulate(task: KdTask, from: number, to: number, out: Float64Array, outOffset = from): void {
  const L = task.r.length;
  const n = task.x.length;
  const nRef = task.refIdx.length;
  const nNbr = task.nbrIdx.length;
  const pool = new Int32Array(n);
  // random location / labelling: the pool is the identity before every draw; a draw's swaps are
  // undone after it (O(drawn), not O(n) per simulation: the background may hold millions of sites)
  let identity = false;
  const swaps = new Int32Array(nRef + nNbr);
  for (let s = from; s < to; s++) {
    const rng = simulationRng(task.seed, s);
    let ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array;
    if (task.nullModel === 'population-independence') {
      ref = task.refIdx;
      refW = task.refWeights;
      // neighbours drawn among the sites that are not reference points
      const isRef = new Uint8Array(n);
      for (let k = 0; k < nRef; k++) isRef[task.refIdx[k]] = 1;
      let m = 0;
      for (let i = 0; i < n; i++) if (!isRef[i]) pool[m++] = i;
      identity = false;
      nbr = drawWithoutReplacement(pool, m, nNbr, rng);
      nbrW = task.nbrWeights;
    } else {
      if (!identity) for (let i = 0; i < n; i++) pool[i] = i;
      const drawn = drawWithoutReplacement(pool, n, nRef + nNbr, rng, swaps);
      for (let q = nRef + nNbr - 1; q >= 0; q--) {
        const t = swaps[q];
        const v = pool[t]; pool[t] = pool[q]; pool[q] = v;
      }
      identity = true;
      ref = drawn.subarray(0, nRef);
      nbr = drawn.subarray(nRef);
      if (task.nullModel === 'random-location') {
        refW = task.refWeights;
        nbrW = task.nbrWeights;
      } else {
        refW = Float64Array.from(ref, (i) => task.siteWeights[i]);
        nbrW = Float64Array.from(nbr, (i) => task.siteWeights[i]);
      }
    }
    const c = kdCurve(task, ref, nbr, refW, nbrW).value;
    out.set(c, (s - from + outOffset) * L);
  }
}

/** Partial Fisher–Yates: k distinct entries of pool[0..m) (pool is reordered; the swap partners go to `swaps`, to undo them). */
function drawWithoutReplacement(pool: Int32Array, m: number, k: number, rng: Rng, swaps?: Int32Array): Int32Array {
  for (let q = 0; q < k; q++) {
    const t = q + rng.int(m - q);
    if (swaps) swaps[q] = t;
    const v = pool[t]; pool[t] = pool[q]; pool[q] = v;
  }
  return pool.slice(0, k);
}

/** The K-density of one configuration. */
export function kdCurve(task: KdTask, ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array): KdCurveValue {
  if (task.approximate) return kdCurveBinned(task, ref, nbr, refW, nbrW);
  const { d, w, m } = collectPairs(task, ref, nbr, refW, nbrW);
  const total = allPairsWeight(task.weighted, refW, nbr.length === 0 ? null : nbrW);
  checkPairs(m, total, task.cutoff, !Number.isNaN(task.fixedBandwidth));
  const h = Number.isNaN(task.fixedBandwidth) ? bandwidthNrd0(d, m) * task.adjust : task.fixedBandwidth;
  const out = smoothDistances(task.r, d, w, m, h, total);
  return { value: out, bandwidth: h, pairs: m };
}

let pairBufD = new Float64Array(1024);
let pairBufW = new Float64Array(1024);

function collectPairs(task: KdTask, ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array): { d: Float64Array; w: Float64Array; m: number } {
  let m = 0;
  const push = (dist: number, weight: number): void => {
    if (m === pairBufD.length) {
      const nd = new Float64Array(2 * m); nd.set(pairBufD); pairBufD = nd;
      const nw = new Float64Array(2 * m); nw.set(pairBufW); pairBufW = nw;
    }
    pairBufD[m] = dist;
    pairBufW[m] = weight;
    m++;
  };
  const metric = task.haversine ? 'haversine' : 'euclidean';
  const nR = ref.length;
  if (nbr.length === 0) {
    // weights by position in `ref` (random location moves them with the points)
    const wAt = new Float64Array(task.x.length);
    for (let q = 0; q < nR; q++) wAt[ref[q]] = refW[q];
    forEachClosePair(task.x, task.y, ref, task.cutoff, metric, (i, j, dist) => push(dist, task.weighted ? wAt[i] * wAt[j] : 1));
  } else {
    const all = new Int32Array(nR + nbr.length);
    all.set(ref);
    all.set(nbr, nR);
    const role = new Int8Array(task.x.length);
    const wAt = new Float64Array(task.x.length);
    for (let q = 0; q < nR; q++) { role[ref[q]] = 1; wAt[ref[q]] = refW[q]; }
    for (let q = 0; q < nbr.length; q++) { role[nbr[q]] = 2; wAt[nbr[q]] = nbrW[q]; }
    forEachClosePair(task.x, task.y, all, task.cutoff, metric, (i, j, dist) => {
      if (role[i] !== role[j]) push(dist, task.weighted ? wAt[i] * wAt[j] : 1);
    });
  }
  return { d: pairBufD, w: pairBufW, m };
}
