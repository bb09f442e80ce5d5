/**
 * collectReportData: the chart data of the report for a list of diagnosed candidates, computed
 * on the workspace with the measure functions (nothing here re-implements a measure):
 *
 * - map: LQ of the candidate's industry group in every region (employment in firms; group =
 *   firms whose industry code starts with one of `candidate.industries`) with `locationQuotient`,
 *   and the LISA (`moranLocal`, conditional permutations, seeded) of those LQs over queen
 *   contiguity (`weights: 'queen'`) or k nearest centroids (`'knn:K'`); a region is HH/LL/HL/LH
 *   when its pseudo p ≤ α, else 'ns'. Firm points, parks and the candidate's hull on top.
 * - Lorenz curve and Gini of the candidate's firm sizes (employees), `lorenzCurve`, `gini`.
 * - K-density of the candidate's firms among all located firms (`kDensity`, random location,
 *   `simulations` seeded, DO2005 global band, distances up to `kdRmaxKm`); above
 *   KD_MAX_REFERENCE firms, a seeded random sample of that many stands for the candidate.
 * - network of the candidate's firms and institutions: Louvain communities (seeded) and leader
 *   firms (the `leaders` largest weighted degrees; links counted, not valued, so unknown link
 *   values never fail the chart).
 * - value chain: the chain template sharing most industries with the candidate, with
 *   `chainCompleteness` within `chainRadiusKm` of the candidate's centre. A stage is missing when
 *   no firm serves it there, weak when fewer than `weakStageFirms` do, present otherwise.
 * - shift-share (classic and Esteban-Marquillas) of employment between the first and last year
 *   of `regional_stats`, summed over the statistics' industries of the group, per candidate region.
 * - portfolio: LQ against employment growth of every candidate, bubble = employment.
 *
 * Missing inputs (no regional statistics, no chain templates, no coordinates, too few firms…)
 * make that chart `{ available: false, reason }`; nothing here fails for lack of data.
 * Deterministic for a given workspace, candidates and seed.
 */
import { haversineKm } from '../core/geo/haversine-km.js';
import { createRng } from '../core/rng.js';
import type { AreaGeometry } from '../core/geo/types.js';
import { bbox as geometryBbox } from '../core/geo/index.js';
import { loadChainTemplates, loadFirmNetwork } from '../load/firm-network.js';
import { loadStatsPanel } from '../load/region-industry.js';
import { regionIndustryMatrix } from '../data/concentration-matrix.js';
import { pointPattern } from '../data/point-pattern.js';
import { contiguityWeights, knnWeights, regionPoints, type SpatialWeights } from '../data/weights/index.js';
import type { DiagnosedCandidate } from '../diagnose/candidate.js';
import { moran, moranLocal } from '../measures/autocorrelation/index.js';
import { gini } from '../measures/concentration/gini.js';
import { lorenzCurve } from '../measures/concentration/lorenz-curve.js';
import { chainCompleteness, degreeCentrality, LINK_TYPES, louvainCommunities, type FirmNetwork } from '../measures/network/index.js';
import { InputError } from '../core/errors.js';
import { kDensity, kDensityAsync } from '../measures/pointpattern/k-density.js';
import { workerRunner } from '../runtime/simulation-worker.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { estebanMarquillas, shiftShare } from '../measures/shift-share/index.js';
import { locationQuotient } from '../measures/specialisation/location-quotient.js';
import { builtinClassification, type Classification } from '../model/classifications/index.js';
import type { ChainTemplate } from '../model/chain-template.js';
import type { CodeSystem } from '../model/project.js';
import type { Workspace } from '../store/workspace.js';
import {
  REPORT_DATA_VERSION, type AreaCollection, type AreaFeature, type Bilingual, type CandidateMap, type CandidateReport, type Chart,
  type ChainData, type KDensityData, type LisaClass, type LorenzData, type MapRegion, type NetworkData, type PortfolioData,
  type ReportData, type ShiftShareData, type ShiftShareRow,
} from './types.js';

export interface CollectOptions {
  /** Seed of every random procedure (permutations, simulations, Louvain). Default 42. */
  seed?: number;
  /** K-density Monte Carlo simulations. Default 99. */
  simulations?: number;
  /** LISA permutations. Default 999. */
  permutations?: number;
  /** Significance level of LISA classes and K-density bands. Default 0.05. */
  alpha?: number;
  /** 'queen' (default) or 'knn:K' (K nearest region centroids, great-circle). */
  weights?: string;
  /** Largest K-density distance in km. Default 200 (the seed's logistics radius). */
  kdRmaxKm?: number;
  /** Radius of the value chain around the candidate's centre, km. Default 200. */
  chainRadiusKm?: number;
  /** Fewer firms than this serving a present stage make it weak. Default 3. */
  weakStageFirms?: number;
  /**
   * Worker threads for the K-density simulations (results do not depend on it). Default: up to 4
   * when the compiled worker entry exists (running from dist/), else 1 (in-thread).
   */
  threads?: number;
  /** Leader firms highlighted in the network. Default 5. */
  leaders?: number;
  /** Largest network drawn (nodes); the strongest firms and every institution are kept. Default 250; links beyond 2,000 are left out (noted). */
  maxNetworkNodes?: number;
  /** Largest number of firm points per map (the largest firms). Default 1500. */
  maxMapFirms?: number;
  /** Report title; default the project name stored in the workspace. */
  title?: Bilingual;
  /** The clock (ISO time in the report). */
  now?: () => Date;
  /** Generator version written in the report. */
  version?: string;
  /** Called after each candidate. */
  onProgress?: (done: number, total: number) => void;
  /** Receives, per candidate, the LQ and LISA class of every region of the workspace (for GeoJSON layers). */
  onRegions?: (candidateId: string, regions: MapRegion[]) => void;
}

interface FirmRow { id: string; name: string | null; industry: string | null; lon: number | null; lat: number | null; region: string | null; employees: number | null }
interface RegionRow { code: string; name: string | null; geometry: string | null; min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null }

const b = (en: string, zh: string): Bilingual => ({ en, zh });

/** Finite numbers rounded to 6 significant digits; anything else null. */
function num(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : Number(x.toPrecision(6));
}
const numOr0 = (x: number | null | undefined): number => num(x) ?? 0;

function unavailable(reason: Bilingual): { available: false; reason: Bilingual } {
  return { available: false, reason };
}

/** Prefix membership of an industry code in a group of codes. */
function inGroup(code: string | null, group: readonly string[]): boolean {
  if (!code) return false;
  return group.some((g) => code.startsWith(g));
}

