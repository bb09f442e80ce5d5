/**
 * Hub siting as mixed-integer programmes (written in CPLEX LP format, solved by HiGHS):
 *
 * Symbols: i demand points (weight wᵢ), j candidate sites, dᵢⱼ great-circle km, R the service
 * radius, Nᵢ = { j : dᵢⱼ ≤ R } the sites that can serve i, p the number of hubs;
 * xⱼ ∈ {0,1} open site j, yᵢ ∈ [0,1] demand i covered, zᵢⱼ ∈ [0,1] share of i served by j.
 *
 * - LSCP, location set covering (Toregas et al. 1971, doi:10.1287/opre.19.6.1363):
 *     min Σⱼ xⱼ  s.t.  Σ_{j∈Nᵢ} xⱼ ≥ 1 ∀i.
 * - MCLP, maximal covering (Church & ReVelle 1974, doi:10.1007/BF01942293):
 *     max Σᵢ wᵢ yᵢ  s.t.  yᵢ ≤ Σ_{j∈Nᵢ} xⱼ ∀i,  Σⱼ xⱼ = p.
 * - p-median (Hakimi 1964; ReVelle & Swain 1970, doi:10.1111/j.1538-4632.1970.tb00142.x):
 *     min Σᵢⱼ wᵢ dᵢⱼ zᵢⱼ  s.t.  Σⱼ zᵢⱼ = 1 ∀i,  zᵢⱼ ≤ xⱼ,  Σⱼ xⱼ = p
 *     [capacitated: Σᵢ wᵢ zᵢⱼ ≤ capⱼ xⱼ].
 * - p-center (Hakimi 1965): min W  s.t.  the p-median constraints and Σⱼ dᵢⱼ zᵢⱼ ≤ W ∀i.
 *   `locateHubs` solves it exactly by binary search over the distances with a set-covering
 *   feasibility step (p-center.ts: 500 sites × 5,000 demands in seconds, where this MIP takes
 *   minutes); buildLocationLp still writes the MIP above (reference fixtures, scipy).
 *
 * PySAL spopt's LSCP/MCLP/PMedian/PCenter state the same programmes; our difference is the
 * infeasibility diagnosis (LSCP with a market out of reach names it and the smallest radius
 * that works) and capacities on p-median and MCLP.
 */
import { InputError } from '../../core/errors.js';
import { distanceMatrix } from './distances.js';
import { pCenterExact } from './p-center.js';
import { solveLp, type SolveOptions } from './solve-lp.js';
import type { Demand, LocationModel, LocationSolution, Site } from './types.js';

export interface LocationOptions extends SolveOptions {
  model: LocationModel;
  /** Service radius in km (LSCP, MCLP; also reported for the others). Default 200. */
  radiusKm?: number;
  /** Number of hubs (MCLP, p-median, p-center). */
  p?: number;
  /** Respect site capacities (p-median, MCLP). Default false. */
  capacitated?: boolean;
  /** A demand × site distance matrix in km (row-major), replacing great-circle distances. */
  distances?: Float64Array;
}

const num = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(6));

/** Wrap long sums so LP lines stay short. */
function sumTerms(terms: string[]): string {
  const out: string[] = [];
  for (let k = 0; k < terms.length; k += 8) out.push(terms.slice(k, k + 8).join(' + '));
  return out.join('\n   + ');
}

function check(sites: readonly Site[], demands: readonly Demand[], options: LocationOptions): void {
  if (sites.length === 0) throw new InputError('E_OPTION', 'hub siting: no candidate sites', { field: 'sites' });
  if (demands.length === 0) throw new InputError('E_OPTION', 'hub siting: no demand points', { field: 'demands' });
  const p = options.p;
  if (options.model !== 'lscp') {
    if (p === undefined || !Number.isInteger(p) || p < 1 || p > sites.length) {
      throw new InputError('E_OPTION', `hub siting: p must be an integer in [1, ${sites.length}] for ${options.model}, got ${p}`, { field: 'p', value: p });
    }
  }
  const r = options.radiusKm ?? 200;
  if (!(r > 0)) throw new InputError('E_OPTION', `hub siting: radiusKm must be > 0, got ${r}`, { field: 'radiusKm', value: r });
  for (const d of demands) {
    const w = d.weight ?? 1;
    if (!Number.isFinite(w) || w < 0) throw new InputError('E_NEGATIVE', `hub siting: demand ${d.id} has weight ${w}`, { field: 'weight', value: w, row: d.id });
  }
}

