/**
 * `cluster-atlas analyze [--project cluster-atlas.json] --out DIR [--lang zh|en] [--seed S]`: the
 * whole pipeline (src/analyze/pipeline.ts) with a progress bar per stage (TTY only) and a final
 * summary. The registrar is light (commander only); the pipeline is imported in the action.
 *
 * The diagnosis is passed in by whoever registers the command (main.ts):
 *   registerAnalyze(program, () => context(program.opts()), async () => (await import('../diagnose/workspace.js')).diagnoseWorkspace);
 */
import { Option, type Command } from 'commander';
import type { AnalyzeStage, AnalyzeSummary, DiagnoseFn } from '../../analyze/pipeline.js';
import type { CliContext } from '../output.js';

/** Loads the diagnosis function (lazily, so `--help` stays fast). */
export type DiagnosisLoader = () => Promise<DiagnoseFn>;

export interface AnalyzeCliOptions {
  project: string;
  out: string;
  lang?: 'zh' | 'en';
  seed: string;
  simulations: string;
  permutations: string;
  weights: string;
  alpha: string;
  threshold?: string[];
  force?: boolean;
  maxCandidates?: string;
  confine?: boolean;
  wait?: string;
  /** clickhouse://… : the tables come from a cluster instead of the project's inputs. */
  engine?: string;
}

const STAGE_LABEL: Record<AnalyzeStage, { en: string; zh: string }> = {
  ingest: { en: 'ingest   ', zh: '导入    ' },
  diagnose: { en: 'diagnose ', zh: '诊断    ' },
  measures: { en: 'measures ', zh: '指标    ' },
  write: { en: 'write    ', zh: '输出    ' },
};

function integer(name: string, text: string, min: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new OptionError(name, `--${name} must be an integer ≥ ${min}, got ${JSON.stringify(text)}`, text);
  return v;
}

class OptionError extends Error {
  constructor(readonly field: string, message: string, readonly value: unknown) { super(message); }
}

function parseThresholds(list: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list ?? []) {
    const m = /^([A-Za-z][\w]*)=(.+)$/.exec(item.trim());
    const v = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(v)) throw new OptionError('threshold', `--threshold must be NAME=NUMBER (see docs/diagnosis-thresholds.md), got ${JSON.stringify(item)}`, item);
    out[m[1]] = v;
  }
  return out;
}

