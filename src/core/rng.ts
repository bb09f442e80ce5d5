/**
 * Seeded pseudo-random numbers: every random procedure in Cluster Atlas takes one of these.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand),
 * seeded through splitmix32 so that nearby integer seeds give unrelated streams. It passes
 * PractRand to 2^42 bytes, has period ≥ 2^32, and needs only 32-bit integer arithmetic, so it is
 * fast in JavaScript and gives the same stream on every platform.
 * Reference: https://pracrand.sourceforge.net/ (sfc32); Steele, Lea & Flood (2014) for splitmix.
 */

export interface Rng {
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller, no caching so streams stay simple to reason about). */
  normal(): number;
  /** Draw from an array. */
  pick<T>(items: readonly T[]): T;
  /** A new independent generator derived from this one (for sub-procedures). */
  fork(): Rng;
}

function splitmix32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`createRng: seed must be finite, got ${seed}`);
  const sm = splitmix32(Math.floor(seed) >>> 0 ^ Math.floor(seed / 2 ** 32));
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const u32 = (): number => {
    // keep the state in int32 (small integers to V8): the same bits as unsigned, faster in loops
    a |= 0; b |= 0; c |= 0; d |= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32(); // warm up
  const rng: Rng = {
    next: () => u32() / 4294967296,
    int: (n: number) => Math.floor((u32() / 4294967296) * n),
    normal: () => {
      let u = 0;
      while (u === 0) u = u32() / 4294967296;
      const v = u32() / 4294967296;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    pick: <T>(items: readonly T[]): T => items[Math.floor((u32() / 4294967296) * items.length)],
    fork: () => createRng(u32() * 4294967296 + u32()),
  };
  return rng;
}
