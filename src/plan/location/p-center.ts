/**
 * The p-center problem solved exactly by the standard reduction to set covering (Minieka 1970,
 * doi:10.1287/opre.18.2.262; Daskin 2013, "Network and Discrete Location", §5.2): the optimal
 * radius W* is one of the site–demand distances dᵢⱼ, and W ≥ W* exactly when p hubs can cover
 * every demand within W, i.e. when the LSCP at radius W needs ≤ p sites. So W* is the smallest
 * feasible value of the sorted distinct distances, found by binary search:
 *
 *   lower bound  L = maxᵢ minⱼ dᵢⱼ  (every demand needs some hub);
 *   upper bound  U = the radius of a greedy p-center (open the site that lowers the worst
 *                distance most, p times), then each feasible step lowers U;
 *   step         R = the median distinct distance in [L, U): feasible → U = R, else L = next;
 *   feasibility  greedy set cover at R (≤ p sites: feasible, no solver), else the LSCP
 *                "Σⱼ xⱼ ≤ p, Σ_{j: dᵢⱼ ≤ R} xⱼ ≥ 1 ∀i" (demands with the same reach merged)
 *                solved by HiGHS as a feasibility MIP — a proof either way.
 *
 * The result is optimal (status 'Optimal') unless a time limit stops the search, when it is the
 * best radius found with the proven lower bound beside it. A solution with fewer than p hubs is
 * padded to p (extra hubs never raise the worst distance). Weights do not enter the objective.
 * Complexity: O(nm log nm) to sort the distances, O(p·n·m) for the greedy bound, and at most
 * ⌈log₂(#distinct in [L, U])⌉ + 1 covering steps.
 */
import { solveLp, type SolveOptions } from './solve-lp.js';

export interface PCenterResult {
  /** Open sites (indices), exactly p. */
  open: number[];
  /** The radius found (optimal when status is 'Optimal'), and the proven lower bound. */
  radius: number;
  lowerBound: number;
  status: 'Optimal' | 'Time limit reached';
  /** Covering steps, and how many needed the MIP solver. */
  steps: number;
  mipSolves: number;
}

/** Greedy p-center: p times, open the site that makes the worst distance smallest. O(p·n·m). */
export function greedyPCenter(d: Float64Array, n: number, m: number, p: number): { open: number[]; radius: number } {
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const open: number[] = [];
  const used = new Uint8Array(m);
  let radius = Number.POSITIVE_INFINITY;
  for (let k = 0; k < p; k++) {
    let bj = -1, bv = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      let worst = 0;
      for (let i = 0; i < n && worst < bv; i++) { const v = Math.min(best[i], d[i * m + j]); if (v > worst) worst = v; }
      if (worst < bv) { bv = worst; bj = j; }
    }
    used[bj] = 1;
    open.push(bj);
    for (let i = 0; i < n; i++) best[i] = Math.min(best[i], d[i * m + bj]);
    radius = bv;
  }
  return { open, radius };
}

/** Greedy set cover at radius R, stopping once more than `limit` sites are needed. */
function greedyCover(d: Float64Array, n: number, m: number, R: number, limit: number): number[] | null {
  const covered = new Uint8Array(n);
  let left = n;
  const open: number[] = [];
  const gain = new Int32Array(m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) if (d[i * m + j] <= R) gain[j]++;
  while (left > 0) {
    if (open.length === limit) return null;
    let bj = 0;
    for (let j = 1; j < m; j++) if (gain[j] > gain[bj]) bj = j;
    if (gain[bj] === 0) return null;
    open.push(bj);
    for (let i = 0; i < n; i++) {
      if (covered[i] || d[i * m + bj] > R) continue;
      covered[i] = 1;
      left--;
      for (let j = 0; j < m; j++) if (d[i * m + j] <= R) gain[j]--;
    }
  }
  return open;
}

