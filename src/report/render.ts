/**
 * renderReport: ReportData → one self-contained report.html in Chinese or English.
 *
 * The page works offline and fetches nothing: ECharts (node_modules/echarts/dist/echarts.min.js,
 * read at run time) and the chart script are inlined, the data is embedded as JSON, maps are
 * drawn from the embedded region and park polygons (no tiles), fonts are the system's. Tables
 * (evidence, typology, shift-share, inputs) are static HTML; charts are drawn in the page with the
 * SVG renderer, each exportable as SVG or PNG from its toolbox.
 *
 * The page must not attack its reader (docs/report.md, "Security"): every data string is escaped
 * in element content and attributes (`esc`), C0 control characters (terminal escapes) are shown
 * as Control Pictures (ESC → ␛) in the page and in the embedded JSON, the JSON cannot leave its
 * <script type="application/json">, and a Content-Security-Policy runs only the two inline scripts
 * (by their SHA-256, computed here), forbids inline handlers and every fetch, base, form and plugin.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EvidenceRow } from '../diagnose/evidence.js';
import { InternalError } from '../core/errors.js';
import { clientScript } from './client-script.js';
import { BUILTIN_BASE_MAP_CAPTION, CONCEPTS, PARAM_NAMES, PARAM_VALUES, LABEL_COLOURS, LABELS, RADIATION, STAGES, TYPOLOGY_DIMENSIONS, TYPOLOGY_VALUES, clientLabels, ui, type UiKey } from './i18n.js';
import type { Bilingual, CandidateReport, CategoryPortfolioData, Chart, ReportData, ReportLang, ShiftShareRow } from './types.js';

let echartsSource: string | undefined;

/** The ECharts browser bundle, read once from the installed package. */
export function echartsBundle(): string {
  if (echartsSource === undefined) {
    const require = createRequire(import.meta.url);
    echartsSource = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  }
  return echartsSource;
}

/**
 * C0 control characters (but tab, line feed, carriage return) and DEL as their Control Pictures
 * (U+2400 + code, DEL → U+2421): an ESC in a name must not reach a terminal showing the file, nor
 * make an exported SVG malformed XML (XML 1.0 forbids them), and stays visible.
 */
export function visibleControls(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** Text for HTML element content and double-quoted attribute values (every attribute here is). */
const esc = (s: string | number | null | undefined): string =>
  visibleControls(String(s ?? '')).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JSON safe inside <script type="application/json">: no `<` at all (so neither `</script` nor
 * `<!--`), U+2028/2029 escaped, control characters in strings as Control Pictures.
 */
function scriptJson(x: unknown): string {
  return JSON.stringify(x, (_, v: unknown) => (typeof v === 'string' ? visibleControls(v) : v))
    .replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * An inline script and its CSP source ('sha256-…' of the text the browser hashes). The HTML parser
 * would end the element at `</script`, enter its escaped state at `<!--`, and change CR and NUL,
 * which would break the script or its hash: such a script is refused (a bug, not bad input).
 */
function inlineScript(what: string, text: string): { html: string; source: string } {
  const bad = /<\/script|<!--|[\r\0]/i.exec(text);
  if (bad) throw new InternalError(`renderReport: the ${what} contains ${JSON.stringify(bad[0])} at ${bad.index} and cannot be inlined`);
  return { html: `<script>${text}</script>`, source: `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'` };
}

/**
 * The page's Content-Security-Policy (a meta element: frame-ancestors, report-uri and sandbox
 * would be ignored there, so they are not set). Styles need 'unsafe-inline': ECharts writes its
 * tooltips as HTML with style attributes; nothing can be fetched, so styles cannot leak data.
 */
function contentSecurityPolicy(scripts: string[]): string {
  return [
    "default-src 'none'", `script-src ${scripts.join(' ')}`, "script-src-attr 'none'", "style-src 'unsafe-inline'", 'img-src data: blob:',
    "font-src 'none'", "connect-src 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'none'",
  ].join('; ');
}

/** The colour of a verdict label (own entries of the table only; grey for anything else). */
function labelColour(label: string): string {
  return Object.hasOwn(LABEL_COLOURS, label) ? LABEL_COLOURS[label] : '#888';
}

function fmt(x: number | null | undefined, lang: ReportLang, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits });
}

