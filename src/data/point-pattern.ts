/**
 * PointPattern: the input of the distance-based agglomeration measures (K-density, Ripley's K/L,
 * cross-type K, Marcon–Puech M, footprints).
 *
 * Coordinates are planar (`x`, `y` in `distanceUnit`, e.g. metres after `projectLonLat`), or
 * geographic (`x` = longitude, `y` = latitude in degrees) with `metric: 'haversine'`, in which
 * case distances are great-circle kilometres on the mean-radius sphere (`haversineKm`).
 * Ripley's K needs a planar window; K-density and M need only distances.
 *
 * `types` (Int32Array of indices into `typeLevels`) says which industry each point belongs to,
 * `weights` (e.g. employees) weights the points; both optional.
 *
 * Windows: an axis-aligned rectangle, or a polygon with holes whose rings follow spatstat's
 * convention (outer boundaries anticlockwise, holes clockwise, not closed). `polygonWindow`
 * builds one from GeoJSON (shell first, holes after; closed rings) and fixes the orientation.
 *
 * Pure: no files, no `node:*`.
 */
import { InputError } from '../core/errors.js';
import { MEAN_EARTH_RADIUS_KM } from '../core/geo/ellipsoid.js';
import { localEquidistantProjection, type LocalProjection } from '../core/geo/local-equidistant-projection.js';
import type { AreaGeometry, LinearRing } from '../core/geo/types.js';

export interface RectangleWindow {
  readonly type: 'rectangle';
  readonly xmin: number;
  readonly xmax: number;
  readonly ymin: number;
  readonly ymax: number;
}

/** One ring of a polygon window: vertex coordinates, not closed (last ≠ first). */
export interface WindowRing {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export interface PolygonWindow {
  readonly type: 'polygon';
  /** Outer boundaries anticlockwise, holes clockwise (spatstat's convention). */
  readonly rings: readonly WindowRing[];
}

export type Window = RectangleWindow | PolygonWindow;

export interface PointPattern {
  /** Easting (planar) or longitude (degrees, with metric 'haversine'). */
  readonly x: Float64Array;
  /** Northing (planar) or latitude (degrees, with metric 'haversine'). */
  readonly y: Float64Array;
  /** Study window; required by Ripley's K and by the edge corrections. */
  readonly window?: Window;
  /** Type (industry) index of each point into `typeLevels`. */
  readonly types?: Int32Array;
  readonly typeLevels?: readonly string[];
  /** Point weights (e.g. employees), finite and ≥ 0. */
  readonly weights?: Float64Array;
  /** 'euclidean' (default) on planar coordinates, or 'haversine' on lon/lat degrees. */
  readonly metric?: 'euclidean' | 'haversine';
  /** Unit of x, y and all distances: 'm', 'km', … ('km' for haversine). */
  readonly distanceUnit?: string;
}

export interface PointPatternInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  window?: Window;
  /** Type label of each point; converted to `types` + `typeLevels` (levels sorted). */
  labels?: ArrayLike<string>;
  weights?: ArrayLike<number>;
  metric?: 'euclidean' | 'haversine';
  distanceUnit?: string;
}

