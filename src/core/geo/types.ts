/**
 * Structural GeoJSON polygon types for `core/geo` (RFC 7946 §3.1.6–3.1.7).
 *
 * They are deliberately read-only and structural, so a `model` geometry, a parsed GeoJSON file or
 * a literal all fit without conversion; `core` does not import `model`.
 * A position is [x, y] or [x, y, z]; only x (longitude or easting) and y (latitude or northing)
 * are used. A ring is closed: its first and last positions are equal.
 */

export type Position = readonly number[];
export type LinearRing = readonly Position[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  /** Shell first, then holes. */
  readonly coordinates: readonly LinearRing[];
}

export interface MultiPolygonGeometry {
  readonly type: 'MultiPolygon';
  readonly coordinates: readonly (readonly LinearRing[])[];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** [minX, minY, maxX, maxY]. */
export type BBox = [number, number, number, number];
