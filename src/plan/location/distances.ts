import { haversineKm } from '../../core/geo/index.js';
import { requireLonLat } from '../../core/geo/check.js';
import { MEAN_EARTH_RADIUS_KM, RAD } from '../../core/geo/ellipsoid.js';
import type { Demand, Site } from './types.js';

/** Demand × site great-circle distances in km, row-major Float64Array (n·m). O(n·m). */
export function distanceMatrix(demands: readonly Demand[], sites: readonly Site[]): Float64Array {
  const n = demands.length;
  const m = sites.length;
  const d = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) d[i * m + j] = haversineKm(demands[i].lon, demands[i].lat, sites[j].lon, sites[j].lat);
  }
  return d;
}

/**
 * The same great-circle distances (haversine, R = 6371.0088 km, `haversineKm`'s formula) for
 * coordinate columns, with each point's radians and cos φ computed once: the fast path for large
 * matrices (5,000 × 500 in ~0.1 s). Row i of the result is point i of (lonA, latA).
 * Checked against `haversineKm` cell by cell in test/p-median.test.ts. O(n·m).
 */
export function greatCircleMatrix(lonA: ArrayLike<number>, latA: ArrayLike<number>, lonB: ArrayLike<number>, latB: ArrayLike<number>): Float64Array {
  const n = lonA.length;
  const m = lonB.length;
  for (let i = 0; i < n; i++) requireLonLat('greatCircleMatrix', lonA[i], latA[i]);
  for (let j = 0; j < m; j++) requireLonLat('greatCircleMatrix', lonB[j], latB[j]);
  const lb = Float64Array.from({ length: m }, (_, j) => lonB[j] * RAD);
  const pb = Float64Array.from({ length: m }, (_, j) => latB[j] * RAD);
  const cb = pb.map(Math.cos);
  const d = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const la = lonA[i] * RAD;
    const pa = latA[i] * RAD;
    const ca = Math.cos(pa);
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const s1 = Math.sin((pb[j] - pa) / 2);
      const s2 = Math.sin((lb[j] - la) / 2);
      const h = Math.min(1, Math.max(0, s1 * s1 + ca * cb[j] * s2 * s2));
      d[row + j] = 2 * MEAN_EARTH_RADIUS_KM * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
    }
  }
  return d;
}
