/**
 * The embedded DuckDB workspace: one file holding every validated input table, the rejects and
 * the metadata of the ingest that built it.
 *
 * A workspace is never modified in place by ingest: `buildWorkspace` writes a new file beside
 * the old one and swaps it in with an atomic rename only after everything succeeded, so a crash
 * or Ctrl-C in the middle leaves the previous workspace intact.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';

export const WORKSPACE_FORMAT = 'cluster-atlas-workspace/1';

export type AppendType = 'varchar' | 'double' | 'integer' | 'bigint';
export type Cell = string | number | null;

export interface Workspace {
  readonly path: string;
  readonly connection: DuckDBConnection;
  /** Run a statement, discarding results. */
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Run a query and return its rows as plain objects (BIGINT as number when safe). */
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Append rows through DuckDB's appender. `types` gives each column's appender type; a null
   * cell appends NULL. `temp` targets a TEMP table.
   */
  append(table: string, types: readonly AppendType[], rows: Iterable<readonly Cell[]>, options?: { temp?: boolean }): Promise<void>;
  close(): void;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const v = value as { items?: unknown[]; entries?: Record<string, unknown>; toString(): string };
    if (Array.isArray(v.items)) return v.items.map(plain); // DuckDBListValue
    if (v.entries && typeof v.entries === 'object') {
      return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, plain(x)]));
    }
    return v.toString();
  }
  return value;
}

/** CLUSTER_ATLAS_TRACE=1 prints every statement's time to stderr (for profiling). */
const TRACE = Boolean(process.env.CLUSTER_ATLAS_TRACE);
async function traced<T>(sql: string, run: () => Promise<T>): Promise<T> {
  if (!TRACE) return run();
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    process.stderr.write(`[sql ${(performance.now() - t0).toFixed(0).padStart(6)} ms @${performance.now().toFixed(0)}] ${sql.replace(/\s+/g, ' ').slice(0, 140)}\n`);
  }
}

function wrap(path: string, instance: DuckDBInstance, connection: DuckDBConnection): Workspace {
  return {
    path,
    connection,
    async run(sql, params) {
      await traced(sql, async () => {
        if (params && params.length) await connection.run(sql, params as never);
        else await connection.run(sql);
      });
    },
    async all<T>(sql: string, params?: unknown[]) {
      const reader = await traced(sql, () => (params && params.length
        ? connection.runAndReadAll(sql, params as never)
        : connection.runAndReadAll(sql)));
      return reader.getRowObjects().map((row) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(row)) out[k] = plain(v);
        return out as T;
      });
    },
    async append(table, types, rows, options = {}) {
      const appender = options.temp ? await connection.createAppender(table, 'main', 'temp') : await connection.createAppender(table);
      for (const row of rows) {
        for (let j = 0; j < types.length; j++) {
          const v = row[j];
          if (v === null || v === undefined) appender.appendNull();
          else if (types[j] === 'varchar') appender.appendVarchar(String(v));
          else if (types[j] === 'double') appender.appendDouble(Number(v));
          else if (types[j] === 'integer') appender.appendInteger(Number(v));
          else appender.appendBigInt(BigInt(v));
        }
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Open an in-memory DuckDB (scratch work, tests). */
export async function openMemory(): Promise<Workspace> {
  const instance = await DuckDBInstance.create(':memory:');
  return wrap(':memory:', instance, await instance.connect());
}

/** Open an existing workspace file, read-only by default. */
export async function openWorkspace(path: string, options: { readOnly?: boolean } = {}): Promise<Workspace> {
  if (!existsSync(path)) {
    throw new InputError('E_WORKSPACE', `no workspace at ${path}: run \`cluster-atlas ingest\` first`, { file: path });
  }
  const readOnly = options.readOnly ?? true;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
  } catch (e) {
    throw new InputError('E_WORKSPACE', `${path} is not a readable DuckDB workspace: ${(e as Error).message}`, { file: path });
  }
  const ws = wrap(path, instance, await instance.connect());
  const meta = await ws.all("SELECT table_name FROM duckdb_tables() WHERE table_name = 'meta'").catch(() => []);
  if (meta.length === 0) {
    ws.close();
    throw new InputError('E_WORKSPACE', `${path} is a DuckDB file but not a Cluster Atlas workspace (no meta table)`, { file: path });
  }
  return ws;
}

/**
 * Build a new workspace at `path` without touching the existing one until `build` resolves.
 * The new database is written to `<path>.building-<pid>`; on success it is checkpointed, closed
 * and renamed over `path` (atomic on one file system). On failure or interruption the partial
 * file is removed and the old workspace stays as it was.
 */
export async function buildWorkspace<T>(path: string, build: (ws: Workspace) => Promise<T>): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  cleanStaleBuilds(path);
  const tmp = `${path}.building-${process.pid}`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  let ws: Workspace | undefined;
  const abandon = (): void => {
    try { ws?.close(); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // A query may be running on DuckDB's threads: do not close under it; unlinking the open
    // files is safe on POSIX, then die of the same signal.
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const instance = await DuckDBInstance.create(tmp);
    ws = wrap(tmp, instance, await instance.connect());
    const result = await build(ws);
    await ws.run('CHECKPOINT');
    ws.close();
    rmSync(`${path}.wal`, { force: true });
    renameSync(tmp, path);
    return result;
  } catch (e) {
    abandon();
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** Remove `<path>.building-<pid>` files left by builds whose process no longer exists. */
function cleanStaleBuilds(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.building-`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) continue;
    rmSync(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Quote an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote an SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
