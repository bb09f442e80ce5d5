/**
 * The report's reads of the workspace, done once per report: firms (with the columns the LQ
 * matrices take), region and park polygons, the firm network, chain templates, the
 * classification's names and the regional statistics' shift-share. Everything the chart modules
 * need from DuckDB is here; they compute from this context only.
 *
 * Named, expected conditions leave a part empty with a reason (no `links` table; fewer than two
 * years of statistics; an `InputError` of the shift-share or of the code system); any other
 * exception propagates.
 */
import type { AreaGeometry } from '../../core/geo/types.js';
import { bbox as geometryBbox } from '../../core/geo/index.js';
import { InputError } from '../../core/errors.js';
import { loadChainTemplates, loadFirmNetwork, type LoadedFirmNetwork } from '../../load/firm-network.js';
import { loadStatsPanel } from '../../load/region-industry.js';
import type { SpatialWeights } from '../../data/weights/index.js';
import type { PointPattern } from '../../data/point-pattern.js';
import type { SimulationRunner } from '../../runtime/simulation-worker.js';
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import { estebanMarquillas, shiftShare } from '../../measures/shift-share/index.js';
import { builtinClassification, type Classification } from '../../model/classifications/index.js';
import type { ChainTemplate } from '../../model/chain-template.js';
import type { CodeSystem } from '../../model/project.js';
import { lit, type Workspace } from '../../store/workspace.js';
import type { AreaFeature, Bilingual, LisaClass } from '../types.js';
import { builtinRegions } from './basemap.js';
import { b, notComputed, round5 } from './util.js';

export interface FirmRow { id: string; industry: string | null; lon: number | null; lat: number | null; region: string | null; employees: number | null }
export interface RegionRow { code: string; name: string | null; geometry: string | null; min_lon: number | null; min_lat: number | null; max_lon: number | null; max_lat: number | null }
export type LocatedFirm = FirmRow & { lon: number; lat: number };

export interface StatsContext {
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

/** LQ of an industry group in every region, with the LISA classes of those LQs (group-lq.ts). */
export interface LqResult {
  ok: boolean;
  reason?: Bilingual;
  /** code → LQ, LISA class, p. */
  byRegion: Map<string, { lq: number; lisa: LisaClass | null; p: number | null }>;
  moranI: number | null;
}

/** Shared state loaded once per workspace. */
export interface Context {
  ws: Workspace;
  /**
   * The firms in columns (no row object per firm: millions of firms), in id order: id, industry
   * (index into `industryCodes`, −1: none), position (NaN: none), region (index into
   * `firmRegions`, −1: none), employees (NaN: unknown). `candidateFirms` builds the rows of one
   * candidate's firms.
   */
  firmIds: string[];
  firmIndex: Map<string, number>;
  industryCodes: string[];
  firmIndustry: Int32Array;
  firmLon: Float64Array;
  firmLat: Float64Array;
  /** The study-area firms' region codes (sorted, distinct), each firm's index into it (−1: none or outside the study area) and its employees (NaN: unknown). */
  firmRegions: string[];
  firmRegion: Int32Array;
  firmEmployees: Float64Array;
  /** The located firms in the study area (finite lon/lat, not `in_study_area = false`), by firm index in id order. */
  locatedFirms: Int32Array;
  /** The workspace's regions; a row drawn from the built-in base map has that polygon's bounding box (its `geometry` stays null). */
  regions: RegionRow[];
  /** Codes of the regions drawn on the maps: their own polygon, else the built-in one (collect/basemap.ts). */
  drawnRegions: Set<string>;
  /** Codes drawn from the built-in base map (regions and outline): their maps carry the base map's caption. */
  builtinRegions: Set<string>;
  /** Built-in province/prefecture outline drawn under the firms when no region has a polygon (rows with no LQ). */
  outline: RegionRow[];
  /** Spatial weights geometry: the user's own polygons only. */
  regionName: Map<string, string | null>;
  regionGeometry: Map<string, AreaGeometry | null>;
  regionFeatures: AreaFeature[];
  parks: { id: string; name: string | null; ring: [number, number][]; bbox: [number, number, number, number] }[];
  /** Null when the workspace has no links or institutions table (NO_NETWORK says so). */
  network: LoadedFirmNetwork | null;
  /** The network node of each firm (by firm index; −1: none) and of each institution (by id). */
  firmNode: Int32Array;
  institutionNode: Map<string, number>;
  /** The network nodes' employees with unknown as 0 (the chain chart's sizes), built on first use. */
  nodeSizes?: Float64Array;
  templates: ChainTemplate[];
  classification: Classification | null;
  stats: StatsContext | null;
  statsReason: Bilingual | null;
  lqCache: Map<string, LqResult>;
  /** The located firms as one shared-memory point pattern and each firm's position in it (−1: not located); built by k-density.ts on first use. */
  kdBase?: { pattern: PointPattern; position: Int32Array };
  /** Worker threads for the simulations (one pool for the whole report), or null: in this thread. */
  runner: SimulationRunner | null;
  /** Spatial weights by region set (most groups share the set of regions with firms). */
  weightsCache: Map<string, SpatialWeights>;
  warnings: string[];
}

/** A stored polygon (GeoJSON text written by ingest), or null for none or another geometry type. */
export function parseArea(g: string | null): AreaGeometry | null {
  if (!g) return null;
  const geom = JSON.parse(g) as AreaGeometry;
  return geom.type === 'Polygon' || geom.type === 'MultiPolygon' ? geom : null;
}

/** Round coordinates to 5 decimals (~1 m) to keep the embedded map small. */
function roundGeometry(g: AreaGeometry): AreaGeometry {
  const r = (c: readonly number[]): number[] => [round5(c[0]), round5(c[1])];
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(r)) } as AreaGeometry;
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((ring) => ring.map(r))) } as AreaGeometry;
}

