/**
 * Loads the firm network of a workspace (firms, institutions, links) into the typed `FirmNetwork`
 * the network measures take, and marks which nodes are inside a place.
 *
 * Places (`parsePlace`): `region:CODE` (region code equal to CODE or starting with it, so a
 * prefecture code covers its counties), `park:ID`, `radius:LON,LAT,KM` (great-circle distance
 * from a point, WGS 84 degrees), or `all`. Footprints (polygons from the point-pattern family) are
 * not read here yet: pass their firm ids with `place: { kind: 'ids', ids }`.
 * Links naming an id that is neither a firm nor an institution are skipped and counted in a
 * warning (ingest validates ids, so this only happens with hand-edited workspaces).
 */
import { InputError } from '../core/errors.js';
import { haversineKm } from '../core/geo/haversine-km.js';
import type { ChainTemplate } from '../model/chain-template.js';
import { LINK_TYPES, type FirmNetwork } from '../data/firm-network.js';
import type { Workspace } from '../store/workspace.js';

export type PlaceSpec =
  | { kind: 'all' }
  | { kind: 'region'; code: string }
  | { kind: 'park'; id: string }
  | { kind: 'radius'; lon: number; lat: number; km: number }
  | { kind: 'ids'; ids: string[] };

/** Parses `region:CODE`, `park:ID`, `radius:LON,LAT,KM` or `all`; throws E_OPTION otherwise. */
export function parsePlace(text: string): PlaceSpec {
  const t = text.trim();
  if (t === 'all') return { kind: 'all' };
  const [kind, ...rest] = t.split(':');
  const arg = rest.join(':').trim();
  if (kind === 'region' && arg) return { kind: 'region', code: arg };
  if (kind === 'park' && arg) return { kind: 'park', id: arg };
  if (kind === 'radius') {
    const parts = arg.split(',').map((s) => Number(s.trim()));
    const [lon, lat, km] = parts;
    if (parts.length === 3 && parts.every(Number.isFinite) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 && km > 0) return { kind: 'radius', lon, lat, km };
  }
  throw new InputError('E_OPTION', `--place ${JSON.stringify(text)}: expected region:CODE, park:ID, radius:LON,LAT,KM or all`, { field: 'place', value: text });
}

export interface LoadedFirmNetwork {
  net: FirmNetwork;
  /** Industry code per node (firms; institutions may have one too). */
  industry: (string | null)[];
  lon: Float64Array;
  lat: Float64Array;
  employees: Float64Array;
  output: Float64Array;
  revenue: Float64Array;
  place: PlaceSpec;
  firmsInside: number;
  institutionsInside: number;
  warnings: string[];
}

/** One query's columns (DuckDB's column arrays: no row objects for millions of firms). */
async function columns(ws: Workspace, sql: string): Promise<unknown[][]> {
  const reader = await ws.connection.runAndReadAll(sql);
  const cols = reader.getColumns() as unknown[][];
  // no rows: DuckDB gives no column arrays at all
  return reader.columnNames().map((_, k) => cols[k] ?? []);
}

