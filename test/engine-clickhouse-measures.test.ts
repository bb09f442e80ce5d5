/**
 * Every aggregation measure equal on the embedded DuckDB workspace and on a three-shard ClickHouse
 * cluster on loopback (scripts/clickhouse-cluster.ts), from the same plans: on the demo province
 * (firms) and on County Business Patterns 2021 (regional statistics, from ../shared/data). Closed
 * forms to 1e-9 (relative), counts exact. Also: the shards hold disjoint parts of the firms and a
 * query runs on all of them; hostile strings survive the literals; and each way of pointing at a
 * wrong cluster fails with one line.
 *
 * Skipped, with a message, when clickhouse-server is not installed (.ci/run installs it).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseAvailable, startLocalCluster, type LocalCluster } from '../scripts/clickhouse-cluster.js';
import { demoWorkspace, requireBuild, runCli } from './helpers.js';
import { SHARED_DATA } from './shared-data.js';
import { openMemory, openWorkspace, type Workspace } from '../src/store/workspace.js';
import { duckdbEngine, openClickHouseEngine, type Engine } from '../src/store/engine/engine.js';
import { loadWorkspaceIntoClickHouse } from '../src/store/engine/clickhouse-load.js';
import { parseEngine, type ClickHouseTarget } from '../src/store/engine/url.js';
import { col, countRows, eq, out, str, table } from '../src/store/engine/plan.js';
import { loadFirmAggregates, loadStatsMatrix, loadStatsPanel, type IndustrySelection } from '../src/load/region-industry.js';
import { loadFirmSizes, loadFirmSizesByIndustry } from '../src/load/firm-size-distribution.js';
import { loadGridCells, loadRegionClassCells } from '../src/load/diagnosis-cells.js';
import { loadCategoryMatrices } from '../src/load/category-matrix.js';
import { createCbpTables, loadCbpFiles } from '../src/load/concentration-cbp.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { hooverIndex, krugmanIndex, regionalHerfindahl } from '../src/measures/specialisation/index.js';
import { ellisonGlaeser, locationalGini, maurelSedillot } from '../src/measures/zone-agglomeration/index.js';
import { coagglomeration } from '../src/measures/zone-agglomeration/coagglomeration.js';
import { concentrationRatio, gini, hallTideman, herfindahl, theil } from '../src/measures/concentration/index.js';
import { clusterStars, strongClusters } from '../src/measures/cluster-strength/index.js';
import { shiftShare, estebanMarquillas } from '../src/measures/shift-share/index.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { convertCmpDefinitions } from '../src/load/cmp-definitions.js';
import type { RegionIndustryMatrix } from '../src/data/concentration-matrix.js';

const available = clickhouseAvailable();
if (!available) console.warn('engine-clickhouse-measures: skipped — clickhouse-server is not installed (apt-get install clickhouse-server; .ci/run does it)');
const CBP = join(SHARED_DATA, 'cbp2021-county-naics', 'county');
const CBP_FILES = ['kentucky', 'tennessee'].map((s) => join(CBP, `industriesPerCounty_${s}_2021.csv`));
const cbpPresent = CBP_FILES.every((f) => existsSync(f));
if (available && !cbpPresent) console.warn(`engine-clickhouse-measures: the CBP part is skipped — ${CBP} is absent`);
const CMP = join(SHARED_DATA, 'us-cluster-mapping-dps2016');

/** |a − b| ≤ tol·max(1, |b|) elementwise, NaN only against NaN. */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-9, what = ''): void {
  expect(a.length, what).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    if (Number.isNaN(b[k]) || Number.isNaN(a[k])) { expect(Number.isNaN(a[k]), `${what}[${k}]`).toBe(Number.isNaN(b[k])); continue; }
    if (Math.abs(a[k] - b[k]) > tol * Math.max(1, Math.abs(b[k]))) expect(a[k], `${what}[${k}]`).toBe(b[k]);
  }
}

function expectSameMatrix(a: RegionIndustryMatrix, b: RegionIndustryMatrix, exact = false): void {
  expect(a.regions).toEqual(b.regions);
  expect(a.industries).toEqual(b.industries);
  if (exact) expect(Array.from(a.values)).toEqual(Array.from(b.values));
  else expectClose(a.values, b.values, 1e-9, a.variable);
}

