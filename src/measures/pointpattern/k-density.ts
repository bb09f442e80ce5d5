/**
 * Duranton–Overman K-density: the density of the distances between pairs of reference points
 * (or between reference and neighbour points), smoothed with a Gaussian kernel reflected at 0,
 * with Monte Carlo envelopes under random location.
 *
 *   K(r) = 1 / (h · W) · Σ_{p: d_p ≤ 2·rmax} w_p · [φ((r − d_p) / h) + φ((r + d_p) / h)],   r ≥ 0
 *
 * p: pairs {i, j} of reference points (or i reference, j neighbour); d_p: their distance;
 * w_p = 1, or wᵢ·wⱼ with `weighted` (employment-weighted Kemp, DO2005 §4); W = Σ over ALL pairs
 * of w_p: n(n−1)/2 unweighted (n_R·n_N bivariate), as DO2005 eq. 1 and dbmss Kdhat. Pairs
 * beyond 2·rmax contribute zero density inside [0, rmax] (their kernels are < φ(rmax/h) there)
 * and are not listed, but they count in W; the curve is the density of all pair distances, so
 * it integrates to 1 over [0, ∞) only when 2·rmax covers every pair, and to the share of W
 * within reach otherwise. (Before this release the denominator was the weight of the pairs within 2·rmax
 * alone, up to ~5% high at the peak when many pairs lie beyond; no option keeps that, since it
 * made the curve depend on rmax and the envelopes' simulations on their own far pairs.)
 * φ: standard normal density; h: bandwidth, R's bw.nrd0 (Silverman) of the d_p ≤ 2·rmax, times
 * `adjust` (dbmss Approximate = 0 takes bw.nrd0 of all distances: pass `bandwidth` to match it).
 * The reflected term keeps the mass of the kernels on [0, ∞) (DO2005 eq. 2 with reflection).
 * K(r) above the random-location band: localisation at distance r; below: dispersion.
 * r: 512 values from 0 to rmax; rmax: a third of the window diameter (dbmss 'ThirdW', default),
 * the median distance between reference points ('median', DO2005), half or a quarter of the
 * diameter, or a number. The window diameter is that of the pattern's window, else of the
 * bounding box of all points (for 'haversine', the great-circle diagonal of the window's
 * lon/lat frame, else of the points' bounding box), as dbmss takes diameter(X$win).
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
 * band (or, with globalMethod 'studentised', a calibrated max-deviation band); DO's localisation
 * index Γ = Σ_r max(K − upper, 0)·Δr (`localisationIndex`) and dispersion index
 * Ψ = Σ_r max(lower − K, 0)·Δr (`dispersionIndex`, only when Γ = 0) against the global band; the intervals where
 * K leaves it. Each simulation s uses its own generator (seed, s): results do not depend on how
 * simulations are split between worker threads.
 * Degenerate: fewer than 2 reference points, or fewer than 2 pairs within 2·rmax (the bandwidth
 * needs two distances) → E_DEGENERATE.
 * Complexity: O(n + P) to find the P pairs within 2·rmax (grid or latitude sweep), O(P) for the
 * bandwidth, O(P · 16h/Δr) exact or O(P + 512 · 2048) binned; times (1 + simulations).
 * Reference: Duranton, G. & Overman, H. G. (2005) "Testing for localization using
 * micro-geographic data", Review of Economic Studies 72(4):1077–1106,
 * doi:10.1111/0034-6527.00362; Marcon, E. & Puech, F. (2017) "A typology of distance-based
 * measures of spatial concentration", Regional Science and Urban Economics 62:56–67,
 * doi:10.1016/j.regsciurbeco.2016.10.004; dbmss::Kdhat / KdEnvelope.
 * Peer: dbmss is not packaged for Debian; the curve is checked against a hand derivation (the
 * all-pairs normalisation on three points), its defining properties (∫ = 1 when 2·rmax covers
 * every pair) and R's stats::density on the same distances with dbmss' normalisation
 * (test/reference/kdensity-stats-density.R; test/pointpattern-kdensity.test.ts). Agreement with
 * dbmss Kdhat (Approximate = 0): same pairs, same W, same grid; dbmss takes bw.nrd0 of all
 * distances (ours: of those ≤ 2·rmax; equal when 2·rmax covers every pair) and evaluates with
 * stats::density (FFT on a binned grid). From n ≥ 10,000 dbmss switches to Approximate = 1,
 * whose bandwidth is bw.nrd0 of the 2,048 bin centres (not of the distances: a far larger h),
 * so compare with Approximate = 0 (docs/measures-pointpatterns.md).
 * Files: this one resolves the options and builds the result (envelope, indices, departures);
 * k-density-curve.ts computes one curve (exact mode) and the simulations; k-density-binning.ts
 * is the binned mode and its planar pair loop; k-density-kernel.ts the reflected kernel.
 */
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { patternDiameter, pointDistance, typeIndex, windowFrame } from '../../data/point-pattern.js';
import { curveEnvelope, type GlobalMethod } from '../../inference/envelope.js';
import type { EnvelopeInference, MeasureResult } from '../result.js';
import type { Curve } from './curve.js';
import { kdCurve, kDensitySimulate, type KdNullModel, type KdTask } from './k-density-curve.js';
import type { KdCurveValue } from './k-density-kernel.js';
import { simulationRng } from './simulation-rng.js';

