/**
 * Simple output multipliers: the column sums of the Leontief inverse.
 *
 *   mⱼ = Σᵢ lᵢⱼ
 *
 * lᵢⱼ: element of L = (I − A)⁻¹. mⱼ is the total output of all sectors needed to deliver one
 * unit of final demand for j; it is the "backward linkage" of the Eurostat manual / iotables
 * `backward_linkages` and BEA's "Total Industry Output Requirement" row. Always ≥ 1 for a
 * productive table. Time O(n³) (the inverse), O(n²) when L is given.
 * Reference: Miller & Blair (2009) §6.2, doi:10.1017/CBO9780511626982.
 * Cross-checked: Beutel (2008) table 15.4 published backward linkages; BEA 2015 summary total
 * requirements (test/fixtures/linkages/bea-2015-published.json).
 */
import type { MeasureResult } from '../result.js';
import { leontiefInverse } from './leontief-inverse.js';
import { REF_MILLER_BLAIR, type IoData } from './types.js';

export interface OutputMultipliersOptions {
  /** A precomputed total requirements matrix (n×n, row-major), e.g. BEA's published one. */
  leontief?: Float64Array;
}

export function outputMultipliers(io: IoData | { sectors: string[] }, options: OutputMultipliersOptions = {}): MeasureResult<Float64Array> {
  const n = io.sectors.length;
  const given = options.leontief !== undefined;
  const l = options.leontief ?? leontiefInverse(io as IoData).value;
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[j] += l[i * n + j];
  return { value: m, n, warnings: [], provenance: { measure: 'outputMultipliers', options: { leontief: given ? 'given' : 'computed' }, references: [REF_MILLER_BLAIR] } };
}
