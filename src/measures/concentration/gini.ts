/**
 * Gini coefficient of firm sizes (relative concentration, 相对集中度).
 *
 *   G = Σ_k (2k − N − 1) x_(k) / (N Σ_k x_k)          x_(1) ≤ … ≤ x_(N)
 *     = Σ_j Σ_k |x_j − x_k| / (2 N² μ)                 (the same, as a mean absolute difference)
 *   G_small-sample = G · N / (N − 1)
 *
 * `gini`: the population Gini (twice the area between the diagonal and the Lorenz curve),
 * ∈ [0, (N − 1)/N]; 0 when all firms are equal. `giniSmallSample`: multiplied by N/(N − 1) so that
 * one firm holding everything gives 1 (the form of R's `ineq::Gini(corr = TRUE)`); NaN for N = 1.
 * Zero total: E_DEGENERATE. Time O(N log N).
 * Reference: Gini, C. (1912) Variabilità e mutabilità; formula as in Damgaard & Weiner (2000)
 * "Describing inequality in plant size or fecundity", Ecology 81(4), 1139–1142,
 * doi:10.1890/0012-9658(2000)081[1139:DIIPSO]2.0.CO;2.
 * Cross-checked: test/reference/concentration-reference.py (numpy, double-sum form) →
 * test/fixtures/concentration/reference.json.
 *
 * @example gini(Float64Array.of(0, 0, 0, 10)).value.gini // 0.75
 */
import { Accumulator } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { checkSizes, type SizeMissing } from './check-sizes.js';

export interface GiniOptions {
  missing?: SizeMissing;
}

export function gini(sizes: ArrayLike<number>, options: GiniOptions = {}): MeasureResult<{ gini: number; giniSmallSample: number }> {
  const missing = options.missing ?? 'error';
  const c = checkSizes(sizes, 'gini', missing);
  const sorted = Float64Array.from(c.sizes).sort();
  const N = sorted.length;
  const acc = new Accumulator();
  for (let k = 0; k < N; k++) acc.add((2 * (k + 1) - N - 1) * sorted[k]);
  const g = Math.max(0, acc.value / (N * c.total));
  const warnings = [...c.warnings];
  if (N === 1) warnings.push('gini: a single firm: gini = 0 and the small-sample variant is undefined (NaN)');
  return {
    value: { gini: g, giniSmallSample: N > 1 ? (g * N) / (N - 1) : Number.NaN },
    n: N, warnings,
    provenance: { measure: 'gini', options: { missing }, references: ['Gini (1912)', 'Damgaard & Weiner (2000) Ecology 81(4):1139–1142'] },
  };
}
