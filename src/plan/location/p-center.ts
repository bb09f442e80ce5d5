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
 *   feasibility  the covering matrix at R reduced by row and column dominance, then cheap
 *                proofs (p + 1 demands with disjoint reach: no; a greedy cover with ≤ p
 *                sites: yes), else the LSCP "Σⱼ xⱼ ≤ p, Σ_{j: dᵢⱼ ≤ R} xⱼ ≥ 1 ∀i" on the
 *                reduced matrix solved by HiGHS as a feasibility MIP — a proof either way.
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

/**
 * The covering matrix at radius R reduced by dominance (Toregas & ReVelle 1973): a demand whose
 * reach contains another demand's reach is covered whenever that one is (row dropped; equal
 * reaches keep one), and a site whose covered demands are a subset of another site's can be
 * swapped for it (column dropped; equal columns keep the lower index). Bitsets; repeated until
 * nothing changes. Returns the kept rows as bitsets over the kept sites.
 */
export function reducedCover(d: Float64Array, n: number, m: number, R: number): { rows: Uint32Array[]; sites: number[] } {
  const words = (m + 31) >>> 5;
  let rows: Uint32Array[] = [];
  for (let i = 0; i < n; i++) {
    const b = new Uint32Array(words);
    for (let j = 0; j < m; j++) if (d[i * m + j] <= R) b[j >>> 5] |= 1 << (j & 31);
    rows.push(b);
  }
  let sites = Array.from({ length: m }, (_, j) => j);
  for (let pass = 0; pass < 4; pass++) {
    const before = rows.length + sites.length;
    rows = dropDominatedRows(rows);
    sites = dropDominatedSites(rows, sites);
    const keep = new Uint32Array(words);
    for (const j of sites) keep[j >>> 5] |= 1 << (j & 31);
    for (const b of rows) for (let w = 0; w < words; w++) b[w] &= keep[w];
    if (rows.length + sites.length === before) break;
  }
  return { rows, sites };
}

function popcount(b: Uint32Array): number {
  let c = 0;
  for (let w = 0; w < b.length; w++) { let v = b[w] - ((b[w] >>> 1) & 0x55555555); v = (v & 0x33333333) + ((v >>> 2) & 0x33333333); c += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24; }
  return c;
}

