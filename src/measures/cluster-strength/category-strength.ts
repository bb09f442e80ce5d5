/**
 * Category-level specialisation and U.S. Cluster Mapping strong clusters, for a region × category
 * matrix whose columns are cluster categories of known type (traded / local).
 *
 *   LQ[r,c] = (e[r,c] / Σ_{c' of c's type} e[r,c']) / (e[·,c] / Σ_{c' of c's type} e[·,c'])
 *
 * i.e. traded categories over traded employment, local over local (the CMP convention; Delgado,
 * Porter & Stern 2016). The LQ is `locationQuotient` with `referenceIndustries` = the categories of
 * the same type; the strong rule is `strongClusters` with the traded categories as the reference,
 * applied to traded categories only (CMP names strong clusters among traded clusters):
 *
 *   strong[r,c] ⇔ LQ[r,c] ≥ Q_{0.75}(LQ[·,c]) ∧ LQ[r,c] ≥ 1 ∧ e[r,c] > Q_{0.25}(e[·,c]) ∧ n[r,c] > Q_{0.25}(n[·,c])
 *
 * quantiles over the regions with e[r,c] > 0 (see strong-clusters.ts). This file only routes
 * columns to the two existing measures; it computes no number of its own. Time O(R·C log R).
 * Cross-checked on CBP 2021 counties: test/reference/cmp-strong-clusters.py (numpy).
 */
import { InputError } from '../../core/errors.js';
import type { MissingPolicy, RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { CategoryType } from '../../model/cluster-categories.js';
import { locationQuotient } from '../specialisation/location-quotient.js';
import type { MeasureResult } from '../result.js';
import { strongClusters, type StrongClustersValue } from './strong-clusters.js';

export interface CategoryStrengthOptions {
  /** Establishments on the same regions × categories (the CMP establishment condition). */
  establishments?: RegionIndustryMatrix;
  lqPercentile?: number;
  strongTopPercentile?: number;
  sizePercentile?: number;
  missing?: MissingPolicy;
}

export interface CategoryCell {
  region: string;
  category: string;
  type: CategoryType;
  employment: number;
  establishments: number | null;
  /** LQ over the employment of the category's type. */
  lq: number;
  /** Traded: 0 not strong, 1 strong, 2 strong at the top percentile (strong10); local: null. */
  strong: 0 | 1 | 2 | null;
}

export interface CategoryStrengthValue {
  cells: CategoryCell[];
  strong: StrongClustersValue['strong'];
  thresholds: StrongClustersValue['thresholds'];
  /** Strong traded categories per region. */
  strongCount: { region: string; strong: number; strong10: number }[];
}

export function categoryStrength(employment: RegionIndustryMatrix, types: ReadonlyMap<string, CategoryType>, options: CategoryStrengthOptions = {}): MeasureResult<CategoryStrengthValue> {
  const untyped = employment.industries.filter((c) => !types.has(c));
  if (untyped.length) throw new InputError('E_OPTION', `categoryStrength: categor${untyped.length > 1 ? 'ies' : 'y'} without a type: ${untyped.slice(0, 10).join(', ')}`, { field: 'types', value: untyped });
  const traded = employment.industries.filter((c) => types.get(c) === 'traded');
  const local = employment.industries.filter((c) => types.get(c) === 'local');
  const missing = options.missing ?? 'error';
  const warnings: string[] = [];
  const lqs = new Map<CategoryType, ReturnType<typeof locationQuotient>>();
  for (const [type, ref] of [['traded', traded], ['local', local]] as const) {
    if (!ref.length) { warnings.push(`categoryStrength: no ${type} category in the data`); continue; }
    const lq = locationQuotient(employment, { referenceIndustries: ref, missing });
    warnings.push(...lq.warnings);
    lqs.set(type, lq);
  }
  let strong: ReturnType<typeof strongClusters> | undefined;
  if (traded.length) {
    strong = strongClusters(employment, {
      establishments: options.establishments, referenceIndustries: traded, missing,
      lqPercentile: options.lqPercentile, strongTopPercentile: options.strongTopPercentile, sizePercentile: options.sizePercentile,
    });
    warnings.push(...strong.warnings);
  }
  const anyLq = [...lqs.values()][0]!.value;
  const regions = anyLq.regions;
  const cats = anyLq.industries;
  const I = cats.length;
  const empOf = strong ? strong.value : undefined;
  const eIndex = new Map(employment.regions.map((r, k) => [r, k]));
  const E = employment.industries.length;
  const colOf = new Map(employment.industries.map((c, k) => [c, k]));
  const cells: CategoryCell[] = [];
  const isTraded = new Set(traded);
  const counts = new Map<string, { strong: number; strong10: number }>();
  const sRegion = new Map(empOf?.regions.map((r, k) => [r, k]));
  const sCat = new Map(empOf?.industries.map((c, k) => [c, k]));
  regions.forEach((r, a) => {
    const er = eIndex.get(r)!;
    const cnt = { strong: 0, strong10: 0 };
    counts.set(r, cnt);
    cats.forEach((c, i) => {
      const type = types.get(c)!;
      const ec = colOf.get(c)!;
      const e = employment.values[er * E + ec];
      const n = options.establishments ? options.establishments.values[er * E + ec] : null;
      let flag: 0 | 1 | 2 | null = null;
      if (isTraded.has(c) && empOf) {
        const sr = sRegion.get(r);
        const si = sCat.get(c);
        flag = sr === undefined || si === undefined ? 0 : (empOf.flags[sr * empOf.industries.length + si] as 0 | 1 | 2);
        if (flag >= 1) cnt.strong++;
        if (flag === 2) cnt.strong10++;
      }
      cells.push({ region: r, category: c, type, employment: e, establishments: n, lq: lqs.get(type)!.value.values[a * I + i], strong: flag });
    });
  });
  return {
    value: {
      cells, strong: strong?.value.strong.filter((s) => isTraded.has(s.industry)) ?? [], thresholds: strong?.value.thresholds.filter((t) => isTraded.has(t.industry)) ?? [],
      strongCount: [...counts.entries()].map(([region, c]) => ({ region, ...c })),
    },
    n: regions.length * I, warnings,
    provenance: {
      measure: 'categoryStrength',
      options: {
        traded: traded.length, local: local.length, missing, establishments: Boolean(options.establishments), lqTraded: lqs.get('traded')?.provenance ?? null, lqLocal: lqs.get('local')?.provenance ?? null, strongClusters: strong?.provenance ?? null,
      },
      references: ['Delgado, Porter & Stern (2016) J. Econ. Geogr. 16(1):1–38, doi:10.1093/jeg/lbv017', 'U.S. Cluster Mapping Project, clustermapping/cmp data/processing/cluster_calcs_reducer.js'],
    },
  };
}
