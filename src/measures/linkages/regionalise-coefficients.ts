/**
 * A regional input–output table estimated from national coefficients with location quotients,
 * so that a city or county without its own table still gets local linkages.
 *
 *   SLQᵢ  = (Eᵢʳ / Eʳ) / (Eᵢⁿ / Eⁿ)                      simple location quotient
 *   CILQᵢⱼ = SLQᵢ / SLQⱼ   (i ≠ j),   CILQᵢᵢ = SLQᵢ        cross-industry LQ
 *   FLQᵢⱼ = CILQᵢⱼ · λ*,   λ* = [log₂(1 + Eʳ/Eⁿ)]^δ      Flegg's LQ (0 ≤ δ < 1, default 0.3)
 *   aʳᵢⱼ = aⁿᵢⱼ · min(1, qᵢⱼ),  q = SLQᵢ (row-wise), CILQ or FLQ
 *   xʳⱼ = xⁿⱼ · Eʳⱼ / Eⁿⱼ,  zʳᵢⱼ = aʳᵢⱼ xʳⱼ
 *
 * Eᵢʳ, Eᵢⁿ: regional and national employment (or output) of sector i; Eʳ, Eⁿ: totals; aⁿᵢⱼ: national
 * technical coefficient. A quotient ≥ 1 leaves the national coefficient (the region is assumed
 * self-sufficient in i); below 1 the coefficient is scaled down (the rest is imported).
 * FLQ with δ = 0.3 is the value Flegg & Webber (1997) and Flegg & Tohmo (2013) found to fit best
 * in Finnish/UK data; δ = 0 gives CILQ (λ* = 1 is not implied: δ = 0 gives λ* = 1 exactly).
 * Sectors with no regional employment are dropped from the regional table (named in warnings).
 * The returned table is a regular IoData; feed it to leontiefInverse / rasmussenHirschman.
 * Degenerate: regional total 0, or national employment 0 where regional > 0, throws. Time O(n²).
 * References: Flegg, A. T., Webber, C. D. & Elliott, M. V. (1995) Regional Studies 29:547–561,
 * doi:10.1080/00343409512331349173; Flegg, A. T. & Webber, C. D. (1997) Regional Studies
 * 31:795–805, doi:10.1080/713693401; Miller & Blair (2009) §8.3.
 * Cross-checked: numpy (test/reference/linkages-numpy.py) on the Beutel table with made-up
 * regional employment.
 */
import { InputError } from '../../core/errors.js';
import { sum } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { technicalCoefficients } from './technical-coefficients.js';
import { REF_MILLER_BLAIR, type IoData } from './types.js';

export type RegionalisationMethod = 'slq' | 'cilq' | 'flq';

export interface RegionaliseOptions {
  /** Default 'flq'. */
  method?: RegionalisationMethod;
  /** Flegg's δ, in [0, 1). Default 0.3. */
  delta?: number;
}

export interface RegionalisedTable {
  table: IoData;
  /** SLQ of every national sector (0 where absent from the region). */
  slq: Float64Array;
  /** λ* (1 unless method = 'flq'). */
  lambda: number;
  /** National sectors kept in the regional table (indices into the national table). */
  kept: Int32Array;
  /** Regional technical coefficients (kept × kept, row-major). */
  coefficients: Float64Array;
}

export function regionaliseCoefficients(
  national: IoData,
  regionalEmployment: Float64Array,
  nationalEmployment: Float64Array,
  options: RegionaliseOptions = {},
): MeasureResult<RegionalisedTable> {
  const method = options.method ?? 'flq';
  const delta = options.delta ?? 0.3;
  const fn = 'regionaliseCoefficients';
  if (!['slq', 'cilq', 'flq'].includes(method)) throw new InputError('E_OPTION', `${fn}: method must be slq, cilq or flq, got ${String(method)}`, { field: 'method', value: method });
  if (!(delta >= 0 && delta < 1)) throw new InputError('E_OPTION', `${fn}: delta must be in [0, 1), got ${delta}`, { field: 'delta', value: delta });
  const a = technicalCoefficients(national);
  const n = a.n;
  for (const [name, e] of [['regionalEmployment', regionalEmployment], ['nationalEmployment', nationalEmployment]] as const) {
    if (e.length !== n) throw new InputError('E_OPTION', `${fn}: ${name} must have ${n} values, got ${e.length}`, { field: name, value: e.length });
    e.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `${fn}: ${name}[${i}] must be finite, got ${v}`, { field: name, row: i, value: v });
      if (v < 0) throw new InputError('E_NEGATIVE', `${fn}: ${name}[${i}] must be ≥ 0, got ${v}`, { field: name, row: i, value: v });
    });
  }
  const er = sum(regionalEmployment);
  const en = sum(nationalEmployment);
  if (er <= 0 || en <= 0) throw new InputError('E_DEGENERATE', `${fn}: regional and national employment totals must be > 0`, { field: er <= 0 ? 'regionalEmployment' : 'nationalEmployment' });
  const slq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (regionalEmployment[i] > 0 && nationalEmployment[i] === 0) throw new InputError('E_DEGENERATE', `${fn}: sector ${national.sectors[i]} has regional but no national employment`, { field: 'nationalEmployment', row: i });
    slq[i] = nationalEmployment[i] > 0 ? (regionalEmployment[i] / er) / (nationalEmployment[i] / en) : 0;
  }
  const lambda = method === 'flq' ? Math.log2(1 + er / en) ** delta : 1;
  const keptList: number[] = [];
  const dropped: string[] = [];
  for (let i = 0; i < n; i++) (regionalEmployment[i] > 0 ? keptList.push(i) : dropped.push(national.sectors[i]));
  const kept = Int32Array.from(keptList);
  const m = kept.length;
  const coefficients = new Float64Array(m * m);
  const x = new Float64Array(m);
  for (let q = 0; q < m; q++) x[q] = national.totalOutput[kept[q]] * regionalEmployment[kept[q]] / nationalEmployment[kept[q]];
  const z = new Float64Array(m * m);
  for (let p = 0; p < m; p++) {
    const i = kept[p];
    for (let q = 0; q < m; q++) {
      const j = kept[q];
      let quotient: number;
      if (method === 'slq') quotient = slq[i];
      else quotient = (i === j ? slq[i] : slq[i] / slq[j]) * lambda;
      const c = a.value[i * n + j] * Math.min(1, quotient);
      coefficients[p * m + q] = c;
      z[p * m + q] = c * x[q];
    }
  }
  const warnings = [...a.warnings];
  if (dropped.length) warnings.push(`${fn}: ${dropped.length} sector(s) with no regional employment dropped: ${dropped.slice(0, 10).join(', ')}${dropped.length > 10 ? '…' : ''}`);
  const table: IoData = {
    sectors: keptList.map((i) => national.sectors[i]),
    names: national.names ? keptList.map((i) => national.names![i]) : undefined,
    z,
    totalOutput: x,
  };
  return {
    value: { table, slq, lambda, kept, coefficients },
    n: m,
    warnings,
    provenance: {
      measure: fn,
      options: { method, delta },
      references: ['Flegg, A. T., Webber, C. D. & Elliott, M. V. (1995) Regional Studies 29:547–561, doi:10.1080/00343409512331349173', 'Flegg, A. T. & Webber, C. D. (1997) Regional Studies 31:795–805, doi:10.1080/713693401', REF_MILLER_BLAIR],
    },
  };
}
