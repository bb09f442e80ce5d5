/**
 * Marcon–Puech–Lang m: the density version of M — at each distance r (not within r), the share
 * of the neighbour type among all establishments around reference points, relative to its share
 * in the whole study area (dbmss `mhat`).
 *
 *   m(r) = Σ_{i∈R} [ gᴺᵢ(r) / gᴬᵢ(r) ]  /  Σ_{i∈R} [ (W_N − wᵢ·1[i∈N]) / (W − wᵢ) ]
 *
 *   gᴺᵢ(r) = Σ_{j∈N, j≠i} wⱼ · [φ((r − dᵢⱼ)/h) + φ((r + dᵢⱼ)/h)]
 *   gᴬᵢ(r) = Σ_{j≠i}      wⱼ · [φ((r − dᵢⱼ)/h) + φ((r + dᵢⱼ)/h)]
 *
 * R: reference points; N: neighbour points (default: the reference type); wⱼ: weights (1 when
 * unweighted); W, W_N: total weight of all points and of the neighbour type; dᵢⱼ: distance;
 * φ: standard normal density; h: bandwidth, R's bw.nrd0 (Silverman 1986, eq. 3.31) of the
 * distances from reference points to all other points within 2·rmax, times `adjust` (as dbmss:
 * `Original = TRUE`, `Adjust`). gᴺᵢ and gᴬᵢ are Gaussian kernel estimates of how much neighbour
 * weight and total weight lie at distance r from i, reflected at 0 (the kernel mass below 0 is
 * folded back, as K-density); their common factor 1/(h√2π) cancels in the ratio.
 * Read: m(r) = 2: at distance r from the reference establishments, the neighbour type is twice
 * as frequent among establishments as in the whole area; m = 1: no relative concentration.
 * M and m: for one reference point, gᴬ-weighted averaging of m over [0, R] gives M(R) up to the
 * smoothing (∫₀ᴿ m·gᴬ / ∫₀ᴿ gᴬ → M(R) as h → 0); with several reference points the same holds
 * point by point (tested in test/pointpattern-mdensity.test.ts).
 * r: 512 values from 0 to rmax; rmax: a third of the window diameter (dbmss' MaxRange "ThirdW",
 * default), half or a quarter of it, or a number; the diameter is the window's, else the bounding
 * box's (great-circle for 'haversine'). Pairs farther than 2·rmax are never enumerated.
 * Envelope (simulations > 0; in worker threads with mDensityAsync): 'random-location' as mFunction — the (type, weight) marks of all
 * points are permuted over the fixed locations (one generator per simulation, simulationRng), the
 * bandwidth is re-estimated for each simulation; pointwise quantiles and the DO2005 or
 * studentised global band. theoretical = 1.
 * Degenerate: no reference point, fewer than 2 distances for the bandwidth, or W = wᵢ for a
 * reference point → E_DEGENERATE. A reference point with no establishment within the kernel's
 * reach (8h, where φ < 6e-15) of r contributes 0 at r, as a point without neighbours in M.
 * Computation: per reference point, the weights of its neighbours are linearly binned on a grid
 * of step δ = Δr/q, q = min(64, ⌈4Δr/h⌉) (Δr: the step of r; δ ≤ h/4 unless h < Δr/16), and the
 * reflected kernel is applied from a table (no exp in the loop); binning error O(δ²/h²).
 * Complexity: per curve O(n + P) to enumerate the P pairs within 2·rmax (twice when the
 * bandwidth is estimated; pairs are never stored), plus O(|R| · B · 16h/Δr) for the kernel with
 * B ≤ 2·rmax/δ the occupied bins of a reference point. Memory O(n + L + min(|R|, c)·B): reference
 * points are binned in chunks of c (≤ 2²⁴ bin values at once, one pair pass per chunk).
 * Bandwidth: exact bw.nrd0 up to 10⁶ distances; beyond, the quartiles are interpolated in 65,536
 * bins over [0, 2·rmax] (sd exact).
 * Reference: Lang, G., Marcon, E. & Puech, F. (2020) "Distance-based measures of spatial
 * concentration: introducing a relative density function", Annals of Regional Science
 * 64:243–265, doi:10.1007/s00168-019-00959-8; Marcon & Puech (2010) doi:10.1093/jeg/lbp056;
 * dbmss::mhat / mEnvelope (documented definition).
 * Peer: dbmss is not packaged for Debian; tested by its defining properties (expectation 1
 * under random labelling; the cumulative relation with M, whose own oracle is a naive O(n²)
 * computation). Intended differences from dbmss: dbmss estimates each density with
 * stats::density (FFT on 512 binned points) and reflects only distances below a few h; we bin
 * finer (δ ≤ h/4) and reflect every pair.
 *
 * @example mDensity(pattern, { reference: '2511', simulations: 99, seed: 1 })
 */
