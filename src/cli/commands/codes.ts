import { InputError } from '../../core/errors.js';
import { builtinClassification } from '../../model/classifications/index.js';
import type { CodeSystem } from '../../model/project.js';
import { t } from '../i18n.js';
import { renderTable, type CliContext } from '../output.js';

export async function runCodes(ctx: CliContext, opts: { system: string; level: string; search?: string }): Promise<void> {
  const c = builtinClassification(opts.system as CodeSystem);
  const levelNumber = /^\d+$/.test(opts.level) ? Number(opts.level) : c.levels.indexOf(opts.level) + 1;
  if (levelNumber < 1 || levelNumber > c.levels.length) {
    throw new InputError('E_OPTION', `--level ${opts.level}: ${opts.system} has levels ${c.levels.join(', ')}`, { field: 'level', value: opts.level });
  }
  const q = opts.search?.toLowerCase();
  const rows = c.entries()
    .filter((x) => x.level === levelNumber)
    .filter((x) => !q || x.name.toLowerCase().includes(q) || (x.nameEn ?? '').toLowerCase().includes(q));
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(rows, null, 2));
    return;
  }
  ctx.out(renderTable([t(ctx.lang, 'code'), t(ctx.lang, 'name'), 'name (en)'], rows.map((x) => [x.code, x.name, x.nameEn ?? ''])));
}
