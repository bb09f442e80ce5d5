/**
 * Permutation nulls for spatial autocorrelation: total randomisation (global statistics) and
 * conditional randomisation (local statistics).
 *
 * Conditional randomisation (Anselin 1995, §4, doi:10.1111/j.1538-4632.1995.tb00338.x; esda's
 * `crand`, spdep's `localmoran_perm`): region i keeps its own value; its kᵢ neighbour positions
 * are filled with kᵢ values drawn WITHOUT replacement from the other n − 1 values, in random
 * order (so unequal weights meet random values), R times. A self-link (G*ᵢ) keeps xᵢ fixed in
 * its own position. For every draw the statistic is
 *
 *   sᵢ = scaleᵢ · (wᵢᵢ·vᵢ + Σ_{positions p≠self} w_p · v_{draw(p)}) + shiftᵢ
 *
 * and the observed sᵢ is computed by the same expression with the real neighbours, so that exact
 * ties (a constant neighbourhood, a draw of the real neighbours) are ties in the counts too. Draws
 * whose sum equals the observed one only mathematically (different values, different rounding)
 * are compared as computed, strictly, as esda and spdep do. Pseudo p-values come from
 * `pseudo-p.ts` (the one place that computes them).
 *
 * Sampling: a partial Fisher–Yates shuffle over an index array, O(kᵢ) per draw, undone after the
 * draw; region i gets its own sfc32 stream seeded from (seed, i), so a region's draws do not
 * depend on which other regions ran before it or in which worker.
 * Complexity O(R·L) for L links, O(n + R + max kᵢ) memory.
 * Known peer difference: spdep 1.2.7 (Debian's) draws with replacement and, for G*ᵢ, also draws
 * the self position; later spdep and esda draw as here.
 */
import { createRng } from '../core/rng.js';
import { pseudoPValue, type Alternative } from './pseudo-p.js';

export interface CsrRows {
  n: number;
  offsets: Int32Array;
  neighbors: Int32Array;
  weights: Float64Array;
}

export interface ConditionalPermutationInput {
  rows: CsrRows;
  /** The values that are permuted (deviations z for local Moran, raw x for Getis–Ord). */
  values: Float64Array;
  scale: Float64Array;
  shift: Float64Array;
  permutations: number;
  seed: number;
  alternative: Alternative;
  /** First and one-past-last region to process (default all); for splitting across workers. */
  from?: number;
  to?: number;
}

export interface ConditionalPermutationResult {
  /** Observed statistic recomputed by the kernel. */
  observed: Float64Array;
  pValue: Float64Array;
  /** Mean and variance (n − 1 denominator) of the R simulated statistics. */
  mean: Float64Array;
  variance: Float64Array;
}

/** A 32-bit seed for region i derived from the user's seed (murmur3-style mixing). */
export function regionSeed(seed: number, i: number): number {
  let h = (Math.floor(seed) ^ Math.floor(seed / 4294967296)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h ^= Math.imul(i + 1, 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function conditionalPermutation(input: ConditionalPermutationInput): ConditionalPermutationResult {
  const { rows, values, scale, shift, permutations: R, seed, alternative } = input;
  const { n, offsets, neighbors, weights } = rows;
  const from = input.from ?? 0;
  const to = input.to ?? n;
  const m = to - from;
  const observed = new Float64Array(m);
  const pValue = new Float64Array(m);
  const mean = new Float64Array(m);
  const variance = new Float64Array(m);
  let maxK = 0;
  for (let i = from; i < to; i++) maxK = Math.max(maxK, offsets[i + 1] - offsets[i]);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const sims = new Float64Array(R);
  const nbW = new Float64Array(maxK);
  const us = new Int32Array(maxK);
  for (let i = from; i < to; i++) {
    let selfTerm = 0;
    let lagObs = 0;
    let k = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      if (j === i) selfTerm += weights[p] * values[i];
      else { lagObs += weights[p] * values[j]; nbW[k++] = weights[p]; }
    }
    const sc = scale[i];
    const sh = shift[i];
    const obs = sc * (selfTerm + lagObs) + sh;
    observed[i - from] = obs;
    if (k === 0) { pValue[i - from] = NaN; mean[i - from] = NaN; variance[i - from] = NaN; continue; }
    // sfc32 state for this region, drawn from the project generator (core/rng.ts) seeded by (seed, i);
    // the generator is then stepped inline, as in rng.ts, because this is the hot loop
    const seeder = createRng(regionSeed(seed, i));
    let a = seeder.int(4294967296) | 0;
    let b = seeder.int(4294967296) | 0;
    let c = seeder.int(4294967296) | 0;
    let d = seeder.int(4294967296) | 0;
    // move i out of the pool [0, n − 2]
    const last = n - 1;
    perm[i] = last;
    perm[last] = i;
    const pool = n - 1;
    let s1 = 0;
    for (let r = 0; r < R; r++) {
      let lag = 0;
      for (let t = 0; t < k; t++) {
        let u32 = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        u32 = (u32 + d) | 0;
        c = (c + u32) | 0;
        const u = t + Math.floor(((u32 >>> 0) * (pool - t)) / 4294967296);
        const v = perm[u];
        perm[u] = perm[t];
        perm[t] = v;
        us[t] = u;
        lag += nbW[t] * values[v];
      }
      // undo this draw's swaps in reverse, so every draw starts from the same array: O(k) memory
      for (let t = k - 1; t >= 0; t--) {
        const u = us[t];
        const v = perm[u];
        perm[u] = perm[t];
        perm[t] = v;
      }
      const s = sc * (selfTerm + lag) + sh;
      sims[r] = s;
      s1 += s;
    }
    const mu = s1 / R;
    let s2 = 0;
    for (let r = 0; r < R; r++) { const dd = sims[r] - mu; s2 += dd * dd; }
    mean[i - from] = mu;
    variance[i - from] = R > 1 ? s2 / (R - 1) : NaN;
    pValue[i - from] = pseudoPValue(obs, sims, alternative);
    perm[i] = i;
    perm[last] = last;
  }
  return { observed, pValue, mean, variance };
}

/**
 * Total randomisation for a global statistic: R random permutations of `values` (Fisher–Yates,
 * seeded), the statistic evaluated on each. Returns the R simulated values. O(R·(n + cost)).
 */
export function totalPermutation(values: Float64Array, permutations: number, seed: number, statistic: (permuted: Float64Array) => number): Float64Array {
  // sfc32 state drawn from the project generator, stepped inline (see conditionalPermutation)
  const seeder = createRng(seed);
  let a = seeder.int(4294967296) | 0;
  let b = seeder.int(4294967296) | 0;
  let c = seeder.int(4294967296) | 0;
  let d = seeder.int(4294967296) | 0;
  const v = values.slice();
  const out = new Float64Array(permutations);
  for (let r = 0; r < permutations; r++) {
    for (let i = v.length - 1; i > 0; i--) {
      let u32 = (a + b) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      d = (d + 1) | 0;
      u32 = (u32 + d) | 0;
      c = (c + u32) | 0;
      const j = Math.floor(((u32 >>> 0) * (i + 1)) / 4294967296);
      const t = v[i]; v[i] = v[j]; v[j] = t;
    }
    out[r] = statistic(v);
  }
  return out;
}
