/**
 * Concave hulls (χ-shapes, Duckham et al. 2008) for footprints, checked by their guarantees:
 * every point inside or on the outline, the outline a simple polygon, area ≤ the convex hull's
 * (equal at concavity 1), an L-shaped cluster clearly smaller than its convex hull (its area is
 * 36 by construction, its convex hull's 68), degenerate sets falling back to the convex hull,
 * and bad options.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { createRng } from '../src/core/rng.js';
import { pointPattern } from '../src/data/point-pattern.js';
import { concaveHull } from '../src/measures/pointpattern/concave-hull.js';
import { convexHull } from '../src/core/geo/convex-hull.js';
import { footprints } from '../src/measures/pointpattern/footprints.js';

type P = [number, number];
const EPS = 1e-9;

function area(ring: P[]): number {
  let s = 0;
  for (let k = 0; k < ring.length; k++) { const [x0, y0] = ring[k], [x1, y1] = ring[(k + 1) % ring.length]; s += x0 * y1 - x1 * y0; }
  return s / 2;
}
function onSegment(p: P, a: P, b: P): boolean {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  const l2 = dx * dx + dy * dy;
  const t = l2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy) <= EPS;
}
/** Inside (ray casting) or on the outline. */
function covers(ring: P[], p: P): boolean {
  let inside = false;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const a = ring[j], b = ring[k];
    if (onSegment(p, a, b)) return true;
    if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}
function cross(o: P, a: P, b: P): number { return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]); }
/** No repeated vertex, and no two non-adjacent edges touch (naive O(m²)). */
function isSimple(ring: P[]): boolean {
  const m = ring.length;
  const keys = new Set(ring.map((p) => `${p[0]},${p[1]}`));
  if (keys.size !== m) return false;
  for (let i = 0; i < m; i++) {
    const a = ring[i], b = ring[(i + 1) % m];
    for (let j = i + 1; j < m; j++) {
      if (j === i || (j + 1) % m === i || j === (i + 1) % m) continue; // adjacent edges share a vertex
      const c = ring[j], d = ring[(j + 1) % m];
      const d1 = cross(a, b, c), d2 = cross(a, b, d), d3 = cross(c, d, a), d4 = cross(c, d, b);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return false;
      if (onSegment(c, a, b) || onSegment(d, a, b) || onSegment(a, c, d) || onSegment(b, c, d)) return false;
    }
  }
  return true;
}

/** n points uniform in the L = [0,10]×[0,2] ∪ [0,2]×[2,10] (area 36; its convex hull has area 68). */
function lShape(n: number, seed: number): P[] {
  const rng = createRng(seed);
  const out: P[] = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10]];
  while (out.length < n) {
    const x = 10 * rng.next(), y = 10 * rng.next();
    if (y <= 2 || x <= 2) out.push([x, y]);
  }
  return out;
}

const sets: Record<string, P[]> = {
  'L-shape': lShape(400, 1),
  uniform: (() => { const r = createRng(2); return Array.from({ length: 300 }, () => [100 * r.next(), 100 * r.next()] as P); })(),
  'two blobs and duplicates': (() => {
    const r = createRng(3);
    const pts = Array.from({ length: 200 }, (_, i) => [(i % 2 ? 0 : 20) + r.normal(), r.normal()] as P);
    return [...pts, ...pts.slice(0, 20)];
  })(),
  ring: (() => { const r = createRng(4); return Array.from({ length: 250 }, () => { const a = 2 * Math.PI * r.next(), d = 9 + r.next(); return [d * Math.cos(a), d * Math.sin(a)] as P; }); })(),
};

