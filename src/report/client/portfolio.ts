/** The cluster portfolio: LQ (x) against employment growth (y, %), bubble ∝ √employment, colour = verdict; lines at LQ = 1 and the reference growth. */
import type { PortfolioPoint } from '../types.js';
import { base, dataOf, fmt, text, tip, type Built, type BuildContext, type Option } from './context.js';

interface Point { value: [number, number, number]; id: string; cname: string }
interface Extent { min: number; max: number }

export function portfolio(ctx: BuildContext): Built {
  const { labels: L } = ctx;
  const T = L.ui;
  const d = dataOf(ctx.data.portfolio, 'portfolio');
  const maxEmp = Math.max(1, ...d.points.map((p) => p.employment));
  const byLabel = new Map<string, PortfolioPoint[]>();
  for (const p of d.points) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p]);
  const ref = d.referenceGrowth === null ? null : 100 * d.referenceGrowth;
  const series: Option[] = [...byLabel].map(([label, list]) => ({
    type: 'scatter', name: L.labels[label], itemStyle: { color: L.labelColours[label], opacity: 0.75, borderColor: '#fff' },
    data: list.map((p): Point => ({ value: [p.lq, 100 * p.growth, p.employment], id: p.id, cname: text(ctx, p.name) })),
    symbolSize: (v: number[]) => 10 + 50 * Math.sqrt(v[2] / maxEmp),
    label: { show: true, formatter: (p: { data: Point }) => p.data.id, position: 'top', fontSize: 11 },
    tooltip: {
      formatter: (p: { data: Point }) => tip(`${p.data.id} ${p.data.cname}`, `${T.lq}: ${fmt(ctx, p.data.value[0], 2)}`, `${T.growth}: ${fmt(ctx, p.data.value[1], 1)}`, `${T.employment}: ${fmt(ctx, p.data.value[2], 0)}`),
    },
  }));
  const lines: Option[] = [{ xAxis: 1, name: 'LQ = 1', label: { formatter: 'LQ = 1' } }];
  if (ref !== null) lines.push({ yAxis: ref, name: T.growth, label: { formatter: `${T.allEmployment} ${fmt(ctx, ref, 1)}%`, position: 'insideEndTop' } });
  if (series.length) series[0].markLine = { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#777' }, data: lines };
  const spread = (v: Extent): number => 0.15 * Math.max(Math.abs(v.max - v.min), 1);
  const option: Option = {
    ...base(ctx, T.portfolio, ''),
    grid: { left: 72, right: 40, top: 70, bottom: 80 },
    legend: { bottom: 4 },
    xAxis: { type: 'value', name: T.lq, nameLocation: 'middle', nameGap: 30, min: 0, max: (v: Extent) => Math.ceil(Math.max(v.max, 1) * 1.15) },
    yAxis: {
      type: 'value', name: T.growth, nameLocation: 'middle', nameGap: 48,
      min: (v: Extent) => Math.floor((ref === null ? v.min : Math.min(v.min, ref)) - spread(v)),
      max: (v: Extent) => Math.ceil((ref === null ? v.max : Math.max(v.max, ref)) + spread(v)),
    },
    series,
  };
  return { option, maps: [] };
}
