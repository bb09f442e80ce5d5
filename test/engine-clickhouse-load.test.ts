import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseAvailable, CLICKHOUSE_BINARY, startLocalCluster, type LocalCluster } from '../scripts/clickhouse-cluster.js';
import { runIngest } from '../src/cli/commands/ingest.js';
import type { CliContext } from '../src/cli/output.js';
import { AtlasError } from '../src/core/errors.js';
import { connectClickHouse } from '../src/store/engine/clickhouse.js';
import { loadWorkspaceIntoClickHouse, type LoadOptions } from '../src/store/engine/clickhouse-load.js';
import { ENGINE_FORMAT, verifySchema } from '../src/store/engine/clickhouse-schema.js';
import { parseEngine, type ClickHouseTarget } from '../src/store/engine/url.js';
import { openMemory, openWorkspace, type Workspace } from '../src/store/workspace.js';
import { demoWorkspace, editJson, requireBuild, runCli } from './helpers.js';

// `ingest --engine clickhouse://…`: a validated workspace copied into a 3-shard ClickHouse 18.16
// cluster on loopback (scripts/clickhouse-cluster.ts), one cluster for the whole file. The demo's
// counts and rows against DuckDB's, disjoint shards, replacement, refusal of a foreign database,
// failures before and during the swap, an unreachable host, the password kept out of messages,
// and the CLI (flag, project block, --strict). The last test stops a shard.
const have = clickhouseAvailable();
if (!have) console.warn(`engine-clickhouse-load: skipped, no ClickHouse server at ${CLICKHOUSE_BINARY} (apt-get install clickhouse-server, or set CLUSTER_ATLAS_CLICKHOUSE)`);

let cluster: LocalCluster;
let demoDir: string;
let demo: Workspace;
let clients: ClickHouseClient[];
const scratch: string[] = [];

const target = (db: string, env: NodeJS.ProcessEnv = {}): ClickHouseTarget => parseEngine(cluster.url(db), env) as ClickHouseTarget;
const text = async (k: number, sql: string): Promise<string> => (await (await clients[k].query({ query: sql, format: 'TabSeparated' })).text()).trim();
const count = async (k: number, sql: string): Promise<number> => Number(await text(k, sql));
const tablesOn = async (k: number, db: string): Promise<string[]> => (await text(k, `SELECT name FROM system.tables WHERE database = '${db}' ORDER BY name`)).split('\n').filter(Boolean);
const duckCount = async (ws: Workspace, table: string): Promise<number> => Number((await ws.all<{ n: number }>(`SELECT count(*)::BIGINT n FROM "${table}"`))[0].n);

/** A small workspace of awkward values: escapes, NULLs, non-finite doubles, lists, booleans, 64-bit ints. */
async function oddWorkspace(rows: number): Promise<Workspace> {
  const ws = await openMemory();
  await ws.run('CREATE TABLE firms (id VARCHAR, name VARCHAR, employees DOUBLE, founded INTEGER, big BIGINT, ok BOOLEAN, functions VARCHAR[])');
  await ws.run(String.raw`INSERT INTO firms VALUES
    ('a', 'tab' || chr(9) || 'nl' || chr(10) || 'cr' || chr(13) || 'bs\ q''"', 1e21, 1999, 9007199254740993, true, ['x' || chr(9) || 'y', 'q''z', 'b\s', NULL]),
    ('b', NULL, 'nan'::DOUBLE, NULL, NULL, NULL, NULL),
    ('c', '温州瓯步鞋业 é', '-inf'::DOUBLE, -5, -1, false, []),
    ('d', '', 0.1, 0, 0, false, ['中'])`);
  await ws.run(`INSERT INTO firms SELECT 'g' || i, 'n' || i, i * 0.5, i, i, i % 2 = 0, ['s' || i] FROM range(${rows - 4}) t(i)`);
  await ws.run('CREATE TABLE meta (key VARCHAR, value VARCHAR)');
  await ws.run(`INSERT INTO meta VALUES ('rows', '${rows}')`);
  return ws;
}

beforeAll(async () => {
  if (!have) return;
  [cluster, demoDir] = await Promise.all([startLocalCluster({ shards: 3 }), demoWorkspace(7, 0.3, 'atlas-chload-')]);
  demo = await openWorkspace(join(demoDir, '.cluster-atlas', 'workspace.duckdb'));
  clients = cluster.shards.map((s) => createClient({ url: `http://127.0.0.1:${s.http}`, log: { level: ClickHouseLogLevel.OFF } }));
}, 180_000);

