/**
 * Concave hull of a planar point set: the χ-shape ("chi-shape") of Duckham et al. (2008), a
 * simple polygon that contains every point and hugs the set more tightly than its convex hull.
 *
 *   start: the Delaunay triangulation (its outline is the convex hull);
 *   repeat: take the longest boundary edge e; if |e| ≤ l stop; if the vertex of e's triangle
 *           opposite e is not yet on the boundary, remove that triangle (its two other edges
 *           become boundary edges), else keep e and go on with the next longest;
 *   l = ℓmin + concavity · (ℓmax − ℓmin)
 *
 * ℓmin, ℓmax: the shortest and longest Delaunay edges; concavity ∈ [0, 1]: 1 gives the convex
 * hull, smaller values carve deeper (0: as far as the rule allows). (Duckham et al. express l
 * as a percentage λP of the longest edge; our normalisation between the shortest and longest
 * edge is the same idea.) Because a triangle is removed only when its third vertex is interior,
 * the shape stays a single region without holes or pinches: its outline is a simple polygon,
 * every point is a vertex of it or lies inside it, and its area is at most the convex hull's.
 * Read: the footprint of a cluster without the empty bays of its convex hull (an L-shaped
 * cluster keeps its L).
 * Degenerate: fewer than 3 distinct points, or all collinear → the convex hull (1–2 points, kind
 * 'convex'); the outline is checked (one closed walk through every boundary edge) and, should
 * that fail, the convex hull is returned instead (kind 'convex').
 * Complexity: O(m log m) (triangulation, and a heap of boundary edges).
 * Reference: Duckham, M., Kulik, L., Worboys, M. & Galton, A. (2008) "Efficient generation of
 * simple polygons for characterizing the shape of a set of points in the plane", Pattern
 * Recognition 41(10):3224–3236, doi:10.1016/j.patcog.2008.03.023. Triangulation: d3-delaunay
 * (Delaunator).
 * Cross-checked by its guarantees (test/pointpattern-footprints.test.ts): points inside or on
 * the outline, outline simple, area ≤ convex hull, an L-shaped cluster clearly below its hull.
 *
 * @example concaveHull([[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10], [1, 1]], { concavity: 0.1 })
 */
import { Delaunay } from 'd3-delaunay';
import { InputError } from '../../core/errors.js';
import { convexHull } from '../../core/geo/convex-hull.js';

export interface ConcaveHullOptions {
  /** In [0, 1] (default 0.1): 1 = convex hull, smaller = more concave. */
  concavity?: number;
}

export interface ConcaveHullResult {
  /** Outline, anticlockwise, not closed (last ≠ first); 1–2 points when degenerate. */
  ring: [number, number][];
  /** 'concave', or 'convex' when the convex hull was returned (degenerate input). */
  kind: 'concave' | 'convex';
}

export const DEFAULT_CONCAVITY = 0.1;

export function concaveHull(points: readonly [number, number][], options: ConcaveHullOptions = {}): ConcaveHullResult {
  const concavity = options.concavity ?? DEFAULT_CONCAVITY;
  if (!(Number.isFinite(concavity) && concavity >= 0 && concavity <= 1)) throw new InputError('E_OPTION', `concaveHull: concavity must be a number in [0, 1], got ${concavity}`, { field: 'concavity', value: concavity });
  for (let k = 0; k < points.length; k++) {
    if (!Number.isFinite(points[k][0]) || !Number.isFinite(points[k][1])) throw new InputError('E_NOT_FINITE', `concaveHull: points[${k}] must be finite, got (${points[k][0]}, ${points[k][1]})`, { field: 'points', row: k, value: points[k] });
  }
  const convex = (): ConcaveHullResult => ({ ring: convexHull([...points]), kind: 'convex' });
  if (points.length < 3 || convexHull([...points]).length < 3) return convex(); // < 3 distinct points, or collinear
  const d = Delaunay.from(points);
  const tri = d.triangles;
  const he = d.halfedges;
  const nT = tri.length / 3;
  if (nT === 0) return convex();
  const px = (v: number) => points[v][0], py = (v: number) => points[v][1];
  const next = (e: number) => (e % 3 === 2 ? e - 2 : e + 1);
  const len = (e: number) => Math.hypot(px(tri[next(e)]) - px(tri[e]), py(tri[next(e)]) - py(tri[e]));
  let lmin = Infinity, lmax = 0;
  for (let e = 0; e < tri.length; e++) {
    if (he[e] > e) continue; // each interior edge once
    const l = len(e);
    if (l < lmin) lmin = l;
    if (l > lmax) lmax = l;
  }
  const limit = lmin + concavity * (lmax - lmin);
  const alive = new Uint8Array(nT).fill(1);
  const onBoundary = new Uint8Array(points.length);
  // max-heap of boundary half-edges by length
  const heap: number[] = [];
  const hl: number[] = [];
  const push = (e: number): void => {
    heap.push(e); hl.push(len(e));
    let k = heap.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (hl[p] >= hl[k]) break;
      [heap[p], heap[k]] = [heap[k], heap[p]]; [hl[p], hl[k]] = [hl[k], hl[p]];
      k = p;
    }
  };
  const pop = (): number => {
    const top = heap[0];
    const le = heap.pop()!, ll = hl.pop()!;
    if (heap.length > 0) {
      heap[0] = le; hl[0] = ll;
      let k = 0;
      for (;;) {
        const a = 2 * k + 1, b = a + 1;
        let m = k;
        if (a < heap.length && hl[a] > hl[m]) m = a;
        if (b < heap.length && hl[b] > hl[m]) m = b;
        if (m === k) break;
        [heap[m], heap[k]] = [heap[k], heap[m]]; [hl[m], hl[k]] = [hl[k], hl[m]];
        k = m;
      }
    }
    return top;
  };
  for (let e = 0; e < tri.length; e++) if (he[e] < 0) { push(e); onBoundary[tri[e]] = 1; }
  while (heap.length > 0) {
    if (hl[0] <= limit) break;
    const e = pop();
    const t = Math.floor(e / 3);
    if (!alive[t]) continue;
    const e1 = next(e), e2 = next(e1);
    const c = tri[e2]; // the vertex opposite e
    if (onBoundary[c]) continue; // removing t would pinch the shape at c: keep e
    alive[t] = 0;
    onBoundary[c] = 1;
    // the other two edges of t are now on the boundary, seen from the neighbouring triangles
    for (const f of [e1, e2]) if (he[f] >= 0) push(he[f]);
  }
  // outline: boundary half-edges of the live triangles, chained vertex to vertex
  const succ = new Map<number, number>();
  let edges = 0;
  for (let e = 0; e < tri.length; e++) {
    if (!alive[Math.floor(e / 3)]) continue;
    const o = he[e];
    if (o >= 0 && alive[Math.floor(o / 3)]) continue;
    if (succ.has(tri[e])) return convex(); // a vertex with two outgoing boundary edges: not simple
    succ.set(tri[e], tri[next(e)]);
    edges++;
  }
  const first = succ.keys().next().value as number;
  const ring: [number, number][] = [];
  let v = first;
  do {
    ring.push([px(v), py(v)]);
    v = succ.get(v)!;
  } while (v !== first && v !== undefined && ring.length <= edges);
  if (v !== first || ring.length !== edges || ring.length < 3) return convex();
  let area2 = 0;
  for (let k = 0; k < ring.length; k++) {
    const [x0, y0] = ring[k], [x1, y1] = ring[(k + 1) % ring.length];
    area2 += x0 * y1 - x1 * y0;
  }
  if (area2 < 0) ring.reverse();
  return { ring, kind: 'concave' };
}
