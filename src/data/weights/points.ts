/**
 * Point sets for distance-based weights, and the distance each metric uses.
 *
 * 'euclidean': √(Δx² + Δy²) in the coordinates' units (projected metres, or any planar units).
 * 'great-circle': haversine distance in km on the sphere of mean Earth radius
 * (`core/geo/haversine-km.ts`); x = longitude, y = latitude in degrees. spdep's `longlat = TRUE`
 * uses an ellipsoidal formula instead, so neighbours exactly at a threshold can differ (≤ 0.56 %).
 */
import { InputError } from '../../core/errors.js';
import { centralAngle } from '../../core/geo/haversine-km.js';
import { MEAN_EARTH_RADIUS_KM, RAD } from '../../core/geo/ellipsoid.js';

export type DistanceMetric = 'euclidean' | 'great-circle';

export interface RegionPoints {
  ids: readonly string[];
  /** Easting or longitude (degrees). */
  x: Float64Array;
  /** Northing or latitude (degrees). */
  y: Float64Array;
}

export function checkPoints(fn: string, points: RegionPoints, metric: DistanceMetric): void {
  if (metric !== 'euclidean' && metric !== 'great-circle') throw new InputError('E_OPTION', `${fn}: metric must be 'euclidean' or 'great-circle', got ${JSON.stringify(metric)}`, { field: 'metric', value: metric });
  const n = points.ids.length;
  if (points.x.length !== n || points.y.length !== n) throw new InputError('E_OPTION', `${fn}: ${n} ids but ${points.x.length} x and ${points.y.length} y`, { field: 'x' });
  for (let i = 0; i < n; i++) {
    const x = points.x[i];
    const y = points.y[i];
    if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${fn}: x[${i}] must be finite, got ${x}`, { field: 'x', row: i, value: x });
    if (!Number.isFinite(y)) throw new InputError('E_NOT_FINITE', `${fn}: y[${i}] must be finite, got ${y}`, { field: 'y', row: i, value: y });
    if (metric === 'great-circle' && (Math.abs(y) > 90 || Math.abs(x) > 180)) throw new InputError('E_OPTION', `${fn}: (${x}, ${y}) of ${points.ids[i]} is not a lon/lat position`, { field: 'x', row: i, value: [x, y] });
  }
}

/** A distance function over point indices for the metric. */
export function distanceFunction(points: RegionPoints, metric: DistanceMetric): (i: number, j: number) => number {
  const { x, y } = points;
  if (metric === 'euclidean') return (i, j) => Math.hypot(x[i] - x[j], y[i] - y[j]);
  const n = x.length;
  const lam = new Float64Array(n);
  const phi = new Float64Array(n);
  for (let i = 0; i < n; i++) { lam[i] = x[i] * RAD; phi[i] = y[i] * RAD; }
  return (i, j) => MEAN_EARTH_RADIUS_KM * centralAngle(lam[i], phi[i], lam[j], phi[j]);
}

/** A lower bound of the distance from the y (latitude) difference alone, for window pruning. */
export function yLowerBound(metric: DistanceMetric): (dy: number) => number {
  return metric === 'euclidean' ? (dy) => Math.abs(dy) : (dy) => Math.abs(dy) * RAD * MEAN_EARTH_RADIUS_KM;
}
