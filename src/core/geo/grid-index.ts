/**
 * A uniform lon/lat grid over points, to find the points within a distance or inside a ring
 * without scanning all of them. Cells are `size` degrees (default 0.1°, about 11 km); points with
 * a non-finite coordinate are left out. Build O(n); a query visits the cells its box touches.
 */
import { haversineKm } from './haversine-km.js';

/** Even–odd test of (x, y) against a ring given as [x, y] vertices (closed or not). */
export function insideRing(ring: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly lon: ArrayLike<number>, private readonly lat: ArrayLike<number>, private readonly size = 0.1) {
    for (let k = 0; k < lon.length; k++) {
      if (!Number.isFinite(lon[k]) || !Number.isFinite(lat[k])) continue;
      const key = this.key(Math.floor(lon[k] / size), Math.floor(lat[k] / size));
      const list = this.cells.get(key);
      if (list) list.push(k); else this.cells.set(key, [k]);
    }
  }
  private key(i: number, j: number): number { return (i + 4000) * 8000 + (j + 4000); }
  /** Points within `km` (great-circle) of `center`. */
  disc(center: readonly [number, number], km: number, visit: (k: number) => void): void {
    const dLat = km / 111.2;
    const dLon = km / (111.2 * Math.max(0.05, Math.cos((center[1] * Math.PI) / 180)));
    for (let i = Math.floor((center[0] - dLon) / this.size); i <= Math.floor((center[0] + dLon) / this.size); i++) {
      for (let j = Math.floor((center[1] - dLat) / this.size); j <= Math.floor((center[1] + dLat) / this.size); j++) {
        for (const k of this.cells.get(this.key(i, j)) ?? []) {
          if (haversineKm(center[0], center[1], this.lon[k], this.lat[k]) <= km) visit(k);
        }
      }
    }
  }
  /** Points inside the ring (closed or not), by the even–odd rule. */
  inside(ring: readonly (readonly [number, number])[], visit: (k: number) => void): void {
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const [x, y] of ring) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    for (let i = Math.floor(x0 / this.size); i <= Math.floor(x1 / this.size); i++) {
      for (let j = Math.floor(y0 / this.size); j <= Math.floor(y1 / this.size); j++) {
        for (const k of this.cells.get(this.key(i, j)) ?? []) {
          if (this.lon[k] >= x0 && this.lon[k] <= x1 && this.lat[k] >= y0 && this.lat[k] <= y1 && insideRing(ring, this.lon[k], this.lat[k])) visit(k);
        }
      }
    }
  }
}
