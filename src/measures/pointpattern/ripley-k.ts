/**
 * Ripley's K function of a planar point pattern in a rectangular or polygonal window.
 *
 *   K(r) = |W| / (n (n − 1)) · Σᵢ Σ_{j≠i} e(i, j) · 1[dᵢⱼ ≤ r]      (isotropic, translate)
 *   K(r) = Σ_{i: bᵢ ≥ r} #{j ≠ i : dᵢⱼ ≤ r} / (λ · #{i : bᵢ ≥ r})   (border, λ = n / |W|)
 *
 * dᵢⱼ: distance between points i and j; e(i, j): Ripley's isotropic weight (1 / fraction of the
 * circle through xⱼ centred at xᵢ inside W) or Ohser's translation weight |W| / |W ∩ (W + xⱼ − xᵢ)|,
 * both capped at 100; bᵢ: distance from xᵢ to the boundary of W. Theoretical value under
 * complete spatial randomness (CSR): πr². K(r) > πr²: more neighbours within r than CSR
 * (clustering); < πr²: regularity.
 * Defaults as spatstat's Kest: r = 513 values from 0 to min(short side / 4, √(1000 / (π λ)));
 * distances are binned on the r grid as Kest does (a pair counts at r when d < r, at the last r
 * also when d = r). Isotropic and translate are NaN for r ≥ half the diagonal of a rectangle.
 * Degenerate: fewer than 2 points or a missing window → InputError.
 * Complexity: O(n + P) with P the pairs within max r (grid search), times O(E log E) (isotropic)
 * or O(E²) (translate) for a polygon with E edges.
 * Reference: Ripley, B. D. (1977) "Modelling spatial patterns", JRSS B 39:172–212,
 * doi:10.1111/j.2517-6161.1977.tb01615.x; Baddeley, Rubak & Turner (2015) Spatial Point Patterns,
 * ch. 7, doi:10.1201/b19708.
 * Cross-checked: spatstat.explore 3.0-6 Kest on spatstat.data patterns
 * (test/reference/pointpattern-spatstat.R → test/fixtures/pointpattern/spatstat-*.json) to 1e-9.
 * Intentional difference: in polygonal windows Kest's translation weight uses a pixel
 * approximation of the set covariance; ours is the exact polygon overlap (it matches
 * spatstat's `edge.Trans(exact = TRUE)`).
 * Envelope (simulations > 0): binomial CSR (n fixed, uniform in W), pointwise quantiles and the
 * DO2005 global band (src/inference/envelope.ts); spatstat's `envelope()` default simulates
 * Poisson CSR with n random and reports min/max (nrank = 1). Simulation s draws from
 * simulationRng(seed, s), so `ripleyKAsync` with worker threads gives the same envelope.
 *
 * @example ripleyK(pointPattern({ x, y, window: rectangleWindow(0, 1, 0, 1) }), { correction: 'isotropic' })
 */
import { InputError } from '../../core/errors.js';
import type { PointPattern, Window } from '../../data/point-pattern.js';
import { windowArea, windowContains, windowFrame, windowShortSide } from '../../data/point-pattern.js';
import { curveEnvelope } from '../../inference/envelope.js';
import type { EnvelopeInference, MeasureResult } from '../result.js';
import type { Curve } from './curve.js';
import { CORRECTIONS, defaultKGrid, kEngine, type Correction } from './k-engine.js';
import { simulationRng } from './simulation-rng.js';

export interface RipleyKOptions {
  /** Edge correction of `value` (default 'isotropic'); all requested ones are in `estimates`. */
  correction?: Correction | readonly Correction[];
  /** Distances (ascending, from 0); default spatstat's grid. */
  r?: ArrayLike<number>;
  /** Largest distance of the default grid. */
  rmax?: number;
  /** Monte Carlo CSR simulations for the envelope (0 = none, default). */
  simulations?: number;
  alpha?: number;
  seed?: number;
  /** Transform applied to estimate and envelope: 'K' (default) or 'L' = √(K/π). */
  transform?: 'K' | 'L';
}

export interface RipleyCurve extends Curve {
  correction: Correction;
  /** One column per requested correction. */
  estimates: Partial<Record<Correction, Float64Array>>;
}

