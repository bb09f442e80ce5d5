/**
 * bench/scale-out: the synthetic national register, built once per size under
 * bench/out/scale-out-<N>/ and reused while its recipe (`RECIPE`) is unchanged.
 *
 * The workspace is a real one: our `ingest` of a two-firm CSV gives the exact table layout, meta
 * rows (industry_code_system 'GB/T 4754-2017', format, crs …) and empty links / regional_stats;
 * then the firms and regions are replaced by SQL inside DuckDB (no row passes through JavaScript):
 * - regions: the ≈2,850 county-level codes of the shipped GB/T 2260 table (level 'county'), each
 *   with a centre drawn by hash inside eastern and central China;
 * - firms: range(N) with hash-based columns — industry from 300 GB/T 4754 4-digit classes with a
 *   Zipf(1) mix (the demo scenario's classes, then classes of every division), region from a
 *   Zipf(0.8) mix of the counties, except that 20 % of each class sits in 10 "home" counties of
 *   its own (so LQs, EG γ and strong clusters have something to find); lon/lat around the county
 *   centre (90 % within σ ≈ 2 km of it, 10 % σ ≈ 11 km: K-density pairs exist); employees heavy-tailed
 *   (2·u^−0.87, at most 20,000, integer valued) with 1.5 % NULL; in_study_area true.
 * Deterministic: the same N gives the same rows on every machine.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../src/io/ingest.js';
import { GBT_DIVISIONS } from '../src/model/classifications/index.js';
import { cnDivisions } from '../src/model/divisions/cn-divisions.js';
import { INDUSTRIES } from '../src/scenario/industries.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';

export const RECIPE = 'scale-out/1';
const CLASSES = 300;
const SLOTS = 1 << 16;
const HOME_SHARE = 20;
const HOMES = 10;

export interface BuiltData { dir: string; workspace: string; rows: number; buildSeconds: number | null; reused: boolean }

/** 300 class codes: the scenario's real classes first, then d·g·c for every division d. */
export function classCodes(): string[] {
  const codes = new Set(INDUSTRIES.map((i) => i.code));
  for (const [g, c] of [[1, 1], [1, 2], [2, 1], [2, 2], [3, 1]]) {
    for (const [d] of GBT_DIVISIONS) {
      if (codes.size >= CLASSES) break;
      codes.add(`${d}${g}${c}`);
    }
  }
  return [...codes].slice(0, CLASSES);
}

/** A deterministic integer hash in [0, 2^32) (FNV-1a), for shuffles and centres made in JS. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) { h ^= s.charCodeAt(k); h = Math.imul(h, 0x01000193) >>> 0; }
  return h >>> 0;
}

/** Slot table: item k gets about w_k · SLOTS slots (at least one). */
function slots(weights: number[]): [number, number][] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: [number, number][] = [];
  weights.forEach((w, k) => { const n = Math.max(1, Math.round((w / total) * SLOTS)); for (let j = 0; j < n; j++) out.push([out.length, k]); });
  return out;
}

function tinyProject(dir: string, workspace: string, csv: string, rows: string[]): string {
  writeFileSync(join(dir, csv), `id,industry,lon,lat,region,employees\n${rows.join('\n')}\n`);
  const project = join(dir, csv.replace(/\.csv$/, '.json'));
  writeFileSync(project, JSON.stringify({
    version: 1, industryCodeSystem: 'GB/T 4754-2017', crs: 'WGS84', workspace,
    inputs: { firms: { file: csv, columns: { id: 'id', industry: 'industry', lon: 'lon', lat: 'lat', region: 'region', employees: 'employees' } } },
  }, null, 2));
  return project;
}

