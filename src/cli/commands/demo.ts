import { resolve, relative, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { ingest } from '../../io/ingest.js';
import { generateScenario, writeRegisterVariant, writeScenario } from '../../scenario/index.js';
import { t } from '../i18n.js';
import { createBar, type CliContext } from '../output.js';
import { printIngestSummary } from './ingest.js';
import { printInfo, workspaceInfo } from './info.js';
import { runAnalyze } from './analyze.js';

export async function runDemo(ctx: CliContext, opts: { out: string; seed: string; scale: string; ingest: boolean; report?: boolean; register?: boolean }): Promise<void> {
  const seed = Number(opts.seed);
  const scale = Number(opts.scale);
  if (!Number.isInteger(seed)) throw new InputError('E_OPTION', `--seed must be an integer, got ${opts.seed}`, { field: 'seed', value: opts.seed });
  if (!(scale > 0) || !Number.isFinite(scale)) throw new InputError('E_OPTION', `--scale must be a positive number, got ${opts.scale}`, { field: 'scale', value: opts.scale });
  const dir = resolve(opts.out);
  const stages = createBar(ctx, 100, 'demo');
  stages.update(0, 'generating');
  const scenario = generateScenario(seed, { scale });
  stages.update(opts.ingest ? 20 : 50, 'writing files');
  await writeScenario(scenario, dir);
  if (opts.register) await writeRegisterVariant(scenario, dir); // firms_register.csv, read instead of firms.csv
  stages.update(opts.ingest ? 40 : 100, opts.ingest ? 'ingesting' : 'done');
  if (!opts.ingest) stages.stop();
  const rel = relative(process.cwd(), dir) || '.';
  if (ctx.format !== 'json') ctx.err(t(ctx.lang, 'demoWritten', { seed, firms: scenario.firms.length, dir: rel }));
  if (!opts.ingest) return;
  const summary = await ingest({
    project: join(dir, 'cluster-atlas.json'),
    onProgress: (p) => stages.update(Math.round(40 + (60 * (p.index + (p.stage === 'done' ? 1 : 0))) / p.total), `ingest ${p.kind}: ${p.stage}`),
  });
  stages.update(100, 'done');
  stages.stop();
  const info = await workspaceInfo(summary.workspace, 'division');
  if (ctx.format !== 'json') {
    printIngestSummary(ctx, summary);
    ctx.out('');
    printInfo(ctx, info);
    ctx.out('');
  }
  // the main job on the demo: diagnosis, measures and the bilingual report
  let report: Awaited<ReturnType<typeof runAnalyze>> | null = null;
  if (opts.report !== false) {
    report = await runAnalyze(
      ctx.format === 'json' ? { ...ctx, out: () => undefined } : ctx,
      { project: join(dir, 'cluster-atlas.json'), out: join(dir, 'report'), seed: String(seed), simulations: '99', permutations: '999', weights: 'queen', alpha: '0.05' },
      async () => (await import('../../diagnose/workspace.js')).diagnoseWorkspace,
    );
  }
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify({ scenario: { seed, scale, dir, firms: scenario.firms.length }, ingest: summary, info, report: report ? { html: report.report, results: report.results, candidates: report.candidates.length } : null }, null, 2));
    return;
  }
  ctx.out('');
  ctx.out(t(ctx.lang, 'nextSteps', { workspace: relative(process.cwd(), summary.workspace) }));
  if (report) ctx.out(t(ctx.lang, 'openReport', { file: relative(process.cwd(), report.report) || report.report }));
}
