/**
 * Sample quantile by linear interpolation between order statistics (Hyndman & Fan 1996 type 7,
 * the default of R's `quantile` and numpy's `percentile`):
 *   h = (n − 1) p,  Q(p) = x_(⌊h⌋+1) + (h − ⌊h⌋)(x_(⌊h⌋+2) − x_(⌊h⌋+1))   (1-based order statistics)
 * `sorted` must be ascending; an empty array gives NaN. O(1).
 * Reference: Hyndman, R.J. & Fan, Y. (1996) Am. Stat. 50(4), 361–365, doi:10.1080/00031305.1996.10473566.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