import { InputError } from '../../core/errors.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { patternDiameter, typePair } from '../../data/point-pattern.js';
import { curveEnvelope, type GlobalMethod } from '../../inference/envelope.js';
import type { EnvelopeInference, MeasureResult } from '../result.js';
import { bandwidthNrd0 } from './bandwidth.js';
import type { Curve } from './curve.js';
import { forEachClosePair } from './pairs.js';
import { simulationRng } from './simulation-rng.js';
import { mFamilyResult } from './m-function.js';

export interface MDensityOptions {
  /** Type label of the reference points. */
  reference: string;
  /** Type label of the neighbour points (default: the reference type). */
  neighbour?: string;
  /** Weight neighbours by the pattern weights (e.g. employees). Default false. */
  weighted?: boolean;
  /** Largest distance: 'third-window' (default), 'half-window', 'quarter-window' or a number. */
  rmax?: 'third-window' | 'half-window' | 'quarter-window' | number;
  /** Number of distances (default 512). */
  points?: number;
  /** Bandwidth multiplier (default 1). */
  adjust?: number;
  /** A fixed bandwidth instead of bw.nrd0 (distance units). */
  bandwidth?: number;
  /** Monte Carlo simulations (default 0). */
  simulations?: number;
  alpha?: number;
  seed?: number;
  /** Compute a global band (default true). */
  global?: boolean;
  globalMethod?: GlobalMethod;
}

export interface MDensityCurve extends Curve {
  /** Bandwidth of the observed curve. */
  bandwidth: number;
  /** Unordered pairs within 2·rmax. */
  pairs: number;
}

/** Kernel reach in bandwidths (φ(8) ≈ 5e-15). */
const KERNEL_CUT = 8;
/** Largest number of bins per r step. */
const MAX_SUBSTEPS = 64;

export function mDensity(pattern: PointPattern, options: MDensityOptions): MeasureResult<MDensityCurve, EnvelopeInference> {
  const prep = prepareMDensity(pattern, options);
  let sims: Float64Array | undefined;
  if (prep.simulations > 0) {
    sims = new Float64Array(prep.simulations * prep.task.r.length);
    mDensitySimulate(prep.task, 0, prep.simulations, sims);
  }
  return finishMDensity(prep, sims);
}

/** A runner that computes simulations [0, simulations) of a task elsewhere (e.g. worker threads). */
export type MDensitySimulationRunner = (job: { module: string; exportName: string; task: MDensityTask; simulations: number; length: number }) => Promise<Float64Array>;

/**
 * mDensity with the simulations delegated to a runner (`workerRunner()` of
 * src/runtime/simulation-worker.ts); the same result as mDensity (one generator per simulation).
 */
export async function mDensityAsync(pattern: PointPattern, options: MDensityOptions, runner: MDensitySimulationRunner): Promise<MeasureResult<MDensityCurve, EnvelopeInference>> {
  const prep = prepareMDensity(pattern, options);
  const sims = prep.simulations > 0 ? await runner({ module: import.meta.url, exportName: 'mDensitySimulate', task: prep.task, simulations: prep.simulations, length: prep.task.r.length }) : undefined;
  return finishMDensity(prep, sims);
}

/** Everything a simulation needs: plain data and typed arrays, so it can be posted to a worker. */
export interface MDensityTask extends Graph {
  types: Int32Array;
  weights: Float64Array;
  /** Type indices of the reference and neighbour types. */
  tr: number;
  tn: number;
  seed: number;
}

/**
 * Random-location simulations [from, to) of a task, written to out[(s − from + outOffset) · L …]:
 * the (type, weight) marks permuted over the locations by simulationRng(seed, s), m recomputed
 * (bandwidth re-estimated). The unit of work of a worker thread.
 */