/** Build a checked PointPattern: equal lengths, finite coordinates, weights finite and ≥ 0. */
export function pointPattern(input: PointPatternInput): PointPattern {
  const n = input.x.length;
  if (input.y.length !== n) throw new InputError('E_OPTION', `pointPattern: y has ${input.y.length} values, x has ${n}`, { field: 'y', value: input.y.length });
  const x = Float64Array.from(input.x);
  const y = Float64Array.from(input.y);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new InputError('E_NOT_FINITE', `pointPattern: x[${i}] must be finite, got ${x[i]}`, { field: 'x', row: i, value: x[i] });
    if (!Number.isFinite(y[i])) throw new InputError('E_NOT_FINITE', `pointPattern: y[${i}] must be finite, got ${y[i]}`, { field: 'y', row: i, value: y[i] });
  }
  const metric = input.metric ?? 'euclidean';
  if (metric === 'haversine') {
    for (let i = 0; i < n; i++) {
      if (Math.abs(y[i]) > 90 || Math.abs(x[i]) > 180) throw new InputError('E_OPTION', `pointPattern: point ${i} (${x[i]}, ${y[i]}) is not a lon/lat position`, { field: 'x', row: i, value: [x[i], y[i]] });
    }
  }
  let weights: Float64Array | undefined;
  if (input.weights !== undefined) {
    if (input.weights.length !== n) throw new InputError('E_OPTION', `pointPattern: weights has ${input.weights.length} values, x has ${n}`, { field: 'weights', value: input.weights.length });
    weights = Float64Array.from(input.weights);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(weights[i])) throw new InputError('E_NOT_FINITE', `pointPattern: weights[${i}] must be finite, got ${weights[i]}`, { field: 'weights', row: i, value: weights[i] });
      if (weights[i] < 0) throw new InputError('E_NEGATIVE', `pointPattern: weights[${i}] must be ≥ 0, got ${weights[i]}`, { field: 'weights', row: i, value: weights[i] });
    }
  }
  let types: Int32Array | undefined;
  let typeLevels: string[] | undefined;
  if (input.labels !== undefined) {
    if (input.labels.length !== n) throw new InputError('E_OPTION', `pointPattern: labels has ${input.labels.length} values, x has ${n}`, { field: 'labels', value: input.labels.length });
    typeLevels = [...new Set(Array.from(input.labels, String))].sort();
    const index = new Map(typeLevels.map((l, k) => [l, k]));
    types = new Int32Array(n);
    for (let i = 0; i < n; i++) types[i] = index.get(String(input.labels[i]))!;
  }
  if (input.window !== undefined) checkWindow(input.window, 'pointPattern');
  return { x, y, window: input.window, types, typeLevels, weights, metric, distanceUnit: input.distanceUnit ?? (metric === 'haversine' ? 'km' : undefined) };
}

/** The index of a type label, or InputError E_OPTION naming the labels that exist. */
export function typeIndex(pattern: PointPattern, label: string, fn: string, field: string): number {
  const k = pattern.typeLevels?.indexOf(label) ?? -1;
  if (k < 0) throw new InputError('E_OPTION', `${fn}: ${field} '${label}' is not a type of the pattern (types: ${(pattern.typeLevels ?? []).slice(0, 10).join(', ')})`, { field, value: label });
  return k;
}

/**
 * The reference and neighbour types of a two-type measure (M, m) and whether it is weighted:
 * the pattern must have types, the neighbour defaults to the reference, and `weighted` needs
 * pattern weights. InputError E_OPTION otherwise.
 */
export function typePair(pattern: PointPattern, options: { reference: string; neighbour?: string; weighted?: boolean }, fn: string): { tr: number; tn: number; weighted: boolean; types: Int32Array } {
  if (pattern.types === undefined) throw new InputError('E_OPTION', `${fn}: the pattern has no types (industries)`, { field: 'types', value: undefined });
  const tr = typeIndex(pattern, options.reference, fn, 'reference');
  const tn = options.neighbour === undefined ? tr : typeIndex(pattern, options.neighbour, fn, 'neighbour');
  const weighted = options.weighted ?? false;
  if (weighted && pattern.weights === undefined) throw new InputError('E_OPTION', `${fn}: weighted needs pattern weights`, { field: 'weighted', value: true });
  return { tr, tn, weighted, types: pattern.types };
}

export function rectangleWindow(xmin: number, xmax: number, ymin: number, ymax: number): RectangleWindow {
  const w: RectangleWindow = { type: 'rectangle', xmin, xmax, ymin, ymax };
  checkWindow(w, 'rectangleWindow');
  return w;
}

/**
 * A polygon window from GeoJSON (Polygon or MultiPolygon, closed rings, shell first) or from
 * rings already in spatstat's convention. Orientation is normalised: shells anticlockwise,
 * holes clockwise; the closing vertex is dropped.
 */
