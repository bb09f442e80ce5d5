/**
 * `cluster-atlas categories translate`: a category file moved through a crosswalk (chained, if asked,
 * with the shipped ISIC ↔ GB/T table), or from NAICS 2017 to GB/T divisions through the shipped
 * NAICS → ISIC → GB/T chain (`--through naics-isic-gbt`, no --crosswalk), each target code to the
 * category that sends it most mass; the loss (the share of the mass mapping to several targets or
 * to none) is reported.
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

interface TranslateOpts { categories?: string; sectorMap?: string; crosswalk?: string; through: 'isic-gbt' | 'gbt-isic' | 'naics-isic-gbt' | 'none'; sizes?: string; out: string }

/**
 * `categories translate`: a category file moved through a crosswalk (optionally chained with the
 * shipped ISIC ↔ GB/T table), or through the shipped NAICS → ISIC → GB/T chain. Besides the shared
 * codes it reports the loss by `allocateThrough` over the category file's codes, sized by --sizes
 * (a code the sizes file lacks counts 0) or one per code.
 */
export async function runTranslate(ctx: CliContext, opts: TranslateOpts): Promise<void> {
  const { existsSync, renameSync, rmSync, writeFileSync } = await import('node:fs');
  const { InputError } = await import('../../core/errors.js');
  const { csvLine } = await import('../../core/csv.js');
  const { readCategoryFile, readSizesFile } = await import('../../load/cluster-categories.js');
  const { loadCrosswalkFile } = await import('../../load/classifications/load-crosswalk-file.js');
  const { crosswalkIsicGbt, naicsGbtChain } = await import('../../model/classifications/index.js');
  const x = await import('../../model/classifications/crosswalk-chain.js');
  const shipped = opts.through === 'naics-isic-gbt';
  if (shipped && opts.crosswalk !== undefined) throw new InputError('E_OPTION', 'categories translate: --through naics-isic-gbt uses the shipped NAICS → ISIC table; leave out --crosswalk (or chain your own table with --through isic-gbt)', { field: 'crosswalk', value: opts.crosswalk });
  if (!shipped && opts.crosswalk === undefined) throw new InputError('E_OPTION', `categories translate: --crosswalk is required with --through ${opts.through} (only --through naics-isic-gbt ships its first table)`, { field: 'crosswalk' });
  if ((opts.categories === undefined) === (opts.sectorMap === undefined)) throw new InputError('E_OPTION', 'categories translate: give --categories FILE or --sector-map FILE (one of them)', { field: opts.categories === undefined ? 'categories' : 'sector-map' });
  if (existsSync(opts.out)) throw new InputError('E_FILE', `categories translate: --out ${opts.out} exists; not overwritten`, { file: opts.out, field: '--out' });
  // a sector map (industry → IO sector) moves like a category file whose categories are the sectors
  const source = (opts.categories ?? opts.sectorMap)!;
  const { readSectorMap } = await import('../../load/sector-map.js');
  const cats = opts.categories !== undefined ? readCategoryFile(opts.categories) : sectorMapAsCategories(readSectorMap(opts.sectorMap!), opts.sectorMap!);
  let chained: { links: ReturnType<typeof x.crosswalkShares> };
  if (opts.crosswalk === undefined) chained = naicsGbtChain(cats.rows.map((r) => r.industry));
  else {
    const first = loadCrosswalkFile(opts.crosswalk);
    chained = opts.through === 'none'
      ? { links: x.crosswalkShares(first) }
      : x.chainCrosswalks(first, x.isicGbtCrosswalk(crosswalkIsicGbt(), opts.through === 'isic-gbt' ? 'isic-to-gbt' : 'gbt-to-isic'));
  }
  const via = opts.crosswalk ?? 'the shipped NAICS 2017 → ISIC Rev.4 → GB/T 4754-2017 chain';
  const sizes = opts.sizes ? readSizesFile(opts.sizes) : undefined;
  const t = x.translateCategories(cats.rows, chained.links, sizes);
  if (t.codes.length === 0) throw new InputError('E_DEGENERATE', `categories translate: no code of ${source} reaches the target system through ${via}`, opts.crosswalk === undefined ? { file: source } : { file: opts.crosswalk });
  const a = x.allocateThrough(new Map(cats.rows.map((r) => [r.industry, sizes ? sizes.get(r.industry) ?? 0 : 1])), chained.links);
  const info = new Map(cats.categories.map((c) => [c.code, c]));
  const lines = opts.sectorMap !== undefined ? [csvLine(['industry', 'sector', 'purity'])] : [csvLine(['industry', 'category', 'category_name', 'type', 'purity'])];
  for (const c of t.codes) {
    lines.push(csvLine(opts.sectorMap !== undefined ? [c.code, c.category, Number(c.purity.toFixed(6))] : [c.code, c.category, info.get(c.category)!.name, info.get(c.category)!.type, Number(c.purity.toFixed(6))]));
  }
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
    through: opts.crosswalk === undefined ? 'naics-isic-gbt (shipped)' : opts.through === 'none' ? opts.crosswalk : `${opts.crosswalk} + ${opts.through} (shipped)`,
    loss: {
      total: a.total, unambiguous: a.unambiguous, ambiguous: a.ambiguous, ambiguousUnweighted: a.ambiguousUnweighted, unmapped: a.unmapped,
      unmappedCodes: a.unmappedCodes,
    },
  };
  if (ctx.format === 'json') { ctx.out(JSON.stringify(summary, null, 2)); return; }
  ctx.out(`${opts.out}: ${t.codes.length} target codes from ${cats.rows.length} source codes; ${shared.length} shared between categories (${(100 * summary.sharedMassShare).toFixed(1)}% of the mass${opts.sizes ? '' : ', one per source code'} goes to a category other than the one chosen); ${t.lostCodes.length} source code(s) reach no target${t.lostCodes.length ? `: ${t.lostCodes.slice(0, 10).join(', ')}` : ''}`);
  const pc = (v: number): string => `${(100 * v).toFixed(1)}%`;
  ctx.out(`loss${opts.sizes ? ` (by ${opts.sizes})` : ' (one per source code)'}: ${pc(a.unambiguous)} of the mass maps to one target code, ${pc(a.ambiguous)} to several (${pc(a.ambiguousUnweighted)} on an equal split, no weights), ${pc(a.unmapped)} to none`);
}

