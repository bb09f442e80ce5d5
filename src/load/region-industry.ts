/**
 * Loading the inputs of the concentration family from a DuckDB workspace (see src/io/fields.ts for
 * the tables): region × industry matrices from `regional_stats` or from `firms`, per-industry plant
 * moments, and one industry's firm sizes — with the industry codes rolled up to any level of the
 * workspace's code system, or grouped into user-defined cluster categories.
 *
 * The aggregation runs as SQL (GROUP BY over a temporary code → target mapping), so it scales to
 * tens of millions of rows; only the R × I result comes back to JavaScript.
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
import { ident, lit, type Workspace } from '../store/workspace.js';
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

interface Mapping {
  classification: Classification;
  levelName: string;
  table: string;
  excluded: { reason: string; rows: number }[];
  /** Rows of the source table matching the WHERE clause, and those with a NULL region. */
  rows: number;
  noRegion: number;
}

let tempCounter = 0;

async function codeSystem(ws: Workspace): Promise<CodeSystem> {
  const rows = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'industry_code_system'");
  if (!rows.length) throw new InputError('E_WORKSPACE', `${ws.path}: the meta table has no industry_code_system`, { file: ws.path });
  return rows[0].value as CodeSystem;
}

/** Build a TEMP table (code, target) for every distinct code of `table`, and count what cannot be mapped. */
async function buildMapping(ws: Workspace, table: string, where: string, sel: IndustrySelection): Promise<Mapping> {
  const classification = builtinClassification(await codeSystem(ws));
  let levelNumber: number | undefined;
  if (sel.level !== undefined) {
    const l = sel.level;
    levelNumber = typeof l === 'number' ? l : /^\d+$/.test(l) ? Number(l) : classification.levels.indexOf(l) + 1;
    if (!(levelNumber >= 1 && levelNumber <= classification.levels.length)) {
      throw new InputError('E_OPTION', `level ${l}: ${classification.system} has levels ${classification.levels.join(', ')}`, { field: 'level', value: l });
    }
  }
  const codes = await ws.all<{ industry: string | null; n: number; nr: number }>(`SELECT industry, count(*)::BIGINT AS n, count(*) FILTER (WHERE t.region IS NULL)::BIGINT AS nr FROM ${table} t ${where} GROUP BY industry`);
  const pairs: [string, string][] = [];
  const excluded = new Map<string, number>();
  const exclude = (reason: string, n: number): void => { excluded.set(reason, (excluded.get(reason) ?? 0) + n); };
  const groups = sel.groups ? Object.entries(sel.groups).map(([name, list]) => ({ name, list: list.map((c) => ({ code: classification.normalize(c) ?? c, level: classification.levelOf(c) })) })) : undefined;
  for (const { industry, n } of codes) {
    if (industry === null) { exclude('no industry code', Number(n)); continue; }
    if (groups) {
      let hit = false;
      for (const g of groups) {
        if (g.list.some((c) => c.level !== undefined && classification.rollUp(industry, c.level) === c.code)) { pairs.push([industry, g.name]); hit = true; }
      }
      if (!hit) exclude('industry in no group', Number(n));
      continue;
    }
    if (levelNumber === undefined) { pairs.push([industry, industry]); continue; }
    const target = classification.rollUp(industry, levelNumber);
    if (target === undefined) exclude(`code coarser than ${classification.levels[levelNumber - 1]} or not a ${classification.system} code`, Number(n));
    else pairs.push([industry, target]);
  }
  const name = `concentration_map_${process.pid}_${tempCounter++}`;
  await ws.run(`CREATE OR REPLACE TEMP TABLE ${ident(name)} (code VARCHAR, target VARCHAR)`);
  if (pairs.length) await ws.append(name, ['varchar', 'varchar'], pairs, { temp: true });
  return {
    classification, table: name,
    rows: codes.reduce((a, c) => a + Number(c.n), 0), noRegion: codes.reduce((a, c) => a + Number(c.nr), 0),
    levelName: groups ? 'groups' : levelNumber === undefined ? 'as stored' : classification.levels[levelNumber - 1],
    excluded: [...excluded.entries()].map(([reason, rows]) => ({ reason, rows })),
  };
}

async function dropMapping(ws: Workspace, m: Mapping): Promise<void> {
  await ws.run(`DROP TABLE IF EXISTS ${ident(m.table)}`);
}

function regionFilter(sel: IndustrySelection): string {
  return sel.regionLevel === undefined ? '' : `AND t.region IN (SELECT code FROM regions WHERE level = ${lit(sel.regionLevel)})`;
}

