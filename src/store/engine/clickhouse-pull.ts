/**
 * A ClickHouse cluster's tables copied into a local DuckDB workspace, for the steps that work on
 * every firm at once and so run on one machine: the diagnosis (discovery, candidate indicators,
 * rules) and `analyze`, which builds on it. The measure verbs do not need this: their plans run on
 * the cluster (engine.ts).
 *
 * Each Distributed table of the database (what `ingest --engine` wrote) is streamed as
 * JSONEachRow into a temporary file in chunks, then read by DuckDB with the column types of the
 * original workspace (ClickHouse type → DuckDB type), so our process never holds a table. The
 * workspace is built beside its final path and renamed into place when every table has arrived
 * and its row count matches the cluster's (`buildWorkspace`): a failure leaves no workspace.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { InputError } from '../../core/errors.js';
import { buildWorkspace, type Workspace } from '../workspace.js';
import { chString, chIdent, clickhouseMessage, type ClickHouseConnection } from './clickhouse.js';
import { describeEngine } from './url.js';

/** DuckDB type for a ClickHouse column type of our tables (the inverse of chType). */
export function duckdbTypeOf(chType: string): string {
  const inner = chType.replace(/^Nullable\((.*)\)$/, '$1');
  if (/^Array\((.*)\)$/.test(inner)) return `${duckdbTypeOf(inner.slice(6, -1))}[]`;
  switch (inner) {
    case 'String': return 'VARCHAR';
    case 'Float64': case 'Float32': return 'DOUBLE';
    case 'Int32': return 'INTEGER';
    case 'Int64': case 'UInt64': case 'UInt32': return 'BIGINT';
    case 'UInt8': return 'BOOLEAN';
    default: throw new InputError('E_ENGINE', `a ClickHouse column of type ${chType} has no workspace type`, { value: chType });
  }
}

function duckIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export interface PullSummary { tables: { table: string; rows: number }[]; elapsedMs: number }

/** Copy every table of the cluster's database into a new workspace at `path` (atomic). */
export async function pullClickHouseIntoWorkspace(conn: ClickHouseConnection, path: string): Promise<PullSummary> {
  const t0 = Date.now();
  const db = conn.target.database;
  const [names] = await conn.select(`SELECT name FROM system.tables WHERE database = ${chString(db)} AND engine = 'Distributed' ORDER BY name`, ['string']);
  const tables = (names as string[]).filter((n) => !n.includes('__'));
  if (!tables.includes('firms') || !tables.includes('meta')) {
    throw new InputError('E_ENGINE', `--engine ${describeEngine(conn.target)}: database ${db} holds no firms/meta tables: load it with \`cluster-atlas ingest --engine …\``, { field: 'engine', value: db });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-pull-'));
  const summary: PullSummary = { tables: [], elapsedMs: 0 };
  try {
    await buildWorkspace(path, async (ws: Workspace) => {
      for (const table of tables) summary.tables.push({ table, rows: await pullTable(conn, ws, table, join(scratch, `${table}.jsonl`)) });
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  summary.elapsedMs = Date.now() - t0;
  return summary;
}

async function pullTable(conn: ClickHouseConnection, ws: Workspace, table: string, file: string): Promise<number> {
  const db = conn.target.database;
  const [cols, types] = await conn.select(`SELECT name, type FROM system.columns WHERE database = ${chString(db)} AND table = ${chString(table)}`, ['string', 'string']);
  const columns = (cols as string[]).map((name, k) => ({ name, duck: duckdbTypeOf(types[k] as string) }));
  await ws.run(`CREATE TABLE ${duckIdent(table)} (${columns.map((c) => `${duckIdent(c.name)} ${c.duck}`).join(', ')})`);
  const [expected] = await conn.select(`SELECT count() FROM ${chIdent(db)}.${chIdent(table)}`, ['number']);
  const out = createWriteStream(file);
  try {
    const rs = await conn.clients[0].query({ query: `SELECT ${columns.map((c) => chIdent(c.name)).join(', ')} FROM ${chIdent(db)}.${chIdent(table)}`, format: 'JSONEachRow' });
    for await (const rows of rs.stream()) {
      for (const row of rows as { text: string }[]) {
        if (!out.write(`${row.text}\n`)) await once(out, 'drain');
      }
    }
  } catch (e) {
    out.destroy();
    if (e instanceof InputError) throw e;
    throw new InputError('E_ENGINE', `--engine ${describeEngine(conn.target)}: reading ${db}.${table} failed: ${clickhouseMessage(e)}`, { field: 'engine', value: table });
  }
  out.end();
  await once(out, 'finish');
  if (Number(expected[0]) > 0) {
    const spec = columns.map((c) => `'${c.name.replace(/'/g, "''")}': '${c.duck}'`).join(', ');
    await ws.run(`INSERT INTO ${duckIdent(table)} SELECT * FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', columns = {${spec}})`);
  }
  const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${duckIdent(table)}`);
  if (Number(n) !== Number(expected[0])) {
    throw new InputError('E_ENGINE', `--engine ${describeEngine(conn.target)}: ${db}.${table} has ${expected[0]} rows but ${n} arrived`, { field: 'engine', value: table });
  }
  return Number(n);
}
