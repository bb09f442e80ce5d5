/**
 * p-median by greedy construction and vertex interchange, on a dense demand × site cost matrix.
 *
 *   min Σᵢ wᵢ · min_{j∈S} dᵢⱼ   over site sets S with |S| = p
 *
 * i demand points (weight wᵢ ≥ 0), j candidate sites, dᵢⱼ the cost (km) of serving i from j.
 *
 * 1. Greedy (Kuehn & Hamburger 1963, doi:10.1287/mnsc.9.4.643): open, p times, the site that
 *    lowers the objective most (or complete a given start set the same way).
 * 2. Interchange (Teitz & Bart 1968, doi:10.1287/opre.16.5.955), with Whitaker's (1983)
 *    bookkeeping of each demand's nearest and second-nearest open site (d1ᵢ, d2ᵢ): for a closed
 *    site j, the gain of opening it is Σᵢ wᵢ max(0, d1ᵢ − dᵢⱼ) and the loss of then closing an
 *    open r is Σ_{i: φ(i)=r, dᵢⱼ ≥ d1ᵢ} wᵢ (min(dᵢⱼ, d2ᵢ) − d1ᵢ); the best swap of a pass is made
 *    while it lowers the objective by more than a relative 1e-12.
 * The result is a local optimum (no single swap improves it), not a proof of optimality: pair it
 * with `pMedianLagrangian` for a lower bound and a gap. Deterministic (ties go to the lower index).
 * Complexity: greedy O(p·n·m); each interchange pass O(n·m + n·p).
 * Degenerate: p = m opens every site; p outside [1, m] or a non-finite cost throws E_OPTION.
 * Cross-checked: test/p-median.test.ts against exhaustive search on small instances and against
 * scipy.optimize.milp optima (test/fixtures/location/scipy-milp.json).
 */
import { InputError } from '../../core/errors.js';

export interface PMedianSolution {
  /** Open sites (indices into the site list), ascending. */
  open: Int32Array;
  /** Site index serving each demand point (its nearest open site). */
  assignment: Int32Array;
  /** Σᵢ wᵢ dᵢ,assignment(i). */
  objective: number;
  /** Improving swaps made after the greedy start. */
  swaps: number;
}

export interface PMedianHeuristicOptions {
  /** Start from these sites (at most p; the greedy rule adds the rest) instead of the greedy solution. */
  start?: ArrayLike<number>;
  /** Stop interchange after this many passes. Default 1000. */
  maxPasses?: number;
}

/** Check the cost matrix and weights once; shared with the Lagrangian solver. */
export function checkPMedianInput(fn: string, d: Float64Array, w: Float64Array, m: number, p: number): number {
  const n = w.length;
  if (!(Number.isInteger(m) && m >= 1)) throw new InputError('E_OPTION', `${fn}: the number of sites must be a positive integer, got ${m}`, { field: 'sites', value: m });
  if (d.length !== n * m) throw new InputError('E_OPTION', `${fn}: the cost matrix has ${d.length} cells, expected ${n} × ${m}`, { field: 'distances', value: d.length });
  if (!(Number.isInteger(p) && p >= 1 && p <= m)) throw new InputError('E_OPTION', `${fn}: p must be an integer in [1, ${m}], got ${p}`, { field: 'p', value: p });
  for (let i = 0; i < n; i++) if (!(Number.isFinite(w[i]) && w[i] >= 0)) throw new InputError(Number.isFinite(w[i]) ? 'E_NEGATIVE' : 'E_NOT_FINITE', `${fn}: weight[${i}] must be finite and ≥ 0, got ${w[i]}`, { field: 'weight', row: i, value: w[i] });
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) throw new InputError('E_NOT_FINITE', `${fn}: cost[${Math.floor(k / m)}][${k % m}] must be finite, got ${d[k]}`, { field: 'distances', row: Math.floor(k / m), value: d[k] });
  return n;
}

