import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError } from '../../core/errors.js';
import { guessProject } from '../../io/init.js';
import { PROJECT_FILE, writeProject } from '../../io/project-file.js';
import type { CodeSystem } from '../../model/project.js';
import { t } from '../i18n.js';
import { renderTable, type CliContext } from '../output.js';

export async function runInit(ctx: CliContext, dir: string, opts: { force?: boolean; codeSystem?: string }): Promise<void> {
  const target = join(dir, PROJECT_FILE);
  if (existsSync(target) && !opts.force) {
    throw new InputError('E_FILE', `${target} exists; pass --force to overwrite it`, { file: target });
  }
  const result = await guessProject(dir, { codeSystem: opts.codeSystem as CodeSystem | undefined });
  writeProject(target, result.project);
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify({ file: target, ...result }, null, 2));
    return;
  }
  const { lang } = ctx;
  ctx.out(t(lang, 'projectWritten', { file: relative(process.cwd(), target) }));
  ctx.out(renderTable(['file', 'kind', 'mapped'], result.files.map((f) => [f.file, f.kind ?? '?', Object.entries(f.mapped).map(([k, v]) => `${k}←${v}`).join(', ')])));
  for (const f of result.files) {
    if (f.unmappedColumns.length) ctx.out(`${f.file}: ${t(lang, 'unmapped', { list: f.unmappedColumns.join(', ') })}`);
    if (f.missingRequired.length) ctx.out(`${f.file}: ${t(lang, 'missingRequired', { list: f.missingRequired.join(', ') })}`);
  }
  if (result.categories) ctx.out(t(lang, 'categoryFiles', { file: result.categories.file, related: result.categories.related ? ` + ${result.categories.related}` : '' }));
  if (result.skipped.length) ctx.out(t(lang, 'skippedFiles', { list: result.skipped.join(', ') }));
}