/** Why the network and chain charts are not available when `Context.network` is null. */
export const NO_NETWORK = b('the workspace has no firm network (no links or institutions table)', '工作区没有企业网络（缺少 links 或 institutions 表）');

export async function tableExists(ws: Workspace, name: string): Promise<boolean> {
  return (await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${name}'`)).length > 0;
}

export function located(f: FirmRow): f is LocatedFirm {
  return f.lon !== null && f.lat !== null && Number.isFinite(f.lon) && Number.isFinite(f.lat);
}

/** The rows of a candidate's firms (those in the workspace), in the candidate's order. */
export function candidateFirms(ctx: Context, c: DiagnosedCandidate): FirmRow[] {
  const out: FirmRow[] = [];
  for (const id of c.firmIds) {
    const k = ctx.firmIndex.get(id);
    if (k === undefined) continue;
    const ind = ctx.firmIndustry[k];
    const reg = ctx.firmRegion[k];
    const lon = ctx.firmLon[k], lat = ctx.firmLat[k], emp = ctx.firmEmployees[k];
    out.push({
      id, industry: ind < 0 ? null : ctx.industryCodes[ind], region: reg < 0 ? null : ctx.firmRegions[reg],
      lon: Number.isNaN(lon) ? null : lon, lat: Number.isNaN(lat) ? null : lat, employees: Number.isNaN(emp) ? null : emp,
    });
  }
  return out;
}

/** Names of firms and institutions by id, read from the workspace for the ids asked (a network's drawn nodes). */
export async function namesOf(ctx: Context, ids: readonly string[]): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  if (!ids.length) return names;
  const list = ids.map((id) => lit(id)).join(', ');
  for (const table of ['firms', 'institutions']) {
    const [id = [], name = []] = (await ctx.ws.connection.runAndReadAll(`SELECT id, name FROM ${table} WHERE id IN (${list})`)).getColumns() as unknown[][];
    for (let k = 0; k < id.length; k++) names.set(String(id[k]), name[k] === null || name[k] === undefined ? null : String(name[k]));
  }
  return names;
}

/** The code's name, or its nearest listed ancestor's (the built-in GB/T list stops at some levels). */
export function industryName(ctx: Context, code: string): Bilingual {
  let e = ctx.classification?.get(code);
  for (let n = code.length - 1; !e && n >= 2; n--) e = ctx.classification?.get(code.slice(0, n));
  return { zh: e?.name ?? code, en: e?.nameEn ?? e?.name ?? code };
}