export function polygonWindow(geometry: AreaGeometry): PolygonWindow {
  const polys: (readonly LinearRing[])[] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates.map((p) => p);
  const rings: WindowRing[] = [];
  for (const poly of polys) {
    poly.forEach((ring, k) => {
      let m = ring.length;
      if (m > 1 && ring[0][0] === ring[m - 1][0] && ring[0][1] === ring[m - 1][1]) m--;
      if (m < 3) throw new InputError('E_DEGENERATE', `polygonWindow: ring ${k} has fewer than 3 distinct vertices`, { field: 'coordinates', value: m });
      const x = new Float64Array(m);
      const y = new Float64Array(m);
      for (let i = 0; i < m; i++) { x[i] = ring[i][0]; y[i] = ring[i][1]; }
      const a = signedRingArea(x, y);
      const wantPositive = k === 0;
      if ((a > 0) !== wantPositive) { x.reverse(); y.reverse(); }
      rings.push({ x, y });
    });
  }
  const w: PolygonWindow = { type: 'polygon', rings };
  checkWindow(w, 'polygonWindow');
  return w;
}

function checkWindow(w: Window, fn: string): void {
  if (w.type === 'rectangle') {
    for (const k of ['xmin', 'xmax', 'ymin', 'ymax'] as const) {
      if (!Number.isFinite(w[k])) throw new InputError('E_NOT_FINITE', `${fn}: window.${k} must be finite, got ${w[k]}`, { field: `window.${k}`, value: w[k] });
    }
    if (!(w.xmax > w.xmin && w.ymax > w.ymin)) throw new InputError('E_DEGENERATE', `${fn}: window has zero or negative width or height`, { field: 'window', value: [w.xmin, w.xmax, w.ymin, w.ymax] });
  } else if (!(windowArea(w) > 0)) {
    throw new InputError('E_DEGENERATE', `${fn}: polygon window has area ≤ 0 (check ring orientation: shells anticlockwise, holes clockwise)`, { field: 'window', value: windowArea(w) });
  }
}

/** Shoelace signed area of a ring (positive when anticlockwise). */
export function signedRingArea(x: Float64Array, y: Float64Array): number {
  const m = x.length;
  let s = 0;
  for (let i = 0, j = m - 1; i < m; j = i++) s += (x[j] - x[i]) * (y[j] + y[i]);
  return s / 2;
}

export function windowArea(w: Window): number {
  if (w.type === 'rectangle') return (w.xmax - w.xmin) * (w.ymax - w.ymin);
  let a = 0;
  for (const r of w.rings) a += signedRingArea(r.x, r.y);
  return a;
}

/** [xmin, xmax, ymin, ymax] of the window. */
export function windowFrame(w: Window): [number, number, number, number] {
  if (w.type === 'rectangle') return [w.xmin, w.xmax, w.ymin, w.ymax];
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const r of w.rings) {
    for (let i = 0; i < r.x.length; i++) {
      if (r.x[i] < x0) x0 = r.x[i];
      if (r.x[i] > x1) x1 = r.x[i];
      if (r.y[i] < y0) y0 = r.y[i];
      if (r.y[i] > y1) y1 = r.y[i];
    }
  }
  return [x0, x1, y0, y1];
}

/** Diameter of the window's bounding frame (spatstat's `diameter(Frame(W))`). */
export function windowDiameter(w: Window): number {
  const [x0, x1, y0, y1] = windowFrame(w);
  return Math.hypot(x1 - x0, y1 - y0);
}

/**
 * Distance between points i and j of the same coordinate arrays: Euclidean in the pattern's
 * unit, or great-circle km on the mean-radius sphere (haversine) for 'haversine'.
 */
