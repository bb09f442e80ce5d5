import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { loadProject } from '../../io/project-file.js';
import { builtinClassification } from '../../model/classifications/index.js';
import type { CodeSystem } from '../../model/project.js';
import { openWorkspace } from '../../store/workspace.js';
import { REASONS, t } from '../i18n.js';
import { renderTable, type CliContext } from '../output.js';

export interface WorkspaceInfo {
  workspace: string;
  meta: Record<string, string>;
  tables: Record<string, number>;
  inputs: { kind: string; file: string; format: string; encoding: string | null; rows: number; loaded: number; rejected: number }[];
  rejectsByReason: Record<string, number>;
  industries: { code: string; name: string; firms: number; employees: number }[];
  level: string;
}

const TABLES = ['firms', 'institutions', 'links', 'regions', 'parks', 'regional_stats', 'io_sectors', 'chain_templates', 'rejects'];

export async function workspaceInfo(path: string, level: string): Promise<WorkspaceInfo> {
  const ws = await openWorkspace(path);
  try {
    const meta = Object.fromEntries((await ws.all<{ key: string; value: string }>('SELECT key, value FROM meta')).map((r) => [r.key, r.value]));
    const tables: Record<string, number> = {};
    for (const tb of TABLES) tables[tb] = Number((await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${tb}`))[0].n);
    const inputs = await ws.all<WorkspaceInfo['inputs'][number]>('SELECT kind, file, format, encoding, rows, loaded, rejected FROM ingest_inputs');
    const reasons = await ws.all<{ reason: string; n: number }>('SELECT reason, count(*)::BIGINT AS n FROM rejects GROUP BY reason ORDER BY n DESC');
    const classification = builtinClassification(meta.industry_code_system as CodeSystem);
    const levelNumber = /^\d+$/.test(level) ? Number(level) : classification.levels.indexOf(level) + 1;
    if (levelNumber < 1) {
      throw new InputError('E_OPTION', `--level ${level}: ${classification.system} has levels ${classification.levels.join(', ')}`, { field: 'level', value: level });
    }
    const byCode = await ws.all<{ industry: string; n: number; e: number | null }>('SELECT industry, count(*)::BIGINT AS n, sum(employees) AS e FROM firms GROUP BY industry');
    const agg = new Map<string, { firms: number; employees: number }>();
    for (const r of byCode) {
      const code = classification.rollUp(r.industry, levelNumber) ?? r.industry;
      const a = agg.get(code) ?? { firms: 0, employees: 0 };
      a.firms += Number(r.n);
      a.employees += Number(r.e ?? 0);
      agg.set(code, a);
    }
    const industries = [...agg.entries()]
      .map(([code, a]) => ({ code, name: classification.get(code)?.name ?? '', ...a }))
      .sort((a, b) => b.employees - a.employees || b.firms - a.firms || a.code.localeCompare(b.code))
      .slice(0, 15);
    return {
      workspace: path, meta, tables, inputs: inputs.map((i) => ({ ...i, rows: Number(i.rows), loaded: Number(i.loaded), rejected: Number(i.rejected) })),
      rejectsByReason: Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)])), industries,
      level: classification.levels[levelNumber - 1] ?? String(levelNumber),
    };
  } finally {
    ws.close();
  }
}

export function resolveWorkspacePath(opts: { project?: string; workspace?: string }): string {
  if (opts.workspace) return resolve(opts.workspace);
  const project = opts.project ?? 'cluster-atlas.json';
  if (!existsSync(project)) {
    throw new InputError('E_FILE', `no project file at ${project}; give --workspace or --project`, { file: project });
  }
  const { project: p, dir } = loadProject(project);
  return resolve(dir, p.workspace);
}

export async function runInfo(ctx: CliContext, opts: { project: string; workspace?: string; level: string }): Promise<void> {
  const info = await workspaceInfo(resolveWorkspacePath(opts), opts.level);
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(info, null, 2));
    return;
  }
  printInfo(ctx, info);
}

export function printInfo(ctx: CliContext, info: WorkspaceInfo): void {
  const { lang } = ctx;
  ctx.out(`${t(lang, 'workspace')}: ${relative(process.cwd(), info.workspace) || info.workspace}`);
  const crs = info.meta.crs_input === 'WGS84' ? 'WGS84' : `${info.meta.crs_input} → WGS84`;
  ctx.out(`  ${info.meta.industry_code_system} · ${crs} · ${info.meta.currency} · ${info.meta.ingested_at}`);
  ctx.out('');
  ctx.out(renderTable([t(lang, 'table'), t(lang, 'rows')], Object.entries(info.tables).map(([k, v]) => [k, v]), [false, true]));
  if (Object.keys(info.rejectsByReason).length) {
    ctx.out('');
    ctx.out(renderTable(
      [t(lang, 'reason'), t(lang, 'count'), ''],
      Object.entries(info.rejectsByReason).map(([r, n]) => [r, n, REASONS[r]?.[lang] ?? '']),
      [false, true, false],
    ));
  }
  if (info.industries.length) {
    ctx.out('');
    ctx.out(t(lang, 'industries', { level: info.level }));
    ctx.out(renderTable(
      [t(lang, 'code'), t(lang, 'name'), t(lang, 'firms'), t(lang, 'employees')],
      info.industries.map((i) => [i.code, i.name, i.firms, Math.round(i.employees)]),
      [false, false, true, true],
    ));
  }
}
