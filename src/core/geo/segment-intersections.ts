/**
 * Exact segment–segment relations and a uniform grid that finds every pair of segments whose
 * bounding boxes overlap, without testing all n² pairs.
 *
 * Relation of segments p = [p₁, p₂] and q = [q₁, q₂] (both of positive length), from the four
 * exact orientations o₁ = orient(p₁, p₂, q₁), o₂ = orient(p₁, p₂, q₂), o₃ = orient(q₁, q₂, p₁),
 * o₄ = orient(q₁, q₂, p₂):
 * - 'cross': o₁·o₂ < 0 and o₃·o₄ < 0 — the interiors cross at a single point;
 * - 'overlap': all four are 0 and the projections on the common line share more than a point;
 * - 'touch': they share exactly one point, which is then an endpoint of one of them (returned);
 * - 'disjoint': no common point.
 * All decisions are exact (see `orient2d.ts`); no intersection point is ever computed in floats.
 *
 * Grid: the bounding box of all segments is cut into about n cells, shaped like the box; each
 * segment is listed in every cell its own bounding box covers; a pair is tested only in the one
 * cell that holds the lower-left corner of the intersection of their two boxes, so each pair is
 * tested once. For polygons with short edges compared with the extent (county boundaries,
 * circles) each edge lands in one to four cells and the work is O(n) expected; the worst case
 * (many long edges spanning the extent) degrades towards O(n^1.5) insertions and O(n²) pairs.
 * Below `GRID_MIN_SEGMENTS` segments the plain pairwise loop is used, which also serves as the
 * naive oracle in test/geo.test.ts.
 */

import { orient2d } from './orient2d.js';

export type SegmentRelationKind = 'disjoint' | 'touch' | 'cross' | 'overlap';

export interface SegmentRelation {
  kind: SegmentRelationKind;
  /** The shared point for 'touch' (an endpoint of one segment; exact input coordinates). */
  x?: number;
  y?: number;
}

const DISJOINT: SegmentRelation = Object.freeze({ kind: 'disjoint' }) as SegmentRelation;
const CROSS: SegmentRelation = Object.freeze({ kind: 'cross' }) as SegmentRelation;
const OVERLAP: SegmentRelation = Object.freeze({ kind: 'overlap' }) as SegmentRelation;

/** Is (px, py), known collinear with [a, b], inside the closed bounding box of [a, b]? */
function withinBox(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return (
    px >= Math.min(ax, bx) && px <= Math.max(ax, bx) && py >= Math.min(ay, by) && py <= Math.max(ay, by)
  );
}

/** Exact relation of [p1, p2] and [q1, q2]; both must have positive length. */
export function segmentRelation(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): SegmentRelation {
  // Bounding boxes first: cheap and exact.
  if (
    Math.max(p1x, p2x) < Math.min(q1x, q2x) ||
    Math.max(q1x, q2x) < Math.min(p1x, p2x) ||
    Math.max(p1y, p2y) < Math.min(q1y, q2y) ||
    Math.max(q1y, q2y) < Math.min(p1y, p2y)
  ) {
    return DISJOINT;
  }
  const o1 = orient2d(p1x, p1y, p2x, p2y, q1x, q1y);
  const o2 = orient2d(p1x, p1y, p2x, p2y, q2x, q2y);
  if (o1 !== 0 && o1 === o2) return DISJOINT;
  const o3 = orient2d(q1x, q1y, q2x, q2y, p1x, p1y);
  const o4 = orient2d(q1x, q1y, q2x, q2y, p2x, p2y);
  if (o3 !== 0 && o3 === o4) return DISJOINT;

  if (o1 === 0 && o2 === 0) {
    // Collinear: compare along the axis on which p has extent.
    const useX = p1x !== p2x;
    const pa = useX ? p1x : p1y;
    const pb = useX ? p2x : p2y;
    const qa = useX ? q1x : q1y;
    const qb = useX ? q2x : q2y;
    const lo = Math.max(Math.min(pa, pb), Math.min(qa, qb));
    const hi = Math.min(Math.max(pa, pb), Math.max(qa, qb));
    if (lo > hi) return DISJOINT;
    if (lo < hi) return OVERLAP;
    // A single shared point: the endpoint at coordinate lo.
    if (pa === lo) return { kind: 'touch', x: p1x, y: p1y };
    if (pb === lo) return { kind: 'touch', x: p2x, y: p2y };
    if (qa === lo) return { kind: 'touch', x: q1x, y: q1y };
    return { kind: 'touch', x: q2x, y: q2y };
  }
  if (o1 !== 0 && o2 !== 0 && o3 !== 0 && o4 !== 0) return CROSS;
  // Exactly one endpoint lies on the other segment's line, and the signs say it is inside it.
  if (o1 === 0 && withinBox(p1x, p1y, p2x, p2y, q1x, q1y)) return { kind: 'touch', x: q1x, y: q1y };
  if (o2 === 0 && withinBox(p1x, p1y, p2x, p2y, q2x, q2y)) return { kind: 'touch', x: q2x, y: q2y };
  if (o3 === 0 && withinBox(q1x, q1y, q2x, q2y, p1x, p1y)) return { kind: 'touch', x: p1x, y: p1y };
  if (o4 === 0 && withinBox(q1x, q1y, q2x, q2y, p2x, p2y)) return { kind: 'touch', x: p2x, y: p2y };
  return DISJOINT;
}

