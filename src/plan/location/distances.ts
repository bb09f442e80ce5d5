import { haversineKm } from '../../core/geo/index.js';
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
