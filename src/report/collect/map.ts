/**
 * The map chart of a candidate: the regions of the view with the group's LQ and LISA class
 * (group-lq.ts), the largest firms in view (leaders marked), the parks meeting the view and the
 * candidate's hull (regions without a polygon of their own drawn from the built-in base map,
 * collect/basemap.ts, with its caption). The view is the circle of 1.25 × the 90 % radius around the centre (at least
 * 25 km), else the firms' extent, else the candidate's regions'.
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import type { Bilingual, CandidateMap, Chart, MapRegion } from '../types.js';
import { located, type Context, type FirmRow, type LqResult, type RegionRow } from './context.js';
import { BUILTIN_NOTE } from './basemap.js';
import type { ResolvedOptions } from './options.js';
import { b, bboxOf, num, pad, round5, unavailable, type Box } from './util.js';

function intersects(a: Box, r: Pick<RegionRow, 'min_lon' | 'min_lat' | 'max_lon' | 'max_lat'>): boolean {
  if (r.min_lon === null || r.min_lat === null || r.max_lon === null || r.max_lat === null) return false;
  return r.min_lon <= a[2] && r.max_lon >= a[0] && r.min_lat <= a[3] && r.max_lat >= a[1];
}

/** Corners of the regions' bounding boxes (those with one). */
export function regionCorners(regions: RegionRow[]): [number, number][] {
  return regions.filter((r) => r.min_lon !== null).flatMap((r) => [[r.min_lon!, r.min_lat!], [r.max_lon!, r.max_lat!]] as [number, number][]);
}

/** One region's LQ and LISA entry as drawn and exported. */
export function mapRegion(r: RegionRow, lq: LqResult, own: Set<string>): MapRegion {
  const e = lq.byRegion.get(r.code);
  return { code: r.code, name: r.name, lq: num(e?.lq), lisa: e?.lisa ?? null, pValue: num(e?.p), inCandidate: own.has(r.code) };
}

function viewOf(c: DiagnosedCandidate, pts: [number, number][], regionBoxes: [number, number][]): Box | null {
  // the circle holding 90% of the firms around the centre: distant partners do not stretch the map
  if (c.place.center && c.place.radiusKm !== null && Number.isFinite(c.place.radiusKm)) {
    const km = Math.max(c.place.radiusKm * 1.25, 25);
    const dLat = km / 111.2;
    const dLon = km / (111.2 * Math.max(Math.cos((c.place.center[1] * Math.PI) / 180), 0.05));
    return [c.place.center[0] - dLon, c.place.center[1] - dLat, c.place.center[0] + dLon, c.place.center[1] + dLat];
  }
  const core = bboxOf(pts.length ? pts : regionBoxes);
  return core ? pad(core, 0.2, 0.15) : null;
}

export function mapChart(ctx: Context, c: DiagnosedCandidate, firms: FirmRow[], lq: LqResult, leaders: Set<string>, o: ResolvedOptions): Chart<CandidateMap> {
  if (!ctx.regionFeatures.length) return unavailable(b('the workspace has no region polygons', '工作区没有地区边界'));
  const locatedFirms = firms.filter(located);
  const candRegions = new Set(c.place.regions);
  const view = viewOf(c, locatedFirms.map((f) => [f.lon, f.lat]), regionCorners(ctx.regions.filter((r) => candRegions.has(r.code))));
  if (!view) return unavailable(b('the candidate has no located firms and no region polygons', '该候选既无有坐标的企业，也无地区边界'));
  const shownRegions = [...ctx.regions.filter((r) => ctx.drawnRegions.has(r.code)), ...ctx.outline].filter((r) => intersects(view, r));
  const extent = bboxOf(regionCorners(shownRegions)) ?? view;
  const regions = shownRegions.map((r) => mapRegion(r, lq, candRegions));
  const inView = locatedFirms.filter((f) => f.lon >= extent[0] && f.lon <= extent[2] && f.lat >= extent[1] && f.lat <= extent[3]);
  const mapFirms = inView
    .sort((x, y) => (y.employees ?? 0) - (x.employees ?? 0) || (x.id < y.id ? -1 : 1))
    .slice(0, o.maxMapFirms)
    .map((f) => ({ id: f.id, lon: round5(f.lon), lat: round5(f.lat), employees: num(f.employees), leader: leaders.has(f.id) }));
  const parks = ctx.parks.filter((p) => p.bbox[0] <= view[2] && p.bbox[2] >= view[0] && p.bbox[1] <= view[3] && p.bbox[3] >= view[1]).map((p) => ({ id: p.id, name: p.name, ring: p.ring }));
  const notes: Bilingual[] = [];
  const nLocated = locatedFirms.length;
  if (inView.length < nLocated) notes.push(b(`${nLocated - inView.length} of ${nLocated} located firms lie outside the map view (around the centre, 1.25 × the 90% radius)`, `${nLocated} 家有坐标企业中有 ${nLocated - inView.length} 家位于地图范围之外（以中心为圆心、1.25 倍 90% 半径）`));
  if (inView.length > mapFirms.length) notes.push(b(`showing the ${mapFirms.length} largest of ${inView.length} firms in view`, `显示范围内 ${inView.length} 家企业中规模最大的 ${mapFirms.length} 家`));
  if (shownRegions.some((r) => ctx.builtinRegions.has(r.code))) notes.push(BUILTIN_NOTE);
  if (!lq.ok) notes.push(lq.reason ?? b('no LQ', '无区位商'));
  else if (lq.reason) notes.push(lq.reason);
  return {
    available: true,
    data: { bbox: view.map((v) => Number(v.toFixed(4))) as Box, regions, firms: mapFirms, parks, hull: c.place.hull, moranI: num(lq.moranI) },
    params: { weights: o.weights, permutations: o.permutations, alpha: o.alpha, seed: o.seed },
    source: b('firms (employees by region), regions, parks', '企业（按地区汇总从业人员）、地区边界、园区'),
    notes,
  };
}
