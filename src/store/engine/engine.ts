/**
 * The engine layer: where a plan runs. Two back ends, one interface:
 * - `duckdbEngine(ws)` — the embedded workspace (the default; every user's path);
 * - `openClickHouseEngine(target)` — a ClickHouse cluster, its tables written by
 *   `cluster-atlas ingest --engine …` (clickhouse-load.ts) and checked on open (verifySchema).
 *
 * A plan's result is a small table of typed columns (region × industry cells, value counts, grid
 * cells, histogram bins); the measure functions finish the job in JavaScript, the same functions
 * on either engine.
 */
import { InputError } from '../../core/errors.js';
import type { Workspace } from '../workspace.js';
import type { ClickHouseConnection } from './clickhouse.js';
import { clickhouseDialect, compilePlan, duckdbDialect, type Dialect } from './compile.js';
import type { Plan } from './plan.js';
import { describeEngine, type ClickHouseTarget } from './url.js';

export type PlanResult = Record<string, (string | number | null)[]>;

export interface Engine {
  readonly kind: 'duckdb' | 'clickhouse';
  /** Printable description (never a password). */
  readonly label: string;
  /** A name for messages: the workspace path or the engine URL without credentials. */
  readonly where: string;
  readonly dialect: Dialect;
  /** Run a plan; its output columns come back by name, numbers as numbers (64-bit counts included). */
  run(plan: Plan): Promise<PlanResult>;
  /** The SQL a plan compiles to here (for --explain and tests). */
  sql(plan: Plan): string;
  close(): Promise<void>;
}

/** A workspace or an engine: the loaders accept either. */
export type DataSource = Workspace | Engine;

export function isEngine(x: DataSource): x is Engine {
  return typeof (x as Engine).run === 'function' && typeof (x as Engine).dialect === 'object';
}

function plainNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  const n = Number(v);
  if (Number.isNaN(n)) throw new InputError('E_ENGINE', `a plan's number column returned ${JSON.stringify(v)}`, { value: v });
  return n;
}

/** The embedded DuckDB workspace as an engine (does not own the workspace: close() leaves it open). */
export function duckdbEngine(ws: Workspace): Engine {
  const dialect = duckdbDialect();
  return {
    kind: 'duckdb', label: describeEngine({ kind: 'duckdb' }), where: ws.path, dialect,
    sql: (plan) => compilePlan(dialect, plan),
    async run(plan) {
      const reader = await ws.connection.runAndReadAll(compilePlan(dialect, plan));
      const cols = reader.getColumns();
      const out: PlanResult = {};
      plan.columns.forEach((c, k) => {
        const raw = cols[k] ?? [];
        out[c.name] = c.type === 'number' ? raw.map(plainNumber) : raw.map((v) => (v === null || v === undefined ? null : String(v)));
      });
      return out;
    },
    close: async () => undefined,
  };
}

/** The engine of a DataSource (a workspace is wrapped, an engine passed through). */
export function engineOf(source: DataSource): Engine {
  return isEngine(source) ? source : duckdbEngine(source);
}

/** Connect to a ClickHouse cluster written by our ingest and check its tables on every shard. */
export async function openClickHouseEngine(target: ClickHouseTarget, options: { tables?: readonly string[] } = {}): Promise<Engine & { connection: ClickHouseConnection }> {
  // loaded here, not at the top: the DuckDB path never loads the ClickHouse client
  const [{ connectClickHouse }, { PLAN_COLUMNS, verifySchema }] = await Promise.all([import('./clickhouse.js'), import('./clickhouse-schema.js')]);
  /** The column's ClickHouse type wherever a plan table has it (literal key columns are cast to it). */
  const keyType = (column: string): string | undefined => {
    for (const cols of Object.values(PLAN_COLUMNS)) if (cols[column]) return cols[column];
    return undefined;
  };
  const connection = await connectClickHouse(target);
  try {
    await verifySchema(connection, options.tables);
  } catch (e) {
    await connection.close();
    throw e;
  }
  const dialect = clickhouseDialect(target.database, keyType);
  return {
    kind: 'clickhouse', label: describeEngine(target), where: describeEngine(target), dialect, connection,
    sql: (plan) => compilePlan(dialect, plan),
    async run(plan) {
      const cols = await connection.select(compilePlan(dialect, plan), plan.columns.map((c) => c.type));
      const outCols: PlanResult = {};
      plan.columns.forEach((c, k) => { outCols[c.name] = cols[k]; });
      return outCols;
    },
    close: () => connection.close(),
  };
}
