/** The Lorenz curve of a candidate's firm sizes against the line of equality, in percent. */
import type { CandidateReport } from '../types.js';
import { base, dataOf, fmt, type Built, type BuildContext } from './context.js';

export function lorenz(ctx: BuildContext, c: CandidateReport): Built {
  const T = ctx.labels.ui;
  const d = dataOf(c.lorenz, 'lorenz');
  const option = {
    ...base(ctx, `${T.lorenzTitle} · ${c.id}`, `Gini = ${fmt(ctx, d.gini, 3)} · ${fmt(ctx, d.firms, 0)} ${T.firmsUnit}`),
    grid: { left: 64, right: 24, top: 70, bottom: 78 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => `${fmt(ctx, v, 1)}%` },
    legend: { bottom: 4 },
    xAxis: { type: 'value', min: 0, max: 100, name: T.lorenzX, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', min: 0, max: 100, name: T.lorenzY, nameLocation: 'middle', nameGap: 42 },
    series: [
      { type: 'line', name: T.lorenz, showSymbol: false, data: d.population.map((p, i) => [100 * p, 100 * d.share[i]]), lineStyle: { width: 2, color: '#c0392b' }, itemStyle: { color: '#c0392b' }, areaStyle: { color: 'rgba(192,57,43,0.12)' } },
      { type: 'line', name: T.equality, showSymbol: false, data: [[0, 0], [100, 100]], lineStyle: { type: 'dashed', color: '#888' }, itemStyle: { color: '#888' } },
    ],
  };
  return { option, maps: [] };
}
