/**
 * GCJ-02 ("Mars coordinates", 国测局坐标) ⇄ WGS 84.
 *
 * GCJ-02 is WGS 84 plus a deliberate, smooth, position-dependent offset of a few hundred metres
 * that Chinese web maps (AMap/Gaode, Tencent, Google China tiles) apply. The forward formula is
 * public (the widely circulated reconstruction, e.g. documented in the `eviltransform` and
 * `gcoord` projects); the inverse is not published, so we solve it numerically.
 *
 * Forward, for a WGS 84 point (λ, φ) in degrees, with x = λ − 105, y = φ − 35:
 *
 *   Δy_m = −100 + 2x + 3y + 0.2y² + 0.1xy + 0.2√|x| + T(x) + ⅔(20 sin πy + 40 sin(πy/3))
 *          + ⅔(160 sin(πy/12) + 320 sin(πy/30))
 *   Δx_m =  300 + x + 2y + 0.1x² + 0.1xy + 0.1√|x| + T(x) + ⅔(20 sin πx + 40 sin(πx/3))
 *          + ⅔(150 sin(πx/12) + 300 sin(πx/30))
 *   T(x) = ⅔(20 sin 6πx + 20 sin 2πx)
 *   w = √(1 − e² sin²φ),  M = a(1 − e²)/w³ (meridian radius),  N = a/w (prime-vertical radius)
 *   φ_gcj = φ + Δy_m / M · 180/π,   λ_gcj = λ + Δx_m / (N cos φ) · 180/π
 *
 * Glossary: a = 6378245 m and e² = 0.00669342162296594323 are the Krasovsky 1940 constants the
 * algorithm was published with; Δx_m, Δy_m are pseudo-metre offsets (hundreds of metres).
 *
 * The offset is applied only inside China's rough bounding box (longitude 72.004–137.8347°E,
 * latitude 0.8293–55.8271°N, the box used by the common implementations); outside it both
 * directions are the identity. The box is a rectangle: Mongolia, parts of Korea, Japan, Vietnam
 * and so on are inside it and get shifted, as in the common implementations (so results agree
 * with them); do not feed those countries' coordinates through these functions.
 *
 * Inverse (GCJ-02 → WGS 84): fixed-point iteration wₖ₊₁ = wₖ − (F(wₖ) − g), where F is the
 * forward map and g the GCJ-02 point, started at the one-step approximation g − (F(g) − g). The
 * offset varies slowly (its Jacobian is below ~0.01 in norm), so each iteration gains about two
 * digits; we stop when |F(w) − g| < 1e-11° (≈ 1 µm) in both coordinates, after 3–5 iterations.
 * Accuracy: the result maps forward to the input within 1e-11°, and recovers the original
 * WGS 84 point to ~2e-11° in our tests, far below the 1e-7° asked. The one-step approximation
 * that many libraries return is off by up to 6e-5° (several metres) in China.
 *
 * Edge of the box: the forward map is discontinuous there (offset on one side, none on the
 * other), so within the size of the offset (~0.01°) of the edge the two maps are not exact
 * inverses: a WGS 84 point just inside the box can be shifted outside it, and the inverse then
 * returns it unchanged. No part of mainland China, Hainan or Taiwan lies that close to the edge.
 *
 * Complexity O(1) per point. Cross-checked against gcoord (npm, version in the fixture):
 * test/reference/geo-gcoord.mjs → test/fixtures/geo/gcj02.json.
 * Intentional difference: gcoord's inverse stops at a 1e-6° residual, ours at 1e-11°.
 */

import { requireLonLat } from './check.js';
import { DEG, KRASOVSKY_A, KRASOVSKY_E2, RAD } from './ellipsoid.js';

/** China's rough bounding box, degrees [west, south, east, north], edges included. */
export const CHINA_BBOX: readonly [number, number, number, number] = [72.004, 0.8293, 137.8347, 55.8271];

/** Stop the GCJ-02 inverse iteration when the forward residual is below this, in degrees. */
export const GCJ02_INVERSE_TOLERANCE_DEG = 1e-11;
const MAX_ITERATIONS = 30;

