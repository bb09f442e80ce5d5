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
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { InputError, type ErrorCode } from '../core/errors.js';

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

/** How often a waiting run looks at the lock again. */
const LOCK_POLL_MS = 250;

/**
 * `acquireLock`, waiting up to `waitSeconds` (default 0: not at all) while another live run
 * holds the lock. When the wait runs out, the E_LOCKED error says how long it waited and still
 * names the holder (pid, start time). Used by ingest (`--wait`) and analyze.
 */
export async function waitForLock(lockPath: string, command: string, waitSeconds = 0): Promise<Lock> {
  if (!(Number.isFinite(waitSeconds) && waitSeconds >= 0)) {
    throw new InputError('E_OPTION', `--wait must be a number of seconds ≥ 0 (got ${waitSeconds})`, { field: 'wait', value: waitSeconds });
  }
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      return acquireLock(lockPath, command);
    } catch (e) {
      if (!(e instanceof InputError && e.code === E_LOCKED) || Date.now() >= deadline) {
        if (e instanceof InputError && e.code === E_LOCKED && waitSeconds > 0) e.message = `${e.message} (waited ${waitSeconds} s)`;
        throw e;
      }
    }
    await new Promise((r) => setTimeout(r, Math.min(LOCK_POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

/** The error code of a lock held by another run. */
export const E_LOCKED: ErrorCode = 'E_LOCKED';

/** What a lock file holds: who took it and when. */
export interface LockInfo {
  pid: number;
  /** When the holding process started (ISO 8601). */
  started: string;
  host: string;
  /** What it is doing (`ingest`, `analyze`). */
  command: string;
  /** Random token telling this lock from an earlier one of a process with the same pid. */
  token: string;
}

export interface Lock {
  readonly path: string;
  /** This lock's random token: names files that belong to this run (analyze's staging directory). */
  readonly token: string;
  /** The stale lock of a dead run that this lock replaced, or null. */
  readonly previous: LockInfo | null;
  /** Remove the lock file if it is still ours (idempotent). */
  release(): void;
}

const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000).toISOString();

function readLock(path: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(v.pid) && typeof v.started === 'string' && typeof v.token === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Take the exclusive lock `lockPath`: a small JSON file (pid, process start time, host, command)
 * created whole and atomically (written to a temp file, then hard-linked to `lockPath`, which
 * fails if it exists). If another live process holds it, throws InputError E_LOCKED naming its
 * pid and start time. A lock whose process is dead (same host) is stale: it is taken over, under
 * `<lockPath>.break` so two runs cannot both take it, and returned as `previous`. A lock file we
 * cannot read is not ours to delete: E_LOCKED says to remove it by hand.
 */
export function acquireLock(lockPath: string, command: string): Lock {
  const me: LockInfo = { pid: process.pid, started: PROCESS_STARTED, host: hostname(), command, token: randomBytes(8).toString('hex') };
  const locked = (why: string, holder: LockInfo | null): never => {
    throw new InputError(E_LOCKED, `${lockPath}: ${why}`, { file: lockPath, pid: holder?.pid, started: holder?.started, host: holder?.host, command: holder?.command });
  };
  const staging = `${lockPath}.${me.pid}-${me.token}.tmp`;
  writeFileSync(staging, `${JSON.stringify(me)}\n`, { flag: 'wx' });
  let previous: LockInfo | null = null;
  try {
    for (;;) {
      try {
        linkWhole(staging, lockPath);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(lockPath);
      if (!holder) locked('a lock file that is not readable as ours is in the way; remove it if no other cluster-atlas run uses this path', null);
      const stale = holder!.host === me.host && !(holder!.pid === me.pid ? holder!.started === me.started : isAlive(holder!.pid));
      if (!stale) locked(`${holder!.command} run by process ${holder!.pid} (started ${holder!.started} on ${holder!.host}) holds this lock; wait for it to finish, or remove the lock file if that process is gone`, holder);
      const breaker = `${lockPath}.break`;
      try {
        writeFileSync(breaker, `${me.pid}\n`, { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        locked(`another run is taking over the stale lock of process ${holder!.pid}; retry (remove ${breaker} if it stays)`, holder);
      }
      try {
        const again = readLock(lockPath);
        if (again && again.token === holder!.token) unlinkSync(lockPath);
      } finally {
        unlinkSync(breaker);
      }
      previous = holder;
    }
  } finally {
    rmSync(staging, { force: true });
  }
  let held = true;
  return {
    path: lockPath,
    token: me.token,
    previous,
    release() {
      if (!held) return;
      held = false;
      if (readLock(lockPath)?.token === me.token) rmSync(lockPath, { force: true });
    },
  };
}

/**
 * Create `target` with the content of `staging`, failing with EEXIST if it exists: a hard link
 * (the content is whole the moment the name appears); on a file system without hard links, an
 * exclusive create and one write.
 */
function linkWhole(staging: string, target: string): void {
  try {
    linkSync(staging, target);
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    writeFileSync(target, readFileSync(staging), { flag: 'wx' });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
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
