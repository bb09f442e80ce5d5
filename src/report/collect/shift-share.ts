/**
 * The shift-share table of a candidate: the classic and Esteban-Marquillas parts of employment
 * change (computed once per workspace in context.ts) summed over the statistics' industries of
 * the group — those starting with one of the candidate's codes, else the coarser codes containing
 * them (noted) — per candidate region (the 15 largest shown) and in total over all of them.
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import type { Bilingual, Chart, ShiftShareData, ShiftShareRow } from '../types.js';
import type { Context, StatsContext } from './context.js';
import { b, num, numOr0, unavailable } from './util.js';

const MAX_ROWS = 15;

/** The parts summed: every number of a row but its labels. */
const PARTS = ['base', 'final', 'change', 'nationalShare', 'industryMix', 'regionalShift'] as const;

function emptyRow(region: string, name: string | null, em: boolean): ShiftShareRow {
  return { region, name, base: 0, final: 0, change: 0, nationalShare: 0, industryMix: 0, regionalShift: 0, competitiveEffect: em ? 0 : null, allocationEffect: em ? 0 : null };
}

/** Add `from` into `into` (every part, the EM effects when both have them). */
function addRow(into: ShiftShareRow, from: Pick<ShiftShareRow, (typeof PARTS)[number] | 'competitiveEffect' | 'allocationEffect'>): void {
  for (const k of PARTS) into[k] += from[k];
  if (into.competitiveEffect !== null && from.competitiveEffect !== null) into.competitiveEffect += from.competitiveEffect;
  if (into.allocationEffect !== null && from.allocationEffect !== null) into.allocationEffect += from.allocationEffect;
}

function roundRow(r: ShiftShareRow): ShiftShareRow {
  return { ...r, base: numOr0(r.base), final: numOr0(r.final), change: numOr0(r.change), nationalShare: numOr0(r.nationalShare), industryMix: numOr0(r.industryMix), regionalShift: numOr0(r.regionalShift), competitiveEffect: num(r.competitiveEffect), allocationEffect: num(r.allocationEffect) };
}

/** The statistics' industry columns of the group, and a note when they are coarser than its codes. */
function groupColumns(st: StatsContext, industries: readonly string[]): { cols: { code: string; j: number }[]; note: Bilingual | null } {
  const all = st.industries.map((code, j) => ({ code, j }));
  const finer = all.filter(({ code }) => industries.some((x) => code.startsWith(x)));
  if (finer.length) return { cols: finer, note: null };
  const coarser = all.filter(({ code }) => industries.some((x) => x.startsWith(code)));
  const codes = coarser.map((x) => x.code);
  return { cols: coarser, note: coarser.length ? b(`statistics are coarser than the candidate's industries: using ${codes.join(', ')}`, `地区统计的行业比候选更粗，使用 ${codes.join('、')}`) : null };
}

export function shiftShareChart(ctx: Context, c: DiagnosedCandidate): Chart<ShiftShareData> {
  const st = ctx.stats;
  if (!st) return unavailable(ctx.statsReason ?? b('no regional statistics', '没有地区统计'));
  const { cols, note } = groupColumns(st, c.industries);
  const notes: Bilingual[] = note ? [note] : [];
  if (!cols.length) return unavailable(b(`the regional statistics hold none of the industries ${c.industries.join(', ')}`, `地区统计中没有行业 ${c.industries.join('、')}`));
  const rIndex = new Map(st.regions.map((r, k) => [r, k]));
  const I = st.industries.length;
  const rows: ShiftShareRow[] = [];
  for (const region of c.place.regions) {
    const r = rIndex.get(region);
    if (r === undefined) continue;
    const row = emptyRow(region, ctx.regionName.get(region) ?? null, st.em !== null);
    for (const { j } of cols) {
      const k = r * I + j;
      addRow(row, {
        base: st.base[k], final: st.final[k], change: st.ss.change[k], nationalShare: st.ss.nationalShare[k], industryMix: st.ss.industryMix[k], regionalShift: st.ss.regionalShift[k],
        competitiveEffect: st.em ? st.em.competitiveEffect[k] : null, allocationEffect: st.em ? st.em.allocationEffect[k] : null,
      });
    }
    rows.push(row);
  }
  if (!rows.length) return unavailable(b('none of the candidate\'s regions is in the regional statistics', '候选的地区都不在地区统计中'));
  const total = emptyRow('total', null, st.em !== null);
  for (const r of rows) addRow(total, r);
  const shown = rows.sort((a, bb) => bb.base - a.base || (a.region < bb.region ? -1 : 1)).slice(0, MAX_ROWS);
  if (rows.length > MAX_ROWS) notes.push(b(`showing the ${MAX_ROWS} largest of ${rows.length} regions; the total covers all`, `显示 ${rows.length} 个地区中规模最大的 ${MAX_ROWS} 个；合计包括全部地区`));
  return {
    available: true,
    data: { baseYear: st.baseYear, finalYear: st.finalYear, variable: 'employment', industries: cols.map((x) => x.code), rows: shown.map(roundRow), total: roundRow(total), nationalGrowth: numOr0(st.ss.nationalGrowth) },
    params: { baseYear: st.baseYear, finalYear: st.finalYear, variable: 'employment', method: 'classic + Esteban-Marquillas' },
    source: b('regional statistics (employment)', '地区统计（就业人数）'),
    notes,
  };
}
