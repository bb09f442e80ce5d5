/**
 * Web Mercator (EPSG:3857, "Pseudo-Mercator"): spherical Mercator equations applied to WGS 84
 * latitude and longitude, on a sphere of radius R = a = 6378137 m.
 *
 *   x = R·λ,   y = R·ln tan(π/4 + φ/2) = R·asinh(tan φ)
 *   λ = x/R,   φ = atan(sinh(y/R))
 *
 * λ, φ in radians. The asinh/atan-sinh forms are the numerically stable ones near the equator.
 * The map is not conformal on the ellipsoid (that is what "pseudo" means), and its metres are
 * stretched by about 1/cos φ (×1.31 at 40°N), so never measure distances or areas in it; use
 * `localEquidistantProjection` or `haversineKm`.
 * Latitude must lie strictly inside (−90°, 90°); the tiles stop at ±85.0511°, but the formula is
 * defined beyond, and PROJ's webmerc agrees with it there. Complexity O(1).
 * Reference: IOGP Publication 373-7-2, Geomatics Guidance Note 7 part 2, coordinate operation
 * method "Popular Visualisation Pseudo Mercator" (EPSG method 1024),
 * https://www.iogp.org/bookstore/product/coordinate-conversions-and-transformation-including-formulas/
 * Cross-checked against PROJ webmerc: test/fixtures/geo/projections.json.
 */

import { DEG, RAD } from './ellipsoid.js';

/** Sphere radius of EPSG:3857, metres (the WGS 84 semi-major axis). */
export const WEB_MERCATOR_RADIUS = 6378137;

/** (lon, lat) degrees → [x, y] metres. The caller checks that |lat| < 90. */
export function webMercatorForward(lon: number, lat: number): [number, number] {
  return [WEB_MERCATOR_RADIUS * lon * RAD, WEB_MERCATOR_RADIUS * Math.asinh(Math.tan(lat * RAD))];
}

/** [x, y] metres → [lon, lat] degrees; lon wrapped to [−180, 180). */
export function webMercatorInverse(x: number, y: number): [number, number] {
  let lon = (x / WEB_MERCATOR_RADIUS) * DEG;
  if (!(lon >= -180 && lon <= 180)) lon -= 360 * Math.floor((lon + 180) / 360);
  return [lon, Math.atan(Math.sinh(y / WEB_MERCATOR_RADIUS)) * DEG];
}
