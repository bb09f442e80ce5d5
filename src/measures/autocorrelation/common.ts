/**
 * Shared checks and constants of the autocorrelation measures (not a measure itself).
 *
 * Weights constants (Cliff & Ord 1981, Spatial Processes, ch. 1; spdep `spweights.constants`):
 *   S0 = Σᵢⱼ wᵢⱼ,  S1 = ½ Σᵢⱼ (wᵢⱼ + wⱼᵢ)²,  S2 = Σᵢ (wᵢ· + w·ᵢ)²
 * With islands kept (`islands: 'keep'`, spdep's zero.policy = TRUE, adjust.n = TRUE), n in the
 * formulas is the number of regions with neighbours.
 */
import { InputError } from '../../core/errors.js';
import { weightOf, type SpatialWeights } from '../../data/weights/spatial-weights.js';
import { pseudoPValue, type Alternative } from '../../inference/pseudo-p.js';
import { benjaminiHochberg } from '../../inference/fdr.js';
import type { ConditionalPermutationResult } from '../../inference/permutation.js';
import type { PermutationTest } from '../result.js';

export type IslandPolicy = 'error' | 'keep';

export interface Prepared {
  x: Float64Array;
  n: number;
  /** Number of regions without a neighbour other than themselves. */
  islandCount: number;
  island: Uint8Array;
}

/** Validate x against w: same length, finite, not constant, n ≥ 3, islands per policy. */
export function prepare(fn: string, x: ArrayLike<number>, w: SpatialWeights, islands: IslandPolicy): Prepared {
  if (!w || !(w.offsets instanceof Int32Array)) throw new InputError('E_OPTION', `${fn}: weights must be SpatialWeights (see data/weights)`, { field: 'weights' });
  if (islands !== 'error' && islands !== 'keep') throw new InputError('E_OPTION', `${fn}: islands must be 'error' or 'keep', got ${JSON.stringify(islands)}`, { field: 'islands', value: islands });
  const n = x.length;
  if (n !== w.n) throw new InputError('E_OPTION', `${fn}: x has ${n} values but the weights have ${w.n} regions`, { field: 'x', value: n });
  if (n < 3) throw new InputError('E_DEGENERATE', `${fn}: needs at least 3 regions, got ${n}`, { field: 'x', value: n });
  const xs = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i])) throw new InputError('E_NOT_FINITE', `${fn}: x[${i}] (region ${w.ids[i]}) must be finite, got ${x[i]}`, { field: 'x', row: i, value: x[i] });
  }
  let constant = true;
  for (let i = 1; i < n && constant; i++) if (xs[i] !== xs[0]) constant = false;
  if (constant) throw new InputError('E_DEGENERATE', `${fn}: x is constant (${xs[0]}), so there is no variation to correlate`, { field: 'x', value: xs[0] });
  const island = new Uint8Array(n);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) if (w.neighbors[p] !== i) k++;
    if (k === 0) { island[i] = 1; ids.push(w.ids[i]); }
  }
  if (ids.length > 0 && islands === 'error') {
    throw new InputError('E_DEGENERATE', `${fn}: ${ids.length} region(s) have no neighbours (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}); change the weights or pass islands: 'keep'`, { field: 'weights', value: ids, islands: ids });
  }
  return { x: xs, n, islandCount: ids.length, island };
}

export interface WeightsConstants {
  /** n, reduced by the islands when `adjustN`. */
  n: number;
  S0: number;
  S1: number;
  S2: number;
}

export function weightsConstants(w: SpatialWeights, islandCount: number): WeightsConstants {
  const { offsets, neighbors, weights } = w;
  const rowSum = new Float64Array(w.n);
  const colSum = new Float64Array(w.n);
  let S0 = 0;
  let S1 = 0;
  for (let i = 0; i < w.n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      const wij = weights[p];
      S0 += wij;
      rowSum[i] += wij;
      colSum[j] += wij;
      S1 += wij * wij + wij * weightOf(w, j, i);
    }
  }
  let S2 = 0;
  for (let i = 0; i < w.n; i++) S2 += (rowSum[i] + colSum[i]) ** 2;
  return { n: w.n - islandCount, S0, S1, S2 };
}

export function checkPermutations(fn: string, permutations: number): void {
  if (!Number.isInteger(permutations) || permutations < 0) throw new InputError('E_OPTION', `${fn}: permutations must be an integer ≥ 0, got ${permutations}`, { field: 'permutations', value: permutations });
}

