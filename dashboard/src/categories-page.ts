/**
 * The categories page: the project's cluster categories in one region — the report's category
 * portfolio and related-categories charts (drawn by the report's own builders,
 * src/report/client/categories.ts) and the region's categories as a table (LQ, employment,
 * growth, strong) — with a region chooser (in the URL), and the regions with the most strong
 * clusters. The data is the last analysis's ReportData (`categories`).
 */
import * as echarts from 'echarts';
import { categoryNetwork, categoryPortfolio, categoryRegionOf } from '../../src/report/client/categories.js';
import type { BuildContext } from '../../src/report/client/context.js';
import type { ClientLabels } from '../../src/report/i18n.js';
import type { ReportData } from '../../src/report/types.js';
import { get, P } from './api.js';
import { registerChart } from './charts.js';
import { fmt, h, table } from './dom.js';
import { t } from './i18n.js';
import type { Page } from './main.js';

export async function categoriesPage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang = state.lang;
  let rd: { data: ReportData; labels: ClientLabels };
  try {
    rd = await get<{ data: ReportData; labels: ClientLabels }>(`${P(state.project!)}/report-data?lang=${lang}`);
  } catch {
    root.append(h('p', { id: 'no-results' }, t(lang, 'noResults')));
    return;
  }
  const T = rd.labels.ui;
  const ch = rd.data.categories;
  root.append(h('h2', {}, T.categories));
  if (!ch.available) { root.append(h('p', { class: 'unavailable', id: 'categories-unavailable' }, `${T.notAvailable}: ${ch.reason[lang]}`)); return; }
  const d = ch.data;
  const ctx: BuildContext = { data: rd.data, labels: rd.labels, lang, font: window.getComputedStyle(document.body).fontFamily.replace(/"/g, "'"), categoryRegion: state.region ?? undefined };
  const region = categoryRegionOf(ctx, d);
  if (!region) { root.append(h('p', { class: 'unavailable' }, `${T.notAvailable}: ${T.regionsShown} 0`)); return; }
  ctx.categoryRegion = region.code;
  const chooser = h('select', { id: 'category-region', onchange: (e) => page.go({ region: (e.target as HTMLSelectElement).value }) },
    ...d.regions.map((r) => h('option', { value: r.code, ...(r.code === region.code ? { selected: true } : {}) }, `${r.code}${r.name ? ` ${r.name}` : ''} · ${T.strongClusters} ${r.strong}`)));
  const years = d.baseYear === null ? String(d.year) : `${d.baseYear}–${d.year}`;
  root.append(h('p', {}, h('label', {}, `${T.categoryRegion} `, chooser), ' ', h('span', { class: 'hint' }, `${d.regions.length} / ${d.totalRegions} ${T.regionsShown} · ${d.source} · ${years}`)));
  const grid = h('div', { class: 'charts' });
  const portfolioEl = h('div', { class: 'chart', 'data-kind': 'categories' });
  const networkEl = h('div', { class: 'chart', 'data-kind': 'category-network' });
  const related = d.categories.some((c) => c.related.length > 0);
  grid.append(portfolioEl, related ? networkEl : h('div', { class: 'chart unavailable', 'data-kind': 'category-network' }, `${T.notAvailable}: categories.related`));
  root.append(grid, h('p', { class: 'hint' }, T.categoriesCaption));
  for (const n of ch.notes) root.append(h('p', { class: 'hint' }, n[lang]));
  const rows = [...region.cells].sort((x, y) => (y[1] ?? -1) - (x[1] ?? -1)).map((c) => {
    const cat = d.categories[c[0]];
    return [`${cat.code} ${cat.name}`, cat.type === 'traded' ? T.traded : T.local, fmt(lang, c[1], 2), fmt(lang, c[2], 0), c[3] === null ? '–' : `${fmt(lang, 100 * c[3], 1)}%`,
      c[4] === null ? '–' : c[4] === 2 ? `${T.strongCluster} (${T.strong10})` : c[4] === 1 ? T.strongCluster : ''];
  });
  root.append(h('h3', {}, `${region.code}${region.name ? ` ${region.name}` : ''}`), table([T.category, T.type, T.lq, T.employment, T.growth, T.strongClusters], rows, { class: 'categories', id: 'category-table' }));
  requestAnimationFrame(() => {
    for (const [el, build] of [[portfolioEl, categoryPortfolio], ...(related ? [[networkEl, categoryNetwork]] : [])] as [HTMLElement, typeof categoryPortfolio][]) {
      try {
        const inst = echarts.init(el, null, { renderer: 'svg' });
        inst.setOption(build(ctx).option);
        registerChart(inst);
        el.setAttribute('data-drawn', 'true');
      } catch (e) {
        el.classList.add('chart-failed');
        el.textContent = `${T.chartFailed}: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  });
}

/** The candidate's categories and related categories (the report's table, as DOM). */
export function candidateCategoriesBlock(c: import('../../src/report/types.js').CandidateReport | undefined, labels: ClientLabels, lang: 'zh' | 'en'): HTMLElement[] {
  if (!c || !c.categories.available) return [];
  const T = labels.ui;
  const d = c.categories.data;
  const type = (x: string): string => (x === 'traded' ? T.traded : T.local);
  return [h('section', { id: 'candidate-categories' },
    h('h3', {}, T.candidateCategories),
    h('p', {}, ...d.own.flatMap((o, k) => [k ? '; ' : '', o.principal ? h('b', {}, `${o.code} ${o.name}`) : `${o.code} ${o.name}`, ` (${type(o.type)}, ${fmt(lang, o.firms, 0)})`]),
      d.uncategorised ? ` · ${T.uncategorised}: ${fmt(lang, d.uncategorised, 0)}` : ''),
    d.related.length
      ? table([T.relatedCategories, T.type, T.relatedTo, T.relatedness, T.employment, T.strongIn],
        d.related.map((r) => [`${r.code} ${r.name}`, type(r.type), r.of, fmt(lang, r.relatedness, 3), fmt(lang, r.employment, 0), r.strongIn.join(', ') || '–']), { class: 'related-categories' })
      : null)];
}
