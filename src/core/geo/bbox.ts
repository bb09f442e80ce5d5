/**
 * Bounding box [minX, minY, maxX, maxY] of a Polygon or MultiPolygon, over all positions.
 *
 * Planar: a ring crossing the antimeridian gets a box spanning almost 360° of longitude (RFC 7946
 * §5.2 boxes with west > east are not produced). Degenerate cases: no positions at all →
 * InputError E_DEGENERATE. Complexity O(n).
 *
 * @example bbox({ type: 'Polygon', coordinates: [[[0,0],[2,0],[2,1],[0,1],[0,0]]] }) // [0, 0, 2, 1]
 * @throws InputError E_OPTION if not polygonal, E_DEGENERATE if empty.
 */

import { InputError } from '../errors.js';
import { polygonsOf } from './point-in-polygon.js';
import type { AreaGeometry, BBox } from './types.js';

export function bbox(geometry: AreaGeometry): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const rings of polygonsOf('bbox', geometry)) {
    for (const ring of rings) {
      for (const pos of ring) {
        const x = pos[0];
        const y = pos[1];
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (minX > maxX) {
    throw new InputError('E_DEGENERATE', 'bbox: the geometry has no positions', { field: 'geometry' });
  }
  return [minX, minY, maxX, maxY];
}