/** Rows by increasing size; a row is kept unless a kept row is a subset of it. */
function dropDominatedRows(rows: Uint32Array[]): Uint32Array[] {
  const order = rows.map((b, i) => [popcount(b), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const kept: Uint32Array[] = [];
  for (const [, i] of order) {
    const b = rows[i];
    let dominated = false;
    for (const k of kept) {
      let sub = true;
      for (let w = 0; w < b.length; w++) if ((k[w] & ~b[w]) !== 0) { sub = false; break; }
      if (sub) { dominated = true; break; }
    }
    if (!dominated) kept.push(b);
  }
  return kept;
}

/** Sites by decreasing coverage; a site is kept unless a kept site covers a superset of its rows. */
function dropDominatedSites(rows: Uint32Array[], sites: number[]): number[] {
  const nw = (rows.length + 31) >>> 5;
  const col = new Map<number, Uint32Array>();
  for (const j of sites) {
    const b = new Uint32Array(nw);
    rows.forEach((r, i) => { if (r[j >>> 5] & (1 << (j & 31))) b[i >>> 5] |= 1 << (i & 31); });
    col.set(j, b);
  }
  const order = sites.map((j) => [popcount(col.get(j)!), j] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const kept: number[] = [];
  for (const [c, j] of order) {
    if (c === 0) continue;
    const b = col.get(j)!;
    let dominated = false;
    for (const k of kept) {
      const kb = col.get(k)!;
      let sup = true;
      for (let w = 0; w < nw; w++) if ((b[w] & ~kb[w]) !== 0) { sup = false; break; }
      if (sup) { dominated = true; break; }
    }
    if (!dominated) kept.push(j);
  }
  return kept.sort((a, b) => a - b);
}

/** More than p demands with pairwise disjoint reach (greedy, smallest reach first) prove infeasibility. */
function packingExceeds(rows: Uint32Array[], p: number): boolean {
  const order = rows.map((b, i) => [popcount(b), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const used = new Uint32Array(rows[0]?.length ?? 0);
  let count = 0;
  for (const [, i] of order) {
    const b = rows[i];
    let free = true;
    for (let w = 0; w < b.length; w++) if (b[w] & used[w]) { free = false; break; }
    if (!free) continue;
    for (let w = 0; w < b.length; w++) used[w] |= b[w];
    if (++count > p) return true;
  }
  return false;
}

/** Greedy set cover on the reduced rows (the site in most uncovered rows first); null beyond p sites. */
function greedyCover(rows: Uint32Array[], sites: number[], p: number): number[] | null {
  let left = rows.map((_, i) => i);
  const open: number[] = [];
  while (left.length > 0) {
    if (open.length === p) return null;
    let bj = -1, bc = 0;
    for (const j of sites) {
      const w = j >>> 5, bit = 1 << (j & 31);
      let c = 0;
      for (const i of left) if (rows[i][w] & bit) c++;
      if (c > bc) { bc = c; bj = j; }
    }
    if (bj < 0) return null;
    open.push(bj);
    const w = bj >>> 5, bit = 1 << (bj & 31);
    left = left.filter((i) => !(rows[i][w] & bit));
  }
  return open;
}

/**
 * Can p sites cover every demand within R? The reduced cover, then cheap proofs (an empty row or
 * a disjoint packing of p + 1 rows: no; ≤ p sites left or a greedy cover with ≤ p: yes), else
 * the LSCP feasibility MIP "Σⱼ xⱼ ≤ p, Σ_{j covers r} xⱼ ≥ 1 ∀ rows r" by HiGHS.
 * Returns the sites of a cover, null (infeasible) or undefined (time limit); `mip` says whether
 * the solver was needed.
 */
async function coverWithin(d: Float64Array, n: number, m: number, R: number, p: number, options: SolveOptions): Promise<{ cover: number[] | null | undefined; mip: boolean }> {
  const { rows, sites } = reducedCover(d, n, m, R);
  if (rows.some((b) => popcount(b) === 0) || packingExceeds(rows, p)) return { cover: null, mip: false };
  if (sites.length <= p) return { cover: sites, mip: false };
  const greedy = greedyCover(rows, sites, p);
  if (greedy) return { cover: greedy, mip: false };
  const lines: string[] = ['Minimize', ' obj: 0 x0', 'Subject To'];
  rows.forEach((b, r) => {
    const reach = sites.filter((j) => b[j >>> 5] & (1 << (j & 31)));
    const terms: string[] = [];
    for (let k = 0; k < reach.length; k += 8) terms.push(reach.slice(k, k + 8).map((j) => `x${j}`).join(' + '));
    lines.push(` c${r}: ${terms.join('\n   + ')} >= 1`);
  });
  const all: string[] = [];
  for (let k = 0; k < sites.length; k += 8) all.push(sites.slice(k, k + 8).map((j) => `x${j}`).join(' + '));
  lines.push(` p: ${all.join('\n   + ')} <= ${p}`, 'Binary', ` ${sites.map((j) => `x${j}`).join(' ')}`, 'End');
  const res = await solveLp(`${lines.join('\n')}\n`, options);
  if (res.status === 'Infeasible') return { cover: null, mip: true };
  if (res.status !== 'Optimal') return { cover: undefined, mip: true };
  return { cover: sites.filter((j) => (res.primal[`x${j}`] ?? 0) > 0.5), mip: true };
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
    const remaining = options.timeLimit === undefined ? undefined : options.timeLimit - (Date.now() - started) / 1000;
    if (remaining !== undefined && remaining <= 0) { status = 'Time limit reached'; break; }
    const step = await coverWithin(d, n, m, R, p, { ...options, timeLimit: remaining, mipRelGap: undefined });
    if (step.mip) mipSolves++;
    const cover = step.cover;
    if (cover === undefined) { status = 'Time limit reached'; break; }
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