/** Every `step`-th element of a curve, always with the last one. */
function thin(n: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let k = 0; k < n; k += step) idx.push(k);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Shared state loaded once per workspace. */
interface Context {
  ws: Workspace;
  firms: FirmRow[];
  firmIndex: Map<string, number>;
  regions: RegionRow[];
  regionName: Map<string, string | null>;
  regionFeatures: AreaFeature[];
  parks: { id: string; name: string | null; ring: [number, number][]; bbox: [number, number, number, number] }[];
  network: Awaited<ReturnType<typeof loadFirmNetwork>> | null;
  networkNames: Map<string, string | null>;
  templates: ChainTemplate[];
  classification: Classification | null;
  stats: StatsContext | null;
  statsReason: Bilingual | null;
  lqCache: Map<string, LqResult>;
  /** Spatial weights by region set (most groups share the set of regions with firms). */
  weightsCache: Map<string, SpatialWeights>;
  warnings: string[];
}

interface LqResult {
  ok: boolean;
  reason?: Bilingual;
  /** code → LQ, LISA class, p. */
  byRegion: Map<string, { lq: number; lisa: LisaClass | null; p: number | null }>;
  moranI: number | null;
  groupTotal: number;
  total: number;
  groupByRegion: Map<string, number>;
  totalByRegion: Map<string, number>;
}

interface StatsContext {
  baseYear: number;
  finalYear: number;
  regions: readonly string[];
  industries: readonly string[];
  ss: ReturnType<typeof shiftShare>['value'];
  em: ReturnType<typeof estebanMarquillas>['value'] | null;
  base: Float64Array;
  final: Float64Array;
  referenceGrowth: number | null;
}

function parseArea(g: string | null): AreaGeometry | null {
  if (!g) return null;
  try {
    const geom = JSON.parse(g) as AreaGeometry;
    return geom.type === 'Polygon' || geom.type === 'MultiPolygon' ? geom : null;
  } catch {
    return null;
  }
}

/** Round coordinates to 5 decimals (~1 m) to keep the embedded map small. */
function roundGeometry(g: AreaGeometry): AreaGeometry {
  const r = (c: readonly number[]): number[] => [Math.round(c[0] * 1e5) / 1e5, Math.round(c[1] * 1e5) / 1e5];
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r)) } as AreaGeometry;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((ring) => ring.map(r))) } as AreaGeometry;
}

async function tableExists(ws: Workspace, name: string): Promise<boolean> {
  return (await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${name}'`)).length > 0;
}

async function loadContext(ws: Workspace): Promise<Context> {
  const warnings: string[] = [];
  const firms = await ws.all<FirmRow>('SELECT id, name, industry, lon, lat, region, employees FROM firms ORDER BY id');
  const firmIndex = new Map(firms.map((f, i) => [f.id, i]));
  const regions = await ws.all<RegionRow>('SELECT code, name, geometry, min_lon, min_lat, max_lon, max_lat FROM regions ORDER BY code');
  const regionFeatures: AreaFeature[] = [];
  for (const r of regions) {
    const g = parseArea(r.geometry);
    if (g) regionFeatures.push({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: roundGeometry(g) as AreaFeature['geometry'] });
  }
  const parkRows = await ws.all<{ id: string; name: string | null; geometry: string | null }>('SELECT id, name, geometry FROM parks ORDER BY id');
  const parks: Context['parks'] = [];
  for (const p of parkRows) {
    const g = parseArea(p.geometry);
    if (!g) continue;
    const outer = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]) as number[][];
    parks.push({ id: p.id, name: p.name, ring: outer.map((c) => [Math.round(c[0] * 1e5) / 1e5, Math.round(c[1] * 1e5) / 1e5]), bbox: geometryBbox(g as never) as [number, number, number, number] });
  }
  let network: Context['network'] = null;
  const networkNames = new Map<string, string | null>();
  try {
    network = await loadFirmNetwork(ws, { kind: 'ids', ids: [] });
    for (const f of firms) networkNames.set(f.id, f.name);
    for (const i of await ws.all<{ id: string; name: string | null }>('SELECT id, name FROM institutions')) networkNames.set(i.id, i.name);
  } catch (e) {
    warnings.push(`report: the firm network could not be loaded: ${errorText(e)}`);
  }
  const templates = (await tableExists(ws, 'chain_templates')) ? await loadChainTemplates(ws) : [];
  let classification: Classification | null = null;
  const sys = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'industry_code_system'");
  if (sys.length) {
    try { classification = builtinClassification(sys[0].value as CodeSystem); } catch { classification = null; }
  }
  const { stats, reason } = await loadStats(ws, warnings);
  return {
    ws, firms, firmIndex, regions, regionName: new Map(regions.map((r) => [r.code, r.name])), regionFeatures, parks,
    network, networkNames, templates, classification, stats, statsReason: reason, lqCache: new Map(), weightsCache: new Map(), warnings,
  };
}

async function loadStats(ws: Workspace, warnings: string[]): Promise<{ stats: StatsContext | null; reason: Bilingual | null }> {
  const years = (await ws.all<{ year: number }>('SELECT DISTINCT year FROM regional_stats WHERE employment IS NOT NULL ORDER BY year')).map((r) => Number(r.year));
  if (years.length < 2) {
    return { stats: null, reason: years.length === 0 ? b('the workspace has no regional statistics (regional_stats) with employment', '工作区没有含就业人数的地区统计（regional_stats）') : b(`regional statistics cover one year only (${years[0]})`, `地区统计只有一个年份（${years[0]}）`) };
  }
  const baseYear = years[0];
  const finalYear = years[years.length - 1];
  try {
    const panel = await loadStatsPanel(ws, { variable: 'employment', baseYear, finalYear });
    const ss = shiftShare(panel.value.base, panel.value.final, { missing: 'zero' });
    let em: StatsContext['em'] = null;
    try { em = estebanMarquillas(panel.value.base, panel.value.final, { missing: 'zero' }).value; } catch (e) { warnings.push(`report: Esteban-Marquillas shift-share not computed: ${errorText(e)}`); }
    warnings.push(...new Set(ss.warnings.map((w) => `report: shift-share: ${w}`)));
    // Align the raw base/final cells to the shift-share's regions × industries.
    const I = ss.value.industries.length;
    const base = new Float64Array(ss.value.regions.length * I);
    const final = new Float64Array(ss.value.regions.length * I);
    const src = panel.value.base;
    const ri = new Map(src.regions.map((r, k) => [r, k]));
    const ii = new Map(src.industries.map((c, k) => [c, k]));
    const fri = new Map(panel.value.final.regions.map((r, k) => [r, k]));
    const fii = new Map(panel.value.final.industries.map((c, k) => [c, k]));
    ss.value.regions.forEach((r, a) => ss.value.industries.forEach((c, j) => {
      const x = ri.has(r) && ii.has(c) ? src.values[ri.get(r)! * src.industries.length + ii.get(c)!] : 0;
      const y = fri.has(r) && fii.has(c) ? panel.value.final.values[fri.get(r)! * panel.value.final.industries.length + fii.get(c)!] : 0;
      base[a * I + j] = Number.isFinite(x) ? x : 0;
      final[a * I + j] = Number.isFinite(y) ? y : 0;
    }));
    let b0 = 0, b1 = 0;
    for (let k = 0; k < base.length; k++) { b0 += base[k]; b1 += final[k]; }
    return { stats: { baseYear, finalYear, regions: ss.value.regions, industries: ss.value.industries, ss: ss.value, em, base, final, referenceGrowth: b0 > 0 ? b1 / b0 - 1 : null }, reason: null };
  } catch (e) {
    return { stats: null, reason: b(`shift-share could not be computed: ${errorText(e)}`, `无法计算偏离—份额分析：${errorText(e)}`) };
  }
}

