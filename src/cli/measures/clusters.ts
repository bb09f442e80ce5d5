/**
 * `cluster-atlas measure clusters --categories FILE`: the regional statistics of a workspace
 * aggregated to cluster categories (a category file, e.g. written by `categories from-cmp`), with
 * the LQ of every region × category (traded categories over traded employment, local over local)
 * and the U.S. Cluster Mapping strong clusters among the traded categories.
 *
 * Output: a table of the strong clusters (default), the full result as JSON (`--format json`), or
 * every region × category cell as CSV (`--csv`). The coverage of the data by the definitions —
 * industry codes in no category with their employment, definition codes absent from the data — is
 * in the JSON and summarised in warnings; nothing is dropped silently.
 */
import { Option } from 'commander';
import type { MeasureRegistrar } from './index.js';
import { ENGINE_HELP } from '../engine-option.js';

interface ClustersOpts {
  project: string;
  workspace?: string;
  engine?: string;
  categories?: string;
  related?: string;
  year?: string;
  regionLevel?: string;
  lqPercentile: string;
  sizePercentile: string;
  missing: string;
  csv?: boolean;
  limit: string;
}

async function num(value: string, name: string, integer = false): Promise<number> {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    const { InputError } = await import('../../core/errors.js');
    throw new InputError('E_OPTION', `${name} must be ${integer ? 'an integer' : 'a number'}, got ${value}`, { field: name, value });
  }
  return n;
}