interface CellRow { region: string; industry: string; v: number | null; rows: number; known: number; n2?: number | null; n4?: number | null }

/**
 * Run a query and return its rows as CellRow objects built from DuckDB's columns (much faster than
 * row objects for tens of thousands of cells). BIGINT counts become numbers.
 */
async function cellRows(ws: Workspace, sql: string): Promise<CellRow[]> {
  const reader = await ws.connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const cols = reader.getColumns();
  const at = (name: string): unknown[] | undefined => cols[names.indexOf(name)];
  const [region, industry, v, rows, known, n2, n4] = ['region', 'industry', 'v', 'rows', 'known', 'n2', 'n4'].map(at);
  const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));
  const out: CellRow[] = new Array(region?.length ?? 0);
  for (let k = 0; k < out.length; k++) {
    out[k] = {
      region: String(region![k]), industry: String(industry![k]), v: num(v![k]), rows: Number(rows![k]), known: Number(known![k]),
      n2: n2 ? num(n2[k]) : undefined, n4: n4 ? num(n4[k]) : undefined,
    };
  }
  return out;
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

async function yearOf(ws: Workspace, year: number | undefined): Promise<number> {
  const years = (await ws.all<{ year: number }>('SELECT DISTINCT year FROM regional_stats ORDER BY year')).map((r) => Number(r.year));
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
export async function loadStatsMatrix(ws: Workspace, options: IndustrySelection & { variable?: StatsVariable; year?: number }): Promise<Loaded<RegionIndustryMatrix>> {
  const variable = options.variable ?? 'employment';
  if (!['employment', 'output', 'establishments'].includes(variable)) throw new InputError('E_OPTION', `variable must be employment, output or establishments, got ${variable}`, { field: 'variable', value: variable });
  const year = await yearOf(ws, options.year);
  const where = `WHERE t.year = ${Number(year)} ${regionFilter(options)}`;
  const m = await buildMapping(ws, 'regional_stats', where, options);
  try {
    const rows = await cellRows(ws, `
      SELECT t.region, m.target AS industry, sum(t.${ident(variable)}) AS v, count(*)::BIGINT AS rows, count(t.${ident(variable)})::BIGINT AS known
      FROM regional_stats t JOIN ${ident(m.table)} m ON t.industry = m.code ${where}
      GROUP BY t.region, m.target`);
    const { matrix, unknownCells } = toMatrix(rows, (r) => (Number(r.known) < Number(r.rows) ? Number.NaN : Number(r.v ?? 0)), variable);
    return {
      value: matrix,
      provenance: {
        table: 'regional_stats', variable, level: m.levelName, year, codeSystem: m.classification.system,
        rows: m.rows, rowsUsed: rows.reduce((a, r) => a + Number(r.rows), 0), unknownCells, excluded: m.excluded,
      },
    };
  } finally {
    await dropMapping(ws, m);
  }
}

/**
 * Two years of a regional-statistics variable on the same regions × industries (the union of
 * both years; a cell absent in one year is 0 there), for shift-share.
 */
export async function loadStatsPanel(ws: Workspace, options: IndustrySelection & { variable?: StatsVariable; baseYear: number; finalYear: number }): Promise<Loaded<{ base: RegionIndustryMatrix; final: RegionIndustryMatrix }>> {
  const a = await loadStatsMatrix(ws, { ...options, year: options.baseYear });
  const b = await loadStatsMatrix(ws, { ...options, year: options.finalYear });
  const regions = [...new Set([...a.value.regions, ...b.value.regions])].sort();
  const industries = [...new Set([...a.value.industries, ...b.value.industries])].sort();
  const widen = (m: RegionIndustryMatrix): RegionIndustryMatrix => {
    const ri = new Map(regions.map((r, k) => [r, k]));
    const ii = new Map(industries.map((c, k) => [c, k]));
    const values = new Float64Array(regions.length * industries.length);
    m.regions.forEach((r, rk) => m.industries.forEach((c, ik) => { values[ri.get(r)! * industries.length + ii.get(c)!] = m.values[rk * m.industries.length + ik]; }));
    return { regions, industries, values, variable: m.variable };
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

function sizeExpr(variable: FirmVariable): string {
  if (!['employees', 'revenue', 'output', 'count'].includes(variable)) throw new InputError('E_OPTION', `size must be employees, revenue, output or count, got ${variable}`, { field: 'size', value: variable });
  return variable === 'count' ? '1.0' : `t.${ident(variable)}`;
}

/**
 * What a firm with an unknown (NULL) size does to its cell: 'nan' (default) makes the whole cell
 * unknown, so the measures refuse it unless told otherwise; 'leave-out' is the diagnosis's policy
 * (src/data/firm-sizes.ts): the firm adds nothing, the cell sums the known sizes, and the firms
 * left out are counted in `provenance.excluded`.
 */
export type UnknownSize = 'nan' | 'leave-out';

/**
 * From the firms table in one SQL pass: the region × industry size matrix, the establishment
 * counts and the plant moments that EG, Maurel–Sédillot and the HHI need.
 * Firms with no region are excluded (counted); a NULL size makes its cell NaN (or, with
 * `unknownSize: 'leave-out'`, is left out and counted) and is never a plant of the moments.
 */
export async function loadFirmAggregates(ws: Workspace, options: IndustrySelection & { size?: FirmVariable; unknownSize?: UnknownSize } = {}): Promise<Loaded<FirmAggregates>> {
  const variable = options.size ?? 'employees';
  const unknownSize = options.unknownSize ?? 'nan';
  if (unknownSize !== 'nan' && unknownSize !== 'leave-out') throw new InputError('E_OPTION', `unknownSize must be 'nan' or 'leave-out', got ${String(unknownSize)}`, { field: 'unknownSize', value: unknownSize });
  const x = sizeExpr(variable);
  const m = await buildMapping(ws, 'firms', `WHERE true ${regionFilter(options)}`, options);
  try {
    const rows = await cellRows(ws, `
      SELECT t.region, m.target AS industry, sum(${x}) AS v, count(*)::BIGINT AS rows, count(${x})::BIGINT AS known,
             sum(${x} * ${x}) AS n2, sum((${x} * ${x}) * (${x} * ${x})) AS n4
      FROM firms t JOIN ${ident(m.table)} m ON t.industry = m.code
      WHERE t.region IS NOT NULL ${regionFilter(options)}
      GROUP BY t.region, m.target`);
    const excluded = [...m.excluded];
    if (m.noRegion > 0) excluded.push({ reason: 'firm has no region', rows: m.noRegion });
    const unknownFirms = rows.reduce((a, r) => a + Number(r.rows) - Number(r.known), 0);
    if (unknownSize === 'leave-out' && unknownFirms > 0) excluded.push({ reason: `firm has no ${variable} (left out)`, rows: unknownFirms });
    const size = toMatrix(rows, (r) => (unknownSize === 'nan' && Number(r.known) < Number(r.rows) ? Number.NaN : Number(r.v ?? 0)), variable);
    const est = toMatrix(rows, (r) => Number(r.rows), 'establishments');
    const I = size.matrix.industries.length;
    const ii = new Map(size.matrix.industries.map((c, k) => [c, k]));
    const plants: PlantMoments = { industries: size.matrix.industries, count: new Float64Array(I), sum: new Float64Array(I), sumSquares: new Float64Array(I), sumFourth: new Float64Array(I) };
    for (const r of rows) {
      const k = ii.get(r.industry)!;
      plants.count[k] += Number(r.known);
      plants.sum[k] += Number(r.v ?? 0);
      plants.sumSquares[k] += Number(r.n2 ?? 0);
      plants.sumFourth[k] += Number(r.n4 ?? 0);
    }
    return {
      value: { size: size.matrix, establishments: est.matrix, plants },
      provenance: {
        table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system,
        rows: m.rows, rowsUsed: rows.reduce((a, r) => a + Number(r.rows), 0), unknownCells: size.unknownCells, excluded,
      },
    };
  } finally {
    await dropMapping(ws, m);
  }
}

/** Longest ownership chain followed to a firm's enterprise group (the diagnosis's `groupRoot` stops at the same depth). */
export const MAX_OWNERSHIP_DEPTH = 16;

/**
 * The sizes of every firm of one industry (at the selected level or group), for CRn, HHI, Gini…
 * A NULL size comes back as NaN (the measures refuse it unless `missing: 'drop'`).
 *
 * `unit: 'group'` gives one size per enterprise group instead — the industry's plants rolled up
 * to the root of their ownership chain (`parent`, followed through firms of any industry for at
 * most MAX_OWNERSHIP_DEPTH steps, so a cycle stops where it is), as the diagnosis measures CR4 and
 * HHI. A group's size sums its plants' known sizes; plants with a NULL size are left out and
 * counted in `provenance.unknownCells`; a group none of whose plants has a size is NaN.
 */
export async function loadFirmSizes(ws: Workspace, options: IndustrySelection & { industry: string; size?: FirmVariable; unit?: 'firm' | 'group' }): Promise<Loaded<Float64Array>> {
  const variable = options.size ?? 'employees';
  const unit = options.unit ?? 'firm';
  if (unit !== 'firm' && unit !== 'group') throw new InputError('E_OPTION', `unit must be 'firm' or 'group', got ${String(unit)}`, { field: 'unit', value: unit });
  const x = sizeExpr(variable);
  const m = await buildMapping(ws, 'firms', `WHERE true ${regionFilter(options)}`, options);
  try {
    const target = options.groups ? options.industry : (options.level !== undefined ? m.classification.normalize(options.industry) ?? options.industry : options.industry);
    const plants = `SELECT t.id, ${x}::DOUBLE AS v FROM firms t JOIN ${ident(m.table)} m ON t.industry = m.code WHERE m.target = ${lit(target)} ${regionFilter(options)}`;
    const sql = unit === 'firm' ? `SELECT v FROM (${plants}) ORDER BY id` : `
      WITH RECURSIVE plants AS (${plants}),
      up(id, cur, step) AS (
        SELECT id, id, 0 FROM plants
        UNION ALL
        SELECT up.id, f.parent, up.step + 1 FROM up JOIN firms f ON f.id = up.cur
        WHERE up.step < ${MAX_OWNERSHIP_DEPTH} AND f.parent IS NOT NULL AND f.parent <> f.id AND f.parent IN (SELECT id FROM firms)
      ),
      roots AS (SELECT id, arg_max(cur, step) AS root FROM up GROUP BY id)
      SELECT CASE WHEN count(p.v) = 0 THEN NULL ELSE sum(p.v) END AS v, (count(*) - count(p.v))::BIGINT AS unknown
      FROM plants p JOIN roots r ON r.id = p.id GROUP BY r.root ORDER BY r.root`;
    const reader = await ws.connection.runAndReadAll(sql);
    const cols = reader.getColumns();
    const sizes = Float64Array.from((cols[0] ?? []) as (number | null)[], (v) => (v === null ? Number.NaN : Number(v)));
    if (sizes.length === 0) throw new InputError('E_DEGENERATE', `no firms in industry ${options.industry} (level ${m.levelName})`, { field: 'industry', value: options.industry });
    let unknown = 0;
    if (unit === 'group') for (const u of (cols[1] ?? []) as unknown[]) unknown += Number(u);
    else for (const v of sizes) if (Number.isNaN(v)) unknown++;
    return {
      value: sizes,
      provenance: { table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system, rows: sizes.length, rowsUsed: sizes.length, unknownCells: unknown, excluded: m.excluded },
    };
  } finally {
    await dropMapping(ws, m);
  }
}

/**
 * The firm sizes of every industry (at the selected level or groups) in one columnar SQL read:
 * industry → sizes (NaN for a NULL size). For CRn / HHI / Gini of all industries at once.
 */
export async function loadFirmSizesByIndustry(ws: Workspace, options: IndustrySelection & { size?: FirmVariable } = {}): Promise<Loaded<Map<string, Float64Array>>> {
  const variable = options.size ?? 'employees';
  const x = sizeExpr(variable);
  const m = await buildMapping(ws, 'firms', `WHERE true ${regionFilter(options)}`, options);
  try {
    const reader = await ws.connection.runAndReadAll(`SELECT m.target AS industry, ${x}::DOUBLE AS v FROM firms t JOIN ${ident(m.table)} m ON t.industry = m.code WHERE true ${regionFilter(options)} ORDER BY m.target`);
    const [codes, vals] = reader.getColumns() as [string[], (number | null)[]];
    const out = new Map<string, Float64Array>();
    let start = 0;
    let unknown = 0;
    for (let k = 1; k <= (codes?.length ?? 0); k++) {
      if (k === codes.length || codes[k] !== codes[start]) {
        const sizes = Float64Array.from(vals.slice(start, k), (v) => (v === null ? Number.NaN : Number(v)));
        for (const v of sizes) if (Number.isNaN(v)) unknown++;
        out.set(codes[start], sizes);
        start = k;
      }
    }
    return {
      value: out,
      provenance: { table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system, rows: codes?.length ?? 0, rowsUsed: codes?.length ?? 0, unknownCells: unknown, excluded: m.excluded },
    };
  } finally {
    await dropMapping(ws, m);
  }
}