function buildWeights(codes: string[], geoms: AreaGeometry[], spec: string): SpatialWeights {
  const regions = codes.map((id, k) => ({ id, geometry: geoms[k] }));
  if (spec === 'queen' || spec === 'rook') return contiguityWeights(regions, { rule: spec, style: 'W', validate: false });
  const m = /^knn:(\d+)$/.exec(spec);
  if (!m) throw new InputError('E_OPTION', `collectReportData: weights must be queen, rook or knn:K, got ${spec}`, { field: 'weights', value: spec });
  return knnWeights(regionPoints(regions), { k: Math.min(Number(m[1]), codes.length - 1), metric: 'great-circle', style: 'W' });
}

/** LQ of an industry group in every region (employment in firms) and its LISA classes. */
function groupLq(ctx: Context, group: string[], o: ResolvedOptions): LqResult {
  const key = [...group].sort().join(',');
  const cached = ctx.lqCache.get(key);
  if (cached) return cached;
  const groupByRegion = new Map<string, number>();
  const totalByRegion = new Map<string, number>();
  let missingEmployees = 0;
  for (const f of ctx.firms) {
    if (!f.region) continue;
    const e = f.employees;
    if (e === null || !Number.isFinite(e)) { missingEmployees++; continue; }
    totalByRegion.set(f.region, (totalByRegion.get(f.region) ?? 0) + e);
    if (inGroup(f.industry, group)) groupByRegion.set(f.region, (groupByRegion.get(f.region) ?? 0) + e);
  }
  if (missingEmployees) ctx.warnings.push(`report: ${missingEmployees} firm(s) without employees are left out of the LQ maps`);
  const codes = [...totalByRegion.keys()].filter((c) => totalByRegion.get(c)! > 0).sort();
  let groupTotal = 0, total = 0;
  for (const c of codes) { groupTotal += groupByRegion.get(c) ?? 0; total += totalByRegion.get(c)!; }
  const result: LqResult = { ok: false, byRegion: new Map(), moranI: null, groupTotal, total, groupByRegion, totalByRegion };
  ctx.lqCache.set(key, result);
  if (groupTotal <= 0 || codes.length < 2) {
    result.reason = b('no employment in the group\'s industries among the located firms', '该产业组在有区划的企业中没有就业人数');
    return result;
  }
  const values = codes.flatMap((c) => { const g = groupByRegion.get(c) ?? 0; return [g, totalByRegion.get(c)! - g]; });
  const lq = locationQuotient(regionIndustryMatrix(codes, ['group', 'other'], Float64Array.from(values), 'employees'));
  const lqOf = new Map(codes.map((c, k) => [c, lq.value.values[k * 2]]));
  for (const c of codes) result.byRegion.set(c, { lq: lqOf.get(c)!, lisa: null, p: null });
  result.ok = true;
  // LISA over regions with an LQ and a polygon
  const geomOf = new Map(ctx.regions.map((r) => [r.code, parseArea(r.geometry)]));
  const withGeom = codes.filter((c) => geomOf.get(c));
  if (withGeom.length < 3) {
    result.reason = b('fewer than 3 regions with polygons and firms: no LISA', '有边界且有企业的地区少于 3 个，无法计算 LISA');
    return result;
  }
  try {
    const wKey = `${o.weights}|${withGeom.join(',')}`;
    let w = ctx.weightsCache.get(wKey);
    if (!w) {
      w = buildWeights(withGeom, withGeom.map((c) => geomOf.get(c)!), o.weights);
      ctx.weightsCache.set(wKey, w);
    }
    const x = Float64Array.from(withGeom, (c) => lqOf.get(c)!);
    const lisa = moranLocal(x, w, { permutations: o.permutations, seed: o.seed, islands: 'keep' });
    const ids = w.ids;
    ids.forEach((id, i) => {
      const q = lisa.value.quadrant[i];
      const p = lisa.value.pSimulated.length ? lisa.value.pSimulated[i] : lisa.value.pValue[i];
      const cls: LisaClass = q === 'island' ? 'island' : Number.isFinite(p) && p <= o.alpha ? q : 'ns';
      const entry = result.byRegion.get(id);
      if (entry) { entry.lisa = cls; entry.p = Number.isFinite(p) ? p : null; }
    });
    try { result.moranI = moran(x, w, { permutations: 0, islands: 'keep' }).value; } catch { result.moranI = null; }
  } catch (e) {
    ctx.warnings.push(`report: LISA of the LQ of ${key} not computed: ${errorText(e)}`);
  }
  return result;
}

interface ResolvedOptions {
  seed: number; simulations: number; permutations: number; alpha: number; weights: string; kdRmaxKm: number; threads: number;
  chainRadiusKm: number; weakStageFirms: number; leaders: number; maxNetworkNodes: number; maxMapFirms: number;
}

function candidateFirms(ctx: Context, c: DiagnosedCandidate): FirmRow[] {
  const out: FirmRow[] = [];
  for (const id of c.firmIds) {
    const k = ctx.firmIndex.get(id);
    if (k !== undefined) out.push(ctx.firms[k]);
  }
  return out;
}

function located(f: FirmRow): f is FirmRow & { lon: number; lat: number } {
  return f.lon !== null && f.lat !== null && Number.isFinite(f.lon) && Number.isFinite(f.lat);
}