afterAll(async () => {
  demo?.close();
  await Promise.all((clients ?? []).map((c) => c.close()));
  await cluster?.stop();
  for (const d of [demoDir, ...scratch]) if (d) rmSync(d, { recursive: true, force: true });
}, 60_000);

describe.skipIf(!have)('loadWorkspaceIntoClickHouse on a 3-shard loopback cluster', () => {
  it('loads every table of the demo: cluster counts equal DuckDB\'s, on every host, and the schema verifies', async () => {
    const r = await loadWorkspaceIntoClickHouse(demo, target('demo'));
    const names = (await demo.all<{ t: string }>("SELECT table_name t FROM duckdb_tables() WHERE NOT temporary")).map((x) => x.t).sort();
    expect(r.tables.map((t) => t.table).sort()).toEqual(names);
    for (const t of r.tables) {
      const want = (await duckCount(demo, t.table)) + (t.table === 'meta' ? 1 : 0); // + the engine_format row
      expect(t.rows, t.table).toBe(want);
      expect(t.perShard.reduce((a, b) => a + b, 0), t.table).toBe(want);
      for (let k = 0; k < 3; k++) {
        expect(await count(k, `SELECT count() FROM demo.${t.table}`), `${t.table} via host ${k + 1}`).toBe(want);
        expect(await count(k, `SELECT count() FROM demo.${t.table}_local`), `${t.table}_local on host ${k + 1}`).toBe(t.perShard[k]);
      }
    }
    expect(await text(1, `SELECT value FROM demo.meta WHERE key = 'engine_format'`)).toBe(ENGINE_FORMAT);
    const conn = await connectClickHouse(target('demo'));
    try {
      await verifySchema(conn); // the lead's verifier accepts what the loader wrote
    } finally {
      await conn.close();
    }
    for (let k = 0; k < 3; k++) expect((await tablesOn(k, 'demo')).filter((n) => n.includes('__'))).toEqual([]);
  }, 120_000);

  it('shards hold disjoint parts of the firms whose union is the table, each a fair share', async () => {
    const total = await duckCount(demo, 'firms');
    const perShard: number[] = [];
    for (let k = 0; k < 3; k++) perShard.push(await count(k, 'SELECT uniqExact(id) FROM demo.firms_local'));
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(total); // distinct per shard sum to the total: no id on two shards
    expect(await count(0, 'SELECT uniqExact(id) FROM demo.firms')).toBe(total);
    for (const n of perShard) expect(n).toBeGreaterThan(total / 6); // cityHash64 of the id: about a third each
  });

  it('round-trips the firms\' values exactly (strings, doubles to the bit, lists, booleans)', async () => {
    const cols = 'id, name, industry, region, employees, lon, lat, functions, in_study_area';
    const duck = await demo.all<Record<string, unknown>>(`SELECT ${cols} FROM firms ORDER BY id`);
    const r = await clients[2].query({ query: `SELECT ${cols} FROM demo.firms ORDER BY id`, format: 'JSONEachRow' });
    const ch = (await r.json()) as Record<string, unknown>[];
    expect(ch.length).toBe(duck.length);
    for (let i = 0; i < duck.length; i++) {
      const d = duck[i];
      expect({ ...ch[i], in_study_area: ch[i].in_study_area === null ? null : ch[i].in_study_area === 1 }).toEqual({ ...d, functions: d.functions ?? [] });
    }
  }, 60_000);

  it('writes awkward values unchanged: TAB, LF, CR, backslash, quotes, NULL, nan/±inf, lists, 2^53+1', async () => {
    const ws = await oddWorkspace(10);
    try {
      await loadWorkspaceIntoClickHouse(ws, target('odd'));
    } finally {
      ws.close();
    }
    const r = await clients[0].query({ query: "SELECT id, name, toString(employees) AS e, founded, toString(big) AS big, ok, functions FROM odd.firms WHERE id IN ('a', 'b', 'c', 'd') ORDER BY id", format: 'JSONEachRow' });
    expect(await r.json()).toEqual([
      { id: 'a', name: 'tab\tnl\ncr\rbs\\ q\'"', e: '1e21', founded: 1999, big: '9007199254740993', ok: 1, functions: ['x\ty', "q'z", 'b\\s', ''] },
      { id: 'b', name: null, e: 'nan', founded: null, big: null, ok: null, functions: [] },
      { id: 'c', name: '温州瓯步鞋业 é', e: '-inf', founded: -5, big: '-1', ok: 0, functions: [] },
      { id: 'd', name: '', e: '0.1', founded: 0, big: '0', ok: 0, functions: ['中'] },
    ]);
  });

  it('re-loading replaces: the new rows, the same layout, no __new/__old table left', async () => {
    const before = await Promise.all([0, 1, 2].map((k) => tablesOn(k, 'odd')));
    const ws = await oddWorkspace(7);
    try {
      const r = await loadWorkspaceIntoClickHouse(ws, target('odd'));
      expect(r.tables.find((t) => t.table === 'firms')!.rows).toBe(7);
    } finally {
      ws.close();
    }
    expect(await count(1, 'SELECT count() FROM odd.firms')).toBe(7);
    expect(await text(2, "SELECT value FROM odd.meta WHERE key = 'rows'")).toBe('7');
    for (let k = 0; k < 3; k++) expect(await tablesOn(k, 'odd')).toEqual(before[k]);
    expect(before[0]).toEqual(['firms', 'firms_local', 'meta', 'meta_local']);
    // and the demo, loaded a second time: counts unchanged
    const again = await loadWorkspaceIntoClickHouse(demo, target('demo'));
    expect(again.tables.find((t) => t.table === 'firms')!.rows).toBe(await duckCount(demo, 'firms'));
    expect(await count(0, 'SELECT count() FROM demo.links')).toBe(await duckCount(demo, 'links'));
    for (let k = 0; k < 3; k++) expect((await tablesOn(k, 'demo')).filter((n) => n.includes('__'))).toEqual([]);
  }, 120_000);

  const expectOddIntact = async (rows: number): Promise<void> => {
    expect(await count(0, 'SELECT count() FROM odd.firms')).toBe(rows);
    expect(await text(1, "SELECT value FROM odd.meta WHERE key = 'rows'")).toBe(String(rows));
    for (let k = 0; k < 3; k++) expect(await tablesOn(k, 'odd')).toEqual(['firms', 'firms_local', 'meta', 'meta_local']);
  };

  const failingLoad = async (rows: number, afterStep: LoadOptions['afterStep']): Promise<unknown> => {
    const ws = await oddWorkspace(rows);
    try {
      return await loadWorkspaceIntoClickHouse(ws, target('odd'), { afterStep }).then(() => undefined, (e: unknown) => e);
    } finally {
      ws.close();
    }
  };

  it('a failure after a table was staged leaves the old tables untouched and drops the staging ones', async () => {
    const e = await failingLoad(12, (s) => { if (s.table === 'firms' && s.stage === 'loaded') throw new Error('simulated crash after staging firms'); });
    expect((e as Error).message).toBe('simulated crash after staging firms');
    await expectOddIntact(7);
  });

  it('a failure half-way through the swap undoes the renames done on every host', async () => {
    const e = await failingLoad(12, (s) => { if (s.table === 'meta' && s.stage === 'swapped' && s.host === 1) throw new Error('simulated crash in the swap'); });
    expect((e as Error).message).toBe('simulated crash in the swap');
    await expectOddIntact(7); // firms (hosts 1–3) and meta (hosts 1–2) had been swapped: all undone
  });

  it('refuses a database holding a table it did not write, and writes nothing (on any host)', async () => {
    await clients[1].command({ query: 'CREATE DATABASE theirs' });
    await clients[1].command({ query: 'CREATE TABLE theirs.orders (id String) ENGINE = MergeTree ORDER BY id' });
    const e = await loadWorkspaceIntoClickHouse(demo, target('theirs')).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect((e as AtlasError).code).toBe('E_ENGINE');
    expect((e as Error).message).not.toContain('\n');
    expect((e as Error).message).toContain('orders');
    expect((e as Error).message).toContain(`127.0.0.1:${cluster.shards[1].http}`);
    expect(await tablesOn(1, 'theirs')).toEqual(['orders']);
    for (const k of [0, 2]) expect(await count(k, "SELECT count() FROM system.databases WHERE name = 'theirs'")).toBe(0);
    // once the foreign table is gone, the empty database is fine
    await clients[1].command({ query: 'DROP TABLE theirs.orders' });
    const r = await loadWorkspaceIntoClickHouse(demo, target('theirs'));
    expect(r.tables.length).toBeGreaterThan(5);
  }, 120_000);

  it('drops the staging leftovers of a crashed earlier load (and they do not make a database foreign)', async () => {
    await clients[2].command({ query: 'CREATE DATABASE crashed' });
    await clients[2].command({ query: 'CREATE TABLE crashed.firms__new_local (id Nullable(String)) ENGINE = MergeTree ORDER BY tuple()' });
    const ws = await oddWorkspace(5);
    try {
      await loadWorkspaceIntoClickHouse(ws, target('crashed'));
    } finally {
      ws.close();
    }
    for (let k = 0; k < 3; k++) expect(await tablesOn(k, 'crashed')).toEqual(['firms', 'firms_local', 'meta', 'meta_local']);
    expect(await count(2, 'SELECT count() FROM crashed.firms')).toBe(5);
  });

  it('an unreachable host is one E_ENGINE line naming it', async () => {
    const dead = await new Promise<number>((res) => { // a port nothing listens on
      const srv = createServer().listen(0, '127.0.0.1', () => { const a = srv.address() as AddressInfo; srv.close(() => res(a.port)); });
    });
    const url = cluster.url('demo').replace(`:${cluster.shards[2].http}/`, `:${dead}/`);
    const e = await loadWorkspaceIntoClickHouse(demo, parseEngine(url, {}) as ClickHouseTarget).then(() => undefined, (x: unknown) => x);
    expect((e as AtlasError).code).toBe('E_ENGINE');
    expect((e as Error).message).not.toContain('\n');
    expect((e as Error).message).toContain(`127.0.0.1:${dead}`);
    expect((e as Error).message).toContain('host 3 of 3');
  });

  it('never puts the password in an error message', async () => {
    const marker = 'S3cr3t-marker-7f3a';
    const e = await loadWorkspaceIntoClickHouse(demo, target('demo', { CLUSTER_ATLAS_CLICKHOUSE_PASSWORD: marker })).then(() => undefined, (x: unknown) => x);
    expect((e as AtlasError).code).toBe('E_ENGINE');
    expect((e as Error).message).not.toContain(marker);
    expect(JSON.stringify((e as AtlasError).details)).not.toContain(marker);
    expect((e as Error).stack ?? '').not.toContain(marker);
  });

  describe('cluster-atlas ingest --engine', () => {
    const capture = (format: 'json' | 'table'): { ctx: CliContext; out: string[] } => {
      const out: string[] = [];
      return { out, ctx: { lang: 'en', format, quiet: true, progress: false, out: (s) => out.push(s), err: (s) => out.push(s) } };
    };
    const copyDemo = (): string => {
      const d = mkdtempSync(join(tmpdir(), 'atlas-chload-cli-'));
      scratch.push(d);
      cpSync(demoDir, d, { recursive: true });
      return d;
    };

    it('ingests, loads, and prints an engine block (json) and the per-shard table (text)', async () => {
      const d = copyDemo();
      const json = capture('json');
      await runIngest(json.ctx, { project: join(d, 'cluster-atlas.json'), engine: cluster.url('cli') });
      const doc = JSON.parse(json.out.join('\n'));
      const firms = doc.engine.tables.find((t: { table: string }) => t.table === 'firms');
      expect(firms.rows).toBe(doc.inputs.find((i: { kind: string }) => i.kind === 'firms').loaded);
      expect(firms.perShard).toHaveLength(3);
      expect(doc.engine.target).toContain('/cli?cluster=atlas');
      expect(doc.engine.target).not.toContain('password');
      expect(await count(2, 'SELECT count() FROM cli.firms')).toBe(firms.rows);

      const txt = capture('table');
      await runIngest(txt.ctx, { project: join(d, 'cluster-atlas.json'), engine: cluster.url('cli') });
      const all = txt.out.join('\n');
      expect(all).toContain('Loaded into clickhouse://');
      expect(all).toMatch(/shard 1\s+shard 2\s+shard 3/);
      expect(all).toMatch(new RegExp(`firms\\s+${firms.rows.toLocaleString('en-US')}\\s`));
    }, 120_000);

    it('takes the project\'s engine block; --engine duckdb overrides it; --strict with rejects loads nothing', async () => {
      const d = copyDemo();
      editJson(join(d, 'cluster-atlas.json'), (p) => { p.engine = { url: cluster.url('fromproject') }; });
      const a = await runIngest(capture('json').ctx, { project: join(d, 'cluster-atlas.json') });
      expect(a.engine?.tables.length).toBeGreaterThan(5);
      expect(await count(0, 'SELECT count() FROM fromproject.firms')).toBe(a.engine!.tables.find((t) => t.table === 'firms')!.rows);

      const b = await runIngest(capture('json').ctx, { project: join(d, 'cluster-atlas.json'), engine: 'duckdb' });
      expect(b.engine).toBeUndefined();

      appendFileSync(join(d, 'firms.csv'), 'not,a,valid,"row\n');
      const e = await runIngest(capture('json').ctx, { project: join(d, 'cluster-atlas.json'), strict: true, engine: cluster.url('refused') }).then(() => undefined, (x: unknown) => x);
      expect((e as AtlasError).code).toBe('E_REJECTS');
      for (let k = 0; k < 3; k++) expect(await count(k, "SELECT count() FROM system.databases WHERE name = 'refused'")).toBe(0);
      expect(existsSync(join(d, '.cluster-atlas', 'rejects-refused.csv'))).toBe(true);
    }, 120_000);

    it('the built binary: ingest --engine loads (exit 0, the shard table); an unreachable engine is one line, exit 1', () => {
      requireBuild();
      const d = copyDemo();
      const ok = runCli(d, ['ingest', '--engine', cluster.url('bin')]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/Loaded into clickhouse:\/\/127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+\/bin\?cluster=atlas/);
      expect(ok.stdout).toMatch(/shard 1\s+shard 2\s+shard 3/);
      const bad = runCli(d, ['ingest', '--engine', 'clickhouse://127.0.0.1:1/bin']);
      expect(bad.code).toBe(1);
      expect(bad.stderr.trim().split('\n')).toHaveLength(1);
      expect(bad.stderr).toContain('127.0.0.1:1');
      expect(bad.stdout).toBe(''); // checked before the ingest: nothing ingested, nothing printed
    }, 120_000);

    it('a bad --engine URL, or a foreign database, fails before the ingest writes anything', async () => {
      const d = copyDemo();
      rmSync(join(d, '.cluster-atlas'), { recursive: true, force: true });
      const e = await runIngest(capture('json').ctx, { project: join(d, 'cluster-atlas.json'), engine: 'clickhouse://nohost/db' }).then(() => undefined, (x: unknown) => x);
      expect((e as AtlasError).code).toBe('E_OPTION');
      expect(existsSync(join(d, '.cluster-atlas'))).toBe(false);
      await clients[0].command({ query: 'CREATE DATABASE IF NOT EXISTS foreign2' });
      await clients[0].command({ query: 'CREATE TABLE foreign2.t (x UInt8) ENGINE = Memory' });
      const f = await runIngest(capture('json').ctx, { project: join(d, 'cluster-atlas.json'), engine: cluster.url('foreign2') }).then(() => undefined, (x: unknown) => x);
      expect((f as AtlasError).code).toBe('E_ENGINE');
      expect(existsSync(join(d, '.cluster-atlas'))).toBe(false);
      expect(await tablesOn(0, 'foreign2')).toEqual(['t']);
    });
  });

  // last: it stops a shard for good
  it('a shard that dies mid-load: E_ENGINE naming the table, the old tables intact on the hosts that answer', async () => {
    const before = await count(0, 'SELECT count() FROM demo.firms_local');
    const e = await loadWorkspaceIntoClickHouse(demo, target('demo'), {
      afterStep: async (s) => {
        if (s.table !== 'chain_templates' || s.stage !== 'loaded') return;
        const shard = cluster.shards[2].process;
        await new Promise<void>((res) => { shard.once('exit', () => res()); shard.kill('SIGKILL'); });
      },
    }).then(() => undefined, (x: unknown) => x);
    expect((e as AtlasError).code).toBe('E_ENGINE');
    expect((e as Error).message).not.toContain('\n');
    expect((e as Error).message).toMatch(/table firms|table ingest_inputs|table io_|table institutions|table links/);
    expect(await count(0, 'SELECT count() FROM demo.firms_local')).toBe(before);
    for (const k of [0, 1]) expect((await tablesOn(k, 'demo')).filter((n) => n.includes('__'))).toEqual([]);
  }, 120_000);
});
