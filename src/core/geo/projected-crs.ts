/**
 * The projected coordinate reference systems Cluster Atlas reads and writes, by EPSG code, and
 * conversion between them and WGS 84 longitude/latitude.
 *
 * Supported (EPSG dataset definitions, checked against PROJ 9.1.1's database):
 * - 3857 Web Mercator (WGS 84 / Pseudo-Mercator), sphere R = 6378137 m.
 * - 32601–32660 WGS 84 / UTM zone 1N–60N and 32701–32760 zone 1S–60S: transverse Mercator on
 *   WGS 84, central meridian 6·zone − 183°, k₀ = 0.9996, false easting 500 000 m, false northing
 *   0 (north) or 10 000 000 m (south).
 * - 4491–4501 CGCS2000 / Gauss-Kruger zone 13–23: 6° zones, central meridian 6·zone − 3°
 *   (75°E … 135°E), k₀ = 1, false easting zone·10⁶ + 500 000 m (the zone-number prefix).
 * - 4502–4512 CGCS2000 / Gauss-Kruger CM 75E … CM 135E: the same zones, false easting 500 000 m.
 * - 4513–4533 CGCS2000 / 3-degree Gauss-Kruger zone 25–45: central meridian 3·zone (75°E …
 *   135°E), false easting zone·10⁶ + 500 000 m.
 * - 4534–4554 CGCS2000 / 3-degree Gauss-Kruger CM 75E … CM 135E: false easting 500 000 m.
 *
 * Axis order: we always use x = easting, y = northing, although the EPSG definitions of the
 * CGCS2000 Gauss–Krüger CRSs list northing first (their "X" is north). pyproj's
 * `always_xy=True` uses the same order.
 *
 * Datum: CGCS2000 geographic coordinates are treated as WGS 84 (no datum shift). The two frames
 * agree to a few centimetres (CGCS2000 is aligned with ITRF97 at epoch 2000.0; WGS 84 (G1762)
 * with ITRF2008), which is far below the positional accuracy of firm or parcel addresses. PROJ
 * also uses a null ("ballpark") transformation between EPSG:4326 and EPSG:4490.
 *
 * Accuracy: see `transverse-mercator.ts` (nanometres within a zone) and `web-mercator.ts`
 * (closed form). Cross-checked against pyproj/PROJ at 1 mm and 1e-8°:
 * test/reference/geo-pyproj.py → test/fixtures/geo/projections.json.
 */

import { InputError } from '../errors.js';
import { requireFinite, requireLonLat } from './check.js';
import { CGCS2000_ELLIPSOID, WGS84_ELLIPSOID } from './ellipsoid.js';
import type { TransverseMercator } from './transverse-mercator.js';
import { transverseMercator } from './transverse-mercator.js';
import { webMercatorForward, webMercatorInverse } from './web-mercator.js';

/** Human-readable list of the supported EPSG codes, used in error messages. */
export const SUPPORTED_EPSG_TEXT = '3857, 32601–32660, 32701–32760, 4491–4554';

/** A supported projected CRS, resolved from its EPSG code. */
export interface ProjectedCrs {
  readonly epsg: number;
  /** The EPSG name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E". */
  readonly name: string;
  readonly method: 'web-mercator' | 'transverse-mercator';
  /** Central meridian in degrees (transverse Mercator only). */
  readonly centralMeridian?: number;
  /** Zone number written into the easting's leading digits, if the CRS uses that prefix. */
  readonly zonePrefix?: number;
  readonly falseEasting: number;
  readonly falseNorthing: number;
  readonly scaleFactor: number;
  /** Ellipsoid name ("WGS 84" or "CGCS2000"); Web Mercator uses a sphere of radius a. */
  readonly ellipsoid: string;
}

interface Resolved {
  crs: ProjectedCrs;
  tm?: TransverseMercator;
}

const cache = new Map<number, Resolved>();

/** True if `epsg` is one of the supported projected CRS codes (see the file header). */
export function supportedEpsg(epsg: number): boolean {
  return definition(epsg) !== undefined;
}