function bboxOf(points: [number, number][]): [number, number, number, number] | null {
  if (!points.length) return null;
  let a = Infinity, bb = Infinity, c = -Infinity, d = -Infinity;
  for (const [x, y] of points) { a = Math.min(a, x); bb = Math.min(bb, y); c = Math.max(c, x); d = Math.max(d, y); }
  return [a, bb, c, d];
}

function pad(bx: [number, number, number, number], frac: number, min: number): [number, number, number, number] {
  const dx = Math.max((bx[2] - bx[0]) * frac, min);
  const dy = Math.max((bx[3] - bx[1]) * frac, min);
  return [bx[0] - dx, bx[1] - dy, bx[2] + dx, bx[3] + dy];
}

function intersects(a: [number, number, number, number], r: { min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null }): boolean {
  if (r.min_lon === null || r.min_lat === null || r.max_lon === null || r.max_lat === null) return false;
  return r.min_lon <= a[2] && r.max_lon >= a[0] && r.min_lat <= a[3] && r.max_lat >= a[1];
}

function mapChart(ctx: Context, c: DiagnosedCandidate, firms: FirmRow[], lq: LqResult, leaders: Set<string>, o: ResolvedOptions): Chart<CandidateMap> {
  if (!ctx.regionFeatures.length) return unavailable(b('the workspace has no region polygons', '工作区没有地区边界'));
  const pts = firms.filter(located).map((f) => [f.lon, f.lat] as [number, number]);
  const candRegions = new Set(c.place.regions);
  const regionBoxes = ctx.regions.filter((r) => candRegions.has(r.code) && r.min_lon !== null).flatMap((r) => [[r.min_lon!, r.min_lat!], [r.max_lon!, r.max_lat!]] as [number, number][]);
  // The view: the circle holding 90% of the firms around the centre (distant partners do not
  // stretch the map), else the firms' extent, else the regions'.
  let view: [number, number, number, number] | null = null;
  if (c.place.center && c.place.radiusKm !== null && Number.isFinite(c.place.radiusKm)) {
    const km = Math.max(c.place.radiusKm * 1.25, 25);
    const dLat = km / 111.2;
    const dLon = km / (111.2 * Math.max(Math.cos((c.place.center[1] * Math.PI) / 180), 0.05));
    view = [c.place.center[0] - dLon, c.place.center[1] - dLat, c.place.center[0] + dLon, c.place.center[1] + dLat];
  } else {
    const core = bboxOf(pts.length ? pts : regionBoxes);
    view = core ? pad(core, 0.2, 0.15) : null;
  }
  if (!view) return unavailable(b('the candidate has no located firms and no region polygons', '该候选既无有坐标的企业，也无地区边界'));
  const shownRegions = ctx.regions.filter((r) => r.geometry && intersects(view!, r));
  const extent = bboxOf(shownRegions.flatMap((r) => [[r.min_lon!, r.min_lat!], [r.max_lon!, r.max_lat!]] as [number, number][])) ?? view;
  const regions: MapRegion[] = shownRegions.map((r) => {
    const e = lq.byRegion.get(r.code);
    return { code: r.code, name: r.name, lq: num(e?.lq), lisa: e?.lisa ?? null, pValue: num(e?.p), inCandidate: candRegions.has(r.code) };
  });
  const inView = firms.filter(located).filter((f) => f.lon >= extent[0] && f.lon <= extent[2] && f.lat >= extent[1] && f.lat <= extent[3]);
  const mapFirms = inView
    .sort((x, y) => (y.employees ?? 0) - (x.employees ?? 0) || (x.id < y.id ? -1 : 1))
    .slice(0, o.maxMapFirms)
    .map((f) => ({ id: f.id, lon: Math.round(f.lon * 1e5) / 1e5, lat: Math.round(f.lat * 1e5) / 1e5, employees: num(f.employees), leader: leaders.has(f.id) }));
  const parks = ctx.parks.filter((p) => p.bbox[0] <= view[2] && p.bbox[2] >= view[0] && p.bbox[1] <= view[3] && p.bbox[3] >= view[1]).map((p) => ({ id: p.id, name: p.name, ring: p.ring }));
  const notes: Bilingual[] = [];
  const nLocated = firms.filter(located).length;
  if (inView.length < nLocated) notes.push(b(`${nLocated - inView.length} of ${nLocated} located firms lie outside the map view (around the centre, 1.25 × the 90% radius)`, `${nLocated} 家有坐标企业中有 ${nLocated - inView.length} 家位于地图范围之外（以中心为圆心、1.25 倍 90% 半径）`));
  if (inView.length > mapFirms.length) notes.push(b(`showing the ${mapFirms.length} largest of ${inView.length} firms in view`, `显示范围内 ${inView.length} 家企业中规模最大的 ${mapFirms.length} 家`));
  if (!lq.ok) notes.push(lq.reason ?? b('no LQ', '无区位商'));
  else if (lq.reason) notes.push(lq.reason);
  return {
    available: true,
    data: { bbox: view.map((v) => Number(v.toFixed(4))) as [number, number, number, number], regions, firms: mapFirms, parks, hull: c.place.hull, moranI: num(lq.moranI) },
    params: { weights: o.weights, permutations: o.permutations, alpha: o.alpha, seed: o.seed },
    source: b('firms (employees by region), regions, parks', '企业（按地区汇总从业人员）、地区边界、园区'),
    notes,
  };
}

function lorenzChart(firms: FirmRow[]): Chart<LorenzData> {
  const sizes = firms.map((f) => f.employees).filter((e): e is number => e !== null && Number.isFinite(e));
  const missing = firms.length - sizes.length;
  if (sizes.length < 2) return unavailable(b(`fewer than 2 firms with employees (${sizes.length})`, `有从业人员数据的企业少于 2 家（${sizes.length} 家）`));
  try {
    const l = lorenzCurve(sizes);
    const g = gini(sizes);
    const idx = thin(l.value.population.length, 400);
    const notes: Bilingual[] = missing ? [b(`${missing} firm(s) without employees left out`, `${missing} 家企业缺少从业人员数据，未计入`)] : [];
    return {
      available: true,
      data: { population: idx.map((k) => numOr0(l.value.population[k])), share: idx.map((k) => numOr0(l.value.share[k])), gini: numOr0(g.value.gini), firms: sizes.length, size: 'employees' },
      params: { size: 'employees', firms: sizes.length },
      source: b('firms of the candidate (employees)', '候选内企业（从业人员）'),
      notes,
    };
  } catch (e) {
    return unavailable(b(`Lorenz curve not computed: ${errorText(e)}`, `无法计算洛伦兹曲线：${errorText(e)}`));
  }
}