export { kDensitySimulate, type KdNullModel, type KdTask };
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
  /** Pairs smoothed (d ≤ 2·rmax). */
  pairs: number;
  /** All pairs, near or far: n(n−1)/2, or n_R·n_N bivariate (the unweighted denominator W). */
  allPairs: number;
  /** Duranton–Overman's localisation index Γ against the global band (DO2005 §3.3). */
  localisationIndex?: number;
  /** Duranton–Overman's dispersion index Ψ against the global band (0 when localised). */
  dispersionIndex?: number;
  /** Distance intervals where K leaves the global band. */
  departures?: { from: number; to: number; kind: 'localisation' | 'dispersion' }[];
}

export function kDensity(pattern: PointPattern, options: KDensityOptions): MeasureResult<KDensityCurve, EnvelopeInference> {
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
export async function kDensityAsync(pattern: PointPattern, options: KDensityOptions, runner: SimulationRunner): Promise<MeasureResult<KDensityCurve, EnvelopeInference>> {
  const { task, simulations, alpha, global, warnings, resolved, approximateAuto } = prepareKDensity(pattern, options);
  const observed = observedCurve(task, approximateAuto, resolved);
  const sims = simulations > 0 ? await runner({ module: import.meta.url, exportName: 'kDensitySimulate', task, simulations, length: task.r.length }) : undefined;
  return finishKDensity(task, observed, sims, simulations, alpha, global, warnings, resolved);
}

/** Pairs above which the default switches to binning even below 10,000 points. */
const AUTO_BIN_PAIRS = 200_000;

function observedCurve(task: KdTask, auto: boolean, resolved: Record<string, unknown>): KdCurveValue {
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
    const diam = kdDiameter(pattern);
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

function finishKDensity(task: KdTask, observed: KdCurveValue, sims: Float64Array | undefined, simulations: number, alpha: number, global: boolean, warnings: string[], resolved: Record<string, unknown>): MeasureResult<KDensityCurve, EnvelopeInference> {
  const L = task.r.length;
  const curve: KDensityCurve = {
    r: task.r, value: observed.value, theoretical: new Float64Array(L).fill(Number.NaN),
    bandwidth: observed.bandwidth, pairs: observed.pairs,
    allPairs: task.nbrIdx.length === 0 ? (task.refIdx.length * (task.refIdx.length - 1)) / 2 : task.refIdx.length * task.nbrIdx.length,
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
    curve.localisationIndex = gamma;
    curve.dispersionIndex = gamma > 0 ? 0 : psi;
    curve.departures = departures;
  }
  return {
    value: curve,
    n: task.refIdx.length,
    inference: sims ? { kind: 'envelope', nullModel: task.nullModel, simulations, alpha, localisationIndex: curve.localisationIndex, dispersionIndex: curve.dispersionIndex } : undefined,
    warnings,
    provenance: {
      measure: 'kDensity',
      options: resolved,
      seed: sims ? task.seed : undefined,
      references: ['Duranton & Overman (2005) doi:10.1111/0034-6527.00362', 'Marcon & Puech (2017) doi:10.1016/j.regsciurbeco.2016.10.004'],
    },
  };
}

/** The generator of simulation s: independent of how simulations are split between threads. */
export { simulationRng };

/** The window's diameter (haversine: great-circle diagonal of its lon/lat frame), else the points'. */
function kdDiameter(p: PointPattern): number {
  if (p.window === undefined || p.metric !== 'haversine') return patternDiameter(p);
  const [x0, x1, y0, y1] = windowFrame(p.window);
  return pointDistance(Float64Array.of(x0, x1), Float64Array.of(y0, y1), 0, 1, 'haversine');
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
