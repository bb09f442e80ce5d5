/**
 * Test helper: the demo's firms on a ClickHouse cluster, written by hand (the real loader,
 * src/store/engine/clickhouse-load.ts, lives on another branch): on every shard `firms_local`
 * (MergeTree) and the Distributed `firms` sharded by cityHash64(ifNull(id, '')), plus `meta` and
 * `regions` with the plan columns of src/store/engine/clickhouse-schema.ts; rows inserted through
 * the Distributed tables with insert_distributed_sync = 1.
 */
import { createClient } from '@clickhouse/client';
import type { Workspace } from '../src/store/workspace.js';
import { ENGINE_FORMAT, PLAN_COLUMNS, SHARD_KEYS } from '../src/store/engine/clickhouse-schema.js';

/** Extra firm columns the pair histogram may read (BOOLEAN in DuckDB → Nullable(UInt8)). */
const EXTRA: Record<string, Record<string, string>> = { firms: { in_study_area: 'Nullable(UInt8)' } };

export async function loadIntoClickHouse(ws: Workspace, httpPorts: readonly number[], database: string): Promise<void> {
  const clients = httpPorts.map((p) => createClient({ url: `http://127.0.0.1:${p}`, compression: { request: false, response: false } }));
  try {
    const tables = ['firms', 'meta', 'regions'];
    for (const c of clients) {
      await c.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
      for (const t of tables) {
        const cols = Object.entries({ ...PLAN_COLUMNS[t], ...(EXTRA[t] ?? {}) }).map(([n, ty]) => `${n} ${ty}`).join(', ');
        const key = SHARD_KEYS[t] ?? Object.keys(PLAN_COLUMNS[t])[0];
        await c.command({ query: `CREATE TABLE ${database}.${t}_local (${cols}) ENGINE = MergeTree ORDER BY tuple()` });
        await c.command({ query: `CREATE TABLE ${database}.${t} AS ${database}.${t}_local ENGINE = Distributed(atlas, ${database}, ${t}_local, cityHash64(ifNull(${key}, '')))` });
      }
    }
    const firmCols = Object.keys({ ...PLAN_COLUMNS.firms, ...EXTRA.firms });
    const firms = await ws.all<Record<string, unknown>>(`SELECT ${firmCols.map((c) => (c === 'in_study_area' ? 'CAST(in_study_area AS INTEGER) AS in_study_area' : `"${c}"`)).join(', ')} FROM firms`);
    const plain = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
    const settings = { insert_distributed_sync: 1 } as never;
    await clients[0].insert({ table: `${database}.firms`, values: firms.map(plain), format: 'JSONEachRow', clickhouse_settings: settings });
    const regions = await ws.all<Record<string, unknown>>('SELECT code, level FROM regions');
    await clients[0].insert({ table: `${database}.regions`, values: regions.map(plain), format: 'JSONEachRow', clickhouse_settings: settings });
    const meta = await ws.all<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key = 'industry_code_system'`);
    await clients[0].insert({ table: `${database}.meta`, values: [{ key: 'engine_format', value: ENGINE_FORMAT }, ...meta], format: 'JSONEachRow', clickhouse_settings: settings });
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}
