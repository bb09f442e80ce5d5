/**
 * PlantMoments: per industry, the number of plants (firms) and the sums of their sizes to the
 * powers 1, 2 and 4 — all that Ellison–Glaeser, Maurel–Sédillot and the HHI need from the
 * plant-level data. These are SQL aggregates (count, sum(x), sum(x²), sum(x⁴) GROUP BY industry),
 * so national micro-data never has to leave the database; `plantMoments` computes the same in
 * TypeScript from firm columns (the two paths are tested to agree).
 * Pure data: no files, no DuckDB.
 */
import { InputError } from '../core/errors.js';

export interface PlantMoments {
  /** Industry codes, in the order of the matrix's industries. */
  industries: readonly string[];
  count: Float64Array;
  sum: Float64Array;
  sumSquares: Float64Array;
  sumFourth: Float64Array;
}

/**
 * Moments from firm columns: `size[k]` of firm k in industry `industry[k]` (an index into
 * `industries`). NaN or negative sizes are errors (E_NOT_FINITE / E_NEGATIVE). O(N).
 */
export function plantMoments(industries: readonly string[], size: ArrayLike<number>, industry: ArrayLike<number>): PlantMoments {
  if (size.length !== industry.length) throw new InputError('E_OPTION', `plantMoments: size has ${size.length} values, industry ${industry.length}`, { field: 'industry', value: industry.length });
  const I = industries.length;
  const m: PlantMoments = { industries, count: new Float64Array(I), sum: new Float64Array(I), sumSquares: new Float64Array(I), sumFourth: new Float64Array(I) };
  for (let k = 0; k < size.length; k++) {
    const x = size[k];
    const i = industry[k];
    if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `plantMoments: size[${k}] must be finite, got ${x}`, { field: 'size', row: k, value: x });
    if (x < 0) throw new InputError('E_NEGATIVE', `plantMoments: size[${k}] must be ≥ 0, got ${x}`, { field: 'size', row: k, value: x });
    if (!(i >= 0 && i < I && Number.isInteger(i))) throw new InputError('E_OPTION', `plantMoments: industry[${k}] must be an index in [0, ${I}), got ${i}`, { field: 'industry', row: k, value: i });
    const x2 = x * x;
    m.count[i] += 1;
    m.sum[i] += x;
    m.sumSquares[i] += x2;
    m.sumFourth[i] += x2 * x2;
  }
  return m;
}