/** Threads by default: several only when the compiled worker thread entry is there. */
function defaultThreads(): number {
  const entry = new URL('../runtime/simulation-worker-thread.js', import.meta.url);
  return existsSync(fileURLToPath(entry)) ? Math.max(1, Math.min(4, availableParallelism())) : 1;
}

/** Largest number of a candidate's firms used as K-density reference points (a seeded sample above it). */
export const KD_MAX_REFERENCE = 2000;

async function kDensityChart(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions): Promise<Chart<KDensityData>> {
  const members = new Set(c.firmIds);
  const all = ctx.firms.filter(located);
  const memberIdx: number[] = [];
  all.forEach((f, k) => { if (members.has(f.id)) memberIdx.push(k); });
  const ref = memberIdx.length;
  if (ref < 2) return unavailable(b(`fewer than 2 located firms in the candidate (${ref})`, `候选内有坐标的企业少于 2 家（${ref} 家）`));
  if (all.length - ref < 1) return unavailable(b('no other located firms to draw random locations from', '没有其他有坐标的企业可供随机布点'));
  // a large candidate is represented by a seeded random sample of its firms: the K-density is a
  // density of pairwise distances, which a uniform sample estimates without bias, and the cost
  // grows with the square of the reference points
  const sampled = new Uint8Array(all.length);
  if (ref > KD_MAX_REFERENCE) {
    const rng = createRng(o.seed);
    const pool = memberIdx.slice();
    for (let k = 0; k < KD_MAX_REFERENCE; k++) {
      const j = k + Math.floor(rng.next() * (pool.length - k));
      [pool[k], pool[j]] = [pool[j], pool[k]];
      sampled[pool[k]] = 1;
    }
  } else for (const k of memberIdx) sampled[k] = 1;
  const used = Math.min(ref, KD_MAX_REFERENCE);
  try {
    const p = pointPattern({ x: all.map((f) => f.lon), y: all.map((f) => f.lat), labels: all.map((_, k) => (sampled[k] ? 'candidate' : 'other')), metric: 'haversine' });
    const kdOptions = { reference: 'candidate', rmax: o.kdRmaxKm, simulations: o.simulations, seed: o.seed, alpha: o.alpha, nullModel: 'random-location' as const, points: 256 };
    const r = o.threads > 1 && o.simulations > 1 ? await kDensityAsync(p, kdOptions, workerRunner({ threads: o.threads })) : kDensity(p, kdOptions);
    const v = r.value;
    const e = v.envelope;
    const arr = (a: Float64Array | undefined): number[] | null => (a ? Array.from(a, (x) => numOr0(x)) : null);
    const departures = (v.departures ?? []).map((d) => ({ from: numOr0(d.from), to: numOr0(d.to), kind: d.kind }));
    return {
      available: true,
      data: {
        r: Array.from(v.r, (x) => numOr0(x)), value: Array.from(v.value, (x) => numOr0(x)),
        globalLower: arr(e?.globalLower), globalUpper: arr(e?.globalUpper), lower: arr(e?.lower), upper: arr(e?.upper),
        bandwidth: numOr0(v.bandwidth), departures, localised: departures.some((d) => d.kind === 'localisation'),
      },
      params: { reference: used < ref ? `${used} of ${ref} firms (seeded random sample)` : `${ref} firms`, background: `${all.length} firms`, nullModel: 'random-location', simulations: o.simulations, alpha: o.alpha, seed: o.seed, rmaxKm: o.kdRmaxKm, bandwidthKm: numOr0(v.bandwidth) },
      source: b('firm locations (great-circle distances)', '企业坐标（大圆距离）'),
      notes: r.warnings.map((w) => b(w, w)),
    };
  } catch (e) {
    return unavailable(b(`K-density not computed: ${errorText(e)}`, `无法计算 K 密度：${errorText(e)}`));
  }
}

/** Deterministic layout: communities on a circle (largest first), members on a sunflower spiral by strength. */
function layout(nodes: { community: number; strength: number; id: string }[]): { x: number; y: number }[] {
  const groups = new Map<number, number[]>();
  nodes.forEach((n, i) => { const list = groups.get(n.community) ?? []; list.push(i); groups.set(n.community, list); });
  const keys = [...groups.keys()].sort((a, bb) => (a === -1 ? 1 : bb === -1 ? -1 : a - bb));
  const out = nodes.map(() => ({ x: 0, y: 0 }));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const radiusOf = (n: number): number => Math.sqrt(n) * 6;
  const total = keys.reduce((a, k) => a + radiusOf(groups.get(k)!.length), 0);
  const ring = keys.length > 1 ? Math.max(total / Math.PI, 20) : 0;
  let angle = 0;
  for (const k of keys) {
    const members = groups.get(k)!.sort((a, bb) => nodes[bb].strength - nodes[a].strength || (nodes[a].id < nodes[bb].id ? -1 : 1));
    const rad = radiusOf(members.length);
    const share = keys.length > 1 ? (2 * Math.PI * rad) / (2 * total) : 0;
    angle += share;
    const cx = ring * Math.cos(angle), cy = ring * Math.sin(angle);
    angle += share;
    members.forEach((i, j) => {
      const rr = 6 * Math.sqrt(j);
      out[i] = { x: Number((cx + rr * Math.cos(j * golden)).toFixed(2)), y: Number((cy + rr * Math.sin(j * golden)).toFixed(2)) };
    });
  }
  return out;
}