const numOrNaN = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function loadFirmNetwork(ws: Workspace, place: PlaceSpec): Promise<LoadedFirmNetwork> {
  const [fId, fIndustry, fLon, fLat, fRegion, fPark, fEmp, fOut, fRev] = await columns(ws,
    'SELECT id, industry, lon, lat, region, park, employees, output, revenue FROM firms');
  const [iId, iType, iIndustry, iLon, iLat, iRegion, iPark] = await columns(ws, 'SELECT id, type, industry, lon, lat, region, park FROM institutions');
  const nFirms = fId.length;
  const N = nFirms + iId.length;
  const index = new Map<string, number>();
  const wanted = place.kind === 'ids' ? new Set(place.ids) : undefined;
  const net: FirmNetwork = {
    ids: new Array<string>(N), kind: new Uint8Array(N), institutionType: new Array<string | null>(N).fill(null), inside: new Uint8Array(N),
    source: new Int32Array(0), target: new Int32Array(0), type: new Uint8Array(0), value: new Float64Array(0),
  };
  const industry = new Array<string | null>(N).fill(null);
  const lon = new Float64Array(N).fill(Number.NaN);
  const lat = new Float64Array(N).fill(Number.NaN);
  const employees = new Float64Array(N).fill(Number.NaN);
  const output = new Float64Array(N).fill(Number.NaN);
  const revenue = new Float64Array(N).fill(Number.NaN);
  const insideOf = (id: string, region: unknown, park: unknown, x: number, y: number): boolean => {
    switch (place.kind) {
      case 'all': return true;
      case 'region': return region !== null && region !== undefined && String(region).startsWith(place.code);
      case 'park': return park !== null && park !== undefined && String(park) === place.id;
      case 'radius': return Number.isFinite(x) && Number.isFinite(y) && haversineKm(place.lon, place.lat, x, y) <= place.km;
      case 'ids': return wanted!.has(id);
    }
  };
  let firmsInside = 0;
  let institutionsInside = 0;
  for (let i = 0; i < N; i++) {
    const f = i < nFirms;
    const k = f ? i : i - nFirms;
    const id = String((f ? fId : iId)[k]);
    net.ids[i] = id;
    index.set(id, i);
    industry[i] = textOrNull((f ? fIndustry : iIndustry)[k]);
    lon[i] = numOrNaN((f ? fLon : iLon)[k]);
    lat[i] = numOrNaN((f ? fLat : iLat)[k]);
    const inside = insideOf(id, (f ? fRegion : iRegion)[k], (f ? fPark : iPark)[k], lon[i], lat[i]);
    net.inside[i] = inside ? 1 : 0;
    if (f) {
      employees[i] = numOrNaN(fEmp[k]);
      output[i] = numOrNaN(fOut[k]);
      revenue[i] = numOrNaN(fRev[k]);
      if (inside) firmsInside++;
    } else {
      net.kind[i] = 1;
      net.institutionType[i] = textOrNull(iType[k]);
      if (inside) institutionsInside++;
    }
  }
  const [lSource, lTarget, lType, lValue] = await columns(ws, 'SELECT source, target, type, value FROM links');
  const m = lSource.length;
  const source = new Int32Array(m);
  const target = new Int32Array(m);
  const type = new Uint8Array(m);
  const value = new Float64Array(m);
  let c = 0;
  let unknown = 0;
  for (let l = 0; l < m; l++) {
    const s = index.get(String(lSource[l]));
    const t = index.get(String(lTarget[l]));
    const ty = LINK_TYPES.indexOf(String(lType[l]) as never);
    if (s === undefined || t === undefined || ty < 0) { unknown++; continue; }
    source[c] = s; target[c] = t; type[c] = ty; value[c] = numOrNaN(lValue[l]); c++;
  }
  net.source = source.slice(0, c); net.target = target.slice(0, c); net.type = type.slice(0, c); net.value = value.slice(0, c);
  const warnings: string[] = [];
  if (unknown) warnings.push(`loadFirmNetwork: ${unknown} link(s) with an unknown endpoint or type skipped`);
  if (firmsInside === 0) warnings.push(`loadFirmNetwork: no firm inside the place ${JSON.stringify(place)}`);
  return { net, industry, lon, lat, employees, output, revenue, place, firmsInside, institutionsInside, warnings };
}

/**
 * The chain's "inside": firms within `radiusKm` of the place's centre — the given point for a
 * radius place, else the mean position of the firms inside the place (a planar mean of degrees,
 * adequate for one city or province). Firms without coordinates are outside.
 */
export function insideRadius(loaded: LoadedFirmNetwork, radiusKm: number): { inside: Uint8Array; center: [number, number] | null } {
  const { net, lon, lat, place } = loaded;
  let center: [number, number] | null = null;
  if (place.kind === 'radius') center = [place.lon, place.lat];
  else {
    let sx = 0, sy = 0, k = 0;
    for (let i = 0; i < net.ids.length; i++) if (net.inside[i] && Number.isFinite(lon[i]) && Number.isFinite(lat[i])) { sx += lon[i]; sy += lat[i]; k++; }
    if (k) center = [sx / k, sy / k];
  }
  const inside = new Uint8Array(net.ids.length);
  if (center) for (let i = 0; i < net.ids.length; i++) inside[i] = Number.isFinite(lon[i]) && haversineKm(center[0], center[1], lon[i], lat[i]) <= radiusKm ? 1 : 0;
  return { inside, center };
}

/** Chain templates stored in the workspace (chain_templates, chain_stages). */
export async function loadChainTemplates(ws: Workspace): Promise<ChainTemplate[]> {
  const t = await ws.all<{ id: string; name: string | null }>('SELECT id, name FROM chain_templates ORDER BY id');
  const s = await ws.all<{ template_id: string; stage_id: string; name: string | null; ord: number; role: string; industries: string[] }>(
    'SELECT template_id, stage_id, name, ord, role, industries FROM chain_stages ORDER BY template_id, ord, stage_id');
  return t.map((x) => ({
    id: x.id, name: x.name ?? undefined,
    stages: s.filter((r) => r.template_id === x.id).map((r) => ({ id: r.stage_id, name: r.name ?? undefined, order: r.ord, role: r.role === 'support' ? 'support' as const : 'vertical' as const, industries: r.industries })),
  }));
}