/** Nearest and second-nearest open site of every demand point. O(n·p). */
function nearestTwo(d: Float64Array, n: number, m: number, open: readonly number[], d1: Float64Array, d2: Float64Array, phi: Int32Array): void {
  for (let i = 0; i < n; i++) {
    let a = Number.POSITIVE_INFINITY; let b = Number.POSITIVE_INFINITY; let ja = -1;
    const row = i * m;
    for (const j of open) {
      const v = d[row + j];
      if (v < a || (v === a && j < ja)) { b = a; a = v; ja = j; } else if (v < b) b = v;
    }
    d1[i] = a; d2[i] = b; phi[i] = ja;
  }
}

export function pMedianHeuristic(d: Float64Array, w: Float64Array, m: number, p: number, options: PMedianHeuristicOptions = {}): PMedianSolution {
  const n = checkPMedianInput('pMedianHeuristic', d, w, m, p);
  const maxPasses = options.maxPasses ?? 1000;
  const isOpen = new Uint8Array(m);
  const open: number[] = [];
  const d1 = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const d2 = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const phi = new Int32Array(n).fill(-1);
  const start = options.start ?? [];
  if (start.length > p) throw new InputError('E_OPTION', `pMedianHeuristic: start lists ${start.length} sites, more than p = ${p}`, { field: 'start', value: start.length });
  for (let k = 0; k < start.length; k++) {
    const j = start[k];
    if (!(Number.isInteger(j) && j >= 0 && j < m) || isOpen[j]) throw new InputError('E_OPTION', `pMedianHeuristic: start[${k}] = ${j} is not a distinct site index`, { field: 'start', row: k, value: j });
    isOpen[j] = 1; open.push(j);
    for (let i = 0; i < n; i++) if (d[i * m + j] < d1[i]) d1[i] = d[i * m + j];
  }
  // greedy completion: the first site minimises Σ wᵢ dᵢⱼ; later ones maximise Σ wᵢ max(0, d1ᵢ − dᵢⱼ)
  while (open.length < p) {
    const first = open.length === 0;
    let best = -1; let bestValue = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      if (isOpen[j]) continue;
      let gain = 0;
      if (first) { for (let i = 0; i < n; i++) gain -= w[i] * d[i * m + j]; } else {
        for (let i = 0; i < n; i++) { const v = d1[i] - d[i * m + j]; if (v > 0) gain += w[i] * v; }
      }
      if (gain > bestValue) { bestValue = gain; best = j; }
    }
    isOpen[best] = 1; open.push(best);
    for (let i = 0; i < n; i++) if (d[i * m + best] < d1[i]) d1[i] = d[i * m + best];
  }
  nearestTwo(d, n, m, open, d1, d2, phi);
  let objective = 0;
  for (let i = 0; i < n; i++) objective += w[i] * d1[i];
  let swaps = 0;
  const loss = new Float64Array(m);
  for (let pass = 0; pass < maxPasses && p < m; pass++) {
    let bestDelta = 0; let bestIn = -1; let bestOut = -1;
    for (let j = 0; j < m; j++) {
      if (isOpen[j]) continue;
      let gain = 0;
      for (const r of open) loss[r] = 0;
      for (let i = 0, k = j; i < n; i++, k += m) {
        const v = d[k];
        const a = d1[i];
        if (v < a) gain += w[i] * (a - v);
        else { const b = d2[i]; loss[phi[i]] += w[i] * ((v < b ? v : b) - a); }
      }
      for (const r of open) {
        const delta = gain - loss[r];
        if (delta > bestDelta) { bestDelta = delta; bestIn = j; bestOut = r; }
      }
    }
    if (bestIn < 0 || bestDelta <= 1e-12 * Math.max(1, Math.abs(objective))) break;
    isOpen[bestOut] = 0; isOpen[bestIn] = 1;
    open[open.indexOf(bestOut)] = bestIn;
    nearestTwo(d, n, m, open, d1, d2, phi);
    let next = 0;
    for (let i = 0; i < n; i++) next += w[i] * d1[i];
    objective = next;
    swaps++;
  }
  return { open: Int32Array.from(open).sort(), assignment: Int32Array.from(phi), objective, swaps };
}
