/**
 * The dashboard of `cluster-atlas serve`: a header (project, pages, language) and one page at a
 * time — data (upload, mapping, ingest, analysis), overview map with the candidate list, one
 * candidate, cluster categories, chain gaps, network design. Everything comes from the API; the view is in the URL.
 */
import { get, send } from './api.js';
import { clear, h } from './dom.js';
import { t, type Lang } from './i18n.js';
import { dataPage } from './data-page.js';
import { candidatePage, overviewPage } from './views.js';
import { categoriesPage } from './categories-page.js';
import { gapsPage, networkPage } from './plan-pages.js';
import { readState, writeState, type State, type View } from './state.js';
import { disposeCharts } from './charts.js';
import './style.css';

export interface Page { state: State; go(change: Partial<State>): void; root: HTMLElement }

let state = readState();
const top = document.getElementById('top')!;
const app = document.getElementById('app')!;

function go(change: Partial<State>): void {
  state = { ...state, ...change };
  writeState(state);
  void render();
}

async function header(): Promise<void> {
  clear(top);
  const lang: Lang = state.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'title');
  const { projects } = await get<{ projects: { id: string; name: string }[] }>('/api/projects');
  const select = h('select', { id: 'project', 'aria-label': t(lang, 'projects'), onchange: (e) => go({ project: (e.target as HTMLSelectElement).value || null, candidate: null }) },
    h('option', { value: '' }, '—'), ...projects.map((p) => h('option', { value: p.id, ...(p.id === state.project ? { selected: true } : {}) }, p.name)));
  const name = h('input', { id: 'new-project', placeholder: t(lang, 'projectName'), size: '16' });
  const create = h('button', {
    id: 'create-project',
    onclick: async () => {
      if (!name.value.trim()) return;
      const p = await send<{ id: string }>('POST', '/api/projects', { name: name.value.trim() });
      go({ project: p.id, view: 'data', candidate: null });
    },
  }, t(lang, 'create'));
  const nav = h('nav', {}, ...(['data', 'overview', 'candidate', 'categories', 'gaps', 'network'] as View[]).map((v) =>
    h('a', { href: '#', 'data-view': v, class: v === state.view ? 'active' : '', onclick: (e) => { e.preventDefault(); go({ view: v }); } }, t(lang, v))));
  const langs = h('span', { class: 'langs' }, ...(['zh', 'en'] as Lang[]).map((l) =>
    h('button', { 'data-lang': l, class: l === lang ? 'active' : '', onclick: () => go({ lang: l }) }, l === 'zh' ? '中文' : 'English')));
  top.append(h('h1', {}, t(lang, 'title')), h('label', {}, `${t(lang, 'projects')} `, select), name, create, nav, langs);
}

async function render(): Promise<void> {
  disposeCharts();
  try {
    await header();
    clear(app);
    const page: Page = { state, go, root: app };
    if (!state.project) { app.append(h('p', {}, t(state.lang, 'noProject'))); return; }
    if (state.view === 'data') await dataPage(page);
    else if (state.view === 'overview') await overviewPage(page);
    else if (state.view === 'candidate') await candidatePage(page);
    else if (state.view === 'categories') await categoriesPage(page);
    else if (state.view === 'gaps') await gapsPage(page);
    else await networkPage(page);
  } catch (e) {
    clear(app);
    app.append(h('p', { class: 'error', role: 'alert' }, `${t(state.lang, 'error')}: ${e instanceof Error ? e.message : String(e)}`));
  } finally {
    document.documentElement.setAttribute('data-ready', 'true');
  }
}

window.addEventListener('popstate', () => { state = readState(); void render(); });
writeState(state, true);
void render();