export function checkSeed(fn: string, seed: number): void {
  if (!Number.isFinite(seed)) throw new InputError('E_OPTION', `${fn}: seed must be a finite number, got ${seed}`, { field: 'seed', value: seed });
}

export function checkChoice<T extends string>(fn: string, field: string, value: T, choices: readonly T[]): void {
  if (!choices.includes(value)) throw new InputError('E_OPTION', `${fn}: ${field} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`, { field, value });
}

export const DEFAULT_PERMUTATIONS = 999;
export const DEFAULT_SEED = 12345;

/**
 * The permutation test of a global statistic from its R permuted values: pseudo p for the
 * alternative (inference/pseudo-p.ts), the permutation null's mean and variance (n − 1), and
 * z = sign · (observed − mean)/sd (sign −1 for Geary's C, where small C is positive autocorrelation).
 */
export function permutationTest(observed: number, sims: Float64Array, alternative: Alternative, seed: number, sign: 1 | -1): PermutationTest {
  const R = sims.length;
  let s = 0;
  for (let r = 0; r < R; r++) s += sims[r];
  const mu = s / R;
  let v = 0;
  for (let r = 0; r < R; r++) v += (sims[r] - mu) ** 2;
  v = R > 1 ? v / (R - 1) : NaN;
  return { pValue: pseudoPValue(observed, sims, alternative), permutations: R, seed, expected: mu, variance: v, zScore: (sign * (observed - mu)) / Math.sqrt(v) };
}

/** Per-region tests under one null: arrays of length n (NaN for islands). */
export interface LocalTests {
  expected: Float64Array;
  variance: Float64Array;
  zScore: Float64Array;
  pValue: Float64Array;
}

export interface LocalPermutationTests extends LocalTests {
  /** Benjamini–Hochberg q-values of the permutation p-values (with `fdr: true`). */
  qValue?: Float64Array;
}

/**
 * The per-region permutation tests from a conditional permutation run: the null's mean and
 * variance, z = (statistic − mean)/sd, the pseudo p-values and, with `fdr`, their BH q-values.
 */
export function localPermutationTests(perm: ConditionalPermutationResult, statistic: Float64Array, fdr: boolean): LocalPermutationTests {
  const tests: LocalPermutationTests = {
    expected: perm.mean, variance: perm.variance, pValue: perm.pValue,
    zScore: perm.mean.map((m, i) => (statistic[i] - m) / Math.sqrt(perm.variance[i])),
  };
  if (fdr) tests.qValue = benjaminiHochberg(perm.pValue);
  return tests;
}

/** The options every global test takes (Moran's I, Geary's C). */
export interface GlobalTestOptions {
  alternative?: 'greater' | 'less' | 'two-sided';
  permutations?: number;
  seed?: number;
  islands?: IslandPolicy;
}

/**
 * What a global test needs before its statistic: resolved and checked options, the prepared
 * values, the weights constants, the islands warning (`islandNote` says how the test treats
 * them) and the centred values z with their second and fourth moments Σz², Σz⁴.
 */
export function globalTestSetup(fn: string, x: ArrayLike<number>, w: SpatialWeights, options: GlobalTestOptions, islandNote: string) {
  const alternative = options.alternative ?? 'greater';
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const islands = options.islands ?? 'error';
  checkChoice(fn, 'alternative', alternative, ['greater', 'less', 'two-sided'] as const);
  checkPermutations(fn, permutations);
  checkSeed(fn, seed);
  const prep = prepare(fn, x, w, islands);
  const N = prep.n;
  const constants = weightsConstants(w, prep.islandCount);
  const warnings: string[] = [];
  if (prep.islandCount > 0) warnings.push(`${prep.islandCount} region(s) without neighbours kept${islandNote}; n reduced to ${constants.n} in the moments (as spdep with zero.policy = TRUE)`);
  let mean = 0;
  for (let i = 0; i < N; i++) mean += prep.x[i];
  mean /= N;
  const z = new Float64Array(N);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < N; i++) { z[i] = prep.x[i] - mean; m2 += z[i] * z[i]; m4 += z[i] ** 4; }
  return { alternative, permutations, seed, islands, prep, N, ...constants, warnings, z, m2, m4 };
}
