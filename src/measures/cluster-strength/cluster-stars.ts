/**
 * European Cluster Observatory stars (0–3) of every (region, cluster) cell.
 *
 *   size star:            e[r,i] is among the top `sizeTop` (10%) of regions by employment in i
 *   specialisation star:  LQ[r,i] ≥ `minLq` (2)
 *   focus star:           e[r,i]/e[r,·] is among the top `focusTop` (10%) of regions by that share
 *   stars = the number of stars earned
 *
 * "Top 10%" is by rank among the regions with e[r,i] > 0: rank ≤ ⌈sizeTop · n⌉, ties with the
 * cut-off value included. LQ as locationQuotient (against the matrix's total, i.e. Europe-wide
 * shares when the matrix holds all regions). Defaults from the ECO methodology (Ketels & Protsiv
 * 2014, "European Cluster Panorama 2014", Center for Strategy and Competitiveness, Stockholm School of
 * Economics, for the European Commission); thresholds are options.
 * Cells with e[r,i] = 0 earn no stars. Time O(R·I + I·R log R).
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { InputError } from '../../core/errors.js';
import { margins, prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import { locationQuotient } from '../specialisation/location-quotient.js';
import type { MeasureResult } from '../result.js';
import { isProbability } from './quantile.js';

export interface ClusterStarsOptions {
  sizeTop?: number;
  focusTop?: number;
  minLq?: number;
  referenceIndustries?: readonly string[];
  missing?: MissingPolicy;
}

export interface StarCell {
  region: string;
  industry: string;
  stars: number;
  size: boolean;
  specialisation: boolean;
  focus: boolean;
  employment: number;
  lq: number;
  focusShare: number;
}

export function clusterStars(employment: RegionIndustryMatrix, options: ClusterStarsOptions = {}): MeasureResult<{ cells: StarCell[]; stars: Uint8Array; regions: readonly string[]; industries: readonly string[] }> {
  const sizeTop = options.sizeTop ?? 0.1;
  const focusTop = options.focusTop ?? 0.1;
  const minLq = options.minLq ?? 2;
  const missing = options.missing ?? 'error';
  for (const [field, p] of [['sizeTop', sizeTop], ['focusTop', focusTop]] as const) {
    if (!isProbability(p)) throw new InputError('E_OPTION', `clusterStars: ${field} must be in [0, 1], got ${p}`, { field, value: p });
  }
  if (!Number.isFinite(minLq)) throw new InputError('E_OPTION', `clusterStars: minLq must be finite, got ${minLq}`, { field: 'minLq', value: minLq });
  const { matrix: m, warnings } = prepareMatrix(employment, missing, 'clusterStars');
  const lq = locationQuotient(m, { referenceIndustries: options.referenceIndustries });
  warnings.push(...lq.warnings);
  const { regionTotal } = margins(m);
  const R = m.regions.length;
  const I = m.industries.length;
  const stars = new Uint8Array(R * I);
  const cells: StarCell[] = [];
  const cutoff = (vals: number[], top: number): number => {
    if (vals.length === 0 || top === 0) return Number.POSITIVE_INFINITY;
    const sorted = [...vals].sort((a, b) => b - a);
    return sorted[Math.max(0, Math.ceil(top * sorted.length) - 1)];
  };
  for (let i = 0; i < I; i++) {
    const rs: number[] = [];
    for (let r = 0; r < R; r++) if (m.values[r * I + i] > 0) rs.push(r);
    const sizeCut = cutoff(rs.map((r) => m.values[r * I + i]), sizeTop);
    const focusCut = cutoff(rs.map((r) => m.values[r * I + i] / regionTotal[r]), focusTop);
    for (const r of rs) {
      const k = r * I + i;
      const focusShare = m.values[k] / regionTotal[r];
      const c: StarCell = {
        region: m.regions[r], industry: m.industries[i], stars: 0,
        size: m.values[k] >= sizeCut, specialisation: lq.value.values[k] >= minLq, focus: focusShare >= focusCut,
        employment: m.values[k], lq: lq.value.values[k], focusShare,
      };
      c.stars = Number(c.size) + Number(c.specialisation) + Number(c.focus);
      stars[k] = c.stars;
      if (c.stars > 0) cells.push(c);
    }
  }
  cells.sort((a, b) => b.stars - a.stars || a.industry.localeCompare(b.industry) || b.lq - a.lq);
  return {
    value: { cells, stars, regions: m.regions, industries: m.industries }, n: R * I, warnings,
    provenance: {
      measure: 'clusterStars', options: { sizeTop, focusTop, minLq, missing, referenceIndustries: options.referenceIndustries ? [...options.referenceIndustries] : 'all' },
      references: ['European Cluster Observatory star rating; Ketels & Protsiv (2014) European Cluster Panorama 2014'],
    },
  };
}
