/**
 * Region × category matrices from a workspace's regional statistics: the employment and the
 * establishments of each category in each region, aggregated by the one region × industry
 * builder (`loadStatsMatrix` with `groups`, src/load/region-industry.ts), plus the coverage of the
 * data by the definitions, so that nothing is dropped silently:
 *
 * - `unmapped`: every industry code of the data that lies in no category, with its rows and its
 *   employment (e.g. NAICS 2017 codes that changed since the NAICS 2012 definitions, or industries
 *   the definitions do not cover). Codes coarser than the definitions (a 3-digit aggregate row
 *   beside the 6-digit rows) are listed apart, as `coarser`: they repeat finer rows, so adding
 *   them would count employment twice.
 * - `absent`: definition codes that match no code of the data (e.g. NAICS 2012 codes replaced in
 *   NAICS 2017, or industries with no establishments in these regions).
 *
 * A data code is in a category when the category lists it or one of its ancestors (the rule of
 * `loadStatsMatrix`); the test checks that mapped + unmapped employment equals the data's total.
 * A data code that lies in two categories (nested codes, e.g. 336 in one and 336411 in another)
 * is an InputError: its employment would be counted twice.
 */
import { InputError } from '../core/errors.js';
import type { RegionIndustryMatrix } from '../data/concentration-matrix.js';
import { builtinClassification } from '../model/classifications/index.js';
import { categoryGroups, type ClusterCategories } from '../model/cluster-categories.js';
import { engineOf, type DataSource } from '../store/engine/engine.js';
import { and, col, countRows, eq, isNull, num, out, sum, table, when } from '../store/engine/plan.js';
import { codeSystemOf, loadStatsMatrix, regionFilter, type LoadProvenance } from './region-industry.js';

export interface CodeCoverage {
  industry: string;
  rows: number;
  /** Sum of the known employment of the code's rows. */
  employment: number;
  /** Rows of the code whose employment is unknown (NULL). */
  unknownRows: number;
}

export interface CategoryCoverage {
  /** Employment of the data (all codes at the finest level the definitions use or finer). */
  dataEmployment: number;
  mappedEmployment: number;
  unmapped: CodeCoverage[];
  unmappedEmployment: number;
  coarser: CodeCoverage[];
  absent: string[];
}

export interface CategoryMatrices {
  employment: RegionIndustryMatrix;
  establishments: RegionIndustryMatrix;
  provenance: { employment: LoadProvenance; establishments: LoadProvenance };
  coverage: CategoryCoverage;
}

/** Load employment and establishments by region × category for one year. */
export async function loadCategoryMatrices(ws: DataSource, categories: ClusterCategories, options: { year?: number; regionLevel?: string } = {}): Promise<CategoryMatrices> {
  const groups = categoryGroups(categories);
  const emp = await loadStatsMatrix(ws, { groups, year: options.year, regionLevel: options.regionLevel, variable: 'employment' });
  const est = await loadStatsMatrix(ws, { groups, year: emp.provenance.year ?? undefined, regionLevel: options.regionLevel, variable: 'establishments' });
  if (emp.value.industries.length === 0) {
    throw new InputError('E_DEGENERATE', `categories ${categories.source}: no industry code of the regional statistics lies in a category (codes of the data: ${emp.provenance.codeSystem}; load the statistics at the level of the definitions, e.g. 6-digit NAICS)`, { file: categories.source, field: 'industry' });
  }
  const coverage = await categoryCoverage(ws, categories, emp.provenance.year as number, options.regionLevel);
  return { employment: emp.value, establishments: alignColumns(est.value, emp.value), provenance: { employment: emp.provenance, establishments: est.provenance }, coverage };
}

