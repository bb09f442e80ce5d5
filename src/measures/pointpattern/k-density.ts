/**
 * Duranton–Overman K-density: the density of the distances between pairs of reference points
 * (or between reference and neighbour points), smoothed with a Gaussian kernel reflected at 0,
 * with Monte Carlo envelopes under random location.
 *
 *   K(r) = 1 / (h · Σ_p w_p) · Σ_p w_p · [φ((r − d_p) / h) + φ((r + d_p) / h)],   r ≥ 0
 *
 * p: pairs {i, j} of reference points (or i reference, j neighbour) with d_p ≤ 2·rmax;
 * d_p: their distance; w_p = 1, or wᵢ·wⱼ with `weighted` (employment-weighted Kemp, DO2005 §4);
 * φ: standard normal density; h: bandwidth, R's bw.nrd0 (Silverman) of the d_p, times `adjust`.
 * The reflected term makes K integrate to exactly 1 over [0, ∞) (DO2005 eq. 2 with reflection).
 * K(r) above the random-location band: localisation at distance r; below: dispersion.
 * r: 512 values from 0 to rmax; rmax: a third of the window diameter (dbmss 'ThirdW', default),
 * the median distance between reference points ('median', DO2005), half or a quarter of the
 * diameter, or a number. The window diameter is that of the pattern's window, else of the
 * bounding box of all points (great-circle for 'haversine').
 * Approximate mode (default when the pattern has ≥ 10,000 points, as dbmss, or when more than
 * 200,000 pairs are within 2·rmax; the choice made on the data is kept for its simulations): distances are
 * linearly binned on 2,048 points of [0, 2·rmax] before smoothing, and the bandwidth's IQR is
 * read from those bins (its sd stays exact); the binning error is O(Δ²/h²), Δ = 2·rmax/2047
 * (tested: within 1% of the maximum of the exact curve, bandwidth within 1%). For planar points
 * each distance is first counted in one of 8 sub-bins per bin (one write per pair, the hot loop
 * of the envelopes) and placed at its sub-bin's centre, ≤ Δ/16 from the distance, when the
 * sub-bins are folded into the linear binning.
 * Envelopes (simulations > 0): 'random-location' (reference points, with their weights, drawn
 * without replacement from all sites of the pattern), 'random-labelling' (reference labels
 * drawn among all points; weights stay with the sites), 'population-independence' (bivariate:
 * reference points fixed, neighbour points drawn among the other sites). Each simulation
 * re-estimates the bandwidth, as dbmss does. Local (pointwise) quantiles and the DO2005 global
 * band (or, with globalMethod 'studentised', a calibrated max-deviation band); DO's localisation index Γ = Σ_r max(K − upper, 0)·Δr and dispersion index
 * Ψ = Σ_r max(lower − K, 0)·Δr (only when Γ = 0) against the global band; the intervals where
 * K leaves it. Each simulation s uses its own generator (seed, s): results do not depend on how
 * simulations are split between worker threads.
 * Degenerate: fewer than 2 reference points, or fewer than 2 pairs within 2·rmax → E_DEGENERATE.
 * Complexity: O(n + P) to find the P pairs within 2·rmax (grid or latitude sweep), O(P) for the
 * bandwidth, O(P · 16h/Δr) exact or O(P + 512 · 2048) binned; times (1 + simulations).
 * Reference: Duranton, G. & Overman, H. G. (2005) "Testing for localization using
 * micro-geographic data", Review of Economic Studies 72(4):1077–1106,
 * doi:10.1111/0034-6527.00362; Marcon, E. & Puech, F. (2017) "A typology of distance-based
 * measures of spatial concentration", Regional Science and Urban Economics 62:56–67,
 * doi:10.1016/j.regsciurbeco.2016.10.004; dbmss::Kdhat / KdEnvelope.
 * Peer: dbmss is not packaged for Debian; the measure is tested by its defining properties
 * (test/pointpattern-kdensity.test.ts). Intended agreement with dbmss Kdhat: same pairs (d ≤ 2
 * rmax), bandwidth and grid; dbmss evaluates with stats::density (FFT on a binned grid) and
 * reflects only distances below 4h — both differ from ours by far less than the envelope width.
 */
