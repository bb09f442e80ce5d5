/**
 * Distance-band and inverse-distance weights on region points (centroids).
 *
 *   N(i) = { j ≠ i : d(i, j) ≤ threshold }
 *   base gᵢⱼ = 1 (band), or d(i, j)^(−power) (inverse distance, `inverse: true`, power 1 by default)
 *
 * Distances as `points.ts`: Euclidean in coordinate units, or great-circle km for lon/lat. The band
 * includes its end, as spdep's `dnearneigh(d1 = 0, d2, bounds = c("GE", "LE"))` and libpysal's
 * `DistanceBand`; both gave the same sets as ours on columbus and North Carolina (Euclidean).
 * Inverse distance with two coincident points is E_DEGENERATE (1/0). A threshold shorter than a
 * region's nearest neighbour leaves it an island: see `weightsReport`.
 * Method: points sorted by y; for each point only the window |Δy| ≤ threshold is scanned.
 * Reference: Getis (2009) "Spatial weights matrices", Geographical Analysis 41:404–410,
 * doi:10.1111/j.1538-4632.2009.00768.x.
 */
import { InputError } from '../../core/errors.js';
import { checkPoints, distanceFunction, yLowerBound, type DistanceMetric, type RegionPoints } from './points.js';
import { fromNeighbourLists, type SpatialWeights, type WeightsStyle } from './spatial-weights.js';

export interface DistanceBandOptions {
  /** Upper distance (km for great-circle, coordinate units for Euclidean). Required. */
  threshold: number;
  metric?: DistanceMetric;
  /** Inverse-distance base weights d^−power instead of 1. Default false. */
  inverse?: boolean;
  /** Exponent of inverse distance; default 1. */
  power?: number;
  style?: WeightsStyle;
}

export function distanceBandWeights(points: RegionPoints, options: DistanceBandOptions): SpatialWeights {
  const threshold = options.threshold;
  const metric = options.metric ?? 'euclidean';
  const inverse = options.inverse ?? false;
  const power = options.power ?? 1;
  const style = options.style ?? 'W';
  checkPoints('distanceBandWeights', points, metric);
  if (!Number.isFinite(threshold) || threshold <= 0) throw new InputError('E_OPTION', `distanceBandWeights: threshold must be finite and > 0, got ${threshold}`, { field: 'threshold', value: threshold });
  if (!Number.isFinite(power) || power <= 0) throw new InputError('E_OPTION', `distanceBandWeights: power must be finite and > 0, got ${power}`, { field: 'power', value: power });
  const n = points.ids.length;
  const dist = distanceFunction(points, metric);
  const lb = yLowerBound(metric);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => points.y[a] - points.y[b] || a - b);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const base: number[][] = Array.from({ length: n }, () => []);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    for (let s = r + 1; s < n; s++) {
      const j = order[s];
      if (lb(points.y[j] - points.y[i]) > threshold) break;
      const d = dist(i, j);
      if (!(d <= threshold)) continue;
      if (inverse && d === 0) throw new InputError('E_DEGENERATE', `distanceBandWeights: regions ${points.ids[i]} and ${points.ids[j]} are at the same point, so inverse distance is infinite`, { field: 'x', row: j, value: points.ids[j] });
      const g = inverse ? d ** -power : 1;
      neighbours[i].push(j); base[i].push(g);
      neighbours[j].push(i); base[j].push(g);
    }
  }
  return fromNeighbourLists({ ids: points.ids, neighbours, base }, { style, kind: inverse ? 'inverse-distance' : 'distance-band', parameters: { threshold, metric, inverse, power } });
}