export async function runAnalyze(raw: CliContext, opts: AnalyzeCliOptions, loadDiagnosis: DiagnosisLoader | undefined): Promise<AnalyzeSummary> {
  const [{ InputError, InternalError }, { terminalContext }] = await Promise.all([import('../../core/errors.js'), import('../output.js')]);
  const ctx = terminalContext(raw);
  if (!loadDiagnosis) {
    throw new InternalError('analyze: this build has no diagnosis step wired in (registerAnalyze was called without a diagnosis loader)', { field: 'diagnosis' });
  }
  let parsed: { seed: number; simulations: number; permutations: number; alpha: number; thresholds: Record<string, number>; maxCandidates: number };
  try {
    const alpha = Number(opts.alpha);
    if (!(alpha > 0 && alpha < 1)) throw new OptionError('alpha', `--alpha must be a number in (0, 1), got ${JSON.stringify(opts.alpha)}`, opts.alpha);
    if (!Number.isInteger(Number(opts.seed))) throw new OptionError('seed', `--seed must be an integer, got ${JSON.stringify(opts.seed)}`, opts.seed);
    parsed = {
      seed: Number(opts.seed), simulations: integer('simulations', opts.simulations, 0), permutations: integer('permutations', opts.permutations, 0),
      alpha, thresholds: parseThresholds(opts.threshold), maxCandidates: integer('max-candidates', opts.maxCandidates ?? '60', 1),
    };
  } catch (e) {
    if (e instanceof OptionError) throw new InputError('E_OPTION', `analyze: ${e.message}`, { field: e.field, value: e.value });
    throw e;
  }
  const lang = opts.lang ?? ctx.lang;
  const [{ analyze }, { createBar, renderTable }, { relative }, { LABELS, STAGES }, { parseWaitOption }] = await Promise.all([
    import('../../analyze/pipeline.js'), import('../output.js'), import('node:path'), import('../../report/i18n.js'), import('../../store/workspace.js'),
  ]);
  const diagnose = await loadDiagnosis();
  const bars = new Map<AnalyzeStage, { bar: ReturnType<typeof createBar>; total: number }>();
  let current: AnalyzeStage | null = null;
  const onStage = (stage: AnalyzeStage, done: number, total: number, detail?: string): void => {
    if (current !== stage) {
      if (current) bars.get(current)?.bar.stop();
      current = stage;
    }
    let b = bars.get(stage);
    if (!b || b.total !== total) {
      b?.bar.stop();
      b = { bar: createBar(ctx, total, STAGE_LABEL[stage][ctx.lang]), total };
      bars.set(stage, b);
    }
    b.bar.update(done, detail);
  };
  let summary: AnalyzeSummary;
  try {
    const { withEngineWorkspace } = await import('../engine-option.js');
    // --engine clickhouse://… (or the project's engine block): the tables come from the cluster, copied for the per-firm diagnosis
    summary = await withEngineWorkspace({ project: opts.project, engine: opts.engine }, (wsPath, engine) => analyze({
      project: opts.project, out: opts.out, lang, ...parsed, weights: opts.weights, force: opts.force, confine: opts.confine, wait: parseWaitOption(opts.wait), onStage,
      engineWorkspace: engine ? { path: wsPath, label: engine } : undefined,
    }, { diagnose }));
  } finally {
    for (const b of bars.values()) b.bar.stop();
  }
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify({ ...summary, ingest: summary.ingest ? { inputs: summary.ingest.inputs, rejectedRows: summary.ingest.rejectedRows, warnings: summary.ingest.warnings } : null }, null, 2));
    return summary;
  }
  const zh = ctx.lang === 'zh';
  const rel = (p: string): string => relative(process.cwd(), p) || p;
  const ws = summary.ingestReason ? (zh ? `已重建（${summary.ingestReason}）` : `rebuilt (${summary.ingestReason})`) : (zh ? '未变，沿用' : 'unchanged, reused');
  const an = summary.reused.analysis ? (zh ? '输入与参数未变，沿用上次结果' : 'inputs and parameters unchanged, previous results reused') : (zh ? '已重新计算' : 'computed');
  ctx.out(zh ? `工作区：${ws}；分析：${an}。` : `Workspace: ${ws}; analysis: ${an}.`);
  if (summary.candidates.length) {
    ctx.out(renderTable(
      zh ? ['编号', '名称', '结论', '阶段', '企业数', '就业人数'] : ['id', 'name', 'verdict', 'stage', 'firms', 'employment'],
      summary.candidates.map((c) => [c.id, c.name[ctx.lang], LABELS[c.label]?.[ctx.lang] ?? c.label, c.stage ? STAGES[c.stage]?.[ctx.lang] ?? c.stage : '–', c.firms, c.employment]),
      [false, false, false, false, true, true],
    ));
  } else ctx.out(zh ? '未识别出候选集群。' : 'No candidates found.');
  ctx.out('');
  ctx.out(zh ? `报告：${rel(summary.report)}` : `Report: ${rel(summary.report)}`);
  ctx.out(zh ? `结果：${rel(summary.results)}（另有 ${summary.files.length - 2} 个 GeoJSON/CSV 文件，见 ${rel(summary.out)}）` : `Results: ${rel(summary.results)} (and ${summary.files.length - 2} GeoJSON/CSV files in ${rel(summary.out)})`);
  ctx.out(zh ? `用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒` : `Done in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  if (summary.warnings.length && !ctx.quiet) {
    ctx.err(zh ? '警告：' : 'Warnings:');
    for (const w of summary.warnings.slice(0, 20)) ctx.err(`  - ${w}`);
    if (summary.warnings.length > 20) ctx.err(`  … ${summary.warnings.length - 20} more in results.json`);
  }
  return summary;
}

/**
 * Adds `analyze` to the program. `context` builds the CLI context from the global options;
 * `loadDiagnosis` returns `diagnoseWorkspace` (imported lazily).
 */
export function registerAnalyze(program: Command, context: () => CliContext, loadDiagnosis?: DiagnosisLoader): Command {
  return program
    .command('analyze')
    .description('run the whole pipeline — ingest if needed, diagnosis, measures — and write report.html, results.json, GeoJSON layers and CSV tables to DIR')
    .option('-p, --project <file>', 'project file', 'cluster-atlas.json')
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--engine <url>', 'take the tables from a ClickHouse cluster (clickhouse://host:port[,…]/db, loaded by `ingest --engine`; or the project\'s engine block) instead of ingesting: they are copied to a temporary workspace for the diagnosis; default: the project\'s workspace')
    .addOption(new Option('--lang <lang>', 'language of the report (default: the CLI language)').choices(['zh', 'en']))
    .option('--seed <n>', 'seed of every random procedure', '42')
    .option('--simulations <n>', 'K-density Monte Carlo simulations', '99')
    .option('--permutations <n>', 'LISA permutations', '999')
    .option('--weights <spec>', 'LISA spatial weights: queen, rook or knn:K', 'queen')
    .option('--alpha <a>', 'significance level of LISA classes and K-density bands', '0.05')
    .option('--threshold <name=value...>', 'override a diagnosis threshold (repeatable)')
    .option('--force', 'recompute everything even when inputs and parameters are unchanged')
    .option('--max-candidates <n>', 'largest number of candidates drawn in the report (clusters first, then by employment)', '60')
    .option('--confine', 'refuse inputs and a workspace outside the project directory (symlinks resolved): for project files from someone else')
    .option('--wait <seconds>', 'when another run holds the output directory or the workspace, wait up to this many seconds for it (default: fail at once, naming its pid and start time)')
    .action(async (opts: AnalyzeCliOptions) => {
      await runAnalyze(context(), opts, loadDiagnosis);
    });
}