export async function loadContext(ws: Workspace): Promise<Context> {
  const warnings: string[] = [];
  // firms outside the study area (ingest keeps them with their ties, in_study_area = false; older
  // workspaces have no such column) are in the networks but never in an LQ map or a K-density background
  const hasArea = (await ws.all(`SELECT 1 FROM duckdb_columns() WHERE table_name = 'firms' AND column_name = 'in_study_area'`)).length > 0;
  const [idCol = [], industryCol = [], lonCol = [], latCol = [], regionCol = [], employeesCol = [], inAreaCol = []] = (await ws.connection.runAndReadAll(
    `SELECT id, industry, lon, lat, region, employees, ${hasArea ? 'coalesce(in_study_area, true)' : 'true'} FROM firms ORDER BY id`)).getColumns() as unknown[][];
  const n = idCol.length;
  const firmIds = new Array<string>(n);
  for (let k = 0; k < n; k++) firmIds[k] = String(idCol[k]);
  const codeIndex = (col: unknown[]): { codes: string[]; index: Int32Array } => {
    const codes = [...new Set(col.flatMap((v) => (v === null || v === undefined || v === '' ? [] : [String(v)])))].sort();
    const at = new Map(codes.map((code, k) => [code, k]));
    const index = new Int32Array(n);
    for (let k = 0; k < n; k++) { const v = col[k]; index[k] = v === null || v === undefined || v === '' ? -1 : at.get(String(v))!; }
    return { codes, index };
  };
  const { codes: industryCodes, index: firmIndustry } = codeIndex(industryCol);
  const outside = (k: number): boolean => inAreaCol[k] === false;
  const { codes: firmRegions, index: firmRegion } = codeIndex(regionCol.map((v, k) => (outside(k) ? null : v)));
  const numbers = (col: unknown[]): Float64Array => Float64Array.from(col, (v) => (v === null || v === undefined ? Number.NaN : Number(v)));
  const firmLon = numbers(lonCol);
  const firmLat = numbers(latCol);
  const firmEmployees = numbers(employeesCol);
  const locatedList: number[] = [];
  for (let k = 0; k < n; k++) if (!outside(k) && Number.isFinite(firmLon[k]) && Number.isFinite(firmLat[k])) locatedList.push(k);
  const locatedFirms = Int32Array.from(locatedList);
  const ownRegions = await ws.all<RegionRow>('SELECT code, name, geometry, min_lon, min_lat, max_lon, max_lat FROM regions ORDER BY code');
  const regionGeometry = new Map(ownRegions.map((r) => [r.code, parseArea(r.geometry)]));
  const regionFeatures: AreaFeature[] = [];
  for (const r of ownRegions) {
    const g = regionGeometry.get(r.code);
    if (g) regionFeatures.push({ type: 'Feature', properties: { code: r.code, name: r.name }, geometry: roundGeometry(g) as AreaFeature['geometry'] });
  }
  // regions without a polygon of their own: the built-in base map (the user's polygons win)
  let firmsBox: [number, number, number, number] | null = null;
  for (const k of locatedFirms) {
    const x = firmLon[k], y = firmLat[k];
    firmsBox = firmsBox ? [Math.min(firmsBox[0], x), Math.min(firmsBox[1], y), Math.max(firmsBox[2], x), Math.max(firmsBox[3], y)] : [x, y, x, y];
  }
  const base = builtinRegions(ownRegions, (code) => regionGeometry.get(code) != null, firmsBox);
  const regions = base.regions;
  regionFeatures.push(...base.features, ...base.outlineFeatures);
  warnings.push(...base.warnings);
  const drawnRegions = new Set(regions.filter((r) => regionGeometry.get(r.code) != null || base.builtin.has(r.code)).map((r) => r.code));
  const parkRows = await ws.all<{ id: string; name: string | null; geometry: string | null }>('SELECT id, name, geometry FROM parks ORDER BY id');
  const parks: Context['parks'] = [];
  for (const p of parkRows) {
    const g = parseArea(p.geometry);
    if (!g) continue;
    const outer = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0]) as number[][];
    parks.push({ id: p.id, name: p.name, ring: outer.map((c) => [round5(c[0]), round5(c[1])]), bbox: geometryBbox(g as never) as [number, number, number, number] });
  }
  let network: Context['network'] = null;
  const firmIndex = new Map(firmIds.map((id, k) => [id, k]));
  const firmNode = new Int32Array(n).fill(-1);
  const institutionNode = new Map<string, number>();
  if ((await tableExists(ws, 'links')) && (await tableExists(ws, 'institutions'))) {
    network = await loadFirmNetwork(ws, { kind: 'ids', ids: [] });
    const { ids, kind } = network.net;
    for (let i = 0; i < ids.length; i++) {
      if (kind[i] === 1) institutionNode.set(ids[i], i);
      else { const k = firmIndex.get(ids[i]); if (k !== undefined) firmNode[k] = i; }
    }
  } else warnings.push('report: the workspace has no links or institutions table: no network or value-chain charts');
  const templates = (await tableExists(ws, 'chain_templates')) ? await loadChainTemplates(ws) : [];
  let classification: Classification | null = null;
  const sys = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'industry_code_system'");
  if (sys.length) {
    try {
      classification = builtinClassification(sys[0].value as CodeSystem);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      warnings.push(`report: industry names not shown (${e.code}): ${e.message}`);
    }
  }
  const { stats, reason } = await loadStats(ws, warnings);
  return {
    ws, firmIds, firmIndex, industryCodes, firmIndustry, firmLon, firmLat, firmRegions, firmRegion, firmEmployees, locatedFirms,
    regions, drawnRegions, builtinRegions: base.builtin, outline: base.outline, regionName: new Map(regions.map((r) => [r.code, r.name])), regionGeometry, regionFeatures, parks,
    network, firmNode, institutionNode, templates, classification, stats, statsReason: reason, lqCache: new Map(), runner: null, weightsCache: new Map(), warnings,
  };
}

