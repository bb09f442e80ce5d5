/**
 * `ingest --engine clickhouse://…`: copy every table of a validated DuckDB workspace into a
 * ClickHouse cluster, replacing the previous copy only when the whole new one is in place.
 *
 * Layout, for each workspace table t (see clickhouse-schema.ts):
 *   every host   t_local  MergeTree ORDER BY tuple()   (no sort key: the plans scan whole tables;
 *                                                       Nullable columns cannot be a sort key in 18.16)
 *   every host   t        Distributed(cluster, db, t_local, cityHash64(ifNull(toString(key), '')))
 * key = SHARD_KEYS[t] when t has that column, else t's first column.
 *
 * Steps, each one naming host and table when it fails (E_ENGINE, one line, never the password):
 *  1. connect to every host (reachable, the cluster has one shard per URL host);
 *  2. refuse a database holding tables we did not write: tables but no `meta` row
 *     engine_format = ENGINE_FORMAT (our own staging leftovers of a crashed run do not count);
 *     a missing or empty database is created on every host;
 *  3. per table: `t__new_local` on every host and `t__new` (Distributed over them) on the
 *     initiator; the rows streamed from DuckDB as RowBinary (clickhouse-rowbinary.ts: exact doubles,
 *     where 18.16's text formats are off by an ulp or two) into `t__new` with
 *     insert_distributed_sync=1 (memory stays flat: one DuckDB chunk and one 1 MB piece at a time);
 *     then the count of every shard's `t__new_local`, whose sum must equal DuckDB's count;
 *  4. per host, per table: RENAME t_local → t__old_local, t__new_local → t_local, and a fresh
 *     Distributed t over the new columns (t → t__old, t__next → t). ClickHouse 18.16 renames one
 *     pair at a time (a multi-table RENAME stops half-way when one pair fails), so every rename is
 *     journalled and undone in reverse order when a later one fails;
 *  5. drop the old tables. `meta`, with the marker row, is loaded and swapped last.
 * On a failure before step 4 the staging tables are dropped on every host that answers and the old
 * tables were never touched. Hosts are swapped one after the other (18.16 has no ON CLUSTER DDL
 * without ZooKeeper): a query running during the swap may see old shards beside new ones.
 */
import { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import type { Workspace } from '../workspace.js';
import { chIdent, chString, clickhouseMessage, connectClickHouse, engineError, type ClickHouseConnection } from './clickhouse.js';
import { ENGINE_FORMAT, SHARD_KEYS } from './clickhouse-schema.js';
import { workspaceTables, type WorkspaceTable } from './clickhouse-tables.js';
import { rowBinaryPieces } from './clickhouse-rowbinary.js';
import { describeEngine, type ClickHouseTarget } from './url.js';

export interface LoadProgress {
  table: string;
  /** `load`: rows sent so far; `verify`: counting the shards; `swap`; `done`: the table is in place. */
  stage: 'load' | 'verify' | 'swap' | 'done';
  /** Index of this table among those loaded, and their count. */
  index: number;
  total: number;
  rows: number;
}

export interface LoadedTable {
  table: string;
  rows: number;
  /** Rows on each host of the URL, in URL order. */
  perShard: number[];
}

export interface LoadResult {
  /** The target as printed: hosts, database, cluster, user (never the password). */
  target: string;
  tables: LoadedTable[];
  elapsedMs: number;
  /** Old tables that could not be dropped after the swap (the next load drops them). */
  warnings: string[];
}

export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  /** Test hook, called after each table's staging load and after each host's swap of a table; throwing simulates a failure there. */
  afterStep?: (step: { table: string; stage: 'loaded' | 'swapped'; host?: number }) => void | Promise<void>;
}

/** Names of our own intermediate tables: left behind only by a crashed load, dropped by the next. */
const STAGING = /__(new_local|new|next|old_local|old)$/;

function shardKey(t: WorkspaceTable): string {
  const wanted = SHARD_KEYS[t.name];
  const col = t.columns.find((c) => c.name === wanted) ?? t.columns[0];
  return `cityHash64(ifNull(toString(${chIdent(col.name)}), ''))`;
}