import { InputError } from '../../core/errors.js';
import { createRng, type Rng } from '../../core/rng.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { typeIndex, windowDiameter } from '../../data/point-pattern.js';
import { curveEnvelope, type GlobalMethod } from '../../inference/envelope.js';
import type { MeasureResult } from '../result.js';
import { bandwidthNrd0 } from './bandwidth.js';
import type { Curve } from './curve.js';
import { simulationRng } from './simulation-rng.js';
import { forEachClosePair, pointDistance } from './pairs.js';

export type KdNullModel = 'random-location' | 'random-labelling' | 'population-independence';
export type MaxRange = 'third-window' | 'half-window' | 'quarter-window' | 'median' | number;

export interface KDensityOptions {
  /** Type label of the reference points (e.g. an industry code). */
  reference: string;
  /** Type label of the neighbour points (default: the reference type, univariate K-density). */
  neighbour?: string;
  /** Weight pairs by wᵢ·wⱼ (pattern weights, e.g. employees). Default false. */
  weighted?: boolean;
  /** Largest distance of the curve (default 'third-window'). */
  rmax?: MaxRange;
  /** Number of evaluation points (default 512). */
  points?: number;
  /** Bandwidth multiplier (default 1). */
  adjust?: number;
  /** A fixed bandwidth instead of bw.nrd0 (in distance units). */
  bandwidth?: number;
  /** true: bin distances (2,048 bins); false: exact; default: true when the pattern has ≥ 10,000 points. */
  approximate?: boolean;
  /** Monte Carlo simulations (default 0: the curve alone). dbmss' default is 100, DO2005 used 1000. */
  simulations?: number;
  nullModel?: KdNullModel;
  alpha?: number;
  seed?: number;
  /** Compute a global band (default true). */
  global?: boolean;
  /** 'do2005' (default, as dbmss) or 'studentised' (calibrated; see src/inference/envelope.ts). */
  globalMethod?: GlobalMethod;
}

export interface KDensityCurve extends Curve {
  bandwidth: number;
  /** Pairs used (d ≤ 2·rmax). */
  pairs: number;
  /** DO2005 localisation index against the global band. */
  gamma?: number;
  /** DO2005 dispersion index against the global band (0 when localised). */
  psi?: number;
  /** Distance intervals where K leaves the global band. */
  departures?: { from: number; to: number; kind: 'localisation' | 'dispersion' }[];
}

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

const BINS = 2048;
/** Sub-bins per bin in the planar binned loop (a distance is placed at its sub-bin's centre: ≤ Δ/16 away). */
const SUB = 8;
const SQRT2PI = Math.sqrt(2 * Math.PI);
/** Kernel support used in exact mode, in bandwidths (φ(8) ≈ 5e-15). */
const KERNEL_CUT = 8;

export function kDensity(pattern: PointPattern, options: KDensityOptions): MeasureResult<KDensityCurve> {
  const { task, simulations, alpha, global, warnings, resolved, approximateAuto } = prepareKDensity(pattern, options);
  const observed = observedCurve(task, approximateAuto, resolved);
  let sims: Float64Array | undefined;
  if (simulations > 0) {
    sims = new Float64Array(simulations * task.r.length);
    kDensitySimulate(task, 0, simulations, sims);
  }
  return finishKDensity(task, observed, sims, simulations, alpha, global, warnings, resolved);
}

/** A runner that computes simulations [0, nSim) of a task elsewhere (e.g. worker threads). */
export type SimulationRunner = (job: { module: string; exportName: string; task: KdTask; simulations: number; length: number }) => Promise<Float64Array>;

/** kDensity with the simulations delegated to a runner (see src/runtime/simulation-worker.ts). */
export async function kDensityAsync(pattern: PointPattern, options: KDensityOptions, runner: SimulationRunner): Promise<MeasureResult<KDensityCurve>> {
  const { task, simulations, alpha, global, warnings, resolved, approximateAuto } = prepareKDensity(pattern, options);
  const observed = observedCurve(task, approximateAuto, resolved);
  const sims = simulations > 0 ? await runner({ module: import.meta.url, exportName: 'kDensitySimulate', task, simulations, length: task.r.length }) : undefined;
  return finishKDensity(task, observed, sims, simulations, alpha, global, warnings, resolved);
}

/** Pairs above which the default switches to binning even below 10,000 points. */
const AUTO_BIN_PAIRS = 200_000;

