/**
 * Allocation (output) coefficients B of an input–output table, the supply-side counterpart of A.
 *
 *   bᵢⱼ = zᵢⱼ / xᵢ          (B = x̂⁻¹ Z)
 *
 * zᵢⱼ: sales of i to j; xᵢ: total output of i. bᵢⱼ is the share of i's output sold to j.
 * Degenerate: zero output throws E_DEGENERATE. Time O(n²).
 * Reference: Ghosh, A. (1958) "Input-output approach in an allocation system", Economica 25:58–64,
 * doi:10.2307/2550694; Miller & Blair (2009) §12.1. Same as pymrio's `calc_B`-style x̂⁻¹Z.
 * Cross-checked: test/reference/linkages-numpy.py (numpy).
 */
import type { MeasureResult } from '../result.js';
import { checkIo, REF_MILLER_BLAIR, type IoData } from './types.js';

export function allocationCoefficients(io: IoData): MeasureResult<Float64Array> {
  const n = checkIo('allocationCoefficients', io);
  const b = new Float64Array(n * n);
  const warnings: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = io.totalOutput[i];
    let row = 0;
    for (let j = 0; j < n; j++) { b[i * n + j] = io.z[i * n + j] / x; row += b[i * n + j]; }
    if (row >= 1) warnings.push(`allocationCoefficients: row ${io.sectors[i]} has Σⱼ bᵢⱼ = ${row.toFixed(4)} ≥ 1 (intermediate sales exceed output); check its total output`);
  }
  return { value: b, n, warnings, provenance: { measure: 'allocationCoefficients', options: {}, references: ['Ghosh, A. (1958) Economica 25:58–64, doi:10.2307/2550694', REF_MILLER_BLAIR] } };
}
