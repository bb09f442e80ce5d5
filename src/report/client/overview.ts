/** The overview map: every candidate at its centre (bubble ∝ √employment, colour = verdict, labelled by id) with its 90 % circle. */
import type { OverviewCandidate } from '../types.js';
import { base, fmt, text, tip, type Built, type BuildContext, type Option } from './context.js';
import { circleRing, geoBase, polygonSeries } from './geo.js';

interface Point { value: [number, number, number]; id: string; cname: string }

export function overviewMap(ctx: BuildContext): Built {
  const { data, labels: L } = ctx;
  const T = L.ui;
  if (!data.regions) throw new Error('overview: the report has no region polygons');
  const candidates = data.overview.candidates;
  const maxEmployment = Math.max(1, ...candidates.map((c) => c.employment));
  const circles = candidates.flatMap((c) => (c.center && c.radiusKm && c.radiusKm <= 150 ? [circleRing(c.center, c.radiusKm)] : []));
  const byLabel = new Map<string, OverviewCandidate[]>();
  for (const c of candidates) {
    if (!c.center) continue;
    byLabel.set(c.label, [...(byLabel.get(c.label) ?? []), c]);
  }
  const geo = { ...geoBase('atlas-all'), top: 60, bottom: 50, left: 10, right: 10 };
  geo.itemStyle.areaColor = '#f4f4f4';
  const series: Option[] = [polygonSeries(T.radius90, circles, 0, 'rgba(220,60,60,0.10)', '#c0392b', false)];
  for (const [label, list] of byLabel) {
    series.push({
      type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: L.labels[label],
      itemStyle: { color: L.labelColours[label], borderColor: '#fff', borderWidth: 1 },
      symbolSize: (v: number[]) => 8 + 22 * Math.sqrt(v[2] / maxEmployment),
      data: list.map((c): Point => ({ value: [c.center![0], c.center![1], c.employment], id: c.id, cname: text(ctx, c.name) })),
      tooltip: { formatter: (p: { data: Point }) => tip(`${p.data.id} ${p.data.cname}`, L.labels[label], `${T.employment}: ${fmt(ctx, p.data.value[2], 0)}`) },
    });
  }
  // the labels: one series over every candidate (overlap is resolved within a series), largest
  // first so a small neighbour's label gives way; the id only (names run to a line each; they are
  // in the tooltips and the table below the map)
  const labelled = candidates.filter((c) => c.center).sort((a, b) => b.employment - a.employment);
  series.push({
    type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: 'labels', silent: true, z: 5,
    symbolSize: (v: number[]) => 8 + 22 * Math.sqrt(v[2] / maxEmployment), itemStyle: { color: 'rgba(0,0,0,0)' },
    data: labelled.map((c): Point => ({ value: [c.center![0], c.center![1], c.employment], id: c.id, cname: text(ctx, c.name) })),
    label: { show: true, position: 'right', fontSize: 11, color: '#222', formatter: (p: { data: Point }) => p.data.id },
    labelLayout: { hideOverlap: true },
    tooltip: { show: false },
  });
  const option: Option = { ...base(ctx, T.overviewMap, `${candidates.length} ${T.candidatesUnit}`), geo, series, legend: { bottom: 4, type: 'scroll', data: [...byLabel.keys()].map((l) => L.labels[l]) } };
  return { option, maps: [{ name: 'atlas-all', geoJson: data.regions }] };
}
