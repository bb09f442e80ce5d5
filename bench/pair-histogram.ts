/**
 * Benchmark of the pair-distance histogram (src/load/pair-histogram.ts): the grid-cell self-join
 * plan on the embedded DuckDB workspace beside the JavaScript path it replaces (read the
 * industry's lon/lat into the process, forEachClosePair with haversine, bin), on
 *
 * - the demo (seed 7, scale 0.5): its largest industry, 6210, and the mould cluster 3525;
 * - a synthetic industry of --points firms (default 100,000: 60 Gaussian clusters of sd 8 km
 *   over Zhejiang plus a uniform third) among --others firms of other industries (default
 *   300,000), seeded, in an in-memory DuckDB; cutoff --cutoff km (default 10), 100 bins.
 *
 * Both sides must give the same counts (checked; a pair within 1e-9 km of an edge could differ
 * and is reported). Not a test: prints figures, never fails.
 *
 *   npm run bench:pair-histogram --  [--points 100000] [--others 300000] [--cutoff 10]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { ingest } from '../src/io/ingest.js';
import { loadPairHistogram } from '../src/load/pair-histogram.js';
import { forEachClosePair } from '../src/measures/pointpattern/pairs.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { openMemory, openWorkspace, type Workspace } from '../src/store/workspace.js';

function arg(name: string, dflt: number): number {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? dflt : Number(process.argv[k + 1]);
}

async function compare(ws: Workspace, label: string, industry: string, cutoffKm: number, bins: number): Promise<void> {
  let t = performance.now();
  const h = await loadPairHistogram(ws, { industry, cutoffKm, bins });
  const sqlMs = performance.now() - t;
  t = performance.now();
  const rows = await ws.all<{ lon: number; lat: number }>(`SELECT lon, lat FROM firms WHERE industry = '${industry}' AND lon IS NOT NULL AND lat IS NOT NULL`);
  const lon = Float64Array.from(rows, (r) => r.lon), lat = Float64Array.from(rows, (r) => r.lat);
  const readMs = performance.now() - t;
  t = performance.now();
  const counts = new Float64Array(bins);
  const width = cutoffKm / bins;
  let nearEdge = 0;
  forEachClosePair(lon, lat, null, cutoffKm, 'haversine', (_i, _j, d) => {
    const u = d / width;
    if (d !== 0 && Math.abs(u - Math.round(u)) * width < 1e-9) nearEdge++;
    counts[Math.min(bins - 1, Math.floor(u))]++;
  });
  const jsMs = performance.now() - t;
  const same = counts.every((c, b) => c === h.value.counts[b]);
  console.log(`${label}: industry ${industry}, ${h.value.points} firms, ${h.value.pairs} pairs within ${cutoffKm} km, ${bins} bins`);
  console.log(`  DuckDB plan ${sqlMs.toFixed(0)} ms | JS: read ${readMs.toFixed(0)} ms + forEachClosePair ${jsMs.toFixed(0)} ms | counts equal: ${same}${nearEdge ? ` (${nearEdge} pair(s) within 1e-9 km of an edge)` : ''} | rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}

async function synthetic(dir: string, points: number, others: number): Promise<Workspace> {
  const rng = createRng(20261204);
  const lines: string[] = [];
  const centres = Array.from({ length: 60 }, () => [118.2 + 4 * rng.next(), 27.2 + 3.8 * rng.next()]);
  for (let i = 0; i < points + others; i++) {
    let lon: number, lat: number;
    if (i < points && i % 3 !== 0) {
      const c = centres[i % centres.length];
      lat = c[1] + (8 / 111.2) * rng.normal();
      lon = c[0] + (8 / (111.2 * Math.cos(c[1] * Math.PI / 180))) * rng.normal();
    } else {
      lon = 118.2 + 4 * rng.next();
      lat = 27.2 + 3.8 * rng.next();
    }
    lines.push(`F${String(i).padStart(8, '0')},${i < points ? '3525' : String(1300 + (i % 40))},${lon.toFixed(6)},${lat.toFixed(6)}`);
  }
  const csv = join(dir, 'firms.csv');
  writeFileSync(csv, `id,industry,lon,lat\n${lines.join('\n')}\n`);
  const ws = await openMemory();
  await ws.run(`CREATE TABLE meta (key VARCHAR, value VARCHAR)`);
  await ws.run(`INSERT INTO meta VALUES ('industry_code_system', 'GB/T 4754-2017')`);
  await ws.run(`CREATE TABLE firms AS SELECT id, industry, CAST(NULL AS VARCHAR) AS region, lon, lat FROM read_csv('${csv}', header = true, columns = {'id': 'VARCHAR', 'industry': 'VARCHAR', 'lon': 'DOUBLE', 'lat': 'DOUBLE'})`);
  return ws;
}

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-pairs-'));
try {
  await writeScenario(generateScenario(7, { scale: 0.5 }), join(dir, 'demo'));
  await ingest({ project: join(dir, 'demo', 'cluster-atlas.json') });
  const demo = await openWorkspace(join(dir, 'demo', '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
  await compare(demo, 'demo', '6210', 50, 25);
  await compare(demo, 'demo', '3525', 100, 2048);
  demo.close();
  const ws = await synthetic(dir, arg('points', 100_000), arg('others', 300_000));
  await compare(ws, 'synthetic', '3525', arg('cutoff', 10), 100);
  ws.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
