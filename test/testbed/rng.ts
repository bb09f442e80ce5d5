/**
 * Seeded random numbers for the independent test bed: sfc32 (Chris Doty-Humphrey's small fast
 * counter generator) seeded through splitmix32, with the few draws the generator needs.
 * Written for the test bed; it shares nothing with src/scenario.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next(); this.b = next(); this.c = next(); this.d = next();
    for (let i = 0; i < 12; i++) this.u();
  }

  /** Uniform in [0, 1). */
  u(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number { return Math.floor(this.u() * n); }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number { return lo + (hi - lo) * this.u(); }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.u();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.u());
  }

  /** Log-normal with the given median and log-sd. */
  logNormal(median: number, sigma: number): number { return median * Math.exp(sigma * this.normal()); }

  chance(p: number): boolean { return this.u() < p; }

  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }

  /** Index drawn with probability proportional to `weights` (cumulative sums given). */
  weighted(cumulative: readonly number[]): number {
    const x = this.u() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  /** A new array in random order (Fisher–Yates). */
  shuffled<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
