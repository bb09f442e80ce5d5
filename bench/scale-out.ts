/**
 * Benchmark (issue 19): the aggregation measures and the pair-distance histogram on embedded
 * DuckDB and on a ClickHouse cluster of 1, 2 and 3 shards, at 10, 30 (and, when asked and the disk
 * has room, 100) million synthetic establishments, in one run.
 *
 *   npm run bench:scale-out                                   # 10e6 and 30e6, shards 1,2,3, 3 repeats
 *   npm run bench:scale-out -- --sizes 10e6,30e6,100e6 --shards 1,2,3 --repeats 3
 *   node dist/bench/scale-out.js --sizes 1e6 --shards 1,3 --repeats 1 --ops lq,grid   # a quick look
 *   … --pair-repeats 1        # the pair histogram once per engine (it grows with the square of the density)
 *
 * Data: bench/scale-out-data.ts builds a real workspace per size under bench/out/scale-out-<N>/
 * (once, reused; its build time is reported, not compared). For each size:
 * - DuckDB: the workspace itself. Its ingest figure is our `ingest` of the same rows from a CSV
 *   (written by DuckDB's COPY) when N ≤ --ingest-max (default 10e6), else n/a.
 * - ClickHouse, per shard count: a fresh loopback cluster (scripts/clickhouse-cluster.ts), loaded
 *   with loadWorkspaceIntoClickHouse (that time is its ingest figure, with the rows each shard got),
 *   stopped afterwards whatever happens.
 * Timed operations, each a fresh child process (bench/scale-out-child.ts), median of --repeats:
 *   lq      loadFirmAggregates at division level + locationQuotient of every region × division
 *   eg      the same aggregates + ellisonGlaeser and maurelSedillot of every division
 *   strong  the same aggregates + strongClusters (employment and establishment counts)
 *   cr      loadFirmSizesByIndustry of every class + CR4 and HHI
 *   grid    loadGridCells(source, 5): the diagnosis's class × 5 km cell counts
 *   pairs   loadPairHistogram of one class holding ≈0.7 % of the firms, 20 km cutoff, 100 bins
 * Every ClickHouse result is checked against DuckDB's (counts and integer tables exact, sums and
 * measures to 1e-9 relative); a difference is printed as MISMATCH. The RSS shown is our process's
 * peak: with DuckDB the engine runs inside it; with ClickHouse it holds only the result tables.
 *
 * All shards share this machine's 2 cores, so more shards cannot be faster here in wall time: the
 * point of the shard columns is that the work is split and pushed down (the per-shard row counts
 * show the split), and how much the fan-out costs. The figures of every run (without the result
 * digests) are also written to bench/out/scale-out-results.json after each size, so an interrupted
 * run keeps what it measured. Not a test: prints figures, never fails on them.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startLocalCluster } from '../scripts/clickhouse-cluster.js';
import { OPS, type ChildResult, type Digest, type Op } from './scale-out-child.js';
import { buildData, pairIndustry, writeIngestInput } from './scale-out-data.js';

interface Run extends ChildResult { error?: string }
interface IngestFigure { seconds: number | null; maxRssMb: number | null; note: string }
interface SizeResult { n: number; industry: string; industryFirms: number; engines: Map<string, Map<Op, Run[]>>; ingest: Map<string, IngestFigure>; mismatches: string[] }

const args = process.argv.slice(2);
const opt = (name: string, d: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
const SIZES = opt('--sizes', '10e6,30e6').split(',').map(Number);
const SHARDS = opt('--shards', '1,2,3').split(',').map(Number);
const REPEATS = Number(opt('--repeats', '3'));
/** The pair histogram grows with the square of the density (≈ 40 s on one shard at 10e6, minutes at 30e6): it may repeat less. */
const PAIR_REPEATS = Math.min(REPEATS, Number(opt('--pair-repeats', String(REPEATS))));
const INGEST_MAX = Number(opt('--ingest-max', '10e6'));
const SELECTED = opt('--ops', OPS.join(',')).split(',') as Op[];
const ROOT = resolve(opt('--out', join('bench', 'out')));
const CHILD = join(import.meta.dirname, 'scale-out-child.js');
const execFileAsync = promisify(execFile);
const TOLERANCE = 1e-9;
/** Bytes a row needs on disk (measured at 1e6, with a margin): DuckDB workspace ≈ 21, ClickHouse (all shards) ≈ 30, CSV ≈ 49. */
const BYTES_PER_ROW = { duckdb: 25, clickhouse: 35, csv: 52 };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(0)} MB`);
const label = (shards: number): string => `CH ${shards} shard${shards > 1 ? 's' : ''}`;
const free = (): number => { const s = statfsSync(ROOT); return s.bavail * s.bsize; };

function du(path: string): number {
  try { return Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]); } catch { return Number.NaN; }
}

/** One child run; asynchronous, so a Ctrl-C or kill reaches our handler (and stops the clusters) while it runs. */
async function child(argv: string[]): Promise<Run> {
  try {
    const { stdout } = await execFileAsync(process.execPath, [CHILD, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Run;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    const msg = (err.stderr?.trim().split('\n').slice(-3).join(' ') || err.message).slice(0, 300);
    return { seconds: Number.NaN, computeSeconds: Number.NaN, maxRssMb: Number.NaN, error: msg };
  }
}

/** Compare a ClickHouse digest with DuckDB's; returns the differences (empty when they agree). */
function compare(a: Digest, b: Digest): { diffs: string[]; maxRel: number } {
  const diffs: string[] = [];
  let maxRel = 0;
  for (const k of new Set([...Object.keys(a.exact), ...Object.keys(b.exact)])) {
    if (a.exact[k] !== b.exact[k]) diffs.push(`${k}: ${a.exact[k]} vs ${b.exact[k]}`);
  }
  for (const k of new Set([...Object.keys(a.approx), ...Object.keys(b.approx)])) {
    const x = a.approx[k], y = b.approx[k];
    if (!x || !y || x.length !== y.length) { diffs.push(`${k}: ${x?.length ?? 'missing'} vs ${y?.length ?? 'missing'} values`); continue; }
    let worst = 0, at = -1;
    for (let i = 0; i < x.length; i++) {
      const u = x[i], v = y[i];
      if (u === null || v === null) { if (u !== v) { worst = Infinity; at = i; } continue; }
      const scale = Math.max(Math.abs(u), Math.abs(v));
      const rel = scale === 0 ? 0 : Math.abs(u - v) / scale;
      if (rel > worst) { worst = rel; at = i; }
    }
    maxRel = Math.max(maxRel, worst);
    if (worst > TOLERANCE) diffs.push(`${k}[${at}]: ${x[at]} vs ${y[at]} (relative ${worst.toExponential(2)})`);
  }
  return { diffs, maxRel };
}

async function runOps(r: SizeResult, engine: string, source: string): Promise<void> {
  const byOp = new Map<Op, Run[]>();
  r.engines.set(engine, byOp);
  for (let k = 0; k < REPEATS; k++) {
    for (const op of SELECTED) {
      if (op === 'pairs' && k >= PAIR_REPEATS) continue;
      const run = await child([op, source, r.industry]);
      if (!byOp.has(op)) byOp.set(op, []);
      byOp.get(op)!.push(run);
      process.stderr.write(`  ${engine} ${op} #${k + 1}: ${run.error ? `FAILED ${run.error}` : `${run.computeSeconds.toFixed(2)} s, ${run.maxRssMb.toFixed(0)} MB`}\n`);
    }
  }
  const base = r.engines.get('DuckDB');
  if (engine === 'DuckDB' || !base) return;
  for (const op of SELECTED) {
    const a = base.get(op)?.find((x) => x.digest)?.digest;
    const b = byOp.get(op)?.find((x) => x.digest)?.digest;
    if (!a || !b) continue;
    const { diffs, maxRel } = compare(a, b);
    if (diffs.length) {
      const line = `MISMATCH ${(r.n / 1e6).toFixed(0)}M ${op} DuckDB vs ${engine}: ${diffs.slice(0, 4).join('; ')}`;
      r.mismatches.push(line);
      process.stderr.write(`!!! ${line}\n`);
    } else {
      process.stderr.write(`  ${engine} ${op}: agrees with DuckDB (max relative difference ${maxRel.toExponential(1)})\n`);
    }
  }
}