function networkChart(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions): { chart: Chart<NetworkData>; leaders: Set<string> } {
  const loaded = ctx.network;
  if (!loaded) return { chart: unavailable(b('the firm network could not be loaded from the workspace', '无法从工作区读取企业网络')), leaders: new Set() };
  const net = loaded.net;
  const members = new Set([...c.firmIds, ...c.institutionIds]);
  const inside = new Uint8Array(net.ids.length);
  let count = 0;
  for (let i = 0; i < net.ids.length; i++) if (members.has(net.ids[i])) { inside[i] = 1; count++; }
  if (count < 2) return { chart: unavailable(b('fewer than 2 of the candidate\'s firms and institutions are in the workspace', '候选内企业与机构少于 2 个')), leaders: new Set() };
  let arcs = 0;
  for (let k = 0; k < net.source.length; k++) if (inside[net.source[k]] && inside[net.target[k]]) arcs++;
  if (arcs === 0) return { chart: unavailable(b('no links among the candidate\'s firms and institutions', '候选内企业与机构之间没有联系')), leaders: new Set() };
  const sub: FirmNetwork = { ...net, inside };
  try {
    const deg = degreeCentrality(sub, { scope: 'inside', weight: 'count' });
    const lv = louvainCommunities(sub, { scope: 'inside', weight: 'count', seed: o.seed });
    const strength = new Map<number, number>();
    deg.value.nodes.forEach((node, p) => strength.set(node, deg.value.inStrength[p] + deg.value.outStrength[p]));
    const communityOf = new Map<number, number>();
    lv.value.nodes.forEach((node, p) => communityOf.set(node, lv.value.community[p]));
    // renumber communities by size (largest = 0); singletons → −1
    const sizes = new Map<number, number>();
    for (const cm of communityOf.values()) sizes.set(cm, (sizes.get(cm) ?? 0) + 1);
    const order = [...sizes.entries()].filter(([, s]) => s > 1).sort((a, bb) => bb[1] - a[1] || a[0] - bb[0]).map(([cm]) => cm);
    const rank = new Map(order.map((cm, k) => [cm, k]));
    const all = [...strength.keys()];
    const firmsByStrength = all.filter((i) => net.kind[i] === 0).sort((a, bb) => strength.get(bb)! - strength.get(a)! || (net.ids[a] < net.ids[bb] ? -1 : 1));
    const leaders = new Set(firmsByStrength.filter((i) => strength.get(i)! > 0).slice(0, o.leaders).map((i) => net.ids[i]));
    const institutions = all.filter((i) => net.kind[i] === 1);
    const keep = [...institutions, ...firmsByStrength].slice(0, Math.max(o.maxNetworkNodes, institutions.length));
    const kept = new Set(keep);
    const nodeBase = keep.map((i) => ({
      id: net.ids[i], name: ctx.networkNames.get(net.ids[i]) ?? null, kind: net.kind[i] === 1 ? 'institution' as const : 'firm' as const,
      institutionType: net.institutionType[i], community: rank.get(communityOf.get(i) ?? -1) ?? -1, leader: leaders.has(net.ids[i]), strength: strength.get(i) ?? 0,
    }));
    const pos = layout(nodeBase);
    const nodes = nodeBase.map((n, k) => ({ ...n, ...pos[k] }));
    const links: NetworkData['links'] = [];
    for (let k = 0; k < net.source.length; k++) {
      const s = net.source[k], t = net.target[k];
      if (kept.has(s) && kept.has(t) && s !== t) links.push({ source: net.ids[s], target: net.ids[t], type: LINK_TYPES[net.type[k]] ?? String(net.type[k]), value: num(net.value[k]) });
    }
    const notes: Bilingual[] = [];
    const MAX_LINKS = 2000;
    if (links.length > MAX_LINKS) {
      notes.push(b(`drawing ${MAX_LINKS} of ${links.length} links`, `绘制 ${links.length} 条联系中的 ${MAX_LINKS} 条`));
      links.length = MAX_LINKS;
    }
    if (keep.length < all.length) notes.push(b(`showing the ${keep.length} most connected of ${all.length} nodes`, `显示 ${all.length} 个节点中联系最多的 ${keep.length} 个`));
    return {
      chart: {
        available: true,
        data: { nodes, links, communities: order.length, modularity: num(lv.value.modularity), leaders: [...leaders], totalNodes: all.length },
        params: { communities: 'Louvain', resolution: 1, seed: o.seed, weight: 'link count', leaders: o.leaders },
        source: b('links among the candidate\'s firms and institutions', '候选内企业与机构之间的联系'),
        notes,
      },
      leaders,
    };
  } catch (e) {
    return { chart: unavailable(b(`network measures not computed: ${errorText(e)}`, `无法计算网络指标：${errorText(e)}`)), leaders: new Set() };
  }
}

function chainChart(ctx: Context, c: DiagnosedCandidate, firms: FirmRow[], o: ResolvedOptions): Chart<ChainData> {
  if (!ctx.templates.length) return unavailable(b('no value-chain templates (chainTemplates) in the project', '项目中没有产业链模板（chainTemplates）'));
  if (!ctx.network) return unavailable(b('the firm network could not be loaded from the workspace', '无法从工作区读取企业网络'));
  const overlap = (t: ChainTemplate): number => t.stages.reduce((a, s) => a + s.industries.filter((code) => c.industries.some((x) => x.startsWith(code) || code.startsWith(x))).length, 0);
  const scored = ctx.templates.map((t) => ({ t, s: overlap(t) })).filter((x) => x.s > 0).sort((a, bb) => bb.s - a.s || (a.t.id < bb.t.id ? -1 : 1));
  if (!scored.length) return unavailable(b(`no chain template covers the industries ${c.industries.join(', ')}`, `没有产业链模板覆盖行业 ${c.industries.join('、')}`));
  const template = scored[0].t;
  const pts = firms.filter(located);
  const center = c.place.center ?? (pts.length ? [pts.reduce((a, f) => a + f.lon, 0) / pts.length, pts.reduce((a, f) => a + f.lat, 0) / pts.length] as [number, number] : null);
  if (!center) return unavailable(b('the candidate has no centre (no located firms)', '候选没有中心点（无有坐标的企业）'));
  const loaded = ctx.network;
  const inside = new Uint8Array(loaded.net.ids.length);
  for (let i = 0; i < inside.length; i++) inside[i] = Number.isFinite(loaded.lon[i]) && haversineKm(center[0], center[1], loaded.lon[i], loaded.lat[i]) <= o.chainRadiusKm ? 1 : 0;
  const size = Float64Array.from(loaded.employees, (x) => (Number.isFinite(x) ? x : 0));
  try {
    const cc = chainCompleteness({ ...loaded.net, inside }, loaded.industry, size, template, { weight: 'count' });
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
  } catch (e) {
    return unavailable(b(`chain completeness not computed: ${errorText(e)}`, `无法计算产业链完整度：${errorText(e)}`));
  }
}

