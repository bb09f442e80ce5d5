/**
 * U.S. Cluster Mapping Project "strong cluster" rule for every (region, cluster) cell.
 *
 *   strong[r,i] ⇔ LQ[r,i] ≥ Q_{0.75}(LQ[·,i]) ∧ LQ[r,i] ≥ 1
 *                 ∧ e[r,i] > Q_{0.25}(e[·,i]) ∧ n[r,i] > Q_{0.25}(n[·,i])
 *   strong10: the same with Q_{0.90} for the LQ
 *
 * e: employment; n: establishments; LQ from locationQuotient (pass `referenceIndustries` for the
 * CMP traded-only denominators). Quantiles per cluster i across the regions with e[r,i] > 0 only
 * (regions of one level: give a matrix of one regional level), type 7 (R/numpy default; CMP's own
 * interpolation is not documented — results can differ at the cut-off for small n).
 * Thresholds are options: `lqPercentile` 0.75, `strongTopPercentile` 0.90, `minLq` 1,
 * `sizePercentile` 0.25 (source: clustermapping/cmp `cluster_calcs_reducer.js`, as summarised in
 * ANCHORS.md; Delgado, Porter & Stern 2014, doi:10.1016/j.respol.2014.05.007).
 * Without an establishments matrix the establishment condition is skipped and a warning says so.
 * NaN cells: E_NOT_FINITE unless `missing` is given (applied to both matrices). Time O(R·I + I·R log R).
 * Cross-checked: test/reference/concentration-reference.py (numpy.percentile) → test/fixtures/concentration/reference.json.
 */
import { InputError } from '../../core/errors.js';
import { prepareMatrix, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import { locationQuotient } from '../specialisation/location-quotient.js';
import type { MeasureResult } from '../result.js';
import { isProbability, quantileSorted } from './quantile.js';

export interface StrongClustersOptions {
  establishments?: RegionIndustryMatrix;
  referenceIndustries?: readonly string[];
  lqPercentile?: number;
  strongTopPercentile?: number;
  minLq?: number;
  sizePercentile?: number;
  missing?: MissingPolicy;
}

export interface StrongCell {
  region: string;
  industry: string;
  lq: number;
  employment: number;
  establishments: number | null;
  /** Also passes the 90th-percentile (strong10) rule. */
  strong10: boolean;
}

export interface StrongClustersValue {
  /** Cells passing the rule, by industry then descending LQ. */
  strong: StrongCell[];
  /** Per-cluster cut-offs and the number of regions with employment > 0. */
  thresholds: { industry: string; regions: number; lq: number; lqTop: number; employment: number; establishments: number | null }[];
  /** Row-major R × I: 0 not strong, 1 strong, 2 strong10. */
  flags: Uint8Array;
  regions: readonly string[];
  industries: readonly string[];
}

export function strongClusters(employment: RegionIndustryMatrix, options: StrongClustersOptions = {}): MeasureResult<StrongClustersValue> {
  const lqPercentile = options.lqPercentile ?? 0.75;
  const strongTopPercentile = options.strongTopPercentile ?? 0.9;
  const minLq = options.minLq ?? 1;
  const sizePercentile = options.sizePercentile ?? 0.25;
  const missing = options.missing ?? 'error';
  for (const [field, p] of [['lqPercentile', lqPercentile], ['strongTopPercentile', strongTopPercentile], ['sizePercentile', sizePercentile]] as const) {
    if (!isProbability(p)) throw new InputError('E_OPTION', `strongClusters: ${field} must be in [0, 1], got ${p}`, { field, value: p });
  }
  if (!Number.isFinite(minLq)) throw new InputError('E_OPTION', `strongClusters: minLq must be finite, got ${minLq}`, { field: 'minLq', value: minLq });
  const emp = prepareMatrix(employment, missing, 'strongClusters');
  const warnings = [...emp.warnings];
  let est: Float64Array | undefined;
  if (options.establishments) {
    const x = options.establishments;
    if (x.regions.length !== employment.regions.length || x.industries.length !== employment.industries.length
      || x.regions.some((r, k) => r !== employment.regions[k]) || x.industries.some((c, k) => c !== employment.industries[k])) {
      throw new InputError('E_OPTION', 'strongClusters: establishments must have the regions and industries of employment, in the same order', { field: 'establishments' });
    }
    const p = prepareMatrix(x, missing, 'strongClusters (establishments)');
    if (p.matrix.regions.length !== emp.matrix.regions.length) throw new InputError('E_OPTION', "strongClusters: missing: 'drop-region' dropped different regions from the two matrices", { field: 'missing' });
    est = p.matrix.values;
    warnings.push(...p.warnings);
  } else {
    warnings.push('strongClusters: no establishments matrix given; the establishment condition was skipped');
  }
  const m = emp.matrix;
  const lq = locationQuotient(m, { referenceIndustries: options.referenceIndustries });
  warnings.push(...lq.warnings);
  const R = m.regions.length;
  const I = m.industries.length;
  const flags = new Uint8Array(R * I);
  const strong: StrongCell[] = [];
  const thresholds: StrongClustersValue['thresholds'] = [];
  for (let i = 0; i < I; i++) {
    const rs: number[] = [];
    for (let r = 0; r < R; r++) if (m.values[r * I + i] > 0 && !Number.isNaN(lq.value.values[r * I + i])) rs.push(r);
    const sortedOf = (vals: Float64Array | undefined): Float64Array | undefined => (vals ? Float64Array.from(rs, (r) => vals[r * I + i]).sort() : undefined);
    const lqs = sortedOf(lq.value.values)!;
    const emps = sortedOf(m.values)!;
    const ests = sortedOf(est);
    const t = {
      industry: m.industries[i], regions: rs.length,
      lq: quantileSorted(lqs, lqPercentile), lqTop: quantileSorted(lqs, strongTopPercentile),
      employment: quantileSorted(emps, sizePercentile), establishments: ests ? quantileSorted(ests, sizePercentile) : null,
    };
    thresholds.push(t);
    const cells: StrongCell[] = [];
    for (const r of rs) {
      const k = r * I + i;
      const q = lq.value.values[k];
      const sizeOk = m.values[k] > t.employment && (est === undefined || est[k] > (t.establishments as number));
      if (!(sizeOk && q >= minLq && q >= t.lq)) continue;
      const top = q >= t.lqTop;
      flags[k] = top ? 2 : 1;
      cells.push({ region: m.regions[r], industry: m.industries[i], lq: q, employment: m.values[k], establishments: est ? est[k] : null, strong10: top });
    }
    cells.sort((a, b) => b.lq - a.lq);
    strong.push(...cells);
  }
  return {
    value: { strong, thresholds, flags, regions: m.regions, industries: m.industries }, n: R * I, warnings,
    provenance: {
      measure: 'strongClusters',
      options: { lqPercentile, strongTopPercentile, minLq, sizePercentile, missing, establishments: Boolean(options.establishments), referenceIndustries: options.referenceIndustries ? [...options.referenceIndustries] : 'all', quantile: 'type 7 (linear)' },
      references: ['U.S. Cluster Mapping Project, clustermapping/cmp data/processing/cluster_calcs_reducer.js', 'Delgado, Porter & Stern (2014) Res. Policy 43(10):1785–1799, doi:10.1016/j.respol.2014.05.007'],
    },
  };
}
