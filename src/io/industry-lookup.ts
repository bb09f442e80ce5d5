/**
 * The lookup table of an industry field, for io/validate.ts: every distinct text judged once,
 * codes and names alike (lookup-values.ts `judgeIndustry`, model/classifications/industry-names.ts),
 * and the ingest summary line of the texts given as names, counted over the rows.
 */
import { ident } from '../store/workspace.js';
import { industryNameSummary, judgeIndustry, NAME_LEVELS } from './lookup-values.js';
import type { ValidateContext } from './validate.js';

/**
 * The lookup table of an industry field (raw, value, reason, detail, form, level, name_checked):
 * one verdict per distinct text, codes and names alike (lookup-values.ts `judgeIndustry`); returns
 * the summary line of the texts given as names, counted over the rows of the parsed table `P`.
 */
export async function buildIndustryLookup(ctx: Pick<ValidateContext, 'ws' | 'classification' | 'register' | 'spec'>, distinct: readonly string[], table: string, P: string, text: string): Promise<string[]> {
  const { ws } = ctx;
  const coarsest = NAME_LEVELS[ctx.register?.industryNameLevel ?? 'division'];
  await ws.run(`CREATE TEMP TABLE ${ident(table)} (raw VARCHAR, value VARCHAR, reason VARCHAR, detail VARCHAR, form VARCHAR, level INTEGER, name_checked INTEGER)`);
  await ws.append(table, ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'integer', 'integer'], distinct.map((v) => {
    const j = judgeIndustry(v, ctx.classification, coarsest);
    return [v, j.value, j.reason, j.detail, j.form, j.level, j.nameChecked === null ? null : j.nameChecked ? 1 : 0];
  }), { temp: true });
  const rows = await ws.all<{ form: string; level: number | null; reason: string | null; name_checked: number | null; n: number }>(
    `SELECT l.form, l.level, l.reason, l.name_checked, count(*)::BIGINT AS n FROM ${P} p JOIN ${ident(table)} l ON l.raw = ${text} WHERE l.form IS NOT NULL GROUP BY ALL`,
  );
  const noun = ctx.spec.kind === 'regionalStats' ? 'rows' : ctx.spec.kind;
  const line = industryNameSummary(noun, ctx.classification.levels, rows.map((r) => ({ form: r.form, level: r.level, reason: r.reason, nameChecked: r.name_checked === null ? null : Number(r.name_checked) === 1, n: Number(r.n) })));
  return line ? [line] : [];
}

