/**
 * The ring-level steps of `validatePolygon` (validate-polygon.ts): cleaning a ring of repeated
 * positions, the exact collinearity test, the search for crossings, overlaps and
 * interior-disconnecting touches between a polygon's rings (edge pairs from the uniform grid of
 * segment-intersections.ts, touch points in a union–find), and the hole containment test.
 * Split from validate-polygon.ts along that seam; the rules and references are in its header.
 */
import type { PolygonInvalidReason, PolygonValidity } from './validate-polygon.js';
import type { RingSide } from './point-in-polygon.js';
import { ringSide } from './point-in-polygon.js';
import { orient2d } from './orient2d.js';
import type { SegmentSet } from './segment-intersections.js';
import { forEachCandidatePair, segmentRelation } from './segment-intersections.js';
import type { LinearRing } from './types.js';

/** A coordinate as written in messages. */
export const fmt = (v: number): string => String(v);

export type Invalid = Extract<PolygonValidity, { ok: false }>;

export function invalid(
  reason: PolygonInvalidReason,
  detail: string,
  where: { polygon?: number; ring?: number; position?: number } = {},
): Invalid {
  return { ok: false, reason, detail, ...where };
}

/** A ring with consecutive duplicates (and the closing repeat) removed. */
export interface CleanRing {
  x: Float64Array;
  y: Float64Array;
  /** Index into the original ring of each kept vertex. */
  source: Int32Array;
  length: number;
}

export function cleanRing(ring: LinearRing): CleanRing {
  const n = ring.length - 1; // drop the closing position (checked equal to the first)
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const source = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) {
    const px = ring[k][0];
    const py = ring[k][1];
    if (m > 0 && x[m - 1] === px && y[m - 1] === py) continue;
    x[m] = px;
    y[m] = py;
    source[m] = k;
    m++;
  }
  while (m > 1 && x[m - 1] === x[0] && y[m - 1] === y[0]) m--;
  return { x, y, source, length: m };
}

export function allCollinear(r: CleanRing): boolean {
  if (r.length < 3) return true;
  // r[1] differs from r[0] after cleaning; every other vertex must be on that line.
  for (let k = 2; k < r.length; k++) {
    if (orient2d(r.x[0], r.y[0], r.x[1], r.y[1], r.x[k], r.y[k]) !== 0) return false;
  }
  return true;
}