let cluster: LocalCluster | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await cluster?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function clusterFor(db: string, ws: Workspace): Promise<{ target: ClickHouseTarget; engine: Engine }> {
  cluster ??= await startLocalCluster({ shards: 3 });
  const target = parseEngine(cluster.url(db)) as ClickHouseTarget;
  await loadWorkspaceIntoClickHouse(ws, target);
  return { target, engine: await openClickHouseEngine(target) };
}

describe.skipIf(!available)('demo province: DuckDB and a 3-shard ClickHouse cluster agree', () => {
  let ws: Workspace;
  let duck: Engine;
  let ch: Engine;
  let target: ClickHouseTarget;
  let dir: string;
  beforeAll(async () => {
    requireBuild();
    dir = await demoWorkspace(5, 0.3, 'atlas-ch-demo-');
    dirs.push(dir);
    ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    duck = duckdbEngine(ws);
    ({ target, engine: ch } = await clusterFor('demo', ws));
  }, 300_000);
  afterAll(async () => { await ch?.close(); ws?.close(); });

  const selections: [string, IndustrySelection][] = [['as stored', {}], ['group', { level: 'group' }], ['division', { level: 'division' }], ['county regions', { level: 'division', regionLevel: 'county' }]];

  it.each(selections)('firm aggregates (%s): Σ size, counts, plant moments', async (_name, sel) => {
    for (const size of ['employees', 'count', 'revenue'] as const) {
      const a = await loadFirmAggregates(ch, { ...sel, size, unknownSize: 'leave-out' });
      const b = await loadFirmAggregates(duck, { ...sel, size, unknownSize: 'leave-out' });
      expectSameMatrix(a.value.size, b.value.size);
      expectSameMatrix(a.value.establishments, b.value.establishments, true);
      expect(Array.from(a.value.plants.count)).toEqual(Array.from(b.value.plants.count));
      for (const m of ['sum', 'sumSquares', 'sumFourth'] as const) expectClose(a.value.plants[m], b.value.plants[m], 1e-9, m);
      expect(a.provenance).toEqual(b.provenance);
      expect(b.value.size.regions.length).toBeGreaterThan(3);
    }
  });

  it('LQ (all and traded-only denominators), Krugman, Hoover, regional HHI, EG γ with z and p, Maurel–Sédillot, locational Gini, co-agglomeration', async () => {
    const a = (await loadFirmAggregates(ch, { level: 'group', unknownSize: 'leave-out' })).value;
    const b = (await loadFirmAggregates(duck, { level: 'group', unknownSize: 'leave-out' })).value;
    const traded = b.size.industries.slice(0, Math.ceil(b.size.industries.length / 2));
    expectClose(locationQuotient(a.size).value.values, locationQuotient(b.size).value.values, 1e-9, 'LQ');
    expectClose(locationQuotient(a.size, { referenceIndustries: traded }).value.values, locationQuotient(b.size, { referenceIndustries: traded }).value.values, 1e-9, 'LQ traded');
    expectClose(krugmanIndex(a.size).value.values, krugmanIndex(b.size).value.values, 1e-9, 'Krugman');
    expectClose(hooverIndex(a.size).value.values, hooverIndex(b.size).value.values, 1e-9, 'Hoover');
    expectClose(regionalHerfindahl(a.size).value.values, regionalHerfindahl(b.size).value.values, 1e-9, 'regional HHI');
    const ea = ellisonGlaeser(a.size, a.plants).value, eb = ellisonGlaeser(b.size, b.plants).value;
    for (const k of ['gamma', 'rawConcentration', 'plantHerfindahl', 'zScore', 'pValue'] as const) expectClose(ea[k], eb[k], 1e-9, `EG ${k}`);
    expectClose(maurelSedillot(a.size, a.plants).value.values, maurelSedillot(b.size, b.plants).value.values, 1e-9, 'MS');
    expectClose(locationalGini(a.size).value.values, locationalGini(b.size).value.values, 1e-9, 'locational Gini');
    const group = b.size.industries.slice(0, 3);
    expect(Math.abs(coagglomeration(a.size, a.plants, group).value.gamma - coagglomeration(b.size, b.plants, group).value.gamma)).toBeLessThan(1e-9);
    const sa = strongClusters(a.size, { establishments: a.establishments }).value, sb = strongClusters(b.size, { establishments: b.establishments }).value;
    expect(sa.strong.map((c) => `${c.region}|${c.industry}`)).toEqual(sb.strong.map((c) => `${c.region}|${c.industry}`));
    expect(clusterStars(a.size).value.cells.length).toBe(clusterStars(b.size).value.cells.length);
  });

  it('firm-size distributions: CRn, HHI, Gini, Theil, Hall–Tideman of every class and of one group', async () => {
    const a = await loadFirmSizesByIndustry(ch, {});
    const b = await loadFirmSizesByIndustry(duck, {});
    expect([...a.value.keys()]).toEqual([...b.value.keys()]);
    for (const [code, sizes] of b.value) {
      const other = a.value.get(code)!;
      expect(Array.from(other), code).toEqual(Array.from(sizes));
      const known = sizes.filter((v) => !Number.isNaN(v));
      if (known.length < 2 || known.every((v) => v === 0)) continue;
      const o = other.filter((v) => !Number.isNaN(v));
      expectClose(concentrationRatio(o, { n: [4, 8] }).value.map((c) => c.value), concentrationRatio(known, { n: [4, 8] }).value.map((c) => c.value), 1e-12, `CR ${code}`);
      expect(herfindahl(o).value.hhi).toBeCloseTo(herfindahl(known).value.hhi, 12);
      expect(gini(o).value.gini).toBeCloseTo(gini(known).value.gini, 12);
      expect(theil(o).value.theil).toBeCloseTo(theil(known).value.theil, 12);
      expect(hallTideman(o).value).toBeCloseTo(hallTideman(known).value, 12);
    }
    const group = b.provenance.rows > 0 ? [...b.value.keys()][0].slice(0, 3) : '';
    const ga = await loadFirmSizes(ch, { level: 'group', industry: group });
    const gb = await loadFirmSizes(duck, { level: 'group', industry: group });
    expect(Array.from(ga.value)).toEqual(Array.from(gb.value));
    await expect(loadFirmSizes(ch, { level: 'group', industry: group, unit: 'group' })).rejects.toThrow(/embedded workspace only/);
  });

  it('the diagnosis\'s screening tables: firms per region × class and per class × 5 km grid cell', async () => {
    const [ra, rb] = [await loadRegionClassCells(ch), await loadRegionClassCells(duck)];
    expect(ra).toEqual(rb);
    expect(rb.region.length).toBeGreaterThan(50);
    const [ga, gb] = [await loadGridCells(ch, 5), await loadGridCells(duck, 5)];
    expect(ga).toEqual(gb);
    expect(gb.industry.length).toBeGreaterThan(100);
  });

  it('the shards hold disjoint parts of the firms, and a query runs on every shard', async () => {
    const conn = (ch as Engine & { connection: { select: (sql: string, t: ('string' | 'number')[], o?: { host?: number }) => Promise<(string | number | null)[][]> } }).connection;
    const ids: string[][] = [];
    for (let k = 0; k < 3; k++) ids.push((await conn.select('SELECT id FROM demo.firms_local ORDER BY id', ['string'], { host: k }))[0] as string[]);
    const [{ n }] = await ws.all<{ n: number }>('SELECT count(*)::BIGINT AS n FROM firms');
    expect(ids.every((s) => s.length > 0)).toBe(true);
    expect(ids.reduce((acc, s) => acc + s.length, 0)).toBe(Number(n));
    expect(new Set(ids.flat()).size).toBe(Number(n));
    // mark one query and find it in the query log of every other shard, rewritten to that shard's
    // local table; started once from host 1 and once from host 2, so every shard is seen as a remote
    const marker = `atlas_probe_${process.pid}_${Date.now()}`;
    for (const initiator of [0, 1]) {
      await conn.select(`SELECT count() AS ${marker}_${initiator} FROM demo.firms GLOBAL ALL INNER JOIN (SELECT CAST('x' AS Nullable(String)) AS industry) USING industry SETTINGS log_queries = 1`, ['number'], { host: initiator });
    }
    for (let k = 0; k < 3; k++) {
      const from = k === 0 ? 1 : 0;
      let seen = 0;
      for (let attempt = 0; attempt < 60 && seen === 0; attempt++) {
        // the query log is written every 500 ms (scripts/clickhouse-cluster.ts); its table appears with the first flush
        const [exists] = await conn.select("SELECT count() FROM system.tables WHERE database = 'system' AND name = 'query_log'", ['number'], { host: k });
        if (Number(exists[0]) > 0) {
          const [c] = await conn.select(`SELECT count() FROM system.query_log WHERE query LIKE '%${marker}_${from}%' AND query LIKE '%firms_local%'`, ['number'], { host: k });
          seen = Number(c[0]);
        }
        if (seen === 0) await new Promise((r) => setTimeout(r, 250));
      }
      expect(seen, `shard ${k + 1} ran the query on its firms_local`).toBeGreaterThan(0);
    }
  });

  it('hostile strings in literals come back as they went in', async () => {
    for (const s of ["a'b", 'back\\slash', "x' OR '1'='1", 'line\nbreak\ttab', '行业\u0000nul'.replace('\u0000', ''), '--;DROP TABLE firms']) {
      const plan = { from: table('meta'), columns: [out('n', countRows())], where: eq(col('key'), str(s)) };
      expect((await ch.run(plan)).n).toEqual((await duck.run(plan)).n);
    }
    const [v] = (await ch.run({ from: table('meta'), columns: [out('value', col('value'), 'string')], where: eq(col('key'), str('industry_code_system')) })).value;
    expect(v).toBe((await duck.run({ from: table('meta'), columns: [out('value', col('value'), 'string')], where: eq(col('key'), str('industry_code_system')) })).value[0]);
  });

  it('the CLI: measure verbs print the same numbers with --engine; diagnose --engine the same verdicts', () => {
    const url = cluster!.url('demo');
    for (const args of [['measure', 'lq', '--source', 'firms', '--level', 'group'], ['measure', 'eg', '--level', 'division', '--missing', 'leave-out'], ['measure', 'concentration', '--level', 'group'], ['measure', 'pairs', '--industry', '62', '--level', 'division', '--cutoff', '30', '--bins', '20']]) {
      const a = runCli(dir, ['--format', 'json', ...args, '--engine', url]);
      const b = runCli(dir, ['--format', 'json', ...args]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const ja = JSON.parse(a.stdout), jb = JSON.parse(b.stdout);
      expect(JSON.stringify(ja).length).toBeGreaterThan(1000);
      // sums may differ in the last bits (shards add in another order): compare at 12 digits
      // (the pair histogram's provenance names its engine: left out)
      const round = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v) => (k === 'engine' ? undefined : typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(12)) : v)));
      expect(round(ja)).toEqual(round(jb));
    }
    const a = runCli(dir, ['--format', 'json', 'diagnose', '--engine', url]);
    const b = runCli(dir, ['--format', 'json', 'diagnose']);
    expect(a.code, a.stderr).toBe(0);
    const labels = (s: string) => (JSON.parse(s) as { candidates: { id: string; label: string; stage: string }[] }).candidates.map((c) => `${c.id}:${c.label}:${c.stage}`);
    expect(labels(a.stdout)).toEqual(labels(b.stdout));
    expect(labels(b.stdout).length).toBeGreaterThan(3);
  }, 240_000);

  it('the CLI: a wrong engine exits 1 with one line and writes nothing', () => {
    const out = join(dir, 'never-written');
    for (const url of ['clickhouse://127.0.0.1:1/demo', `${cluster!.url('nosuchdb')}`, `clickhouse://127.0.0.1:${cluster!.shards[0].http}/demo`]) {
      for (const args of [['measure', 'lq', '--source', 'firms'], ['diagnose', '--out', join(out, 'd.json')], ['analyze', '--out', out]]) {
        const r = runCli(dir, [...args, '--engine', url]);
        expect(r.code, `${args.join(' ')} ${url}: ${r.stderr}`).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/--engine clickhouse:/);
        expect(existsSync(out)).toBe(false);
      }
    }
  }, 240_000);

  it('a wrong cluster fails with one line naming what is wrong', async () => {
    const one = (e: unknown): string => { const m = (e as Error).message; expect(m).not.toContain('\n'); expect((e as { code?: string }).code).toBe('E_ENGINE'); return m; };
    const c = cluster!;
    const hosts = c.shards.map((s) => `127.0.0.1:${s.http}`);
    // unreachable: a port nobody listens on
    await openClickHouseEngine(parseEngine(`clickhouse://127.0.0.1:1,${hosts.slice(1).join(',')}/demo`) as ClickHouseTarget).then(() => { throw new Error('opened'); }, (e) => expect(one(e)).toMatch(/does not answer.*127\.0\.0\.1:1/));
    // wrong database
    await openClickHouseEngine(parseEngine(`clickhouse://${hosts.join(',')}/nosuchdb`) as ClickHouseTarget).then(() => { throw new Error('opened'); }, (e) => expect(one(e)).toMatch(/database nosuchdb does not exist/));
    // a shard missing from the URL
    await openClickHouseEngine(parseEngine(`clickhouse://${hosts.slice(0, 2).join(',')}/demo`) as ClickHouseTarget).then(() => { throw new Error('opened'); }, (e) => expect(one(e)).toMatch(/3 shard\(s\).*lists 2 host/));
    // a table with the wrong schema on one shard
    const conn = (ch as Engine & { connection: { command: (sql: string, o?: { host?: number }) => Promise<void> } }).connection;
    await conn.command('CREATE DATABASE IF NOT EXISTS broken', { host: 0 });
    for (let k = 0; k < 3; k++) {
      await conn.command('CREATE DATABASE IF NOT EXISTS broken', { host: k });
      await conn.command(`CREATE TABLE broken.meta_local (key Nullable(String), value Nullable(String)) ENGINE = MergeTree ORDER BY tuple()`, { host: k });
      await conn.command(`CREATE TABLE broken.meta AS broken.meta_local ENGINE = Distributed(atlas, broken, meta_local, cityHash64(ifNull(key, '')))`, { host: k });
      await conn.command(`CREATE TABLE broken.firms_local (id Nullable(String), industry Nullable(Int32)) ENGINE = MergeTree ORDER BY tuple()`, { host: k });
      await conn.command(`CREATE TABLE broken.firms AS broken.firms_local ENGINE = Distributed(atlas, broken, firms_local, cityHash64(ifNull(id, '')))`, { host: k });
    }
    await openClickHouseEngine(parseEngine(`clickhouse://${hosts.join(',')}/broken`) as ClickHouseTarget).then(() => { throw new Error('opened'); }, (e) => expect(one(e)).toMatch(/broken\.firms\.(industry|region) is (Nullable\(Int32\)|missing), expected Nullable\(String\)/));
    // the password never appears in a message
    const secret = 'pw-should-never-print-8d1f';
    await openClickHouseEngine(parseEngine(`clickhouse://127.0.0.1:1/demo`, { CLUSTER_ATLAS_CLICKHOUSE_PASSWORD: secret }) as ClickHouseTarget).then(() => { throw new Error('opened'); }, (e) => expect(one(e)).not.toContain(secret));
    expect(() => parseEngine('clickhouse://u:p@127.0.0.1:8123/demo')).toThrow(/credentials do not go in the URL/);
    expect(target.database).toBe('demo');
  });
});

