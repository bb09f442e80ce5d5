/**
 * Is a point inside a Polygon or MultiPolygon? Even–odd rule over all rings of each polygon
 * (so holes are respected), closed set: a point on any ring's boundary counts as inside.
 *
 *   inside(p) ⇔ p on a boundary, or the ray from p towards +x crosses an odd number of edges
 *
 * Each edge [a, b] is counted when it straddles the ray half-openly (a.y ≤ p.y < b.y with p left
 * of a→b, or b.y ≤ p.y < a.y with p right of it), decided by the exact `orient2d`, so vertices
 * on the ray are counted once and the answer is exact for float64 input. For a valid polygon
 * even–odd equals "inside the shell and not inside a hole"; for overlapping rings it is the usual
 * even–odd fill. A MultiPolygon contains p if any of its polygons does.
 *
 * Planar: works in any units (degrees or projected metres); the edge between two vertices is a
 * straight line in those coordinates, not a great circle. Antimeridian-crossing rings are not
 * handled. Complexity O(n) per query, n = number of vertices.
 * Checked by hand-built cases (square with a hole, points on edges and vertices) in
 * test/geo.test.ts. Reference: W. R. Franklin, "PNPOLY — point inclusion in polygon test",
 * https://wrfranklin.org/Research/Short_Notes/pnpoly.html (the crossing rule, here made exact).
 *
 * @example pointInPolygon(0.5, 0.5, { type: 'Polygon', coordinates: [[[0,0],[1,0],[1,1],[0,1],[0,0]]] }) // true
 * @throws InputError E_NOT_FINITE for a non-finite point; E_OPTION if geometry is not polygonal.
 */

import { InputError } from '../errors.js';
import { requireFinite } from './check.js';
import { orient2d } from './orient2d.js';
import type { AreaGeometry, LinearRing } from './types.js';

/** Where a point lies relative to a ring: 1 inside, 0 on the boundary, −1 outside. */
export type RingSide = 1 | 0 | -1;

/** Number of edge crossings of the +x ray from (px, py) with `ring`, or −1 if p is on the ring. */
function crossings(ring: LinearRing, px: number, py: number): number {
  const n = ring.length;
  if (n === 0) return 0;
  let count = 0;
  // Treat the ring as closed whether or not the last position repeats the first.
  let ax = ring[n - 1][0];
  let ay = ring[n - 1][1];
  for (let k = 0; k < n; k++) {
    const bx = ring[k][0];
    const by = ring[k][1];
    if (ay <= py || by <= py) {
      if ((ay <= py && py < by) || (by <= py && py < ay)) {
        const o = orient2d(ax, ay, bx, by, px, py);
        if (o === 0) return -1;
        if ((o > 0) === (ay < by)) count++;
      } else if (ay === py && by === py) {
        // Horizontal edge on the ray's line: p is on it if between the ends.
        if (px >= Math.min(ax, bx) && px <= Math.max(ax, bx)) return -1;
      }
    }
    if (ay === py && ax === px) return -1;
    ax = bx;
    ay = by;
  }
  return count;
}

/** Side of (px, py) relative to one ring (even–odd), exact. */
export function ringSide(ring: LinearRing, px: number, py: number): RingSide {
  const c = crossings(ring, px, py);
  if (c < 0) return 0;
  return c % 2 === 1 ? 1 : -1;
}

export function pointInPolygon(lon: number, lat: number, geometry: AreaGeometry): boolean {
  requireFinite('pointInPolygon', 'lon', lon);
  requireFinite('pointInPolygon', 'lat', lat);
  const polygons = polygonsOf('pointInPolygon', geometry);
  for (const rings of polygons) {
    let total = 0;
    let onBoundary = false;
    for (const ring of rings) {
      const c = crossings(ring, lon, lat);
      if (c < 0) {
        onBoundary = true;
        break;
      }
      total += c;
    }
    if (onBoundary || total % 2 === 1) return true;
  }
  return false;
}

/** The polygons (arrays of rings) of a Polygon or MultiPolygon; InputError E_OPTION otherwise. */
export function polygonsOf(fn: string, geometry: AreaGeometry): readonly (readonly LinearRing[])[] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g && g.type === 'Polygon' && Array.isArray(g.coordinates)) return [geometry.coordinates as readonly LinearRing[]];
  if (g && g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) {
    return geometry.coordinates as readonly (readonly LinearRing[])[];
  }
  throw new InputError('E_OPTION', `${fn}: geometry must be a GeoJSON Polygon or MultiPolygon, got ${describe(g)}`, {
    field: 'geometry',
    value: g && typeof g === 'object' ? g.type : g,
  });
}

function describe(g: unknown): string {
  if (g === null || typeof g !== 'object') return String(g);
  const type = (g as { type?: unknown }).type;
  return typeof type === 'string' ? `type ${JSON.stringify(type)}` : 'an object without a polygon type';
}