function shiftShareChart(ctx: Context, c: DiagnosedCandidate): Chart<ShiftShareData> {
  const st = ctx.stats;
  if (!st) return unavailable(ctx.statsReason ?? b('no regional statistics', '没有地区统计'));
  let cols = st.industries.map((code, j) => ({ code, j })).filter(({ code }) => c.industries.some((x) => code.startsWith(x)));
  const notes: Bilingual[] = [];
  if (!cols.length) {
    cols = st.industries.map((code, j) => ({ code, j })).filter(({ code }) => c.industries.some((x) => x.startsWith(code)));
    if (cols.length) notes.push(b(`statistics are coarser than the candidate's industries: using ${cols.map((x) => x.code).join(', ')}`, `地区统计的行业比候选更粗，使用 ${cols.map((x) => x.code).join('、')}`));
  }
  if (!cols.length) return unavailable(b(`the regional statistics hold none of the industries ${c.industries.join(', ')}`, `地区统计中没有行业 ${c.industries.join('、')}`));
  const rIndex = new Map(st.regions.map((r, k) => [r, k]));
  const I = st.industries.length;
  const rows: ShiftShareRow[] = [];
  for (const region of c.place.regions) {
    const r = rIndex.get(region);
    if (r === undefined) continue;
    const row: ShiftShareRow = { region, name: ctx.regionName.get(region) ?? null, base: 0, final: 0, change: 0, nationalShare: 0, industryMix: 0, regionalShift: 0, competitiveEffect: st.em ? 0 : null, allocationEffect: st.em ? 0 : null };
    for (const { j } of cols) {
      const k = r * I + j;
      row.base += st.base[k]; row.final += st.final[k];
      row.change += st.ss.change[k]; row.nationalShare += st.ss.nationalShare[k]; row.industryMix += st.ss.industryMix[k]; row.regionalShift += st.ss.regionalShift[k];
      if (st.em) { row.competitiveEffect! += st.em.competitiveEffect[k]; row.allocationEffect! += st.em.allocationEffect[k]; }
    }
    rows.push(row);
  }
  if (!rows.length) return unavailable(b('none of the candidate\'s regions is in the regional statistics', '候选的地区都不在地区统计中'));
  const total: ShiftShareRow = { region: 'total', name: null, base: 0, final: 0, change: 0, nationalShare: 0, industryMix: 0, regionalShift: 0, competitiveEffect: st.em ? 0 : null, allocationEffect: st.em ? 0 : null };
  for (const r of rows) {
    total.base += r.base; total.final += r.final; total.change += r.change; total.nationalShare += r.nationalShare; total.industryMix += r.industryMix; total.regionalShift += r.regionalShift;
    if (st.em) { total.competitiveEffect! += r.competitiveEffect!; total.allocationEffect! += r.allocationEffect!; }
  }
  const round = (r: ShiftShareRow): ShiftShareRow => ({ ...r, base: numOr0(r.base), final: numOr0(r.final), change: numOr0(r.change), nationalShare: numOr0(r.nationalShare), industryMix: numOr0(r.industryMix), regionalShift: numOr0(r.regionalShift), competitiveEffect: num(r.competitiveEffect), allocationEffect: num(r.allocationEffect) });
  const MAX = 15;
  const shown = rows.sort((a, bb) => bb.base - a.base || (a.region < bb.region ? -1 : 1)).slice(0, MAX);
  if (rows.length > MAX) notes.push(b(`showing the ${MAX} largest of ${rows.length} regions; the total covers all`, `显示 ${rows.length} 个地区中规模最大的 ${MAX} 个；合计包括全部地区`));
  return {
    available: true,
    data: { baseYear: st.baseYear, finalYear: st.finalYear, variable: 'employment', industries: cols.map((x) => x.code), rows: shown.map(round), total: round(total), nationalGrowth: numOr0(st.ss.nationalGrowth) },
    params: { baseYear: st.baseYear, finalYear: st.finalYear, variable: 'employment', method: 'classic + Esteban-Marquillas' },
    source: b('regional statistics (employment)', '地区统计（就业人数）'),
    notes,
  };
}

/** The code's name, or its nearest listed ancestor's (the built-in GB/T list stops at some levels). */
function industryName(ctx: Context, code: string): Bilingual {
  let e = ctx.classification?.get(code);
  for (let n = code.length - 1; !e && n >= 2; n--) e = ctx.classification?.get(code.slice(0, n));
  return { zh: e?.name ?? code, en: e?.nameEn ?? e?.name ?? code };
}

function candidateLq(c: DiagnosedCandidate, lq: LqResult): number | null {
  if (c.indicators.lq !== undefined && Number.isFinite(c.indicators.lq)) return c.indicators.lq;
  if (!lq.ok || lq.total <= 0 || lq.groupTotal <= 0) return null;
  let g = 0, t = 0;
  for (const r of c.place.regions) { g += lq.groupByRegion.get(r) ?? 0; t += lq.totalByRegion.get(r) ?? 0; }
  return t > 0 ? (g / t) / (lq.groupTotal / lq.total) : null;
}

function resolve(options: CollectOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    seed: options.seed ?? 42, simulations: options.simulations ?? 99, permutations: options.permutations ?? 999, alpha: options.alpha ?? 0.05,
    weights: options.weights ?? 'queen', kdRmaxKm: options.kdRmaxKm ?? 200, threads: options.threads ?? defaultThreads(), chainRadiusKm: options.chainRadiusKm ?? 200,
    weakStageFirms: options.weakStageFirms ?? 3, leaders: options.leaders ?? 5, maxNetworkNodes: options.maxNetworkNodes ?? 250, maxMapFirms: options.maxMapFirms ?? 1500,
  };
  const bad = (field: string, value: unknown, what: string): never => {
    throw new InputError('E_OPTION', `collectReportData: ${field} must be ${what}, got ${String(value)}`, { field, value });
  };
  if (!Number.isInteger(o.seed)) bad('seed', o.seed, 'an integer');
  if (!(Number.isInteger(o.simulations) && o.simulations >= 0)) bad('simulations', o.simulations, 'an integer ≥ 0');
  if (!(Number.isInteger(o.permutations) && o.permutations >= 0)) bad('permutations', o.permutations, 'an integer ≥ 0');
  if (!(o.alpha > 0 && o.alpha < 1)) bad('alpha', o.alpha, 'in (0, 1)');
  if (!/^(queen|rook|knn:\d+)$/.test(o.weights)) bad('weights', o.weights, 'queen, rook or knn:K');
  if (!(o.kdRmaxKm > 0)) bad('kdRmaxKm', o.kdRmaxKm, '> 0');
  if (!(Number.isInteger(o.threads) && o.threads >= 1)) bad('threads', o.threads, 'an integer ≥ 1');
  if (!(o.chainRadiusKm > 0)) bad('chainRadiusKm', o.chainRadiusKm, '> 0');
  return o;
}