function observedCurve(task: KdTask, auto: boolean, resolved: Record<string, unknown>): { value: Float64Array; bandwidth: number; pairs: number } {
  let c = kdCurve(task, task.refIdx, task.nbrIdx, task.refWeights, task.nbrWeights);
  if (auto && !task.approximate && c.pairs > AUTO_BIN_PAIRS) {
    task.approximate = true;
    c = kdCurve(task, task.refIdx, task.nbrIdx, task.refWeights, task.nbrWeights);
  }
  resolved.approximate = task.approximate;
  return c;
}

function prepareKDensity(pattern: PointPattern, options: KDensityOptions) {
  const fn = 'kDensity';
  if (pattern.types === undefined) throw new InputError('E_OPTION', `${fn}: the pattern has no types (industries)`, { field: 'types', value: undefined });
  const tr = typeIndex(pattern, options.reference, fn, 'reference');
  const tn = options.neighbour === undefined ? tr : typeIndex(pattern, options.neighbour, fn, 'neighbour');
  const weighted = options.weighted ?? false;
  if (weighted && pattern.weights === undefined) throw new InputError('E_OPTION', `${fn}: weighted needs pattern weights`, { field: 'weighted', value: true });
  const nullModel = options.nullModel ?? 'random-location';
  if (!['random-location', 'random-labelling', 'population-independence'].includes(nullModel)) throw new InputError('E_OPTION', `${fn}: nullModel must be random-location, random-labelling or population-independence, got ${String(nullModel)}`, { field: 'nullModel', value: nullModel });
  if (nullModel === 'population-independence' && tn === tr) throw new InputError('E_OPTION', `${fn}: population-independence needs a neighbour type different from the reference type`, { field: 'nullModel', value: nullModel });
  const simulations = options.simulations ?? 0;
  if (!(Number.isInteger(simulations) && simulations >= 0)) throw new InputError('E_OPTION', `${fn}: simulations must be an integer ≥ 0, got ${simulations}`, { field: 'simulations', value: simulations });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new InputError('E_OPTION', `${fn}: alpha must be in (0, 1), got ${alpha}`, { field: 'alpha', value: alpha });
  const adjust = options.adjust ?? 1;
  if (!(adjust > 0)) throw new InputError('E_OPTION', `${fn}: adjust must be > 0, got ${adjust}`, { field: 'adjust', value: adjust });
  const nPoints = options.points ?? 512;
  if (!(Number.isInteger(nPoints) && nPoints >= 2)) throw new InputError('E_OPTION', `${fn}: points must be an integer ≥ 2, got ${nPoints}`, { field: 'points', value: nPoints });
  const seed = options.seed ?? 1;
  const n = pattern.x.length;
  const haversine = pattern.metric === 'haversine';
  const ref: number[] = [];
  const nbr: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pattern.types[i] === tr) ref.push(i);
    else if (tn !== tr && pattern.types[i] === tn) nbr.push(i);
  }
  if (ref.length < 2 && tn === tr) throw new InputError('E_DEGENERATE', `${fn}: reference type '${options.reference}' has ${ref.length} point(s); need at least 2`, { field: 'reference', value: ref.length });
  if (ref.length < 1 || (tn !== tr && nbr.length < 1)) throw new InputError('E_DEGENERATE', `${fn}: reference or neighbour type has no points`, { field: 'reference', value: ref.length });
  const siteWeights = new Float64Array(n).fill(1);
  if (weighted) siteWeights.set(pattern.weights!);
  const refIdx = Int32Array.from(ref);
  const nbrIdx = Int32Array.from(nbr);
  const rmaxOpt = options.rmax ?? 'third-window';
  let rmax: number;
  if (typeof rmaxOpt === 'number') rmax = rmaxOpt;
  else if (rmaxOpt === 'median') rmax = medianDistance(pattern, refIdx, seed);
  else {
    const diam = patternDiameter(pattern);
    rmax = diam / (rmaxOpt === 'third-window' ? 3 : rmaxOpt === 'half-window' ? 2 : rmaxOpt === 'quarter-window' ? 4 : Number.NaN);
  }
  if (!(Number.isFinite(rmax) && rmax > 0)) throw new InputError('E_OPTION', `${fn}: rmax must be 'third-window', 'half-window', 'quarter-window', 'median' or a positive number, got ${String(rmaxOpt)}`, { field: 'rmax', value: rmaxOpt });
  const r = new Float64Array(nPoints);
  for (let k = 0; k < nPoints; k++) r[k] = (rmax * k) / (nPoints - 1);
  const approximate = options.approximate ?? n >= 10000;
  const approximateAuto = options.approximate === undefined;
  const fixedBandwidth = options.bandwidth ?? Number.NaN;
  if (options.bandwidth !== undefined && !(options.bandwidth > 0)) throw new InputError('E_OPTION', `${fn}: bandwidth must be > 0, got ${options.bandwidth}`, { field: 'bandwidth', value: options.bandwidth });
  const task: KdTask = {
    x: pattern.x, y: pattern.y, siteWeights, refIdx, nbrIdx,
    refWeights: Float64Array.from(ref, (i) => siteWeights[i]),
    nbrWeights: Float64Array.from(nbr, (i) => siteWeights[i]),
    haversine, weighted, nullModel, r, cutoff: 2 * rmax, approximate, adjust, fixedBandwidth, seed,
  };
  const resolved = { reference: options.reference, neighbour: options.neighbour ?? options.reference, weighted, rmax, rmaxRule: rmaxOpt, points: nPoints, adjust, approximate, simulations, nullModel, alpha, global: options.global ?? true, globalMethod: options.globalMethod ?? 'do2005', bandwidth: options.bandwidth ?? 'bw.nrd0' };
  return { task, simulations, alpha, global: options.global ?? true, warnings: [] as string[], resolved, approximateAuto };
}