/** Load every table of `ws` into the cluster of `target`, replacing the previous load atomically per host. */
export async function loadWorkspaceIntoClickHouse(ws: Workspace, target: ClickHouseTarget, options: LoadOptions = {}): Promise<LoadResult> {
  const started = Date.now();
  const tables = await workspaceTables(ws); // throws E_ENGINE for a column type ClickHouse cannot hold, before any connection
  const counts = new Map<string, number>();
  for (const t of tables) {
    const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM "${t.name}"`);
    counts.set(t.name, Number(n));
  }
  const conn = await connectClickHouse(target, { requireDatabase: false });
  try {
    return await load(conn, ws, tables, counts, options, started);
  } finally {
    await conn.close();
  }
}

/**
 * The checks of steps 1–2 alone, writing nothing: every host answers, the cluster is whole, and the
 * database is missing, empty or ours. `ingest --engine` runs them before the (long) ingest.
 */
export async function checkLoadTarget(target: ClickHouseTarget): Promise<void> {
  const conn = await connectClickHouse(target, { requireDatabase: false });
  try {
    await refuseForeign(conn, await existingTables(conn));
  } finally {
    await conn.close();
  }
}

async function load(conn: ClickHouseConnection, ws: Workspace, tables: WorkspaceTable[], counts: Map<string, number>, options: LoadOptions, started: number): Promise<LoadResult> {
  const target = conn.target;
  const hosts = conn.clients.length;
  const db = chIdent(target.database);
  const q = (name: string): string => `${db}.${chIdent(name)}`;
  const run = async (k: number, what: string, sql: string): Promise<void> => {
    try {
      await conn.clients[k].command({ query: sql });
    } catch (e) {
      throw engineError(target, k, what, e);
    }
  };
  const present = await existingTables(conn);
  await refuseForeign(conn, present);
  for (let k = 0; k < hosts; k++) await run(k, `creating database ${target.database}`, `CREATE DATABASE IF NOT EXISTS ${db}`);
  for (let k = 0; k < hosts; k++) {
    for (const name of present[k].filter((n) => STAGING.test(n))) await run(k, `dropping ${name}, a leftover of an earlier load`, `DROP TABLE IF EXISTS ${q(name)}`);
  }

  const dropStaging = async (): Promise<void> => {
    await Promise.all(conn.clients.map(async (c) => {
      for (const t of tables) {
        for (const name of [`${t.name}__new`, `${t.name}__next`, `${t.name}__new_local`]) {
          // a host that is down keeps its leftovers: the next load drops them
          await c.command({ query: `DROP TABLE IF EXISTS ${q(name)}` }).catch(() => undefined);
        }
      }
    }));
  };

  const loaded: LoadedTable[] = [];
  try {
    for (const [index, t] of tables.entries()) {
      const progress = (stage: LoadProgress['stage'], rows: number): void => options.onProgress?.({ table: t.name, stage, index, total: tables.length, rows });
      const columns = t.columns.map((c) => `${chIdent(c.name)} ${c.clickhouseType}`).join(', ');
      for (let k = 0; k < hosts; k++) {
        await run(k, `table ${t.name}: creating ${t.name}__new_local`, `CREATE TABLE ${q(`${t.name}__new_local`)} (${columns}) ENGINE = MergeTree ORDER BY tuple()`);
      }
      await run(0, `table ${t.name}: creating ${t.name}__new`, `CREATE TABLE ${q(`${t.name}__new`)} AS ${q(`${t.name}__new_local`)} ENGINE = Distributed(${chString(target.cluster)}, ${chString(target.database)}, ${chString(`${t.name}__new_local`)}, ${shardKey(t)})`);
      const expected = counts.get(t.name) ?? 0;
      const extra = t.name === 'meta' ? [['engine_format', ENGINE_FORMAT]] : [];
      const sent = await insertRows(conn, ws, t, q(`${t.name}__new`), extra, (rows) => progress('load', rows));
      progress('verify', sent);
      const perShard: number[] = [];
      for (let k = 0; k < hosts; k++) {
        const [[n]] = await conn.select(`SELECT count() FROM ${q(`${t.name}__new_local`)}`, ['number'], { host: k });
        perShard.push(Number(n));
      }
      const total = perShard.reduce((a, b) => a + b, 0);
      if (sent !== expected + extra.length || total !== sent) {
        throw engineError(target, 0, `table ${t.name}: the shards hold ${total} row(s) (${perShard.join(' + ')}) after sending ${sent}, but the workspace has ${expected + extra.length}`);
      }
      await run(0, `table ${t.name}: dropping ${t.name}__new`, `DROP TABLE ${q(`${t.name}__new`)}`);
      loaded.push({ table: t.name, rows: total, perShard });
      await options.afterStep?.({ table: t.name, stage: 'loaded' });
    }
  } catch (e) {
    await dropStaging();
    throw e;
  }

  await swapIn(conn, tables, present, options, dropStaging);

  const warnings: string[] = [];
  for (let k = 0; k < hosts; k++) {
    for (const t of tables) {
      for (const name of [`${t.name}__old`, `${t.name}__old_local`]) {
        await conn.clients[k].command({ query: `DROP TABLE IF EXISTS ${q(name)}` }).catch((e: unknown) => {
          warnings.push(`could not drop ${target.database}.${name} on ${target.hosts[k].host}:${target.hosts[k].port} (${clickhouseMessage(e)}); the next load drops it`);
        });
      }
      if (k === hosts - 1) options.onProgress?.({ table: t.name, stage: 'done', index: tables.indexOf(t), total: tables.length, rows: counts.get(t.name) ?? 0 });
    }
  }
  return { target: describeEngine(target), tables: loaded, elapsedMs: Date.now() - started, warnings };
}

/** Every host's table names in the database (empty when it does not exist). */
async function existingTables(conn: ClickHouseConnection): Promise<string[][]> {
  const out: string[][] = [];
  for (let k = 0; k < conn.clients.length; k++) {
    const [names] = await conn.select(`SELECT name FROM system.tables WHERE database = ${chString(conn.target.database)}`, ['string'], { host: k });
    out.push(names.map(String));
  }
  return out;
}

/** Refuse (E_ENGINE, nothing written) a database with tables but without our marker in `meta`. */
async function refuseForeign(conn: ClickHouseConnection, present: string[][]): Promise<void> {
  const target = conn.target;
  const ours = present.map((names) => names.filter((n) => !STAGING.test(n)));
  if (ours.every((names) => names.length === 0)) return;
  let marked = 0;
  for (let k = 0; k < ours.length; k++) {
    if (!ours[k].includes('meta_local')) continue;
    const [[n]] = await conn.select(`SELECT count() FROM ${chIdent(target.database)}.meta_local WHERE key = 'engine_format' AND value = ${chString(ENGINE_FORMAT)}`, ['number'], { host: k });
    marked += Number(n);
  }
  const k = ours.findIndex((names) => names.length > 0 && (marked === 0 || !names.includes('meta_local')));
  if (k < 0) return;
  const sample = ours[k].filter((n) => n !== 'meta' && n !== 'meta_local').slice(0, 3).join(', ') || ours[k][0];
  throw engineError(target, k, `database ${target.database} holds tables that cluster-atlas did not write (${sample}${ours[k].length > 3 ? ', …' : ''}; no meta row engine_format = ${ENGINE_FORMAT}): nothing was written; load into a new or empty database`);
}

/** Stream the table from DuckDB into `into` as RowBinary; returns the number of rows sent. */
async function insertRows(conn: ClickHouseConnection, ws: Workspace, t: WorkspaceTable, into: string, extra: readonly (readonly unknown[])[], onRows: (rows: number) => void): Promise<number> {
  let sent = 0;
  const pieces = rowBinaryPieces(ws, t, {
    where: t.name === 'meta' ? "key <> 'engine_format'" : undefined, extra,
    onRows: (rows) => { sent = rows; onRows(rows); },
  });
  try {
    const r = await conn.clients[0].exec({
      query: `INSERT INTO ${into} FORMAT RowBinary`, values: Readable.from(pieces, { objectMode: false }),
      clickhouse_settings: { insert_distributed_sync: 1 },
    });
    r.stream.resume(); // the (empty) response body
    await new Promise<void>((res, rej) => { r.stream.once('end', res).once('close', res).once('error', rej); });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw engineError(conn.target, 0, `table ${t.name}: loading the rows failed after ${sent} sent`, e);
  }
  return sent;
}

/** Step 4: per host and table, the journalled renames; undone in reverse when one fails. */
async function swapIn(conn: ClickHouseConnection, tables: WorkspaceTable[], present: string[][], options: LoadOptions, dropStaging: () => Promise<void>): Promise<void> {
  const target = conn.target;
  const db = chIdent(target.database);
  const q = (name: string): string => `${db}.${chIdent(name)}`;
  const journal: { k: number; from: string; to: string }[] = [];
  const rename = async (k: number, table: string, from: string, to: string): Promise<void> => {
    try {
      await conn.clients[k].command({ query: `RENAME TABLE ${q(from)} TO ${q(to)}` });
    } catch (e) {
      throw engineError(target, k, `table ${table}: renaming ${from} to ${to} failed`, e);
    }
    journal.push({ k, from, to });
  };
  try {
    for (let k = 0; k < conn.clients.length; k++) {
      for (const t of tables) {
        options.onProgress?.({ table: t.name, stage: 'swap', index: tables.indexOf(t), total: tables.length, rows: 0 });
        try {
          await conn.clients[k].command({ query: `CREATE TABLE ${q(`${t.name}__next`)} AS ${q(`${t.name}__new_local`)} ENGINE = Distributed(${chString(target.cluster)}, ${chString(target.database)}, ${chString(`${t.name}_local`)}, ${shardKey(t)})` });
        } catch (e) {
          throw engineError(target, k, `table ${t.name}: creating ${t.name}__next failed`, e);
        }
        if (present[k].includes(`${t.name}_local`)) await rename(k, t.name, `${t.name}_local`, `${t.name}__old_local`);
        await rename(k, t.name, `${t.name}__new_local`, `${t.name}_local`);
        if (present[k].includes(t.name)) await rename(k, t.name, t.name, `${t.name}__old`);
        await rename(k, t.name, `${t.name}__next`, t.name);
        await options.afterStep?.({ table: t.name, stage: 'swapped', host: k });
      }
    }
  } catch (e) {
    const failed: string[] = [];
    for (const { k, from, to } of journal.reverse()) {
      await conn.clients[k].command({ query: `RENAME TABLE ${q(to)} TO ${q(from)}` }).catch(() => failed.push(`${to} on ${target.hosts[k].host}:${target.hosts[k].port}`));
    }
    await dropStaging();
    if (failed.length && e instanceof InputError) {
      throw new InputError('E_ENGINE', `${e.message}; restoring the previous tables failed for ${failed.slice(0, 3).join(', ')}${failed.length > 3 ? ', …' : ''}: run the load again`, e.details);
    }
    throw e;
  }
}
