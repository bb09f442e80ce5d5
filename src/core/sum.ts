/**
 * Compensated summation (Neumaier's improvement of Kahan–Babuška): the sum of a long series of
 * float64 values with an error bound independent of its length.
 *
 *   s = Σ xᵢ, accumulated with a running correction c of the low-order bits lost at each step.
 *
 * Use it for totals over many terms of mixed magnitude (national employment, Σ of squares in
 * Gini, HHI, EG γ). O(n). Empty input sums to 0; NaN propagates.
 * Reference: Neumaier, A. (1974) "Rundungsfehleranalyse einiger Verfahren zur Summation
 * endlicher Summen", ZAMM 54:39–51, doi:10.1002/zamm.19740540106.
 *
 * @example sum([1e100, 1, -1e100]) // 1 (a naive loop gives 0)
 */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** A running compensated sum, for accumulating inside loops. */
export class Accumulator {
  private s = 0;
  private c = 0;
  add(x: number): this {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
    return this;
  }
  get value(): number {
    return this.s + this.c;
  }
}
