/**
 * A pair-distance histogram: the unordered pairs of one set of points counted in equal distance
 * bins up to a cutoff, with the running sums the bandwidth rules need. Filled by
 * src/load/pair-histogram.ts (a self-join on either engine); read by the finishing measures in
 * src/measures/pointpattern/pair-histogram.ts (Ripley-type cumulative counts, the K-density).
 */
export interface PairHistogram {
  /** bins + 1 equally spaced edges on [0, cutoff], in `distanceUnit`. */
  edges: Float64Array;
  /** Unordered pairs i < j per bin [edges[b], edges[b+1]) (the last bin closed at the cutoff). */
  counts: Float64Array;
  /** Pairs within the cutoff (Σ counts). */
  pairs: number;
  /** Σ d and Σ d² over those pairs. */
  sumDistance: number;
  sumSquares: number;
  /** Points n. */
  points: number;
  /** All pairs, near or far: n(n−1)/2. */
  allPairs: number;
  cutoffKm: number;
  distanceUnit: 'km';
}