export function mDensitySimulate(task: MDensityTask, from: number, to: number, out: Float64Array, outOffset = from): void {
  const { n, types, weights } = task;
  const L = task.r.length;
  const perm = new Int32Array(n);
  const st = new Int32Array(n);
  const sw = new Float64Array(n);
  for (let s = from; s < to; s++) {
    const rng = simulationRng(task.seed, s);
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) { const t = rng.int(i + 1); const v = perm[i]; perm[i] = perm[t]; perm[t] = v; }
    for (let i = 0; i < n; i++) { st[i] = types[perm[i]]; sw[i] = weights[perm[i]]; }
    out.set(mDensityCurve(task, st, sw, task.tr, task.tn).value, (s - from + outOffset) * L);
  }
}

function prepareMDensity(pattern: PointPattern, options: MDensityOptions) {
  const fn = 'mDensity';
  const { tr, tn, weighted, types } = typePair(pattern, options, fn);
  const simulations = options.simulations ?? 0;
  if (!(Number.isInteger(simulations) && simulations >= 0 && simulations < 2 ** 20)) throw new InputError('E_OPTION', `${fn}: simulations must be an integer in [0, 2^20), got ${simulations}`, { field: 'simulations', value: simulations });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError('E_OPTION', `${fn}: alpha must be in (0, 1), got ${alpha}`, { field: 'alpha', value: alpha });
  const adjust = options.adjust ?? 1;
  if (!(Number.isFinite(adjust) && adjust > 0)) throw new InputError('E_OPTION', `${fn}: adjust must be > 0, got ${adjust}`, { field: 'adjust', value: adjust });
  const nPoints = options.points ?? 512;
  if (!(Number.isInteger(nPoints) && nPoints >= 2)) throw new InputError('E_OPTION', `${fn}: points must be an integer ≥ 2, got ${nPoints}`, { field: 'points', value: nPoints });
  const fixed = options.bandwidth;
  if (fixed !== undefined && !(Number.isFinite(fixed) && fixed > 0)) throw new InputError('E_OPTION', `${fn}: bandwidth must be > 0, got ${fixed}`, { field: 'bandwidth', value: fixed });
  const seed = options.seed ?? 1;
  const rmaxOpt = options.rmax ?? 'third-window';
  let rmax: number;
  if (typeof rmaxOpt === 'number') rmax = rmaxOpt;
  else {
    const div = rmaxOpt === 'third-window' ? 3 : rmaxOpt === 'half-window' ? 2 : rmaxOpt === 'quarter-window' ? 4 : Number.NaN;
    rmax = patternDiameter(pattern) / div;
  }
  if (!(Number.isFinite(rmax) && rmax > 0)) throw new InputError('E_OPTION', `${fn}: rmax must be 'third-window', 'half-window', 'quarter-window' or a positive number, got ${String(rmaxOpt)}`, { field: 'rmax', value: rmaxOpt });
  const n = pattern.x.length;
  const r = new Float64Array(nPoints);
  for (let k = 0; k < nPoints; k++) r[k] = (rmax * k) / (nPoints - 1);
  const cutoff = 2 * rmax;
  // pairs are enumerated again for every curve (twice when the bandwidth is estimated), never
  // stored: with 2·rmax a third of the diameter that would be most of the n²/2 pairs
  const P = countPairs(pattern, cutoff);
  const w = weighted ? pattern.weights! : new Float64Array(n).fill(1);
  const task: MDensityTask = { x: pattern.x, y: pattern.y, metric: pattern.metric ?? 'euclidean', n, r, cutoff, adjust, fixed: fixed ?? Number.NaN, fn, types, weights: w, tr, tn, seed };
  const resolved = { reference: options.reference, neighbour: options.neighbour ?? options.reference, weighted, rmax, rmaxRule: rmaxOpt, points: nPoints, adjust, bandwidth: fixed ?? 'bw.nrd0', simulations, alpha, global: options.global ?? true, globalMethod: options.globalMethod ?? 'do2005' };
  const observed = mDensityCurve(task, types, w, tr, tn); // first, so a degenerate pattern fails before any simulation
  return { task, observed, simulations, alpha, global: options.global ?? true, globalMethod: options.globalMethod ?? 'do2005', pairs: P, distanceUnit: pattern.distanceUnit ?? (pattern.metric === 'haversine' ? 'km' : undefined), resolved };
}

