/** The K-density of a candidate's firms with the global band (a filled polygon), the pointwise band (dashed) and the localised intervals shaded. */
import type { CandidateReport } from '../types.js';
import { base, dataOf, fmt, type Built, type BuildContext, type Option } from './context.js';
import type { RenderItemApi } from './geo.js';

export function kDensity(ctx: BuildContext, c: CandidateReport): Built {
  const T = ctx.labels.ui;
  const d = dataOf(c.kDensity, 'kDensity');
  const p = c.kDensity.available ? c.kDensity.params : {};
  const series: Option[] = [];
  if (d.globalLower && d.globalUpper) {
    const lower = d.globalLower, upper = d.globalUpper;
    const ring = d.r.map((r, i) => [r, upper[i]]).concat(d.r.map((r, i) => [r, lower[i]]).reverse());
    series.push({
      type: 'custom', name: T.globalBand, silent: true, itemStyle: { color: 'rgba(70,130,180,0.3)' }, data: [[0, 0]],
      renderItem: (_params: unknown, api: RenderItemApi) => ({ type: 'polygon', shape: { points: ring.map((q) => api.coord(q)) }, style: { fill: 'rgba(70,130,180,0.3)', stroke: 'rgba(70,130,180,0.6)' } }),
    });
  }
  if (d.lower && d.upper) {
    for (const band of [d.upper, d.lower]) {
      series.push({ type: 'line', name: T.localBand, showSymbol: false, data: d.r.map((r, i) => [r, band[i]]), lineStyle: { type: 'dashed', width: 1, color: '#4682b4' }, itemStyle: { color: '#4682b4' } });
    }
  }
  series.push({
    type: 'line', name: T.kd, showSymbol: false, data: d.r.map((r, i) => [r, d.value[i]]), lineStyle: { width: 2, color: '#c0392b' }, itemStyle: { color: '#c0392b' },
    markArea: { silent: true, itemStyle: { color: 'rgba(192,57,43,0.08)' }, data: d.departures.filter((x) => x.kind === 'localisation').map((x) => [{ xAxis: x.from }, { xAxis: x.to }]) },
  });
  const option = {
    ...base(ctx, `${T.kdTitle} · ${c.id}`, `${d.localised ? T.localised : T.notLocalised} · ${String(p.simulations)} ${T.fromSimulations}, α = ${String(p.alpha)}`),
    grid: { left: 70, right: 24, top: 70, bottom: 78 },
    legend: { bottom: 4 },
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => fmt(ctx, v, 5) },
    xAxis: { type: 'value', min: 0, max: d.r[d.r.length - 1], name: T.kdX, nameLocation: 'middle', nameGap: 30 },
    yAxis: { type: 'value', name: T.kdY, nameLocation: 'middle', nameGap: 52 },
    series,
  };
  return { option, maps: [] };
}