export const registerClusters: MeasureRegistrar = (measure, context) => {
  measure.command('clusters')
    .description('cluster categories: LQ per region × category (traded over traded, local over local) and U.S. Cluster Mapping strong clusters')
    .option('--categories <file>', 'category file (CSV: industry, category, category_name, subcategory, subcategory_name, type traded|local); default: the project\'s "categories" block')
    .option('--related <file>', 'relatedness between categories (CSV: category_a, category_b, relatedness)')
    .option('-p, --project <file>', 'project file (its workspace is used)', 'cluster-atlas.json')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--engine <url>', ENGINE_HELP)
    .option('--year <year>', 'year of the regional statistics (needed when there are several)')
    .option('--region-level <level>', 'only regions of this level (e.g. county): the strong-cluster percentiles are taken across them')
    .option('--lq-percentile <p>', 'LQ percentile of the strong rule', '0.75')
    .option('--size-percentile <p>', 'employment and establishment percentile of the strong rule', '0.25')
    .addOption(new Option('--missing <policy>', 'unknown (withheld) cells: error, zero or drop-region').choices(['error', 'zero', 'drop-region']).default('error'))
    .option('--csv', 'print every region × category cell as CSV instead of the table of strong clusters')
    .option('--limit <n>', 'rows shown in table format', '30')
    .action(async (opts: ClustersOpts) => {
      const ctx = context();
      const { readCategoryFile } = await import('../../load/cluster-categories.js');
      const { loadCategoryMatrices } = await import('../../load/category-matrix.js');
      const { categoryStrength } = await import('../../measures/cluster-strength/category-strength.js');
      const { openSource } = await import('../engine-option.js');
      const { engineOf } = await import('../../store/engine/engine.js');
      const { col, out, table } = await import('../../store/engine/plan.js');
      const files = await categoryFiles(opts);
      const cats = readCategoryFile(files.file, { relatedFile: files.related });
      const year = opts.year === undefined ? undefined : await num(opts.year, '--year', true);
      const limit = await num(opts.limit, '--limit', true);
      const lqPercentile = await num(opts.lqPercentile, '--lq-percentile');
      const sizePercentile = await num(opts.sizePercentile, '--size-percentile');
      const ws = await openSource(opts);
      try {
        const m = await loadCategoryMatrices(ws, cats, { year, regionLevel: opts.regionLevel });
        const types = new Map(cats.categories.map((c) => [c.code, c.type]));
        const names = new Map(cats.categories.map((c) => [c.code, c.name]));
        const s = categoryStrength(m.employment, types, { establishments: m.establishments, lqPercentile, sizePercentile, missing: opts.missing as never });
        const cov = m.coverage;
        const warnings = [...s.warnings];
        if (cov.unmapped.length) {
          const share = cov.dataEmployment > 0 ? (100 * cov.unmappedEmployment) / cov.dataEmployment : 0;
          warnings.push(`${cov.unmapped.length} industry code(s) of the data are in no category: ${cov.unmappedEmployment} employees (${share.toFixed(2)}% of the data's employment), largest ${cov.unmapped.slice(0, 5).map((u) => `${u.industry} (${u.employment})`).join(', ')}; see coverage.unmapped in --format json`);
        }
        if (opts.regionLevel === undefined) {
          const { level: levels } = await engineOf(ws).run({ from: table('regions'), columns: [out('level', col('level'), 'string')], groupBy: [col('level')] });
          if (levels.length > 1) warnings.push(`the regions table has ${levels.length} levels (${levels.map((l) => l ?? 'none').sort().join(', ')}): without --region-level the percentiles of the strong rule mix them`);
        }
        if (cov.coarser.length) warnings.push(`${cov.coarser.length} code(s) coarser than the definitions were not used (they repeat the finer rows): ${cov.coarser.slice(0, 5).map((u) => u.industry).join(', ')}`);
        if (cov.absent.length) warnings.push(`${cov.absent.length} code(s) of the definitions match no code of the data: ${cov.absent.slice(0, 10).join(', ')}${cov.absent.length > 10 ? ', …' : ''}`);
        for (const e of m.provenance.employment.excluded) if (e.reason !== 'industry in no group') warnings.push(`${e.rows} row(s) excluded: ${e.reason}`);
        if (opts.csv) {
          const { csvLine } = await import('../../core/csv.js');
          const lines = [csvLine(['region', 'category', 'category_name', 'type', 'employment', 'establishments', 'lq', 'strong'])];
          for (const c of s.value.cells) lines.push(csvLine([c.region, c.category, names.get(c.category), c.type, c.employment, c.establishments, Number.isFinite(c.lq) ? c.lq : '', c.strong === null ? '' : c.strong === 2 ? 'strong10' : c.strong === 1 ? 'strong' : '']));
          ctx.out(lines.join('\n'));
          for (const w of new Set(warnings)) if (!ctx.quiet) ctx.err(`warning: ${w}`);
          return;
        }
        if (ctx.format === 'json') {
          const { toJson } = await import('./concentration.js');
          ctx.out(toJson({
            measure: 'clusters',
            categories: cats.categories.map((c) => ({ code: c.code, name: c.name, type: c.type, industries: c.industries.length, subcategories: c.subcategories, related: cats.related.filter((r) => r.a === c.code).map((r) => ({ category: r.b, relatedness: r.relatedness ?? null })) })),
            strong: s.value.strong, thresholds: s.value.thresholds, strongCount: s.value.strongCount, cells: s.value.cells,
            coverage: cov, warnings, provenance: { ...s.provenance, categories: cats.source, rows: cats.rowsRead, input: m.provenance },
          }));
          return;
        }
        const { renderTable } = await import('../output.js');
        const rows = s.value.strong.slice(0, limit).map((c) => [c.region, c.industry, names.get(c.industry) ?? '', Number(c.lq.toPrecision(4)), c.employment, c.establishments ?? '–', c.strong10 ? 'yes' : '']);
        ctx.out(renderTable(['region', 'category', 'name', 'LQ', 'employment', 'establishments', 'strong10'], rows, [false, false, false, true, true, true, false]));
        if (s.value.strong.length > limit) ctx.out(`… ${s.value.strong.length - limit} more (--limit, --csv or --format json)`);
        for (const w of new Set(warnings)) if (!ctx.quiet) ctx.err(`warning: ${w}`);
      } finally {
        await ws.close();
      }
    });
};

/** --categories/--related, else the project's `categories` block (paths relative to the project file); E_OPTION when neither names a file. */
async function categoryFiles(opts: ClustersOpts): Promise<{ file: string; related?: string }> {
  if (opts.categories) return { file: opts.categories, related: opts.related };
  const [{ existsSync }, { resolve }, { loadProject }, { InputError }] = await Promise.all([
    import('node:fs'), import('node:path'), import('../../io/project-file.js'), import('../../core/errors.js'),
  ]);
  const fromProject = !opts.workspace && existsSync(opts.project) ? loadProject(opts.project) : null;
  const c = fromProject?.project.categories;
  if (!c) {
    throw new InputError('E_OPTION', `measure clusters: give --categories FILE or a "categories": { "file": … } block in the project file${opts.workspace ? ' (with --workspace no project file is read)' : ` (${opts.project})`}`, { field: 'categories', value: null });
  }
  return { file: resolve(fromProject!.dir, c.file), related: opts.related ?? (c.related ? resolve(fromProject!.dir, c.related) : undefined) };
}
