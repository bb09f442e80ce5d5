/**
 * Firm-size distributions from the firms table, on either engine: every industry's sizes as one
 * small (industry, size, firms) table, expanded here into the sorted size arrays that CRn, HHI,
 * Gini, Theil and Hall–Tideman take — and the enterprise-group sizes (DuckDB only: a recursive
 * ownership query). See region-industry.ts for the mapping of codes to levels and groups.
 */
import { InputError } from '../core/errors.js';
import { engineOf, isEngine, type DataSource, type Engine } from '../store/engine/engine.js';
import { and, col, countRows, eq, fn, join, out, str, table, type Expr } from '../store/engine/plan.js';
import type { Workspace } from '../store/workspace.js';
import { buildMapping, regionFilter, sizeExpr, type FirmVariable, type IndustrySelection, type Loaded, type Mapping } from './region-industry.js';

/** Longest ownership chain followed to a firm's enterprise group (the diagnosis's `groupRoot` stops at the same depth). */
export const MAX_OWNERSHIP_DEPTH = 16;

/**
 * How many firms of each (industry, size) there are: the firm-size distribution of every industry
 * as one small table, so CRn, HHI, Gini, Theil and Hall–Tideman need neither the firm rows nor the
 * firm order. Sizes come back sorted ascending per industry, NaN (a NULL size) last.
 */
async function sizeCounts(engine: Engine, m: Mapping, x: Expr, where: Expr | undefined): Promise<Map<string, Float64Array>> {
  const r = await engine.run({
    from: join(table('firms'), m.source, ['industry']), where,
    columns: [out('cell_industry', col('target'), 'string'), out('size_value', x), out('firms', countRows())],
    groupBy: [col('target'), x],
  });
  const order = r.cell_industry.map((_c, k) => k).sort((a, b) => {
    const ca = r.cell_industry[a] as string, cb = r.cell_industry[b] as string;
    if (ca !== cb) return ca < cb ? -1 : 1;
    const va = r.size_value[a] as number | null, vb = r.size_value[b] as number | null;
    if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
    return va - vb;
  });
  const total = new Map<string, number>();
  for (let k = 0; k < r.cell_industry.length; k++) total.set(r.cell_industry[k] as string, (total.get(r.cell_industry[k] as string) ?? 0) + Number(r.firms[k]));
  const outMap = new Map<string, Float64Array>();
  const fill = new Map<string, number>();
  for (const k of order) {
    const c = r.cell_industry[k] as string;
    let arr = outMap.get(c);
    if (!arr) { arr = new Float64Array(total.get(c)!); outMap.set(c, arr); fill.set(c, 0); }
    const v = r.size_value[k] === null ? Number.NaN : Number(r.size_value[k]);
    const at = fill.get(c)!;
    arr.fill(v, at, at + Number(r.firms[k]));
    fill.set(c, at + Number(r.firms[k]));
  }
  return outMap;
}

/**
 * The sizes of every firm of one industry (at the selected level or group), for CRn, HHI, Gini…
 * A NULL size comes back as NaN (the measures refuse it unless `missing: 'drop'`). The sizes come
 * sorted ascending (NaN last), the order every one of these measures is invariant to.
 *
 * `unit: 'group'` gives one size per enterprise group instead — the industry's plants rolled up
 * to the root of their ownership chain (`parent`, followed through firms of any industry for at
 * most MAX_OWNERSHIP_DEPTH steps, so a cycle stops where it is), as the diagnosis measures CR4 and
 * HHI. A group's size sums its plants' known sizes; plants with a NULL size are left out and
 * counted in `provenance.unknownCells`; a group none of whose plants has a size is NaN. The
 * ownership chain is a recursive query: it runs on the embedded workspace only.
 */
export async function loadFirmSizes(source: DataSource, options: IndustrySelection & { industry: string; size?: FirmVariable; unit?: 'firm' | 'group' }): Promise<Loaded<Float64Array>> {
  const engine = engineOf(source);
  const variable = options.size ?? 'employees';
  const unit = options.unit ?? 'firm';
  if (unit !== 'firm' && unit !== 'group') throw new InputError('E_OPTION', `unit must be 'firm' or 'group', got ${String(unit)}`, { field: 'unit', value: unit });
  const x = sizeExpr(variable);
  const regions = await regionFilter(engine, options);
  const m = await buildMapping(engine, 'firms', regions, options);
  const target = options.groups ? options.industry : (options.level !== undefined ? m.classification.normalize(options.industry) ?? options.industry : options.industry);
  let sizes: Float64Array;
  let unknown = 0;
  if (unit === 'firm') {
    sizes = (await sizeCounts(engine, m, x, and(eq(col('target'), str(target)), regions))).get(target) ?? new Float64Array(0);
    for (const v of sizes) if (Number.isNaN(v)) unknown++;
  } else {
    if (isEngine(source) && source.kind !== 'duckdb') {
      throw new InputError('E_ENGINE', `--unit group follows the ownership chain with a recursive query, which runs on the embedded workspace only (not on ${engine.label}); use --unit firm or the workspace`, { field: 'unit', value: unit });
    }
    ({ sizes, unknown } = await groupSizes(source as Workspace, engine, m, x, target, regions));
  }
  if (sizes.length === 0) throw new InputError('E_DEGENERATE', `no firms in industry ${options.industry} (level ${m.levelName})`, { field: 'industry', value: options.industry });
  return {
    value: sizes,
    provenance: { table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system, rows: sizes.length, rowsUsed: sizes.length, unknownCells: unknown, excluded: m.excluded },
  };
}

/** Enterprise-group sizes of one industry on the DuckDB workspace (recursive ownership chain). */
async function groupSizes(ws: Workspace, engine: Engine, m: Mapping, x: Expr, target: string, regions: Expr | undefined): Promise<{ sizes: Float64Array; unknown: number }> {
  const plants = engine.sql({
    from: join(table('firms'), m.source, ['industry']), where: and(eq(col('target'), str(target)), regions),
    columns: [out('id', col('id'), 'string'), out('v', fn('toFloat', x))],
  });
  const sql = `
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
  let unknown = 0;
  for (const u of (cols[1] ?? []) as unknown[]) unknown += Number(u);
  return { sizes, unknown };
}

/**
 * The firm sizes of every industry (at the selected level or groups) in one aggregation:
 * industry → sizes (sorted ascending, NaN for a NULL size last). For CRn / HHI / Gini of all
 * industries at once.
 */
export async function loadFirmSizesByIndustry(source: DataSource, options: IndustrySelection & { size?: FirmVariable } = {}): Promise<Loaded<Map<string, Float64Array>>> {
  const engine = engineOf(source);
  const variable = options.size ?? 'employees';
  const x = sizeExpr(variable);
  const regions = await regionFilter(engine, options);
  const m = await buildMapping(engine, 'firms', regions, options);
  const sizes = await sizeCounts(engine, m, x, regions);
  let unknown = 0;
  let rows = 0;
  for (const arr of sizes.values()) { rows += arr.length; for (const v of arr) if (Number.isNaN(v)) unknown++; }
  return {
    value: sizes,
    provenance: { table: 'firms', variable, level: m.levelName, year: null, codeSystem: m.classification.system, rows, rowsUsed: rows, unknownCells: unknown, excluded: m.excluded },
  };
}