function finishMDensity(prep: ReturnType<typeof prepareMDensity>, sims: Float64Array | undefined): MeasureResult<MDensityCurve, EnvelopeInference> {
  const { task, observed, simulations, alpha } = prep;
  const { r, n, types, tr, seed } = task;
  const L = r.length;
  const curve: MDensityCurve = { r, value: observed.value, theoretical: new Float64Array(L).fill(1), bandwidth: observed.bandwidth, pairs: prep.pairs, distanceUnit: prep.distanceUnit };
  if (sims) curve.envelope = curveEnvelope(sims, simulations, L, alpha, 'random-location', seed, prep.global, prep.globalMethod);
  return mFamilyResult(curve, types.subarray(0, n), tr, simulations, alpha, seed, 'mDensity', prep.resolved,
    ['Lang, Marcon & Puech (2020) doi:10.1007/s00168-019-00959-8', 'Marcon & Puech (2010) doi:10.1093/jeg/lbp056']);
}

interface Graph {
  x: Float64Array;
  y: Float64Array;
  metric: 'euclidean' | 'haversine';
  n: number;
  r: Float64Array;
  cutoff: number;
  adjust: number;
  /** NaN: bw.nrd0 for each curve. */
  fixed: number;
  fn: string;
}

/** Distances kept for an exact bw.nrd0; above, its IQR is read from HIST_BINS bins over [0, 2·rmax]. */
const EXACT_BANDWIDTH_DISTANCES = 1_000_000;
const HIST_BINS = 65_536;
/** Bin values (two arrays) held at once: reference points are processed in chunks below this. */
const CHUNK_VALUES = 1 << 24;

function countPairs(p: PointPattern, cutoff: number): number {
  let P = 0;
  forEachClosePair(p.x, p.y, null, cutoff, p.metric ?? 'euclidean', () => { P++; });
  return P;
}

/**
 * bw.nrd0 of the distances from reference points to all other points within 2·rmax: exact up to
 * EXACT_BANDWIDTH_DISTANCES distances; beyond, sd exact (running sums) and the quartiles
 * interpolated in a histogram of HIST_BINS bins (error ≤ 2·rmax / 65,536).
 */
function referenceBandwidth(g: Graph, types: Int32Array, tr: number): number {
  let m = 0, s1 = 0, s2 = 0;
  let buf = new Float64Array(1024);
  const hist = new Float64Array(HIST_BINS);
  const hInv = HIST_BINS / g.cutoff;
  const add = (d: number): void => {
    if (m < EXACT_BANDWIDTH_DISTANCES) {
      if (m === buf.length) { const nb = new Float64Array(2 * m); nb.set(buf); buf = nb; }
      buf[m] = d;
    }
    m++; s1 += d; s2 += d * d;
    hist[Math.min(HIST_BINS - 1, Math.floor(d * hInv))]++;
  };
  forEachClosePair(g.x, g.y, null, g.cutoff, g.metric, (i, j, d) => {
    if (types[i] === tr) add(d);
    if (types[j] === tr) add(d);
  });
  if (m < 2) throw new InputError('E_DEGENERATE', `${g.fn}: only ${m} distance(s) from reference points within 2·rmax = ${g.cutoff}; increase rmax`, { field: 'rmax', value: g.cutoff / 2 });
  if (m <= EXACT_BANDWIDTH_DISTANCES) return bandwidthNrd0(buf, m);
  const mean = s1 / m;
  const sd = Math.sqrt(Math.max(0, (s2 - m * mean * mean) / (m - 1)));
  const quantile = (prob: number): number => {
    const target = (m - 1) * prob + 0.5; // rank (1-based, type 7) of the quantile, as a count
    let cum = 0;
    for (let b = 0; b < HIST_BINS; b++) {
      if (cum + hist[b] >= target) return (b + (target - cum) / hist[b]) / hInv;
      cum += hist[b];
    }
    return g.cutoff;
  };
  let lo = Math.min(sd, (quantile(0.75) - quantile(0.25)) / 1.34);
  if (!(lo > 0)) lo = sd > 0 ? sd : 1;
  return 0.9 * lo * m ** -0.2;
}

