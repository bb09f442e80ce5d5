/**
 * Shared preparation of the shift-share measures (not a measure): two matrices (base and final
 * year) over the same regions and industries, without NaN, and the national growth rates.
 */
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';

export interface Aligned {
  regions: readonly string[];
  industries: readonly string[];
  base: Float64Array;
  final: Float64Array;
  /** National growth rate g = e¹[·,·]/e⁰[·,·] − 1. */
  g: number;
  /** National industry growth g_i (NaN where the industry's national base is 0). */
  gi: Float64Array;
  warnings: string[];
}

export function alignYears(base: RegionIndustryMatrix, final: RegionIndustryMatrix, missing: MissingPolicy, fn: string): Aligned {
  if (missing === 'drop-region') throw new InputError('E_OPTION', `${fn}: missing: 'drop-region' is not supported (it would change the nation); use 'error' or 'zero'`, { field: 'missing', value: missing });
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, k) => x === b[k]);
  if (!same(base.regions, final.regions) || !same(base.industries, final.industries)) {
    throw new InputError('E_OPTION', `${fn}: base and final matrices must have the same regions and industries in the same order`, { field: 'final' });
  }
  const b = prepareMatrix(base, missing, `${fn} (base)`);
  const f = prepareMatrix(final, missing, `${fn} (final)`);
  const mb = margins(b.matrix);
  const mf = margins(f.matrix);
  if (!(mb.total > 0)) throw new InputError('E_DEGENERATE', `${fn}: the national base total is 0; growth rates are undefined`, { field: 'base', value: mb.total });
  const gi = new Float64Array(base.industries.length);
  for (let i = 0; i < gi.length; i++) gi[i] = mb.industryTotal[i] > 0 ? mf.industryTotal[i] / mb.industryTotal[i] - 1 : Number.NaN;
  return {
    regions: base.regions, industries: base.industries, base: b.matrix.values, final: f.matrix.values,
    g: mf.total / mb.total - 1, gi, warnings: [...b.warnings, ...f.warnings],
  };
}
