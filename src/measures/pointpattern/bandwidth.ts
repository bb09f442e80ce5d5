/**
 * Silverman's rule-of-thumb bandwidth, as R's `stats::bw.nrd0`:
 *
 *   h = 0.9 · lo · m^(−1/5),   lo = min(sd, IQR / 1.34)
 *
 * m: number of values; sd: sample standard deviation (denominator m − 1); IQR: difference of the
 * type-7 quantiles at 0.75 and 0.25. When lo = 0: lo = sd, else |x₁|, else 1 (as R).
 * Cost O(m) (two quickselects on a copy). Degenerate: m < 2 → InputError E_DEGENERATE (as R).
 * Reference: Silverman, B. W. (1986) Density Estimation, eq. (3.31), doi:10.1201/9781315140919.
 */
import { InputError } from '../../core/errors.js';

export function bandwidthNrd0(values: Float64Array, count = values.length): number {
  if (count < 2) throw new InputError('E_DEGENERATE', `bandwidthNrd0: need at least 2 distances, got ${count}`, { field: 'distances', value: count });
  let mean = 0;
  for (let i = 0; i < count; i++) mean += values[i];
  mean /= count;
  let ss = 0;
  for (let i = 0; i < count; i++) { const d = values[i] - mean; ss += d * d; }
  const sd = Math.sqrt(ss / (count - 1));
  const work = values.slice(0, count);
  const iqr = quantile7(work, 0.75) - quantile7(work, 0.25);
  let lo = Math.min(sd, iqr / 1.34);
  if (!(lo > 0)) lo = sd > 0 ? sd : Math.abs(values[0]) > 0 ? Math.abs(values[0]) : 1;
  return 0.9 * lo * count ** -0.2;
}

/** Type-7 quantile by quickselect (reorders `a`). */
function quantile7(a: Float64Array, p: number): number {
  const h = (a.length - 1) * p;
  const lo = Math.floor(h);
  const v0 = select(a, lo);
  if (lo + 1 >= a.length) return v0;
  // the next order statistic is the minimum of the right part after selection
  let v1 = Infinity;
  for (let i = lo + 1; i < a.length; i++) if (a[i] < v1) v1 = a[i];
  return v0 + (h - lo) * (v1 - v0);
}

function select(a: Float64Array, k: number): number {
  let left = 0, right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left, j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}
