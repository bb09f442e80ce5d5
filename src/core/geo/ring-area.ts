/**
 * Signed planar area of a ring by the shoelace formula, with a compensated sum.
 *
 *   A = ½ · Σᵢ (xᵢ − x₀)(yᵢ₊₁ − y₀) − (xᵢ₊₁ − x₀)(yᵢ − y₀)      (i = 0 … n−1, index n ≡ 0)
 *
 * (xᵢ, yᵢ) are the ring's positions. Coordinates are taken relative to the first vertex (x₀, y₀),
 * which leaves A unchanged but removes the cancellation that raw longitudes/latitudes or
 * 7-digit eastings cause; the n terms are summed with Neumaier's improved Kahan–Babuška
 * summation (Neumaier 1974, ZAMM 54, 39–51, https://doi.org/10.1002/zamm.19740540106).
 *
 * How to read it: A > 0 for a counter-clockwise ring (x east, y north), A < 0 clockwise; the unit
 * is the square of the coordinate unit: square degrees for longitude/latitude (not an area on the
 * Earth — project with `wgs84ToProjected` or `localEquidistantProjection` first), m² for
 * projected metres. The ring may be closed (last = first) or not; it is closed implicitly.
 * Degenerate cases: fewer than 3 positions → 0; a self-intersecting ring gives the signed sum of
 * its lobes (a symmetric bow-tie gives 0).
 * Complexity O(n). Checked by hand (unit square = 1; a triangle; a square with 7-digit
 * coordinates) in test/geo.test.ts.
 *
 * @example ringArea([[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]) // 2
 */

import type { LinearRing } from './types.js';

export function ringArea(ring: LinearRing): number {
  const n = ring.length;
  if (n < 3) return 0;
  const x0 = ring[0][0];
  const y0 = ring[0][1];
  let sum = 0;
  let compensation = 0;
  // Terms with i = 0 or i + 1 = 0 (mod n) vanish because that vertex is the origin.
  for (let i = 1; i < n - 1; i++) {
    const term = (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return (sum + compensation) / 2;
}
