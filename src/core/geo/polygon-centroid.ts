/**
 * Area-weighted planar centroid of a Polygon or MultiPolygon (holes subtract).
 *
 *   For each ring r:  A_r = ½ Σᵢ cᵢ,  Mx_r = ⅙ Σᵢ (xᵢ + xᵢ₊₁) cᵢ,  My_r = ⅙ Σᵢ (yᵢ + yᵢ₊₁) cᵢ,
 *                     cᵢ = xᵢ yᵢ₊₁ − xᵢ₊₁ yᵢ
 *   s_r = +sign(A_r) for a shell, −sign(A_r) for a hole (orientation-independent)
 *   centroid = (Σ s_r Mx_r, Σ s_r My_r) / Σ s_r A_r
 *
 * Coordinates are taken relative to the geometry's first position (x₀, y₀) to avoid
 * cancellation, and added back at the end; sums are compensated (Neumaier). Result [x, y] in the
 * input's units.
 *
 * How to read it: the centre of mass of the polygon as a flat sheet in the input coordinates.
 * In longitude/latitude this is slightly off the centre on the Earth (by a fraction of the
 * polygon's size times its latitude span in radians), fine for labels and county centres; for
 * exactness project first. It can fall outside a concave polygon or in a hole.
 * Degenerate cases: total area 0 (every ring collinear, or holes cancelling the shell) →
 * InputError E_DEGENERATE.
 * Complexity O(n). Reference: P. Bourke (1988), "Calculating the area and centroid of a
 * polygon", https://paulbourke.net/geometry/polygonmesh/. Checked by hand-derived cases (a
 * rectangle, an L shape, a square with an off-centre hole) in test/geo.test.ts.
 *
 * @example polygonCentroid({ type: 'Polygon', coordinates: [[[0,0],[2,0],[2,1],[0,1],[0,0]]] }) // [1, 0.5]
 * @throws InputError E_OPTION if not polygonal, E_DEGENERATE for zero total area.
 */

import { InputError } from '../errors.js';
import { polygonsOf } from './point-in-polygon.js';
import type { AreaGeometry } from './types.js';

/** Neumaier-compensated accumulator. */
class Sum {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  value(): number {
    return this.s + this.c;
  }
}

export function polygonCentroid(geometry: AreaGeometry): [number, number] {
  const polygons = polygonsOf('polygonCentroid', geometry);
  let x0 = NaN;
  let y0 = NaN;
  const area = new Sum();
  const mx = new Sum();
  const my = new Sum();
  for (const rings of polygons) {
    for (let r = 0; r < rings.length; r++) {
      const ring = rings[r];
      const n = ring.length;
      if (n === 0) continue;
      if (Number.isNaN(x0)) {
        x0 = ring[0][0];
        y0 = ring[0][1];
      }
      const a = new Sum();
      const ax = new Sum();
      const ay = new Sum();
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        const xi = ring[i][0] - x0, yi = ring[i][1] - y0;
        const xj = ring[j][0] - x0, yj = ring[j][1] - y0;
        const c = xi * yj - xj * yi;
        a.add(c);
        ax.add((xi + xj) * c);
        ay.add((yi + yj) * c);
      }
      const ringArea2 = a.value();
      if (ringArea2 === 0) continue;
      const s = (r === 0 ? 1 : -1) * Math.sign(ringArea2);
      area.add((s * ringArea2) / 2);
      mx.add((s * ax.value()) / 6);
      my.add((s * ay.value()) / 6);
    }
  }
  const total = area.value();
  if (!(total !== 0) || !Number.isFinite(total)) {
    throw new InputError('E_DEGENERATE', `polygonCentroid: the geometry has zero area (got ${total}), so no centroid`, {
      field: 'geometry',
      value: total,
    });
  }
  return [x0 + mx.value() / total, y0 + my.value() / total];
}