/** The parameters of a supported CRS. Throws InputError E_CRS for any other code. */
export function projectedCrs(epsg: number): ProjectedCrs {
  return resolve('projectedCrs', epsg).crs;
}

function definition(epsg: number): ProjectedCrs | undefined {
  if (!Number.isInteger(epsg)) return undefined;
  if (epsg === 3857) {
    return {
      epsg,
      name: 'WGS 84 / Pseudo-Mercator',
      method: 'web-mercator',
      falseEasting: 0,
      falseNorthing: 0,
      scaleFactor: 1,
      ellipsoid: 'WGS 84',
    };
  }
  if ((epsg >= 32601 && epsg <= 32660) || (epsg >= 32701 && epsg <= 32760)) {
    const south = epsg > 32700;
    const zone = epsg - (south ? 32700 : 32600);
    return {
      epsg,
      name: `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
      method: 'transverse-mercator',
      centralMeridian: 6 * zone - 183,
      falseEasting: 500000,
      falseNorthing: south ? 10000000 : 0,
      scaleFactor: 0.9996,
      ellipsoid: WGS84_ELLIPSOID.name,
    };
  }
  const gk = (name: string, centralMeridian: number, zonePrefix?: number): ProjectedCrs => ({
    epsg,
    name,
    method: 'transverse-mercator',
    centralMeridian,
    ...(zonePrefix === undefined ? {} : { zonePrefix }),
    falseEasting: (zonePrefix ?? 0) * 1e6 + 500000,
    falseNorthing: 0,
    scaleFactor: 1,
    ellipsoid: CGCS2000_ELLIPSOID.name,
  });
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = 13 + (epsg - 4491);
    return gk(`CGCS2000 / Gauss-Kruger zone ${zone}`, 6 * zone - 3, zone);
  }
  if (epsg >= 4502 && epsg <= 4512) {
    const cm = 75 + 6 * (epsg - 4502);
    return gk(`CGCS2000 / Gauss-Kruger CM ${cm}E`, cm);
  }
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = 25 + (epsg - 4513);
    return gk(`CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, 3 * zone, zone);
  }
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + 3 * (epsg - 4534);
    return gk(`CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`, cm);
  }
  return undefined;
}

function resolve(fn: string, epsg: number): Resolved {
  const hit = cache.get(epsg);
  if (hit) return hit;
  const crs = definition(epsg);
  if (!crs) {
    throw new InputError('E_CRS', `${fn}: EPSG:${String(epsg)} is not supported; supported: ${SUPPORTED_EPSG_TEXT}`, {
      field: 'epsg',
      value: epsg,
      supported: SUPPORTED_EPSG_TEXT,
    });
  }
  const resolved: Resolved = { crs };
  if (crs.method === 'transverse-mercator') {
    resolved.tm = transverseMercator({
      ellipsoid: crs.ellipsoid === CGCS2000_ELLIPSOID.name ? CGCS2000_ELLIPSOID : WGS84_ELLIPSOID,
      centralMeridian: crs.centralMeridian as number,
      scaleFactor: crs.scaleFactor,
      falseEasting: crs.falseEasting,
      falseNorthing: crs.falseNorthing,
    });
  }
  cache.set(epsg, resolved);
  return resolved;
}

