/**
 * Hall–Tideman index of concentration.
 *
 *   HT = 1 / (2 Σ_k k·s_(k) − 1),   s_(1) ≥ s_(2) ≥ … (rank 1 = the largest firm)
 *
 * s_(k): the k-th largest share. HT ∈ [1/N, 1]: 1/N for N equal firms, 1 for a monopoly; like the
 * HHI it weights large firms most, but through their rank. Zero total: E_DEGENERATE. Time O(N log N).
 * Reference: Hall, M. & Tideman, N. (1967) "Measures of concentration", JASA 62(317), 162–168,
 * doi:10.1080/01621459.1967.10482897.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { Accumulator } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { checkSizes, descending, type SizeMissing } from './check-sizes.js';

export interface HallTidemanOptions {
  missing?: SizeMissing;
}

export function hallTideman(sizes: ArrayLike<number>, options: HallTidemanOptions = {}): MeasureResult<number> {
  const missing = options.missing ?? 'error';
  const c = checkSizes(sizes, 'hallTideman', missing);
  const sorted = descending(c.sizes);
  const acc = new Accumulator();
  for (let k = 0; k < sorted.length; k++) acc.add((k + 1) * (sorted[k] / c.total));
  return {
    value: 1 / (2 * acc.value - 1), n: sorted.length, warnings: c.warnings,
    provenance: { measure: 'hallTideman', options: { missing }, references: ['Hall & Tideman (1967) JASA 62(317):162–168, doi:10.1080/01621459.1967.10482897'] },
  };
}
