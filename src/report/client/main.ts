/**
 * The chart script of report.html (bundled by esbuild into one IIFE and inlined after ECharts;
 * see docs/report.md). It reads the embedded ReportData (`#report-data`) and the label table of
 * the page's language (`#report-labels`), builds each `.chart` container's option with the pure
 * builders of this folder and draws it with the SVG renderer, with a toolbox to save it as SVG
 * (the rendered SVG) or PNG (re-rendered on a canvas at 2× pixel ratio). Charts in view are drawn
 * first, the rest one per task; `data-ready="true"` on <html> once all are drawn.
 * `window.clusterAtlasReport` exposes the charts, their draw times and the two exports (used by
 * the browser test). No network access: maps are GeoJSON from the data, no tiles, no fonts.
 * Navigation: the side table of contents, candidates collapsed to their headline until opened.
 */
import type { ClientLabels } from '../i18n.js';
import type { ReportData } from '../types.js';
import { buildChart } from './builders.js';
import type { BuildContext, Option } from './context.js';

/** The part of the ECharts API (the global of echarts.min.js) used here. */
interface EChartsInstance {
  setOption(option: Option): void;
  renderToSVGString(): string;
  getWidth(): number;
  getHeight(): number;
  getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string;
  dispose(): void;
  resize(): void;
}
interface ECharts {
  init(el: HTMLElement, theme: null, opts: { renderer: 'svg' | 'canvas'; width?: number; height?: number }): EChartsInstance;
  registerMap(name: string, geoJson: object): void;
}
declare const echarts: ECharts;

export interface ReportApi {
  charts: Record<string, EChartsInstance>;
  timings: Record<string, number>;
  exportSvg(id: string): string;
  exportPng(id: string): string;
  ready: boolean;
}
declare global {
  interface Window { clusterAtlasReport: ReportApi }
}

const ICON_SVG = 'path://M3 2h11l5 5v15H3z M6 11h10 M6 15h10 M6 19h6';
const ICON_PNG = 'path://M2 4h20v16H2z M2 17l6-6 5 5 3-3 6 6 M16 9a1.5 1.5 0 1 0 0.1 0';

function json<T>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`cluster-atlas report: #${id} is missing`);
  return JSON.parse(el.textContent ?? '') as T;
}