function finishKDensity(task: KdTask, observed: { value: Float64Array; bandwidth: number; pairs: number }, sims: Float64Array | undefined, simulations: number, alpha: number, global: boolean, warnings: string[], resolved: Record<string, unknown>): MeasureResult<KDensityCurve> {
  const L = task.r.length;
  const curve: KDensityCurve = {
    r: task.r, value: observed.value, theoretical: new Float64Array(L).fill(Number.NaN),
    bandwidth: observed.bandwidth, pairs: observed.pairs,
    distanceUnit: task.haversine ? 'km' : undefined,
  };
  if (sims) {
    curve.envelope = curveEnvelope(sims, simulations, L, alpha, task.nullModel, task.seed, global, resolved.globalMethod as GlobalMethod);
    // the theoretical value under the null: the mean of the simulations (dbmss reports the same)
    for (let k = 0; k < L; k++) {
      let s = 0;
      for (let q = 0; q < simulations; q++) s += sims[q * L + k];
      curve.theoretical[k] = s / simulations;
    }
    const lo = curve.envelope.globalLower ?? curve.envelope.lower;
    const hi = curve.envelope.globalUpper ?? curve.envelope.upper;
    const dr = L > 1 ? task.r[1] - task.r[0] : 0;
    let gamma = 0, psi = 0;
    const departures: NonNullable<KDensityCurve['departures']> = [];
    for (let k = 0; k < L; k++) {
      const v = observed.value[k];
      const kind = v > hi[k] ? 'localisation' : v < lo[k] ? 'dispersion' : null;
      if (kind === 'localisation') gamma += (v - hi[k]) * dr;
      if (kind === 'dispersion') psi += (lo[k] - v) * dr;
      const last = departures[departures.length - 1];
      if (kind && last && last.kind === kind && last.to === task.r[k - 1]) last.to = task.r[k];
      else if (kind) departures.push({ from: task.r[k], to: task.r[k], kind });
    }
    curve.gamma = gamma;
    curve.psi = gamma > 0 ? 0 : psi;
    curve.departures = departures;
  }
  return {
    value: curve,
    n: task.refIdx.length,
    inference: sims ? { nullModel: task.nullModel, permutations: simulations, alpha, gamma: curve.gamma, psi: curve.psi } : undefined,
    warnings,
    provenance: {
      measure: 'kDensity',
      options: resolved,
      seed: sims ? task.seed : undefined,
      references: ['Duranton & Overman (2005) doi:10.1111/0034-6527.00362', 'Marcon & Puech (2017) doi:10.1016/j.regsciurbeco.2016.10.004'],
    },
  };
}

