/**
 * The cluster portfolio: every candidate's location quotient against its employment growth,
 * bubble = employment. The LQ is the diagnosis's (`indicators.lq`, computed there with
 * `locationQuotient`); the report never recomputes it, so a candidate the diagnosis has no LQ for
 * (e.g. a whole-economy industry) is left out, named with the reason. The growth is the
 * shift-share total over the statistics' years (comparable with the reference line), else the
 * diagnosis's `role.growth`.
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import type { Bilingual, Chart, PortfolioData, ShiftShareData } from '../types.js';
import type { StatsContext } from './context.js';
import { b, num, numOr0, unavailable } from './util.js';

/** The diagnosis's LQ of the candidate, or why there is none. */
export function candidateLq(c: DiagnosedCandidate): { lq: number } | { reason: Bilingual } {
  const lq = c.indicators.lq;
  if (lq !== undefined && Number.isFinite(lq)) return { lq };
  return c.indicators.wholeEconomy
    ? { reason: b('no location quotient (the candidate is an industry over the whole economy)', '无区位商（候选为覆盖整个经济的行业）') }
    : { reason: b('no location quotient in the diagnosis', '诊断中无区位商') };
}

export function newPortfolio(stats: StatsContext | null): PortfolioData {
  return { points: [], referenceGrowth: num(stats?.referenceGrowth ?? null), excluded: [] };
}

/** Adds the candidate as a point, or to `excluded` with the reason. */
export function addToPortfolio(portfolio: PortfolioData, c: DiagnosedCandidate, ss: Chart<ShiftShareData>): void {
  const lq = candidateLq(c);
  const growth = ss.available && ss.data.total.base > 0 ? ss.data.total.final / ss.data.total.base - 1 : c.role.growth;
  if ('reason' in lq) portfolio.excluded.push({ id: c.id, reason: lq.reason });
  else if (growth === null || !Number.isFinite(growth)) portfolio.excluded.push({ id: c.id, reason: b('no employment growth (needs regional statistics over two years)', '无就业增长率（需要两个年份以上的地区统计）') });
  else portfolio.points.push({ id: c.id, name: c.name, label: c.diagnosis.concepts.label, lq: numOr0(lq.lq), growth: numOr0(growth), employment: c.employment });
}

export function portfolioChart(portfolio: PortfolioData, candidates: number, stats: StatsContext | null): Chart<PortfolioData> {
  if (candidates === 0) return unavailable(b('no candidates', '没有候选'));
  if (portfolio.points.length === 0) return unavailable(b('no candidate has both a location quotient and an employment growth rate', '没有同时具有区位商和就业增长率的候选'));
  return {
    available: true, data: portfolio,
    params: { growth: stats ? `${stats.baseYear}–${stats.finalYear}` : 'diagnosis', bubble: 'employment' },
    source: b('candidates: LQ (diagnosis), employment growth (regional statistics)', '候选：区位商（诊断）、就业增长（地区统计）'),
    notes: portfolio.excluded.map((x) => ({ en: `${x.id} left out: ${x.reason.en}`, zh: `${x.id} 未列入：${x.reason.zh}` })),
  };
}
