import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseAvailable, startLocalCluster, type LocalCluster } from '../scripts/clickhouse-cluster.js';
import { haversineKm } from '../src/core/geo/haversine-km.js';
import { pointPattern } from '../src/data/point-pattern.js';
import { joinBlockRows, loadPairHistogram, pairHistogramPlan, type PairHistogram } from '../src/load/pair-histogram.js';
import { kDensity } from '../src/measures/pointpattern/k-density.js';
import { kDensityFromHistogram, ripleyCountsFromHistogram } from '../src/measures/pointpattern/pair-histogram.js';
import { forEachClosePair } from '../src/measures/pointpattern/pairs.js';
import { duckdbEngine, openClickHouseEngine, type Engine } from '../src/store/engine/engine.js';
import { parseEngine, type ClickHouseTarget } from '../src/store/engine/url.js';
import { openMemory, openWorkspace, type Workspace } from '../src/store/workspace.js';
import { loadIntoClickHouse } from './engine-pair-histogram-helpers.js';
import { demoWorkspace } from './helpers.js';

// The pair-distance histogram plan against forEachClosePair (haversine) and a brute-force O(n²)
// loop over haversineKm on the same points, on the demo (seed 7, scale 0.5) and on a hand-made
// set (antimeridian, 70°N, duplicates, a firm without location, firms outside the study area);
// the finishing measures against brute-force counts and kDensity's binned mode; and the same plan
// on a three-shard ClickHouse cluster.
//
// Bin edges: SQL and JS compute d with different (but equivalent) formulas, so they may differ by
// ~1e-12 km; a pair within EDGE_GAP of a bin edge or of the cutoff could then fall on either side.
// Every comparison first asserts that no pair lies within EDGE_GAP of an edge for its
// parameters (deterministic: fixed data and parameters), so the counts must agree exactly.
// Identical coordinates are exactly 0 km apart in both (sin 0 = 0): a duplicate is not near an edge.
const EDGE_GAP = 1e-9;

interface Pts { ids: string[]; lon: Float64Array; lat: Float64Array }

async function points(ws: Workspace, where: string): Promise<Pts> {
  const rows = await ws.all<{ id: string; lon: number; lat: number }>(`SELECT id, lon, lat FROM firms WHERE ${where} AND lon IS NOT NULL AND lat IS NOT NULL ORDER BY id`);
  return { ids: rows.map((r) => String(r.id)), lon: Float64Array.from(rows, (r) => r.lon), lat: Float64Array.from(rows, (r) => r.lat) };
}

/** Bins from forEachClosePair, and the pairs that sit within EDGE_GAP of an edge. */
function jsHistogram(p: Pts, cutoff: number, bins: number): { counts: number[]; pairs: number; nearEdge: number; distances: number[] } {
  const counts = new Array<number>(bins).fill(0);
  const width = cutoff / bins;
  let pairs = 0, nearEdge = 0;
  const distances: number[] = [];
  forEachClosePair(p.lon, p.lat, null, cutoff * 1.001, 'haversine', (_i, _j, d) => {
    const t = d / width;
    if (d !== 0 && Math.abs(t - Math.round(t)) * width < EDGE_GAP) nearEdge++;
    if (d > cutoff) return;
    counts[Math.min(bins - 1, Math.floor(t))]++;
    pairs++;
    distances.push(d);
  });
  return { counts, pairs, nearEdge, distances };
}

/** O(n²) counts of pairs with d ≤ r, over haversineKm (atan2 form). */
function bruteCounts(p: Pts, radii: number[]): number[] {
  const out = radii.map(() => 0);
  for (let i = 0; i < p.lon.length; i++) {
    for (let j = i + 1; j < p.lon.length; j++) {
      const d = haversineKm(p.lon[i], p.lat[i], p.lon[j], p.lat[j]);
      radii.forEach((r, k) => { if (d <= r) out[k]++; });
    }
  }
  return out;
}

let dir: string;
let demo: Workspace;
let hand: Workspace;