/** Simulations [from, to) of a task, written to out[s · L …]; the unit of work of a worker. */
export function kDensitySimulate(task: KdTask, from: number, to: number, out: Float64Array, outOffset = from): void {
  const L = task.r.length;
  const n = task.x.length;
  const nRef = task.refIdx.length;
  const nNbr = task.nbrIdx.length;
  const pool = new Int32Array(n);
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
      nbr = drawWithoutReplacement(pool, m, nNbr, rng);
      nbrW = task.nbrWeights;
    } else {
      for (let i = 0; i < n; i++) pool[i] = i;
      const drawn = drawWithoutReplacement(pool, n, nRef + nNbr, rng);
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

/** The generator of simulation s: independent of how simulations are split between threads. */
export { simulationRng };

/** Partial Fisher–Yates: k distinct entries of pool[0..m) (pool is reordered). */
function drawWithoutReplacement(pool: Int32Array, m: number, k: number, rng: Rng): Int32Array {
  for (let q = 0; q < k; q++) {
    const t = q + rng.int(m - q);
    const v = pool[t]; pool[t] = pool[q]; pool[q] = v;
  }
  return pool.slice(0, k);
}

/** The K-density of one configuration. */
export function kdCurve(task: KdTask, ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array): { value: Float64Array; bandwidth: number; pairs: number } {
  if (task.approximate) return kdCurveBinned(task, ref, nbr, refW, nbrW);
  const { d, w, m } = collectPairs(task, ref, nbr, refW, nbrW);
  if (m < (Number.isNaN(task.fixedBandwidth) ? 2 : 1)) throw new InputError('E_DEGENERATE', `kDensity: only ${m} pair(s) within 2·rmax = ${task.cutoff}; increase rmax`, { field: 'rmax', value: task.cutoff / 2 });
  const h = Number.isNaN(task.fixedBandwidth) ? bandwidthNrd0(d, m) * task.adjust : task.fixedBandwidth;
  const r = task.r;
  const L = r.length;
  const out = new Float64Array(L);
  let total = 0;
  for (let p = 0; p < m; p++) total += w[p];
  if (!(total > 0)) throw new InputError('E_DEGENERATE', 'kDensity: all pair weights are 0', { field: 'weights', value: 0 });
  const dr = r[L - 1] / (L - 1);
  const reach = KERNEL_CUT * h;
  for (let p = 0; p < m; p++) addKernel(out, r, dr, d[p], w[p], h, reach);
  const norm = 1 / (total * h * SQRT2PI);
  for (let k = 0; k < L; k++) out[k] *= norm;
  return { value: out, bandwidth: h, pairs: m };
}

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
 * Binned mode without a list of pairs: each pair is binned on the 2,048-point grid as it is found
 * (planar: through 8 sub-bins per bin, see binPlanarPairs; haversine: linearly); the bandwidth's
 * standard deviation is exact (running sums) and its IQR is read from nearest-bin counts (error
 * ≤ one bin, Δ = 2·rmax/2047).
 */
function kdCurveBinned(task: KdTask, ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array): { value: Float64Array; bandwidth: number; pairs: number } {
  const delta = task.cutoff / (BINS - 1);
  const inv = 1 / delta;
  const c = new Float64Array(BINS);
  const counts = new Float64Array(BINS);
  let m = 0, s1 = 0, s2 = 0, total = 0;
  const n = task.x.length;
  const wAt = new Float64Array(n);
  const role = nbr.length === 0 ? null : new Int8Array(n);
  for (let q = 0; q < ref.length; q++) { wAt[ref[q]] = refW[q]; if (role) role[ref[q]] = 1; }
  for (let q = 0; q < nbr.length; q++) { wAt[nbr[q]] = nbrW[q]; role![nbr[q]] = 2; }
  let idx = ref;
  if (role) { idx = new Int32Array(ref.length + nbr.length); idx.set(ref); idx.set(nbr, ref.length); }
  const weighted = task.weighted;
  if (!task.haversine) {
    const acc = binPlanarPairs(task.x, task.y, idx, role, task.cutoff, weighted, wAt, inv, c, counts);
    m = acc[0]; s1 = acc[1]; s2 = acc[2]; total = acc[3];
  } else forEachClosePair(task.x, task.y, idx, task.cutoff, 'haversine', (i, j, dist) => {
    if (role !== null && role[i] === role[j]) return;
    const wp = weighted ? wAt[i] * wAt[j] : 1;
    const t = dist * inv;
    let b = Math.floor(t);
    if (b > BINS - 2) b = BINS - 2;
    const f = t - b;
    c[b] += wp * (1 - f);
    c[b + 1] += wp * f;
    counts[f < 0.5 ? b : b + 1]++;
    m++; s1 += dist; s2 += dist * dist; total += wp;
  });
  if (m < (Number.isNaN(task.fixedBandwidth) ? 2 : 1)) throw new InputError('E_DEGENERATE', `kDensity: only ${m} pair(s) within 2·rmax = ${task.cutoff}; increase rmax`, { field: 'rmax', value: task.cutoff / 2 });
  if (!(total > 0)) throw new InputError('E_DEGENERATE', 'kDensity: all pair weights are 0', { field: 'weights', value: 0 });
  let h = task.fixedBandwidth;
  if (Number.isNaN(h)) {
    const mean = s1 / m;
    const sd = Math.sqrt(Math.max(0, (s2 - m * mean * mean) / (m - 1)));
    const iqr = binQuantile(counts, m, 0.75, delta) - binQuantile(counts, m, 0.25, delta);
    let lo = Math.min(sd, iqr / 1.34);
    if (!(lo > 0)) lo = sd > 0 ? sd : 1;
    h = 0.9 * lo * m ** -0.2 * task.adjust;
  }
  const r = task.r;
  const L = r.length;
  const out = new Float64Array(L);
  const dr = r[L - 1] / (L - 1);
  const reach = KERNEL_CUT * h;
  for (let b = 0; b < BINS; b++) if (c[b] !== 0) addKernel(out, r, dr, b * delta, c[b], h, reach);
  const norm = 1 / (total * h * SQRT2PI);
  for (let k = 0; k < L; k++) out[k] *= norm;
  return { value: out, bandwidth: h, pairs: m };
}

/**
 * The planar pair loop of the binned mode, inlined (no visitor call per pair): the same grid as
 * forEachClosePair. Each distance d adds its weight to sub-bin ⌊8d/Δ⌋ (one write per pair; the
 * unweighted univariate case, the common one, has its own loop); the sub-bins are then folded
 * into the linear binning c (each at its centre) and the nearest-bin counts (exact: a sub-bin
 * lies wholly in one half of a bin). Returns [pairs, Σd, Σd², Σw].
 */
function binPlanarPairs(x: Float64Array, y: Float64Array, idx: Int32Array, role: Int8Array | null, cutoff: number, weighted: boolean, wAt: Float64Array, inv: number, c: Float64Array, counts: Float64Array): [number, number, number, number] {
  const n = idx.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    if (x[p] < x0) x0 = x[p];
    if (x[p] > x1) x1 = x[p];
    if (y[p] < y0) y0 = y[p];
    if (y[p] > y1) y1 = y[p];
  }
  let cell = cutoff > 0 ? cutoff : Math.max(x1 - x0, y1 - y0, 1);
  while (Math.floor((x1 - x0) / cell + 1) * Math.floor((y1 - y0) / cell + 1) > Math.max(16, 4 * n)) cell *= 2;
  const nx = Math.floor((x1 - x0) / cell) + 1;
  const ny = Math.floor((y1 - y0) / cell) + 1;
  const start = new Int32Array(nx * ny + 1);
  const cellOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    const cc = Math.min(ny - 1, Math.floor((y[p] - y0) / cell)) * nx + Math.min(nx - 1, Math.floor((x[p] - x0) / cell));
    cellOf[k] = cc;
    start[cc + 1]++;
  }
  for (let q = 0; q < nx * ny; q++) start[q + 1] += start[q];
  const fill = start.slice(0, nx * ny);
  const sx = new Float64Array(n), sy = new Float64Array(n), sw = new Float64Array(n), sr = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    const at = fill[cellOf[k]]++;
    sx[at] = x[p]; sy[at] = y[p]; sw[at] = weighted ? wAt[p] : 1; sr[at] = role ? role[p] : 0;
  }
  const c2 = cutoff * cutoff;
  // each distance goes to one of SUB sub-bins per bin (one write per pair); the sub-bins are
  // folded into the linear binning afterwards, each at its centre
  const invS = inv * SUB;
  const jTop = (BINS - 1) * SUB - 1;
  const subW = new Float64Array(jTop + 1);
  const subN = weighted ? new Float64Array(jTop + 1) : subW;
  let m = 0, s1 = 0, s2 = 0, total = 0;
  const bivariate = role !== null;
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const cc = cy * nx + cx;
      const a0 = start[cc], a1 = start[cc + 1];
      for (let a = a0; a < a1; a++) {
        const ax = sx[a], ay = sy[a], aw = sw[a], ar = sr[a];
        for (let o = -1; o < 4; o++) {
          let q0: number, q1: number;
          if (o < 0) { q0 = a + 1; q1 = a1; } else {
            const qx = cx + (o === 0 ? 1 : o - 2), qy = cy + (o === 0 ? 0 : 1);
            if (qx < 0 || qx >= nx || qy >= ny) continue;
            q0 = start[qy * nx + qx]; q1 = start[qy * nx + qx + 1];
          }
          if (!weighted && !bivariate) {
            // the common case (unweighted, univariate): pairs and Σw are the same count
            for (let q = q0; q < q1; q++) {
              const dx = sx[q] - ax, dy = sy[q] - ay;
              const d2 = dx * dx + dy * dy;
              if (d2 > c2) continue;
              const dist = Math.sqrt(d2);
              let j = (dist * invS) | 0;
              if (j > jTop) j = jTop;
              subW[j] += 1;
              m++; s1 += dist; s2 += d2;
            }
            continue;
          }
          for (let q = q0; q < q1; q++) {
            if (bivariate && sr[q] === ar) continue;
            const dx = sx[q] - ax, dy = sy[q] - ay;
            const d2 = dx * dx + dy * dy;
            if (d2 > c2) continue;
            const dist = Math.sqrt(d2);
            const wp = aw * sw[q];
            let j = (dist * invS) | 0;
            if (j > jTop) j = jTop;
            subW[j] += wp;
            if (weighted) subN[j] += 1;
            m++; s1 += dist; s2 += d2; total += wp;
          }
        }
      }
    }
  }
  if (!weighted && !bivariate) total = m;
  const half = SUB / 2;
  for (let j = 0; j <= jTop; j++) {
    const cnt = subN[j];
    if (cnt === 0) continue;
    const b = (j / SUB) | 0, part = j - b * SUB;
    const f = (part + 0.5) / SUB;
    const w = subW[j];
    c[b] += w * (1 - f);
    c[b + 1] += w * f;
    counts[part < half ? b : b + 1] += cnt;
  }
  return [m, s1, s2, total];
}

