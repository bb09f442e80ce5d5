/**
 * Coordinate systems, distances and polygon validity: pure functions with no `node:*` or DOM
 * imports, so they run unchanged in the CLI, the server, a worker or the browser.
 */

export type { AreaGeometry, BBox, LinearRing, MultiPolygonGeometry, PolygonGeometry, Position } from './types.js';
export type { Ellipsoid } from './ellipsoid.js';
export { CGCS2000_ELLIPSOID, MEAN_EARTH_RADIUS_KM, WGS84_ELLIPSOID } from './ellipsoid.js';
export { CHINA_BBOX, GCJ02_INVERSE_TOLERANCE_DEG, gcj02ToWgs84, insideChinaBbox, wgs84ToGcj02 } from './gcj02.js';
export { BD09_INVERSE_TOLERANCE_DEG, bd09ToGcj02, bd09ToWgs84, gcj02ToBd09, wgs84ToBd09 } from './bd09.js';
export type { ProjectedCrs } from './projected-crs.js';
export { projectedCrs, projectedToWgs84, SUPPORTED_EPSG_TEXT, supportedEpsg, wgs84ToProjected } from './projected-crs.js';
export type { TransverseMercator, TransverseMercatorParameters } from './transverse-mercator.js';
export { transverseMercator } from './transverse-mercator.js';
export { haversineKm } from './haversine-km.js';
export type { LocalProjection } from './local-equidistant-projection.js';
export { LOCAL_PROJECTION_RADIUS_M, localEquidistantProjection } from './local-equidistant-projection.js';
export type { PolygonInvalidReason, PolygonValidity, ValidatePolygonOptions } from './validate-polygon.js';
export { validatePolygon } from './validate-polygon.js';
export { ringArea } from './ring-area.js';
export { polygonCentroid } from './polygon-centroid.js';
export { pointInPolygon } from './point-in-polygon.js';
export { bbox } from './bbox.js';
export { orient2d } from './orient2d.js';
