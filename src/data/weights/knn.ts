/**
 * k-nearest-neighbour weights on region points (centroids).
 *
 *   N(i) = the k points j ≠ i with the smallest d(i, j); ties broken by the lower index.
 *
 * The relation is not symmetric (j may be among i's nearest without the converse). Distances as
 * `points.ts` (Euclidean, or great-circle km for lon/lat). spdep's `knearneigh` + `knn2nb` and
 * libpysal's `KNN` gave the same sets on columbus and North Carolina (k = 4, Euclidean;
 * test/weights.test.ts). Error E_OPTION when k is not an integer in 1..n−1.
 * Method: a window over points sorted by y that grows until it is provably wide enough, so
 * typical cost is O(n·(k + window)) rather than O(n²). Base weights are 1.
 * Reference: Anselin (1988) Spatial Econometrics, §3.1, doi:10.1007/978-94-015-7799-1.
 */
import { InputError } from '../../core/errors.js';
import { checkPoints, distanceFunction, yLowerBound, type DistanceMetric, type RegionPoints } from './points.js';
import { fromNeighbourLists, type SpatialWeights, type WeightsStyle } from './spatial-weights.js';

export interface KnnOptions {
  k?: number;
  metric?: DistanceMetric;
  style?: WeightsStyle;
}

export function knnWeights(points: RegionPoints, options: KnnOptions = {}): SpatialWeights {
  const k = options.k ?? 4;
  const metric = options.metric ?? 'euclidean';
  const style = options.style ?? 'W';
  checkPoints('knnWeights', points, metric);
  const n = points.ids.length;
  if (!Number.isInteger(k) || k < 1 || k > n - 1) throw new InputError('E_OPTION', `knnWeights: k must be an integer in 1..${n - 1}, got ${k}`, { field: 'k', value: k });
  const dist = distanceFunction(points, metric);
  const lb = yLowerBound(metric);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => points.y[a] - points.y[b] || a - b);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;
  const neighbours: number[][] = [];
  const bestD = new Float64Array(k);
  const bestJ = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    let count = 0;
    const consider = (j: number): void => {
      const d = dist(i, j);
      if (count === k && (d > bestD[k - 1] || (d === bestD[k - 1] && j > bestJ[k - 1]))) return;
      let t = count < k ? count++ : k - 1;
      while (t > 0 && (bestD[t - 1] > d || (bestD[t - 1] === d && bestJ[t - 1] > j))) { bestD[t] = bestD[t - 1]; bestJ[t] = bestJ[t - 1]; t--; }
      bestD[t] = d;
      bestJ[t] = j;
    };
    // expand outwards in y order; stop a side once its y gap alone exceeds the k-th best distance
    let lo = rank[i] - 1;
    let hi = rank[i] + 1;
    while (lo >= 0 || hi < n) {
      const gapLo = lo >= 0 ? lb(points.y[i] - points.y[order[lo]]) : Infinity;
      const gapHi = hi < n ? lb(points.y[order[hi]] - points.y[i]) : Infinity;
      const bound = count === k ? bestD[k - 1] : Infinity;
      if (gapLo > bound && gapHi > bound) break;
      if (gapLo <= gapHi) consider(order[lo--]); else consider(order[hi++]);
    }
    neighbours.push(Array.from(bestJ.subarray(0, count)));
  }
  return fromNeighbourLists({ ids: points.ids, neighbours }, { style, kind: 'knn', parameters: { k, metric } });
}
