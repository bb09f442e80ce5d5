/**
 * Hoover coefficient of localisation of every industry.
 *
 *   H[i] = ½ Σ_r | e[r,i]/e[·,i] − b[r]/b[·] |
 *
 * e[r,i]/e[·,i]: region r's share of industry i; b[r]: the benchmark size of region r — by default
 * its total over all industries (e[r,·]); pass `benchmark` (e.g. population per region, in the
 * matrix's region order) for EconGeo's `Hoover.index(mat, pop)`. H ∈ [0, 1): 0 when the industry is
 * spread exactly like the benchmark; EconGeo reports ×100. An industry with total 0 gets NaN (warned).
 * Time O(R·I).
 * Reference: Hoover, E.M. (1936) "The measurement of industrial localization", Rev. Econ. Stat.
 * 18(4), 162–171, doi:10.2307/1927875.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import { sum } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';

export interface HooverIndexOptions {
  /** Benchmark size per region (same order as the matrix's regions); default the region totals. */
  benchmark?: ArrayLike<number>;
  missing?: MissingPolicy;
}

export function hooverIndex(e: RegionIndustryMatrix, options: HooverIndexOptions = {}): MeasureResult<{ industries: readonly string[]; values: Float64Array }> {
  const missing = options.missing ?? 'error';
  if (options.benchmark !== undefined && missing === 'drop-region') {
    throw new InputError('E_OPTION', "hooverIndex: missing: 'drop-region' cannot be combined with a benchmark (its rows would no longer align)", { field: 'missing', value: missing });
  }
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'hooverIndex');
  const R = m.regions.length;
  const I = m.industries.length;
  const { regionTotal, industryTotal } = margins(m);
  let bench: Float64Array = regionTotal;
  if (options.benchmark !== undefined) {
    if (options.benchmark.length !== R) throw new InputError('E_OPTION', `hooverIndex: benchmark has ${options.benchmark.length} values for ${R} regions`, { field: 'benchmark', value: options.benchmark.length });
    bench = Float64Array.from(options.benchmark);
    bench.forEach((v, r) => {
      if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `hooverIndex: benchmark[${r}] must be finite, got ${v}`, { field: 'benchmark', row: r, value: v });
      if (v < 0) throw new InputError('E_NEGATIVE', `hooverIndex: benchmark[${r}] must be ≥ 0, got ${v}`, { field: 'benchmark', row: r, value: v });
    });
  }
  const bTotal = sum(bench);
  if (!(bTotal > 0)) throw new InputError('E_DEGENERATE', 'hooverIndex: the benchmark total is 0', { field: 'benchmark', value: bTotal });
  const values = new Float64Array(I);
  const empty: string[] = [];
  for (let i = 0; i < I; i++) {
    if (!(industryTotal[i] > 0)) { values[i] = Number.NaN; empty.push(m.industries[i]); continue; }
    let s = 0;
    for (let r = 0; r < R; r++) s += Math.abs(m.values[r * I + i] / industryTotal[i] - bench[r] / bTotal);
    values[i] = s / 2;
  }
  if (empty.length) warnings.push(`hooverIndex: ${empty.length} industr(y/ies) with total 0 have NaN: ${empty.slice(0, 10).join(', ')}`);
  return {
    value: { industries: m.industries, values }, n: I, warnings,
    provenance: { measure: 'hooverIndex', options: { missing, benchmark: options.benchmark ? 'given' : 'region totals' }, references: ['Hoover (1936) Rev. Econ. Stat. 18(4):162–171, doi:10.2307/1927875'] },
  };
}
