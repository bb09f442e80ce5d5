import { relative } from 'node:path';
import { ingest, type IngestSummary } from '../../io/ingest.js';
import { confineProject, loadProject } from '../../io/project-file.js';
import type { Encoding } from '../../model/project.js';
import { checkLoadTarget, loadWorkspaceIntoClickHouse, type LoadResult } from '../../store/engine/clickhouse-load.js';
import { parseEngine } from '../../store/engine/url.js';
import { openWorkspace, parseWaitOption } from '../../store/workspace.js';
import { REASONS, t } from '../i18n.js';
import { createBar, renderTable, terminalContext, type CliContext } from '../output.js';

export async function runIngest(
  ctx: CliContext,
  opts: { project: string; workspace?: string; strict?: boolean; encoding?: Encoding; confine?: boolean; strictArea?: boolean; parkPolygons?: boolean; wait?: string; engine?: string },
): Promise<IngestSummary & { engine?: LoadResult }> {
  const loaded = loadProject(opts.project);
  // --confine: the inputs and the workspace must lie under the project directory
  if (opts.confine) confineProject(loaded, { workspace: opts.workspace });
  // a bad --engine fails before anything is written; the flag wins over the project's engine block
  const target = parseEngine(opts.engine ?? loaded.project.engine?.url);
  // an unreachable cluster or a foreign database fails before the ingest, not after it
  if (target.kind === 'clickhouse') await checkLoadTarget(target);
  let bar: ReturnType<typeof createBar> | undefined;
  const summary = await ingest({
    project: opts.project,
    workspace: opts.workspace,
    strict: opts.strict,
    encoding: opts.encoding,
    strictArea: opts.strictArea,
    // commander's --no-park-polygons gives parkPolygons: true when absent; only "false" overrides the project
    parkPolygons: opts.parkPolygons === false ? false : undefined,
    wait: parseWaitOption(opts.wait),
    onProgress: (p) => {
      bar ??= createBar(ctx, p.total, 'ingest');
      bar.update(p.index + (p.stage === 'done' ? 1 : 0), `${p.kind}: ${p.stage}`);
      if (p.stage === 'done' && p.index + 1 === p.total) bar.stop();
    },
  });
  if (target.kind === 'duckdb') {
    printIngestSummary(ctx, summary);
    return summary;
  }
  // --strict with rejects threw above: a refused ingest loads nothing. The text summary comes
  // first (the workspace is built even when the load then fails); JSON is one document at the end.
  const text = ctx.format !== 'json';
  if (text) printIngestSummary(ctx, summary);
  const ws = await openWorkspace(summary.workspace);
  let engine: LoadResult;
  try {
    let engineBar: ReturnType<typeof createBar> | undefined;
    engine = await loadWorkspaceIntoClickHouse(ws, target, {
      onProgress: (p) => {
        engineBar ??= createBar(ctx, p.total, 'engine');
        engineBar.update(p.index + (p.stage === 'done' ? 1 : 0), `${p.table}: ${p.stage}${p.stage === 'load' ? ` ${p.rows}` : ''}`);
        if (p.stage === 'done' && p.index + 1 === p.total) engineBar.stop();
      },
    });
  } finally {
    ws.close();
  }
  if (text) printEngineLoad(ctx, engine);
  else printIngestSummary(ctx, summary, engine);
  return { ...summary, engine };
}

export function printIngestSummary(raw: CliContext, s: IngestSummary, engine?: LoadResult): void {
  // engine: printed only in the JSON document (text mode prints it with printEngineLoad)
  const ctx = terminalContext(raw);
  if (ctx.format === 'json') {
    // with --engine clickhouse://…: an `engine` block (target without password, tables, rows, rows per shard)
    ctx.out(JSON.stringify(engine ? { ...s, engine } : s, null, 2));
    return;
  }
  const { lang } = ctx;
  ctx.out(t(lang, 'ingestDone', { workspace: relative(process.cwd(), s.workspace) || s.workspace, seconds: (s.elapsedMs / 1000).toFixed(1) }));
  ctx.out(renderTable(
    [t(lang, 'input'), t(lang, 'file'), t(lang, 'rows'), t(lang, 'loaded'), t(lang, 'rejected')],
    s.inputs.map((i) => [i.kind, i.file + (i.encoding && i.encoding !== 'utf-8' ? ` [${i.encoding}]` : ''), i.rows, i.loaded, i.rejected]),
    [false, false, true, true, true],
  ));
  const outside = s.outsideStudyArea.firms + s.outsideStudyArea.institutions;
  if (outside > 0) ctx.out(t(lang, 'outsideKept', { firms: s.outsideStudyArea.firms, institutions: s.outsideStudyArea.institutions }));
  if (s.parkPolygons && s.parkFromPolygon.firms + s.parkFromPolygon.institutions > 0) {
    ctx.out(t(lang, 'parkFromPolygon', { firms: s.parkFromPolygon.firms, institutions: s.parkFromPolygon.institutions }));
  }
  if (s.findings === 0) ctx.out(t(lang, 'noRejects'));
  else {
    ctx.out('');
    ctx.out(t(lang, 'rejectsWritten', { rows: s.rejectedRows, findings: s.findings, file: relative(process.cwd(), s.rejectsFile) }));
    ctx.out(renderTable(
      [t(lang, 'reason'), t(lang, 'count'), ''],
      Object.entries(s.rejectsByReason).sort((a, b) => b[1] - a[1]).map(([r, n]) => [r, n, REASONS[r]?.[lang] ?? '']),
      [false, true, false],
    ));
    ctx.out('');
    ctx.out(`${t(lang, 'examples')}:`);
    for (const r of s.examples) {
      const value = r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value;
      ctx.out(`  ${r.file}:${r.line}  ${r.field}  ${JSON.stringify(value)}  ${r.reason}${r.detail ? ` (${r.detail})` : ''}`);
    }
  }
  if (s.warnings.length) {
    ctx.out('');
    ctx.out(`${t(lang, 'warnings')}:`);
    for (const w of s.warnings) ctx.out(`  - ${w}`);
  }
}

/** The text table of a ClickHouse load: rows per table and per shard (host of the URL). */
export function printEngineLoad(raw: CliContext, e: LoadResult): void {
  const ctx = terminalContext(raw);
  const { lang } = ctx;
  const shards = e.tables[0]?.perShard.length ?? 0;
  ctx.out('');
  ctx.out(t(lang, 'engineLoaded', { engine: e.target, seconds: (e.elapsedMs / 1000).toFixed(1) }));
  ctx.out(renderTable(
    [t(lang, 'table'), t(lang, 'rows'), ...Array.from({ length: shards }, (_, k) => t(lang, 'shard', { n: k + 1 }))],
    e.tables.map((x) => [x.table, x.rows, ...x.perShard]),
    [false, true, ...Array.from({ length: shards }, () => true)],
  ));
  for (const w of e.warnings) ctx.out(`  - ${w}`);
}
