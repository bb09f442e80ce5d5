/**
 * One timed operation of bench/scale-out, in its own process so that its peak RSS is its own:
 *
 *   node dist/bench/scale-out-child.js <op> <source> [industry]
 *
 * <source> is `duckdb:<workspace path>` (the embedded engine: DuckDB runs inside this process, so
 * its buffers count in this RSS) or a `clickhouse://…` URL (the cluster's servers are other
 * processes: this RSS is what our code holds — the small result tables, never the firm table).
 * Prints one JSON line: { seconds (whole process), computeSeconds (after modules and engine are
 * open), maxRssMb, digest } where the digest carries what the parent compares between engines:
 * `exact` values (counts, hashes of integer tables) and `approx` arrays (sums, measures; 1e-9
 * relative).
 *
 * op `load` loads the workspace into the cluster (loadWorkspaceIntoClickHouse) and prints the
 * per-table, per-shard row counts instead of a digest.
 */
import { createHash } from 'node:crypto';

export type Op = 'lq' | 'eg' | 'strong' | 'cr' | 'grid' | 'pairs';
export const OPS: readonly Op[] = ['lq', 'eg', 'strong', 'cr', 'grid', 'pairs'];

export interface Digest { exact: Record<string, string | number>; approx: Record<string, (number | null)[]> }
export interface ChildResult { seconds: number; computeSeconds: number; maxRssMb: number; digest?: Digest; load?: { tables: { table: string; rows: number; perShard: number[] }[]; elapsedMs: number } }


function hashOf(parts: Iterable<string>): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\n');
  return h.digest('hex').slice(0, 16);
}

const arr = (x: ArrayLike<number>): (number | null)[] => Array.from(x, (v) => (Number.isFinite(v) ? v : null));

/** Numbers anywhere in a result object, by path (the pair histogram: edges, counts, pairs, Σd, Σd², points). */
function walk(x: unknown, path: string, d: Digest, depth = 0): void {
  if (depth > 6 || x === null || x === undefined) return;
  if (/provenance|warnings|elapsed|seconds|millis|label|where|engine/i.test(path.split('.').pop() ?? '')) return;
  if (typeof x === 'number') { d.approx[path] = [Number.isFinite(x) ? x : null]; return; }
  if (typeof x === 'string') { d.exact[path] = x; return; }
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) { d.approx[path] = arr(x as unknown as ArrayLike<number>); return; }
  if (Array.isArray(x)) {
    if (x.every((v) => typeof v === 'number')) { d.approx[path] = arr(x as number[]); return; }
    if (x.every((v) => typeof v === 'string')) { d.exact[path] = hashOf(x as string[]); return; }
    x.slice(0, 200).forEach((v, k) => walk(v, `${path}[${k}]`, d, depth + 1));
    return;
  }
  if (typeof x === 'object') for (const [k, v] of Object.entries(x as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k, d, depth + 1);
}

