/**
 * The planning pages: chain gaps (`plan gaps` as a job: each stage missing / weak / strong and the
 * stages to attract, the place drawn on the map) and network design (`plan network` as a job:
 * regional groups, their hubs and the stages each hub lacks, hubs and firms drawn by group).
 */
import { get, P, type Job } from './api.js';
import { setBaseMapCaption } from './caption.js';
import { clear, fmt, h, table } from './dom.js';
import { t, type Lang } from './i18n.js';
import type { Page } from './main.js';
import { bounds, createMap, webglAvailable, type FC, type Feature } from './map.js';
import { runJob } from './data-page.js';
import { results } from './views.js';

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939'];
const STATUS_COLOUR: Record<string, string> = { missing: '#d62728', weak: '#ff7f0e', strong: '#2ca02c', present: '#2ca02c' };

async function chainSelect(project: string): Promise<HTMLSelectElement> {
  const { chains } = await get<{ chains: { id: string; name?: string }[] }>(`${P(project)}/chains`).catch(() => ({ chains: [] }));
  return h('select', { id: 'chain' }, ...chains.map((c) => h('option', { value: c.id }, c.name ? `${c.id} — ${c.name}` : c.id)));
}

async function baseRegions(project: string): Promise<FC> {
  const r = await results(project);
  const first = r?.candidates[0];
  if (!first) return { type: 'FeatureCollection', features: [] };
  return get<FC>(`${P(project)}/layers/regions-${encodeURIComponent(first.id)}`).catch(() => ({ type: 'FeatureCollection', features: [] }) as FC);
}

function circle(lon: number, lat: number, km: number): Feature {
  const ring: number[][] = [];
  for (let k = 0; k <= 64; k++) {
    const a = (2 * Math.PI * k) / 64;
    ring.push([lon + (km / (111.32 * Math.cos((lat * Math.PI) / 180))) * Math.cos(a), lat + (km / 110.57) * Math.sin(a)]);
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} };
}

