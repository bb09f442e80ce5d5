/**
 * The overview (MapLibre map: regions coloured by the LQ or LISA class of the chosen
 * candidate's industry, parks, candidate footprints and centres; beside it the candidate list
 * with label, stage, typology and size, filtered and sorted) and the candidate page (the
 * report's headline, charts and evidence for one candidate).
 */
import { get, P } from './api.js';
import { setBaseMapCaption } from './caption.js';
import { candidateCategoriesBlock } from './categories-page.js';
import { candidateCharts } from './charts.js';
import { clear, fmt, h, table } from './dom.js';
import { t, type Lang } from './i18n.js';
import type { Page } from './main.js';
import { bounds, createMap, LISA_FILL, LQ_FILL, webglAvailable, type FC } from './map.js';

interface Cand {
  id: string; name: { zh: string; en: string }; firms: number; employment: number;
  verdict: { label: string; stage: string | null; sentence: { zh: string; en: string } };
  typology: Record<string, string | null>;
  evidence: { rule: string; indicator: string; value: unknown; comparison: string; threshold: unknown; thresholdName?: string; pass: boolean | null }[];
}
interface Labels { labels: Record<string, string>; stages: Record<string, string>; labelColours: Record<string, string>; ui: Record<string, string>; typology?: Record<string, string> }

export async function results(project: string): Promise<{ candidates: Cand[] } | null> {
  try {
    return await get<{ candidates: Cand[] }>(`${P(project)}/results`);
  } catch {
    return null;
  }
}

/** The candidate's typology values in the page's language (the report's TYPOLOGY_VALUES, served with its labels). */
const typology = (c: Cand, names: Record<string, string> = {}): string => Object.values(c.typology).filter((v): v is string => !!v).map((v) => names[v] ?? v).join(' · ');