/** For a CGCS2000 Gauss–Krüger easting, say whether it has the wrong kind of zone prefix. */
function checkZonePrefix(fn: string, crs: ProjectedCrs, x: number): void {
  if (crs.ellipsoid !== CGCS2000_ELLIPSOID.name) return;
  const threeDegree = crs.epsg >= 4513;
  if (crs.zonePrefix !== undefined) {
    const lo = crs.zonePrefix * 1e6;
    if (x < lo || x >= lo + 1e6) {
      const plain = threeDegree ? 4534 + (crs.zonePrefix - 25) : 4502 + (crs.zonePrefix - 13);
      throw new InputError(
        'E_CRS',
        `${fn}: EPSG:${crs.epsg} eastings start with the zone number ${crs.zonePrefix} ` +
          `(x in [${lo}, ${lo + 1e6})), got ${x}; for eastings without the prefix use EPSG:${plain}`,
        { field: 'x', value: x, epsg: crs.epsg, suggestedEpsg: plain },
      );
    }
  } else if (x >= 1e6) {
    const zone = Math.floor(x / 1e6);
    const cmZone = threeDegree ? (crs.centralMeridian as number) / 3 : ((crs.centralMeridian as number) + 3) / 6;
    const prefixed = threeDegree ? 4513 + (cmZone - 25) : 4491 + (cmZone - 13);
    throw new InputError(
      'E_CRS',
      `${fn}: EPSG:${crs.epsg} eastings have no zone prefix (x < 1000000), got ${x}` +
        (zone === cmZone ? `; for eastings prefixed with zone ${zone} use EPSG:${prefixed}` : ''),
      { field: 'x', value: x, epsg: crs.epsg, ...(zone === cmZone ? { suggestedEpsg: prefixed } : {}) },
    );
  }
}

/**
 * Projected (x = easting, y = northing, metres) in the CRS `epsg` → WGS 84 [lon, lat] degrees.
 *
 * @example projectedToWgs84(32650, 447969.25, 4417675.69) // ≈ [116.391275, 39.907569] (Tiananmen)
 * @throws InputError E_CRS for an unsupported code, or a Gauss–Krüger easting whose zone prefix
 *   does not match the code (the commonest mix-up; the message names the right code);
 *   E_NOT_FINITE for a non-finite coordinate or a point with no geographic image.
 */
export function projectedToWgs84(epsg: number, x: number, y: number): [number, number] {
  const fn = 'projectedToWgs84';
  const { crs, tm } = resolve(fn, epsg);
  requireFinite(fn, 'x', x);
  requireFinite(fn, 'y', y);
  let out: [number, number];
  if (tm) {
    checkZonePrefix(fn, crs, x);
    out = tm.inverse(x, y);
  } else {
    out = webMercatorInverse(x, y);
  }
  if (!Number.isFinite(out[0]) || !Number.isFinite(out[1])) {
    throw new InputError('E_NOT_FINITE', `${fn}: (${x}, ${y}) has no geographic position in EPSG:${epsg}`, {
      field: 'x',
      value: [x, y],
    });
  }
  return out;
}

/**
 * WGS 84 (lon, lat) degrees → projected [x = easting, y = northing] metres in the CRS `epsg`.
 *
 * Transverse Mercator accepts points outside the nominal zone (accuracy stays sub-millimetre
 * for thousands of kilometres) but refuses |lon − central meridian| ≥ 90°; Web Mercator refuses
 * |lat| = 90°.
 * @example wgs84ToProjected(4547, 114.0579, 22.5431) // ≈ [505955.85, 2493941.25] (Shenzhen, CM 114E)
 * @throws InputError E_CRS, E_NOT_FINITE, or E_OPTION (position outside the projection's domain).
 */
export function wgs84ToProjected(epsg: number, lon: number, lat: number): [number, number] {
  const fn = 'wgs84ToProjected';
  const { crs, tm } = resolve(fn, epsg);
  requireLonLat(fn, lon, lat);
  if (tm) {
    let dLon = lon - (crs.centralMeridian as number);
    dLon -= 360 * Math.round(dLon / 360);
    if (Math.abs(dLon) >= 90) {
      throw new InputError(
        'E_OPTION',
        `${fn}: lon ${lon} is ${Math.abs(dLon)}° from the central meridian of EPSG:${epsg}; must be < 90°`,
        { field: 'lon', value: lon, epsg },
      );
    }
    return tm.forward(lon, lat);
  }
  if (Math.abs(lat) >= 90) {
    throw new InputError('E_OPTION', `${fn}: lat must be strictly between −90 and 90 for EPSG:3857, got ${lat}`, {
      field: 'lat',
      value: lat,
      epsg,
    });
  }
  return webMercatorForward(lon, lat);
}
