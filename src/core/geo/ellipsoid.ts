/**
 * Reference ellipsoids used by the coordinate conversions in `core/geo`.
 *
 * An ellipsoid is fixed by its semi-major axis a (metres) and flattening f = (a − b) / a.
 * Derived here: e² = f(2 − f) (first eccentricity squared), e = √e², and the third flattening
 * n = f / (2 − f), the small parameter of the Krüger series used for transverse Mercator.
 *
 * Constants (published values):
 * - WGS 84: a = 6378137, 1/f = 298.257223563 (NGA.STND.0036, EPSG ellipsoid 7030).
 * - CGCS2000: a = 6378137, 1/f = 298.257222101 (EPSG ellipsoid 1024; the same numbers as GRS 1980,
 *   EPSG:7019, which is what PROJ uses for the CGCS2000 Gauss–Krüger CRSs).
 * - Krasovsky 1940: a = 6378245, e² = 0.00669342162296594323 (EPSG ellipsoid 7024); used only by the
 *   GCJ-02 offset, which was published with these constants.
 */

export interface Ellipsoid {
  /** Name for messages and provenance. */
  readonly name: string;
  /** Semi-major axis a, metres. */
  readonly a: number;
  /** Flattening f. */
  readonly f: number;
  /** First eccentricity squared e² = f(2 − f). */
  readonly e2: number;
  /** First eccentricity e. */
  readonly e: number;
  /** Third flattening n = f / (2 − f). */
  readonly n: number;
}

/** Build an ellipsoid from a and 1/f. */
export function ellipsoidFromInverseFlattening(name: string, a: number, inverseFlattening: number): Ellipsoid {
  const f = 1 / inverseFlattening;
  const e2 = f * (2 - f);
  return Object.freeze({ name, a, f, e2, e: Math.sqrt(e2), n: f / (2 - f) });
}

/** WGS 84 (EPSG:7030). */
export const WGS84_ELLIPSOID: Ellipsoid = ellipsoidFromInverseFlattening('WGS 84', 6378137, 298.257223563);

/** CGCS2000 (EPSG:1024), numerically identical to GRS 1980. */
export const CGCS2000_ELLIPSOID: Ellipsoid = ellipsoidFromInverseFlattening('CGCS2000', 6378137, 298.257222101);

/** Krasovsky 1940 as used by GCJ-02: a and e² exactly as published with that algorithm. */
export const KRASOVSKY_A = 6378245;
export const KRASOVSKY_E2 = 0.00669342162296594323;

/** Mean Earth radius R₁ = (2a + b) / 3 of WGS 84, in km (IUGG; Moritz 2000, Geodetic Reference System 1980). */
export const MEAN_EARTH_RADIUS_KM = 6371.0088;

/** Degrees → radians. */
export const RAD = Math.PI / 180;
/** Radians → degrees. */
export const DEG = 180 / Math.PI;
