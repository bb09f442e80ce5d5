/**
 * BD-09 (Baidu Maps' geographic coordinates, 百度坐标) ⇄ GCJ-02 and WGS 84.
 *
 * BD-09 is GCJ-02 with a second small offset, defined by the forward map from a GCJ-02 point
 * (x, y) = (λ, φ) in degrees:
 *
 *   z = √(x² + y²) + 2·10⁻⁵ · sin(k·y),   θ = atan2(y, x) + 3·10⁻⁶ · cos(k·x),   k = 3000·π/180
 *   λ_bd = z·cos θ + 0.0065,   φ_bd = z·sin θ + 0.006
 *
 * (the formula Baidu's own converters are known to implement; constants as published with it).
 * The usual reverse formula (subtract 0.0065/0.006, then subtract the same perturbations) is only
 * an approximation, off by up to 2·10⁻⁶° (~0.2 m) in China; we use it as the starting point of a fixed-point
 * iteration gₖ₊₁ = gₖ − (B(gₖ) − b) against the forward map B, which contracts by a factor of
 * about 0.02 per step, and stop when |B(g) − b| < 1e-11°. So `bd09ToGcj02` is the exact inverse
 * of `gcj02ToBd09` to 1e-11°.
 *
 * The BD-09 offset is applied everywhere (as Baidu's converters and gcoord do); only the GCJ-02
 * step is limited to China's bounding box. BD-09 Mercator metres (BD09MC) are not supported.
 *
 * Complexity O(1) per point. Cross-checked against gcoord (npm): test/reference/geo-gcoord.mjs →
 * test/fixtures/geo/gcj02.json; our forward maps match gcoord's exactly there, our inverse differs
 * from gcoord's approximate inverse by up to 1.5e-6° (its approximation error, not ours).
 */

import { requireLonLat } from './check.js';
import { gcj02ToWgs84Unchecked, wgs84ToGcj02Unchecked } from './gcj02.js';

const K = (3000 * Math.PI) / 180;
const LON_SHIFT = 0.0065;
const LAT_SHIFT = 0.006;
const RADIUS_PERTURBATION = 2e-5;
const ANGLE_PERTURBATION = 3e-6;

/** Stop the BD-09 inverse iteration when the forward residual is below this, in degrees. */
export const BD09_INVERSE_TOLERANCE_DEG = 1e-11;
const MAX_ITERATIONS = 30;

function bd09Forward(x: number, y: number): [number, number] {
  const z = Math.sqrt(x * x + y * y) + RADIUS_PERTURBATION * Math.sin(y * K);
  const theta = Math.atan2(y, x) + ANGLE_PERTURBATION * Math.cos(x * K);
  return [z * Math.cos(theta) + LON_SHIFT, z * Math.sin(theta) + LAT_SHIFT];
}

/**
 * GCJ-02 → BD-09. Returns [lon, lat] in degrees.
 * @example gcj02ToBd09(116.404, 39.915) // ≈ [116.41037, 39.92134]
 */
export function gcj02ToBd09(lon: number, lat: number): [number, number] {
  requireLonLat('gcj02ToBd09', lon, lat);
  return bd09Forward(lon, lat);
}

/**
 * BD-09 → GCJ-02, the exact inverse of `gcj02ToBd09` to 1e-11° (see the file header).
 * @example bd09ToGcj02(...gcj02ToBd09(116.404, 39.915)) // [116.404, 39.915] within 1e-11°
 */
export function bd09ToGcj02(lon: number, lat: number): [number, number] {
  requireLonLat('bd09ToGcj02', lon, lat);
  return bd09ToGcj02Unchecked(lon, lat);
}

function bd09ToGcj02Unchecked(lon: number, lat: number): [number, number] {
  // Closed-form approximate start.
  const x = lon - LON_SHIFT;
  const y = lat - LAT_SHIFT;
  const z = Math.sqrt(x * x + y * y) - RADIUS_PERTURBATION * Math.sin(y * K);
  const theta = Math.atan2(y, x) - ANGLE_PERTURBATION * Math.cos(x * K);
  let gLon = z * Math.cos(theta);
  let gLat = z * Math.sin(theta);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [bLon, bLat] = bd09Forward(gLon, gLat);
    const rLon = bLon - lon;
    const rLat = bLat - lat;
    if (Math.abs(rLon) < BD09_INVERSE_TOLERANCE_DEG && Math.abs(rLat) < BD09_INVERSE_TOLERANCE_DEG) break;
    gLon -= rLon;
    gLat -= rLat;
  }
  return [gLon, gLat];
}

/** BD-09 → WGS 84 (BD-09 → GCJ-02 → WGS 84, both exact inverses to 1e-11°). */
export function bd09ToWgs84(lon: number, lat: number): [number, number] {
  requireLonLat('bd09ToWgs84', lon, lat);
  const [gLon, gLat] = bd09ToGcj02Unchecked(lon, lat);
  return gcj02ToWgs84Unchecked(gLon, gLat);
}

/** WGS 84 → BD-09 (WGS 84 → GCJ-02 → BD-09). */
export function wgs84ToBd09(lon: number, lat: number): [number, number] {
  requireLonLat('wgs84ToBd09', lon, lat);
  const [gLon, gLat] = wgs84ToGcj02Unchecked(lon, lat);
  return bd09Forward(gLon, gLat);
}
