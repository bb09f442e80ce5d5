/**
 * What every pure option builder of the report's charts takes: the embedded ReportData, the label
 * table of the page's language, number formatting in that language, and the page's font. No DOM
 * here: the builders (ReportData part → ECharts option object) run the same in the page and in
 * the snapshot tests (test/report-options.test.ts).
 */
import type { ClientLabels } from '../i18n.js';
import type { AreaCollection, Bilingual, Chart, ReportData, ReportLang } from '../types.js';

/** An ECharts option object (the subset the report builds; ECharts checks it when drawing). */
export type Option = Record<string, unknown>;

/** A GeoJSON map the chart needs registered (echarts.registerMap) before its option is set. */
export interface MapRegistration { name: string; geoJson: AreaCollection }

/** A built chart: its option and the maps to register first. */
export interface Built { option: Option; maps: MapRegistration[] }

export interface BuildContext {
  data: ReportData;
  labels: ClientLabels;
  lang: ReportLang;
  /** Font family of the page (the text style of every chart). */
  font: string;
  /** The region of the category charts (default: the first of the category portfolio, the one with the most strong clusters). */
  categoryRegion?: string;
}

/** A number in the page's language ('–' when not finite), at most `digits` decimals (default 2). */
export function fmt(ctx: BuildContext, x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Number(x).toLocaleString(ctx.lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });
}

/** A fraction as a percentage with one decimal. */
export function pct(ctx: BuildContext, x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : `${fmt(ctx, 100 * x, 1)}%`;
}

export function text(ctx: BuildContext, t: Bilingual | null | undefined): string {
  return t ? t[ctx.lang] : '';
}

/** HTML-escaped text (tooltips are HTML in ECharts). */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A tooltip: each line escaped, joined by <br>. */
export function tip(...lines: string[]): string {
  return lines.map(esc).join('<br>');
}

/** The data of an available chart; a builder is only called for those (the page draws the rest as "not available"). */
export function dataOf<T>(chart: Chart<T>, what: string): T {
  if (!chart.available) throw new Error(`${what}: the chart is not available`);
  return chart.data;
}

/** The options every chart shares: no animation, the page's font, a centred title and subtitle, a confined tooltip. */
export function base(ctx: BuildContext, title: string, subtext = ''): Option {
  return {
    animation: false,
    textStyle: { fontFamily: ctx.font },
    title: { text: title, subtext, left: 'center', top: 4, textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 12, color: '#555' } },
    tooltip: { confine: true },
  };
}
