/**
 * Agglomeration footprints: where an industry is agglomerated, as DBSCAN clusters of its
 * establishments with a polygon (convex or concave hull) per cluster, as GeoJSON.
 *
 *   clusters = dbscan(points of the reference type, eps, minPoints)
 *   eps (default) = the distance at which the industry's K-density peaks (DO2005: the distance
 *   at which establishments are most often found from one another), or a given value.
 *
 * Each footprint is a GeoJSON Feature: a Polygon (the convex hull, or with hull 'concave' the
 * χ-shape of concaveHull — a simple polygon containing every establishment of the cluster, at
 * most the convex hull's area; a LineString or Point when the cluster's points are collinear or
 * identical), with properties cluster, count (establishments), weight (sum of weights), ids (the
 * establishments' ids, in input order), the centroid and hull ('convex' or 'concave': a concave
 * request falls back to the convex hull for degenerate clusters). Hulls are computed in the
 * pattern's coordinates (lon/lat degrees as a plane for 'haversine', as the convex hull).
 * Coordinates are the pattern's (lon/lat for 'haversine'), or mapped back by `toLonLat` for
 * projected patterns. Noise points are in no footprint.
 * Degenerate: fewer than minPoints reference points → no footprint (not an error).
 * Complexity: O(n + P) for DBSCAN plus O(m log m) per hull; the K-density for the default eps
 * costs as kDensity without simulations.
 * References: Ester et al. (1996) (DBSCAN); Andrew, A. M. (1979) "Another efficient algorithm
 * for convex hulls in two dimensions", Information Processing Letters 9(5):216–219,
 * doi:10.1016/0020-0190(79)90072-3; Duckham et al. (2008) χ-shapes,
 * doi:10.1016/j.patcog.2008.03.023; Duranton & Overman (2005) doi:10.1111/0034-6527.00362.
 */
import { InputError } from '../../core/errors.js';
import type { PointPattern } from '../../data/point-pattern.js';
import { typeIndex } from '../../data/point-pattern.js';
import type { MeasureResult } from '../result.js';
import { dbscan } from './dbscan.js';
import { kDensity } from './k-density.js';
import { concaveHull, DEFAULT_CONCAVITY } from './concave-hull.js';
import { convexHull } from '../../core/geo/convex-hull.js';

export { convexHull };

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
  /** Footprint polygon: 'convex' (default) or 'concave' (χ-shape, see concaveHull). */
  hull?: 'convex' | 'concave';
  /** With hull 'concave': in [0, 1], 1 = convex hull, smaller = more concave (default 0.1). */
  concavity?: number;
}

export interface FootprintFeature {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'LineString'; coordinates: number[][] } | { type: 'Point'; coordinates: number[] };
  properties: { cluster: number; count: number; weight: number; centroid: [number, number]; ids: (string | number)[]; hull: 'convex' | 'concave' };
}

export interface FootprintCollection {
  type: 'FeatureCollection';
  features: FootprintFeature[];
  eps: number;
  epsSource: 'given' | 'k-density-peak';
  minPoints: number;
  noise: number;
  /** The hull requested, and its concavity when concave. */
  hull: 'convex' | 'concave';
  concavity?: number;
}

export function footprints(pattern: PointPattern, options: FootprintsOptions): MeasureResult<FootprintCollection> {
  const fn = 'footprints';
  if (pattern.types === undefined) throw new InputError('E_OPTION', `${fn}: the pattern has no types (industries)`, { field: 'types', value: undefined });
  const t = typeIndex(pattern, options.reference, fn, 'reference');
  if (options.ids !== undefined && options.ids.length !== pattern.x.length) throw new InputError('E_OPTION', `${fn}: ids has ${options.ids.length} values, the pattern ${pattern.x.length} points`, { field: 'ids', value: options.ids.length });
  const minPoints = options.minPoints ?? 5;
  const hullKind = options.hull ?? 'convex';
  if (hullKind !== 'convex' && hullKind !== 'concave') throw new InputError('E_OPTION', `${fn}: hull must be 'convex' or 'concave', got ${String(hullKind)}`, { field: 'hull', value: hullKind });
  if (options.concavity !== undefined && hullKind !== 'concave') throw new InputError('E_OPTION', `${fn}: concavity needs hull 'concave'`, { field: 'concavity', value: options.concavity });
  const concavity = hullKind === 'concave' ? options.concavity ?? DEFAULT_CONCAVITY : undefined;
  if (concavity !== undefined && !(Number.isFinite(concavity) && concavity >= 0 && concavity <= 1)) throw new InputError('E_OPTION', `${fn}: concavity must be a number in [0, 1], got ${concavity}`, { field: 'concavity', value: concavity });
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
  let fallbacks = 0;
  const features: FootprintFeature[] = members.map((m, c) => {
    const pts = m.map((q) => [sx[q], sy[q]] as [number, number]);
    const made = hullKind === 'concave' ? concaveHull(pts, { concavity }) : { ring: convexHull(pts), kind: 'convex' as const };
    const hull = made.ring;
    if (hullKind === 'concave' && made.kind === 'convex') fallbacks++;
    let cx = 0, cy = 0, weight = 0;
    for (const q of m) { cx += sx[q]; cy += sy[q]; weight += pattern.weights ? pattern.weights[idx[q]] : 1; }
    const centroid = out(cx / m.length, cy / m.length) as [number, number];
    const geometry: FootprintFeature['geometry'] = hull.length >= 3
      ? { type: 'Polygon', coordinates: [[...hull, hull[0]].map(([x, y]) => out(x, y))] }
      : hull.length === 2 ? { type: 'LineString', coordinates: hull.map(([x, y]) => out(x, y)) } : { type: 'Point', coordinates: out(hull[0][0], hull[0][1]) };
    return { type: 'Feature', geometry, properties: { cluster: c, count: m.length, weight, centroid, ids: m.map((q) => (options.ids ? options.ids[idx[q]] : idx[q])), hull: made.kind } };
  });
  if (fallbacks > 0) warnings.push(`${fn}: ${fallbacks} footprint(s) kept their convex hull (collinear or fewer than 3 distinct points); their properties say hull: 'convex'`);
  return {
    value: { type: 'FeatureCollection', features, eps, epsSource, minPoints, noise, hull: hullKind, ...(concavity !== undefined ? { concavity } : {}) },
    n: idx.length,
    warnings,
    provenance: {
      measure: fn,
      options: { reference: options.reference, eps, epsSource, minPoints, hull: hullKind, concavity },
      references: ['Ester et al. (1996) KDD-96 226–231', 'Andrew (1979) doi:10.1016/0020-0190(79)90072-3', ...(hullKind === 'concave' ? ['Duckham et al. (2008) doi:10.1016/j.patcog.2008.03.023'] : [])],
    },
  };
}

