/**
 * `cluster-atlas measure kd|m|footprints|ripley`: the distance-based agglomeration measures on a
 * points CSV (`--points FILE --x COL --y COL [--lonlat] --type COL --reference VALUE`) or on a
 * workspace's firms (`--workspace FILE | --project FILE` with `--industry CODE`: firms whose
 * industry code starts with CODE are the reference type, all other firms the background).
 * Light: the measure code and DuckDB are imported inside the actions.
 */
import { Option, type Command } from 'commander';
import { InputError } from '../../core/errors.js';
import type { CliContext } from '../output.js';
import type { MeasureRegistrar } from './index.js';

interface CommonOpts {
  points?: string; x?: string; y?: string; lonlat?: boolean; type?: string; reference?: string; weight?: string;
  workspace?: string; project?: string; industry?: string;
  simulations?: string; seed?: string; rmax?: string; alpha?: string; global?: string;
}

function addSource(cmd: Command): Command {
  return cmd
    .option('--points <file>', 'points CSV')
    .option('--x <column>', 'x (or longitude with --lonlat) column', 'x')
    .option('--y <column>', 'y (or latitude with --lonlat) column', 'y')
    .option('--lonlat', 'x/y are WGS84 longitude/latitude: distances are great-circle km (Ripley: projected to a local equidistant plane, metres)')
    .option('--type <column>', 'column holding the type (industry) of each point')
    .option('--reference <value>', 'the reference type')
    .option('--weight <column>', 'weight column (e.g. employees) for weighted measures')
    .option('-w, --workspace <file>', 'workspace file (instead of --points)')
    .option('-p, --project <file>', 'project file whose workspace is used')
    .option('--industry <code>', 'with a workspace: firms whose industry code starts with CODE are the reference type')
    .option('--seed <n>', 'random seed', '1')
    .option('--alpha <a>', 'envelope level', '0.05');
}

interface Loaded { x: number[]; y: number[]; labels?: string[]; weights?: number[]; ids: string[]; reference?: string }

async function load(opts: CommonOpts, needType: boolean): Promise<Loaded> {
  const { openMemory, openWorkspace, ident, lit } = await import('../../store/workspace.js');
  if (opts.points) {
    const ws = await openMemory();
    try {
      const cols = [opts.x ?? 'x', opts.y ?? 'y', ...(opts.type ? [opts.type] : []), ...(opts.weight ? [opts.weight] : [])];
      let rows: Record<string, unknown>[];
      try {
        rows = await ws.all(`SELECT ${cols.map((c) => `${ident(c)}::VARCHAR AS ${ident(c)}`).join(', ')} FROM read_csv(${lit(opts.points)}, header = true, all_varchar = true)`);
      } catch (e) {
        throw new InputError('E_FILE', `measure: cannot read ${opts.points} with columns ${cols.join(', ')}: ${(e as Error).message.split('\n')[0]}`, { file: opts.points });
      }
      const out: Loaded = { x: [], y: [], ids: [], labels: opts.type ? [] : undefined, weights: opts.weight ? [] : undefined, reference: opts.reference };
      rows.forEach((r, i) => {
        const x = Number(r[opts.x ?? 'x']), y = Number(r[opts.y ?? 'y']);
        if (!Number.isFinite(x) || !Number.isFinite(y)) throw new InputError('E_NOT_FINITE', `measure: ${opts.points} row ${i + 1}: coordinates must be numbers, got (${String(r[opts.x ?? 'x'])}, ${String(r[opts.y ?? 'y'])})`, { file: opts.points, row: i + 1, field: opts.x });
        out.x.push(x); out.y.push(y); out.ids.push(String(i + 1));
        if (opts.type) out.labels!.push(String(r[opts.type] ?? ''));
        if (opts.weight) out.weights!.push(Number(r[opts.weight]));
      });
      if (needType && (!opts.type || !opts.reference)) throw new InputError('E_OPTION', 'measure: --type and --reference are required', { field: 'type' });
      return out;
    } finally { ws.close(); }
  }
  let path = opts.workspace;
  if (!path) {
    const { existsSync } = await import('node:fs');
    const pf = opts.project ?? 'cluster-atlas.json';
    if (!existsSync(pf)) throw new InputError('E_OPTION', 'measure: give --points FILE, --workspace FILE or --project FILE', { field: 'points' });
    const { resolveWorkspacePath } = await import('../commands/info.js');
    path = resolveWorkspacePath({ project: pf }); // the project's "workspace", with its default
  }
  if (needType && !opts.industry) throw new InputError('E_OPTION', 'measure: --industry CODE is required with a workspace', { field: 'industry' });
  const ws = await openWorkspace(path, { readOnly: true });
  try {
    const rows = await ws.all<{ id: unknown; industry: unknown; lon: number; lat: number; employees: unknown }>('SELECT id, industry, lon, lat, employees FROM firms WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY id');
    const code = opts.industry ?? '';
    return {
      x: rows.map((r) => Number(r.lon)), y: rows.map((r) => Number(r.lat)), ids: rows.map((r) => String(r.id)),
      labels: rows.map((r) => (String(r.industry ?? '').startsWith(code) ? code : 'other')),
      weights: rows.map((r) => (r.employees === null || r.employees === undefined ? Number.NaN : Number(r.employees))),
      reference: code,
    };
  } finally { ws.close(); }
}

