export { quantileSorted } from '../../core/quantile.js';

/** Throw-free check that p is a probability. */
export function isProbability(p: number): boolean {
  return Number.isFinite(p) && p >= 0 && p <= 1;
}