async function handMade(): Promise<Workspace> {
  const ws = await openMemory();
  await ws.run(`CREATE TABLE meta (key VARCHAR, value VARCHAR)`);
  await ws.run(`INSERT INTO meta VALUES ('industry_code_system', 'GB/T 4754-2017')`);
  await ws.run(`CREATE TABLE firms (id VARCHAR, industry VARCHAR, region VARCHAR, lon DOUBLE, lat DOUBLE, employees DOUBLE, revenue DOUBLE, output DOUBLE, in_study_area BOOLEAN)`);
  const rows: string[] = [];
  const add = (id: string, industry: string, lon: number | null, lat: number | null, inArea: boolean | null = true): void => { rows.push(`('${id}', '${industry}', 'R', ${lon ?? 'NULL'}, ${lat ?? 'NULL'}, 1, 1, 1, ${inArea ?? 'NULL'})`); };
  // a ring of points around Taizhou at increasing distances, a tight knot, a duplicate
  for (let k = 0; k < 24; k++) add(`A${String(k).padStart(3, '0')}`, '3525', 121.26 + 0.013 * k * Math.cos(k), 28.64 + 0.011 * k * Math.sin(k));
  add('A900', '3525', 121.26, 28.64);
  // the antimeridian: 179.95°E and 179.97°W are 8.8 km apart at 10°S
  add('B001', '3525', 179.95, -10); add('B002', '3525', -179.97, -10.01); add('B003', '3525', -179.9, -10.05);
  // 70°N: a degree of longitude is 38 km
  add('C001', '3525', 20, 70); add('C002', '3525', 20.3, 70.02); add('C003', '3525', 21.1, 70);
  // left out: no location, outside the study area (counted only with inStudyAreaOnly: false), another industry
  add('D001', '3525', null, 28.6); add('D002', '3525', 121.27, 28.65, false); add('D003', '3525', 121.255, 28.641, null);
  add('E001', '3526', 121.261, 28.641);
  await ws.run(`INSERT INTO firms VALUES ${rows.join(', ')}`);
  return ws;
}

beforeAll(async () => {
  dir = await demoWorkspace(7, 0.5, 'atlas-pairs-');
  demo = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
  hand = await handMade();
}, 120_000);
afterAll(() => {
  demo?.close(); hand?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('loadPairHistogram on DuckDB equals forEachClosePair', () => {
  it.each([
    ['6210', 50, 25], ['3525', 60, 30], ['3525', 7.5, 64],
  ])('demo industry %s, cutoff %s km, %s bins', async (industry, cutoff, bins) => {
    const h = await loadPairHistogram(demo, { industry, cutoffKm: cutoff, bins });
    const p = await points(demo, `industry = '${industry}'`);
    const js = jsHistogram(p, cutoff, bins);
    expect(js.nearEdge).toBe(0);
    expect(js.pairs).toBeGreaterThan(100);
    expect(Array.from(h.value.counts)).toEqual(js.counts);
    expect(h.value.pairs).toBe(js.pairs);
    expect(h.value.points).toBe(p.ids.length);
    expect(h.value.allPairs).toBe((p.ids.length * (p.ids.length - 1)) / 2);
    const s1 = js.distances.reduce((a, d) => a + d, 0), s2 = js.distances.reduce((a, d) => a + d * d, 0);
    expect(Math.abs(h.value.sumDistance - s1) / s1).toBeLessThan(1e-9);
    expect(Math.abs(h.value.sumSquares - s2) / s2).toBeLessThan(1e-9);
    expect(h.value.edges[bins]).toBe(cutoff);
  }, 60_000);

  it('an industry at a level (division 62 of GB/T 4754) covers every class below it', async () => {
    const h = await loadPairHistogram(demo, { industry: '62', level: 'division', cutoffKm: 40, bins: 8 });
    const p = await points(demo, `industry LIKE '62%'`);
    const js = jsHistogram(p, 40, 8);
    expect(js.nearEdge).toBe(0);
    expect(Array.from(h.value.counts)).toEqual(js.counts);
    expect(h.provenance.level).toBe('division');
  }, 60_000);

  it('the hand-made set: antimeridian, 70°N, duplicates; no location and other industries left out', async () => {
    const cutoff = 45, bins = 9;
    const h = await loadPairHistogram(hand, { industry: '3525', cutoffKm: cutoff, bins });
    const all = await points(hand, `industry = '3525'`);
    const js = jsHistogram(all, cutoff, bins);
    expect(js.nearEdge).toBe(0);
    expect(Array.from(h.value.counts)).toEqual(js.counts);
    expect(h.value.points).toBe(33);
    expect(h.provenance.excluded).toEqual([{ reason: 'firm has no location (lon/lat)', rows: 1 }]);
    // the antimeridian pairs are there (a one-column grid), and the 70°N pair 0.3° apart
    expect(h.provenance.grid.lonSide).toBeGreaterThan(360);
    expect(bruteCounts(all, [cutoff])[0]).toBe(h.value.pairs);
    const inside = await loadPairHistogram(hand, { industry: '3525', cutoffKm: cutoff, bins, inStudyAreaOnly: true });
    const kept = await points(hand, `industry = '3525' AND coalesce(in_study_area, true)`);
    expect(Array.from(inside.value.counts)).toEqual(jsHistogram(kept, cutoff, bins).counts);
    expect(inside.value.points).toBe(32);
    expect(inside.provenance.excluded).toContainEqual({ reason: 'firm outside the study area', rows: 1 });
  });

  it('without the antimeridian the grid has many columns and still finds every pair', async () => {
    const h = await loadPairHistogram(hand, { industry: '3525', cutoffKm: 3, bins: 6 });
    expect(h.provenance.grid.lonSide).toBeLessThan(1);
    const p = await points(hand, `industry = '3525'`);
    const js = jsHistogram(p, 3, 6);
    expect(js.nearEdge).toBe(0);
    expect(Array.from(h.value.counts)).toEqual(js.counts);
  });

  it('bad options and an unknown industry are E_OPTION', async () => {
    await expect(loadPairHistogram(hand, { industry: '3525', cutoffKm: 0, bins: 4 })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'cutoffKm' } });
    await expect(loadPairHistogram(hand, { industry: '3525', cutoffKm: 5, bins: 2.5 })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'bins' } });
    await expect(loadPairHistogram(hand, { industry: '9999', cutoffKm: 5, bins: 4 })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'industry' } });
  });
});

