/**
 * The category portfolio of one region (U.S. Cluster Mapping style: LQ on x, employment growth on
 * y, bubble area = employment; filled = strong cluster, dark outline = strong10; traded and local
 * categories as two series) and the related-categories network (categories joined by the
 * relatedness file, node area = the region's employment, filled = strong there; on a circle in
 * breadth-first order, deterministic). The region is `ctx.categoryRegion`, else the portfolio's first.
 */
import type { CategoryPortfolioData, PortfolioRegion } from '../types.js';
import { base, dataOf, esc, fmt, tip, type Built, type BuildContext, type Option } from './context.js';

const TRADED = '#1b6ca8';
const LOCAL = '#e6850e';

export function categoryRegionOf(ctx: BuildContext, d: CategoryPortfolioData): PortfolioRegion | null {
  return d.regions.find((r) => r.code === ctx.categoryRegion) ?? d.regions[0] ?? null;
}

const regionTitle = (r: PortfolioRegion | null): string => (r ? `${r.code}${r.name ? ` ${r.name}` : ''}` : '');

interface Point { value: [number, number, number]; code: string; cname: string; strong: 0 | 1 | 2 | null; lq: number | null; growth: number | null }

export function categoryPortfolio(ctx: BuildContext): Built {
  const T = ctx.labels.ui;
  const d = dataOf(ctx.data.categories, 'categories');
  const region = categoryRegionOf(ctx, d);
  const cells = region?.cells ?? [];
  const maxEmp = Math.max(1, ...cells.map((c) => c[2]));
  // y: employment growth; with one year of statistics (no growth at all) the employment instead.
  // A category new since the base year has no growth: it is left out of the chart and counted.
  const byEmployment = d.baseYear === null;
  const drawn = cells.filter((c) => c[1] !== null && (byEmployment || c[3] !== null));
  const noGrowth = cells.filter((c) => c[1] !== null && !byEmployment && c[3] === null).length;
  const series: Option[] = (['traded', 'local'] as const).map((type) => {
    const colour = type === 'traded' ? TRADED : LOCAL;
    const data = drawn.filter((c) => d.categories[c[0]].type === type).map((c) => {
      const cat = d.categories[c[0]];
      const p: Point = { value: [c[1] as number, byEmployment ? c[2] : 100 * (c[3] as number), c[2]], code: cat.code, cname: cat.name, strong: c[4], lq: c[1], growth: c[3] };
      return {
        ...p,
        itemStyle: c[4] !== null && c[4] >= 1
          ? { color: colour, opacity: 0.85, borderColor: c[4] === 2 ? '#111' : '#fff', borderWidth: c[4] === 2 ? 2 : 1 }
          : { color: 'rgba(255,255,255,0.6)', borderColor: colour, borderWidth: 1.5 },
      };
    });
    return {
      type: 'scatter', name: type === 'traded' ? T.traded : T.local, itemStyle: { color: colour },
      data, symbolSize: (v: number[]) => 8 + 46 * Math.sqrt(v[2] / maxEmp),
      label: { show: true, formatter: (p: { data: Point }) => (p.data.strong !== null && p.data.strong >= 1 ? p.data.cname : ''), position: 'top', fontSize: 10 },
      tooltip: {
        formatter: (p: { data: Point }) => tip(`${p.data.code} ${p.data.cname}`, `${T.lq}: ${fmt(ctx, p.data.lq, 2)}`, `${T.growth}: ${p.data.growth === null ? '–' : fmt(ctx, 100 * p.data.growth, 1)}`,
          `${T.employment}: ${fmt(ctx, p.data.value[2], 0)}`, p.data.strong === null ? T.local : p.data.strong === 2 ? `${T.strongCluster} (${T.strong10})` : p.data.strong === 1 ? T.strongCluster : T.notStrong),
      },
    };
  });
  (series[0] as Option).markLine = { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#777' }, data: [{ xAxis: 1, label: { formatter: 'LQ = 1' } }] };
  const years = d.baseYear === null ? `${d.year}` : `${d.baseYear}–${d.year}`;
  const option: Option = {
    ...base(ctx, `${T.categories} · ${regionTitle(region)}`, noGrowth ? `${years} · ${T.noGrowthLeftOut}: ${noGrowth}` : years),
    grid: { left: 72, right: 40, top: 70, bottom: 80 },
    legend: { bottom: 4 },
    xAxis: { type: 'value', name: T.lq, nameLocation: 'middle', nameGap: 30, min: 0, max: (v: { max: number }) => Math.ceil(Math.max(v.max, 1) * 1.15) },
    yAxis: { type: 'value', name: byEmployment ? T.employment : T.growth, nameLocation: 'middle', nameGap: 48, scale: true },
    series,
  };
  return { option, maps: [] };
}

interface Node { id: string; name: string; value: number; x: number; y: number; symbolSize: number; itemStyle: Option; label: Option; tipText: string }

/**
 * The linked categories in circle order: breadth-first from the best-connected category of each
 * component (ties by code), neighbours strongest first, so that related categories sit side by
 * side and few links cross the circle. Deterministic.
 */
function circleOrder(d: CategoryPortfolioData, linked: number[], index: Map<string, number>): number[] {
  const inSet = new Set(linked);
  const adj = new Map<number, number[]>(linked.map((k) => [k, d.categories[k].related.map((r) => index.get(r.code)).filter((j): j is number => j !== undefined && inSet.has(j))]));
  const byDegree = [...linked].sort((a, b) => adj.get(b)!.length - adj.get(a)!.length || (d.categories[a].code < d.categories[b].code ? -1 : 1));
  const seen = new Set<number>();
  const out: number[] = [];
  for (const start of byDegree) {
    if (seen.has(start)) continue;
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const k = queue.shift()!;
      out.push(k);
      for (const j of adj.get(k)!) if (!seen.has(j)) { seen.add(j); queue.push(j); }
    }
  }
  return out;
}

