/**
 * Region centroids as a point set for knn and distance weights: the area-weighted planar
 * centroid of each polygon (`core/geo/polygon-centroid.ts`, the same formula as libpysal's and
 * sf's `st_centroid` on planar data). For lon/lat input it is the planar centroid in degrees.
 */
import { polygonCentroid } from '../../core/geo/polygon-centroid.js';
import type { RegionPolygon } from './contiguity.js';
import type { RegionPoints } from './points.js';

export function regionPoints(regions: readonly RegionPolygon[]): RegionPoints {
  const n = regions.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = polygonCentroid(regions[i].geometry);
    x[i] = cx;
    y[i] = cy;
  }
  return { ids: regions.map((r) => r.id), x, y };
}