export function ripleyK(pattern: PointPattern, options: RipleyKOptions = {}): MeasureResult<RipleyCurve, EnvelopeInference> {
  return ripleyCore(pattern, options, 'ripleyK');
}

/**
 * ripleyK with the CSR simulations delegated to a runner, e.g. worker threads
 * (`workerRunner()` of src/runtime/simulation-worker.ts). Same result as ripleyK: each
 * simulation draws from its own generator (seed, s).
 */
export async function ripleyKAsync(pattern: PointPattern, options: RipleyKOptions, runner: RipleySimulationRunner): Promise<MeasureResult<RipleyCurve, EnvelopeInference>> {
  return ripleyCoreAsync(pattern, options, 'ripleyK', runner);
}

/** Everything a CSR simulation needs (plain data, so it can be posted to a worker). */
export interface RipleyTask {
  window: Window;
  /** Points per simulated pattern (binomial process: n fixed). */
  n: number;
  r: Float64Array;
  correction: Correction;
  transform: 'K' | 'L';
  seed: number;
}

/** A runner that computes simulations [0, simulations) of a task elsewhere (e.g. worker threads). */
export type RipleySimulationRunner = (job: { module: string; exportName: string; task: RipleyTask; simulations: number; length: number }) => Promise<Float64Array>;

/**
 * CSR simulations [from, to) of a task, written to out[(s − from + outOffset) · L …]: n points
 * uniform in the window drawn from simulationRng(seed, s), their K (or L) with the task's
 * correction. The unit of work of a worker thread.
 */
export function ripleySimulate(task: RipleyTask, from: number, to: number, out: Float64Array, outOffset = from): void {
  const { window, n, r, correction, transform } = task;
  const L = r.length;
  for (let s = from; s < to; s++) {
    const rng = simulationRng(task.seed, s);
    const [sx, sy] = uniformInWindow(window, n, rng.next);
    const k = kEngine({ x: sx, y: sy, window, inI: null, inJ: null, r, corrections: [correction] })[correction]!;
    const at = (s - from + outOffset) * L;
    for (let q = 0; q < L; q++) out[at + q] = transform === 'L' ? Math.sqrt(k[q] / Math.PI) : k[q];
  }
}

/** Shared by ripleyK and ripleyL. */
export function ripleyCore(pattern: PointPattern, options: RipleyKOptions, fn: string): MeasureResult<RipleyCurve, EnvelopeInference> {
  const prep = prepareRipley(pattern, options, fn);
  let sims: Float64Array | undefined;
  if (prep.simulations > 0) {
    sims = new Float64Array(prep.simulations * prep.task.r.length);
    ripleySimulate(prep.task, 0, prep.simulations, sims);
  }
  return finishRipley(prep, sims, fn);
}

/** Shared by ripleyKAsync and ripleyLAsync. */
export async function ripleyCoreAsync(pattern: PointPattern, options: RipleyKOptions, fn: string, runner: RipleySimulationRunner): Promise<MeasureResult<RipleyCurve, EnvelopeInference>> {
  const prep = prepareRipley(pattern, options, fn);
  const sims = prep.simulations > 0 ? await runner({ module: import.meta.url, exportName: 'ripleySimulate', task: prep.task, simulations: prep.simulations, length: prep.task.r.length }) : undefined;
  return finishRipley(prep, sims, fn);
}

function prepareRipley(pattern: PointPattern, options: RipleyKOptions, fn: string) {
  const window = requirePlanarWindow(pattern, fn);
  const n = pattern.x.length;
  if (n < 2) throw new InputError('E_DEGENERATE', `${fn}: need at least 2 points, got ${n}`, { field: 'x', value: n });
  const corrections = resolveCorrections(options.correction ?? 'isotropic', fn);
  const transform = options.transform ?? (fn === 'ripleyL' ? 'L' : 'K');
  const simulations = options.simulations ?? 0;
  if (!(Number.isInteger(simulations) && simulations >= 0 && simulations < 2 ** 20)) throw new InputError('E_OPTION', `${fn}: simulations must be an integer in [0, 2^20), got ${simulations}`, { field: 'simulations', value: simulations });
  const alpha = options.alpha ?? 0.05;
  const seed = options.seed ?? 1;
  const area = windowArea(window);
  const r = resolveGrid(options.r, fn, () => defaultKGrid(windowShortSide(window), n / area, options.rmax));
  const task: RipleyTask = { window, n, r, correction: corrections[0], transform, seed };
  return { pattern, window, n, corrections, transform, simulations, alpha, seed, r, task };
}

