/**
 * The category portfolio of the report (U.S. Cluster Mapping style) and each candidate's
 * categories, from the project's category file (`categories`, read by src/load/cluster-categories.ts)
 * and the regional statistics:
 *
 * - per region × category: the LQ over the employment of the category's type and the strong /
 *   strong10 flags, both from `categoryStrength` (the measure `measure clusters` prints; nothing
 *   recomputed here), the employment of the last year and its growth since the first year
 *   (e_final / e_base − 1, each year's matrix from `loadCategoryMatrices`);
 * - the regions are those of the statistics at one region level (the level most of the
 *   statistics' regions have, so that the strong rule's percentiles do not mix counties with
 *   provinces), ranked by traded employment; at most `MAX_REGIONS` (and `MAX_CELLS` cells) are
 *   embedded, noted;
 * - a candidate's own categories are those of its firms' industries (a code is in a category when
 *   the category lists it or one of its ancestors: `groupMatcher`, the loaders' rule); its related categories come from the
 *   relatedness file, with their employment and strong flags in the candidate's regions.
 *
 * No category file, no regional statistics or no statistics code in a category: the chart is
 * unavailable with the reason; an `InputError` of the loaders or the measure becomes the reason.
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import { loadCategoryMatrices, type CategoryMatrices } from '../../load/category-matrix.js';
import { groupMatcher, loadStatsMatrix } from '../../load/region-industry.js';
import type { RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import { categoryStrength } from '../../measures/cluster-strength/category-strength.js';
import { categoryGroups, type ClusterCategories } from '../../model/cluster-categories.js';
import type { Classification } from '../../model/classifications/index.js';
import type { Workspace } from '../../store/workspace.js';
import type { CandidateCategories, CategoryCellRow, CategoryPortfolioData, Chart, PortfolioRegion } from '../types.js';
import { tableExists, type Context } from './context.js';
import { b, notComputed, num, unavailable } from './util.js';

/** Regions embedded in the report (the ranked first ones), and cells at most (fewer regions when there are many categories). */
export const MAX_REGIONS = 400;
export const MAX_CELLS = 100_000;
/** A category holding at least this share of a candidate's categorised firms is one of its own (its relatives are listed). */
export const PRINCIPAL_SHARE = 0.2;

export interface CategoryContext {
  categories: ClusterCategories;
  chart: Chart<CategoryPortfolioData>;
  /** All regions' rows (not capped), by region code. */
  byRegion: Map<string, PortfolioRegion>;
  /** Category code → index into chart data's categories. */
  index: Map<string, number>;
}

const NO_FILE = b('the project declares no cluster categories (a "categories" block: see docs/classifications.md)', '项目未声明集群类别（"categories"，见 docs/classifications.md）');

/** The level most of the statistics' regions have (null: the regions carry no level). */
async function statsRegionLevel(ws: Workspace): Promise<string | null> {
  if (!(await tableExists(ws, 'regions'))) return null;
  const rows = await ws.all<{ level: string | null; n: number }>(
    'SELECT r.level AS level, count(DISTINCT s.region)::DOUBLE AS n FROM regional_stats s JOIN regions r ON r.code = s.region GROUP BY r.level ORDER BY n DESC, level');
  const named = rows.filter((r) => r.level !== null);
  return named.length > 1 || (named.length === 1 && rows.length === 1) ? named[0].level : null;
}