export async function gapsPage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang: Lang = state.lang;
  const project = state.project!;
  const chain = await chainSelect(project);
  const place = h('input', { id: 'place', value: 'all', size: '30' });
  const weakLq = h('input', { id: 'weak-lq', type: 'number', step: '0.05', value: '1', min: '0' });
  const slot = h('div', { id: 'gaps-job' });
  const out = h('div', { id: 'gaps-result' });
  const mapEl = h('div', { id: 'gaps-map', class: 'map small' });
  const caption = h('p', { class: 'hint', id: 'gaps-map-caption', 'data-caption': 'builtin-basemap', hidden: true });
  root.append(h('h2', {}, t(lang, 'gaps')),
    h('p', {}, h('label', {}, `${t(lang, 'chain')} `, chain), ' ', h('label', {}, `${t(lang, 'place')} `, place), ' ', h('label', {}, `${t(lang, 'weakLq')} `, weakLq), ' ',
      h('button', { id: 'run-gaps', onclick: () => void run() }, t(lang, 'run'))), slot, mapEl, caption, out);
  const run = async (): Promise<void> => {
    clear(out);
    const j: Job = await runJob(lang, project, slot, 'plan-gaps', { place: place.value.trim(), chain: chain.value, weakLq: Number(weakLq.value) });
    if (j.state !== 'done') return;
    const res = j.result as { stages: { id: string; role: string; firmsInside: number; lq: number | null; leakage: number | null; status: string; reasons: string[] }[]; targets: { rank: number; stage: string; status: string; score: number | null; candidates: { id: string; distanceKm: number | null }[] }[] };
    out.append(h('h3', {}, t(lang, 'stages')), table(['stage', 'role', t(lang, 'firms'), 'LQ', 'leakage', t(lang, 'status'), ''], res.stages.map((s) => [
      s.id, s.role, s.firmsInside, fmt(lang, s.lq, 3), s.leakage === null ? '–' : `${fmt(lang, 100 * s.leakage, 1)}%`,
      h('span', { class: 'badge', style: `border-color:${STATUS_COLOUR[s.status] ?? '#888'}`, 'data-status': s.status }, s.status), s.reasons.join('; '),
    ]), { id: 'gap-stages' }),
    h('h3', {}, t(lang, 'targets')), table(['#', 'stage', t(lang, 'status'), t(lang, 'score'), t(lang, 'candidates')], res.targets.map((x) => [
      x.rank, x.stage, x.status, fmt(lang, x.score, 3), x.candidates.slice(0, 5).map((c) => `${c.id}${c.distanceKm === null ? '' : ` (${fmt(lang, c.distanceKm, 0)} km)`}`).join(', '),
    ]), { id: 'gap-targets' }));
    if (!webglAvailable()) return;
    clear(mapEl);
    const regions = await baseRegions(project);
    setBaseMapCaption(caption, regions, t(lang, 'builtinBaseMap'));
    const spec = place.value.trim();
    let focus: FC = { type: 'FeatureCollection', features: [] };
    const m = /^radius:(-?[\d.]+),(-?[\d.]+),([\d.]+)$/.exec(spec);
    if (m) focus.features.push(circle(Number(m[1]), Number(m[2]), Number(m[3])));
    else if (spec.startsWith('region:')) focus = { type: 'FeatureCollection', features: regions.features.filter((f) => String(f.properties.code).startsWith(spec.slice(7))) };
    else if (spec.startsWith('park:')) focus = { type: 'FeatureCollection', features: (await get<FC>(`${P(project)}/layers/parks`).catch(() => ({ type: 'FeatureCollection', features: [] }) as FC)).features.filter((f) => String(f.properties.id) === spec.slice(5)) };
    else focus = regions;
    const map = createMap(mapEl);
    await map.ready;
    map.set('regions', regions, [{ id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': '#e8ecef', 'fill-outline-color': '#ffffff' } }]);
    map.set('place', focus, [{ id: 'place-fill', type: 'fill', source: 'place', paint: { 'fill-color': '#3182bd', 'fill-opacity': 0.35, 'fill-outline-color': '#08519c' } }]);
    map.fit(bounds(focus.features.length ? focus : regions));
    await map.drawn(); // ready when drawn, not when merely set: a screenshot or a user sees the layers
    mapEl.setAttribute('data-map-ready', 'true');
  };
}

export async function networkPage(page: Page): Promise<void> {
  const { state, root } = page;
  const lang: Lang = state.lang;
  const project = state.project!;
  const chain = await chainSelect(project);
  const radius = h('input', { id: 'radius', type: 'number', value: '200', min: '1' });
  const slot = h('div', { id: 'network-job' });
  const out = h('div', { id: 'network-result' });
  const mapEl = h('div', { id: 'network-map', class: 'map small' });
  const caption = h('p', { class: 'hint', id: 'network-map-caption', 'data-caption': 'builtin-basemap', hidden: true });
  root.append(h('h2', {}, t(lang, 'network')),
    h('p', {}, h('label', {}, `${t(lang, 'chain')} `, chain), ' ', h('label', {}, `${t(lang, 'radius')} `, radius), ' ', h('button', { id: 'run-network', onclick: () => void run() }, t(lang, 'run'))),
    slot, mapEl, caption, out);
  const run = async (): Promise<void> => {
    clear(out);
    const j = await runJob(lang, project, slot, 'plan-network', { chain: chain.value, radius: Number(radius.value) });
    if (j.state !== 'done') return;
    const res = j.result as { groups: { id: number | string; hub: { id: string; lon: number; lat: number }; firms: number; withinRadius: number; lacking: string[] }[] };
    out.append(h('h3', {}, t(lang, 'groups')), table(['#', t(lang, 'hub'), t(lang, 'firms'), `≤ ${radius.value} km`, t(lang, 'lacking')],
      res.groups.map((g) => [String(g.id), g.hub.id, g.firms, `${fmt(lang, 100 * g.withinRadius, 1)}%`, g.lacking.join(', ') || '—']), { id: 'network-groups' }));
    if (!webglAvailable()) return;
    clear(mapEl);
    const [regions, geo] = await Promise.all([baseRegions(project), get<FC>(`${P(project)}/jobs/${j.id}/geojson`)]);
    setBaseMapCaption(caption, regions, t(lang, 'builtinBaseMap'));
    const colour: unknown[] = ['match', ['to-string', ['get', 'group']]];
    res.groups.forEach((g, k) => colour.push(String(g.id), PALETTE[k % PALETTE.length]));
    colour.push('#999999');
    const map = createMap(mapEl);
    await map.ready;
    map.set('regions', regions, [{ id: 'regions-fill', type: 'fill', source: 'regions', paint: { 'fill-color': '#eef1f4', 'fill-outline-color': '#ffffff' } }]);
    map.set('net', geo, [
      { id: 'firms', type: 'circle', source: 'net', filter: ['==', ['get', 'kind'], 'firm'], paint: { 'circle-radius': 2.5, 'circle-color': colour as never } },
      { id: 'hubs', type: 'circle', source: 'net', filter: ['==', ['get', 'kind'], 'hub'], paint: { 'circle-radius': 8, 'circle-color': colour as never, 'circle-stroke-color': '#000', 'circle-stroke-width': 2 } },
    ]);
    map.hover('hubs', (p) => `${t(lang, 'hub')} ${String(p.firm)} · ${String(p.firms)} ${t(lang, 'firms')}`);
    map.fit(bounds(geo));
    await map.drawn(); // ready when drawn, not when merely set: a screenshot or a user sees the layers
    mapEl.setAttribute('data-map-ready', 'true');
  };
}
