/**
 * Theil T index and Shannon entropy of firm shares.
 *
 *   E = − Σ_k s_k ln s_k            (entropy, nats; 0·ln 0 = 0)
 *   T = (1/N) Σ_k (x_k/μ) ln(x_k/μ) = ln N − E
 *
 * s_k = x_k / Σx: firm k's share; μ: mean size. E ∈ [0, ln N]: 0 for a monopoly, ln N for N equal
 * firms; T ∈ [0, ln N]: 0 for equal firms. `equivalentFirms` = exp(E) (the numbers-equivalent of
 * the entropy). Firms of size 0 add nothing to E but count in N. Zero total: E_DEGENERATE. Time O(N).
 * Reference: Theil, H. (1967) Economics and Information Theory, North-Holland, ch. 4;
 * Conceição & Ferreira (2000) "The young person's guide to the Theil index", UTIP WP 14,
 * https://utip.lbj.utexas.edu/papers/utip_14.pdf.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { Accumulator } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { checkSizes, type SizeMissing } from './check-sizes.js';

export interface TheilOptions {
  missing?: SizeMissing;
}

export function theil(sizes: ArrayLike<number>, options: TheilOptions = {}): MeasureResult<{ theil: number; entropy: number; maxEntropy: number; equivalentFirms: number }> {
  const missing = options.missing ?? 'error';
  const c = checkSizes(sizes, 'theil', missing);
  const N = c.sizes.length;
  const acc = new Accumulator();
  for (let k = 0; k < N; k++) {
    const s = c.sizes[k] / c.total;
    if (s > 0) acc.add(-s * Math.log(s));
  }
  const entropy = acc.value;
  const maxEntropy = Math.log(N);
  return {
    value: { theil: Math.max(0, maxEntropy - entropy), entropy, maxEntropy, equivalentFirms: Math.exp(entropy) },
    n: N, warnings: c.warnings,
    provenance: { measure: 'theil', options: { missing }, references: ['Theil (1967) Economics and Information Theory', 'Conceição & Ferreira (2000) UTIP WP 14'] },
  };
}
