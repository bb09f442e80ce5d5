/**
 * p-median with a proven bound: Lagrangian relaxation of the assignment constraints, optimised by
 * subgradient ascent, with the interchange heuristic for the incumbent (Beasley 1993,
 * "Lagrangean heuristics for location problems", EJOR 65(3):383–399,
 * doi:10.1016/0377-2217(93)90118-7; Cornuéjols, Fisher & Nemhauser 1977,
 * doi:10.1287/mnsc.23.8.789).
 *
 *   min Σᵢⱼ wᵢdᵢⱼzᵢⱼ  s.t.  Σⱼ zᵢⱼ = 1 ∀i,  zᵢⱼ ≤ xⱼ,  Σⱼ xⱼ = p,  x ∈ {0,1}, z ≥ 0.
 *
 * Dualising Σⱼ zᵢⱼ = 1 with multipliers λᵢ gives, for every λ, the lower bound
 *
 *   L(λ) = Σᵢ λᵢ + Σ_{j ∈ S(λ)} ρⱼ(λ),   ρⱼ(λ) = Σᵢ min(0, wᵢdᵢⱼ − λᵢ),
 *
 * with S(λ) the p sites of smallest ρⱼ. Subgradient gᵢ = 1 − |{j ∈ S(λ) : wᵢdᵢⱼ < λᵢ}|; step
 * t = f·(UB − L)/‖g‖², f halved after `patience` iterations without a better bound. Every
 * iteration S(λ) is evaluated as a solution (every demand to its nearest site of S), and every
 * `heuristicEvery` iterations a new S(λ) is polished by interchange
 * (`pMedianHeuristic`) as a candidate incumbent. Stops when (UB − LB)/UB ≤ `gap`, f < 1e-5, or `maxIterations`.
 *
 * Read: `lowerBound ≤ optimum ≤ objective`; `gap` = (objective − lowerBound)/objective is a proof
 * that the solution is at most that far from optimal (0 within `gapTolerance` = proven optimal).
 * The bound equals the LP relaxation's at best, so an instance with an LP gap cannot be closed
 * here; the reported gap then says so honestly. Deterministic.
 * Complexity: O(n·m) per iteration plus O(n·m) per interchange pass.
 * Cross-checked: test/p-median.test.ts against scipy.optimize.milp optima
 * (test/reference/location-scipy.py) and exhaustive search; bench/planning.ts at 5,000 × 500.
 */
import { checkPMedianInput, pMedianHeuristic, type PMedianSolution } from './p-median-heuristic.js';

export interface PMedianLagrangianOptions {
  /** Relative gap at which to stop (proof of near-optimality). Default 1e-6. */
  gap?: number;
  maxIterations?: number;
  /** Iterations without a better bound before halving the step factor. Default 60. */
  patience?: number;
  /** Polish a new S(λ) by interchange every this many iterations. Default 25. */
  heuristicEvery?: number;
  /** Wall-clock limit in seconds (checked per iteration). */
  timeLimit?: number;
}

export interface PMedianBoundedSolution extends PMedianSolution {
  lowerBound: number;
  /** (objective − lowerBound) / objective; 0 when the objective is 0. */
  gap: number;
  gapTolerance: number;
  iterations: number;
  /** 'optimal' (gap closed to the tolerance), 'gap' (stopped with a positive gap), 'time-limit'. */
  status: 'optimal' | 'gap' | 'time-limit';
  seconds: number;
}

export function pMedianLagrangian(d: Float64Array, w: Float64Array, m: number, p: number, options: PMedianLagrangianOptions = {}): PMedianBoundedSolution {
  const n = checkPMedianInput('pMedianLagrangian', d, w, m, p);
  const tol = options.gap ?? 1e-6;
  const maxIterations = options.maxIterations ?? 5000;
  const patience = options.patience ?? 60;
  const every = options.heuristicEvery ?? 25;
  const t0 = performance.now();
  let best = pMedianHeuristic(d, w, m, p);
  const closed = (lb: number): boolean => best.objective - lb <= tol * Math.max(best.objective, 1e-300);
  // λᵢ starts at the incumbent's cost of i: L(λ) then already bounds tightly when p is near optimal
  const lambda = new Float64Array(n);
  for (let i = 0; i < n; i++) lambda[i] = w[i] * d[i * m + best.assignment[i]];
  const rho = new Float64Array(m);
  const g = new Float64Array(n);
  const order = new Int32Array(m);
  let lowerBound = Number.NEGATIVE_INFINITY;
  let f = 2;
  let stale = 0;
  let it = 0;
  let status: PMedianBoundedSolution['status'] = 'gap';
  const tried = new Set<string>();
  if (p === m) lowerBound = best.objective; // every site open: the heuristic is optimal
  for (; it < maxIterations && !closed(lowerBound); it++) {
    if (options.timeLimit !== undefined && (performance.now() - t0) / 1000 > options.timeLimit) { status = 'time-limit'; break; }
    rho.fill(0);
    let sumLambda = 0;
    for (let i = 0; i < n; i++) {
      const li = lambda[i];
      sumLambda += li;
      const wi = w[i];
      const row = i * m;
      for (let j = 0; j < m; j++) { const v = wi * d[row + j] - li; if (v < 0) rho[j] += v; }
    }
    for (let j = 0; j < m; j++) order[j] = j;
    const sorted = Array.from(order).sort((a, b) => rho[a] - rho[b] || a - b);
    const S = sorted.slice(0, p);
    let L = sumLambda;
    for (const j of S) L += rho[j];
    if (L > lowerBound + 1e-12 * Math.abs(L)) { lowerBound = L; stale = 0; } else if (++stale >= patience) { f /= 2; stale = 0; }
    if (f < 1e-5) break;
    // S(λ) as a solution (each i to its nearest site of S): cheap, every iteration; interchange
    // polish of new sets every `every` iterations
    let cheap = 0;
    for (let i = 0; i < n; i++) {
      let v = Number.POSITIVE_INFINITY;
      const row = i * m;
      for (const j of S) if (d[row + j] < v) v = d[row + j];
      cheap += w[i] * v;
    }
    if (it % every === 0) {
      const key = S.slice().sort((a, b) => a - b).join(',');
      if (!tried.has(key)) {
        tried.add(key);
        const cand = pMedianHeuristic(d, w, m, p, { start: S });
        if (cand.objective < best.objective) best = cand;
      }
    } else if (cheap < best.objective) best = pMedianHeuristic(d, w, m, p, { start: S, maxPasses: 0 });
    if (closed(lowerBound)) break;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      let covered = 0;
      const row = i * m;
      for (const j of S) if (w[i] * d[row + j] < lambda[i]) covered++;
      g[i] = 1 - covered;
      norm += g[i] * g[i];
    }
    if (norm === 0) {
      // S(λ) serves every i exactly once at cost < λᵢ: that solution costs L, so L is the optimum
      const cand = pMedianHeuristic(d, w, m, p, { start: S });
      if (cand.objective < best.objective) best = cand;
      lowerBound = Math.max(lowerBound, L);
      break;
    }
    const step = (f * (best.objective - L)) / norm;
    for (let i = 0; i < n; i++) lambda[i] = Math.max(0, lambda[i] + step * g[i]);
  }
  const gap = best.objective > 0 ? Math.max(0, (best.objective - lowerBound) / best.objective) : 0;
  if (status !== 'time-limit') status = gap <= tol ? 'optimal' : 'gap';
  return { ...best, lowerBound, gap, gapTolerance: tol, iterations: it, status, seconds: (performance.now() - t0) / 1000 };
}
