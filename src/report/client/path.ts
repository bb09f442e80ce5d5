/**
 * The development path of a candidate: stage (集中 → 集聚 → 集群) and radiation level per snapshot
 * year as two step lines, and the six characteristic scores per year as small multiples below.
 * A snapshot where the stages do not apply (not agglomerated) is drawn at "none".
 */
import type { CandidateReport } from '../types.js';
import { base, type Built, type BuildContext } from './context.js';

const STAGE_ORDER = ['concentration', 'agglomeration', 'cluster'] as const;
const RADIATION_ORDER = ['receiving', 'inward', 'outward'] as const;
const KEYS = ['geographic', 'embeddedness', 'flexible', 'cooperative', 'innovation', 'selfOrganisation'] as const;

export function path(ctx: BuildContext, c: CandidateReport): Built {
  const L = ctx.labels;
  const T = L.ui;
  if (!c.path.available) return { option: base(ctx, `${T.pathTitle} · ${c.id}`), maps: [] };
  const p = c.path.data;
  const years = p.snapshots.map((s) => String(s.year));
  const stageAxis = [T.pathNone, ...STAGE_ORDER.map((k) => L.stages[k])];
  const radiationAxis = [T.pathNone, ...RADIATION_ORDER.map((k) => L.radiation[k])];
  const stageAt = (s: string | null): number => (s === null ? 0 : STAGE_ORDER.indexOf(s as never) + 1);
  const radiationAt = (r: string | null): number => (r === null ? 0 : RADIATION_ORDER.indexOf(r as never) + 1);
  // the timeline on top, the six scores as a 3 × 2 grid of small multiples below
  const grids: Record<string, unknown>[] = [{ left: 150, right: 150, top: 84, height: 150 }];
  const xAxis: Record<string, unknown>[] = [{ type: 'category', data: years, gridIndex: 0, boundaryGap: false }];
  const yAxis: Record<string, unknown>[] = [
    { type: 'category', data: stageAxis, gridIndex: 0, name: T.stage, axisLabel: { fontSize: 11 } },
    { type: 'category', data: radiationAxis, gridIndex: 0, name: T.radiationAxis, position: 'right', axisLabel: { fontSize: 11 } },
  ];
  const series: Record<string, unknown>[] = [
    { type: 'line', name: T.stage, step: 'end', xAxisIndex: 0, yAxisIndex: 0, data: p.snapshots.map((s) => stageAx(stageAxis, stageAt(s.stage))), itemStyle: { color: '#1b9e77' }, lineStyle: { width: 3 } },
    { type: 'line', name: T.radiationAxis, step: 'end', xAxisIndex: 0, yAxisIndex: 1, data: p.snapshots.map((s) => stageAx(radiationAxis, radiationAt(s.radiation))), itemStyle: { color: '#d95f02' }, lineStyle: { type: 'dashed', width: 2 } },
  ];
  const title: Record<string, unknown>[] = [];
  KEYS.forEach((k, i) => {
    const col = i % 3;
    const row = Math.floor(i / 3);
    const g = grids.length;
    grids.push({ left: `${6 + col * 32}%`, width: '26%', top: 290 + row * 120, height: 70 });
    xAxis.push({ type: 'category', data: years, gridIndex: g, axisLabel: { fontSize: 9 } });
    yAxis.push({ type: 'value', min: 0, max: 1, gridIndex: g, splitNumber: 2, axisLabel: { fontSize: 9 } });
    series.push({ type: 'line', name: L.characteristics[k], xAxisIndex: g, yAxisIndex: g + 1, data: p.snapshots.map((s) => s.scores[k]), connectNulls: false, symbolSize: 4, itemStyle: { color: '#7570b3' } });
    title.push({ text: L.characteristics[k], left: `${6 + col * 32 + 13}%`, top: 270 + row * 120, textAlign: 'center', textStyle: { fontSize: 11, fontWeight: 'normal' } });
  });
  const head = base(ctx, `${T.pathTitle} · ${c.id}`, T.pathScores);
  const option = {
    ...head,
    title: [head.title, ...title],
    legend: { top: 50, data: [T.stage, T.radiationAxis] },
    grid: grids, xAxis, yAxis, series,
    tooltip: { trigger: 'axis', confine: true },
  };
  return { option, maps: [] };
}

/** A category value of an axis (by index), so the line sits on the named level. */
function stageAx(axis: string[], k: number): string {
  return axis[Math.max(0, Math.min(axis.length - 1, k))];
}
