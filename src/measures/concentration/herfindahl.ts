/**
 * Herfindahl–Hirschman index of an industry over its firms.
 *
 *   HHI = Σ_k s_k²,   s_k = x_k / Σ_j x_j
 *
 * x_k: size of firm k. Reported as `hhi` ∈ [1/N, 1] (shares as fractions), `hhi10000` on the
 * antitrust 0–10,000 scale (shares in percent; U.S. DOJ/FTC 2023 guidelines call > 1,800 highly
 * concentrated), and `equivalentFirms` = 1/HHI (the number of equal-sized firms giving the same HHI).
 * One firm: HHI = 1. Zero total: E_DEGENERATE. NaN: E_NOT_FINITE unless `missing: 'drop'`. Time O(N).
 * EconGeo's `Herfindahl` computes the same Σx²/(Σx)².
 * Reference: Hirschman, A.O. (1964) "The paternity of an index", AER 54(5), 761;
 * Herfindahl, O.C. (1950) PhD thesis, Columbia.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 *
 * @example herfindahl(Float64Array.of(1, 1, 1, 1)).value.hhi // 0.25
 */
import { Accumulator } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { checkSizes, type SizeMissing } from './check-sizes.js';

export interface HerfindahlOptions {
  missing?: SizeMissing;
}

export interface HerfindahlValue {
  hhi: number;
  hhi10000: number;
  equivalentFirms: number;
}

export function herfindahl(sizes: ArrayLike<number>, options: HerfindahlOptions = {}): MeasureResult<HerfindahlValue> {
  const missing = options.missing ?? 'error';
  const c = checkSizes(sizes, 'herfindahl', missing);
  const acc = new Accumulator();
  for (let k = 0; k < c.sizes.length; k++) {
    const s = c.sizes[k] / c.total;
    acc.add(s * s);
  }
  const hhi = acc.value;
  return {
    value: { hhi, hhi10000: hhi * 10_000, equivalentFirms: 1 / hhi },
    n: c.sizes.length, warnings: c.warnings,
    provenance: { measure: 'herfindahl', options: { missing }, references: ['Hirschman (1964) AER 54(5):761', 'U.S. DOJ & FTC (2023) Merger Guidelines §2.1'] },
  };
}