/** The LSCP feasibility MIP at radius R with ≤ p sites; null: infeasible; undefined: time limit. */
async function coverMip(d: Float64Array, n: number, m: number, R: number, p: number, options: SolveOptions): Promise<number[] | null | undefined> {
  const rows = new Set<string>();
  const lines: string[] = ['Minimize', ' obj: 0 x0', 'Subject To'];
  for (let i = 0; i < n; i++) {
    const reach: number[] = [];
    for (let j = 0; j < m; j++) if (d[i * m + j] <= R) reach.push(j);
    const key = reach.join(',');
    if (rows.has(key)) continue;
    rows.add(key);
    const terms: string[] = [];
    for (let k = 0; k < reach.length; k += 8) terms.push(reach.slice(k, k + 8).map((j) => `x${j}`).join(' + '));
    lines.push(` c${rows.size}: ${terms.join('\n   + ')} >= 1`);
  }
  const all: string[] = [];
  for (let k = 0; k < m; k += 8) all.push(Array.from({ length: Math.min(8, m - k) }, (_, q) => `x${k + q}`).join(' + '));
  lines.push(` p: ${all.join('\n   + ')} <= ${p}`, 'Binary', ` ${Array.from({ length: m }, (_, j) => `x${j}`).join(' ')}`, 'End');
  const res = await solveLp(`${lines.join('\n')}\n`, options);
  if (res.status === 'Infeasible') return null;
  if (res.status !== 'Optimal') return undefined;
  const open: number[] = [];
  for (let j = 0; j < m; j++) if ((res.primal[`x${j}`] ?? 0) > 0.5) open.push(j);
  return open;
}

/** Worst demand-to-nearest-open-site distance. */
function radiusOf(d: Float64Array, n: number, m: number, open: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let b = Number.POSITIVE_INFINITY;
    for (const j of open) b = Math.min(b, d[i * m + j]);
    worst = Math.max(worst, b);
  }
  return worst;
}

/** Pad a cover to exactly p sites: add the site nearest to the demand now farthest, repeatedly. */
function padTo(d: Float64Array, n: number, m: number, open: number[], p: number): number[] {
  const out = [...open];
  const used = new Uint8Array(m);
  for (const j of out) used[j] = 1;
  while (out.length < p) {
    let far = 0, fv = -1;
    for (let i = 0; i < n; i++) {
      let b = Number.POSITIVE_INFINITY;
      for (const j of out) b = Math.min(b, d[i * m + j]);
      if (b > fv) { fv = b; far = i; }
    }
    let bj = -1;
    for (let j = 0; j < m; j++) if (!used[j] && (bj < 0 || d[far * m + j] < d[far * m + bj])) bj = j;
    used[bj] = 1;
    out.push(bj);
  }
  return out.sort((a, b) => a - b);
}

/** Exact p-center on a demand × site distance matrix (row-major n·m); see the header. */
export async function pCenterExact(d: Float64Array, n: number, m: number, p: number, options: SolveOptions = {}): Promise<PCenterResult> {
  const started = Date.now();
  let lower = 0;
  for (let i = 0; i < n; i++) {
    let b = Number.POSITIVE_INFINITY;
    for (let j = 0; j < m; j++) b = Math.min(b, d[i * m + j]);
    lower = Math.max(lower, b);
  }
  const g = greedyPCenter(d, n, m, p);
  let best = g.open;
  let upper = g.radius;
  // the distinct distances in [lower, upper]: W* is one of them
  const cand = Float64Array.from(d.filter((v) => v >= lower && v <= upper)).sort();
  let len = 0;
  for (let k = 0; k < cand.length; k++) if (len === 0 || cand[k] !== cand[len - 1]) cand[len++] = cand[k];
  let lo = 0, hi = len - 1; // cand[hi] is feasible (the greedy radius); find the first feasible index
  let steps = 0, mipSolves = 0;
  let status: PCenterResult['status'] = 'Optimal';
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const R = cand[mid];
    steps++;
    let cover: number[] | null | undefined = greedyCover(d, n, m, R, p);
    if (cover === null) {
      const remaining = options.timeLimit === undefined ? undefined : options.timeLimit - (Date.now() - started) / 1000;
      if (remaining !== undefined && remaining <= 0) { status = 'Time limit reached'; break; }
      mipSolves++;
      cover = await coverMip(d, n, m, R, p, { ...options, timeLimit: remaining, mipRelGap: undefined });
      if (cover === undefined) { status = 'Time limit reached'; break; }
    }
    if (cover === null) lo = mid + 1;
    else {
      best = cover;
      // the cover's own worst distance may lie below R: jump to it
      const r = radiusOf(d, n, m, cover);
      let a = lo, b = mid;
      while (a < b) { const c = (a + b) >>> 1; if (cand[c] >= r) b = c; else a = c + 1; }
      hi = a;
    }
  }
  const open = padTo(d, n, m, best, p);
  const radius = radiusOf(d, n, m, open);
  return { open, radius, lowerBound: status === 'Optimal' ? radius : Math.max(lower, cand[lo]), status, steps, mipSolves };
}