/** Build the LP text of a model. Exported for the reference fixtures and tests. */
export function buildLocationLp(sites: readonly Site[], demands: readonly Demand[], d: Float64Array, options: LocationOptions): string {
  const n = demands.length;
  const m = sites.length;
  const r = options.radiusKm ?? 200;
  const w = demands.map((x) => x.weight ?? 1);
  const xs = sites.map((_, j) => `x${j}`);
  const lines: string[] = [];
  const within = (i: number): number[] => {
    const out: number[] = [];
    for (let j = 0; j < m; j++) if (d[i * m + j] <= r) out.push(j);
    return out;
  };
  switch (options.model) {
    case 'lscp': {
      lines.push('Minimize', ` obj: ${sumTerms(xs)}`, 'Subject To');
      for (let i = 0; i < n; i++) lines.push(` c${i}: ${sumTerms(within(i).map((j) => xs[j]))} >= 1`);
      lines.push('Binary', ` ${xs.join(' ')}`, 'End');
      break;
    }
    case 'mclp': {
      lines.push('Maximize', ` obj: ${sumTerms(w.map((wi, i) => `${num(wi)} y${i}`))}`, 'Subject To');
      for (let i = 0; i < n; i++) {
        const nb = within(i);
        lines.push(` c${i}: y${i}${nb.map((j) => ` - ${xs[j]}`).join('')} <= 0`);
      }
      lines.push(` p: ${sumTerms(xs)} = ${options.p}`);
      if (options.capacitated) {
        // a covered demand must be served by an open site within reach, within capacity
        for (let i = 0; i < n; i++) lines.push(` s${i}: ${within(i).map((j) => `z${i}_${j}`).join(' + ') || '0 x0'} - y${i} = 0`);
        for (let j = 0; j < m; j++) {
          const cap = sites[j].capacity ?? Number.POSITIVE_INFINITY;
          if (!Number.isFinite(cap)) continue;
          const terms: string[] = [];
          for (let i = 0; i < n; i++) if (d[i * m + j] <= r) terms.push(`${num(w[i])} z${i}_${j}`);
          if (terms.length) lines.push(` k${j}: ${sumTerms(terms)} - ${num(cap)} ${xs[j]} <= 0`);
        }
        for (let i = 0; i < n; i++) for (const j of within(i)) lines.push(` l${i}_${j}: z${i}_${j} - ${xs[j]} <= 0`);
      }
      lines.push('Bounds');
      for (let i = 0; i < n; i++) lines.push(` 0 <= y${i} <= 1`);
      lines.push('Binary', ` ${xs.join(' ')}`, 'End');
      break;
    }
    case 'p-median':
    case 'p-center': {
      const center = options.model === 'p-center';
      const obj = center ? 'W' : sumTerms(Array.from({ length: n * m }, (_, k) => {
        const i = Math.floor(k / m);
        const j = k % m;
        return `${num(w[i] * d[k])} z${i}_${j}`;
      }));
      lines.push('Minimize', ` obj: ${obj}`, 'Subject To');
      for (let i = 0; i < n; i++) lines.push(` a${i}: ${sumTerms(sites.map((_, j) => `z${i}_${j}`))} = 1`);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) lines.push(` l${i}_${j}: z${i}_${j} - ${xs[j]} <= 0`);
      lines.push(` p: ${sumTerms(xs)} = ${options.p}`);
      if (center) for (let i = 0; i < n; i++) lines.push(` d${i}: ${sumTerms(sites.map((_, j) => `${num(d[i * m + j])} z${i}_${j}`))} - W <= 0`);
      if (options.capacitated && !center) {
        for (let j = 0; j < m; j++) {
          const cap = sites[j].capacity;
          if (cap === undefined) continue;
          lines.push(` k${j}: ${sumTerms(demands.map((_, i) => `${num(w[i])} z${i}_${j}`))} - ${num(cap)} ${xs[j]} <= 0`);
        }
      }
      lines.push('Binary', ` ${xs.join(' ')}`, 'End');
      break;
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Demand points that no site can reach within the radius, and the smallest radius that reaches all. */
export function coverageGaps(demands: readonly Demand[], sites: readonly Site[], d: Float64Array, radiusKm: number): { unreachable: string[]; minimumRadiusKm: number } {
  const m = sites.length;
  const unreachable: string[] = [];
  let minimumRadiusKm = 0;
  demands.forEach((dem, i) => {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) best = Math.min(best, d[i * m + j]);
    if (best > radiusKm) unreachable.push(dem.id);
    minimumRadiusKm = Math.max(minimumRadiusKm, best);
  });
  return { unreachable, minimumRadiusKm };
}

/** Solve one hub-siting model to optimality (or the given gap/time limit). */
export async function locateHubs(sites: readonly Site[], demands: readonly Demand[], options: LocationOptions): Promise<LocationSolution> {
  check(sites, demands, options);
  const r = options.radiusKm ?? 200;
  const m = sites.length;
  const d = options.distances ?? distanceMatrix(demands, sites);
  if (d.length !== demands.length * m) {
    throw new InputError('E_OPTION', `hub siting: the distance matrix has ${d.length} cells, expected ${demands.length} × ${m}`, { field: 'distances', value: d.length });
  }
  if (options.model === 'lscp') {
    const gaps = coverageGaps(demands, sites, d, r);
    if (gaps.unreachable.length) {
      // rounded UP to 0.1 km, so that passing the printed radius back (--radius) is feasible
      const up = Math.ceil(gaps.minimumRadiusKm * 10 - 1e-9) / 10;
      const suggested = up >= gaps.minimumRadiusKm ? up : up + 0.1;
      throw new InputError('E_INFEASIBLE', `hub siting: no candidate site lies within ${r} km of ${gaps.unreachable.length} demand point(s) (${gaps.unreachable.slice(0, 10).join(', ')}${gaps.unreachable.length > 10 ? ', …' : ''}); the smallest radius that covers every point is ${suggested.toFixed(1)} km (--radius ${suggested.toFixed(1)})`, {
        field: 'radiusKm', value: r, unreachable: gaps.unreachable, minimumRadiusKm: gaps.minimumRadiusKm, suggestedRadiusKm: Number(suggested.toFixed(1)),
      });
    }
  }
  let res: { status: string; objective: number; primal: Record<string, number> };
  let lowerBound: number | undefined;
  if (options.model === 'p-center') {
    const c = await pCenterExact(d, demands.length, m, options.p!, options);
    res = { status: c.status, objective: c.radius, primal: Object.fromEntries(c.open.map((j) => [`x${j}`, 1])) };
    lowerBound = c.lowerBound;
  } else res = await solveLp(buildLocationLp(sites, demands, d, options), options);
  if (res.status !== 'Optimal' && !(res.status === 'Time limit reached' && Object.keys(res.primal).length)) {
    throw new InputError('E_INFEASIBLE', `hub siting (${options.model}): the solver ended with status ${JSON.stringify(res.status)}`, { field: 'model', value: options.model, status: res.status });
  }
  const open = sites.map((_, j) => (res.primal[`x${j}`] ?? 0) > 0.5);
  const hubs = sites.filter((_, j) => open[j]).map((s) => s.id);
  const assignment: Record<string, string | null> = {};
  let covered = 0;
  let total = 0;
  let totalDistance = 0;
  let maxDistance = 0;
  demands.forEach((dem, i) => {
    const wi = dem.weight ?? 1;
    total += wi;
    let best = -1;
    if (options.capacitated && options.model === 'p-median') {
      // under capacities the model's own assignment (the largest share), not the nearest hub
      let share = 0;
      for (let j = 0; j < m; j++) { const z = res.primal[`z${i}_${j}`] ?? 0; if (z > share) { share = z; best = j; } }
    } else {
      for (let j = 0; j < m; j++) if (open[j] && (best < 0 || d[i * m + j] < d[i * m + best])) best = j;
    }
    if (best < 0) { assignment[dem.id] = null; return; }
    const dist = d[i * m + best];
    const inReach = dist <= r;
    if (inReach) covered += wi;
    assignment[dem.id] = options.model === 'lscp' || options.model === 'mclp' ? (inReach ? sites[best].id : null) : sites[best].id;
    if (assignment[dem.id] !== null) { totalDistance += wi * dist; maxDistance = Math.max(maxDistance, dist); }
  });
  // p-median without capacities: the objective recomputed from the distances (the LP's coefficients
  // are written to 6 decimals), so it equals totalDistanceKm exactly
  const objective = options.model === 'p-median' && !options.capacitated ? totalDistance : res.objective;
  return {
    model: options.model, hubs, assignment, objective, coveredWeight: covered, totalWeight: total,
    totalDistanceKm: totalDistance, maxDistanceKm: maxDistance, status: res.status,
    // p-center: exact (binary search), no MIP gap; its proven lower bound when a time limit stopped it
    gapTolerance: options.model === 'p-center' ? 0 : options.mipRelGap ?? 1e-4,
    ...(lowerBound !== undefined ? { lowerBound } : {}),
  };
}
