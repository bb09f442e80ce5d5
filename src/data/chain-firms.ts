/** The firms of a value chain as typed columns: produced by src/load/chain-firms.ts, consumed by plan network. Pure. */

export interface ChainFirms {
  ids: string[];
  industry: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Weight of each firm in the p-median (1 per firm, or its size). */
  weight: Float64Array;
}
