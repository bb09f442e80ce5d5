/**
 * `cluster-atlas categories translate`: a category file moved through a crosswalk (chained, if asked,
 * with the shipped ISIC ↔ GB/T table), each target code to the category that sends it most mass.
 *
 * `cluster-atlas categories from-cmp <definitions>`: the U.S. Cluster Mapping Project's benchmark
 * cluster definitions, as the user downloads them, converted into a cluster category file (and a
 * relatedness file) for `measure clusters --categories`. See src/load/cmp-definitions.ts for the
 * layouts read. The outputs are written whole or not at all (temporary file, then rename) and an
 * existing file is never overwritten.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from '../output.js';

interface FromCmpOpts { out: string; relatedOut?: string; related: 'matrix' | 'api' | 'none' }

export async function runFromCmp(ctx: CliContext, input: string, opts: FromCmpOpts): Promise<void> {
  const { existsSync, renameSync, rmSync, writeFileSync } = await import('node:fs');
  const { InputError } = await import('../../core/errors.js');
  const { convertCmpDefinitions } = await import('../../load/cmp-definitions.js');
  const relatedOut = opts.related === 'none' ? undefined : opts.relatedOut ?? opts.out.replace(/(\.csv)?$/i, '-related.csv');
  for (const [flag, f] of [['--out', opts.out], ['--related-out', relatedOut]] as const) {
    if (f !== undefined && existsSync(f)) throw new InputError('E_FILE', `categories from-cmp: ${flag} ${f} exists; not overwritten (remove it or choose another name)`, { file: f, field: flag });
  }
  if (relatedOut !== undefined && relatedOut === opts.out) throw new InputError('E_OPTION', 'categories from-cmp: --out and --related-out name the same file', { field: 'related-out', value: relatedOut });
  const c = convertCmpDefinitions(input, opts.related);
  const written: string[] = [];
  const temps: string[] = [];
  try {
    const plan: [string, string][] = [[opts.out, c.categories]];
    if (relatedOut !== undefined && c.related !== null) plan.push([relatedOut, c.related]);
    for (const [f, text] of plan) {
      const tmp = `${f}.tmp-${process.pid}`;
      writeFileSync(tmp, text, { flag: 'wx' });
      temps.push(tmp);
    }
    plan.forEach(([f], k) => { renameSync(temps[k], f); written.push(f); });
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    for (const f of written) rmSync(f, { force: true });
    throw e;
  }
  const summary = { categories: opts.out, related: relatedOut ?? null, rows: c.rows, clusters: c.clusters, relatedPairs: c.pairs, sources: c.sources };
  if (ctx.format === 'json') { ctx.out(JSON.stringify(summary, null, 2)); return; }
  ctx.out(`${opts.out}: ${c.rows} industry codes in ${c.clusters.traded} traded and ${c.clusters.local} local categories`);
  if (relatedOut !== undefined) ctx.out(`${relatedOut}: ${c.pairs} related pairs (${opts.related === 'matrix' ? 'the 2016 matrix, rel_all_90_v3 = 1, relatedness = cr_all_pc' : 'the 2018 API list, relatedness = related_percentage'})`);
  if (!ctx.quiet) ctx.err('note: the CMP definitions carry no open licence (© President and Fellows of Harvard College); keep the converted files for your own analysis and check the terms before redistributing them');
}

interface TranslateOpts { categories: string; crosswalk: string; through: 'isic-gbt' | 'gbt-isic' | 'none'; sizes?: string; out: string }

/** `categories translate`: a category file moved through a crosswalk (optionally chained with the shipped ISIC ↔ GB/T table). */
export async function runTranslate(ctx: CliContext, opts: TranslateOpts): Promise<void> {
  const { existsSync, renameSync, rmSync, writeFileSync } = await import('node:fs');
  const { InputError } = await import('../../core/errors.js');
  const { csvLine } = await import('../../core/csv.js');
  const { readCategoryFile, readSizesFile } = await import('../../load/cluster-categories.js');
  const { loadCrosswalkFile } = await import('../../load/classifications/load-crosswalk-file.js');
  const { crosswalkIsicGbt } = await import('../../model/classifications/index.js');
  const x = await import('../../model/classifications/crosswalk-chain.js');
  if (existsSync(opts.out)) throw new InputError('E_FILE', `categories translate: --out ${opts.out} exists; not overwritten`, { file: opts.out, field: '--out' });
  const cats = readCategoryFile(opts.categories);
  const first = loadCrosswalkFile(opts.crosswalk);
  const chained = opts.through === 'none'
    ? { links: x.crosswalkShares(first), lost: [] }
    : x.chainCrosswalks(first, x.isicGbtCrosswalk(crosswalkIsicGbt(), opts.through === 'isic-gbt' ? 'isic-to-gbt' : 'gbt-to-isic'));
  const sizes = opts.sizes ? readSizesFile(opts.sizes) : undefined;
  const t = x.translateCategories(cats.rows, chained.links, sizes);
  if (t.codes.length === 0) throw new InputError('E_DEGENERATE', `categories translate: no code of ${opts.categories} reaches the target system through ${opts.crosswalk}`, { file: opts.crosswalk });
  const info = new Map(cats.categories.map((c) => [c.code, c]));
  const lines = [csvLine(['industry', 'category', 'category_name', 'type', 'purity'])];
  for (const c of t.codes) lines.push(csvLine([c.code, c.category, info.get(c.category)!.name, info.get(c.category)!.type, Number(c.purity.toFixed(6))]));
  const tmp = `${opts.out}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, `${lines.join('\n')}\n`, { flag: 'wx' });
    renameSync(tmp, opts.out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  const shared = t.codes.filter((c) => c.purity < 1);
  const summary = {
    out: opts.out, codes: t.codes.length, sharedCodes: shared.map((c) => ({ code: c.code, category: c.category, purity: c.purity, from: c.from })),
    sharedMassShare: t.totalMass > 0 ? t.sharedMass / t.totalMass : 0, weightedBy: opts.sizes ?? 'one per source code', lostCodes: t.lostCodes,
  };
  if (ctx.format === 'json') { ctx.out(JSON.stringify(summary, null, 2)); return; }
  ctx.out(`${opts.out}: ${t.codes.length} target codes from ${cats.rows.length} source codes; ${shared.length} shared between categories (${(100 * summary.sharedMassShare).toFixed(1)}% of the mass${opts.sizes ? '' : ', one per source code'} goes to a category other than the one chosen); ${t.lostCodes.length} source code(s) reach no target${t.lostCodes.length ? `: ${t.lostCodes.slice(0, 10).join(', ')}` : ''}`);
}

export function registerCategories(program: Command, context: () => CliContext): Command {
  const categories = program.command('categories').description('cluster category files (industry code → category, subcategory, traded/local)');
  categories
    .command('from-cmp <definitions>')
    .description('convert the U.S. Cluster Mapping Project definitions (a folder with cmp_clusters_naics2012.csv, or that file) into a category file for `measure clusters`')
    .requiredOption('--out <file>', 'category file to write (CSV; never overwritten)')
    .option('--related-out <file>', 'relatedness file to write (default: <out>-related.csv)')
    .addOption(new Option('--related <source>', 'relatedness between traded clusters: the 2016 matrix, the 2018 API list, or none').choices(['matrix', 'api', 'none']).default('matrix'))
    .action(async (definitions: string, opts: FromCmpOpts) => {
      await runFromCmp(context(), definitions, opts);
    });
  categories
    .command('translate')
    .description('move a category file to another code system through a crosswalk (e.g. NAICS → ISIC, then the shipped ISIC → GB/T divisions); each target code goes to the category sending it the most mass, the shared mass is reported')
    .requiredOption('--categories <file>', 'category file in the source system')
    .requiredOption('--crosswalk <file>', 'crosswalk CSV from,to[,weight] out of the source system')
    .addOption(new Option('--through <table>', 'chain with the shipped ISIC Rev.4 ↔ GB/T 4754-2017 division table').choices(['isic-gbt', 'gbt-isic', 'none']).default('none'))
    .option('--sizes <file>', 'CSV industry,size (e.g. employment by source code) weighting the mass; default one per source code')
    .requiredOption('--out <file>', 'category file to write (never overwritten); a purity column says how much of each code comes from its category')
    .action(async (opts: TranslateOpts) => {
      await runTranslate(context(), opts);
    });
  return categories;
}