export async function collectReportData(ws: Workspace, candidates: readonly DiagnosedCandidate[], options: CollectOptions = {}): Promise<ReportData> {
  const o = resolve(options);
  const ctx = await loadContext(ws);
  const reports: CandidateReport[] = [];
  const portfolio: PortfolioData = { points: [], referenceGrowth: num(ctx.stats?.referenceGrowth ?? null), excluded: [] };
  for (const [k, c] of candidates.entries()) {
    const firms = candidateFirms(ctx, c);
    const lq = groupLq(ctx, c.industries, o);
    const net = networkChart(ctx, c, o);
    const ss = shiftShareChart(ctx, c);
    const d = c.diagnosis;
    reports.push({
      id: c.id, name: c.name,
      industries: c.industries.map((code) => ({ code, name: industryName(ctx, code) })),
      place: { kind: c.place.kind, regions: c.place.regions, park: c.place.park, center: c.place.center, radiusKm: num(c.place.radiusKm) },
      firms: c.firms, employment: c.employment,
      verdict: {
        label: d.concepts.label, stage: d.stage.stage, radiation: d.radiation.level, sentence: d.sentence,
        concepts: { concentration: d.concepts.concentration.holds, agglomeration: d.concepts.agglomeration.holds, chain: d.concepts.chain.holds, park: d.concepts.park.holds, cluster: d.concepts.cluster.holds },
      },
      evidence: d.evidence.map(cleanRow),
      role: { pillar: c.role.pillar, growth: num(c.role.growth), employmentShare: num(c.role.employmentShare), sentence: c.role.sentence, rows: c.role.rows.map(cleanRow) },
      radar: { scores: Object.fromEntries(Object.entries(d.stage.scores).map(([key, v]) => [key, num(v)])) as CandidateReport['radar']['scores'] },
      typology: { typology: d.typology.typology, rows: d.typology.rows.map(cleanRow) },
      map: mapChart(ctx, c, firms, lq, net.leaders, o),
      lorenz: lorenzChart(firms),
      kDensity: await kDensityChart(ctx, c, o),
      network: net.chart,
      chain: chainChart(ctx, c, firms, o),
      shiftShare: ss,
    });
    if (options.onRegions) {
      const own = new Set(c.place.regions);
      options.onRegions(c.id, ctx.regions.map((r) => {
        const e = lq.byRegion.get(r.code);
        return { code: r.code, name: r.name, lq: num(e?.lq), lisa: e?.lisa ?? null, pValue: num(e?.p), inCandidate: own.has(r.code) };
      }));
    }
    const lqValue = candidateLq(c, lq);
    // growth over the statistics' years (comparable with the reference line), else the diagnosis'
    const growth = ss.available && ss.data.total.base > 0 ? ss.data.total.final / ss.data.total.base - 1 : c.role.growth;
    if (lqValue === null || !Number.isFinite(lqValue)) portfolio.excluded.push({ id: c.id, reason: b('no location quotient', '无区位商') });
    else if (growth === null || !Number.isFinite(growth)) portfolio.excluded.push({ id: c.id, reason: b('no employment growth (needs regional statistics over two years)', '无就业增长率（需要两个年份以上的地区统计）') });
    else portfolio.points.push({ id: c.id, name: c.name, label: d.concepts.label, lq: numOr0(lqValue), growth: numOr0(growth), employment: c.employment });
    options.onProgress?.(k + 1, candidates.length);
  }
  const allPoints = candidates.flatMap((c) => (c.place.center ? [c.place.center] : []));
  const regionBox = ctx.regions.filter((r) => r.min_lon !== null).flatMap((r) => [[r.min_lon!, r.min_lat!], [r.max_lon!, r.max_lat!]] as [number, number][]);
  const overviewBox = bboxOf(regionBox.length ? regionBox : allPoints);
  const inputs = (await tableExists(ws, 'ingest_inputs')) ? await ws.all<{ kind: string; file: string; sha256: string }>('SELECT kind, file, sha256 FROM ingest_inputs ORDER BY kind') : [];
  const projectName = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'project'").then((r) => {
    try { return r.length ? (JSON.parse(r[0].value) as { name?: string }).name ?? null : null; } catch { return null; }
  });
  const title = options.title ?? (projectName ? { zh: projectName, en: projectName } : { zh: '产业集群诊断报告', en: 'Industrial cluster report' });
  return {
    version: REPORT_DATA_VERSION,
    title,
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    generator: { name: 'cluster-atlas', version: options.version ?? '0.1.0' },
    seed: o.seed,
    parameters: { simulations: o.simulations, permutations: o.permutations, alpha: o.alpha, weights: o.weights, kdRmaxKm: o.kdRmaxKm, chainRadiusKm: o.chainRadiusKm },
    inputs: inputs.map((i) => ({ kind: i.kind, file: i.file, sha256: i.sha256 })),
    regions: ctx.regionFeatures.length ? { type: 'FeatureCollection', features: ctx.regionFeatures } : null,
    parks: ctx.parks.length ? { type: 'FeatureCollection', features: ctx.parks.map((p) => ({ type: 'Feature', properties: { code: p.id, name: p.name }, geometry: { type: 'Polygon', coordinates: [p.ring] } })) } as AreaCollection : null,
    overview: {
      candidates: candidates.map((c) => ({ id: c.id, name: c.name, label: c.diagnosis.concepts.label, stage: c.diagnosis.stage.stage, center: c.place.center, radiusKm: num(c.place.radiusKm), hull: c.place.hull, firms: c.firms, employment: c.employment })),
      bbox: overviewBox,
    },
    portfolio: candidates.length === 0
      ? unavailable(b('no candidates', '没有候选'))
      : portfolio.points.length === 0
        ? unavailable(b('no candidate has both a location quotient and an employment growth rate', '没有同时具有区位商和就业增长率的候选'))
        : {
          available: true, data: portfolio,
          params: { growth: ctx.stats ? `${ctx.stats.baseYear}–${ctx.stats.finalYear}` : 'diagnosis', bubble: 'employment' },
          source: b('candidates: LQ (diagnosis or firms), employment growth (regional statistics)', '候选：区位商（诊断或企业数据）、就业增长（地区统计）'),
          notes: portfolio.excluded.map((x) => ({ en: `${x.id} left out: ${x.reason.en}`, zh: `${x.id} 未列入：${x.reason.zh}` })),
        },
    candidates: reports,
    warnings: [...new Set(ctx.warnings)],
  };
}

/** Evidence rows as JSON: non-finite values become null. */
function cleanRow<T extends { value: number | boolean | null; threshold: number | boolean | null }>(r: T): T {
  const fix = (v: number | boolean | null): number | boolean | null => (typeof v === 'number' ? num(v) : v);
  return { ...r, value: fix(r.value), threshold: fix(r.threshold) };
}
