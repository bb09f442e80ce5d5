/**
 * Hypothetical extraction of each sector: how much total output the economy loses if the sector's
 * intermediate ties are removed, with final demand (or primary inputs) held fixed.
 *
 *   total:    Tⱼ = 1'x − 1'x̄⁽ʲ⁾,   x̄⁽ʲ⁾ = (I − Ā⁽ʲ⁾)⁻¹ f,  Ā⁽ʲ⁾ = A with row j and column j set to 0
 *             = xⱼ − fⱼ + xⱼ (Σᵢ lᵢⱼ − lⱼⱼ) / lⱼⱼ  (closed form: block inverse, x̄ᵢ = xᵢ − lᵢⱼ xⱼ / lⱼⱼ)
 *   backward: BEⱼ = 1'x − 1'(I − A₍c⁾)⁻¹ f,  A₍c⁾ = A with column j set to 0
 *             = xⱼ (Σᵢ lᵢⱼ − 1) / lⱼⱼ           (closed form, Sherman–Morrison; O(n))
 *   forward:  FEⱼ = x'1 − v'(I − B₍r⁾)⁻¹ 1,  B₍r⁾ = B with row j set to 0 (Ghosh, supply-driven)
 *             = xⱼ (Σₖ gⱼₖ − 1) / gⱼⱼ           (closed form)
 *
 * x: total output; f = x − Z1: final demand implied by the table; v' = x' − 1'Z: primary inputs;
 * L, G: Leontief and Ghosh inverses. Values are in the table's money unit; `*Share` divides by
 * 1'x. A large Tⱼ marks a sector whose removal would hurt the rest of the economy most.
 * Degenerate: as leontiefInverse. Time O(n³) (the two inverses), O(n²) after.
 * References: Dietzenbacher, E., van der Linden, J. A. & Steenge, A. E. (1993) "The regional
 * extraction method", J. Regional Science 33:185–198, doi:10.1111/j.1467-9787.1993.tb00220.x;
 * Miller, R. E. & Lahr, M. L. (2001) in Regional Science Perspectives in Economic Analysis,
 * Elsevier, 407–441; Miller & Blair (2009) §12.2.5.
 * Cross-checked: the closed forms against direct re-inversion by numpy/scipy for every sector
 * (test/reference/linkages-numpy.py) and by hand on the 2×2 example (test/linkages.test.ts).
 */
import { sum } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { leontiefInverse } from './leontief-inverse.js';
import { technicalCoefficients } from './technical-coefficients.js';
import { ghoshFromLeontief, impliedFinalDemand, REF_MILLER_BLAIR, type IoData } from './types.js';

export interface HypotheticalExtractionValue {
  sectors: string[];
  total: Float64Array;
  backward: Float64Array;
  forward: Float64Array;
  totalShare: Float64Array;
  backwardShare: Float64Array;
  forwardShare: Float64Array;
  /** 1'x, the economy's total output. */
  totalOutput: number;
}

export function hypotheticalExtraction(io: IoData): MeasureResult<HypotheticalExtractionValue> {
  const a = technicalCoefficients(io);
  const n = a.n;
  const l = leontiefInverse(io).value;
  const g = ghoshFromLeontief(l, io.totalOutput, n);
  const x = io.totalOutput;
  const f = impliedFinalDemand(io, n);
  const xTotal = sum(x);
  const total = new Float64Array(n);
  const backward = new Float64Array(n);
  const forward = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let colL = 0;
    let rowG = 0;
    for (let k = 0; k < n; k++) { colL += l[k * n + j]; rowG += g[j * n + k]; }
    backward[j] = (x[j] * (colL - 1)) / l[j * n + j];
    forward[j] = (x[j] * (rowG - 1)) / g[j * n + j];
    total[j] = x[j] - f[j] + (x[j] * (colL - l[j * n + j])) / l[j * n + j];
  }
  const share = (v: Float64Array): Float64Array => v.map((t) => t / xTotal);
  return {
    value: { sectors: io.sectors, total, backward, forward, totalShare: share(total), backwardShare: share(backward), forwardShare: share(forward), totalOutput: xTotal },
    n,
    warnings: a.warnings,
    provenance: {
      measure: 'hypotheticalExtraction',
      options: { finalDemand: 'implied (x − Z1)' },
      references: ['Dietzenbacher, E., van der Linden, J. A. & Steenge, A. E. (1993) J. Regional Science 33:185–198, doi:10.1111/j.1467-9787.1993.tb00220.x', 'Miller, R. E. & Lahr, M. L. (2001) A taxonomy of extractions, in Regional Science Perspectives in Economic Analysis, Elsevier, 407–441', REF_MILLER_BLAIR],
    },
  };
}