const labels = json<ClientLabels>('report-labels');
const ctx: BuildContext = {
  data: json<ReportData>('report-data'),
  labels,
  lang: document.documentElement.getAttribute('data-lang') === 'zh' ? 'zh' : 'en',
  // single quotes: ECharts writes the font into style attributes of the exported SVG unescaped,
  // and the double quotes of the computed family names would end those attributes (malformed XML)
  font: window.getComputedStyle(document.body).fontFamily.replace(/"/g, "'"),
};
const T = labels.ui;
const charts: Record<string, EChartsInstance> = {};
const options: Record<string, Option> = {};
const timings: Record<string, number> = {};

function download(filename: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function exportSvg(id: string): string {
  return charts[id].renderToSVGString();
}

function exportPng(id: string): string {
  const src = charts[id];
  const w = src.getWidth(), h = src.getHeight();
  const holder = document.createElement('div');
  holder.style.cssText = `position:absolute;left:-20000px;top:0;width:${w}px;height:${h}px`;
  document.body.appendChild(holder);
  const c = echarts.init(holder, null, { renderer: 'canvas', width: w, height: h });
  try {
    c.setOption(options[id]);
    return c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  } finally {
    c.dispose();
    holder.remove();
  }
}

function toolbox(id: string): Option {
  return {
    right: 6, top: 2, itemSize: 14,
    feature: {
      mySaveSvg: {
        show: true, title: T.saveSvg, icon: ICON_SVG,
        onclick: () => {
          const url = URL.createObjectURL(new Blob([exportSvg(id)], { type: 'image/svg+xml' }));
          download(`${id}.svg`, url);
          setTimeout(() => URL.revokeObjectURL(url), 1000);
        },
      },
      mySavePng: { show: true, title: T.savePng, icon: ICON_PNG, onclick: () => download(`${id}.png`, exportPng(id)) },
    },
  };
}

function draw(el: HTMLElement): void {
  const id = el.getAttribute('data-chart') ?? '';
  const kind = el.getAttribute('data-kind') ?? '';
  const k = el.getAttribute('data-candidate');
  const t0 = performance.now();
  try {
    const built = buildChart(ctx, kind, k === null ? null : Number(k), el.clientWidth || 720);
    for (const m of built.maps) echarts.registerMap(m.name, m.geoJson);
    const option = { ...built.option, toolbox: toolbox(id) };
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts[id] = chart;
    options[id] = option;
    timings[id] = Math.round(performance.now() - t0);
  } catch (e) {
    el.classList.add('chart-failed');
    el.textContent = `${T.chartFailed}: ${e instanceof Error ? e.message : String(e)}`;
    console.error(`cluster-atlas report: chart ${id} failed`, e);
  }
}

// Draw the charts in view first, then the others one per task, so the page stays responsive;
// printing draws the rest at once.
const viewH = window.innerHeight || 1000;
const inView = (el: Element): number => (el.getBoundingClientRect().top < viewH ? 0 : 1);
const queue = Array.from(document.querySelectorAll<HTMLElement>('.chart[data-chart]')).sort((a, bb) => inView(a) - inView(bb));
const api: ReportApi = { charts, timings, exportSvg, exportPng, ready: false };
window.clusterAtlasReport = api;

function next(): void {
  const el = queue.shift();
  if (!el) {
    api.ready = true;
    document.documentElement.setAttribute('data-ready', 'true');
    return;
  }
  draw(el);
  setTimeout(next, 0);
}
window.addEventListener('beforeprint', () => { for (let el = queue.shift(); el; el = queue.shift()) draw(el); });

// Candidates start collapsed with their headline visible (their charts are drawn all the same:
// a collapsed body keeps its width); a toggle, "expand/collapse all" in the side contents and a
// link to #cand-… open them; the contents entry of the section in view is marked.
function setOpen(section: Element, open: boolean): void {
  section.classList.toggle('open', open);
  const b = section.querySelector(':scope > .cand-toggle');
  if (b) {
    b.setAttribute('aria-expanded', String(open));
    b.textContent = b.getAttribute(open ? 'data-hide' : 'data-show') ?? '';
  }
  if (open) for (const el of Array.from(section.querySelectorAll('.chart[data-chart]'))) charts[el.getAttribute('data-chart') ?? '']?.resize();
}
document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  const toggle = target?.closest('.cand-toggle');
  const section = toggle?.closest('.candidate');
  if (section) { setOpen(section, !section.classList.contains('open')); return; }
  const all = target?.closest('[data-expand]');
  if (all) for (const s of Array.from(document.querySelectorAll('.candidate'))) setOpen(s, all.getAttribute('data-expand') === 'all');
});
function openFromHash(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id ? document.getElementById(id) : null;
  const section = el?.closest('.candidate');
  if (section && el) {
    setOpen(section, true);
    el.scrollIntoView();
  }
}
window.addEventListener('hashchange', openFromHash);
openFromHash();
if ('IntersectionObserver' in window) {
  const links = new Map(Array.from(document.querySelectorAll('nav a[href^="#"]')).map((a) => [a.getAttribute('href')?.slice(1) ?? '', a]));
  const seen = new IntersectionObserver((entries) => {
    for (const en of entries) if (en.isIntersecting) for (const [id, a] of links) a.classList.toggle('current', id === en.target.id);
  }, { rootMargin: '0px 0px -70% 0px' });
  for (const id of links.keys()) { const el = document.getElementById(id); if (el) seen.observe(el); }
}
// the category charts follow the region chooser (redrawn in place; the CSP forbids inline handlers)
document.getElementById('category-region')?.addEventListener('change', (e) => {
  ctx.categoryRegion = (e.target as HTMLSelectElement).value;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.chart[data-kind="categories"], .chart[data-kind="category-network"]'))) {
    const id = el.getAttribute('data-chart') ?? '';
    if (!charts[id]) continue; // not drawn yet: the queue draws it with the new region
    charts[id].dispose();
    delete charts[id];
    draw(el);
  }
});
window.addEventListener('resize', () => { for (const chart of Object.values(charts)) chart.resize(); });
next();
