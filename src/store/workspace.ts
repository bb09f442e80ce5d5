/**
 * The embedded DuckDB workspace: one file holding every validated input table, the rejects and
 * the metadata of the ingest that built it.
 *
 * A workspace is never modified in place by ingest: `buildWorkspace` writes a new file beside
 * the old one and swaps it in with an atomic rename only after everything succeeded, so a crash
 * or Ctrl-C in the middle leaves the previous workspace intact. It holds a lock file beside the
 * workspace (`acquireLock`, also used by `analyze` for its output directory) and never
 * overwrites a file that is not a workspace.
 */
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { waitForLock } from './lock.js';

export { acquireLock, E_LOCKED, parseWaitOption, waitForLock, type Lock, type LockInfo } from './lock.js';

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
   * Run a query and yield its rows in chunks (arrays of plain values, in column order) without
   * holding the whole result. No other statement may run on this workspace until it is done.
   */
  stream(sql: string): AsyncIterable<unknown[][]>;
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
    async *stream(sql) {
      const result = await traced(sql, () => connection.stream(sql));
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) return;
        yield chunk.getRows().map((row) => row.map(plain));
      }
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

/** The first bytes of a DuckDB database file: an 8-byte checksum, then the magic `DUCK`. */
const DUCKDB_MAGIC = 'DUCK';
const DUCKDB_MAGIC_OFFSET = 8;

/**
 * May `path` be replaced by a new workspace? Yes when nothing is there, or when it is a DuckDB
 * file (header magic) holding our `meta` table. Anything else — the user's firms.csv given as
 * `-w`, an unrelated file, a directory, a DuckDB file of another program, a file we cannot read —
 * is refused with E_WORKSPACE and left as it is. Returns whether a workspace is there.
 */
async function checkReplaceable(path: string): Promise<boolean> {
  const refuse = (why: string): never => {
    throw new InputError('E_WORKSPACE', `${path} ${why}; refusing to overwrite it: choose another workspace path or move the file away`, { file: path, field: 'workspace' });
  };
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') refuse(`cannot be read (${(e as NodeJS.ErrnoException).code})`);
    if (existsSync(`${path}.wal`)) refuse(`does not exist but ${path}.wal does (a write-ahead log that is not ours)`);
    return false;
  }
  if (!isFile) refuse('is not a regular file');
  const head = Buffer.alloc(DUCKDB_MAGIC_OFFSET + DUCKDB_MAGIC.length);
  const fd = openSync(path, 'r');
  let got: number;
  try { got = readSync(fd, head, 0, head.length, 0); } finally { closeSync(fd); }
  if (got < head.length || head.toString('latin1', DUCKDB_MAGIC_OFFSET) !== DUCKDB_MAGIC) refuse('exists and is not a DuckDB file, so not a Cluster Atlas workspace');
  try {
    (await openWorkspace(path, { readOnly: true })).close();
  } catch (e) {
    if (e instanceof InputError && e.code === 'E_WORKSPACE') refuse('is a DuckDB file but not a Cluster Atlas workspace (no meta table), or one this version cannot read');
    throw e;
  }
  return true;
}

export interface BuildOptions {
  /**
   * Files that belong to the workspace and are swapped in with it (ingest's `rejects.csv`). The
   * build writes each one under the staged name it is given; see `buildWorkspace`.
   */
  companions?: string[];
  /** Wait up to this many seconds for another run's lock (default 0: fail at once with E_LOCKED). */
  waitSeconds?: number;
}

/**
 * Build a new workspace at `path` without touching the existing one until `build` resolves.
 *
 * The build holds the lock `<path>.lock` (see `acquireLock`): a second ingest of the same
 * workspace fails at once with E_LOCKED, or waits for it up to `waitSeconds`. A `path` that holds
 * something other than a workspace is never overwritten (`checkReplaceable`). The new database
 * is written to `<path>.building-<pid>`; on success it is checkpointed, closed and renamed over
 * `path` (atomic on one file system). On failure or interruption the partial file is removed and
 * the old workspace stays as it was.
 *
 * Companion files (`options.companions`) are written by `build` to `<companion>.building-<pid>`
 * (the `staged` names it receives, in the same order). At the swap, the old companion is removed
 * just before the workspace is renamed and the new one renamed into place just after, so a kill
 * at any moment leaves a companion either absent or the one of the workspace beside it — never
 * one from another run. A companion the build did not write is simply absent afterwards.
 *
 * Files removed: only this run's `<path>.building-<pid>` (and its `.wal`) and staged companions,
 * those of the dead run whose stale lock this run took over (the lock names that run), the old
 * companions being replaced, and the `.wal` of the old workspace being replaced (part of it;
 * DuckDB would otherwise replay it onto the new file).
 */
export async function buildWorkspace<T>(path: string, build: (ws: Workspace, staged: string[]) => Promise<T>, options: BuildOptions = {}): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const lock = await waitForLock(`${path}.lock`, 'ingest', options.waitSeconds);
  const tmp = `${path}.building-${process.pid}`;
  const companions = options.companions ?? [];
  const staged = companions.map((c) => `${c}.building-${process.pid}`);
  let ws: Workspace | undefined;
  let created = false;
  const removeTmp = (): void => {
    if (!created) return;
    rmSync(tmp, { force: true });
    rmSync(`${tmp}.wal`, { force: true });
    for (const f of staged) rmSync(f, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // A query may be running on DuckDB's threads: do not close under it; unlinking the open
    // files is safe on POSIX, then die of the same signal.
    removeTmp();
    lock.release();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const replacing = await checkReplaceable(path);
    if (lock.previous) {
      // the dead run that held the lock built here: its partial files are ours to remove
      const theirs = `${path}.building-${lock.previous.pid}`;
      for (const f of [theirs, `${theirs}.wal`, ...companions.map((c) => `${c}.building-${lock.previous!.pid}`)]) rmSync(f, { force: true });
    }
    for (const f of [tmp, `${tmp}.wal`, ...staged]) {
      if (existsSync(f)) throw new InputError('E_WORKSPACE', `${f} exists and was not written by this run; move it away and retry`, { file: f, field: 'workspace' });
    }
    created = true;
    const instance = await DuckDBInstance.create(tmp);
    ws = wrap(tmp, instance, await instance.connect());
    const result = await build(ws, staged);
    await ws.run('CHECKPOINT');
    ws.close();
    if (replacing) rmSync(`${path}.wal`, { force: true });
    for (const c of companions) rmSync(c, { force: true });
    renameSync(tmp, path);
    created = false;
    for (const [i, c] of companions.entries()) if (existsSync(staged[i])) renameSync(staged[i], c);
    return result;
  } catch (e) {
    try { ws?.close(); } catch { /* already closed */ }
    removeTmp();
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    lock.release();
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