export function categoryNetwork(ctx: BuildContext): Built {
  const T = ctx.labels.ui;
  const d = dataOf(ctx.data.categories, 'categories');
  const region = categoryRegionOf(ctx, d);
  const cell = new Map((region?.cells ?? []).map((c) => [c[0], c]));
  const linked = new Set<number>();
  const index = new Map(d.categories.map((c, k) => [c.code, k]));
  const links: Option[] = [];
  const maxRel = Math.max(0, ...d.categories.flatMap((c) => c.related.map((r) => r.relatedness ?? 0)));
  d.categories.forEach((c, k) => {
    for (const r of c.related) {
      const j = index.get(r.code);
      if (j === undefined || j <= k) continue; // each pair once
      linked.add(k); linked.add(j);
      const w = r.relatedness === null || maxRel <= 0 ? 1.5 : 0.5 + 3.5 * Math.max(0, r.relatedness) / maxRel;
      links.push({ source: c.code, target: r.code, lineStyle: { width: Number(w.toFixed(2)), color: '#999', opacity: 0.7 }, tipText: `${c.code} – ${r.code}: ${T.relatedness} ${r.relatedness === null ? '–' : fmt(ctx, r.relatedness, 3)}` });
    }
  });
  const maxEmp = Math.max(1, ...[...cell.values()].map((c) => c[2]));
  const order = circleOrder(d, [...linked], index);
  const nodes: Node[] = order.map((k, p) => {
    const angle = (2 * Math.PI * p) / order.length - Math.PI / 2;
    const [x, y] = [Math.cos(angle), Math.sin(angle)];
    const cat = d.categories[k];
    const c = cell.get(k);
    const colour = cat.type === 'traded' ? TRADED : LOCAL;
    const strong = c?.[4] ?? null;
    const emp = c?.[2] ?? 0;
    return {
      id: cat.code, name: cat.name, value: emp, x: Number((100 * x).toFixed(2)), y: Number((100 * y).toFixed(2)), symbolSize: Number((10 + 34 * Math.sqrt(emp / maxEmp)).toFixed(1)),
      itemStyle: !c ? { color: '#e4e4e4', borderColor: '#bbb' } : strong !== null && strong >= 1 ? { color: colour, borderColor: strong === 2 ? '#111' : '#fff', borderWidth: strong === 2 ? 2 : 1 } : { color: '#fff', borderColor: colour, borderWidth: 1.5 },
      label: { show: true, fontSize: 10, position: x > 0.2 ? 'right' : x < -0.2 ? 'left' : y < 0 ? 'top' : 'bottom', formatter: () => (cat.name.length > 18 ? `${cat.name.slice(0, 17)}…` : cat.name) },
      tipText: tip(`${cat.code} ${cat.name}`, `${T.employment}: ${fmt(ctx, emp, 0)}`, `${T.lq}: ${fmt(ctx, c?.[1] ?? null, 2)}`, strong === null ? (c ? T.local : '–') : strong >= 1 ? T.strongCluster : T.notStrong),
    };
  });
  const option: Option = {
    ...base(ctx, `${T.categoryNetwork} · ${regionTitle(region)}`, ''),
    tooltip: { confine: true, formatter: (p: { dataType: string; data: Node & { tipText: string } }) => (p.dataType === 'edge' ? esc(p.data.tipText) : p.data.tipText) },
    series: [{ type: 'graph', layout: 'none', roam: true, data: nodes, links, top: 70, bottom: 40, left: 150, right: 150 }],
  };
  return { option, maps: [] };
}