/** True when the GCJ-02 offset applies at (lon, lat): inside China's rough bounding box. */
export function insideChinaBbox(lon: number, lat: number): boolean {
  return lon >= CHINA_BBOX[0] && lon <= CHINA_BBOX[2] && lat >= CHINA_BBOX[1] && lat <= CHINA_BBOX[3];
}

const PI = Math.PI;

/** The GCJ-02 offset [Δλ, Δφ] in degrees at WGS 84 (lon, lat), without the bounding-box test. */
function gcj02Offset(lon: number, lat: number): [number, number] {
  const x = lon - 105;
  const y = lat - 35;
  const shared = ((20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2) / 3;
  let dyM = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + shared;
  dyM += ((20 * Math.sin(y * PI) + 40 * Math.sin((y / 3) * PI)) * 2) / 3;
  dyM += ((160 * Math.sin((y / 12) * PI) + 320 * Math.sin((y * PI) / 30)) * 2) / 3;
  let dxM = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + shared;
  dxM += ((20 * Math.sin(x * PI) + 40 * Math.sin((x / 3) * PI)) * 2) / 3;
  dxM += ((150 * Math.sin((x / 12) * PI) + 300 * Math.sin((x / 30) * PI)) * 2) / 3;

  const phi = lat * RAD;
  const sinPhi = Math.sin(phi);
  const w2 = 1 - KRASOVSKY_E2 * sinPhi * sinPhi;
  const w = Math.sqrt(w2);
  const meridianRadius = (KRASOVSKY_A * (1 - KRASOVSKY_E2)) / (w2 * w);
  const primeVerticalRadius = KRASOVSKY_A / w;
  return [(dxM / (primeVerticalRadius * Math.cos(phi))) * DEG, (dyM / meridianRadius) * DEG];
}

/**
 * WGS 84 → GCJ-02. Returns [lon, lat] in degrees; the identity outside China's bounding box.
 *
 * @example wgs84ToGcj02(116.391, 39.907) // ≈ [116.39724, 39.90840] (Tiananmen, ~600 m shift)
 * @throws InputError E_NOT_FINITE / E_OPTION for a non-finite or out-of-range position.
 */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  requireLonLat('wgs84ToGcj02', lon, lat);
  return wgs84ToGcj02Unchecked(lon, lat);
}

/** `wgs84ToGcj02` without the argument checks, for callers that already checked. */
export function wgs84ToGcj02Unchecked(lon: number, lat: number): [number, number] {
  if (!insideChinaBbox(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcj02Offset(lon, lat);
  return [lon + dLon, lat + dLat];
}

/**
 * GCJ-02 → WGS 84 by fixed-point iteration to 1e-11° (see the file header).
 * Returns [lon, lat] in degrees; the identity outside China's bounding box.
 *
 * @example gcj02ToWgs84(...wgs84ToGcj02(116.391, 39.907)) // [116.391, 39.907] within 1e-11°
 */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  requireLonLat('gcj02ToWgs84', lon, lat);
  return gcj02ToWgs84Unchecked(lon, lat);
}

/** `gcj02ToWgs84` without the argument checks, for callers that already checked. */
export function gcj02ToWgs84Unchecked(lon: number, lat: number): [number, number] {
  if (!insideChinaBbox(lon, lat)) return [lon, lat];
  // One-step start: the offset varies slowly, so g − offset(g) is within ~1e-5° already.
  let [dLon, dLat] = gcj02Offset(lon, lat);
  let wLon = lon - dLon;
  let wLat = lat - dLat;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    [dLon, dLat] = gcj02Offset(wLon, wLat);
    const rLon = wLon + dLon - lon;
    const rLat = wLat + dLat - lat;
    if (Math.abs(rLon) < GCJ02_INVERSE_TOLERANCE_DEG && Math.abs(rLat) < GCJ02_INVERSE_TOLERANCE_DEG) break;
    wLon -= rLon;
    wLat -= rLat;
  }
  return [wLon, wLat];
}