/** Look for crossings, overlaps, self-touches and interior-disconnecting touches in one polygon. */
export function intersectionProblem(p: number, rings: CleanRing[], method: 'auto' | 'grid' | 'naive'): Invalid | undefined {
  let total = 0;
  for (const r of rings) total += r.length;
  const x1 = new Float64Array(total), y1 = new Float64Array(total);
  const x2 = new Float64Array(total), y2 = new Float64Array(total);
  const ringOf = new Int32Array(total);
  const indexInRing = new Int32Array(total);
  let s = 0;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r];
    for (let k = 0; k < ring.length; k++) {
      const next = k + 1 === ring.length ? 0 : k + 1;
      x1[s] = ring.x[k];
      y1[s] = ring.y[k];
      x2[s] = ring.x[next];
      y2[s] = ring.y[next];
      ringOf[s] = r;
      indexInRing[s] = k;
      s++;
    }
  }
  const segments: SegmentSet = { x1, y1, x2, y2, length: total };

  // Touch points between different rings: (ring, point) incidences for the union–find.
  const touches: { a: number; b: number; x: number; y: number }[] = [];
  let found: Invalid | undefined;

  // Where two edges cross, for messages only (rounded; decisions never use it).
  const crossingPoint = (i: number, j: number): string => {
    const dxi = x2[i] - x1[i], dyi = y2[i] - y1[i];
    const dxj = x2[j] - x1[j], dyj = y2[j] - y1[j];
    const t = ((x1[j] - x1[i]) * dyj - (y1[j] - y1[i]) * dxj) / (dxi * dyj - dyi * dxj);
    const round = (v: number): number => Number(v.toPrecision(10));
    return `(${round(x1[i] + t * dxi)}, ${round(y1[i] + t * dyi)})`;
  };
  const describeEdge = (i: number): string => {
    const r = ringOf[i];
    const k = indexInRing[i];
    return `ring ${r} edge ${rings[r].source[k]}`;
  };

  forEachCandidatePair(
    segments,
    (i, j) => {
      const rel = segmentRelation(x1[i], y1[i], x2[i], y2[i], x1[j], y1[j], x2[j], y2[j]);
      if (rel.kind === 'disjoint') return false;
      const ri = ringOf[i];
      const rj = ringOf[j];
      const where = { polygon: p, ring: ri, position: rings[ri].source[indexInRing[i]] };
      if (ri === rj) {
        const m = rings[ri].length;
        const ki = indexInRing[i];
        const kj = indexInRing[j];
        const adjacent = (ki + 1) % m === kj || (kj + 1) % m === ki;
        if (adjacent && rel.kind === 'touch') return false; // the shared vertex
        const what =
          rel.kind === 'cross'
            ? `cross near ${crossingPoint(i, j)}`
            : rel.kind === 'overlap'
              ? 'overlap (the ring doubles back on itself)'
              : `touch at (${fmt(rel.x as number)}, ${fmt(rel.y as number)})`;
        found = invalid(
          'self_intersection',
          `polygon ${p}: ring ${ri} edges ${rings[ri].source[ki]} and ${rings[ri].source[kj]} ${what}`,
          where,
        );
        return true;
      }
      if (rel.kind === 'touch') {
        touches.push({ a: ri, b: rj, x: rel.x as number, y: rel.y as number });
        return false;
      }
      found = invalid(
        'self_intersection',
        `polygon ${p}: ${describeEdge(i)} and ${describeEdge(j)} ` +
          (rel.kind === 'cross' ? `cross near ${crossingPoint(i, j)}` : 'overlap along a segment'),
        where,
      );
      return true;
    },
    method,
  );
  if (found) return found;
  if (touches.length === 0) return undefined;

  // Union–find over ring nodes 0..R−1 and touch-point nodes R.. ; a cycle = disconnected interior.
  const pointId = new Map<string, number>();
  const parent: number[] = [];
  for (let r = 0; r < rings.length; r++) parent.push(r);
  const findRoot = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  const seen = new Set<string>();
  for (const t of touches) {
    const key = `${t.x},${t.y}`;
    let id = pointId.get(key);
    if (id === undefined) {
      id = parent.length;
      parent.push(id);
      pointId.set(key, id);
    }
    for (const ring of [t.a, t.b]) {
      const incidence = `${ring}|${id}`;
      if (seen.has(incidence)) continue;
      seen.add(incidence);
      const ra = findRoot(ring);
      const rb = findRoot(id);
      if (ra === rb) {
        return invalid(
          'self_intersection',
          `polygon ${p}: rings touch at (${fmt(t.x)}, ${fmt(t.y)}) and elsewhere so that the interior is split ` +
            `(rings ${t.a} and ${t.b} are already joined by other touch points)`,
          { polygon: p, ring: t.b },
        );
      }
      parent[ra] = rb;
    }
  }
  return undefined;
}

/** Side of a ring for the first of `ring`'s vertices (or edge midpoints) not on its boundary. */
function representativeSide(container: LinearRing, ring: CleanRing): RingSide {
  for (let k = 0; k < ring.length; k++) {
    const side = ringSide(container, ring.x[k], ring.y[k]);
    if (side !== 0) return side;
  }
  for (let k = 0; k < ring.length; k++) {
    const next = k + 1 === ring.length ? 0 : k + 1;
    const side = ringSide(container, (ring.x[k] + ring.x[next]) / 2, (ring.y[k] + ring.y[next]) / 2);
    if (side !== 0) return side;
  }
  return 0;
}

function ringBox(r: CleanRing): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < r.length; k++) {
    if (r.x[k] < minX) minX = r.x[k];
    if (r.x[k] > maxX) maxX = r.x[k];
    if (r.y[k] < minY) minY = r.y[k];
    if (r.y[k] > maxY) maxY = r.y[k];
  }
  return [minX, minY, maxX, maxY];
}

/** Every hole inside the shell, and no hole inside another (rings are known not to cross). */
export function holeProblem(p: number, rings: LinearRing[], clean: CleanRing[]): Invalid | undefined {
  if (rings.length < 2) return undefined;
  for (let h = 1; h < rings.length; h++) {
    if (representativeSide(rings[0], clean[h]) !== 1) {
      return invalid('hole_outside', `polygon ${p}: hole ${h} (ring ${h}) is not inside the shell (ring 0)`, {
        polygon: p,
        ring: h,
      });
    }
  }
  if (rings.length < 3) return undefined;
  const boxes = clean.map(ringBox);
  for (let h = 1; h < rings.length; h++) {
    for (let o = 1; o < rings.length; o++) {
      if (o === h) continue;
      const a = boxes[h];
      const b = boxes[o];
      // h can only be inside o if o's box contains h's box.
      if (a[0] < b[0] || a[1] < b[1] || a[2] > b[2] || a[3] > b[3]) continue;
      if (representativeSide(rings[o], clean[h]) === 1) {
        return invalid('hole_outside', `polygon ${p}: hole ${h} (ring ${h}) lies inside hole ${o} (ring ${o})`, {
          polygon: p,
          ring: h,
        });
      }
    }
  }
  return undefined;
}
