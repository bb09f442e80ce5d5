/**
 * `cluster-atlas measure moran|geary|lisa|gistar`: spatial autocorrelation of one numeric
 * property of a GeoJSON FeatureCollection of region polygons.
 *
 *   cluster-atlas measure moran --regions regions.geojson --id code --value lq \
 *     --weights queen|rook|knn:K|distance:D[:inverse]|FILE.gal|FILE.gwt [--style W|B|C|U|S] \
 *     [--permutations 999] [--seed 12345] [--islands error|keep] --format json
 *
 * Coordinates are taken as lon/lat (RFC 7946) — great-circle distances in km for `distance:D` —
 * unless `--planar` is given (Euclidean distances in the coordinates' own units); a file that
 * declares a projected `crs`, or has a coordinate outside lon/lat ranges, is refused (E_CRS)
 * without `--planar`. Library messages that name an option (`islands: 'keep'`) are reworded
 * with the CLI flag (`--islands keep`). `gistar` adds each region to
 * its own neighbours (G*ᵢ). The registrar stays light: the measure code is imported in the action.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from '../output.js';
import type { MeasureRegistrar } from './index.js';

interface AutocorrelationCliOptions {
  regions: string;
  id: string;
  value: string;
  weights: string;
  style?: string;
  permutations: string;
  seed: string;
  islands: string;
  snap?: string;
  alternative?: string;
  fdr?: boolean;
  planar?: boolean;
  threads?: string;
  missing: string;
}

type Verb = 'moran' | 'geary' | 'lisa' | 'gistar' | 'gi';

const DESCRIPTIONS: Record<Verb, string> = {
  moran: "global Moran's I with normality, randomisation and permutation inference (as spdep moran.test / moran.mc)",
  geary: "global Geary's C with normality, randomisation and permutation inference (as spdep geary.test / geary.mc)",
  lisa: 'local Moran Iᵢ (LISA) per region: randomisation and conditional permutation tests, HH/LL/HL/LH quadrants',
  gistar: 'Getis–Ord G*ᵢ hot and cold spots per region: randomisation z-scores and conditional permutation tests',
  gi: 'Getis–Ord Gᵢ (without self: each region against its neighbours only) per region, as spdep localG on weights without self-links',
};

export const registerAutocorrelation: MeasureRegistrar = (measure: Command, context: () => CliContext) => {
  for (const verb of Object.keys(DESCRIPTIONS) as Verb[]) {
    const cmd = measure
      .command(verb)
      .description(DESCRIPTIONS[verb])
      .requiredOption('--regions <file>', 'GeoJSON FeatureCollection of region polygons')
      .requiredOption('--id <field>', 'property holding the region id')
      .requiredOption('--value <field>', 'numeric property to analyse')
      .option('--weights <spec>', 'queen | rook | knn:K | distance:D[:inverse] | FILE.gal | FILE.gwt', 'queen')
      .addOption(new Option('--style <style>', 'weights style (spdep): W row-standardised, B binary, C, U, S').choices(['W', 'B', 'C', 'U', 'S']))
      .option('--permutations <n>', 'random permutations for the pseudo p-values', '999')
      .option('--seed <n>', 'random seed', '12345')
      .addOption(new Option('--islands <policy>', 'regions without neighbours: error, or keep them (spdep zero.policy)').choices(['error', 'keep']).default('error'))
      .addOption(new Option('--missing <policy>', 'a region whose value is missing or not a number: error, or drop it (its links go too; reported)').choices(['error', 'drop']).default('error'))
      .option('--planar', 'coordinates are projected (planar), not lon/lat: Euclidean distances in their units')
      .option('--snap <tolerance>', 'contiguity vertex snapping tolerance in coordinate units (default 1.49e-8)')
      .addOption(new Option('--alternative <alt>', 'alternative hypothesis of the analytic p-value').choices(['greater', 'less', 'two-sided']));
    if (verb === 'lisa' || verb === 'gistar' || verb === 'gi') {
      cmd.option('--fdr', 'add Benjamini–Hochberg q-values of the permutation p-values');
      cmd.option('--threads <n>', 'worker threads for the permutations (results do not depend on it)', '1');
    }
    cmd.action(async (opts: AutocorrelationCliOptions) => {
      await runAutocorrelation(context(), verb, opts);
    });
  }
};


async function runAutocorrelation(ctx: CliContext, verb: Verb, opts: AutocorrelationCliOptions): Promise<void> {
  const [{ InputError }, { readFileSync }, w8, files, measures, { renderTable }] = await Promise.all([
    import('../../core/errors.js'), import('node:fs'), import('../../data/weights/index.js'), import('../../io/weights-files.js'),
    import('../../measures/autocorrelation/index.js'), import('../output.js'),
  ]);
  const optionError = (field: string, message: string, value: unknown): never => { throw new InputError('E_OPTION', message, { field, value }); };
  const intOption = (name: string, text: string): number => {
    const v = Number(text);
    return Number.isInteger(v) && v >= 0 ? v : optionError(name, `--${name} must be an integer ≥ 0, got ${JSON.stringify(text)}`, text);
  };
  const permutations = intOption('permutations', opts.permutations);
  const seed = intOption('seed', opts.seed);
  // regions
  let doc: any;
  try { doc = JSON.parse(readFileSync(opts.regions, 'utf8')); } catch (e) {
    throw new InputError((e as NodeJS.ErrnoException).code ? 'E_FILE' : 'E_PARSE', `--regions ${opts.regions}: ${(e as Error).message}`, { file: opts.regions });
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new InputError('E_PARSE', `--regions ${opts.regions}: not a GeoJSON FeatureCollection`, { file: opts.regions });
  const regions: { id: string; geometry: any }[] = [];
  const values: number[] = [];
  const dropped: string[] = [];
  const allIds: string[] = [];
  const kept: boolean[] = [];
  let geographic = !(opts.planar ?? false);
  doc.features.forEach((f: any, i: number) => {
    const props = f?.properties ?? {};
    const id = props[opts.id];
    if (id === undefined || id === null || id === '') throw new InputError('E_PARSE', `--regions ${opts.regions}: feature ${i} has no "${opts.id}"`, { file: opts.regions, row: i, field: opts.id });
    const raw = props[opts.value];
    const v = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!f.geometry || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) throw new InputError('E_PARSE', `--regions ${opts.regions}: feature ${i} (${id}) is not a Polygon or MultiPolygon`, { file: opts.regions, row: i, field: 'geometry' });
    allIds.push(String(id));
    kept.push(Number.isFinite(v));
    if (!Number.isFinite(v)) {
      if (opts.missing !== 'drop') throw new InputError('E_NOT_FINITE', `--regions ${opts.regions}: feature ${i} (${id}) has ${opts.value} = ${JSON.stringify(raw ?? null)}, not a finite number (--missing drop to leave it out)`, { file: opts.regions, row: i, field: opts.value, value: raw });
      dropped.push(String(id));
      return;
    }
    values.push(v);
    regions.push({ id: String(id), geometry: f.geometry });
  });
  const x = Float64Array.from(values);
  if (geographic) {
    // projected data read as lon/lat gives wrong distances silently: a declared projected CRS, or
    // a coordinate outside lon/lat ranges, needs --planar (RFC 7946 files are lon/lat, CRS84)
    const crsName = typeof doc.crs?.properties?.name === 'string' ? doc.crs.properties.name as string : undefined;
    if (crsName !== undefined && !/(CRS84|EPSG:+4326|EPSG:+4490|EPSG:+4269|EPSG:+4258)$/i.test(crsName)) {
      throw new InputError('E_CRS', `--regions ${opts.regions}: the file declares the CRS ${crsName}, not lon/lat; pass --planar for Euclidean distances in its units, or reproject it to lon/lat (EPSG:4326)`, { file: opts.regions, field: 'crs', value: crsName });
    }
    outer: for (const r of regions) {
      const polys = r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : r.geometry.coordinates;
      for (const poly of polys) for (const ring of poly) for (const p of ring) if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) {
        throw new InputError('E_CRS', `--regions ${opts.regions}: region ${r.id} has the coordinate (${p[0]}, ${p[1]}), outside lon/lat ranges: the file looks projected; pass --planar for Euclidean distances in its units`, { file: opts.regions, field: 'coordinates', value: [p[0], p[1]] });
        break outer;
      }
    }
  }
  // weights
  const spec = opts.weights;
  const style = (opts.style ?? 'W') as 'W' | 'B' | 'C' | 'U' | 'S';
  let w;
  if (/\.(gal|gwt)$/i.test(spec)) {
    // the file describes every feature; regions dropped for missing values are cut out after reading
    w = w8.restyle(w8.subsetWeights(files.readWeightsFile(spec, { ids: allIds }), kept), style);
  } else if (spec === 'queen' || spec === 'rook') {
    const snap = opts.snap === undefined ? undefined : Number(opts.snap);
    if (snap !== undefined && !(snap >= 0)) optionError('snap', `--snap must be a number ≥ 0, got ${JSON.stringify(opts.snap)}`, opts.snap);
    w = w8.contiguityWeights(regions, { rule: spec, snap, style, geographic });
  } else {
    const m = /^(knn):(\d+)$/.exec(spec) ?? /^(distance):([0-9.eE+-]+)(:inverse)?$/.exec(spec);
    if (!m) return optionError('weights', `--weights must be queen, rook, knn:K, distance:D[:inverse] or a .gal/.gwt file, got ${JSON.stringify(spec)}`, spec);
    const points = w8.regionPoints(regions);
    const metric = geographic ? 'great-circle' : 'euclidean';
    w = m[1] === 'knn'
      ? w8.knnWeights(points, { k: Number(m[2]), metric, style })
      : w8.distanceBandWeights(points, { threshold: Number(m[2]), inverse: Boolean(m[3]), metric, style });
  }
  if (verb === 'gistar') w = w8.includeSelf(w);
  const report = w8.weightsReport(w);
  const missingInfo = { policy: opts.missing, dropped };
  const weightsInfo = { spec, style: w.style, kind: w.kind, metric: w.parameters.metric ?? null, selfIncluded: w.selfIncluded, n: report.n, links: report.links, islands: report.islands, components: report.components };
  const dropWarning = (warnings: string[]): string[] =>
    dropped.length ? [`${dropped.length} region(s) dropped for a missing ${opts.value}: ${dropped.slice(0, 10).join(', ')}${dropped.length > 10 ? ', …' : ''}`, ...warnings] : warnings;
  const islands = opts.islands as 'error' | 'keep';
  const alternative = opts.alternative as 'greater' | 'less' | 'two-sided' | undefined;
  /** A library message that names an option is reworded with the CLI flag. */
  const cliWords = <T>(f: () => T): T => {
    try { return f(); } catch (e) {
      if (e instanceof InputError && e.message.includes("islands: 'keep'")) throw new InputError(e.code, e.message.replace("pass islands: 'keep'", 'pass --islands keep'), e.details);
      throw e;
    }
  };
  const cliWordsAsync = async <T>(f: () => Promise<T> | T): Promise<T> => {
    try { return await f(); } catch (e) { return cliWords(() => { throw e; }); }
  };
  let out: Record<string, unknown>;
  // numbers that are not finite (NaN variances, islands) are written as null
  if (verb === 'moran' || verb === 'geary') {
    const r = cliWords(() => (verb === 'moran' ? measures.moran(x, w, { permutations, seed, islands, alternative }) : measures.geary(x, w, { permutations, seed, islands, alternative })));
    const inf = r.inference;
    out = {
      measure: verb, n: r.n, value: r.value, expected: inf.expected,
      variance: inf.variance, zScore: inf.zScore, pValue: inf.pValue, nullModel: inf.nullModel,
      normality: inf.normality, randomisation: inf.randomisation, permutation: inf.permutation ?? null,
      permutations, seed, alternative: inf.alternative, weights: weightsInfo, missing: missingInfo, warnings: dropWarning(r.warnings),
      // deprecated aliases (issue 4's JSON, docs/measures-autocorrelation.md); removed in the next release
      [verb === 'moran' ? 'I' : 'C']: r.value,
      variance_norm: inf.normality.variance, variance_rand: inf.randomisation.variance,
      z_norm: inf.normality.zScore, z_rand: inf.randomisation.zScore, p_norm: inf.normality.pValue, p_rand: inf.randomisation.pValue,
      p_sim: inf.permutation?.pValue ?? null,
    };
  } else {
    const fdr = opts.fdr ?? false;
    const threads = intOption('threads', opts.threads ?? '1');
    if (threads < 1) optionError('threads', '--threads must be ≥ 1', opts.threads);
    const pool = threads > 1 && permutations > 0 ? await (await import('../../runtime/worker-pool.js')).createPermutationPool({ threads }) : null;
    const runner = pool?.run;
    let r;
    try {
      r = await cliWordsAsync(() => (verb === 'lisa' ? measures.moranLocal(x, w, { permutations, seed, islands, alternative, fdr, runner }) : measures.getisOrdLocal(x, w, { permutations, seed, islands, alternative, fdr, runner })));
    } finally {
      await pool?.close();
    }
    const v = r.value;
    const num = (a: Float64Array | undefined, i: number): number | null => (a !== undefined && a.length > i && Number.isFinite(a[i]) ? a[i] : null);
    const tests = (t: { expected: Float64Array; variance: Float64Array; zScore: Float64Array; pValue: Float64Array; qValue?: Float64Array }, i: number) => ({
      expected: num(t.expected, i), variance: num(t.variance, i), zScore: num(t.zScore, i), pValue: num(t.pValue, i), ...(t.qValue ? { qValue: num(t.qValue, i) } : {}),
    });
    const rand = v.randomisation;
    const perm = v.permutation;
    out = {
      measure: verb, n: r.n, permutations, seed, alternative: r.inference?.alternative, permutationAlternative: r.inference?.permutationAlternative,
      weights: weightsInfo, missing: missingInfo, warnings: dropWarning(r.warnings),
      regions: w.ids.map((id, i) => {
        const kind = 'quadrant' in v ? { quadrant: v.quadrant[i] } : { spot: v.spot[i] };
        return {
          id, value: v.statistic[i], randomisation: tests(rand, i), permutation: perm ? tests(perm, i) : null, ...kind,
          // deprecated aliases (issue 4's JSON, docs/measures-autocorrelation.md); removed in the next release
          [verb === 'lisa' ? 'Ii' : 'Gi']: v.statistic[i], z: num(rand.zScore, i), p: num(rand.pValue, i),
          p_sim: num(perm?.pValue, i), z_sim: num(perm?.zScore, i), ...(perm?.qValue ? { q_sim: num(perm.qValue, i) } : {}),
          ...('spot' in kind ? { quadrant: kind.spot } : {}),
        };
      }),
    };
  }
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(out, (_k, val) => (typeof val === 'number' && !Number.isFinite(val) ? null : val), 2));
    return;
  }
  const fmt = (v: unknown, digits: number): string => (typeof v === 'number' && Number.isFinite(v) ? v.toPrecision(digits) : '—');
  if (verb === 'moran' || verb === 'geary') {
    const t = (k: 'normality' | 'randomisation'): { variance: number; zScore: number; pValue: number } => out[k] as never;
    const pm = out.permutation as { pValue: number } | null;
    const rows: [string, unknown][] = [
      [verb === 'moran' ? 'I' : 'C', out.value], ['expected', out.expected],
      ['variance (normality)', t('normality').variance], ['variance (randomisation)', t('randomisation').variance],
      ['zScore (normality)', t('normality').zScore], ['zScore (randomisation)', t('randomisation').zScore],
      ['pValue (normality)', t('normality').pValue], ['pValue (randomisation)', t('randomisation').pValue], ['pValue (permutation)', pm?.pValue],
    ];
    ctx.out(renderTable(['statistic', 'value'], rows.map(([k, v]) => [k, fmt(v, 6)]), [false, true]));
  } else {
    const rows = (out.regions as { id: string; value: number; randomisation: { zScore: number | null }; permutation: { pValue: number | null } | null; quadrant?: string; spot?: string }[])
      .map((g) => [g.id, fmt(g.value, 5), g.randomisation.zScore === null ? '—' : g.randomisation.zScore.toFixed(3), g.permutation?.pValue == null ? '—' : g.permutation.pValue.toFixed(4), String(verb === 'lisa' ? g.quadrant : g.spot)]);
    ctx.out(renderTable(['id', verb === 'lisa' ? 'Ii' : 'Gi', 'zScore', 'pValue (permutation)', verb === 'lisa' ? 'quadrant' : 'spot'], rows, [false, true, true, true, false]));
  }
  ctx.out(`weights: ${spec} (${w.kind}, style ${w.style}), ${report.links} links, ${report.islands.length} island(s), ${report.components} component(s); ${permutations} permutations, seed ${seed}`);
  for (const s of out.warnings as string[]) ctx.err(`warning: ${s}`);
}
