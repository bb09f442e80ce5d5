/**
 * The shape every measure returns (see ../shared/STYLE.md): the value, the sample size, its
 * inference, warnings in plain words, and provenance (measure, resolved options, seed, refs).
 */
export interface Provenance {
  /** camelCase name of the measure function, e.g. 'locationQuotient'. */
  measure: string;
  /** Options after defaults were applied. */
  options: Record<string, unknown>;
  seed?: number;
  /** Citations (with DOI or URL). */
  references: string[];
}

export interface Inference {
  expected?: number;
  variance?: number;
  zScore?: number;
  pValue?: number;
  /** Which null: 'normality', 'randomisation', 'permutation', 'random-location', … */
  nullModel?: string;
  permutations?: number;
  alternative?: string;
  [key: string]: unknown;
}

export interface MeasureResult<V> {
  value: V;
  n: number;
  inference?: Inference;
  warnings: string[];
  provenance: Provenance;
}