const CSS = `
:root { --ink: #222; --muted: #666; --line: #ddd; --accent: #1b6ca8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif; }
header { padding: 24px 32px 12px; border-bottom: 3px solid var(--accent); }
header h1 { margin: 0 0 4px; font-size: 26px; }
header .sub { color: var(--muted); font-size: 14px; }
nav { padding: 8px 32px; border-bottom: 1px solid var(--line); font-size: 14px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
nav .nav-actions button { font-size: 12px; margin: 0 6px 6px 0; }
main { padding: 0 32px 40px; max-width: 1400px; }
@media screen and (min-width: 1000px) {
  body { padding-left: 264px; }
  nav { position: fixed; top: 0; left: 0; bottom: 0; width: 256px; overflow-y: auto; padding: 14px 12px; border-bottom: none; border-right: 1px solid var(--line); background: #fafbfc; }
  nav a { display: block; margin: 0 0 4px; overflow: hidden; text-overflow: ellipsis; }
  nav a.current { font-weight: 600; }
}
.cand-toggle { margin: 4px 0 8px; font-size: 13px; cursor: pointer; }
.candidate:not(.open) > .cand-body { height: 0; overflow: hidden; }
section { padding-top: 16px; border-bottom: 1px solid var(--line); padding-bottom: 16px; }
h2 { font-size: 21px; margin: 12px 0 8px; }
h3 { font-size: 16px; margin: 16px 0 6px; }
figure { margin: 12px 0; border: 1px solid var(--line); border-radius: 4px; padding: 6px; background: #fff; break-inside: avoid; }
figcaption { font-size: 12px; color: var(--muted); padding: 4px 6px 2px; }
figcaption b { color: var(--ink); font-weight: 600; }
.chart { width: 100%; height: 380px; }
.chart.tall { height: 560px; }
.chart.map { height: 600px; }
.chart.wide { height: 320px; }
.chart.path { height: 520px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 12px; }
.unavailable { padding: 28px 16px; text-align: center; color: #8a5a00; background: #fff8e6; border: 1px dashed #e0b34c; border-radius: 4px; font-size: 14px; }
.chart-failed { padding: 28px 16px; color: #a00; background: #fee; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f6f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #bbb; }
.pass { color: #1b7f3b; font-weight: 600; }
.fail { color: #b3261e; font-weight: 600; }
.na { color: #999; }
.verdict { border-left: 6px solid #888; background: #fafafa; padding: 10px 14px; margin: 8px 0; }
.badge { display: inline-block; color: #fff; border-radius: 3px; padding: 1px 8px; font-size: 13px; font-weight: 600; margin-right: 8px; }
.meta { font-size: 13px; color: var(--muted); margin: 4px 0; }
.sentence { font-size: 15px; margin: 6px 0 0; }
details > summary { cursor: pointer; font-weight: 600; margin: 10px 0 4px; }
ul.warnings { font-size: 13px; color: #8a5a00; }
@media print { nav, .cand-toggle { display: none; } body { padding-left: 0; } .candidate > .cand-body { height: auto; overflow: visible; } .chart { break-inside: avoid; } }
`;

function caption(chart: Chart<unknown>, lang: ReportLang, extra?: string): string {
  if (!chart.available) return '';
  const value = (v: string | number | boolean | null): string => {
    if (typeof v === 'number') return fmt(v, lang, 4);
    if (typeof v === 'boolean') return ui(lang, v ? 'yes' : 'no');
    if (v === null) return '–';
    const firms = /^(\d+) firms$/.exec(v);
    if (firms) return lang === 'zh' ? `${firms[1]} 家企业` : v;
    return PARAM_VALUES[v]?.[lang] ?? v;
  };
  const params = Object.entries(chart.params).map(([k, v]) => `${esc(PARAM_NAMES[k]?.[lang] ?? k)} = ${esc(value(v))}`).join('; ');
  const notes = chart.notes.map((n) => esc(n[lang])).join(' ');
  return `<figcaption>${extra ? `${esc(extra)} ` : ''}<b>${esc(ui(lang, 'source'))}:</b> ${esc(chart.source[lang])}. <b>${esc(ui(lang, 'parameters'))}:</b> ${params}.${notes ? ` ${notes}` : ''}</figcaption>`;
}

function unavailableBlock(id: string, reason: Bilingual, lang: ReportLang, title: string): string {
  return `<figure><div class="unavailable" data-chart-unavailable="${esc(id)}"><b>${esc(title)}</b><br>${esc(ui(lang, 'notAvailable'))}: ${esc(reason[lang])}</div></figure>`;
}