export async function loadCategoryContext(ws: Workspace, ctx: Context, categories: ClusterCategories | undefined): Promise<CategoryContext | null> {
  const fail = (reason: Chart<CategoryPortfolioData>): CategoryContext | null => (categories ? { categories, chart: reason, byRegion: new Map(), index: new Map() } : null);
  if (!categories) return null;
  if (!(await tableExists(ws, 'regional_stats'))) return fail(unavailable(b('no regional statistics (the category portfolio needs employment by region and industry)', '没有地区统计（类别组合需要按地区与行业的就业）')));
  const years = await ws.all<{ lo: number | null; hi: number | null }>('SELECT min(year)::INTEGER AS lo, max(year)::INTEGER AS hi FROM regional_stats');
  if (years[0]?.hi === null || years[0]?.hi === undefined) return fail(unavailable(b('the regional statistics are empty', '地区统计为空')));
  const regionLevel = await statsRegionLevel(ws);
  const opts = { regionLevel: regionLevel ?? undefined };
  let final: CategoryMatrices;
  // the base year needs only its employment (the coverage and establishments are the final year's)
  let base: { employment: RegionIndustryMatrix } | null = null;
  let strength: ReturnType<typeof categoryStrength>;
  try {
    final = await loadCategoryMatrices(ws, categories, { ...opts, year: years[0].hi });
    if (years[0].lo !== null && years[0].lo < years[0].hi) base = { employment: (await loadStatsMatrix(ws, { groups: categoryGroups(categories), year: years[0].lo, regionLevel: opts.regionLevel, variable: 'employment' })).value };
    const types = new Map(categories.categories.map((c) => [c.code, c.type]));
    strength = categoryStrength(final.employment, types, { establishments: final.establishments, missing: 'zero' });
  } catch (e) {
    return fail(unavailable(notComputed(e, 'category portfolio not computed', '未能计算类别组合')));
  }
  const present = new Set(final.employment.industries);
  const info = categories.categories.filter((c) => present.has(c.code));
  const index = new Map(info.map((c, k) => [c.code, k]));
  const relatedOf = new Map<string, Map<string, number | null>>();
  for (const r of categories.related) {
    for (const [x, y] of [[r.a, r.b], [r.b, r.a]] as const) {
      if (x === y || !present.has(x) || !present.has(y)) continue;
      const m = relatedOf.get(x) ?? new Map<string, number | null>();
      const prev = m.get(y);
      m.set(y, prev === undefined || prev === null ? r.relatedness ?? null : r.relatedness === undefined ? prev : Math.max(prev, r.relatedness));
      relatedOf.set(x, m);
    }
  }
  const baseRegion = new Map(base?.employment.regions.map((r, k) => [r, k]));
  const baseCat = new Map(base?.employment.industries.map((c, k) => [c, k]));
  const baseAt = (region: string, category: string): number | null => {
    if (!base) return null;
    const a = baseRegion.get(region), i = baseCat.get(category);
    return a === undefined || i === undefined ? 0 : base.employment.values[a * base.employment.industries.length + i];
  };
  const byRegion = new Map<string, PortfolioRegion>();
  for (const cell of strength.value.cells) {
    const k = index.get(cell.category);
    if (k === undefined) continue;
    let row = byRegion.get(cell.region);
    if (!row) { row = { code: cell.region, name: ctx.regionName.get(cell.region) ?? null, traded: 0, strong: 0, strong10: 0, cells: [] }; byRegion.set(cell.region, row); }
    if (!(cell.employment > 0)) continue;
    const e0 = baseAt(cell.region, cell.category);
    const growth = e0 !== null && e0 > 0 ? cell.employment / e0 - 1 : null;
    const r: CategoryCellRow = [k, num(cell.lq), cell.employment, num(growth), cell.strong];
    row.cells.push(r);
    if (cell.type === 'traded') row.traded += cell.employment;
    if (cell.strong !== null && cell.strong >= 1) row.strong++;
    if (cell.strong === 2) row.strong10++;
  }
  const ranked = [...byRegion.values()].filter((r) => r.cells.length > 0)
    .sort((x, y) => y.traded - x.traded || y.strong - x.strong || (x.code < y.code ? -1 : 1));
  const cap = Math.max(1, Math.min(MAX_REGIONS, Math.floor(MAX_CELLS / Math.max(1, info.length))));
  const cov = final.coverage;
  // the measure's warnings, in the reader's words: regions without employment of a type have no LQ of that type
  const notes: ReturnType<typeof b>[] = [];
  for (const type of ['traded', 'local'] as const) {
    const none = [...byRegion.values()].filter((r) => r.cells.length > 0 && !r.cells.some((c) => info[c[0]].type === type && c[2] > 0)).length;
    if (none > 0 && info.some((c) => c.type === type)) notes.push(type === 'traded'
      ? b(`${none} region(s) have no employment in traded categories: their traded LQs are not defined.`, `${none} 个地区没有贸易型类别的就业：其贸易型区位商无定义。`)
      : b(`${none} region(s) have no employment in local categories: their local LQs are not defined.`, `${none} 个地区没有本地型类别的就业：其本地型区位商无定义。`));
  }
  for (const w of new Set(strength.warnings)) if (!/reference total 0 have LQ NaN/.test(w)) notes.push(b(w, w));
  if (ranked.length > cap) notes.push(b(`showing the first ${cap} of ${ranked.length} regions (by traded employment); measure clusters --csv lists all.`, `显示 ${ranked.length} 个地区中的前 ${cap} 个（按贸易型就业排序）；measure clusters --csv 列出全部。`));
  if (cov.unmapped.length) {
    const share = cov.dataEmployment > 0 ? (100 * cov.unmappedEmployment) / cov.dataEmployment : 0;
    notes.push(b(`${cov.unmapped.length} industry code(s) of the statistics are in no category: ${cov.unmappedEmployment} employees (${share.toFixed(2)}%).`, `统计中有 ${cov.unmapped.length} 个行业代码不属于任何类别：${cov.unmappedEmployment} 人（${share.toFixed(2)}%）。`));
  }
  if (!base) notes.push(b('one year of statistics: no growth.', '地区统计只有一个年份：无增长率。'));
  const data: CategoryPortfolioData = {
    source: categories.source.split(/[\\/]/).pop() ?? categories.source,
    year: years[0].hi, baseYear: base ? years[0].lo : null, regionLevel,
    categories: info.map((c) => ({
      code: c.code, name: c.name, type: c.type,
      related: [...(relatedOf.get(c.code) ?? new Map<string, number | null>()).entries()]
        .sort((x, y) => (y[1] ?? -Infinity) - (x[1] ?? -Infinity) || (x[0] < y[0] ? -1 : 1)).map(([code, relatedness]) => ({ code, relatedness: num(relatedness) })),
    })),
    regions: ranked.slice(0, cap),
    totalRegions: ranked.length,
    coverage: { dataEmployment: cov.dataEmployment, unmappedEmployment: cov.unmappedEmployment, unmapped: cov.unmapped.slice(0, 10).map((u) => ({ industry: u.industry, employment: u.employment })) },
  };
  return {
    categories, byRegion, index,
    chart: {
      available: true, data,
      // years as text: the caption formats numbers with thousands separators
      params: { categories: info.length, year: String(data.year), base: data.baseYear === null ? null : String(data.baseYear), level: regionLevel, rule: 'LQ ≥ p75 ∧ LQ ≥ 1 ∧ size > p25' },
      source: b(`regional statistics; categories ${data.source}`, `地区统计；类别 ${data.source}`),
      notes,
    },
  };
}