function int(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InputError('E_OPTION', `measure: --${name} must be an integer ≥ 0, got ${v}`, { field: name, value: v });
  return n;
}

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new InputError('E_OPTION', `measure: --${name} must be a number, got ${v}`, { field: name, value: v });
  return n;
}

function emitCurve(ctx: CliContext, measure: string, c: { r: Float64Array; value: Float64Array; theoretical: Float64Array; envelope?: { lower: Float64Array; upper: Float64Array; globalLower?: Float64Array; globalUpper?: Float64Array; nullModel: string; simulations: number; alpha: number; seed: number; globalMethod?: string } }, extra: Record<string, unknown>, deprecated: Record<string, unknown> = {}): void {
  const arr = (a?: Float64Array) => (a ? Array.from(a, (v) => (Number.isFinite(v) ? v : null)) : undefined);
  const e = c.envelope;
  const body = {
    measure, ...extra,
    r: arr(c.r), value: arr(c.value), theoretical: arr(c.theoretical),
    ...(e ? { lower: arr(e.lower), upper: arr(e.upper), globalLower: arr(e.globalLower), globalUpper: arr(e.globalUpper), envelope: { nullModel: e.nullModel, simulations: e.simulations, alpha: e.alpha, seed: e.seed, globalMethod: e.globalMethod } } : {}),
    // deprecated aliases, JSON only; removed in the next release
    ...deprecated,
  };
  if (ctx.format === 'json') { ctx.out(JSON.stringify(body)); return; }
  const step = Math.max(1, Math.floor(c.r.length / 16));
  const lines = [`${measure}: ${Object.entries(extra).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toPrecision(6) : v}`).join(', ')}`, 'r\tvalue\ttheoretical' + (e ? '\tlower\tupper' : '')];
  for (let k = 0; k < c.r.length; k += step) lines.push([c.r[k], c.value[k], c.theoretical[k], ...(e ? [e.globalLower?.[k] ?? e.lower[k], e.globalUpper?.[k] ?? e.upper[k]] : [])].map((v) => +v.toPrecision(5)).join('\t'));
  ctx.out(lines.join('\n'));
}

/** --window XMIN,XMAX,YMIN,YMAX or a GeoJSON (Multi)Polygon file (first feature of a collection). */
async function readWindow(spec: string, cmd: string) {
  const { rectangleWindow, polygonWindow } = await import('../../data/point-pattern.js');
  const parts = spec.split(',').map(Number);
  if (parts.length === 4 && parts.every(Number.isFinite)) return rectangleWindow(parts[0], parts[1], parts[2], parts[3]);
  const { readFileSync } = await import('node:fs');
  let g: { type: string; geometry?: unknown; features?: { geometry: unknown }[] };
  try { g = JSON.parse(readFileSync(spec, 'utf8')) as typeof g; } catch (e) { throw new InputError('E_FILE', `${cmd}: --window ${spec} is neither XMIN,XMAX,YMIN,YMAX nor a readable GeoJSON file: ${(e as Error).message}`, { file: spec, field: 'window', value: spec }); }
  const geom = (g.type === 'FeatureCollection' ? g.features?.[0]?.geometry : g.type === 'Feature' ? g.geometry : g) as { type: string };
  if (!geom || (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon')) throw new InputError('E_FILE', `${cmd}: --window ${spec} holds no Polygon`, { file: spec });
  return polygonWindow(geom as never);
}

export const registerPointPatterns: MeasureRegistrar = (measure: Command, context: () => CliContext) => {
  addSource(measure.command('kd').alias('kdensity').description('Duranton–Overman K-density with random-location envelopes (DO2005 global band)'))
    .option('--simulations <n>', 'Monte Carlo simulations (0: the curve alone)', '99')
    .option('--rmax <m>', 'largest distance: a number, or third-window | half-window | quarter-window (of the --window diameter, else of the points’ bounding box) | median', 'third-window')
    .option('--window <spec>', 'study window XMIN,XMAX,YMIN,YMAX (lon/lat with --lonlat) or a GeoJSON (Multi)Polygon file: the diameter behind the default --rmax, as dbmss')
    .addOption(new Option('--null <model>', 'null model').choices(['random-location', 'random-labelling', 'population-independence']).default('random-location'))
    .addOption(new Option('--global <method>', 'global band').choices(['do2005', 'studentised']).default('do2005'))
    .option('--neighbour <value>', 'neighbour type (bivariate K-density)')
    .option('--threads <n>', 'worker threads for the simulations (1: in-thread)')
    .action(async (opts: CommonOpts & { null: string; neighbour?: string; threads?: string; window?: string }) => {
      const ctx = context();
      const d = await load(opts, true);
      const { pointPattern } = await import('../../data/point-pattern.js');
      const { kDensity, kDensityAsync } = await import('../../measures/pointpattern/k-density.js');
      const window = opts.window === undefined ? undefined : await readWindow(opts.window, 'measure kd');
      const p = pointPattern({ x: d.x, y: d.y, labels: d.labels, window, weights: opts.weight || opts.workspace || opts.project ? d.weights?.map((w) => (Number.isFinite(w) ? w : 0)) : undefined, metric: opts.lonlat || !opts.points ? 'haversine' : 'euclidean' });
      const rules = ['third-window', 'half-window', 'quarter-window', 'median'] as const;
      const rmax = (rules as readonly string[]).includes(opts.rmax ?? '') ? opts.rmax as typeof rules[number] : num(opts.rmax, 'rmax');
      const o = { reference: d.reference!, neighbour: opts.neighbour, weighted: Boolean(opts.weight), rmax, simulations: int(opts.simulations, 'simulations', 99), seed: int(opts.seed, 'seed', 1), alpha: num(opts.alpha, 'alpha'), nullModel: opts.null as 'random-location', globalMethod: opts.global as 'do2005' };
      const threads = int(opts.threads, 'threads', 0);
      let res;
      if (threads === 1 || o.simulations === 0) res = kDensity(p, o);
      else {
        const { workerRunner } = await import('../../runtime/simulation-worker.js');
        res = await kDensityAsync(p, o, workerRunner(threads > 0 ? { threads } : {}));
      }
      const v = res.value;
      emitCurve(ctx, 'kDensity', v, { reference: o.reference, n: res.n, pairs: v.pairs, allPairs: v.allPairs, rmax: res.provenance.options.rmax, bandwidth: v.bandwidth, localisationIndex: v.localisationIndex, dispersionIndex: v.dispersionIndex, departures: v.departures, distanceUnit: v.distanceUnit ?? 'input units', provenance: res.provenance },
        { gamma: v.localisationIndex, psi: v.dispersionIndex }); // issue 5's JSON and docs/measures-pointpatterns.md named them gamma, psi
    });

  addSource(measure.command('m').alias('mfunction').description('Marcon–Puech M (cumulative) or, with --density, m (its kernel density version, dbmss mhat), with random-location envelopes'))
    .option('--simulations <n>', 'Monte Carlo simulations (0: the curve alone)', '99')
    .option('--rmax <m>', 'largest distance (M: default half the diameter; m: a number, or third-window | half-window | quarter-window, default third-window)')
    .option('--neighbour <value>', 'neighbour type (default: the reference type)')
    .option('--density', 'm: the density version (Gaussian kernel reflected at 0, bandwidth bw.nrd0 × --adjust, 512 distances)')
    .option('--adjust <a>', 'with --density: bandwidth multiplier', '1')
    .option('--threads <n>', 'with --density: worker threads for the simulations (1: in-thread; default: all cores)')
    .action(async (opts: CommonOpts & { neighbour?: string; density?: boolean; adjust: string; threads?: string }) => {
      const ctx = context();
      const d = await load(opts, true);
      const { pointPattern } = await import('../../data/point-pattern.js');
      const p = pointPattern({ x: d.x, y: d.y, labels: d.labels, weights: opts.weight ? d.weights : undefined, metric: opts.lonlat || !opts.points ? 'haversine' : 'euclidean' });
      const common = { reference: d.reference!, neighbour: opts.neighbour, weighted: Boolean(opts.weight), simulations: int(opts.simulations, 'simulations', 99), seed: int(opts.seed, 'seed', 1), alpha: num(opts.alpha, 'alpha') };
      if (opts.density) {
        const { mDensity, mDensityAsync } = await import('../../measures/pointpattern/m-density.js');
        const rmax = opts.rmax === undefined || opts.rmax === 'third-window' || opts.rmax === 'half-window' || opts.rmax === 'quarter-window' ? opts.rmax : num(opts.rmax, 'rmax');
        const adjust = num(opts.adjust, 'adjust');
        if (!(adjust !== undefined && adjust > 0)) throw new InputError('E_OPTION', `measure m: --adjust must be a number > 0, got ${opts.adjust}`, { field: 'adjust', value: opts.adjust });
        const threads = int(opts.threads, 'threads', 0);
        let res;
        if (threads === 1 || common.simulations === 0) res = mDensity(p, { ...common, rmax, adjust });
        else {
          const { workerRunner } = await import('../../runtime/simulation-worker.js');
          res = await mDensityAsync(p, { ...common, rmax, adjust }, workerRunner(threads > 0 ? { threads } : {}));
        }
        emitCurve(ctx, 'mDensity', res.value, { reference: d.reference, n: res.n, bandwidth: res.value.bandwidth, pairs: res.value.pairs, distanceUnit: res.value.distanceUnit ?? 'input units', provenance: res.provenance });
        return;
      }
      if (opts.adjust !== '1') throw new InputError('E_OPTION', 'measure m: --adjust needs --density (M has no bandwidth)', { field: 'adjust', value: opts.adjust });
      if (opts.threads !== undefined) throw new InputError('E_OPTION', 'measure m: --threads needs --density (M simulations run in-thread)', { field: 'threads', value: opts.threads });
      const { mFunction } = await import('../../measures/pointpattern/m-function.js');
      const res = mFunction(p, { ...common, rmax: num(opts.rmax, 'rmax') });
      emitCurve(ctx, 'mFunction', res.value, { reference: d.reference, n: res.n, provenance: res.provenance });
    });

  addSource(measure.command('footprints').description('DBSCAN footprints of the reference type as GeoJSON (eps: where its K-density peaks, unless given)'))
    .option('--eps <d>', 'neighbourhood distance (km with --lonlat)')
    .option('--min-points <n>', 'DBSCAN min_samples', '5')
    .option('-o, --out <file>', 'write the GeoJSON here (default: stdout)')
    .addOption(new Option('--hull <kind>', 'footprint polygon: convex hull, or concave (χ-shape: simple, contains every firm)').choices(['convex', 'concave']).default('convex'))
    .option('--concavity <x>', 'with --hull concave: in [0, 1], 1 = convex hull, smaller = more concave (default 0.1)')
    .action(async (opts: CommonOpts & { eps?: string; minPoints: string; out?: string; hull: 'convex' | 'concave'; concavity?: string }) => {
      const ctx = context();
      const d = await load(opts, true);
      const { pointPattern } = await import('../../data/point-pattern.js');
      const { footprints } = await import('../../measures/pointpattern/footprints.js');
      const p = pointPattern({ x: d.x, y: d.y, labels: d.labels, weights: opts.weight ? d.weights : undefined, metric: opts.lonlat || !opts.points ? 'haversine' : 'euclidean' });
      const concavity = num(opts.concavity, 'concavity');
      if (concavity !== undefined && opts.hull !== 'concave') throw new InputError('E_OPTION', 'measure footprints: --concavity needs --hull concave', { field: 'concavity', value: opts.concavity });
      if (concavity !== undefined && !(concavity >= 0 && concavity <= 1)) throw new InputError('E_OPTION', `measure footprints: --concavity must be in [0, 1], got ${opts.concavity}`, { field: 'concavity', value: opts.concavity });
      const res = footprints(p, { reference: d.reference!, eps: num(opts.eps, 'eps'), minPoints: int(opts.minPoints, 'min-points', 5), ids: d.ids, hull: opts.hull, concavity });
      const json = JSON.stringify(res.value);
      if (opts.out) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(opts.out, json);
        if (!ctx.quiet) ctx.err(`footprints: ${res.value.features.length} ${res.value.hull} footprint(s), eps ${res.value.eps} (${res.value.epsSource}), ${res.value.noise} noise points → ${opts.out}`);
      } else ctx.out(json);
      for (const w of res.warnings) ctx.err(w);
    });

  addSource(measure.command('ripley').description("Ripley's K or L in a rectangular or polygonal window (spatstat's edge corrections)"))
    .requiredOption('--window <spec>', 'XMIN,XMAX,YMIN,YMAX or a GeoJSON (Multi)Polygon file')
    .addOption(new Option('--correction <c>', 'edge correction').choices(['border', 'isotropic', 'translate']).default('isotropic'))
    .addOption(new Option('--function <f>', 'K or L').choices(['K', 'L']).default('K'))
    .option('--rmax <m>', 'largest distance (default spatstat’s)')
    .option('--simulations <n>', 'CSR simulations for the envelope', '0')
    .option('--threads <n>', 'worker threads for the simulations (1: in-thread; default: all cores)')
    .action(async (opts: CommonOpts & { window: string; correction: 'isotropic'; function: 'K' | 'L'; threads?: string }) => {
      const ctx = context();
      if (opts.lonlat) throw new InputError('E_OPTION', 'measure ripley: project lon/lat to a plane first (Ripley’s K needs a planar window)', { field: 'lonlat' });
      const d = await load(opts, false);
      const { pointPattern, rectangleWindow, polygonWindow } = await import('../../data/point-pattern.js');
      const window = await readWindow(opts.window, 'measure ripley');
      let x = d.x, y = d.y;
      if (opts.type && opts.reference) {
        const keep = d.labels!.map((l) => l === opts.reference);
        x = x.filter((_, i) => keep[i]); y = y.filter((_, i) => keep[i]);
      }
      const { ripleyK, ripleyKAsync } = await import('../../measures/pointpattern/ripley-k.js');
      const o = { correction: opts.correction, transform: opts.function, rmax: num(opts.rmax, 'rmax'), simulations: int(opts.simulations, 'simulations', 0), seed: int(opts.seed, 'seed', 1), alpha: num(opts.alpha, 'alpha') };
      const threads = int(opts.threads, 'threads', 0);
      let res;
      if (threads === 1 || o.simulations === 0) res = ripleyK(pointPattern({ x, y, window }), o);
      else {
        // simulation s draws from its own generator: the same envelope as in-thread
        const { workerRunner } = await import('../../runtime/simulation-worker.js');
        res = await ripleyKAsync(pointPattern({ x, y, window }), o, workerRunner(threads > 0 ? { threads } : {}));
      }
      emitCurve(ctx, opts.function === 'L' ? 'ripleyL' : 'ripleyK', res.value, { correction: opts.correction, n: res.n, provenance: res.provenance });
    });
};