describe('cluster-atlas measure pairs', () => {
  async function run(argv: string[], format: 'json' | 'table'): Promise<{ out: string; err: string }> {
    const { Command } = await import('commander');
    const { registerPairs } = await import('../src/cli/measures/pairs.js');
    const out: string[] = [], err: string[] = [];
    const ctx = { lang: 'en' as const, format, quiet: false, out: (x: string) => out.push(x), err: (x: string) => err.push(x), progress: false };
    const program = new Command('cluster-atlas').exitOverride();
    registerPairs(program.command('measure').exitOverride(), () => ctx);
    await program.parseAsync(['node', 'cluster-atlas', 'measure', 'pairs', ...argv]);
    return { out: out.join('\n'), err: err.join('\n') };
  }
  const ws = () => ['--workspace', join(dir, '.cluster-atlas', 'workspace.duckdb')];

  it('prints the bins with their cumulative counts (JSON), as the loader counts them', async () => {
    const r = JSON.parse((await run([...ws(), '--industry', '3525', '--cutoff', '20', '--bins', '5'], 'json')).out) as { bins: { lower: number; upper: number; pairs: number; cumulative: number }[]; pairs: number; points: number };
    const h = await loadPairHistogram(demo, { industry: '3525', cutoffKm: 20, bins: 5 });
    expect(r.bins.map((b) => b.pairs)).toEqual(Array.from(h.value.counts));
    expect(r.bins[4]).toMatchObject({ lower: 16, upper: 20, cumulative: h.value.pairs });
    expect(r.points).toBe(h.value.points);
  });

  it('a table, and a bad --bins is E_OPTION', async () => {
    const t = await run([...ws(), '--industry', '35', '--level', 'division', '--cutoff', '20', '--bins', '2'], 'table');
    expect(t.out).toMatch(/lower km\s+upper km\s+pairs\s+cumulative/);
    await expect(run([...ws(), '--industry', '35', '--cutoff', '20', '--bins', '0'], 'json')).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'bins' } });
  });
});

