/** The inputs of chain gap analysis as typed structures: produced by src/load/gap-inputs.ts, consumed by plan gaps. Pure. */

export interface GapFirms {
  ids: string[];
  industry: string[];
  /** Region code per firm (for relatedness); null when unknown. */
  region: (string | null)[];
  lon: Float64Array;
  lat: Float64Array;
  /** Size (employees, output, revenue or 1). */
  size: Float64Array;
  /** 1 = the firm is inside the place. */
  inside: Uint8Array;
}

/** Supply/subcontract links between firms: indices into the firm arrays, seller → buyer. */
export interface GapLinks { source: Int32Array; target: Int32Array; value: Float64Array }

export interface GapIo {
  sectors: readonly string[];
  /** Row-major intermediate flows Z (row sector sells to column sector). */
  z: Float64Array;
  totalOutput: Float64Array;
  /** Sector index of an industry code, or −1 when it maps to none. */
  sectorOf: (industry: string) => number;
}
