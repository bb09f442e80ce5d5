/**
 * Agglomeration footprints: where an industry is agglomerated, as DBSCAN clusters of its
 * establishments with a polygon (convex hull) per cluster, as GeoJSON.
 *
 *   clusters = dbscan(points of the reference type, eps, minPoints)
 *   eps (default) = the distance at which the industry's K-density peaks (DO2005: the distance
 *   at which establishments are most often found from one another), or a given value.
 *
 * Each footprint is a GeoJSON Feature: a Polygon (the convex hull; a LineString or Point when the
 * cluster's points are collinear or identical), with properties cluster, count (establishments),
 * weight (sum of weights), ids (the establishments' ids, in input order) and the centroid.
 * Coordinates are the pattern's (lon/lat for 'haversine'), or mapped back by `toLonLat` for
 * projected patterns. Noise points are in no footprint.
 * Degenerate: fewer than minPoints reference points → no footprint (not an error).
 * Complexity: O(n + P) for DBSCAN plus O(m log m) per hull; the K-density for the default eps
 * costs as kDensity without simulations.
 * References: Ester et al. (1996) (DBSCAN); Andrew, A. M. (1979) "Another efficient algorithm
 * for convex hulls in two dimensions", Information Processing Letters 9(5):216–219,
 * doi:10.1016/0020-0190(79)90072-3; Duranton & Overman (2005) doi:10.1111/0034-6527.00362.
 * Concave hulls are not implemented (convex hulls overstate the footprint of L-shaped clusters).
 */
import { InputError } from '../../core/errors.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { typeIndex } from '../../data/point-pattern.js';
import type { MeasureResult } from '../result.js';
import { dbscan } from './dbscan.js';
import { kDensity } from './k-density.js';

export interface FootprintsOptions {
  reference: string;
  /** Neighbourhood distance; default: where the reference type's K-density peaks. */
  eps?: number;
  /** DBSCAN min_samples (default 5). */
  minPoints?: number;
  /** Establishment ids, one per point of the pattern (default: the point index). */
  ids?: readonly (string | number)[];
  /** Map projected coordinates back to [lon, lat] for the GeoJSON. */
  toLonLat?: (x: number, y: number) => [number, number];
  /** Options passed to kDensity when eps is not given. */
  kDensityRmax?: number | 'third-window' | 'median';
}

export interface FootprintFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'LineString'; coordinates: number[][] } | { type: 'Point'; coordinates: number[] };
  properties: { cluster: number; count: number; weight: number; centroid: [number, number]; ids: (string | number)[] };
}

export interface FootprintCollection {
  type: 'FeatureCollection';
  features: FootprintFeature[];
  eps: number;
  epsSource: 'given' | 'k-density-peak';
  minPoints: number;
  noise: number;
}

export function footprints(pattern: PointPattern, options: FootprintsOptions): MeasureResult<FootprintCollection> {
  const fn = 'footprints';
  if (pattern.types === undefined) throw new InputError('E_OPTION', `${fn}: the pattern has no types (industries)`, { field: 'types', value: undefined });
  const t = typeIndex(pattern, options.reference, fn, 'reference');
  if (options.ids !== undefined && options.ids.length !== pattern.x.length) throw new InputError('E_OPTION', `${fn}: ids has ${options.ids.length} values, the pattern ${pattern.x.length} points`, { field: 'ids', value: options.ids.length });
  const minPoints = options.minPoints ?? 5;
  const warnings: string[] = [];
  let eps = options.eps;
  let epsSource: FootprintCollection['epsSource'] = 'given';
  if (eps === undefined) {
    const kd = kDensity(pattern, { reference: options.reference, rmax: options.kDensityRmax ?? 'third-window' }).value;
    let best = 1;
    for (let k = 1; k < kd.value.length; k++) if (kd.value[k] > kd.value[best]) best = k;
    eps = kd.r[best];
    epsSource = 'k-density-peak';
    if (best === kd.value.length - 1) warnings.push(`${fn}: the K-density has no interior peak (it rises to rmax); eps = rmax = ${eps}. Give eps explicitly.`);
  }
  const idx: number[] = [];
  for (let i = 0; i < pattern.x.length; i++) if (pattern.types[i] === t) idx.push(i);
  const sx = Float64Array.from(idx, (i) => pattern.x[i]);
  const sy = Float64Array.from(idx, (i) => pattern.y[i]);
  const { labels, clusters } = dbscan(sx, sy, { eps, minPoints, metric: pattern.metric ?? 'euclidean' });
  const members: number[][] = Array.from({ length: clusters }, () => []);
  let noise = 0;
  for (let q = 0; q < idx.length; q++) { if (labels[q] >= 0) members[labels[q]].push(q); else noise++; }
  const out = (x: number, y: number): number[] => (options.toLonLat ? options.toLonLat(x, y) : [x, y]);
  const features: FootprintFeature[] = members.map((m, c) => {
    const hull = convexHull(m.map((q) => [sx[q], sy[q]] as [number, number]));
    let cx = 0, cy = 0, weight = 0;
    for (const q of m) { cx += sx[q]; cy += sy[q]; weight += pattern.weights ? pattern.weights[idx[q]] : 1; }
    const centroid = out(cx / m.length, cy / m.length) as [number, number];
    const geometry: FootprintFeature['geometry'] = hull.length >= 3
      ? { type: 'Polygon', coordinates: [[...hull, hull[0]].map(([x, y]) => out(x, y))] }
      : hull.length === 2 ? { type: 'LineString', coordinates: hull.map(([x, y]) => out(x, y)) } : { type: 'Point', coordinates: out(hull[0][0], hull[0][1]) };
    return { type: 'Feature', geometry, properties: { cluster: c, count: m.length, weight, centroid, ids: m.map((q) => (options.ids ? options.ids[idx[q]] : idx[q])) } };
  });
  return {
    value: { type: 'FeatureCollection', features, eps, epsSource, minPoints, noise },
    n: idx.length,
    warnings,
    provenance: {
      measure: fn,
      options: { reference: options.reference, eps, epsSource, minPoints },
      references: ['Ester et al. (1996) KDD-96 226–231', 'Andrew (1979) doi:10.1016/0020-0190(79)90072-3'],
    },
  };
}

/** Andrew's monotone chain; anticlockwise, without collinear points; 1–2 points when degenerate. */
export function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const uniq = p.filter((v, k) => k === 0 || v[0] !== p[k - 1][0] || v[1] !== p[k - 1][1]);
  if (uniq.length < 3) return uniq;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const v of uniq) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], v) <= 0) lower.pop();
    lower.push(v);
  }
  const upper: [number, number][] = [];
  for (let k = uniq.length - 1; k >= 0; k--) {
    const v = uniq[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], v) <= 0) upper.pop();
    upper.push(v);
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  return hull.length >= 3 ? hull : [uniq[0], uniq[uniq.length - 1]];
}