async function benchSize(n: number, room: number): Promise<SizeResult | string> {
  const withCsv = n <= INGEST_MAX;
  const need = n * (BYTES_PER_ROW.duckdb + BYTES_PER_ROW.clickhouse + (withCsv ? BYTES_PER_ROW.csv + BYTES_PER_ROW.duckdb : 0));
  if (need > room * 0.9) return `${n.toLocaleString('en-US')} rows need about ${mb(need)} of disk, ${mb(room)} free: skipped`;
  const data = await buildData(ROOT, n);
  process.stderr.write(`${n.toLocaleString('en-US')} firms: workspace ${data.reused ? 'reused' : 'built'} (${data.buildSeconds?.toFixed(1) ?? '?'} s), ${mb(du(data.workspace))} on disk\n`);
  const pick = await pairIndustry(data.workspace);
  const r: SizeResult = { n, industry: pick.industry, industryFirms: pick.firms, engines: new Map(), ingest: new Map(), mismatches: [] };
  if (withCsv) {
    const dir = await writeIngestInput(data);
    const run = JSON.parse(execFileSync(process.execPath, [join(import.meta.dirname, 'ingest-child.js'), 'atlas', dir], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!) as { seconds: number; maxRssMb: number; rows: number };
    rmSync(join(dir, 'ws'), { recursive: true, force: true });
    r.ingest.set('DuckDB', { seconds: run.seconds, maxRssMb: run.maxRssMb, note: `ingest of a ${mb(du(join(dir, 'firms.csv')))} CSV, ${run.rows.toLocaleString('en-US')} rows loaded` });
  } else {
    r.ingest.set('DuckDB', { seconds: null, maxRssMb: null, note: `n/a (CSV ingest timed only up to ${INGEST_MAX.toExponential(0)} rows)` });
  }
  await runOps(r, 'DuckDB', `duckdb:${data.workspace}`);
  for (const shards of SHARDS) {
    const engine = label(shards);
    const cluster = await startLocalCluster({ shards });
    try {
      const url = cluster.url('atlas');
      const load = await child(['load', data.workspace, url]);
      if (load.error || !load.load) {
        r.ingest.set(engine, { seconds: null, maxRssMb: null, note: `load FAILED: ${load.error}` });
        r.mismatches.push(`load into ${engine} failed: ${load.error}`);
        continue;
      }
      const firms = load.load.tables.find((t) => t.table === 'firms');
      r.ingest.set(engine, {
        seconds: load.load.elapsedMs / 1000, maxRssMb: load.maxRssMb,
        note: `firms per shard ${firms?.perShard.map((x) => x.toLocaleString('en-US')).join(' / ')}; cluster data ${mb(du(cluster.dir))}`,
      });
      process.stderr.write(`  ${engine}: loaded in ${(load.load.elapsedMs / 1000).toFixed(1)} s (${r.ingest.get(engine)!.note})\n`);
      await runOps(r, engine, url);
    } finally {
      await cluster.stop();
    }
  }
  return r;
}

function report(results: SizeResult[], skipped: string[], log: (line: string) => void = console.log): void {
  const console = { log };
  const engines = ['DuckDB', ...SHARDS.map(label)];
  const w = 19;
  const cell = (runs: Run[] | undefined): string => {
    if (!runs?.length) return '—';
    const ok = runs.filter((x) => !x.error);
    if (!ok.length) return 'FAILED';
    return `${median(ok.map((x) => x.computeSeconds)).toFixed(2)} s ${Math.max(...ok.map((x) => x.maxRssMb)).toFixed(0)} MB`;
  };
  console.log(`\nbench/scale-out — seconds (median of ${REPEATS}${PAIR_REPEATS < REPEATS ? `, pairs of ${PAIR_REPEATS}` : ''}, query + measure, fresh process each) and our process's peak RSS`);
  console.log('all ClickHouse shards run on this one 2-core machine: more shards split and push down the work but cannot be faster in wall time here');
  console.log('ingest: DuckDB = our `ingest` of the rows as a CSV (read, validate, load; n/a above --ingest-max); ClickHouse = loadWorkspaceIntoClickHouse from the workspace');
  console.log(`${'operation'.padEnd(14)}${'rows'.padStart(6)}  ${engines.map((e) => e.padStart(w)).join('')}`);
  for (const r of results) {
    const size = `${(r.n / 1e6).toFixed(0)}M`;
    const ing = (e: string): string => { const f = r.ingest.get(e); return f?.seconds == null ? 'n/a' : `${f.seconds.toFixed(1)} s ${f.maxRssMb!.toFixed(0)} MB`; };
    console.log(`${'ingest'.padEnd(14)}${size.padStart(6)}  ${engines.map((e) => ing(e).padStart(w)).join('')}`);
    for (const op of SELECTED) console.log(`${op.padEnd(14)}${size.padStart(6)}  ${engines.map((e) => cell(r.engines.get(e)?.get(op)).padStart(w)).join('')}`);
  }
  for (const r of results) {
    const duck = (op: Op): Digest | undefined => r.engines.get('DuckDB')?.get(op)?.find((x) => x.digest)?.digest;
    const pairs = duck('pairs')?.approx['value.pairs']?.[0];
    const cells = duck('grid')?.exact.cells;
    console.log(`\n${r.n.toLocaleString('en-US')} firms — pair histogram of class ${r.industry} (${r.industryFirms.toLocaleString('en-US')} firms, ${(100 * r.industryFirms / r.n).toFixed(2)} %${pairs == null ? '' : `, ${pairs.toLocaleString('en-US')} pairs within 20 km`}); grid: ${cells == null ? '?' : Number(cells).toLocaleString('en-US')} class × 5 km cells come back`);
    for (const e of engines) { const f = r.ingest.get(e); if (f) console.log(`  ingest ${e}: ${f.note}`); }
    for (const e of engines) for (const [op, runs] of r.engines.get(e) ?? []) for (const x of runs) if (x.error) console.log(`  ${e} ${op} FAILED: ${x.error}`);
  }
  const t = (r: SizeResult, e: string, op: Op): number => { const ok = (r.engines.get(e)?.get(op) ?? []).filter((x) => !x.error); return ok.length ? median(ok.map((x) => x.computeSeconds)) : Number.NaN; };
  if (results.length > 1) {
    console.log('\ngrowth with rows (time at N / time at the smallest N):');
    const first = results[0];
    for (const r of results.slice(1)) {
      console.log(`  ${(r.n / first.n).toFixed(1)}× rows (${(r.n / 1e6).toFixed(0)}M / ${(first.n / 1e6).toFixed(0)}M):`);
      for (const op of SELECTED) console.log(`    ${op.padEnd(8)} ${engines.map((e) => `${e} ${(t(r, e, op) / t(first, e, op)).toFixed(2)}×`).join('   ')}`);
    }
  }
  if (SHARDS.length > 1) {
    console.log(`\ngrowth with shards (time with k shards / time with ${SHARDS[0]}; same 2 cores for all):`);
    for (const r of results) for (const op of SELECTED) {
      console.log(`  ${(r.n / 1e6).toFixed(0)}M ${op.padEnd(8)} ${SHARDS.slice(1).map((s) => `${s}/${SHARDS[0]}: ${(t(r, label(s), op) / t(r, label(SHARDS[0]), op)).toFixed(2)}×`).join('   ')}`);
    }
  }
  const mismatches = results.flatMap((r) => r.mismatches);
  console.log(mismatches.length ? `\n!!! ${mismatches.length} MISMATCH(ES) between DuckDB and ClickHouse:\n${mismatches.map((m) => `!!! ${m}`).join('\n')}` : '\nagreement: every ClickHouse result equals DuckDB\'s (counts exact, sums and measures within 1e-9 relative)');
  for (const s of skipped) console.log(`skipped: ${s}`);
}

/** Every run's figures (not the digests) as JSON, rewritten after each size. */
function saveResults(results: SizeResult[]): void {
  const plain = results.map((r) => ({
    ...r,
    ingest: Object.fromEntries(r.ingest),
    engines: Object.fromEntries([...r.engines].map(([e, byOp]) => [e, Object.fromEntries([...byOp].map(([op, runs]) => [op, runs.map(({ digest: _digest, ...rest }) => rest)]))])),
  }));
  writeFileSync(join(ROOT, 'scale-out-results.json'), `${JSON.stringify(plain, null, 1)}\n`);
}

async function main(): Promise<void> {
  // Ctrl-C or a kill: exit through process.exit, whose handler (scripts/clickhouse-cluster.ts) stops our servers
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
  for (const op of SELECTED) if (!OPS.includes(op)) throw new Error(`--ops: unknown operation ${op} (known: ${OPS.join(', ')})`);
  mkdirSync(ROOT, { recursive: true });
  const results: SizeResult[] = [];
  const skipped: string[] = [];
  for (const n of SIZES) {
    const r = await benchSize(n, free());
    if (typeof r === 'string') { skipped.push(r); process.stderr.write(`${r}\n`); continue; }
    results.push(r);
    saveResults(results);
    if (n !== SIZES[SIZES.length - 1]) report(results, skipped, (line) => process.stderr.write(`${line}\n`));
  }
  report(results, skipped);
}

main().catch((e) => { console.error(e); process.exit(1); });