async function runOp(op: Op, source: unknown, industry: string): Promise<Digest> {
  const d: Digest = { exact: {}, approx: {} };
  const { loadFirmAggregates, loadFirmSizesByIndustry } = await import('../src/load/region-industry.js');
  type Src = Parameters<typeof loadFirmAggregates>[0];
  const src = source as Src;
  if (op === 'lq' || op === 'eg' || op === 'strong') {
    const l = await loadFirmAggregates(src, { level: 'division', size: 'employees', unknownSize: 'leave-out' });
    const { size, establishments, plants } = l.value;
    d.exact.regions = hashOf(size.regions);
    d.exact.industries = hashOf(size.industries);
    d.exact.cells = size.values.length;
    d.exact.establishments = hashOf(Array.from(establishments.values, String));
    d.exact.rowsUsed = l.provenance.rowsUsed;
    if (op === 'lq') {
      const { locationQuotient } = await import('../src/measures/specialisation/location-quotient.js');
      const q = locationQuotient(size, { missing: 'zero' });
      d.approx.size = arr(size.values);
      d.approx.lq = arr(q.value.values);
    } else if (op === 'eg') {
      const { ellisonGlaeser } = await import('../src/measures/zone-agglomeration/ellison-glaeser.js');
      const { maurelSedillot } = await import('../src/measures/zone-agglomeration/maurel-sedillot.js');
      const eg = ellisonGlaeser(size, plants, { missing: 'zero' });
      const ms = maurelSedillot(size, plants, { missing: 'zero' });
      d.exact.plants = hashOf(Array.from(plants.count, String));
      d.approx.sumSquares = arr(plants.sumSquares);
      d.approx.sumFourth = arr(plants.sumFourth);
      d.approx.gamma = arr(eg.value.gamma);
      d.approx.rawConcentration = arr(eg.value.rawConcentration);
      d.approx.maurelSedillot = arr(ms.value.values);
    } else {
      const { strongClusters } = await import('../src/measures/cluster-strength/strong-clusters.js');
      const s = strongClusters(size, { establishments, missing: 'zero' });
      d.exact.strong = s.value.strong.length;
      d.exact.strong10 = s.value.strong.filter((c) => c.strong10).length;
      d.exact.flags = hashOf(Array.from(s.value.flags, String));
      d.approx.lqCutoffs = s.value.thresholds.map((t) => t.lq);
    }
  } else if (op === 'cr') {
    const { concentrationRatio } = await import('../src/measures/concentration/concentration-ratio.js');
    const { herfindahl } = await import('../src/measures/concentration/herfindahl.js');
    const l = await loadFirmSizesByIndustry(src, { level: 'class', size: 'employees' });
    const classes = [...l.value.keys()].sort();
    const cr4: number[] = [];
    const hhi: number[] = [];
    const firms: string[] = [];
    for (const c of classes) {
      const sizes = l.value.get(c)!;
      cr4.push(concentrationRatio(sizes, { n: [4], missing: 'drop' }).value[0].value);
      hhi.push(herfindahl(sizes, { missing: 'drop' }).value.hhi);
      firms.push(`${c}:${sizes.length}`);
    }
    d.exact.classes = classes.length;
    d.exact.firms = hashOf(firms);
    d.exact.rows = l.provenance.rows;
    d.approx.cr4 = cr4;
    d.approx.hhi = hhi;
  } else if (op === 'grid') {
    const { loadGridCells } = await import('../src/load/diagnosis-cells.js');
    const g = await loadGridCells(src, 5);
    d.exact.cells = g.industry.length;
    let total = 0;
    for (const f of g.firms) total += f;
    d.exact.firms = total;
    d.exact.table = hashOf((function* () { for (let k = 0; k < g.industry.length; k++) yield `${g.industry[k]},${g.cx[k]},${g.cy[k]},${g.firms[k]}`; })());
  } else {
    const { loadPairHistogram } = await import('../src/load/pair-histogram.js');
    const h = (await loadPairHistogram(src, { industry, cutoffKm: 20, bins: 100 })).value;
    walk(h, 'value', d);
  }
  return d;
}

async function main(): Promise<void> {
  const [op, sourceArg, industry = ''] = process.argv.slice(2);
  const t0 = performance.now();
  if (op === 'load') {
    const [wsPath, url] = [sourceArg, industry];
    const { openWorkspace } = await import('../src/store/workspace.js');
    const { parseEngine } = await import('../src/store/engine/url.js');
    const { loadWorkspaceIntoClickHouse } = await import('../src/store/engine/clickhouse-load.js');
    const ws = await openWorkspace(wsPath);
    const t1 = performance.now();
    try {
      const target = parseEngine(url);
      if (target.kind !== 'clickhouse') throw new Error(`scale-out-child: not a ClickHouse URL: ${url}`);
      const load = await loadWorkspaceIntoClickHouse(ws, target);
      const seconds = (performance.now() - t0) / 1000;
      process.stdout.write(`${JSON.stringify({ seconds, computeSeconds: (performance.now() - t1) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, load: { tables: load.tables, elapsedMs: load.elapsedMs } })}\n`);
    } finally {
      ws.close();
    }
    return;
  }
  if (!OPS.includes(op as Op)) throw new Error(`scale-out-child: unknown op ${op}`);
  let source: unknown;
  let close: () => Promise<void> | void;
  if (sourceArg.startsWith('duckdb:')) {
    const { openWorkspace } = await import('../src/store/workspace.js');
    const ws = await openWorkspace(sourceArg.slice('duckdb:'.length));
    source = ws;
    close = () => ws.close();
  } else {
    const { parseEngine } = await import('../src/store/engine/url.js');
    const { openClickHouseEngine } = await import('../src/store/engine/engine.js');
    const target = parseEngine(sourceArg);
    if (target.kind !== 'clickhouse') throw new Error(`scale-out-child: not a ClickHouse URL: ${sourceArg}`);
    const engine = await openClickHouseEngine(target);
    source = engine;
    close = () => engine.close();
  }
  // the loaders and measures are imported inside runOp; warm the import before the clock
  await import('../src/load/region-industry.js');
  const t1 = performance.now();
  const digest = await runOp(op as Op, source, industry);
  const computeSeconds = (performance.now() - t1) / 1000;
  await close();
  const result: ChildResult = { seconds: (performance.now() - t0) / 1000, computeSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024, digest };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] === import.meta.filename) main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
