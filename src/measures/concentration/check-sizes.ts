/**
 * Shared argument check of the market-concentration measures (not a measure): sizes must be
 * finite and ≥ 0; NaN is an error unless `missing: 'drop'` is asked for, and then the count of
 * dropped values is returned for the warnings. A zero total is E_DEGENERATE (no shares exist).
 */
import { InputError } from '../../core/errors.js';
import { sum } from '../../core/sum.js';

export type SizeMissing = 'error' | 'drop';

export interface CheckedSizes {
  /** Finite, non-negative sizes (a copy when something was dropped). */
  sizes: Float64Array;
  total: number;
  dropped: number;
  warnings: string[];
}

export function checkSizes(input: ArrayLike<number>, fn: string, missing: SizeMissing = 'error'): CheckedSizes {
  if (missing !== 'error' && missing !== 'drop') {
    throw new InputError('E_OPTION', `${fn}: missing must be 'error' or 'drop', got ${String(missing)}`, { field: 'missing', value: missing });
  }
  let dropped = 0;
  for (let k = 0; k < input.length; k++) {
    const v = input[k];
    if (Number.isNaN(v) && missing === 'drop') { dropped++; continue; }
    if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `${fn}: sizes[${k}] must be finite, got ${v}`, { field: 'sizes', row: k, value: v });
    if (v < 0) throw new InputError('E_NEGATIVE', `${fn}: sizes[${k}] must be ≥ 0, got ${v}`, { field: 'sizes', row: k, value: v });
  }
  const sizes = dropped ? Float64Array.from(Array.prototype.filter.call(input, (v: number) => !Number.isNaN(v)) as number[]) : Float64Array.from(input);
  const total = sum(sizes);
  if (sizes.length === 0) throw new InputError('E_DEGENERATE', `${fn}: no firms (empty sizes)`, { field: 'sizes', value: 0 });
  if (!(total > 0)) throw new InputError('E_DEGENERATE', `${fn}: the industry's total size is 0; shares are undefined`, { field: 'sizes', value: total });
  const warnings = dropped ? [`${fn}: ${dropped} firm(s) with unknown size dropped (missing: 'drop')`] : [];
  return { sizes, total, dropped, warnings };
}

/** Sizes sorted in descending order (a new array). */
export function descending(sizes: Float64Array): Float64Array {
  return Float64Array.from(sizes).sort().reverse();
}