describe('finishing the histogram', () => {
  let h: PairHistogram;
  let p: Pts;
  beforeAll(async () => {
    h = (await loadPairHistogram(demo, { industry: '3525', cutoffKm: 100, bins: 2048 })).value;
    p = await points(demo, `industry = '3525'`);
  });

  it('Ripley cumulative counts at bin edges equal brute-force counts (d ≤ r)', () => {
    const radii = [0, 100 / 2048 * 41, 100 / 2048 * 512, 100 / 2048 * 1500, 100];
    const brute = bruteCounts(p, radii);
    const dist = jsHistogram(p, 100, 2048).distances;
    for (const r of radii) expect(dist.filter((d) => Math.abs(d - r) < EDGE_GAP)).toEqual([]);
    const c = ripleyCountsFromHistogram(h, { radii, area: 1e4 }).value;
    expect(Array.from(c.pairs)).toEqual(brute);
    expect(c.exact.every(Boolean)).toBe(true);
    expect(c.k![4]).toBeCloseTo((1e4 * 2 * brute[4]) / (p.ids.length * (p.ids.length - 1)), 9);
  });

  it('inside a bin the count is interpolated, between the bracketing edges, and flagged', () => {
    const w = 100 / 2048;
    const c = ripleyCountsFromHistogram(h, { radii: [w * 700.5] });
    const [lo, hi] = ripleyCountsFromHistogram(h, { radii: [w * 700, w * 701] }).value.pairs;
    expect(c.value.exact).toEqual([false]);
    expect(c.value.pairs[0]).toBeGreaterThanOrEqual(lo);
    expect(c.value.pairs[0]).toBeLessThanOrEqual(hi);
    expect(c.warnings).toHaveLength(1);
    expect(() => ripleyCountsFromHistogram(h, { radii: [101] })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });

  it('kDensityFromHistogram (2,048 bins) is within 0.1% (of the peak) of kDensity’s binned mode, bandwidth within 1%', () => {
    const pattern = pointPattern({ x: p.lon, y: p.lat, labels: Array.from(p.lon, () => 'm'), metric: 'haversine' });
    const ref = kDensity(pattern, { reference: 'm', rmax: 50, approximate: true, simulations: 0 }).value;
    const got = kDensityFromHistogram(h, { r: ref.r }).value;
    expect(got.allPairs).toBe(ref.allPairs);
    expect(got.pairs).toBe(ref.pairs);
    expect(Math.abs(got.bandwidth / ref.bandwidth - 1)).toBeLessThan(0.01);
    const peak = Math.max(...ref.value);
    const same = kDensityFromHistogram(h, { r: ref.r, bandwidth: ref.bandwidth }).value;
    let worst = 0;
    for (let k = 0; k < ref.r.length; k++) worst = Math.max(worst, Math.abs(same.value[k] - ref.value[k]));
    expect(worst / peak).toBeLessThan(0.001);
    // with its own bandwidth the curves differ by the bandwidth's difference only
    let worstOwn = 0;
    for (let k = 0; k < ref.r.length; k++) worstOwn = Math.max(worstOwn, Math.abs(got.value[k] - ref.value[k]));
    expect(worstOwn / peak).toBeLessThan(0.005);
  });

  it('too few pairs is E_DEGENERATE; a curve beyond half the cutoff warns', () => {
    const empty: PairHistogram = { ...h, counts: new Float64Array(h.counts.length), pairs: 0, sumDistance: 0, sumSquares: 0 };
    expect(() => kDensityFromHistogram(empty)).toThrow(expect.objectContaining({ code: 'E_DEGENERATE' }));
    const r = Float64Array.from({ length: 101 }, (_v, k) => k);
    expect(kDensityFromHistogram(h, { r }).warnings).toHaveLength(1);
  });
});

describe.skipIf(!clickhouseAvailable())('on a three-shard ClickHouse cluster', () => {
  let cluster: LocalCluster | undefined;
  let ch: (Engine & { connection: { clients: readonly { query(o: unknown): Promise<{ text(): Promise<string> }> }[] } }) | undefined;
  beforeAll(async () => {
    cluster = await startLocalCluster({ shards: 3 });
    await loadIntoClickHouse(demo, cluster.shards.map((s) => s.http), 'atlas');
    ch = await openClickHouseEngine(parseEngine(cluster.url('atlas')) as ClickHouseTarget, { tables: ['firms', 'meta', 'regions'] }) as never;
  }, 120_000);
  afterAll(async () => {
    await ch?.close();
    await cluster?.stop();
  }, 60_000);

  const shardText = async (k: number, sql: string): Promise<string> => (await (await ch!.connection.clients[k].query({ query: sql, format: 'TabSeparated' })).text()).trim();

  it('the industry’s firms lie on all three shards', async () => {
    const per = await Promise.all([0, 1, 2].map((k) => shardText(k, `SELECT count() FROM atlas.firms_local WHERE industry = '6210'`)));
    expect(per.map(Number).every((n) => n > 100)).toBe(true);
    expect(per.map(Number).reduce((a, b) => a + b, 0)).toBe((await points(demo, `industry = '6210'`)).ids.length);
  });

  it.each([['6210', 50, 25], ['3525', 60, 30]])('counts of %s equal DuckDB’s exactly (cutoff %s km, %s bins)', async (industry, cutoff, bins) => {
    const a = await loadPairHistogram(demo, { industry, cutoffKm: cutoff, bins });
    const b = await loadPairHistogram(ch!, { industry, cutoffKm: cutoff, bins });
    expect(Array.from(b.value.counts)).toEqual(Array.from(a.value.counts));
    expect(b.value.points).toBe(a.value.points);
    expect(Math.abs(b.value.sumDistance / a.value.sumDistance - 1)).toBeLessThan(1e-12);
    expect(Math.abs(b.value.sumSquares / a.value.sumSquares - 1)).toBeLessThan(1e-12);
    expect(b.provenance.engine).toBe('clickhouse');
  }, 60_000);

  it('the study-area filter and a level run there too', async () => {
    const o = { industry: '62', level: 'division', cutoffKm: 40, bins: 8, inStudyAreaOnly: true };
    const a = await loadPairHistogram(demo, o);
    const b = await loadPairHistogram(ch!, o);
    expect(Array.from(b.value.counts)).toEqual(Array.from(a.value.counts));
  }, 60_000);

  it('a plain (non-GLOBAL) join loses exactly the pairs across shards: the join needs GLOBAL', async () => {
    const cutoff = 50, bins = 25;
    const good = await loadPairHistogram(ch!, { industry: '6210', cutoffKm: cutoff, bins });
    const plan = pairHistogramPlan({ k: 'in', e: { k: 'col', name: 'industry' }, list: ['6210'] }, good.provenance.grid, cutoff, bins, joinBlockRows(good.provenance.grid.fullestCell));
    const sql = ch!.sql(plan);
    expect(sql).toContain('FROM `atlas`.`firms` GLOBAL ALL INNER JOIN');
    expect(sql).toMatch(/^WITH .* SETTINGS max_block_size = \d+$/);
    expect(duckdbEngine(demo).sql(plan)).not.toContain('SETTINGS');
    // the wrong variant: a local join, each shard's right side read from its own firms_local
    const wrong = sql.replace('GLOBAL ALL INNER JOIN', 'ALL INNER JOIN');
    const text = await (await ch!.connection.clients[0].query({ query: wrong, format: 'TabSeparated', clickhouse_settings: { distributed_product_mode: 'local' } })).text();
    const lost = text.trim().split('\n').reduce((a, line) => a + Number(line.split('\t')[1]), 0);
    // which shard holds each firm, and the pairs whose two firms share a shard
    const shardOf = new Map<string, number>();
    for (const k of [0, 1, 2]) for (const id of (await shardText(k, `SELECT id FROM atlas.firms_local WHERE industry = '6210'`)).split('\n')) shardOf.set(id, k);
    const p = await points(demo, `industry = '6210'`);
    let sameShard = 0;
    forEachClosePair(p.lon, p.lat, null, cutoff, 'haversine', (i, j) => { if (shardOf.get(p.ids[i]) === shardOf.get(p.ids[j])) sameShard++; });
    expect(lost).toBe(sameShard);
    expect(lost).toBeLessThan(good.value.pairs * 0.5);
    expect(good.value.pairs).toBe(jsHistogram(p, cutoff, bins).pairs);
  }, 60_000);
});

if (!clickhouseAvailable()) console.warn('engine-pair-histogram: clickhouse-server is not installed: the ClickHouse tests are skipped');
