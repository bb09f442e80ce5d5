/**
 * Benchmark: every region × industry LQ, every industry's HHI and Ellison–Glaeser γ on the
 * 1,000,000-firm demo scenario (scale 50), beside a hand-written DuckDB SQL of the same
 * aggregation, in the same run. Each side runs in its own child process (fresh DuckDB instance,
 * read-only workspace), alternating, median of the repeats.
 *
 *   npm run bench:concentration                      # scale 50 ≈ 1,000,000 firms, industries at division level
 *   npm run bench:concentration -- --scale 5 --repeats 5 --level class
 *
 * Ours: src/load/region-industry.ts (one SQL GROUP BY region × industry for Σx, count, Σx², Σx⁴
 * over a code → division mapping) + locationQuotient + ellisonGlaeser (+ HHI = H) in TypeScript.
 * Reference: one DuckDB SQL statement computing LQ of every non-empty cell, HHI and EG γ of every
 * industry (roll-up by substr of the GB/T code), results read back as columns.
 * The two results are compared (max |difference|) so the timing is of the same numbers.
 * Target (issue 3): ours within 1.5× of the reference. Not a test: prints figures, never fails on them.
 * The scenario and its workspace are built once under bench/out/concentration-<scale>/ (not timed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface ChildResult { seconds: number; computeSeconds: number; maxRssMb: number; cells: number; industries: number; gamma: Record<string, number>; lq: Record<string, number> }

const LEVEL_DIGITS: Record<string, number> = { division: 2, group: 3, class: 4 };

function referenceSql(digits: number): string {
  return `
WITH f AS (SELECT region, substr(industry, 1, ${digits}) AS ind, employees AS x FROM firms
           WHERE region IS NOT NULL AND employees IS NOT NULL AND length(industry) >= ${digits}),
cell AS (SELECT region, ind, sum(x) AS e, count(*) AS n, sum(x * x) AS s2, sum((x * x) * (x * x)) AS s4 FROM f GROUP BY region, ind),
reg AS (SELECT region, sum(e) AS er FROM cell GROUP BY region),
ind AS (SELECT ind, sum(e) AS ei, sum(s2) AS s2, sum(s4) AS s4, sum(n) AS n FROM cell GROUP BY ind),
tot AS (SELECT sum(e) AS et FROM cell),
xr AS (SELECT region, er / et AS x FROM reg, tot),
sx AS (SELECT sum(x * x) AS sx2 FROM xr),
g AS (SELECT c.ind, sum((c.e / i.ei) * (c.e / i.ei)) AS ss, sum((c.e / i.ei) * xr.x) AS sxr
      FROM cell c JOIN ind i USING (ind) JOIN xr USING (region) GROUP BY c.ind),
eg AS (SELECT i.ind, i.s2 / (i.ei * i.ei) AS hhi, g.ss - 2 * g.sxr + sx.sx2 AS graw FROM ind i JOIN g USING (ind), sx)
SELECT 'lq' AS kind, c.region, c.ind, (c.e / r.er) / (i.ei / t.et) AS v, NULL::DOUBLE AS hhi
  FROM cell c JOIN reg r USING (region) JOIN ind i USING (ind), tot t
UNION ALL
SELECT 'eg', NULL, eg.ind, (eg.graw - (1 - sx.sx2) * eg.hhi) / ((1 - sx.sx2) * (1 - eg.hhi)), eg.hhi FROM eg, sx`;
}

async function child(mode: 'ours' | 'sql', wsPath: string, level: string): Promise<void> {
  const t0 = performance.now();
  const { openWorkspace } = await import('../src/store/workspace.js');
  // our modules are imported before the compute clock starts (module loading is in `seconds`)
  const { loadFirmAggregates } = await import('../src/load/region-industry.js');
  const { locationQuotient } = await import('../src/measures/specialisation/location-quotient.js');
  const { ellisonGlaeser } = await import('../src/measures/zone-agglomeration/ellison-glaeser.js');
  const ws = await openWorkspace(wsPath);
  const t1 = performance.now();
  const gamma: Record<string, number> = {};
  const lq: Record<string, number> = {};
  let cells = 0;
  let industries = 0;
  if (mode === 'ours') {
    const l = await loadFirmAggregates(ws, { level, size: 'employees' });
    const q = locationQuotient(l.value.size, { missing: 'zero' });
    const eg = ellisonGlaeser(l.value.size, l.value.plants, { missing: 'zero' });
    const I = q.value.industries.length;
    q.value.regions.forEach((r, ri) => q.value.industries.forEach((c, ii) => { if (l.value.size.values[ri * I + ii] > 0) lq[`${r}|${c}`] = q.value.values[ri * I + ii]; }));
    eg.value.industries.forEach((c, i) => { gamma[c] = eg.value.gamma[i]; });
    cells = q.value.values.length;
    industries = I;
  } else {
    const reader = await ws.connection.runAndReadAll(referenceSql(LEVEL_DIGITS[level]));
    const [kind, region, ind, v] = reader.getColumns() as [string[], (string | null)[], string[], number[]];
    for (let k = 0; k < kind.length; k++) {
      if (kind[k] === 'lq') { lq[`${region[k]}|${ind[k]}`] = v[k]; cells++; } else { gamma[ind[k]] = v[k]; industries++; }
    }
  }
  const computeSeconds = (performance.now() - t1) / 1000;
  ws.close();
  const seconds = (performance.now() - t0) / 1000;
  const result: ChildResult = { seconds, computeSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024, cells, industries, gamma, lq };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function prepare(scale: number, dir: string): Promise<string> {
  const wsPath = join(dir, 'ws', 'workspace.duckdb');
  if (existsSync(wsPath)) return wsPath;
  mkdirSync(dir, { recursive: true });
  const { generateScenario, writeScenario } = await import('../src/scenario/index.js');
  const { ingest } = await import('../src/io/ingest.js');
  const { writeFileSync, readFileSync } = await import('node:fs');
  process.stderr.write(`generating the demo scenario at scale ${scale} into ${dir} (once)…\n`);
  const scenario = generateScenario(20261127, { scale });
  await writeScenario(scenario, dir);
  const projectFile = join(dir, 'cluster-atlas.json');
  const project = JSON.parse(readFileSync(projectFile, 'utf8'));
  project.workspace = 'ws/workspace.duckdb';
  writeFileSync(projectFile, JSON.stringify(project, null, 2));
  process.stderr.write(`ingesting ${scenario.firms.length.toLocaleString()} firms (once)…\n`);
  await ingest({ project: projectFile });
  return wsPath;
}

function run(mode: 'ours' | 'sql', wsPath: string, level: string): ChildResult {
  const out = execFileSync(process.execPath, [import.meta.filename, '--child', mode, wsPath, level], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] as 'ours' | 'sql', args[2], args[3]);
  const opt = (name: string, d: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
  const scale = Number(opt('--scale', '50'));
  const repeats = Number(opt('--repeats', '3'));
  const level = opt('--level', 'division');
  if (!(level in LEVEL_DIGITS)) throw new Error(`--level must be one of ${Object.keys(LEVEL_DIGITS).join(', ')}`);
  const wsPath = await prepare(scale, resolve('bench', 'out', `concentration-${scale}`));
  const { openWorkspace } = await import('../src/store/workspace.js');
  const ws = await openWorkspace(wsPath);
  const firms = Number((await ws.all<{ n: number }>('SELECT count(*)::BIGINT AS n FROM firms'))[0].n);
  ws.close();
  const ours: ChildResult[] = [];
  const sql: ChildResult[] = [];
  for (let r = 0; r < repeats; r++) {
    sql.push(run('sql', wsPath, level));
    ours.push(run('ours', wsPath, level));
  }
  let dg = 0;
  let dl = 0;
  for (const [k, v] of Object.entries(sql[0].gamma)) dg = Math.max(dg, Math.abs(v - ours[0].gamma[k]));
  for (const [k, v] of Object.entries(sql[0].lq)) dl = Math.max(dl, Math.abs(v - ours[0].lq[k]));
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const a = median(ours.map((x) => x.seconds));
  const b = median(sql.map((x) => x.seconds));
  const ac = median(ours.map((x) => x.computeSeconds));
  const bc = median(sql.map((x) => x.computeSeconds));
  const line = (name: string, s: number, c: number, rss: number, cells: number, inds: number): string =>
    `${name.padEnd(46)} ${s.toFixed(3).padStart(7)} s process  ${c.toFixed(3).padStart(7)} s query+compute  ${rss.toFixed(0).padStart(5)} MB peak RSS  ${cells.toLocaleString().padStart(7)} LQ cells  ${String(inds).padStart(4)} industries`;
  console.log(`bench/concentration — ${firms.toLocaleString()} firms (demo scale ${scale}), industries at ${level} level, median of ${repeats}, each run a fresh process`);
  console.log(line('hand-written DuckDB SQL (reference)', b, bc, Math.max(...sql.map((x) => x.maxRssMb)), sql[0].cells, sql[0].industries));
  console.log(line('cluster-atlas: SQL aggregate + TS LQ/HHI/EG', a, ac, Math.max(...ours.map((x) => x.maxRssMb)), ours[0].cells, ours[0].industries));
  console.log(`ratio: ${(a / b).toFixed(2)}× whole process, ${(ac / bc).toFixed(2)}× query+compute (target ≤ 1.5×); agreement: max |Δγ| = ${dg.toExponential(2)}, max |ΔLQ| = ${dl.toExponential(2)} over non-empty cells`);
}

main().catch((e) => { console.error(e); process.exit(1); });