/** The establishments matrix on the regions and categories of the employment matrix (absent cells 0). */
function alignColumns(m: RegionIndustryMatrix, like: RegionIndustryMatrix): RegionIndustryMatrix {
  const ri = new Map(m.regions.map((r, k) => [r, k]));
  const ci = new Map(m.industries.map((c, k) => [c, k]));
  const I = like.industries.length;
  const J = m.industries.length;
  const values = new Float64Array(like.regions.length * I);
  like.regions.forEach((r, a) => {
    const ra = ri.get(r);
    if (ra === undefined) return;
    like.industries.forEach((c, i) => {
      const cj = ci.get(c);
      if (cj !== undefined) values[a * I + i] = m.values[ra * J + cj];
    });
  });
  return { regions: like.regions, industries: like.industries, values, variable: m.variable };
}

async function categoryCoverage(source: DataSource, categories: ClusterCategories, year: number, regionLevel: string | undefined): Promise<CategoryCoverage> {
  const engine = engineOf(source);
  const cls = builtinClassification(await codeSystemOf(engine));
  const r = await engine.run({
    from: table('regional_stats'), where: and(eq(col('year'), num(year)), await regionFilter(engine, { regionLevel })),
    columns: [out('industry', col('industry'), 'string'), out('rows', countRows()), out('emp', sum(col('employment'))), out('unknown', sum(when(isNull(col('employment')), num(1), num(0))))],
    groupBy: [col('industry')],
  });
  const codes = r.industry.map((industry, k) => ({ industry: industry as string | null, rows: Number(r.rows[k]), emp: r.emp[k] as number | null, unknown: Number(r.unknown[k]) }))
    .sort((a, b) => (a.industry === b.industry ? 0 : a.industry === null ? 1 : b.industry === null ? -1 : a.industry < b.industry ? -1 : 1));
  const defs = categories.rows.map((r) => ({ code: cls.normalize(r.industry) ?? r.industry, level: cls.levelOf(r.industry) }));
  const coarsest = Math.min(...defs.map((d) => d.level ?? Infinity));
  const categoryOf = new Map(categories.rows.map((r, k) => [defs[k].code, r.category]));
  const byLevel = new Map<number, Set<string>>();
  for (const d of defs) if (d.level !== undefined) (byLevel.get(d.level) ?? byLevel.set(d.level, new Set()).get(d.level)!).add(d.code);
  const used = new Set<string>();
  const cov: CategoryCoverage = { dataEmployment: 0, mappedEmployment: 0, unmapped: [], unmappedEmployment: 0, coarser: [], absent: [] };
  for (const c of codes) {
    const industry = c.industry ?? '';
    const row: CodeCoverage = { industry, rows: Number(c.rows), employment: Number(c.emp ?? 0), unknownRows: Number(c.unknown) };
    const level = c.industry === null ? undefined : cls.levelOf(industry);
    const hits: string[] = [];
    if (level !== undefined) {
      for (const [l, set] of byLevel) {
        const up = l <= level ? cls.rollUp(industry, l) : undefined;
        if (up !== undefined && set.has(up)) hits.push(up);
      }
    }
    if (hits.length) {
      const inCats = [...new Set(hits.map((h) => categoryOf.get(h)))];
      if (inCats.length > 1) {
        throw new InputError('E_OPTION', `categories ${categories.source}: industry ${industry} of the data lies in ${inCats.length} categories (${hits.map((h) => `${categoryOf.get(h)} through ${h}`).join(', ')}); nested codes in different categories would count its employment twice`, { file: categories.source, field: 'industry', value: industry });
      }
      for (const h of hits) used.add(h);
      cov.mappedEmployment += row.employment;
      cov.dataEmployment += row.employment;
    } else if (level !== undefined && level < coarsest) {
      cov.coarser.push(row);
    } else {
      cov.unmapped.push(row);
      cov.unmappedEmployment += row.employment;
      cov.dataEmployment += row.employment;
    }
  }
  cov.absent = defs.filter((d) => !used.has(d.code)).map((d) => d.code);
  cov.unmapped.sort((a, b) => b.employment - a.employment || a.industry.localeCompare(b.industry));
  return cov;
}