export async function overviewPage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang = state.lang;
  const project = state.project!;
  const r = await results(project);
  if (!r) { root.append(h('p', { id: 'no-results' }, t(lang, 'noResults'))); return; }
  const { labels } = await get<{ labels: Labels }>(`${P(project)}/report-data?lang=${lang}`);
  const selected = r.candidates.find((c) => c.id === state.candidate) ?? r.candidates[0];
  const mapEl = h('div', { id: 'map', class: 'map' });
  const caption = h('p', { class: 'hint', id: 'map-caption', 'data-caption': 'builtin-basemap', hidden: true });
  const list = h('div', { id: 'candidate-list' });
  const filter = h('input', { id: 'filter', placeholder: t(lang, 'filter') });
  const sort = h('select', { id: 'sort' }, ...(['employment', 'firms', 'label', 'name'] as const).map((k) => h('option', { value: k }, t(lang, k))));
  const layer = h('select', { id: 'layer', onchange: (e) => page.go({ layer: (e.target as HTMLSelectElement).value as 'lq' | 'lisa' }) },
    h('option', { value: 'lq', ...(state.layer === 'lq' ? { selected: true } : {}) }, t(lang, 'lq')),
    h('option', { value: 'lisa', ...(state.layer === 'lisa' ? { selected: true } : {}) }, t(lang, 'lisa')));
  const drawList = (): void => {
    clear(list);
    const q = filter.value.trim().toLowerCase();
    const key = sort.value;
    const rows = r.candidates
      .filter((c) => !q || `${c.id} ${c.name[lang]} ${labels.labels[c.verdict.label] ?? c.verdict.label} ${typology(c, labels.typology)}`.toLowerCase().includes(q))
      .sort((a, b) => key === 'employment' ? b.employment - a.employment : key === 'firms' ? b.firms - a.firms : key === 'label' ? a.verdict.label.localeCompare(b.verdict.label) : a.name[lang].localeCompare(b.name[lang]));
    list.append(table([t(lang, 'name'), t(lang, 'label'), t(lang, 'stage'), t(lang, 'typology'), t(lang, 'firms'), t(lang, 'employment')], rows.map((c) => [
      h('a', { href: '#', 'data-candidate': c.id, title: `${c.id} ${c.name[lang]}`, class: c.id === selected.id ? 'active' : '', onclick: (e) => { e.preventDefault(); page.go({ view: 'candidate', candidate: c.id }); } }, `${c.id} ${c.name[lang]}`),
      h('span', { class: 'badge', style: `border-color:${labels.labelColours[c.verdict.label] ?? '#888'}` }, labels.labels[c.verdict.label] ?? c.verdict.label),
      c.verdict.stage ? labels.stages[c.verdict.stage] ?? c.verdict.stage : '–', typology(c, labels.typology), fmt(lang, c.firms, 0), fmt(lang, c.employment, 0),
    ]), { class: 'candidates' }));
  };
  filter.addEventListener('input', drawList);
  sort.addEventListener('change', drawList);
  root.append(h('div', { class: 'overview' },
    h('div', { class: 'map-col' }, h('label', {}, `${t(lang, 'layer')} `, layer), ` (${selected.id} ${selected.name[lang]})`, mapEl, caption),
    h('div', { class: 'list-col' }, h('h2', {}, t(lang, 'candidates')), filter, ' ', h('label', {}, `${t(lang, 'sort')} `, sort), list)));
  drawList();
  if (!webglAvailable()) { mapEl.append(h('p', { class: 'warning' }, t(lang, 'noWebgl'))); return; }
  const [regions, parks, hulls, centres] = await Promise.all(
    [`regions-${selected.id}`, 'parks', 'candidate-hulls', 'candidates'].map((l) => get<FC>(`${P(project)}/layers/${encodeURIComponent(l)}`).catch(() => ({ type: 'FeatureCollection', features: [] }) as FC)));
  setBaseMapCaption(caption, regions, t(lang, 'builtinBaseMap'));
  const m = createMap(mapEl);
  await m.ready;
  m.set('regions', regions, [
    { id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': state.layer === 'lisa' ? LISA_FILL : LQ_FILL, 'fill-opacity': 0.85 } },
    { id: 'regions-line', type: 'line', source: 'regions', paint: { 'line-color': '#ffffff', 'line-width': 0.4 } },
  ]);
  m.set('parks', parks, [{ id: 'parks-line', type: 'line', source: 'parks', paint: { 'line-color': '#6a3d9a', 'line-width': 1.5, 'line-dasharray': [2, 1] } }]);
  m.set('hulls', hulls, [{ id: 'hulls-fill', type: 'fill', source: 'hulls', paint: { 'fill-color': '#e6550d', 'fill-opacity': 0.25, 'fill-outline-color': '#a63603' } }]);
  m.set('centres', centres, [{ id: 'centres', type: 'circle', source: 'centres', paint: { 'circle-radius': 5, 'circle-color': ['match', ['get', 'id'], selected.id, '#d62728', '#333333'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } }]);
  const nameKey = lang === 'zh' ? 'name_zh' : 'name_en';
  m.hover('regions-fill', (p) => `${String(p.name ?? p.code ?? '')} · LQ ${fmt(lang, p.lq as number)} · ${String(p.lisa ?? '')}`);
  m.hover('centres', (p) => `${String(p.id)} ${String(p[nameKey] ?? '')}`);
  m.click('centres', (p) => page.go({ view: 'candidate', candidate: String(p.id) }));
  m.fit(bounds(hulls.features.length ? hulls : regions, centres));
  await m.drawn(); // ready when drawn, not when merely set: a screenshot or a user sees the layers
  mapEl.setAttribute('data-map-ready', 'true');
}

export async function candidatePage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang: Lang = state.lang;
  const project = state.project!;
  const r = await results(project);
  if (!r) { root.append(h('p', { id: 'no-results' }, t(lang, 'noResults'))); return; }
  const c = r.candidates.find((x) => x.id === state.candidate);
  if (!c) { root.append(h('p', {}, t(lang, 'chooseCandidate'))); return; }
  const rd = await get<{ data: import('../../src/report/types.js').ReportData; labels: import('../../src/report/i18n.js').ClientLabels }>(`${P(project)}/report-data?lang=${lang}`);
  const index = rd.data.candidates.findIndex((x) => x.id === c.id);
  root.append(h('article', { id: 'candidate', 'data-candidate': c.id },
    h('h2', {}, `${c.id} ${c.name[lang]}`),
    h('p', { class: 'headline' }, h('span', { class: 'badge', style: `border-color:${rd.labels.labelColours[c.verdict.label] ?? '#888'}` }, rd.labels.labels[c.verdict.label] ?? c.verdict.label), ' ',
      c.verdict.stage ? rd.labels.stages[c.verdict.stage] ?? c.verdict.stage : '', ' — ', c.verdict.sentence[lang]),
    h('p', {}, `${t(lang, 'firms')}: ${fmt(lang, c.firms, 0)} · ${t(lang, 'employment')}: ${fmt(lang, c.employment, 0)} · ${t(lang, 'typology')}: ${typology(c, rd.labels.typology) || '–'}`),
    h('p', {}, h('a', { href: `${P(project)}/candidates/${encodeURIComponent(c.id)}/evidence.csv`, download: `evidence-${c.id}.csv` }, t(lang, 'evidenceCsv')), ' · ',
      h('a', { href: `${P(project)}/report`, target: '_blank', rel: 'noopener' }, t(lang, 'report'))),
    index >= 0 ? candidateCharts(rd.data, rd.labels, lang, index) : null,
    ...candidateCategoriesBlock(rd.data.candidates[index], rd.labels, lang),
    ...nextStepBlock(rd.data.candidates[index], rd.labels.ui.nextStepTitle, lang),
    h('h3', {}, t(lang, 'evidence')),
    table(['rule', 'indicator', 'value', '', 'threshold', 'pass'], c.evidence.map((e) => [e.rule, e.indicator, typeof e.value === 'number' ? fmt(lang, e.value, 4) : String(e.value), e.comparison,
      typeof e.threshold === 'number' ? fmt(lang, e.threshold, 4) : String(e.threshold), e.pass === null ? '–' : e.pass ? '✓' : '✗']), { class: 'evidence' })));
}

/** The development path's transitions and next-step lists (the report's, as text). */
function nextStepBlock(c: import('../../src/report/types.js').CandidateReport | undefined, title: string, lang: Lang): HTMLElement[] {
  if (!c || !c.path.available) return [];
  const p = c.path.data;
  return [h('section', { id: 'next-step', class: 'next-step' },
    h('h3', {}, title),
    ...p.transitions.map((x) => h('p', { class: 'hint' }, x.sentence[lang])),
    h('p', {}, p.nextStep.stage.sentence[lang]),
    h('p', {}, p.nextStep.radiation.sentence[lang]))];
}
