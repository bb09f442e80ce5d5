/**
 * Concentration ratio CRn: the share of an industry's size held by its n largest firms.
 *
 *   CRn = Σ_{k=1..n} x_(k) / Σ_k x_k
 *
 * x_(k): the k-th largest firm size (employees, revenue or output). CRn ∈ (0, 1]; CR4 ≥ 0.4 is
 * often read as an oligopolistic market (Bain's classes). When the industry has fewer than n firms
 * CRn = 1 and a warning says so. A zero total is E_DEGENERATE; NaN sizes are E_NOT_FINITE unless
 * `missing: 'drop'`. Time O(N log N) (one sort).
 * Reference: Bain, J.S. (1951) "Relation of profit rate to industry concentration", QJE 65(3),
 * 293–324, doi:10.2307/1882217.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 *
 * @example concentrationRatio(Float64Array.of(50, 30, 10, 5, 5), { n: [1, 2] }).value // [{ n: 1, value: 0.5 }, { n: 2, value: 0.8 }]
 */
import { InputError } from '../../core/errors.js';
import { sum } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { checkSizes, descending, type SizeMissing } from './check-sizes.js';

export interface ConcentrationRatioOptions {
  /** Which n to report; default [4, 8]. */
  n?: readonly number[];
  /** NaN sizes: 'error' (default) or 'drop' (counted in warnings). */
  missing?: SizeMissing;
}

export function concentrationRatio(sizes: ArrayLike<number>, options: ConcentrationRatioOptions = {}): MeasureResult<{ n: number; value: number }[]> {
  const ns = options.n ?? [4, 8];
  const missing = options.missing ?? 'error';
  for (const n of ns) {
    if (!Number.isInteger(n) || n < 1) throw new InputError('E_OPTION', `concentrationRatio: n must be integers ≥ 1, got ${n}`, { field: 'n', value: n });
  }
  const c = checkSizes(sizes, 'concentrationRatio', missing);
  const sorted = descending(c.sizes);
  const warnings = [...c.warnings];
  const value = ns.map((n) => {
    if (n >= sorted.length) warnings.push(`concentrationRatio: only ${sorted.length} firm(s), so CR${n} = 1`);
    return { n, value: Math.min(1, sum(sorted.subarray(0, Math.min(n, sorted.length))) / c.total) };
  });
  return {
    value, n: c.sizes.length, warnings,
    provenance: { measure: 'concentrationRatio', options: { n: [...ns], missing }, references: ['Bain (1951) QJE 65(3):293–324, doi:10.2307/1882217'] },
  };
}
