/**
 * Lorenz curve of firm sizes: the cumulative share of size held by the smallest p of firms.
 *
 *   L(k/N) = Σ_{j≤k} x_(j) / Σ_j x_j,   k = 0..N, x_(1) ≤ … ≤ x_(N)
 *
 * Returns N + 1 points from (0, 0) to (1, 1), `population` (k/N) and `share` (L). The further the
 * curve bows below the diagonal, the more concentrated the industry; twice the area between the
 * diagonal and the curve is the Gini coefficient (see gini.ts). Zero total: E_DEGENERATE.
 * Time O(N log N).
 * Reference: Lorenz, M.O. (1905) "Methods of measuring the concentration of wealth", JASA 9(70),
 * 209–219, doi:10.2307/2276207.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import type { MeasureResult } from '../result.js';
import { checkSizes, type SizeMissing } from './check-sizes.js';

export interface LorenzCurveOptions {
  missing?: SizeMissing;
}

export function lorenzCurve(sizes: ArrayLike<number>, options: LorenzCurveOptions = {}): MeasureResult<{ population: Float64Array; share: Float64Array }> {
  const missing = options.missing ?? 'error';
  const c = checkSizes(sizes, 'lorenzCurve', missing);
  const sorted = Float64Array.from(c.sizes).sort();
  const N = sorted.length;
  const population = new Float64Array(N + 1);
  const share = new Float64Array(N + 1);
  let s = 0;
  let comp = 0;
  for (let k = 1; k <= N; k++) {
    const x = sorted[k - 1];
    const t = s + x;
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
    population[k] = k / N;
    share[k] = (s + comp) / c.total;
  }
  share[N] = 1;
  return {
    value: { population, share }, n: N, warnings: c.warnings,
    provenance: { measure: 'lorenzCurve', options: { missing }, references: ['Lorenz (1905) JASA 9(70):209–219, doi:10.2307/2276207'] },
  };
}