/** Industry code → its category, by the region × industry builders' own rule (`groupMatcher`), memoised. */
function categoryLookup(classification: Classification, cats: ClusterCategories): (code: string) => string | null {
  const groupsOf = groupMatcher(classification, categoryGroups(cats));
  const memo = new Map<string, string | null>();
  return (code) => {
    let found = memo.get(code);
    if (found === undefined) { found = groupsOf(code)[0] ?? null; memo.set(code, found); }
    return found;
  };
}

export function candidateCategories(ctx: Context, cc: CategoryContext | null, c: DiagnosedCandidate): Chart<CandidateCategories> {
  if (!cc) return unavailable(NO_FILE);
  if (!ctx.classification) return unavailable(b('the workspace records no industry code system', '工作区未记录行业分类体系'));
  const categoryOf = categoryLookup(ctx.classification, cc.categories);
  const counts = new Map<string, number>();
  let uncategorised = 0;
  let found = 0;
  for (const id of c.firmIds) {
    const k = ctx.firmIndex.get(id);
    if (k === undefined) continue;
    found++;
    const ind = ctx.firmIndustry[k];
    const cat = ind < 0 ? null : categoryOf(ctx.industryCodes[ind]);
    if (cat === null) uncategorised++;
    else counts.set(cat, (counts.get(cat) ?? 0) + 1);
  }
  if (found === 0) return unavailable(b('none of the candidate\'s firms is in the workspace', '候选的企业均不在工作区中'));
  if (counts.size === 0) return unavailable(b('none of the candidate\'s industries is in a category', '候选的行业均不属于任何类别'));
  const info = new Map(cc.categories.categories.map((x) => [x.code, x]));
  // principal categories: the largest, and any other with at least PRINCIPAL_SHARE of the categorised firms
  // (the periphery firms a candidate keeps for its ties would otherwise bring every category's relatives)
  const categorised = [...counts.values()].reduce((a, x) => a + x, 0);
  const own = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .map(([code, firms], k) => ({ code, name: info.get(code)!.name, type: info.get(code)!.type, firms, principal: k === 0 || firms >= PRINCIPAL_SHARE * categorised }));
  const related: CandidateCategories['related'] = [];
  const ownSet = new Set(counts.keys());
  const seen = new Set<string>();
  const regions = c.place.regions;
  if (cc.chart.available) {
    for (const o of own.filter((x) => x.principal)) {
      const k = cc.index.get(o.code);
      if (k === undefined) continue;
      for (const rel of cc.chart.data.categories[k].related) {
        if (ownSet.has(rel.code) || seen.has(rel.code)) continue;
        seen.add(rel.code);
        const rk = cc.index.get(rel.code)!;
        let employment = 0;
        const strongIn: string[] = [];
        for (const r of regions) {
          const row = cc.byRegion.get(r);
          const cell = row?.cells.find((x) => x[0] === rk);
          if (!cell) continue;
          employment += cell[2];
          if (cell[4] !== null && cell[4] >= 1) strongIn.push(r);
        }
        const ri = info.get(rel.code)!;
        related.push({ code: rel.code, name: ri.name, type: ri.type, relatedness: rel.relatedness, of: o.code, employment, strongIn });
      }
    }
  }
  related.sort((x, y) => (y.relatedness ?? -Infinity) - (x.relatedness ?? -Infinity) || (x.code < y.code ? -1 : 1));
  const notes = [];
  if (!cc.chart.available) notes.push(b(`related categories not measured in the regions: ${cc.chart.reason.en}`, `未测算相关类别：${cc.chart.reason.zh}`));
  else if (regions.length && !regions.some((r) => cc.byRegion.has(r))) notes.push(b(`the candidate's regions are not at the portfolio's region level (${cc.chart.data.regionLevel ?? 'none'}): no employment in them`, `候选所在地区不在类别组合的地区层级（${cc.chart.data.regionLevel ?? '无'}）`));
  return {
    available: true, data: { own, uncategorised, related },
    params: { categories: own.length, related: related.length },
    source: b('firms (industry); category and relatedness files; regional statistics', '企业（行业）；类别与相关性文件；地区统计'),
    notes,
  };
}
