/**
 * The shape every measure returns (see ../shared/STYLE.md): the value, the sample size, its
 * inference, warnings in plain words, and provenance (measure, resolved options, seed, refs).
 *
 * Inference is a closed set of shapes, told apart by `kind` (a misspelt field does not compile):
 * - 'global-test' — one statistic tested under named nulls (Moran's I, Geary's C): `expected`,
 *   and `variance`/`zScore`/`pValue` under `normality`, under `randomisation` and, with
 *   permutations, under `permutation` (pseudo p from `permutations` random permutations).
 * - 'local-test' — one statistic per region (local Moran, Getis–Ord): the per-region tests are
 *   in the value (`LocalValue.randomisation`, `LocalValue.permutation`); the inference records
 *   the alternatives, the permutation count and the seed.
 * - 'envelope' — a curve (Ripley K/L, K-density, M, m) against Monte Carlo `simulations` under a
 *   null model (`csr`, `random-location`, …) at level `alpha`; the band is in the curve.
 * - 'analytic-test' — one normal-approximation test per unit (Ellison–Glaeser γ per industry):
 *   `expected`/`variance`/`zScore`/`pValue` are in the value; the inference names the null.
 * Words: `permutations` counts permutations of the data (permutation tests); `simulations`
 * counts Monte Carlo draws of a point process (curves and envelopes).
 */
import type { Alternative } from '../inference/pseudo-p.js';

export interface Provenance {
  /** camelCase name of the measure function, e.g. 'locationQuotient'. */
  measure: string;
  /** Options after defaults were applied. */
  options: Record<string, unknown>;
  seed?: number;
  /** Citations (with DOI or URL). */
  references: string[];
}

/** Alternative hypothesis of an analytic (normal-approximation) test. */
export type TestAlternative = 'greater' | 'less' | 'two-sided';

/** The statistic standardised under one null (its variance there), p from the standard normal. */
export interface NormalTest {
  variance: number;
  zScore: number;
  pValue: number;
}

/** A permutation test: the statistic on R random permutations of the data; p = (M + 1)/(R + 1). */
export interface PermutationTest {
  pValue: number;
  permutations: number;
  seed: number;
  /** Mean of the permuted statistics (the permutation null's estimate of the expectation). */
  expected: number;
  /** Variance (n − 1 denominator) of the permuted statistics. */
  variance: number;
  /** (statistic − expected) / √variance, oriented as the analytic z-scores. */
  zScore: number;
}

export interface GlobalTestInference {
  kind: 'global-test';
  /** E[statistic] under the null (the same under normality and randomisation). */
  expected: number;
  /** The headline test: the one named by `nullModel` (randomisation, as spdep). */
  variance: number;
  zScore: number;
  pValue: number;
  nullModel: 'randomisation';
  alternative: TestAlternative;
  normality: NormalTest;
  randomisation: NormalTest;
  /** Present when permutations > 0. */
  permutation?: PermutationTest;
  /** Permutations run (0: none). */
  permutations: number;
}

export interface LocalTestInference {
  kind: 'local-test';
  /** Alternative of the per-region randomisation p-values. */
  alternative: TestAlternative;
  /** How the permutation null draws: xᵢ fixed, the neighbours drawn from the other values. */
  nullModel: 'conditional randomisation';
  /** Permutations per region (0: no permutation tests). */
  permutations: number;
  /** Alternative of the per-region permutation p-values ('folded' by default, as esda). */
  permutationAlternative: Alternative;
  seed: number;
}

export type EnvelopeNullModel = 'csr' | 'random-location' | 'random-labelling' | 'population-independence';

export interface EnvelopeInference {
  kind: 'envelope';
  nullModel: EnvelopeNullModel;
  /** Monte Carlo simulations of the null behind the envelope. */
  simulations: number;
  alpha: number;
  /** K-density only: Duranton–Overman's localisation index Γ against the global band. */
  localisationIndex?: number;
  /** K-density only: Duranton–Overman's dispersion index Ψ against the global band (0 when localised). */
  dispersionIndex?: number;
}

export interface AnalyticTestInference {
  kind: 'analytic-test';
  /** The null of the per-unit tests, in words. */
  nullModel: string;
  alternative: TestAlternative;
}

export type Inference = GlobalTestInference | LocalTestInference | EnvelopeInference | AnalyticTestInference;

export interface MeasureResult<V, I extends Inference = Inference> {
  value: V;
  n: number;
  inference?: I;
  warnings: string[];
  provenance: Provenance;
}
