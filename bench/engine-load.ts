/**
 * Benchmark of `ingest --engine clickhouse://…`'s load step: an existing workspace copied into a
 * fresh ClickHouse cluster of N shards on loopback (scripts/clickhouse-cluster.ts), loaded
 * `--runs` times (the second and later runs replace the first: the atomic swap included).
 *
 *   npm run build && node dist/bench/engine-load.js --workspace bench/out/analyze-100/.cluster-atlas/workspace.duckdb
 *   node dist/bench/engine-load.js --workspace W --shards 1 --runs 2
 *
 * (bench/analyze.ts builds the 2,046,616-firm workspace at bench/out/analyze-100.) Prints each
 * table's rows and seconds (from its first piece sent to its shard counts checked), the total rows
 * per second, and the peak RSS and JS heap of this process sampled every 50 ms: the heap stays flat
 * with the table's size (one DuckDB chunk and one 1 MB piece at a time); the RSS adds DuckDB's own
 * buffer pool. Not a test: prints figures, never fails.
 */
import { resolve } from 'node:path';
import { startLocalCluster } from '../scripts/clickhouse-cluster.js';
import { loadWorkspaceIntoClickHouse } from '../src/store/engine/clickhouse-load.js';
import { parseEngine, type ClickHouseTarget } from '../src/store/engine/url.js';
import { openWorkspace } from '../src/store/workspace.js';

const arg = (name: string, fallback?: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const workspace = arg('workspace');
if (!workspace) {
  console.error('usage: node dist/bench/engine-load.js --workspace FILE [--shards 3] [--runs 1]');
  process.exit(1);
}
const shards = Number(arg('shards', '3'));
const runs = Number(arg('runs', '1'));

let peakRss = 0;
let peakHeap = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 50);

const cluster = await startLocalCluster({ shards });
const ws = await openWorkspace(resolve(workspace));
try {
  const target = parseEngine(cluster.url('bench'), {}) as ClickHouseTarget;
  for (let run = 1; run <= runs; run++) {
    const began = new Map<string, number>();
    const seconds = new Map<string, number>();
    const t0 = performance.now();
    const r = await loadWorkspaceIntoClickHouse(ws, target, {
      onProgress: (p) => {
        if (p.stage === 'load' && !began.has(p.table)) began.set(p.table, performance.now());
        if (p.stage === 'verify') seconds.set(p.table, (performance.now() - (began.get(p.table) ?? performance.now())) / 1000);
      },
    });
    const total = (performance.now() - t0) / 1000;
    const rows = r.tables.reduce((a, t) => a + t.rows, 0);
    console.log(`run ${run}: ${rows.toLocaleString('en-US')} rows into ${shards} shard(s) in ${total.toFixed(1)} s = ${Math.round(rows / total).toLocaleString('en-US')} rows/s`);
    for (const t of r.tables.filter((x) => x.rows >= 10_000)) {
      const s = seconds.get(t.table) ?? 0;
      console.log(`  ${t.table.padEnd(16)} ${t.rows.toLocaleString('en-US').padStart(11)} rows  ${s.toFixed(2).padStart(6)} s  ${Math.round(t.rows / Math.max(s, 1e-3)).toLocaleString('en-US').padStart(9)} rows/s  per shard ${t.perShard.join(' / ')}`);
    }
  }
} finally {
  ws.close();
  await cluster.stop();
  clearInterval(sampler);
}
console.log(`peak RSS ${(peakRss / 1e6).toFixed(0)} MB, peak JS heap ${(peakHeap / 1e6).toFixed(0)} MB`);
