/**
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
  return categories;
}
