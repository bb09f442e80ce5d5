import { relative } from 'node:path';
import { ingest, type IngestSummary } from '../../io/ingest.js';
import { confineProject, loadProject } from '../../io/project-file.js';
import type { Encoding } from '../../model/project.js';
import { parseWaitOption } from '../../store/workspace.js';
import { REASONS, t } from '../i18n.js';
import { createBar, renderTable, terminalContext, type CliContext } from '../output.js';

export async function runIngest(
  ctx: CliContext,
  opts: { project: string; workspace?: string; strict?: boolean; encoding?: Encoding; confine?: boolean; strictArea?: boolean; parkPolygons?: boolean; wait?: string },
): Promise<IngestSummary> {
  // --confine: the inputs and the workspace must lie under the project directory
  if (opts.confine) confineProject(loadProject(opts.project), { workspace: opts.workspace });
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
  printIngestSummary(ctx, summary);
  return summary;
}

export function printIngestSummary(raw: CliContext, s: IngestSummary): void {
  const ctx = terminalContext(raw);
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(s, null, 2));
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
