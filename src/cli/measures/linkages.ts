/**
 * `cluster-atlas measure linkages --io FILE` (input–output linkages) and
 * `cluster-atlas measure network --place SPEC` (firm network of a place). The measure code is
 * imported inside the actions so `--help` stays fast. JSON output is documented in
 * docs/measures-linkages.md.
 */
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { csvLine } from '../../core/csv.js';
import { InputError } from '../../core/errors.js';
import type { CliContext } from '../output.js';
import type { MeasureRegistrar } from './index.js';

/** Typed arrays → arrays, non-finite numbers → null (JSON has no NaN). */
export function toJson(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

function num(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new InputError('E_OPTION', `--${name} must be a number, got ${text}`, { field: name, value: text });
  return v;
}

export interface LinkagesCliOptions {
  /** IO table file; without it the workspace's ingested table is used. */
  io?: string; table?: string; project?: string; workspace?: string; layout: 'auto' | 'square' | 'nbs' | 'bea-use'; sheet?: string; forward: 'ghosh' | 'leontief'; outputFrom?: 'row' | 'column';
  strictBalance?: boolean; regional?: string; method: 'flq' | 'cilq' | 'slq'; delta?: string; top?: string;
  /** Print one matrix in full as CSV instead of the linkages: A, L (Leontief inverse), B, G (Ghosh inverse). */
  matrix?: 'A' | 'L' | 'B' | 'G';
}

export async function runLinkages(ctx: CliContext, opts: LinkagesCliOptions): Promise<Record<string, unknown>> {
  const { readIoTable, readGrid } = await import('../../load/io-table-file.js');
  const L = await import('../../measures/linkages/index.js');
  let read: Awaited<ReturnType<typeof readIoTable>>;
  if (opts.io !== undefined) {
    read = await readIoTable(opts.io, { layout: opts.layout, sheet: opts.sheet ?? 0, outputFrom: opts.outputFrom, onUnbalanced: opts.strictBalance ? 'error' : 'report' });
  } else {
    const { loadIoTableFromWorkspace } = await import('../../load/io-table-workspace.js');
    const { resolveWorkspacePath } = await import('../commands/info.js');
    const { openWorkspace } = await import('../../store/workspace.js');
    const ws = await openWorkspace(resolveWorkspacePath({ project: opts.project, workspace: opts.workspace }), { readOnly: true });
    try {
      const w = await loadIoTableFromWorkspace(ws, opts.table);
      if (w.unbalanced.length && opts.strictBalance) throw new InputError('E_DEGENERATE', `IO table ${w.id}: unbalanced sector(s) ${w.unbalanced.map((u) => u.sector).join(', ')}`, { field: 'totalOutput', value: w.unbalanced.map((u) => u.sector) });
      read = { table: w.table, layout: 'square', unbalanced: w.unbalanced, outputFrom: 'column', warnings: w.unbalanced.length ? [`IO table ${w.id}: unbalanced sector(s): ${w.unbalanced.map((u) => u.sector).join(', ')}`] : [] };
    } finally {
      ws.close();
    }
  }
  let table = read.table;
  const warnings = [...read.warnings];
  let regional: Record<string, unknown> | undefined;
  if (opts.regional) {
    // CSV: sector, regional, national (employment or output by sector)
    const grid = await readGrid(opts.regional);
    const head = grid[0].map((h) => h.trim().toLowerCase());
    const [cs, cr, cn] = ['sector', 'regional', 'national'].map((h) => head.indexOf(h));
    if (cs < 0 || cr < 0 || cn < 0) throw new InputError('E_MAPPING', `--regional ${opts.regional}: needs columns sector, regional, national`, { file: opts.regional });
    const byCode = new Map(grid.slice(1).filter((r) => r[cs]).map((r, i) => [r[cs].trim(), { r: Number(r[cr]), n: Number(r[cn]), line: i + 2 }]));
    const er = new Float64Array(table.sectors.length);
    const en = new Float64Array(table.sectors.length);
    table.sectors.forEach((s, i) => {
      const e = byCode.get(s);
      if (!e) throw new InputError('E_MAPPING', `--regional ${opts.regional}: no row for sector ${s}`, { file: opts.regional, field: 'sector', value: s });
      er[i] = e.r; en[i] = e.n;
    });
    const reg = L.regionaliseCoefficients(table, er, en, { method: opts.method, delta: num('delta', opts.delta, 0.3) });
    warnings.push(...reg.warnings);
    table = reg.value.table;
    regional = { method: opts.method, delta: reg.provenance.options.delta, lambda: reg.value.lambda, slq: reg.value.slq, sectorsKept: table.sectors };
  }
  if (opts.matrix) {
    // the full matrix, row sector × column sector, as CSV on stdout (formula-safe cells, full precision)
    const f = { A: L.technicalCoefficients, L: L.leontiefInverse, B: L.allocationCoefficients, G: L.ghoshInverse }[opts.matrix];
    const m = f(table).value;
    const n = table.sectors.length;
    const lines = [csvLine(['sector', ...table.sectors])];
    for (let i = 0; i < n; i++) lines.push(csvLine([table.sectors[i], ...Array.from(m.subarray(i * n, (i + 1) * n))]));
    ctx.out(lines.join('\n'));
    for (const w of warnings) if (!ctx.quiet) ctx.err(`warning: ${w}`);
    return { matrix: opts.matrix, sectors: table.sectors, values: Array.from(m) };
  }
  const rh = L.rasmussenHirschman(table, { forward: opts.forward });
  const ex = L.hypotheticalExtraction(table);
  const l = L.leontiefInverse(table).value;
  warnings.push(...rh.warnings);
  const n = table.sectors.length;
  const sectors = table.sectors.map((code, j) => ({
    code, name: table.names?.[j] ?? null,
    outputMultiplier: rh.value.backwardTotals[j], leontiefDiagonal: l[j * n + j],
    backward: rh.value.backward[j], forward: rh.value.forward[j], forwardTotal: rh.value.forwardTotals[j],
    backwardCv: rh.value.backwardCv[j], forwardCv: rh.value.forwardCv[j], keySector: rh.value.keySector[j],
    extraction: { total: ex.value.total[j], backward: ex.value.backward[j], forward: ex.value.forward[j], totalShare: ex.value.totalShare[j] },
  }));
  const result = {
    table: { file: opts.io ?? null, workspaceTable: opts.io === undefined ? (opts.table ?? 'the only table') : null, layout: read.layout, sectors: n, outputFrom: read.outputFrom, unbalanced: read.unbalanced },
    regional: regional ?? null,
    forward: opts.forward,
    sectors,
    keySectors: sectors.filter((s) => s.keySector === 'key').map((s) => s.code),
    warnings: [...new Set(warnings)],
    provenance: [rh.provenance, ex.provenance],
  };
  if (ctx.format === 'json') ctx.out(JSON.stringify(toJson(result), null, 2));
  else {
    const { renderTable } = await import('../output.js');
    const top = num('top', opts.top, 20);
    const rows = [...sectors].sort((a, b) => b.backward - a.backward).slice(0, top);
    ctx.out(renderTable(['sector', 'name', 'multiplier', 'BL 影响力', 'FL 感应度', 'class', 'extraction %'],
      rows.map((s) => [s.code, s.name ?? '', s.outputMultiplier, s.backward, s.forward, s.keySector, 100 * s.extraction.totalShare]), [false, false, true, true, true, false, true]));
    for (const w of result.warnings) if (!ctx.quiet) ctx.err(`warning: ${w}`);
  }
  return result;
}

export interface NetworkCliOptions {
  place: string; project: string; workspace?: string; scope: 'inside' | 'all'; weight: 'value' | 'count'; missing: 'error' | 'zero' | 'one';
  resolution?: string; seed?: string; starts?: string; partition?: string; top?: string; chain?: string; radiusKm?: string; exactLimit?: string; samples?: string; size: 'employees' | 'output' | 'revenue';
}

export async function runNetwork(ctx: CliContext, opts: NetworkCliOptions): Promise<Record<string, unknown>> {
  const { parsePlace, loadFirmNetwork, loadChainTemplates, insideRadius } = await import('../../load/firm-network.js');
  const N = await import('../../measures/network/index.js');
  const { resolveWorkspacePath } = await import('../commands/info.js');
  const { openWorkspace } = await import('../../store/workspace.js');
  const place = parsePlace(opts.place);
  const ws = await openWorkspace(resolveWorkspacePath(opts), { readOnly: true });
  try {
    const loaded = await loadFirmNetwork(ws, place);
    const { net } = loaded;
    const top = num('top', opts.top, 10);
    const seed = num('seed', opts.seed, 42);
    const w = { weight: opts.weight, missing: opts.missing } as const;
    const density = N.networkDensity(net, { scope: opts.scope });
    const recip = N.reciprocity(net, { scope: opts.scope });
    const deg = N.degreeCentrality(net, { scope: opts.scope, ...w });
    const btw = N.betweennessCentrality(net, { scope: opts.scope, exactLimit: num('exact-limit', opts.exactLimit, 5000), samples: num('samples', opts.samples, 500), seed });
    const starts = num('starts', opts.starts, 10);
    if (!(Number.isInteger(starts) && starts >= 1)) throw new InputError('E_OPTION', `measure network: --starts must be an integer ≥ 1, got ${opts.starts}`, { field: 'starts', value: opts.starts });
    const lv = N.louvainCommunities(net, { scope: opts.scope, ...w, resolution: num('resolution', opts.resolution, 1), seed, starts });
    if (opts.partition) writePartition(opts.partition, lv.value.nodes, lv.value.community, net.ids, net.kind);
    const emb = N.localEmbeddedness(net, w);
    const inst = N.institutionalTies(net);
    const flows = N.boundaryFlows(net);
    const id = (p: number, nodes: Int32Array): string => net.ids[nodes[p]];
    /** Top firms (not institutions) by a score over the nodes in scope. */
    const rank = (score: Float64Array, nodes: Int32Array): number[] => Array.from(score.keys()).filter((p) => net.kind[nodes[p]] === 0).sort((a, b) => score[b] - score[a]).slice(0, top);
    const strength = deg.value.inStrength.map((x, p) => x + deg.value.outStrength[p]);
    let chain: unknown = null;
    const warnings = [...loaded.warnings, ...density.warnings, ...recip.warnings, ...deg.warnings, ...btw.warnings, ...lv.warnings, ...emb.warnings];
    if (opts.chain) {
      const templates = await loadChainTemplates(ws);
      const t = templates.find((x) => x.id === opts.chain);
      if (!t) throw new InputError('E_OPTION', `--chain ${opts.chain}: no such template in the workspace (templates: ${templates.map((x) => x.id).join(', ') || 'none'})`, { field: 'chain', value: opts.chain });
      const radiusKm = num('radius-km', opts.radiusKm, 200);
      const { inside, center } = insideRadius(loaded, radiusKm);
      const size = opts.size === 'output' ? loaded.output : opts.size === 'revenue' ? loaded.revenue : loaded.employees;
      const cc = N.chainCompleteness({ ...net, inside }, loaded.industry, size, t, w);
      warnings.push(...cc.warnings);
      chain = { radiusKm, center, size: opts.size, ...cc.value };
    }
    const result = {
      place, scope: opts.scope,
      nodes: { firmsInside: loaded.firmsInside, institutionsInside: loaded.institutionsInside, inScope: density.value.nodes },
      density: density.value, reciprocity: recip.value,
      embeddedness: { mean: emb.value.mean, overall: emb.value.overall, firms: emb.n, isolated: emb.value.isolated },
      leaders: rank(strength, deg.value.nodes).map((p) => ({ id: id(p, deg.value.nodes), strength: strength[p], inDegree: deg.value.inDegree[p], outDegree: deg.value.outDegree[p], degreeCentrality: deg.value.centrality[p] })),
      brokers: rank(btw.value.betweenness, btw.value.nodes).map((p) => ({ id: id(p, btw.value.nodes), betweenness: btw.value.betweenness[p] })),
      betweenness: { exact: btw.value.exact, pivots: btw.value.pivots },
      communities: {
        count: lv.value.count, modularity: lv.value.modularity, sizes: Array.from(lv.value.sizes.slice(0, top)), resolution: lv.provenance.options.resolution, seed,
        starts, bestStart: lv.value.bestStart, modularitySpread: { min: Math.min(...lv.value.startModularities), max: Math.max(...lv.value.startModularities), starts: lv.value.startModularities },
        ...(opts.partition ? { partitionFile: opts.partition } : {}),
      },
      institutions: inst.value, boundary: flows.value, chain,
      warnings: [...new Set(warnings)],
    };
    if (ctx.format === 'json') ctx.out(JSON.stringify(toJson(result), null, 2));
    else {
      const { renderTable } = await import('../output.js');
      ctx.out(renderTable(['measure', 'value'], [
        ['firms inside', loaded.firmsInside], ['institutions inside', loaded.institutionsInside],
        ['density', density.value.density], ['reciprocity', recip.value], ['embeddedness 根植性 (mean)', emb.value.mean],
        ['embeddedness (value-weighted)', emb.value.overall], ['communities', lv.value.count], [`modularity (best of ${starts} starts)`, lv.value.modularity],
        ['modularity, worst start', Math.min(...lv.value.startModularities)],
      ].map(([k, v]) => [k as string, Number.isFinite(v as number) ? (v as number) : 'n/a']), [false, true]));
      ctx.out('');
      ctx.out(renderTable(['leader', 'strength', 'degree centrality'], result.leaders.map((r) => [r.id, r.strength, r.degreeCentrality]), [false, true, true]));
      if (chain) {
        const c = chain as { completeness: number; missing: string[] };
        ctx.out(`\nchain ${opts.chain}: completeness ${(100 * c.completeness).toFixed(0)} %, missing: ${c.missing.join(', ') || 'none'}`);
      }
      for (const msg of result.warnings) if (!ctx.quiet) ctx.err(`warning: ${msg}`);
    }
    return result;
  } finally {
    ws.close();
  }
}

/**
 * The Louvain partition, node id → community (0 = largest), as JSON (FILE ends in .json) or CSV
 * (id,kind,community). Written to a temporary file and renamed; an existing FILE is not replaced.
 */
function writePartition(file: string, nodes: Int32Array, community: Int32Array, ids: readonly string[], kind: ArrayLike<number>): void {
  if (existsSync(file)) throw new InputError('E_FILE', `measure network: --partition ${file} exists; remove it or choose another file (it is never overwritten)`, { file, field: 'partition', value: file });
  const rows = Array.from(nodes, (v, p) => ({ id: ids[v], kind: kind[v] === 0 ? 'firm' : 'institution', community: community[p] }));
  const text = file.toLowerCase().endsWith('.json')
    ? `${JSON.stringify(rows)}\n`
    : `${csvLine(['id', 'kind', 'community'])}\n${rows.map((r) => csvLine([r.id, r.kind, r.community])).join('\n')}\n`;
  const tmp = `${file}.tmp-${process.pid}`;
  try { writeFileSync(tmp, text, { flag: 'wx' }); renameSync(tmp, file); } catch (e) { rmSync(tmp, { force: true }); throw new InputError('E_FILE', `measure network: cannot write --partition ${file}: ${(e as Error).message}`, { file }); }
}

export const registerLinkages: MeasureRegistrar = (measure: Command, context: () => CliContext) => {
  measure
    .command('linkages')
    .description('input–output linkages: Leontief/Ghosh, Rasmussen–Hirschman backward (影响力系数) and forward (感应度系数) linkages, key sectors, hypothetical extraction, optional FLQ regionalisation')
    .option('--io <file>', 'IO table (CSV or XLSX); without it, the IO table ingested into the workspace')
    .option('--table <id>', 'which ingested IO table (when the workspace holds several)')
    .option('-p, --project <file>', 'project file (its workspace is used without --io)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file (without --io)')
    .addOption(new Option('--layout <layout>', 'table layout').choices(['auto', 'square', 'nbs', 'bea-use']).default('auto'))
    .option('--sheet <sheet>', 'XLSX sheet: its name as listed (a sheet named "2015" is taken by name), else a 0-based index')
    .addOption(new Option('--forward <convention>', 'forward linkage from Ghosh (supply-side) or Leontief row sums').choices(['ghosh', 'leontief']).default('ghosh'))
    .addOption(new Option('--output-from <total>', 'denominator of the coefficients: total-input row or total-output column').choices(['row', 'column']))
    .option('--strict-balance', 'fail (exit 1) when the table is unbalanced instead of reporting it')
    .option('--regional <file>', 'CSV with sector, regional, national employment: regionalise with location quotients')
    .addOption(new Option('--method <method>', 'regionalisation quotient').choices(['flq', 'cilq', 'slq']).default('flq'))
    .option('--delta <δ>', "Flegg's δ (default 0.3)")
    .option('--top <n>', 'rows in the table output (default 20)')
    .addOption(new Option('--matrix <M>', 'print one matrix in full as CSV (row sector × column sector) instead: A technical coefficients, L Leontief inverse, B allocation coefficients, G Ghosh inverse').choices(['A', 'L', 'B', 'G']))
    .action(async (opts: LinkagesCliOptions) => { await runLinkages(context(), opts); });
  measure
    .command('network')
    .description('firm network of a place: density, reciprocity, embeddedness (根植性), leaders and brokers, Louvain communities, institutional ties, boundary flows, value-chain completeness')
    .requiredOption('--place <spec>', 'region:CODE, park:ID, radius:LON,LAT,KM or all')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .addOption(new Option('--scope <scope>', 'nodes the graph metrics run on').choices(['inside', 'all']).default('inside'))
    .addOption(new Option('--weight <weight>', 'link weight').choices(['value', 'count']).default('value'))
    .addOption(new Option('--missing <rule>', 'links without a value under --weight value').choices(['error', 'zero', 'one']).default('error'))
    .option('--resolution <γ>', 'Louvain resolution (default 1)')
    .option('--seed <n>', 'seed of Louvain and sampled betweenness (default 42)')
    .option('--starts <n>', 'Louvain runs from different node orders; the best modularity is kept and the spread reported (default 10)')
    .option('--partition <file>', 'write the communities, node id → community, as CSV (id,kind,community) or JSON (FILE.json); never overwrites')
    .option('--exact-limit <n>', 'largest graph with exact betweenness (default 5000)')
    .option('--samples <n>', 'betweenness pivots above the limit (default 500)')
    .option('--chain <id>', 'value-chain template (from the workspace) to check for completeness')
    .option('--radius-km <km>', 'chain radius around the place centre (default 200)')
    .addOption(new Option('--size <column>', 'firm size for the chain stages').choices(['employees', 'output', 'revenue']).default('employees'))
    .option('--top <n>', 'leaders, brokers and community sizes listed (default 10)')
    .action(async (opts: NetworkCliOptions) => { await runNetwork(context(), opts); });
};