describe.skipIf(!available || !cbpPresent)('County Business Patterns 2021 (Kentucky, Tennessee): DuckDB and ClickHouse agree', () => {
  let ws: Workspace;
  let duck: Engine;
  let ch: Engine;
  beforeAll(async () => {
    ws = await openMemory();
    await createCbpTables(ws);
    await loadCbpFiles(ws, CBP_FILES, 'county');
    duck = duckdbEngine(ws);
    ({ engine: ch } = await clusterFor('cbp', ws));
  }, 300_000);
  afterAll(async () => { await ch?.close(); ws?.close(); });

  it('employment and establishments by county × subsector and sector, LQ, EG γ (equal-size plants), Krugman, Hoover', async () => {
    for (const level of ['subsector', 'sector']) {
      for (const variable of ['employment', 'establishments'] as const) {
        const a = await loadStatsMatrix(ch, { variable, level, regionLevel: 'county' });
        const b = await loadStatsMatrix(duck, { variable, level, regionLevel: 'county' });
        expectSameMatrix(a.value, b.value, variable === 'establishments');
        expect(a.provenance).toEqual(b.provenance);
        if (variable === 'employment') {
          expectClose(locationQuotient(a.value, { missing: 'zero' }).value.values, locationQuotient(b.value, { missing: 'zero' }).value.values, 1e-9, 'LQ');
          expectClose(krugmanIndex(a.value, { missing: 'zero' }).value.values, krugmanIndex(b.value, { missing: 'zero' }).value.values, 1e-9, 'Krugman');
          expectClose(hooverIndex(a.value, { missing: 'zero' }).value.values, hooverIndex(b.value, { missing: 'zero' }).value.values, 1e-9, 'Hoover');
        }
      }
    }
    expect((await loadStatsMatrix(duck, { level: 'subsector', regionLevel: 'county' })).value.regions.length).toBeGreaterThan(200);
  });

  it('shift-share over two years (the second year synthesised by one plan-independent rule) agrees', async () => {
    // CBP 2021 has one year: both engines get the same copy of it as 2022 with every value × 1.1
    const years = await duck.run({ from: table('regional_stats'), columns: [out('year', col('year'))], groupBy: [col('year')] });
    expect(years.year.length).toBe(1);
    const a = await loadStatsPanel(duck, { baseYear: 2021, finalYear: 2021, level: 'sector', regionLevel: 'county' });
    const b = await loadStatsPanel(ch, { baseYear: 2021, finalYear: 2021, level: 'sector', regionLevel: 'county' });
    expectSameMatrix(a.value.base, b.value.base);
    const grow = (m: RegionIndustryMatrix): RegionIndustryMatrix => ({ ...m, values: m.values.map((v, k) => v * (1 + (k % 7) / 10)) });
    const sa = shiftShare(a.value.base, grow(a.value.final), { missing: 'zero' }).value, sb = shiftShare(b.value.base, grow(b.value.final), { missing: 'zero' }).value;
    expectClose(sa.regionTotals.map((t) => t.regionalShift), sb.regionTotals.map((t) => t.regionalShift), 1e-9, 'regional shift');
    const ea = estebanMarquillas(a.value.base, grow(a.value.final), { missing: 'zero' }).value, eb = estebanMarquillas(b.value.base, grow(b.value.final), { missing: 'zero' }).value;
    expectClose(ea.regionTotals.map((t) => t.allocationEffect), eb.regionTotals.map((t) => t.allocationEffect), 1e-9, 'EM allocation');
  });

  it.skipIf(!existsSync(join(CMP, 'cmp_clusters_naics2012.csv')))('U.S. Cluster Mapping categories: matrices, coverage and strong clusters', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'atlas-ch-cmp-'));
    dirs.push(dir);
    const conv = convertCmpDefinitions(CMP, 'matrix');
    writeFileSync(join(dir, 'cmp.csv'), conv.categories);
    const cats = readCategoryFile(join(dir, 'cmp.csv'));
    // the definitions are 6-digit NAICS: a workspace of the 6-digit rows of the same files
    const ws6 = await openMemory();
    try {
      await createCbpTables(ws6);
      const list = `[${CBP_FILES.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
      await ws6.run(`CREATE TABLE raw AS SELECT * FROM read_csv(${list}, header = true, all_varchar = true, null_padding = true, union_by_name = true)`);
      await ws6.run("INSERT INTO regional_stats SELECT substr(GEO_ID, 10), NAICS2017, CAST(YEAR AS INTEGER), TRY_CAST(EMP AS DOUBLE), NULL, TRY_CAST(ESTAB AS DOUBLE) FROM raw WHERE regexp_matches(NAICS2017, '^[0-9]{6}$')");
      await ws6.run("INSERT INTO regions SELECT substr(GEO_ID, 10), any_value(NAME), any_value(state), 'county' FROM raw GROUP BY 1");
      await ws6.run('DROP TABLE raw');
      const { engine: ch6 } = await clusterFor('cbp6', ws6);
      try {
        await compareCategories(ch6, duckdbEngine(ws6), cats);
      } finally {
        await ch6.close();
      }
    } finally {
      ws6.close();
    }
  });
});

async function compareCategories(ch: Engine, duck: Engine, cats: ReturnType<typeof readCategoryFile>): Promise<void> {
    const a = await loadCategoryMatrices(ch, cats, { regionLevel: 'county' });
    const b = await loadCategoryMatrices(duck, cats, { regionLevel: 'county' });
    expectSameMatrix(a.employment, b.employment);
    expectSameMatrix(a.establishments, b.establishments, true);
    expect(a.coverage.unmapped.map((u) => u.industry)).toEqual(b.coverage.unmapped.map((u) => u.industry));
    expect(a.coverage.mappedEmployment).toBeCloseTo(b.coverage.mappedEmployment, 6);
    const sa = strongClusters(a.employment, { establishments: a.establishments, missing: 'zero' }).value;
    const sb = strongClusters(b.employment, { establishments: b.establishments, missing: 'zero' }).value;
    expect(sa.strong.map((c) => `${c.region}|${c.industry}`)).toEqual(sb.strong.map((c) => `${c.region}|${c.industry}`));
    expect(sb.strong.length).toBeGreaterThan(10);
}
