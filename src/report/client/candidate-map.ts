/**
 * The map of a candidate, two panels on the same view: left the LQ classes of its industry group
 * with the firms (dot ∝ √employees), leaders (diamonds), parks and hull; right the LISA classes of
 * the LQ. Every region of the view gets a data item: a map series with geoIndex draws regions
 * missing from its data in its palette colour (ECharts 6.1), not in the geo's area colour, so
 * regions without firms get NO_DATA (LQ) / code 7 (LISA), both drawn white and named in the legend.
 */
import type { CandidateReport, LisaClass, MapFirm, MapRegion } from '../types.js';
import { base, dataOf, fmt, text, tip, type Built, type BuildContext, type Option } from './context.js';
import { geoBase, polygonSeries } from './geo.js';

const LISA_CODE: Record<LisaClass, number> = { HH: 1, LL: 2, HL: 3, LH: 4, ns: 5, island: 6 };
const LISA_NO_DATA = 7;
const NO_DATA = -1;

interface FirmPoint { value: [number, number, number | null]; id: string }

export function candidateMap(ctx: BuildContext, c: CandidateReport): Built {
  const { data, labels: L } = ctx;
  const T = L.ui;
  const m = dataOf(c.map, 'map');
  if (!data.regions) throw new Error('map: the report has no region polygons');
  const mapName = `atlas-${c.id}`;
  const codes = new Map<string, MapRegion>(m.regions.map((r) => [r.code, r]));
  const regionName = (code: string): string => codes.get(code)?.name || code;
  const maxEmp = Math.max(1, ...m.firms.map((f) => f.employees ?? 0));
  const point = (f: MapFirm): FirmPoint => ({ value: [f.lon, f.lat, f.employees], id: f.id });
  const firmTip = (p: { data: FirmPoint }): string => tip(p.data.id, `${T.employment}: ${fmt(ctx, p.data.value[2], 0)}`);
  const parkRings = m.parks.map((p) => p.ring);
  const series: Option[] = [
    {
      type: 'map', geoIndex: 0, name: T.mapLq, data: m.regions.map((r) => ({ name: r.code, value: r.lq === null ? NO_DATA : r.lq })),
      tooltip: { formatter: (p: { name: string; value: number }) => tip(`${regionName(p.name)} (${p.name})`, `${T.lq}: ${p.value === NO_DATA ? T.noData : fmt(ctx, p.value, 2)}`) },
    },
    {
      type: 'map', geoIndex: 1, name: T.mapLisa, data: m.regions.map((r) => ({ name: r.code, value: r.lisa === null ? LISA_NO_DATA : LISA_CODE[r.lisa] })),
      tooltip: {
        formatter: (p: { name: string }) => {
          const r = codes.get(p.name);
          return tip(`${regionName(p.name)} (${p.name})`, `LISA: ${r && r.lisa ? L.lisa[r.lisa] : '–'}`, `p = ${fmt(ctx, r?.pValue, 3)}`);
        },
      },
    },
    {
      type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: T.firms,
      data: m.firms.filter((f) => !f.leader).map(point),
      symbolSize: (v: (number | null)[]) => 2.5 + 9 * Math.sqrt((v[2] || 0) / maxEmp),
      itemStyle: { color: 'rgba(30,30,30,0.55)' },
      tooltip: { formatter: firmTip },
    },
    {
      type: 'scatter', coordinateSystem: 'geo', geoIndex: 0, name: T.leaders, symbol: 'diamond', symbolSize: 12,
      data: m.firms.filter((f) => f.leader).map(point),
      itemStyle: { color: '#111', borderColor: '#fff', borderWidth: 1 },
      tooltip: { formatter: firmTip },
    },
  ];
  if (parkRings.length) {
    series.push(polygonSeries(T.parks, parkRings, 0, 'rgba(46,139,87,0.15)', '#2e8b57', true));
    series.push(polygonSeries(T.parks, parkRings, 1, 'none', '#2e8b57', true));
  }
  if (m.hull) {
    series.push(polygonSeries(T.hull, [m.hull], 0, 'none', '#c0392b', false));
    series.push(polygonSeries(T.hull, [m.hull], 1, 'none', '#c0392b', false));
  }
  const head = base(ctx, `${T.mapTitle} · ${c.id}`, c.industries.map((x) => `${x.code} ${text(ctx, x.name)}`).join(', '));
  const piece = { type: 'piecewise', bottom: 4, orient: 'horizontal', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } };
  const option: Option = {
    ...head,
    geo: [
      { ...geoBase(mapName), left: '1%', right: '51%', top: 100, bottom: 66 },
      { ...geoBase(mapName), left: '51%', right: '1%', top: 100, bottom: 66 },
    ],
    title: [head.title,
      { text: T.mapLq, left: '25%', top: 76, textAlign: 'center', textStyle: { fontSize: 13 } },
      { text: T.mapLisa, left: '75%', top: 76, textAlign: 'center', textStyle: { fontSize: 13 } }],
    series,
    legend: { top: 50, data: [T.firms, T.leaders, ...(m.parks.length ? [T.parks] : []), ...(m.hull ? [T.hull] : [])] },
    visualMap: [
      {
        // the two legends on two rows: side by side they overlap on a narrow chart
        ...piece, seriesIndex: 0, left: 6, bottom: 30, text: [`${T.lq}:`], showLabel: true,
        pieces: [
          { gte: 5, label: '≥ 5', color: '#99000d' }, { gte: 2, lt: 5, label: '2–5', color: '#e34a33' }, { gte: 1.25, lt: 2, label: '1.25–2', color: '#fc8d59' },
          { gte: 1, lt: 1.25, label: '1–1.25', color: '#fdd49e' }, { gte: 0.5, lt: 1, label: '0.5–1', color: '#dbe7f3' }, { gte: 0, lt: 0.5, label: '< 0.5', color: '#eef2f6' },
          { value: NO_DATA, label: T.noData, color: '#ffffff' },
        ],
      },
      {
        ...piece, seriesIndex: 1, left: 6, text: [`${T.mapLisa}:`], showLabel: true,
        pieces: [
          { value: 1, label: L.lisa.HH, color: '#d7191c' }, { value: 2, label: L.lisa.LL, color: '#2c7bb6' }, { value: 3, label: L.lisa.HL, color: '#fdae61' },
          { value: 4, label: L.lisa.LH, color: '#abd9e9' }, { value: 5, label: L.lisa.ns, color: '#e8e8e8' }, { value: 6, label: L.lisa.island, color: '#bdbdbd' },
          { value: LISA_NO_DATA, label: T.noData, color: '#ffffff' },
        ],
      },
    ],
  };
  const regions = data.regions;
  return { option, maps: [{ name: mapName, geoJson: { type: 'FeatureCollection', features: regions.features.filter((f) => codes.has(f.properties.code)) } }] };
}
