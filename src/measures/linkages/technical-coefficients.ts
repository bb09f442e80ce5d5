/**
 * Technical (input) coefficients A of an input–output table.
 *
 *   aᵢⱼ = zᵢⱼ / xⱼ          (A = Z x̂⁻¹)
 *
 * zᵢⱼ: sales of sector i to sector j; xⱼ: total output of sector j. aᵢⱼ is the input from i needed
 * per unit of j's output. A column sum Σᵢ aᵢⱼ ≥ 1 means j buys more intermediates than it
 * produces (the Hawkins–Simon condition fails) and gets a warning.
 * Degenerate: a sector with zero output throws E_DEGENERATE (pymrio divides and returns inf/NaN;
 * we refuse). Time O(n²).
 * Reference: Miller & Blair (2009) §2.2, doi:10.1017/CBO9780511626982.
 * Cross-checked: test/reference/linkages-numpy.py (numpy) → test/fixtures/linkages/numpy-*.json.
 *
 * @example technicalCoefficients({ sectors: ['a','b'], z: Float64Array.of(10,20,30,40), totalOutput: Float64Array.of(100,200) }).value
 *   // Float64Array [0.1, 0.1, 0.3, 0.2]
 */
import type { MeasureResult } from '../result.js';
import { checkIo, REF_MILLER_BLAIR, type IoData } from './types.js';

export function technicalCoefficients(io: IoData): MeasureResult<Float64Array> {
  const n = checkIo('technicalCoefficients', io);
  const a = new Float64Array(n * n);
  const warnings: string[] = [];
  for (let j = 0; j < n; j++) {
    const x = io.totalOutput[j];
    let col = 0;
    for (let i = 0; i < n; i++) { a[i * n + j] = io.z[i * n + j] / x; col += a[i * n + j]; }
    if (col >= 1) warnings.push(`technicalCoefficients: column ${io.sectors[j]} has Σᵢ aᵢⱼ = ${col.toFixed(4)} ≥ 1 (intermediate inputs exceed output); check its total output`);
  }
  return { value: a, n, warnings, provenance: { measure: 'technicalCoefficients', options: {}, references: [REF_MILLER_BLAIR] } };
}