/** A sector map as the rows translateCategories takes (sector = category; no names, no types). */
function sectorMapAsCategories(map: ReadonlyMap<string, string>, file: string): { rows: { industry: string; category: string }[]; categories: { code: string; name: string; type: 'traded' }[]; source: string } {
  const sectors = [...new Set(map.values())];
  return { rows: [...map].map(([industry, category]) => ({ industry, category })), categories: sectors.map((code) => ({ code, name: code, type: 'traded' })), source: file };
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
    .description('move a category file (or an IO sector map, --sector-map) to another code system through a crosswalk (e.g. NAICS → ISIC, then the shipped ISIC → GB/T divisions), or from NAICS 2017 to GB/T divisions through the shipped chain (--through naics-isic-gbt); each target code goes to the category sending it the most mass; the shared mass and the loss (mass mapping to several targets or none) are reported')
    .option('--categories <file>', 'category file in the source system')
    .option('--sector-map <file>', 'instead of --categories: an industry → IO sector map (industry,sector) in the source system, e.g. the NAICS codes of a BEA table\'s sectors; written as industry,sector,purity for `diagnose --sector-map` / `plan gaps --sector-map`')
    .option('--crosswalk <file>', 'crosswalk CSV from,to[,weight] out of the source system (required unless --through naics-isic-gbt)')
    .addOption(new Option('--through <table>', 'chain with the shipped ISIC Rev.4 ↔ GB/T 4754-2017 division table (isic-gbt, gbt-isic), or use the shipped NAICS 2017 → ISIC → GB/T division chain instead of --crosswalk (naics-isic-gbt)').choices(['isic-gbt', 'gbt-isic', 'naics-isic-gbt', 'none']).default('none'))
    .option('--sizes <file>', 'CSV industry,size (e.g. employment by source code) weighting the mass; default one per source code')
    .requiredOption('--out <file>', 'category file (or sector map) to write (never overwritten); a purity column says how much of each code comes from its category or sector')
    .action(async (opts: TranslateOpts) => {
      await runTranslate(context(), opts);
    });
  return categories;
}