async function fillTables(ws: Workspace, n: number): Promise<void> {
  const codes = classCodes();
  const order = codes.map((c, k) => ({ c, k, h: fnv(`class:${c}`) })).sort((a, b) => a.h - b.h);
  const indWeights = new Array<number>(codes.length);
  order.forEach((o, rank) => { indWeights[o.k] = 1 / (rank + 3); });
  const counties = cnDivisions().all.filter((d) => d.level === 'county');
  const regWeights = counties.map((d) => 1 / Math.pow(1 + (fnv(`county:${d.code}`) % counties.length), 0.8));
  await ws.run('CREATE TEMP TABLE so_ind (k INTEGER, code VARCHAR)');
  await ws.append('so_ind', ['integer', 'varchar'], codes.map((c, k) => [k, c]), { temp: true });
  await ws.run('CREATE TEMP TABLE so_ind_slots (islot INTEGER, k INTEGER)');
  const indSlots = slots(indWeights);
  await ws.append('so_ind_slots', ['integer', 'integer'], indSlots, { temp: true });
  await ws.run('CREATE TEMP TABLE so_reg (r INTEGER, code VARCHAR, clon DOUBLE, clat DOUBLE)');
  await ws.append('so_reg', ['integer', 'varchar', 'double', 'double'], counties.map((d, r) => {
    const h = fnv(`centre:${d.code}`);
    return [r, d.code, 100 + (h % 21000) / 1000, 22 + (Math.floor(h / 21000) % 19000) / 1000];
  }), { temp: true });
  await ws.run('CREATE TEMP TABLE so_reg_slots (rslot INTEGER, r INTEGER)');
  const regSlots = slots(regWeights);
  await ws.append('so_reg_slots', ['integer', 'integer'], regSlots, { temp: true });
  const R = counties.length;
  const u = (s: number): string => `((CAST(hash(i, ${s}) >> 11 AS DOUBLE) + 1) / 9007199254740992.0)`;
  const normal = (a: number): string => `((${u(a)} + ${u(a + 1)} + ${u(a + 2)} + ${u(a + 3)} - 2) * 1.7320508075688772)`;
  await ws.run('DELETE FROM firms');
  await ws.run('DELETE FROM regions');
  await ws.run(`INSERT INTO regions (code, name, parent, level) SELECT code, code, NULL, 'county' FROM so_reg`);
  await ws.run(`
    INSERT INTO firms (id, industry, region, lon, lat, employees, in_study_area)
    SELECT 'F' || lpad(CAST(i AS VARCHAR), 10, '0'), ind.code, reg.code,
      round(reg.clon + z1 * sd, 6), round(reg.clat + z2 * sd, 6), emp, true
    FROM (
      SELECT i, k, z1, z2, sd, emp,
        CASE WHEN home < ${HOME_SHARE} THEN CAST((k * 131 + hslot * 997) % ${R} AS INTEGER) ELSE rs.r END AS r
      FROM (
        SELECT i, s.k, hash(i, 2) % 100 AS home, hash(i, 3) % ${HOMES} AS hslot,
          CAST(hash(i, 4) % ${regSlots.length} AS INTEGER) AS rslot,
          ${normal(10)} AS z1, ${normal(20)} AS z2,
          CASE WHEN hash(i, 5) % 100 < 90 THEN 0.02 ELSE 0.1 END AS sd,
          CASE WHEN hash(i, 6) % 1000 < 15 THEN NULL ELSE least(20000, floor(2 * pow(${u(7)}, -0.87))) END AS emp
        FROM (SELECT i, CAST(hash(i, 1) % ${indSlots.length} AS INTEGER) AS islot FROM range(${n}) t(i)) b
        JOIN so_ind_slots s USING (islot)
      ) a JOIN so_reg_slots rs USING (rslot)
    ) f JOIN so_ind ind USING (k) JOIN so_reg reg USING (r)`);
  await ws.run('CHECKPOINT');
}

/** Build (or reuse) the workspace of `n` synthetic firms under `root`/scale-out-<n>. */
export async function buildData(root: string, n: number): Promise<BuiltData> {
  const dir = join(root, `scale-out-${n}`);
  const workspace = join(dir, 'ws', 'workspace.duckdb');
  const stamp = join(dir, 'built.json');
  if (existsSync(workspace) && existsSync(stamp)) {
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as { recipe: string; rows: number; seconds: number };
    if (s.recipe === RECIPE && s.rows === n) return { dir, workspace, rows: n, buildSeconds: s.seconds, reused: true };
  }
  rmSync(join(dir, 'ws'), { recursive: true, force: true });
  rmSync(stamp, { force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const project = tinyProject(dir, 'ws/workspace.duckdb', 'seed.csv', ['S1,1811,120.1,30.2,330102,5', 'S2,3823,120.2,30.3,330102,7']);
  await ingest({ project });
  const ws = await openWorkspace(workspace, { readOnly: false });
  try {
    await ws.run("SET preserve_insertion_order = false");
    await fillTables(ws, n);
    const [{ c }] = await ws.all<{ c: number }>('SELECT count(*) AS c FROM firms');
    if (Number(c) !== n) throw new Error(`scale-out: built ${c} firms, expected ${n}`);
  } finally {
    ws.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  writeFileSync(stamp, JSON.stringify({ recipe: RECIPE, rows: n, seconds }));
  return { dir, workspace, rows: n, buildSeconds: seconds, reused: false };
}

/**
 * Write <dir>/ingest/firms.csv from the workspace (once) and its project file cluster-atlas.json,
 * for the DuckDB ingest figure (bench/ingest-child.js runs our ingest on it). Returns the folder.
 */
export async function writeIngestInput(data: BuiltData): Promise<string> {
  const dir = join(data.dir, 'ingest');
  const csv = join(dir, 'firms.csv');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify({
    version: 1, industryCodeSystem: 'GB/T 4754-2017', crs: 'WGS84', workspace: 'ws/workspace.duckdb',
    inputs: { firms: { file: 'firms.csv', columns: { id: 'id', industry: 'industry', lon: 'lon', lat: 'lat', region: 'region', employees: 'employees' } } },
  }, null, 2));
  if (existsSync(csv) && existsSync(`${csv}.done`)) return dir;
  const ws = await openWorkspace(data.workspace);
  try {
    await ws.run(`COPY (SELECT id, industry, lon, lat, region, employees FROM firms) TO '${csv.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
  } finally {
    ws.close();
  }
  writeFileSync(`${csv}.done`, '');
  return dir;
}

/** The class whose share of the firms is nearest 0.7 % (the pair-histogram industry) and its share. */
export async function pairIndustry(workspace: string): Promise<{ industry: string; firms: number; share: number }> {
  const ws = await openWorkspace(workspace);
  try {
    const rows = await ws.all<{ industry: string; n: number; total: number }>(
      'SELECT industry, count(*) AS n, sum(count(*)) OVER () AS total FROM firms GROUP BY industry');
    const best = rows.map((r) => ({ industry: r.industry, firms: Number(r.n), share: Number(r.n) / Number(r.total) }))
      .sort((a, b) => Math.abs(a.share - 0.007) - Math.abs(b.share - 0.007) || (a.industry < b.industry ? -1 : 1))[0];
    return best;
  } finally {
    ws.close();
  }
}
