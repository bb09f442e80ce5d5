/**
 * Ghosh inverse (output inverse) of an input–output table, the supply-driven model.
 *
 *   G = (I − B)⁻¹,   bᵢⱼ = zᵢⱼ / xᵢ,   x' = v' G
 *
 * gᵢⱼ: output of sector j that depends, directly and indirectly, on one unit of primary input
 * (value added, imports) into sector i. Row sums are the forward-linkage totals used by the
 * Eurostat manual / iotables `forward_linkages`. G = x̂⁻¹ L x̂ (same eigenstructure as L).
 * Degenerate: zero output or singular (I − B) throws E_DEGENERATE. Time O(n³).
 * Reference: Ghosh (1958) doi:10.2307/2550694; Miller & Blair (2009) §12.1.
 * Cross-checked: numpy (test/reference/linkages-numpy.py) and the Eurostat manual's published
 * forward linkages (one value the manual prints differs; see docs/measures-linkages.md).
 */
import type { MeasureResult } from '../result.js';
import { allocationCoefficients } from './allocation-coefficients.js';
import { inverseIMinus, REF_MILLER_BLAIR, type IoData } from './types.js';

export function ghoshInverse(io: IoData): MeasureResult<Float64Array> {
  const b = allocationCoefficients(io);
  const g = inverseIMinus('ghoshInverse', b.value, b.n);
  return { value: g, n: b.n, warnings: [...b.warnings], provenance: { measure: 'ghoshInverse', options: {}, references: ['Ghosh, A. (1958) Economica 25:58–64, doi:10.2307/2550694', REF_MILLER_BLAIR] } };
}