function finishRipley(prep: ReturnType<typeof prepareRipley>, sims: Float64Array | undefined, fn: string): MeasureResult<RipleyCurve, EnvelopeInference> {
  const { pattern, window, n, corrections, transform, simulations, alpha, seed, r } = prep;
  const est = kEngine({ x: pattern.x, y: pattern.y, window, inI: null, inJ: null, r, corrections });
  const tf = transform === 'L' ? (v: number) => Math.sqrt(v / Math.PI) : (v: number) => v;
  const estimates: Partial<Record<Correction, Float64Array>> = {};
  for (const c of corrections) estimates[c] = est[c]!.map(tf);
  const theoretical = r.map((v) => (transform === 'L' ? v : Math.PI * v * v));
  const curve: RipleyCurve = { r, value: estimates[corrections[0]]!, theoretical, correction: corrections[0], estimates, distanceUnit: pattern.distanceUnit };
  if (sims) curve.envelope = curveEnvelope(sims, simulations, r.length, alpha, 'csr', seed);
  return {
    value: curve,
    n,
    inference: simulations > 0 ? { kind: 'envelope', nullModel: 'csr', simulations, alpha } : undefined,
    warnings: [],
    provenance: {
      measure: fn,
      options: { correction: corrections, transform, simulations, alpha, rmax: r[r.length - 1], rLength: r.length },
      seed: simulations > 0 ? seed : undefined,
      references: ['Ripley (1977) doi:10.1111/j.2517-6161.1977.tb01615.x', 'Baddeley, Rubak & Turner (2015) doi:10.1201/b19708'],
    },
  };
}

export function requirePlanarWindow(pattern: PointPattern, fn: string): Window {
  if ((pattern.metric ?? 'euclidean') !== 'euclidean') throw new InputError('E_OPTION', `${fn}: needs planar coordinates; project lon/lat first (projectLonLat)`, { field: 'metric', value: pattern.metric });
  if (pattern.window === undefined) throw new InputError('E_OPTION', `${fn}: the pattern needs a window (rectangle or polygon)`, { field: 'window', value: undefined });
  return pattern.window;
}

export function resolveCorrections(c: Correction | readonly Correction[], fn: string): Correction[] {
  const list = typeof c === 'string' ? [c] : [...c];
  if (list.length === 0) throw new InputError('E_OPTION', `${fn}: correction must name at least one of ${CORRECTIONS.join(', ')}`, { field: 'correction', value: c });
  for (const k of list) if (!CORRECTIONS.includes(k)) throw new InputError('E_OPTION', `${fn}: correction must be one of ${CORRECTIONS.join(', ')}, got ${String(k)}`, { field: 'correction', value: k });
  return list;
}

export function resolveGrid(r: ArrayLike<number> | undefined, fn: string, fallback: () => Float64Array): Float64Array {
  if (r === undefined) return fallback();
  const g = Float64Array.from(r);
  if (g.length < 2) throw new InputError('E_OPTION', `${fn}: r needs at least 2 values`, { field: 'r', value: g.length });
  for (let k = 0; k < g.length; k++) {
    if (!Number.isFinite(g[k]) || g[k] < 0 || (k > 0 && g[k] <= g[k - 1])) throw new InputError('E_OPTION', `${fn}: r must be finite, ≥ 0 and increasing; r[${k}] = ${g[k]}`, { field: 'r', row: k, value: g[k] });
  }
  return g;
}

/** n points uniform in the window (rejection from the bounding frame). */
export function uniformInWindow(w: Window, n: number, next: () => number): [Float64Array, Float64Array] {
  const [x0, x1, y0, y1] = windowFrame(w);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n;) {
    const px = x0 + (x1 - x0) * next();
    const py = y0 + (y1 - y0) * next();
    if (w.type === 'rectangle' || windowContains(w, px, py)) { x[i] = px; y[i] = py; i++; }
  }
  return [x, y];
}