function chartFigure(id: string, kind: string, chart: Chart<unknown>, lang: ReportLang, title: string, opts: { candidate?: number; cls?: string; extraCaption?: string } = {}): string {
  if (!chart.available) return unavailableBlock(id, chart.reason, lang, title);
  const cand = opts.candidate === undefined ? '' : ` data-candidate="${opts.candidate}"`;
  return `<figure><div class="chart${opts.cls ? ` ${opts.cls}` : ''}" id="chart-${esc(id)}" data-chart="${esc(id)}" data-kind="${kind}"${cand} role="img" aria-label="${esc(title)}"></div>${caption(chart, lang, opts.extraCaption)}</figure>`;
}

function cellValue(v: number | boolean | null, lang: ReportLang): string {
  if (v === null) return `<span class="na">${esc(ui(lang, 'notMeasured'))}</span>`;
  if (typeof v === 'boolean') return esc(ui(lang, v ? 'yes' : 'no'));
  return esc(fmt(v, lang, 4));
}

function ruleName(rule: string, lang: ReportLang): string {
  const [head, ...rest] = rule.split('.');
  const h = CONCEPTS[head]?.[lang] ?? head;
  return rest.length ? `${h} · ${rest.join('.')}` : h;
}

function evidenceTable(rows: EvidenceRow[], lang: ReportLang): string {
  const sym: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', is: '=' };
  const head = (['rule', 'indicator', 'value', 'threshold', 'pass'] as UiKey[]).map((k) => `<th${k === 'value' || k === 'threshold' ? ' class="num"' : ''}>${esc(ui(lang, k))}</th>`).join('');
  const body = rows.map((r) => {
    const pass = r.pass === null ? `<span class="na">–</span>` : r.pass ? '<span class="pass">✓</span>' : '<span class="fail">✗</span>';
    const th = r.threshold === null ? '' : `${esc(Object.hasOwn(sym, r.comparison) ? sym[r.comparison] : r.comparison)} ${typeof r.threshold === 'boolean' ? esc(ui(lang, r.threshold ? 'yes' : 'no')) : esc(fmt(r.threshold, lang, 4))}`;
    return `<tr><td>${esc(ruleName(r.rule, lang))}</td><td><code>${esc(r.indicator)}</code>${r.thresholdName ? ` <span class="na">(${esc(r.thresholdName)})</span>` : ''}</td><td class="num">${cellValue(r.value, lang)}</td><td class="num">${th}</td><td>${pass}</td></tr>`;
  }).join('');
  return `<table class="evidence"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function shiftShareTable(c: CandidateReport, lang: ReportLang): string {
  const ss = c.shiftShare;
  const title = `${ui(lang, 'shiftShareTitle')} · ${c.id}`;
  if (!ss.available) return unavailableBlock(`${c.id}-shiftshare`, ss.reason, lang, title);
  const d = ss.data;
  const cols: [UiKey, (r: ShiftShareRow) => number | null][] = [
    ['base', (r) => r.base], ['final', (r) => r.final], ['change', (r) => r.change], ['nationalShare', (r) => r.nationalShare],
    ['industryMix', (r) => r.industryMix], ['regionalShift', (r) => r.regionalShift], ['competitive', (r) => r.competitiveEffect], ['allocation', (r) => r.allocationEffect],
  ];
  const head = `<tr><th>${esc(ui(lang, 'region'))}</th><th>${esc(ui(lang, 'name'))}</th>${cols.map(([k]) => `<th class="num">${esc(ui(lang, k))}${k === 'base' ? ` ${esc(d.baseYear)}` : k === 'final' ? ` ${esc(d.finalYear)}` : ''}</th>`).join('')}</tr>`;
  const row = (r: ShiftShareRow, total = false): string => `<tr${total ? ' class="total"' : ''}><td>${esc(total ? ui(lang, 'total') : r.region)}</td><td>${esc(r.name ?? '')}</td>${cols.map(([, f]) => `<td class="num">${esc(fmt(f(r), lang, 0))}</td>`).join('')}</tr>`;
  const units = lang === 'zh' ? '单位：人' : 'Unit: persons employed';
  return `<figure data-table="${esc(c.id)}-shiftshare"><b>${esc(title)}</b> (${esc(d.baseYear)}–${esc(d.finalYear)})<table><thead>${head}</thead><tbody>${d.rows.map((r) => row(r)).join('')}${row(d.total, true)}</tbody></table>${caption(ss, lang, `${units}. ${lang === 'zh' ? '全国增长率' : 'National growth'} ${fmt(100 * d.nationalGrowth, lang, 1)}%; ${lang === 'zh' ? '行业' : 'industries'} ${d.industries.join(', ')}.`)}</figure>`;
}

function typologyTable(c: CandidateReport, lang: ReportLang): string {
  const t = c.typology.typology as unknown as Record<string, string | null>;
  const rows = Object.keys(TYPOLOGY_DIMENSIONS).map((k) => {
    const v = t[k];
    const evidence = c.typology.rows.filter((r) => r.rule === `typology.${k}`).map((r) => `${esc(r.indicator)} ${cellValue(r.value, lang)}`).join('; ');
    return `<tr><td>${esc(TYPOLOGY_DIMENSIONS[k][lang])}</td><td>${v === null ? `<span class="na">${esc(ui(lang, 'notMeasured'))}</span>` : esc(TYPOLOGY_VALUES[v]?.[lang] ?? v)}</td><td>${evidence}</td></tr>`;
  }).join('');
  return `<figure data-table="${esc(c.id)}-typology"><b>${esc(ui(lang, 'typologyTitle'))} · ${esc(c.id)}</b><table><thead><tr><th>${esc(ui(lang, 'dimension'))}</th><th>${esc(ui(lang, 'type'))}</th><th>${esc(ui(lang, 'evidence'))}</th></tr></thead><tbody>${rows}</tbody></table></figure>`;
}

/** The development path: the timeline chart, its transitions, and the next step's conditions (seed essay 5). */
function pathSection(c: CandidateReport, k: number, lang: ReportLang): string {
  const title = `${ui(lang, 'pathTitle')} · ${c.id}`;
  const chart = chartFigure(`${c.id}-path`, 'path', c.path, lang, title, { candidate: k, cls: 'path' });
  if (!c.path.available) return chart;
  const p = c.path.data;
  const transitions = p.transitions.length ? `<ul class="transitions">${p.transitions.map((t) => `<li>${esc(t.sentence[lang])}</li>`).join('')}</ul>` : '';
  const status = (st: string): string => (st === 'met' ? `<span class="pass">✓ ${esc(ui(lang, 'met'))}</span>` : st === 'unmet' ? `<span class="fail">✗ ${esc(ui(lang, 'unmet'))}</span>` : `<span class="na">${esc(ui(lang, 'notMeasurable'))}</span>`);
  const step = (n: typeof p.nextStep.stage): string => {
    const rows = n.conditions.map((x) => `<tr><td>${esc(x.element[lang])}${x.missingKinds?.length ? `<br><span class="na">${esc(ui(lang, 'missingKinds'))}: ${esc(x.missingKinds.join(', '))}</span>` : ''}${x.targets?.length ? `<br><span class="na">${esc(ui(lang, 'chainTargets'))}: ${x.targets.map((g) => `${esc(ui(lang, g.action === 'fill' ? 'fillStage' : g.action === 'extend' ? 'extendStage' : 'strengthenStage'))} ${esc(g.name ?? g.stage)}`).join('; ')}</span>` : ''}</td><td><code>${esc(x.proxy)}</code></td><td class="num">${x.value === null ? '–' : esc(fmt(x.value, lang, 3))}</td><td class="num">${x.threshold === null ? '–' : `${x.comparison === '>=' ? '≥' : '='} ${esc(fmt(x.threshold, lang, 3))}`}</td><td class="num">${x.gap === null ? '–' : esc(fmt(x.gap, lang, 3))}</td><td>${status(x.status)}</td></tr>`).join('');
    const head = (['condition', 'proxy', 'value', 'threshold', 'gap', 'status'] as UiKey[]).map((key) => `<th${key === 'value' || key === 'threshold' || key === 'gap' ? ' class="num"' : ''}>${esc(ui(lang, key))}</th>`).join('');
    return `<p class="sentence">${esc(n.sentence[lang])}</p>${rows ? `<table class="evidence"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>` : ''}`;
  };
  return `${chart}${transitions}<figure data-table="${esc(c.id)}-next-step"><b>${esc(ui(lang, 'nextStepTitle'))} · ${esc(c.id)}</b>${step(p.nextStep.stage)}${step(p.nextStep.radiation)}</figure>`;
}

/** Strong clusters of the first regions of the category portfolio, as a static table (the charts show one region at a time). */
function strongClustersTable(d: CategoryPortfolioData, lang: ReportLang): string {
  const rows = d.regions.filter((r) => r.strong > 0).slice(0, 20).map((r) => {
    const list = r.cells.filter((c) => c[4] !== null && c[4] >= 1).sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0))
      .map((c) => `${esc(d.categories[c[0]].name)} <span class="na">(LQ ${esc(fmt(c[1], lang, 2))}${c[4] === 2 ? ` · ${esc(ui(lang, 'strong10'))}` : ''})</span>`).join('; ');
    return `<tr><td>${esc(r.code)}</td><td>${esc(r.name ?? '')}</td><td class="num">${esc(r.strong)}</td><td>${list}</td></tr>`;
  });
  if (!rows.length) return `<p class="na">${esc(ui(lang, 'strongClusters'))}: ${esc(ui(lang, 'none'))}</p>`;
  return `<figure data-table="strong-clusters"><b>${esc(ui(lang, 'strongClusters'))}</b><table><thead><tr><th>${esc(ui(lang, 'region'))}</th><th>${esc(ui(lang, 'name'))}</th><th class="num">${esc(ui(lang, 'strongClusters'))}</th><th>${esc(ui(lang, 'category'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table></figure>`;
}

/** The report's category section: a region chooser, the portfolio and related-categories charts of that region, the strong clusters. */
function categoriesSection(data: ReportData, lang: ReportLang): string {
  const ch = data.categories;
  const title = ui(lang, 'categories');
  if (!ch.available) return chartFigure('categories', 'categories', ch, lang, title);
  const d = ch.data;
  const options = d.regions.map((r, k) => `<option value="${esc(r.code)}"${k === 0 ? ' selected' : ''}>${esc(r.code)}${r.name ? ` ${esc(r.name)}` : ''} · ${esc(ui(lang, 'strongClusters'))} ${esc(r.strong)}</option>`).join('');
  const chooser = `<p><label>${esc(ui(lang, 'categoryRegion'))} <select id="category-region" aria-controls="chart-categories chart-category-network">${options}</select></label> <span class="na">${esc(d.regions.length)} / ${esc(d.totalRegions)} ${esc(ui(lang, 'regionsShown'))}</span></p>`;
  const related = d.categories.some((c) => c.related.length > 0);
  const network = related
    ? chartFigure('category-network', 'category-network', { available: true, data: null, params: { layout: 'circle, breadth-first' }, source: { en: `relatedness; categories ${d.source}`, zh: `相关性；类别 ${d.source}` }, notes: [] }, lang, ui(lang, 'categoryNetwork'), { cls: 'tall', extraCaption: ui(lang, 'categoryNetworkCaption') })
    : unavailableBlock('category-network', { en: 'the project gives no relatedness between categories (categories.related)', zh: '项目未给出类别之间的相关性（categories.related）' }, lang, ui(lang, 'categoryNetwork'));
  return `${chooser}${chartFigure('categories', 'categories', ch, lang, title, { extraCaption: ui(lang, 'categoriesCaption') })}${network}${strongClustersTable(d, lang)}`;
}

/** A candidate's cluster categories and the related categories in its regions. */
function candidateCategoriesTable(c: CandidateReport, lang: ReportLang): string {
  const ch = c.categories;
  if (!ch.available) return '';
  const d = ch.data;
  const type = (t: string): string => esc(ui(lang, t === 'traded' ? 'traded' : 'local'));
  const own = d.own.map((o) => `${o.principal ? `<b>${esc(o.code)} ${esc(o.name)}</b>` : `${esc(o.code)} ${esc(o.name)}`} <span class="na">(${type(o.type)}, ${esc(fmt(o.firms, lang, 0))} ${esc(ui(lang, 'firmsUnit'))})</span>`).join('; ');
  const rows = d.related.map((r) => `<tr><td>${esc(r.code)} ${esc(r.name)}</td><td>${type(r.type)}</td><td>${esc(r.of)}</td><td class="num">${esc(fmt(r.relatedness, lang, 3))}</td><td class="num">${esc(fmt(r.employment, lang, 0))}</td><td>${r.strongIn.length ? esc(r.strongIn.join(', ')) : '–'}</td></tr>`).join('');
  const table = rows
    ? `<table><thead><tr><th>${esc(ui(lang, 'relatedCategories'))}</th><th>${esc(ui(lang, 'type'))}</th><th>${esc(ui(lang, 'relatedTo'))}</th><th class="num">${esc(ui(lang, 'relatedness'))}</th><th class="num">${esc(ui(lang, 'employment'))}</th><th>${esc(ui(lang, 'strongIn'))}</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return `<figure data-table="${esc(c.id)}-categories"><b>${esc(ui(lang, 'candidateCategories'))} · ${esc(c.id)}</b><p>${own}${d.uncategorised ? ` · ${esc(ui(lang, 'uncategorised'))}: ${esc(fmt(d.uncategorised, lang, 0))}` : ''}</p>${table}${caption(ch, lang)}</figure>`;
}

function candidateSection(c: CandidateReport, k: number, lang: ReportLang, data: ReportData): string {
  const v = c.verdict;
  const colour = labelColour(v.label);
  const holds = Object.entries(v.concepts).filter(([, h]) => h).map(([name]) => CONCEPTS[name][lang]);
  const place = [
    `${ui(lang, 'regions')}: ${c.place.regions.slice(0, 12).join(', ')}${c.place.regions.length > 12 ? ` … (${c.place.regions.length})` : ''}`,
    c.place.park ? `${ui(lang, 'park')}: ${c.place.park}` : '',
  ].filter(Boolean).join('; ');
  const p = data.parameters;
  return `<section id="cand-${esc(c.id)}" class="candidate" data-candidate-id="${esc(c.id)}">
<h2>${esc(c.id)} · ${esc(c.name[lang])}</h2>
<div class="verdict" style="border-left-color:${colour}">
<span class="badge" style="background:${colour}">${esc(LABELS[v.label]?.[lang] ?? v.label)}</span>
<span>${esc(ui(lang, 'stage'))}: <b>${esc(v.stage ? STAGES[v.stage][lang] : ui(lang, 'notApplicable'))}</b></span> ·
<span>${esc(ui(lang, 'radiation'))}: <b>${esc(v.radiation ? RADIATION[v.radiation][lang] : ui(lang, 'none'))}</b></span> ·
<span>${esc(ui(lang, 'concepts'))}: ${esc(holds.length ? holds.join(lang === 'zh' ? '、' : ', ') : ui(lang, 'none'))}</span>
<p class="sentence">${esc(v.sentence[lang])}</p>
</div>
<p class="meta"><b>${esc(ui(lang, 'industries'))}:</b> ${c.industries.map((i) => `${esc(i.code)} ${esc(i.name[lang])}`).join('; ')} · <b>${esc(ui(lang, 'place'))}:</b> ${esc(place)} · <b>${esc(ui(lang, 'firms'))}:</b> ${esc(fmt(c.firms, lang, 0))} · <b>${esc(ui(lang, 'employment'))}:</b> ${esc(fmt(c.employment, lang, 0))}</p>
<p class="meta"><b>${esc(ui(lang, 'role'))}:</b> ${c.role.pillar ? `<b>${esc(ui(lang, 'pillar'))}</b>. ` : ''}${esc(c.role.sentence[lang])}</p>
<button type="button" class="cand-toggle" aria-expanded="false" aria-controls="cand-body-${esc(c.id)}" data-show="${esc(ui(lang, 'showDetails'))}" data-hide="${esc(ui(lang, 'hideDetails'))}">${esc(ui(lang, 'showDetails'))}</button>
<div class="cand-body" id="cand-body-${esc(c.id)}">
${chartFigure(`${c.id}-map`, 'map', c.map, lang, `${ui(lang, 'mapTitle')} · ${c.id}`, { candidate: k, cls: 'map', extraCaption: lang === 'zh' ? `左：区位商分级（浅灰：无企业）；右：区位商的 LISA 聚类（p ≤ ${p.alpha}）；点：企业（大小按从业人员），菱形：龙头企业；红线：候选范围；绿色虚线：园区。` : `Left: LQ classes (light grey: no firms); right: LISA clusters of the LQ (p ≤ ${p.alpha}); dots: firms (size by employees), diamonds: leader firms; red outline: candidate hull; green dashes: parks.` })}
<div class="grid">
${chartFigure(`${c.id}-lorenz`, 'lorenz', c.lorenz, lang, `${ui(lang, 'lorenzTitle')} · ${c.id}`, { candidate: k })}
${chartFigure(`${c.id}-kdensity`, 'kdensity', c.kDensity, lang, `${ui(lang, 'kdTitle')} · ${c.id}`, { candidate: k, extraCaption: lang === 'zh' ? '红线：候选企业的 K 密度；蓝带：随机布点下的全局置信带（Duranton–Overman 2005）；虚线：逐点置信带。' : 'Red: the K-density of the candidate\'s firms; blue band: global confidence band under random location (Duranton–Overman 2005); dashed: pointwise band.' })}
${chartFigure(`${c.id}-radar`, 'radar', { available: true, data: c.radar, params: { scale: '0–1' }, source: { en: 'diagnosis (characteristic scores)', zh: '诊断（特征得分）' }, notes: [] }, lang, `${ui(lang, 'radarTitle')} · ${c.id}`, { candidate: k })}
</div>
${chartFigure(`${c.id}-chain`, 'chain', c.chain, lang, `${ui(lang, 'chainTitle')} · ${c.id}`, { candidate: k, cls: 'wide', extraCaption: lang === 'zh' ? '上排：纵向环节（按顺序）；下排：横向配套。绿色：具备；黄色：薄弱（企业过少）；红色虚框：缺失（补链目标）；箭头上的数字：相邻环节间联系的本地占比（虚线：无联系）。' : 'Top row: vertical stages in order; bottom row: support stages. Green: present; amber: weak (few firms); red dashed: missing (the gap to fill); numbers on arrows: local share of the links between consecutive stages (dashed: no links).' })}
${chartFigure(`${c.id}-network`, 'network', c.network, lang, `${ui(lang, 'networkTitle')} · ${c.id}`, { candidate: k, cls: 'tall', extraCaption: lang === 'zh' ? '颜色：Louvain 社群；三角形：机构；黑框菱形并标名：龙头企业（加权度最大）。' : 'Colour: Louvain community; triangles: institutions; outlined, labelled diamonds: leader firms (largest weighted degree).' })}
${candidateCategoriesTable(c, lang)}
${pathSection(c, k, lang)}
${typologyTable(c, lang)}
${shiftShareTable(c, lang)}
<details open><summary>${esc(ui(lang, 'evidence'))} · ${esc(c.id)} (${esc(c.evidence.length)})</summary>${evidenceTable(c.evidence, lang)}${c.role.rows.length ? `<h3>${esc(ui(lang, 'role'))}</h3>${evidenceTable(c.role.rows, lang)}` : ''}</details>
</div>
</section>`;
}

/** One self-contained HTML page for `data` in `lang`. */
export function renderReport(data: ReportData, lang: ReportLang): string {
  if (lang !== 'zh' && lang !== 'en') throw new RangeError(`renderReport: lang must be 'zh' or 'en', got ${String(lang)}`);
  const title = data.title[lang];
  const p = data.parameters;
  const overviewChart: Chart<unknown> = data.regions
    ? { available: true, data: null, params: { candidates: data.overview.candidates.length }, source: { en: 'diagnosis; region polygons', zh: '诊断结果；地区边界' }, notes: [{ en: ui('en', 'overviewCaption'), zh: ui('zh', 'overviewCaption') }, ...(data.regions.features.some((f) => f.properties.boundarySource) ? [{ en: BUILTIN_BASE_MAP_CAPTION.en, zh: BUILTIN_BASE_MAP_CAPTION.zh }] : [])] }
    : { available: false, reason: { en: 'the workspace has no region polygons', zh: '工作区没有地区边界' } };
  const table = data.candidates.length
    ? `<table><thead><tr><th>${esc(ui(lang, 'id'))}</th><th>${esc(ui(lang, 'name'))}</th><th>${esc(ui(lang, 'label'))}</th><th>${esc(ui(lang, 'stage'))}</th><th>${esc(ui(lang, 'radiation'))}</th><th class="num">${esc(ui(lang, 'firmsCount'))}</th><th class="num">${esc(ui(lang, 'employment'))}</th></tr></thead><tbody>${data.candidates.map((c) => `<tr><td><a href="#cand-${esc(c.id)}">${esc(c.id)}</a></td><td>${esc(c.name[lang])}</td><td><span class="badge" style="background:${labelColour(c.verdict.label)}">${esc(LABELS[c.verdict.label]?.[lang] ?? c.verdict.label)}</span></td><td>${esc(c.verdict.stage ? STAGES[c.verdict.stage][lang] : '–')}</td><td>${esc(c.verdict.radiation ? RADIATION[c.verdict.radiation][lang] : '–')}</td><td class="num">${esc(fmt(c.firms, lang, 0))}</td><td class="num">${esc(fmt(c.employment, lang, 0))}</td></tr>`).join('')}</tbody></table>`
    : `<p>${esc(ui(lang, 'noCandidates'))}</p>`;
  // the side table of contents: sections, then each candidate (full name on hover), with expand/collapse-all
  const nav = [
    data.candidates.length ? `<div class="nav-actions"><button type="button" data-expand="all">${esc(ui(lang, 'expandAll'))}</button><button type="button" data-expand="none">${esc(ui(lang, 'collapseAll'))}</button></div>` : '',
    `<a href="#overview">${esc(ui(lang, 'overview'))}</a>`, `<a href="#portfolio">${esc(ui(lang, 'portfolio'))}</a>`, `<a href="#categories">${esc(ui(lang, 'categories'))}</a>`,
    ...data.candidates.map((c) => `<a href="#cand-${esc(c.id)}" title="${esc(c.id)} ${esc(c.name[lang])}">${esc(c.id)} ${esc(c.name[lang])}</a>`), `<a href="#inputs">${esc(ui(lang, 'inputs'))}</a>`,
  ].join('');
  const inputs = data.inputs.length
    ? `<table><thead><tr><th>${esc(ui(lang, 'type'))}</th><th>${esc(ui(lang, 'file'))}</th><th>sha256</th></tr></thead><tbody>${data.inputs.map((i) => `<tr><td>${esc(i.kind)}</td><td>${esc(i.file)}</td><td><code>${esc(i.sha256.slice(0, 16))}…</code></td></tr>`).join('')}</tbody></table>`
    : '';
  const warnings = data.warnings.length ? `<h3>${esc(ui(lang, 'warnings'))}</h3><ul class="warnings">${data.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
  const w = PARAM_VALUES[p.weights]?.[lang] ?? p.weights;
  const scripts = [inlineScript('ECharts bundle', echartsBundle()), inlineScript('chart script', clientScript())];
  const params = lang === 'zh'
    ? `随机种子 ${data.seed} · LISA：${w}，${p.permutations} 次置换 · K 密度：${p.simulations} 次模拟，距离 ≤ ${p.kdRmaxKm} 千米 · α = ${p.alpha} · 产业链半径 ${p.chainRadiusKm} 千米`
    : `seed ${data.seed} · LISA: ${w}, ${p.permutations} permutations · K-density: ${p.simulations} simulations, r ≤ ${p.kdRmaxKm} km · α = ${p.alpha} · chain radius ${p.chainRadiusKm} km`;
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}" data-lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(scripts.map((x) => x.source))}">
<meta name="generator" content="cluster-atlas ${esc(data.generator.version)}">
<title>${esc(title)} · ${esc(ui(lang, 'reportSubtitle'))}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><div class="sub">${esc(ui(lang, 'reportSubtitle'))} · ${esc(ui(lang, 'generated'))} ${esc(data.generatedAt)} · cluster-atlas ${esc(data.generator.version)} · ${esc(params)}</div></header>
<nav aria-label="${esc(ui(lang, 'contents'))}">${nav}</nav>
<main>
<section id="overview"><h2>${esc(ui(lang, 'overview'))}</h2>
${chartFigure('overview-map', 'overview', overviewChart, lang, ui(lang, 'overviewMap'), { cls: 'map' })}
${table}
</section>
<section id="portfolio"><h2>${esc(ui(lang, 'portfolio'))}</h2>
${chartFigure('portfolio', 'portfolio', data.portfolio, lang, ui(lang, 'portfolio'), { extraCaption: ui(lang, 'portfolioCaption') })}
</section>
<section id="categories"><h2>${esc(ui(lang, 'categories'))}</h2>
${categoriesSection(data, lang)}
</section>
${data.candidates.map((c, k) => candidateSection(c, k, lang, data)).join('\n')}
<section id="inputs"><h2>${esc(ui(lang, 'inputs'))}</h2>${inputs}${warnings}</section>
</main>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script type="application/json" id="report-labels">${scriptJson(clientLabels(lang))}</script>
${scripts.map((x) => x.html).join('\n')}
</body>
</html>
`;
}
