/**
 * The view is in the URL (?project=…&view=…&candidate=…&region=…&layer=…&lang=…), so a link opens the
 * same page; the language is also remembered per user (localStorage) for links without one.
 */
import type { Lang } from './i18n.js';

export type View = 'data' | 'overview' | 'candidate' | 'categories' | 'gaps' | 'network';
export interface State { project: string | null; view: View; candidate: string | null; layer: 'lq' | 'lisa'; lang: Lang; /** The categories page's region. */ region: string | null }

const VIEWS: View[] = ['data', 'overview', 'candidate', 'categories', 'gaps', 'network'];
const LANG_KEY = 'cluster-atlas-lang';

export function readState(): State {
  const q = new URLSearchParams(location.search);
  const stored = localStorage.getItem(LANG_KEY);
  const lang = (q.get('lang') ?? stored ?? (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en')) === 'zh' ? 'zh' : 'en';
  const view = VIEWS.includes(q.get('view') as View) ? (q.get('view') as View) : 'data';
  return { project: q.get('project'), view, candidate: q.get('candidate'), layer: q.get('layer') === 'lisa' ? 'lisa' : 'lq', lang, region: q.get('region') };
}

export function writeState(s: State, replace = false): void {
  const q = new URLSearchParams();
  if (s.project) q.set('project', s.project);
  q.set('view', s.view);
  if (s.candidate) q.set('candidate', s.candidate);
  if (s.region) q.set('region', s.region);
  q.set('layer', s.layer);
  q.set('lang', s.lang);
  localStorage.setItem(LANG_KEY, s.lang);
  const url = `${location.pathname}?${q.toString()}`;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
}