/** Shift-share of employment between the first and last year of `regional_stats`. */
async function loadStats(ws: Workspace, warnings: string[]): Promise<{ stats: StatsContext | null; reason: Bilingual | null }> {
  const years = (await ws.all<{ year: number }>('SELECT DISTINCT year FROM regional_stats WHERE employment IS NOT NULL ORDER BY year')).map((r) => Number(r.year));
  if (years.length < 2) {
    return { stats: null, reason: years.length === 0 ? b('the workspace has no regional statistics (regional_stats) with employment', '工作区没有含就业人数的地区统计（regional_stats）') : b(`regional statistics cover one year only (${years[0]})`, `地区统计只有一个年份（${years[0]}）`) };
  }
  const baseYear = years[0];
  const finalYear = years[years.length - 1];
  let panel: Awaited<ReturnType<typeof loadStatsPanel>>;
  let ss: ReturnType<typeof shiftShare>;
  try {
    panel = await loadStatsPanel(ws, { variable: 'employment', baseYear, finalYear });
    ss = shiftShare(panel.value.base, panel.value.final, { missing: 'zero' });
  } catch (e) {
    return { stats: null, reason: notComputed(e, 'shift-share could not be computed', '无法计算偏离—份额分析') };
  }
  let em: StatsContext['em'] = null;
  try {
    em = estebanMarquillas(panel.value.base, panel.value.final, { missing: 'zero' }).value;
  } catch (e) {
    warnings.push(`report: ${notComputed(e, 'Esteban-Marquillas shift-share not computed', '').en}`);
  }
  warnings.push(...new Set(ss.warnings.map((w) => `report: shift-share: ${w}`)));
  // Align the raw base/final cells to the shift-share's regions × industries.
  const I = ss.value.industries.length;
  const base = new Float64Array(ss.value.regions.length * I);
  const final = new Float64Array(ss.value.regions.length * I);
  const cell = (m: typeof panel.value.base): ((r: string, c: string) => number) => {
    const ri = new Map(m.regions.map((r, k) => [r, k]));
    const ii = new Map(m.industries.map((c, k) => [c, k]));
    return (r, c) => {
      const x = ri.has(r) && ii.has(c) ? m.values[ri.get(r)! * m.industries.length + ii.get(c)!] : 0;
      return Number.isFinite(x) ? x : 0;
    };
  };
  const baseCell = cell(panel.value.base);
  const finalCell = cell(panel.value.final);
  ss.value.regions.forEach((r, a) => ss.value.industries.forEach((c, j) => {
    base[a * I + j] = baseCell(r, c);
    final[a * I + j] = finalCell(r, c);
  }));
  let b0 = 0, b1 = 0;
  for (let k = 0; k < base.length; k++) { b0 += base[k]; b1 += final[k]; }
  return { stats: { baseYear, finalYear, regions: ss.value.regions, industries: ss.value.industries, ss: ss.value, em, base, final, referenceGrowth: b0 > 0 ? b1 / b0 - 1 : null }, reason: null };
}
