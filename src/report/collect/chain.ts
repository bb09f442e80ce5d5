/**
 * The value-chain chart of a candidate: the chain template sharing most industries with it, with
 * `chainCompleteness` (link counts) within `chainRadiusKm` of the candidate's centre. A stage is
 * missing when no firm serves it there, weak when fewer than `weakStageFirms` do, else present.
 */
import { MEAN_EARTH_RADIUS_KM } from '../../core/geo/ellipsoid.js';
import { haversineKm } from '../../core/geo/haversine-km.js';
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import { chainCompleteness } from '../../measures/network/index.js';
import type { ChainTemplate } from '../../model/chain-template.js';
import type { ChainData, Chart } from '../types.js';
import { located, NO_NETWORK, type Context, type FirmRow } from './context.js';
import type { ResolvedOptions } from './options.js';
import { b, notComputed, num, numOr0, unavailable } from './util.js';

/** The template sharing most industry codes (prefix either way) with the candidate; ties by id. */
export function bestTemplate(templates: ChainTemplate[], industries: readonly string[]): ChainTemplate | null {
  const overlap = (t: ChainTemplate): number => t.stages.reduce((a, s) => a + s.industries.filter((code) => industries.some((x) => x.startsWith(code) || code.startsWith(x))).length, 0);
  const scored = templates.map((t) => ({ t, s: overlap(t) })).filter((x) => x.s > 0).sort((a, bb) => bb.s - a.s || (a.t.id < bb.t.id ? -1 : 1));
  return scored.length ? scored[0].t : null;
}

export function chainChart(ctx: Context, c: DiagnosedCandidate, firms: FirmRow[], o: ResolvedOptions): Chart<ChainData> {
  if (!ctx.templates.length) return unavailable(b('no value-chain templates (chainTemplates) in the project', '项目中没有产业链模板（chainTemplates）'));
  if (!ctx.network) return unavailable(NO_NETWORK);
  const template = bestTemplate(ctx.templates, c.industries);
  if (!template) return unavailable(b(`no chain template covers the industries ${c.industries.join(', ')}`, `没有产业链模板覆盖行业 ${c.industries.join('、')}`));
  const pts = firms.filter(located);
  const center = c.place.center ?? (pts.length ? [pts.reduce((a, f) => a + f.lon, 0) / pts.length, pts.reduce((a, f) => a + f.lat, 0) / pts.length] as [number, number] : null);
  if (!center) return unavailable(b('the candidate has no centre (no located firms)', '候选没有中心点（无有坐标的企业）'));
  const loaded = ctx.network;
  const inside = new Uint8Array(loaded.net.ids.length);
  // a great-circle distance is at least R·|Δφ|: nodes beyond the radius in latitude alone skip the haversine
  const maxDLat = (o.chainRadiusKm / MEAN_EARTH_RADIUS_KM) * (180 / Math.PI) * (1 + 1e-9);
  for (let i = 0; i < inside.length; i++) {
    const lat = loaded.lat[i];
    inside[i] = Number.isFinite(loaded.lon[i]) && Math.abs(lat - center[1]) <= maxDLat && haversineKm(center[0], center[1], loaded.lon[i], lat) <= o.chainRadiusKm ? 1 : 0;
  }
  ctx.nodeSizes ??= Float64Array.from(loaded.employees, (x) => (Number.isFinite(x) ? x : 0));
  const size = ctx.nodeSizes;
  let cc: ReturnType<typeof chainCompleteness>;
  try {
    cc = chainCompleteness({ ...loaded.net, inside }, loaded.industry, size, template, { weight: 'count' });
  } catch (e) {
    return unavailable(notComputed(e, 'chain completeness not computed', '无法计算产业链完整度'));
  }
  const stages = cc.value.stages.map((s) => ({
    id: s.id, name: s.name, order: s.order, role: s.role, firmsInside: s.firmsInside,
    status: !s.present ? 'missing' as const : s.firmsInside < o.weakStageFirms ? 'weak' as const : 'present' as const,
  }));
  return {
    available: true,
    data: {
      template: template.id, templateName: template.name ?? null, stages, completeness: numOr0(cc.value.completeness), missing: cc.value.missing,
      weak: stages.filter((s) => s.status === 'weak').map((s) => s.id), radiusKm: o.chainRadiusKm,
      flows: cc.value.flows.map((f) => ({ from: f.from, to: f.to, localShare: num(f.localShare), links: f.links })),
    },
    params: { template: template.id, radiusKm: o.chainRadiusKm, weakBelowFirms: o.weakStageFirms, center: `${center[0].toFixed(3)}, ${center[1].toFixed(3)}` },
    source: b('firms and supply/subcontract links within the radius; chain templates', '半径内的企业及供货/外包联系；产业链模板'),
    notes: cc.warnings.map((w) => b(w, w)),
  };
}