export function pointDistance(x: Float64Array, y: Float64Array, i: number, j: number, metric: 'euclidean' | 'haversine'): number {
  if (metric === 'euclidean') return Math.hypot(x[j] - x[i], y[j] - y[i]);
  const R = MEAN_EARTH_RADIUS_KM;
  const f1 = (y[i] * Math.PI) / 180, f2 = (y[j] * Math.PI) / 180;
  const dl = ((x[j] - x[i]) * Math.PI) / 180;
  const h = Math.sin((f2 - f1) / 2) ** 2 + Math.cos(f1) * Math.cos(f2) * Math.sin(dl / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Diameter of a pattern, the range every distance function scales its default rmax by (dbmss'
 * "ThirdW", spatstat's rmax rule): that of the window's bounding frame for a planar pattern with
 * a window (`windowDiameter`), else the distance between the corners of the bounding box of the
 * points (great-circle km for 'haversine', whose window is not used). O(n).
 */
export function patternDiameter(p: PointPattern): number {
  if (p.window !== undefined && p.metric !== 'haversine') return windowDiameter(p.window);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < p.x.length; i++) {
    x0 = Math.min(x0, p.x[i]); x1 = Math.max(x1, p.x[i]);
    y0 = Math.min(y0, p.y[i]); y1 = Math.max(y1, p.y[i]);
  }
  return pointDistance(Float64Array.of(x0, x1), Float64Array.of(y0, y1), 0, 1, p.metric ?? 'euclidean');
}

/** Shorter side of the bounding frame (spatstat's `shortside(Frame(W))`). */
export function windowShortSide(w: Window): number {
  const [x0, x1, y0, y1] = windowFrame(w);
  return Math.min(x1 - x0, y1 - y0);
}

/** Window edges as flat arrays (x0, y0, x1, y1 per edge), rectangle included, anticlockwise. */
export function windowEdges(w: Window): Float64Array {
  const rings: WindowRing[] = w.type === 'rectangle'
    ? [{ x: Float64Array.of(w.xmin, w.xmax, w.xmax, w.xmin), y: Float64Array.of(w.ymin, w.ymin, w.ymax, w.ymax) }]
    : [...w.rings];
  let m = 0;
  for (const r of rings) m += r.x.length;
  const e = new Float64Array(4 * m);
  let k = 0;
  for (const r of rings) {
    const n = r.x.length;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      e[k++] = r.x[i]; e[k++] = r.y[i]; e[k++] = r.x[j]; e[k++] = r.y[j];
    }
  }
  return e;
}

/** Is (px, py) inside the window (crossing-number rule; boundary points count as inside for rectangles)? */
export function windowContains(w: Window, px: number, py: number): boolean {
  if (w.type === 'rectangle') return px >= w.xmin && px <= w.xmax && py >= w.ymin && py <= w.ymax;
  let inside = false;
  for (const r of w.rings) {
    const n = r.x.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const yi = r.y[i], yj = r.y[j];
      if ((yi > py) !== (yj > py)) {
        const xc = r.x[i] + ((py - yi) / (yj - yi)) * (r.x[j] - r.x[i]);
        if (px < xc) inside = !inside;
      }
    }
  }
  return inside;
}

/** Distance from (px, py) to the nearest point of the window boundary (spatstat's `bdist.points`). */
export function boundaryDistance(w: Window, px: number, py: number): number {
  if (w.type === 'rectangle') return Math.min(px - w.xmin, w.xmax - px, py - w.ymin, w.ymax - py);
  let best = Infinity;
  for (const r of w.rings) {
    const n = r.x.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const d = segmentDistance(px, py, r.x[j], r.y[j], r.x[i], r.y[i]);
      if (d < best) best = d;
    }
  }
  return best;
}

function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0, dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
  if (t < 0) t = 0; else if (t > 1) t = 1;
  const ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}

export interface ProjectedPoints {
  x: Float64Array;
  y: Float64Array;
  projection: LocalProjection;
  distanceUnit: 'm';
}

/**
 * Project lon/lat degrees to metres in a local azimuthal equidistant projection centred on the
 * study area (by default the centre of the points' bounding box; see
 * core/geo/local-equidistant-projection.ts for the scale error: +0.004 % at 100 km, +0.1 % at
 * 500 km from the centre). For areas wider than ~1000 km use metric 'haversine' instead.
 */
export function projectLonLat(lon: ArrayLike<number>, lat: ArrayLike<number>, centre?: [number, number]): ProjectedPoints {
  const n = lon.length;
  let c = centre;
  if (c === undefined) {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, lon[i]); x1 = Math.max(x1, lon[i]);
      y0 = Math.min(y0, lat[i]); y1 = Math.max(y1, lat[i]);
    }
    if (n === 0) throw new InputError('E_DEGENERATE', 'projectLonLat: no points', { field: 'lon', value: 0 });
    c = [(x0 + x1) / 2, (y0 + y1) / 2];
  }
  const projection = localEquidistantProjection(c[0], c[1]);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = projection.forward(lon[i], lat[i]);
    x[i] = p[0];
    y[i] = p[1];
  }
  return { x, y, projection, distanceUnit: 'm' };
}
