/**
 * Location quotient of every (region, industry) cell.
 *
 *   LQ[r,i] = (e[r,i] / e[r,·]) / (e[·,i] / e[·,·])
 *
 * e[r,i]: size (employment, output or establishments) of industry i in region r; e[r,·]: region
 * total; e[·,i]: national industry total; e[·,·]: grand total. With `referenceIndustries` the
 * denominators e[r,·] and e[·,·] are summed over those industries only — the U.S. Cluster Mapping
 * convention (traded clusters over traded employment, local over local; Delgado, Porter & Stern 2016).
 * LQ > 1: r is more specialised in i than the reference economy. The size-weighted mean of an
 * industry's LQs is 1: Σ_r e[r,·]·LQ[r,i] / e[·,·] = 1; a region with the national mix has LQ 1 everywhere.
 * Degenerate: a region with total 0 gets NaN LQs and an industry with national total 0 gets NaN,
 * both listed in `warnings`; an all-zero matrix is E_DEGENERATE. NaN cells: E_NOT_FINITE unless
 * `missing` is 'zero' or 'drop-region'. Time O(R·I).
 * EconGeo `location.quotient(binary = FALSE)` computes the same; `binary: true` here gives its 0/1 form.
 * Reference: Isard, W. (1960) Methods of Regional Analysis, MIT Press, ch. 7; Delgado, Porter &
 * Stern (2016) "Defining clusters of related industries", J. Econ. Geogr. 16(1), 1–38,
 * doi:10.1093/jeg/lbv017.
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { InputError } from '../../core/errors.js';
import { indexOfLabels, margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';

export interface LocationQuotientOptions {
  /** Industries whose sizes form the denominators (CMP: traded only). Default: all industries. */
  referenceIndustries?: readonly string[];
  /** Return 1 where LQ ≥ threshold, else 0 (EconGeo's binary form). Default false. */
  binary?: boolean;
  /** Threshold for `binary`; default 1. */
  threshold?: number;
  missing?: MissingPolicy;
}

export function locationQuotient(e: RegionIndustryMatrix, options: LocationQuotientOptions = {}): MeasureResult<RegionIndustryMatrix> {
  const missing = options.missing ?? 'error';
  const binary = options.binary ?? false;
  const threshold = options.threshold ?? 1;
  if (!Number.isFinite(threshold)) throw new InputError('E_OPTION', `locationQuotient: threshold must be finite, got ${threshold}`, { field: 'threshold', value: threshold });
  const { matrix: m, warnings } = prepareMatrix(e, missing, 'locationQuotient');
  const R = m.regions.length;
  const I = m.industries.length;
  const { regionTotal: allRegion, industryTotal, total: allTotal } = margins(m);
  let regionTotal = allRegion;
  let total = allTotal;
  if (options.referenceIndustries !== undefined) {
    const ref = indexOfLabels(m.industries, options.referenceIndustries, 'locationQuotient', 'referenceIndustries');
    regionTotal = new Float64Array(R);
    for (let r = 0; r < R; r++) for (const i of ref) regionTotal[r] += m.values[r * I + i];
    total = 0;
    for (const i of ref) total += industryTotal[i];
  }
  if (!(total > 0)) throw new InputError('E_DEGENERATE', 'locationQuotient: the reference total is 0; no shares exist', { field: 'values', value: total });
  const values = new Float64Array(R * I);
  const emptyRegions: string[] = [];
  for (let r = 0; r < R; r++) {
    if (!(regionTotal[r] > 0)) emptyRegions.push(m.regions[r]);
    for (let i = 0; i < I; i++) {
      const lq = regionTotal[r] > 0 && industryTotal[i] > 0 ? (m.values[r * I + i] / regionTotal[r]) / (industryTotal[i] / total) : Number.NaN;
      values[r * I + i] = binary && !Number.isNaN(lq) ? (lq >= threshold ? 1 : 0) : lq;
    }
  }
  const emptyIndustries = m.industries.filter((_, i) => !(industryTotal[i] > 0));
  if (emptyRegions.length) warnings.push(`locationQuotient: ${emptyRegions.length} region(s) with reference total 0 have LQ NaN: ${emptyRegions.slice(0, 10).join(', ')}${emptyRegions.length > 10 ? ', …' : ''}`);
  if (emptyIndustries.length) warnings.push(`locationQuotient: ${emptyIndustries.length} industr(y/ies) with national total 0 have LQ NaN: ${emptyIndustries.slice(0, 10).join(', ')}${emptyIndustries.length > 10 ? ', …' : ''}`);
  return {
    value: { regions: m.regions, industries: m.industries, values, variable: 'locationQuotient' },
    n: R * I, warnings,
    provenance: {
      measure: 'locationQuotient',
      options: { referenceIndustries: options.referenceIndustries ? [...options.referenceIndustries] : 'all', binary, threshold, missing, variable: e.variable ?? null },
      references: ['Isard (1960) Methods of Regional Analysis', 'Delgado, Porter & Stern (2016) J. Econ. Geogr. 16(1):1–38, doi:10.1093/jeg/lbv017'],
    },
  };
}
