/**
 * The value chain of a candidate: vertical stages in order (columns; stages of the same order
 * stacked), support stages in a row below; present (green), weak (amber), missing (red dashed);
 * arrows between consecutive stages labelled with the local share of their links, dashed where
 * there are none. `width` is the chart's width in pixels (boxes shrink to fit).
 */
import type { CandidateReport, ChainStage, StageStatus } from '../types.js';
import { base, dataOf, pct, tip, type Built, type BuildContext, type Option } from './context.js';

const STATUS_COLOUR: Record<StageStatus, string> = { present: '#1b9e77', weak: '#e6ab02', missing: '#d95f02' };
const STATUSES: StageStatus[] = ['present', 'weak', 'missing'];
const COLUMN = 150, ROW = 60;

export function chain(ctx: BuildContext, c: CandidateReport, width: number): Built {
  const T = ctx.labels.ui;
  const d = dataOf(c.chain, 'chain');
  const cats = STATUSES.map((s) => ({ name: T[s], itemStyle: { color: STATUS_COLOUR[s] } }));
  const vertical = d.stages.filter((s) => s.role === 'vertical').sort((a, bb) => a.order - bb.order);
  const support = d.stages.filter((s) => s.role === 'support');
  const orders = [...new Set(vertical.map((s) => s.order))];
  const perOrder = new Map<number, number>();
  const nodes: { s: ChainStage; x: number; y: number }[] = [];
  for (const s of vertical) {
    const row = (perOrder.get(s.order) ?? 0) + 1;
    perOrder.set(s.order, row);
    nodes.push({ s, x: orders.indexOf(s.order) * COLUMN, y: (row - 1) * ROW });
  }
  const rows = Math.max(1, ...perOrder.values());
  const cols = Math.max(orders.length, support.length, 1);
  support.forEach((s, k) => nodes.push({ s, x: k * COLUMN, y: rows * ROW + 40 }));
  const boxW = Math.max(60, Math.min(150, (0.8 * (width - 120)) / cols));
  const links: Option[] = d.flows.map((f) => ({
    source: f.from, target: f.to, value: f.localShare,
    label: { show: true, formatter: `→ ${f.localShare === null ? '–' : pct(ctx, f.localShare)}`, fontSize: 11, color: '#333' },
  }));
  const present = new Set(d.flows.map((f) => `${f.from}>${f.to}`));
  for (let k = 0; k + 1 < orders.length; k++) {
    for (const a of vertical.filter((s) => s.order === orders[k])) {
      for (const bb of vertical.filter((s) => s.order === orders[k + 1])) {
        if (!present.has(`${a.id}>${bb.id}`)) links.push({ source: a.id, target: bb.id, label: { show: false }, lineStyle: { type: 'dashed' } });
      }
    }
  }
  const option = {
    ...base(ctx, `${T.chainTitle} · ${c.id}`, `${d.templateName || d.template} · ${T.completeness} ${pct(ctx, d.completeness)}`),
    legend: { bottom: 4, data: cats.map((x) => x.name) },
    series: [{
      type: 'graph', layout: 'none', categories: cats, top: 90, bottom: 70, left: 20 + boxW / 2, right: 20 + boxW / 2,
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      data: nodes.map(({ s, x, y }) => {
        const name = s.name || s.id;
        return {
          name: s.id, x, y, category: STATUSES.indexOf(s.status), symbol: 'roundRect', symbolSize: [boxW, 50],
          itemStyle: s.status === 'missing' ? { color: '#fff', borderColor: STATUS_COLOUR.missing, borderWidth: 2, borderType: 'dashed' } : undefined,
          label: {
            show: true, fontSize: 11, lineHeight: 15, color: s.status === 'missing' ? STATUS_COLOUR.missing : '#fff', overflow: 'truncate', width: boxW - 8,
            formatter: () => `${name}\n${s.firmsInside} ${T.firmsUnit}${s.role === 'support' ? ` · ${T.support}` : ''}`,
          },
          tooltip: { formatter: () => tip(name, `${T[s.status]} · ${s.firmsInside} ${T.firmsUnit}`) },
        };
      }),
      links,
      lineStyle: { color: '#666', width: 1.5, curveness: 0 },
    }],
  };
  return { option, maps: [] };
}
