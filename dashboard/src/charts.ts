/**
 * The candidate charts, drawn with the report's own option builders (src/report/client/builders.ts:
 * map, Lorenz curve, K-density, network, chain, radar) on the ReportData of the last analysis —
 * the same charts as report.html, not a second implementation.
 */
import * as echarts from 'echarts';
import { CANDIDATE_BUILDERS } from '../../src/report/client/builders.js';
import type { BuildContext } from '../../src/report/client/context.js';
import type { ClientLabels } from '../../src/report/i18n.js';
import type { ReportData } from '../../src/report/types.js';
import { h } from './dom.js';
import type { Lang } from './i18n.js';

const instances: echarts.ECharts[] = [];

/** A chart drawn by another page (disposed with the others when the page changes). */
export function registerChart(c: echarts.ECharts): void {
  instances.push(c);
}

export function disposeCharts(): void {
  for (const c of instances.splice(0)) c.dispose();
}

/** The chart kinds of a candidate that have data (the others say why, as in the report). */
const AVAILABILITY: Record<string, 'map' | 'lorenz' | 'kDensity' | 'network' | 'chain' | 'path' | null> = { map: 'map', lorenz: 'lorenz', kdensity: 'kDensity', network: 'network', chain: 'chain', radar: null, path: 'path' };

export function candidateCharts(data: ReportData, labels: ClientLabels, lang: Lang, index: number): HTMLElement {
  const ctx: BuildContext = { data, labels, lang, font: window.getComputedStyle(document.body).fontFamily.replace(/"/g, "'") };
  const c = data.candidates[index];
  const grid = h('div', { class: 'charts' });
  const pending: [HTMLElement, string][] = [];
  for (const [kind, build] of Object.entries(CANDIDATE_BUILDERS)) {
    const key = AVAILABILITY[kind];
    const chart = key ? c[key] : null;
    if (chart && !chart.available) {
      grid.append(h('div', { class: 'chart unavailable', 'data-kind': kind }, chart.reason[lang]));
      continue;
    }
    const el = h('div', { class: 'chart', 'data-kind': kind });
    grid.append(el);
    pending.push([el, kind]);
    void build;
  }
  // drawn once the grid is in the page (the builders need the container's width)
  requestAnimationFrame(() => {
    for (const [el, kind] of pending) {
      try {
        const built = CANDIDATE_BUILDERS[kind](ctx, c, el.clientWidth || 600);
        for (const m of built.maps) echarts.registerMap(m.name, m.geoJson as never);
        const inst = echarts.init(el, null, { renderer: 'svg' });
        inst.setOption(built.option);
        instances.push(inst);
        el.setAttribute('data-drawn', 'true');
      } catch (e) {
        el.classList.add('chart-failed');
        el.textContent = `${labels.ui.chartFailed}: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  });
  return grid;
}

window.addEventListener('resize', () => { for (const c of instances) c.resize(); });
