/**
 * Loading the inputs of the concentration family from a DuckDB workspace (see src/io/fields.ts for
 * the tables): region × industry matrices from `regional_stats` or from `firms`, per-industry plant
 * moments, and one industry's firm sizes — with the industry codes rolled up to any level of the
 * workspace's code system, or grouped into user-defined cluster categories.
 *
 * The aggregations are plans (src/store/engine/plan.ts: a GROUP BY over the table joined to a literal
 * code → target mapping) that run on the embedded workspace or on a ClickHouse cluster, so they
 * scale to tens of millions of rows; only the R × I result comes back to JavaScript.
 *
 * Missing data is never dropped silently:
 * - a cell whose rows include a NULL size is NaN (unknown) — the measures then refuse it unless
 *   told `missing: 'zero' | 'drop-region'`; the count is in `provenance.unknownCells`;
 * - a cell with no rows at all is 0 (a workspace records suppressed/withheld cells as rows with a
 *   NULL value, so absence means none);
 * - firms without a region, codes that cannot be rolled up to the level (coarser codes, bad codes)
 *   and codes outside every group are excluded and counted by reason in `provenance.excluded`.
 */
import { InputError } from '../core/errors.js';
import { builtinClassification, type Classification } from '../model/classifications/index.js';
import type { CodeSystem } from '../model/project.js';
import { engineOf, type DataSource, type Engine, type PlanResult } from '../store/engine/engine.js';
import {
  and, col, count, countRows, eq, inList, isNull, join, mul, notNull, num, out, str, sum, table, values, when,
  type Expr, type Source,
} from '../store/engine/plan.js';
import type { RegionIndustryMatrix } from '../data/concentration-matrix.js';
import type { PlantMoments } from '../data/concentration-plants.js';

export type StatsVariable = 'employment' | 'output' | 'establishments';
export type FirmVariable = 'employees' | 'revenue' | 'output' | 'count';

export interface IndustrySelection {
  /** Industry level (name or number) to roll codes up to; default: the codes as stored. */
  level?: number | string;
  /** Cluster categories: name → industry codes (any level); a code counts in every group whose code is its ancestor. */
  groups?: Readonly<Record<string, readonly string[]>>;
  /** Only regions of this `regions.level` (e.g. 'county'); default all regions. */
  regionLevel?: string;
}

export interface LoadProvenance {
  table: 'regional_stats' | 'firms';
  variable: string;
  level: string;
  year: number | null;
  codeSystem: string;
  rows: number;
  rowsUsed: number;
  unknownCells: number;
  excluded: { reason: string; rows: number }[];
}

export interface Loaded<T> {
  value: T;
  provenance: LoadProvenance;
}

export interface Mapping {
  classification: Classification;
  levelName: string;
  /** The code → target table, a literal source joined USING (industry). */
  source: Source;
  excluded: { reason: string; rows: number }[];
  /** Rows of the source table matching the filter, and those with a NULL region. */
  rows: number;
  noRegion: number;
}

/** The workspace's industry code system, from its meta table (on either engine). */
export async function codeSystemOf(engine: Engine): Promise<CodeSystem> {
  const r = await engine.run({ from: table('meta'), columns: [out('value', col('value'), 'string')], where: eq(col('key'), str('industry_code_system')) });
  if (!r.value.length) throw new InputError('E_WORKSPACE', `${engine.where}: the meta table has no industry_code_system`, { file: engine.where });
  return r.value[0] as CodeSystem;
}

/** The filter on `region` for `regionLevel`: the level's codes as a literal list (no sub-query: it must run on a cluster). */
export async function regionFilter(engine: Engine, sel: IndustrySelection): Promise<Expr | undefined> {
  if (sel.regionLevel === undefined) return undefined;
  const r = await engine.run({ from: table('regions'), columns: [out('code', col('code'), 'string')], where: eq(col('level'), str(sel.regionLevel)) });
  return inList(col('region'), r.code.filter((c): c is string => c !== null));
}

/**
 * The groups an industry code belongs to: those listing the code or one of its ancestors in the
 * classification (`rollUp`), so section letters and codes at any level count, not only string
 * prefixes. The one membership rule of the region × industry builders and of the report's
 * candidate categories.
 */