/** Segments in flat arrays: segment i runs from (x1[i], y1[i]) to (x2[i], y2[i]). */
export interface SegmentSet {
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly x2: Float64Array;
  readonly y2: Float64Array;
  readonly length: number;
}

/** Below this many segments, candidate pairs are enumerated by the plain double loop. */
export const GRID_MIN_SEGMENTS = 48;

/**
 * Call `visit(i, j)` (i < j) once for every pair of segments whose closed bounding boxes
 * overlap; stop early when `visit` returns true. `method` forces the grid or the naive loop
 * (tests use it to compare them).
 */
export function forEachCandidatePair(
  segments: SegmentSet,
  visit: (i: number, j: number) => boolean,
  method: 'auto' | 'grid' | 'naive' = 'auto',
): void {
  const n = segments.length;
  const { x1, y1, x2, y2 } = segments;
  const minX = new Float64Array(n);
  const minY = new Float64Array(n);
  const maxX = new Float64Array(n);
  const maxY = new Float64Array(n);
  let gMinX = Infinity, gMinY = Infinity, gMaxX = -Infinity, gMaxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX[i] = Math.min(x1[i], x2[i]);
    maxX[i] = Math.max(x1[i], x2[i]);
    minY[i] = Math.min(y1[i], y2[i]);
    maxY[i] = Math.max(y1[i], y2[i]);
    if (minX[i] < gMinX) gMinX = minX[i];
    if (minY[i] < gMinY) gMinY = minY[i];
    if (maxX[i] > gMaxX) gMaxX = maxX[i];
    if (maxY[i] > gMaxY) gMaxY = maxY[i];
  }
  const overlaps = (i: number, j: number): boolean =>
    minX[i] <= maxX[j] && minX[j] <= maxX[i] && minY[i] <= maxY[j] && minY[j] <= maxY[i];

  if (method === 'naive' || (method === 'auto' && n < GRID_MIN_SEGMENTS)) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (overlaps(i, j) && visit(i, j)) return;
      }
    }
    return;
  }

  // Grid of about n cells with the aspect ratio of the extent.
  const width = gMaxX - gMinX;
  const height = gMaxY - gMinY;
  let nx: number;
  let ny: number;
  if (!(width > 0) && !(height > 0)) {
    nx = 1;
    ny = 1;
  } else if (!(height > 0)) {
    nx = n;
    ny = 1;
  } else if (!(width > 0)) {
    nx = 1;
    ny = n;
  } else {
    nx = Math.max(1, Math.min(n, Math.round(Math.sqrt((n * width) / height))));
    ny = Math.max(1, Math.min(n, Math.round(n / nx)));
  }
  const cellW = width / nx;
  const cellH = height / ny;
  const col = (x: number): number => (nx === 1 ? 0 : Math.min(nx - 1, Math.max(0, Math.floor((x - gMinX) / cellW))));
  const row = (y: number): number => (ny === 1 ? 0 : Math.min(ny - 1, Math.max(0, Math.floor((y - gMinY) / cellH))));

  const c0 = new Int32Array(n), c1 = new Int32Array(n), r0 = new Int32Array(n), r1 = new Int32Array(n);
  const cellCount = nx * ny;
  const start = new Int32Array(cellCount + 1);
  for (let i = 0; i < n; i++) {
    c0[i] = col(minX[i]);
    c1[i] = col(maxX[i]);
    r0[i] = row(minY[i]);
    r1[i] = row(maxY[i]);
    for (let r = r0[i]; r <= r1[i]; r++) {
      for (let c = c0[i]; c <= c1[i]; c++) start[r * nx + c + 1]++;
    }
  }
  for (let k = 0; k < cellCount; k++) start[k + 1] += start[k];
  const members = new Int32Array(start[cellCount]);
  const fill = start.slice(0, cellCount);
  for (let i = 0; i < n; i++) {
    for (let r = r0[i]; r <= r1[i]; r++) {
      for (let c = c0[i]; c <= c1[i]; c++) members[fill[r * nx + c]++] = i;
    }
  }
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const k = r * nx + c;
      const end = start[k + 1];
      for (let a = start[k]; a < end; a++) {
        const i = members[a];
        for (let b = a + 1; b < end; b++) {
          const j = members[b];
          if (!overlaps(i, j)) continue;
          // Test the pair only in the cell holding the lower-left corner of the box overlap.
          if (col(Math.max(minX[i], minX[j])) !== c || row(Math.max(minY[i], minY[j])) !== r) continue;
          if (i < j ? visit(i, j) : visit(j, i)) return;
        }
      }
    }
  }
}