describe('concaveHull', () => {
  for (const [name, pts] of Object.entries(sets)) {
    for (const concavity of [0, 0.1, 0.3]) {
      it(`${name}, concavity ${concavity}: simple, covers every point, area ≤ convex hull`, () => {
        const h = concaveHull(pts, { concavity });
        expect(h.kind).toBe('concave');
        expect(area(h.ring)).toBeGreaterThan(0); // anticlockwise
        expect(isSimple(h.ring)).toBe(true);
        for (const p of pts) expect(covers(h.ring, p)).toBe(true);
        expect(area(h.ring)).toBeLessThanOrEqual(area(convexHull(pts)) * (1 + 1e-12));
      });
    }
  }
  it('an L-shaped cluster gets a clearly smaller area than its convex hull', () => {
    const pts = sets['L-shape'];
    const hull = area(convexHull(pts));
    expect(hull).toBeCloseTo(68, 9); // the corners are in the set
    const a = area(concaveHull(pts).ring);
    expect(a).toBeLessThan(0.7 * hull);
    expect(a).toBeGreaterThan(30); // and not much less than the L itself (36)
  });
  it('concavity 1 gives the convex hull', () => {
    for (const pts of Object.values(sets)) expect(area(concaveHull(pts, { concavity: 1 }).ring)).toBeCloseTo(area(convexHull(pts)), 9);
  });
  it('falls back to the convex hull for collinear or too few points', () => {
    expect(concaveHull([[0, 0], [1, 1], [2, 2], [3, 3]])).toEqual({ ring: [[0, 0], [3, 3]], kind: 'convex' });
    expect(concaveHull([[0, 0], [1, 1]]).kind).toBe('convex');
    expect(concaveHull([[5, 5], [5, 5], [5, 5]])).toEqual({ ring: [[5, 5]], kind: 'convex' });
  });
  it('rejects a concavity outside [0, 1] and non-finite points', () => {
    for (const c of [-0.1, 1.5, Number.NaN]) {
      try { concaveHull(sets.uniform, { concavity: c }); expect.unreachable(); } catch (e) { expect((e as InputError).code).toBe('E_OPTION'); expect((e as InputError).details.field).toBe('concavity'); }
    }
    try { concaveHull([[0, 0], [1, Number.NaN], [2, 0]]); expect.unreachable(); } catch (e) { expect((e as InputError).code).toBe('E_NOT_FINITE'); expect((e as InputError).details.row).toBe(1); }
  });
});

describe('footprints with concave hulls', () => {
  const pts = sets['L-shape'];
  const p = pointPattern({ x: pts.map((v) => v[0]), y: pts.map((v) => v[1]), labels: pts.map(() => 'A') });
  it('gives each cluster a concave polygon containing its establishments', () => {
    const convex = footprints(p, { reference: 'A', eps: 1.5, minPoints: 3 }).value;
    const concave = footprints(p, { reference: 'A', eps: 1.5, minPoints: 3, hull: 'concave', concavity: 0.1 }).value;
    expect(concave.hull).toBe('concave');
    expect(concave.concavity).toBe(0.1);
    expect(concave.features).toHaveLength(1);
    const f = concave.features[0];
    expect(f.properties.hull).toBe('concave');
    expect(convex.features[0].properties.hull).toBe('convex');
    if (f.geometry.type !== 'Polygon' || convex.features[0].geometry.type !== 'Polygon') throw new Error('expected polygons');
    const ring = f.geometry.coordinates[0].slice(0, -1) as P[];
    for (const id of f.properties.ids) expect(covers(ring, pts[id as number])).toBe(true);
    expect(area(ring)).toBeLessThan(0.7 * area(convex.features[0].geometry.coordinates[0].slice(0, -1) as P[]));
  });
  it('rejects bad hull options naming the field', () => {
    const field = (o: object) => { try { footprints(p, { reference: 'A', eps: 1.5, ...o }); return 'none'; } catch (e) { return `${(e as InputError).code}:${String((e as InputError).details.field)}`; } };
    expect(field({ hull: 'alpha' })).toBe('E_OPTION:hull');
    expect(field({ hull: 'concave', concavity: 2 })).toBe('E_OPTION:concavity');
    expect(field({ concavity: 0.2 })).toBe('E_OPTION:concavity');
  });
});