/** Type-7 quantile from counts on a grid of bin centres b·Δ, interpolated within a bin. */
function binQuantile(counts: Float64Array, m: number, p: number, delta: number): number {
  const target = (m - 1) * p + 0.5;
  let cum = 0;
  for (let b = 0; b < counts.length; b++) {
    if (cum + counts[b] >= target) return (b - 0.5 + (target - cum) / counts[b]) * delta;
    cum += counts[b];
  }
  return (counts.length - 1) * delta;
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

function patternDiameter(p: PointPattern): number {
  if (p.window !== undefined && p.metric !== 'haversine') return windowDiameter(p.window);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < p.x.length; i++) {
    x0 = Math.min(x0, p.x[i]); x1 = Math.max(x1, p.x[i]);
    y0 = Math.min(y0, p.y[i]); y1 = Math.max(y1, p.y[i]);
  }
  if (p.metric === 'haversine') {
    const xs = Float64Array.of(x0, x1), ys = Float64Array.of(y0, y1);
    return pointDistance(xs, ys, 0, 1, 'haversine');
  }
  return Math.hypot(x1 - x0, y1 - y0);
}

/** Median distance between reference points (exact up to 3,000 points, else 10⁶ seeded random pairs). */
function medianDistance(p: PointPattern, idx: Int32Array, seed: number): number {
  const n = idx.length;
  const metric = p.metric ?? 'euclidean';
  let d: Float64Array;
  if (n <= 3000) {
    d = new Float64Array((n * (n - 1)) / 2);
    let k = 0;
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) d[k++] = pointDistance(p.x, p.y, idx[a], idx[b], metric);
  } else {
    const rng = createRng(seed);
    d = new Float64Array(1_000_000);
    for (let k = 0; k < d.length; k++) {
      const a = rng.int(n);
      let b = rng.int(n - 1);
      if (b >= a) b++;
      d[k] = pointDistance(p.x, p.y, idx[a], idx[b], metric);
    }
  }
  d.sort();
  const h = (d.length - 1) / 2;
  return d[Math.floor(h)] + (h - Math.floor(h)) * (d[Math.ceil(h)] - d[Math.floor(h)]);
}
