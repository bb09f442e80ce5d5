/** Weighted draws (an index from cumulative weights; firm indices from a list) and uniform integers. */
import type { Rng } from '../core/rng.js';

/**
 * An index k drawn with probability proportional to its weight, given the cumulative weights
 * (cum[k] = Σ_{j ≤ k} w_j, not decreasing, last > 0): the first k with cum[k] > u, u uniform in
 * [0, cum[last]). One draw; O(log n).
 */
export function drawCumulative(rng: Rng, cum: ArrayLike<number>): number {
  const u = rng.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Draw indices from a list with probability proportional to weights (cumulative + bisection). */
export class Picker {
  readonly items: readonly number[];
  private readonly cum: Float64Array;
  constructor(items: readonly number[], weight: (i: number) => number = () => 1) {
    this.items = items;
    this.cum = new Float64Array(items.length);
    let s = 0;
    for (let k = 0; k < items.length; k++) {
      s += Math.max(0, weight(items[k]));
      this.cum[k] = s;
    }
  }
  get size(): number {
    return this.items.length;
  }
  pick(rng: Rng): number {
    return this.items[drawCumulative(rng, this.cum)];
  }
  /** Up to k distinct items other than `not`. */
  pickDistinct(rng: Rng, k: number, not = Number.NaN): number[] {
    const out: number[] = [];
    const want = Math.min(k, this.items.length);
    for (let tries = 0; out.length < want && tries < 8 * k + 8; tries++) {
      const v = this.pick(rng);
      if (v !== not && !out.includes(v)) out.push(v);
    }
    return out;
  }
}

/** Integer uniformly in [lo, hi]. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + rng.int(hi - lo + 1);
}