/** m for one assignment of (type, weight) marks to the locations. */
function mDensityCurve(g: Graph, types: Int32Array, w: Float64Array, tr: number, tn: number): { value: Float64Array; bandwidth: number } {
  const { n, r, fn } = g;
  const L = r.length;
  let W = 0, WN = 0;
  const refs: number[] = [];
  for (let i = 0; i < n; i++) {
    W += w[i];
    if (types[i] === tn) WN += w[i];
    if (types[i] === tr) refs.push(i);
  }
  const nRef = refs.length;
  if (nRef === 0) throw new InputError('E_DEGENERATE', `${fn}: no reference point`, { field: 'reference', value: 0 });
  const h = Number.isNaN(g.fixed) ? referenceBandwidth(g, types, tr) * g.adjust : g.fixed;
  let den = 0;
  for (const i of refs) {
    const rest = W - w[i];
    if (!(rest > 0)) throw new InputError('E_DEGENERATE', `${fn}: point ${i} holds all the weight`, { field: 'weights', row: i, value: w[i] });
    den += (WN - (types[i] === tn ? w[i] : 0)) / rest;
  }
  // bins of step δ = Δr / q; kernel table over offsets 0…S bins
  const dr = r[L - 1] / (L - 1);
  const q = Math.min(MAX_SUBSTEPS, Math.max(1, Math.ceil((4 * dr) / h)));
  const delta = dr / q;
  const B = Math.ceil(g.cutoff / delta) + 2;
  const S = Math.floor((KERNEL_CUT * h) / delta);
  const table = new Float64Array(S + 1);
  for (let o = 0; o <= S; o++) { const u = (o * delta) / h; table[o] = Math.exp(-0.5 * u * u); }
  const chunk = Math.max(1, Math.min(nRef, Math.floor(CHUNK_VALUES / (2 * B))));
  const cA = new Float64Array(chunk * B), cN = new Float64Array(chunk * B);
  const slot = new Int32Array(n).fill(-1);
  const gA = new Float64Array(L), gN = new Float64Array(L);
  const out = new Float64Array(L);
  const inv = 1 / delta;
  const bin = (s: number, j: number, d: number): void => {
    const t = d * inv;
    let b = Math.floor(t);
    if (b > B - 2) b = B - 2;
    const f = t - b;
    const wj = w[j];
    const at = s * B + b;
    cA[at] += wj * (1 - f); cA[at + 1] += wj * f;
    if (types[j] === tn) { cN[at] += wj * (1 - f); cN[at + 1] += wj * f; }
  };
  for (let c0 = 0; c0 < nRef; c0 += chunk) {
    const c1 = Math.min(nRef, c0 + chunk);
    for (let k = c0; k < c1; k++) slot[refs[k]] = k - c0;
    cA.fill(0); cN.fill(0);
    forEachClosePair(g.x, g.y, null, g.cutoff, g.metric, (i, j, d) => {
      if (slot[i] >= 0) bin(slot[i], j, d);
      if (slot[j] >= 0) bin(slot[j], i, d);
    });
    for (let k = c0; k < c1; k++) {
      const base = (k - c0) * B;
      gA.fill(0); gN.fill(0);
      for (let b = 0; b < B; b++) {
        const a = cA[base + b];
        if (a === 0) continue;
        const c = cN[base + b];
        // direct term: |k·q − b| ≤ S
        const k0 = Math.max(0, Math.ceil((b - S) / q)), k1 = Math.min(L - 1, Math.floor((b + S) / q));
        for (let kk = k0; kk <= k1; kk++) {
          const o = kk * q - b;
          const kv = table[o < 0 ? -o : o];
          gA[kk] += a * kv;
          gN[kk] += c * kv;
        }
        // reflected term: k·q + b ≤ S
        const k2 = Math.min(L - 1, Math.floor((S - b) / q));
        for (let kk = 0; kk <= k2; kk++) {
          const kv = table[kk * q + b];
          gA[kk] += a * kv;
          gN[kk] += c * kv;
        }
      }
      for (let kk = 0; kk < L; kk++) if (gA[kk] > 0) out[kk] += gN[kk] / gA[kk];
      slot[refs[k]] = -1;
    }
  }
  for (let k = 0; k < L; k++) out[k] /= den;
  return { value: out, bandwidth: h };
}
