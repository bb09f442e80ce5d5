/** The network of a candidate: a fixed layout (from the data), Louvain communities as colours, institutions as triangles, leader firms outlined and named. */
import type { CandidateReport } from '../types.js';
import { base, dataOf, fmt, type Built, type BuildContext, tip } from './context.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
/** Communities with a colour of their own; the rest share grey. */
const MAX_COLOURED = 8;

export function network(ctx: BuildContext, c: CandidateReport): Built {
  const L = ctx.labels;
  const T = L.ui;
  const d = dataOf(c.network, 'network');
  const sub = `${d.communities} ${T.communities}${d.modularity === null ? '' : ` · ${T.modularity} Q = ${fmt(ctx, d.modularity, 3)}`}`;
  const shown = Math.min(d.communities, MAX_COLOURED);
  const cats: { name: string; symbol?: string; itemStyle: Record<string, string> }[] = [];
  for (let k = 0; k < shown; k++) cats.push({ name: `${T.community} ${k + 1}`, itemStyle: { color: PALETTE[k] } });
  const other = cats.length;
  cats.push({ name: `${T.community} ${shown + 1}+`, itemStyle: { color: '#c7c7c7' } });
  const isolated = cats.length;
  cats.push({ name: T.isolated, itemStyle: { color: '#eeeeee', borderColor: '#999' } });
  const inst = cats.length;
  cats.push({ name: T.institution, symbol: 'triangle', itemStyle: { color: '#6a3d9a' } });
  const maxS = Math.max(1, ...d.nodes.map((n) => n.strength));
  const option = {
    ...base(ctx, `${T.networkTitle} · ${c.id}`, sub),
    legend: { bottom: 4, type: 'scroll', data: cats.map((x, k) => (k === inst ? { name: x.name, icon: 'triangle' } : x.name)) },
    series: [{
      type: 'graph', layout: 'none', roam: true, nodeScaleRatio: 0, categories: cats, top: 70, bottom: 50, left: 20, right: 20,
      data: d.nodes.map((n) => {
        const name = n.name || n.id;
        const kind = n.kind === 'institution' ? (n.institutionType ? L.institutionTypes[n.institutionType] || n.institutionType : T.institution) : n.leader ? T.leaders : T.firms;
        return {
          name: n.id, x: n.x, y: n.y, value: n.strength,
          category: n.kind === 'institution' ? inst : n.community < 0 ? isolated : n.community < shown ? n.community : other,
          symbol: n.kind === 'institution' ? 'triangle' : n.leader ? 'diamond' : 'circle',
          symbolSize: n.leader ? 20 : n.kind === 'institution' ? 14 : 5 + 12 * Math.sqrt(n.strength / maxS),
          itemStyle: n.leader ? { borderColor: '#000', borderWidth: 2 } : undefined,
          label: { show: n.leader || n.kind === 'institution', formatter: () => name, fontSize: 10, position: 'right' },
          tooltip: { formatter: () => tip(`${name} (${n.id})`, kind, `${T.degree}: ${fmt(ctx, n.strength, 0)}`) },
        };
      }),
      links: d.links.map((l) => ({ source: l.source, target: l.target })),
      lineStyle: { color: '#9a9a9a', opacity: 0.4, width: 0.6 },
      labelLayout: { hideOverlap: true },
      emphasis: { focus: 'adjacency', lineStyle: { width: 2 } },
    }],
  };
  return { option, maps: [] };
}