export function groupMatcher(classification: Classification, groups: Readonly<Record<string, readonly string[]>>): (industry: string) => string[] {
  const list = Object.entries(groups).map(([name, codes]) => ({ name, codes: codes.map((c) => ({ code: classification.normalize(c) ?? c, level: classification.levelOf(c) })) }));
  return (industry) => list.filter((g) => g.codes.some((c) => c.level !== undefined && classification.rollUp(industry, c.level) === c.code)).map((g) => g.name);
}

/** Build the (industry, target) mapping for every distinct code of `tableName`, and count what cannot be mapped. */
export async function buildMapping(engine: Engine, tableName: string, where: Expr | undefined, sel: IndustrySelection): Promise<Mapping> {
  const classification = builtinClassification(await codeSystemOf(engine));
  let levelNumber: number | undefined;
  if (sel.level !== undefined) {
    const l = sel.level;
    levelNumber = typeof l === 'number' ? l : /^\d+$/.test(l) ? Number(l) : classification.levels.indexOf(l) + 1;
    if (!(levelNumber >= 1 && levelNumber <= classification.levels.length)) {
      throw new InputError('E_OPTION', `level ${l}: ${classification.system} has levels ${classification.levels.join(', ')}`, { field: 'level', value: l });
    }
  }
  const r = await engine.run({
    from: table(tableName), where,
    columns: [out('industry', col('industry'), 'string'), out('n', countRows()), out('nr', sum(when(isNull(col('region')), num(1), num(0))))],
    groupBy: [col('industry')],
  });
  const codes = r.industry.map((industry, k) => ({ industry: industry as string | null, n: Number(r.n[k]), nr: Number(r.nr[k]) }));
  const pairs: [string, string][] = [];
  const excluded = new Map<string, number>();
  const exclude = (reason: string, n: number): void => { excluded.set(reason, (excluded.get(reason) ?? 0) + n); };
  const groupsOf = sel.groups ? groupMatcher(classification, sel.groups) : undefined;
  for (const { industry, n } of codes) {
    if (industry === null) { exclude('no industry code', n); continue; }
    if (groupsOf) {
      const hits = groupsOf(industry);
      for (const name of hits) pairs.push([industry, name]);
      if (!hits.length) exclude('industry in no group', n);
      continue;
    }
    if (levelNumber === undefined) { pairs.push([industry, industry]); continue; }
    const target = classification.rollUp(industry, levelNumber);
    if (target === undefined) exclude(`code coarser than ${classification.levels[levelNumber - 1]} or not a ${classification.system} code`, n);
    else pairs.push([industry, target]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return {
    classification,
    source: values([{ name: 'industry', type: 'string' }, { name: 'target', type: 'string' }], pairs),
    rows: codes.reduce((a, c) => a + c.n, 0), noRegion: codes.reduce((a, c) => a + c.nr, 0),
    levelName: groupsOf ? 'groups' : levelNumber === undefined ? 'as stored' : classification.levels[levelNumber - 1],
    excluded: [...excluded.entries()].map(([reason, rows]) => ({ reason, rows })),
  };
}

interface CellRow { region: string; industry: string; v: number | null; rows: number; known: number; n2?: number | null; n4?: number | null }

/** A cells plan's columns as CellRow objects. */
function cellRows(r: PlanResult): CellRow[] {
  const rows: CellRow[] = new Array(r.region.length);
  for (let k = 0; k < rows.length; k++) {
    rows[k] = {
      region: String(r.region[k]), industry: String(r.cell_industry[k]), v: r.v[k] as number | null, rows: Number(r.rows[k]), known: Number(r.known[k]),
      n2: r.n2 ? (r.n2[k] as number | null) : undefined, n4: r.n4 ? (r.n4[k] as number | null) : undefined,
    };
  }
  return rows;
}

function toMatrix(rows: CellRow[], pick: (r: CellRow) => number, variable: string): { matrix: RegionIndustryMatrix; unknownCells: number } {
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  const industries = [...new Set(rows.map((r) => r.industry))].sort();
  const ri = new Map(regions.map((r, k) => [r, k]));
  const ii = new Map(industries.map((c, k) => [c, k]));
  const values = new Float64Array(regions.length * industries.length);
  let unknownCells = 0;
  for (const row of rows) {
    const k = ri.get(row.region)! * industries.length + ii.get(row.industry)!;
    const v = pick(row);
    values[k] = v;
    if (Number.isNaN(v)) unknownCells++;
  }
  return { matrix: { regions, industries, values, variable }, unknownCells };
}

async function yearOf(engine: Engine, year: number | undefined): Promise<number> {
  const r = await engine.run({ from: table('regional_stats'), columns: [out('year', col('year'))], groupBy: [col('year')], orderBy: [{ expr: col('year') }] });
  const years = r.year.map(Number);
  if (years.length === 0) throw new InputError('E_DEGENERATE', 'the workspace has no regional statistics (regional_stats is empty)', { field: 'regional_stats' });
  if (year === undefined) {
    if (years.length > 1) throw new InputError('E_OPTION', `regional_stats holds years ${years.join(', ')}: give a year`, { field: 'year', value: years });
    return years[0];
  }
  if (!years.includes(year)) throw new InputError('E_OPTION', `year ${year} is not in regional_stats (years: ${years.join(', ')})`, { field: 'year', value: year });
  return year;
}

/**
 * Region × industry matrix of a regional-statistics variable in one year.
 * Rows with a NULL region or a NULL value are kept: the cell becomes NaN (unknown).
 */
export async function loadStatsMatrix(source: DataSource, options: IndustrySelection & { variable?: StatsVariable; year?: number }): Promise<Loaded<RegionIndustryMatrix>> {
  const engine = engineOf(source);
  const variable = options.variable ?? 'employment';
  if (!['employment', 'output', 'establishments'].includes(variable)) throw new InputError('E_OPTION', `variable must be employment, output or establishments, got ${variable}`, { field: 'variable', value: variable });
  const year = await yearOf(engine, options.year);
  const where = and(eq(col('year'), num(year)), await regionFilter(engine, options));
  const m = await buildMapping(engine, 'regional_stats', where, options);
  const x = col(variable);
  const rows = cellRows(await engine.run({
    from: join(table('regional_stats'), m.source, ['industry']), where,
    columns: [out('region', col('region'), 'string'), out('cell_industry', col('target'), 'string'), out('v', sum(x)), out('rows', countRows()), out('known', count(x))],
    groupBy: [col('region'), col('target')],
  }));
  const { matrix, unknownCells } = toMatrix(rows, (r) => (r.known < r.rows ? Number.NaN : Number(r.v ?? 0)), variable);
  return {
    value: matrix,
    provenance: {
      table: 'regional_stats', variable, level: m.levelName, year, codeSystem: m.classification.system,
      rows: m.rows, rowsUsed: rows.reduce((acc, r) => acc + r.rows, 0), unknownCells, excluded: m.excluded,
    },
  };
}

/**
 * Two years of a regional-statistics variable on the same regions × industries (the union of
 * both years; a cell absent in one year is 0 there), for shift-share.
 */
export async function loadStatsPanel(source: DataSource, options: IndustrySelection & { variable?: StatsVariable; baseYear: number; finalYear: number }): Promise<Loaded<{ base: RegionIndustryMatrix; final: RegionIndustryMatrix }>> {
  const a = await loadStatsMatrix(source, { ...options, year: options.baseYear });
  const b = await loadStatsMatrix(source, { ...options, year: options.finalYear });
  const regions = [...new Set([...a.value.regions, ...b.value.regions])].sort();
  const industries = [...new Set([...a.value.industries, ...b.value.industries])].sort();
  const widen = (m: RegionIndustryMatrix): RegionIndustryMatrix => {
    const ri = new Map(regions.map((r, k) => [r, k]));
    const ii = new Map(industries.map((c, k) => [c, k]));
    const vals = new Float64Array(regions.length * industries.length);
    m.regions.forEach((r, rk) => m.industries.forEach((c, ik) => { vals[ri.get(r)! * industries.length + ii.get(c)!] = m.values[rk * m.industries.length + ik]; }));
    return { regions, industries, values: vals, variable: m.variable };
  };
  return {
    value: { base: widen(a.value), final: widen(b.value) },
    provenance: {
      ...a.provenance, year: null, rows: a.provenance.rows + b.provenance.rows, rowsUsed: a.provenance.rowsUsed + b.provenance.rowsUsed,
      unknownCells: a.provenance.unknownCells + b.provenance.unknownCells,
      excluded: [...a.provenance.excluded.map((e) => ({ ...e, reason: `${options.baseYear}: ${e.reason}` })), ...b.provenance.excluded.map((e) => ({ ...e, reason: `${options.finalYear}: ${e.reason}` }))],
    },
  };
}

export interface FirmAggregates {
  /** Σ size per region × industry (NaN where a firm's size is NULL). */
  size: RegionIndustryMatrix;
  /** Number of firms per region × industry. */
  establishments: RegionIndustryMatrix;
  /** Per-industry plant moments (count, Σx, Σx², Σx⁴) over the firms with a known size and a region. */
  plants: PlantMoments;
}

export function sizeExpr(variable: FirmVariable): Expr {
  if (!['employees', 'revenue', 'output', 'count'].includes(variable)) throw new InputError('E_OPTION', `size must be employees, revenue, output or count, got ${variable}`, { field: 'size', value: variable });
  return variable === 'count' ? num(1) : col(variable);
}

/**
 * What a firm with an unknown (NULL) size does to its cell: 'nan' (default) makes the whole cell
 * unknown, so the measures refuse it unless told otherwise; 'leave-out' is the diagnosis's policy
 * (src/data/firm-sizes.ts): the firm adds nothing, the cell sums the known sizes, and the firms
 * left out are counted in `provenance.excluded`.
 */
export type UnknownSize = 'nan' | 'leave-out';

/**
 * From the firms table in one aggregation: the region × industry size matrix, the establishment
 * counts and the plant moments that EG, Maurel–Sédillot and the HHI need.
 * Firms with no region are excluded (counted); a NULL size makes its cell NaN (or, with
 * `unknownSize: 'leave-out'`, is left out and counted) and is never a plant of the moments.
 */
export async function loadFirmAggregates(source: DataSource, options: IndustrySelection & { size?: FirmVariable; unknownSize?: UnknownSize } = {}): Promise<Loaded<FirmAggregates>> {
  const engine = engineOf(source);
  const variable = options.size ?? 'employees';
  const unknownSize = options.unknownSize ?? 'nan';
  if (unknownSize !== 'nan' && unknownSize !== 'leave-out') throw new InputError('E_OPTION', `unknownSize must be 'nan' or 'leave-out', got ${String(unknownSize)}`, { field: 'unknownSize', value: unknownSize });
  const x = sizeExpr(variable);
  const regions = await regionFilter(engine, options);
  const m = await buildMapping(engine, 'firms', regions, options);
  const x2 = mul(x, x);
  const rows = cellRows(await engine.run({
    from: join(table('firms'), m.source, ['industry']), where: and(notNull(col('region')), regions),
    columns: [
      out('region', col('region'), 'string'), out('cell_industry', col('target'), 'string'), out('v', sum(x)), out('rows', countRows()), out('known', count(x)),
      out('n2', sum(x2)), out('n4', sum(mul(x2, x2))),
    ],
    groupBy: [col('region'), col('target')],
  }));
  const excluded = [...m.excluded];
  if (m.noRegion > 0) excluded.push({ reason: 'firm has no region', rows: m.noRegion });
  const unknownFirms = rows.reduce((acc, r) => acc + r.rows - r.known, 0);
  if (unknownSize === 'leave-out' && unknownFirms > 0) excluded.push({ reason: `firm has no ${variable} (left out)`, rows: unknownFirms });
  const size = toMatrix(rows, (r) => (unknownSize === 'nan' && r.known < r.rows ? Number.NaN : Number(r.v ?? 0)), variable);
  const est = toMatrix(rows, (r) => r.rows, 'establishments');
  const I = size.matrix.industries.length;
  const ii = new Map(size.matrix.industries.map((c, k) => [c, k]));
  const plants: PlantMoments = { industries: size.matrix.industries, count: new Float64Array(I), sum: new Float64Array(I), sumSquares: new Float64Array(I), sumFourth: new Float64Array(I) };
  for (const r of rows) {
    const k = ii.get(r.industry)!;
    plants.count[k] += r.known;
    plants.sum[k] += Number(r.v ?? 0);
    plants.sumSquares[k] += Number(r.n2 ?? 0);
    plants.sumFourth[k] += Number(r.n4 ?? 0);
  }
  return {
    value: { size: size.matrix, establishments: est.matrix, plants },
    provenance: {
      table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system,
      rows: m.rows, rowsUsed: rows.reduce((acc, r) => acc + r.rows, 0), unknownCells: size.unknownCells, excluded,
    },
  };
}

export { MAX_OWNERSHIP_DEPTH, loadFirmSizes, loadFirmSizesByIndustry } from './firm-size-distribution.js';
