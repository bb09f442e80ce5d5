/**
 * Argument checks shared by the `core/geo` functions, so every message has the same shape:
 * `functionName: field must be …, got value`, and every error carries `field` and `value`.
 */

import { InputError } from '../errors.js';

/** Throw InputError E_NOT_FINITE unless `value` is a finite number. */
export function requireFinite(fn: string, field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError('E_NOT_FINITE', `${fn}: ${field} must be a finite number, got ${String(value)}`, {
      field,
      value,
    });
  }
}

/** Throw InputError E_OPTION unless lo ≤ value ≤ hi (value already known finite). */
export function requireInRange(fn: string, field: string, value: number, lo: number, hi: number): void {
  if (!(value >= lo && value <= hi)) {
    throw new InputError('E_OPTION', `${fn}: ${field} must be in [${lo}, ${hi}], got ${value}`, {
      field,
      value,
      min: lo,
      max: hi,
    });
  }
}

/** Check a geographic position: finite, longitude in [−180, 180], latitude in [−90, 90]. */
export function requireLonLat(fn: string, lon: number, lat: number): void {
  requireFinite(fn, 'lon', lon);
  requireFinite(fn, 'lat', lat);
  requireInRange(fn, 'lon', lon, -180, 180);
  requireInRange(fn, 'lat', lat, -90, 90);
}

/** Wrap a longitude in degrees to [−180, 180). Exact for inputs already in that range. */
export function wrapLongitude(lon: number): number {
  if (lon >= -180 && lon < 180) return lon;
  const wrapped = ((((lon + 180) % 360) + 360) % 360) - 180;
  return wrapped;
}
