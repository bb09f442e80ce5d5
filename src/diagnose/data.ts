/**
 * The workspace in columns, for the diagnosis: every firm, institution, link, region and park
 * read once (columnar DuckDB reads, no row objects), with links resolved to integer endpoints.
 *
 * Endpoints: a firm is its index k ∈ [0, firms); an institution j is −(j + 1); links whose
 * endpoint is in neither table are counted (`unresolvedLinks`) and left out, with a warning.
 */
import type { Workspace } from '../store/workspace.js';
import { LinkType } from '../model/link.js';

export const LINK_TYPES = LinkType.options;
export type LinkTypeName = (typeof LINK_TYPES)[number];
export const LT = Object.fromEntries(LINK_TYPES.map((t, i) => [t, i])) as Record<LinkTypeName, number>;

/** Business ties between firms (not memberships, services or finance from institutions). */
export const BUSINESS = new Set([LT.supply, LT.subcontract, LT.technology, LT.spinoff, LT.joint_rnd]);
/** Supply-chain ties (forward/backward links). */
export const CHAIN = new Set([LT.supply, LT.subcontract]);
export const INNOVATION = new Set([LT.technology, LT.joint_rnd]);

export const OWN = { local: 0, external_domestic: 1, foreign: 2, state: 3, unknown: 4 } as const;
const OWN_CODES: Record<string, number> = OWN;

/** Function bits. */
export const FN = { production: 1, rnd: 2, marketing: 4 } as const;

export interface DiagnosisData {
  firmCount: number;
  id: string[];
  /** Index into `industries`, −1 when unknown. */
  industry: Int32Array;
  industries: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Index into `regions`, −1 when unknown. */
  region: Int32Array;
  /** Index into `parks`, −1 when outside any park. */
  park: Int32Array;
  employees: Float64Array;
  revenue: Float64Array;
  output: Float64Array;
  /** Founding year, NaN when unknown. */
  founded: Float64Array;
  ownership: Uint8Array;
  /** Index of the parent firm, −1 when none or not in the data. */
  parent: Int32Array;
  patents: Float64Array;
  rdSpend: Float64Array;
  functions: Uint8Array;
  brand: Uint8Array;
  regions: { code: string[]; name: string[]; population: Float64Array };
  parks: { id: string[]; name: string[]; designated: Float64Array; region: (string | null)[] };
  institutions: { id: string[]; name: string[]; type: string[]; lon: Float64Array; lat: Float64Array; region: Int32Array; park: Int32Array };
  links: { source: Int32Array; target: Int32Array; type: Uint8Array; value: Float64Array; year: Float64Array };
  unresolvedLinks: number;
  /** The data's current year: the latest founding or link year. */
  currentYear: number;
  hasRegionalStats: boolean;
}

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

async function columns(ws: Workspace, sql: string): Promise<unknown[][]> {
  const reader = await ws.connection.runAndReadAll(sql);
  return reader.getColumns() as unknown[][];
}

export async function loadDiagnosisData(ws: Workspace): Promise<DiagnosisData> {
  const [rCode, rName, rPop] = await columns(ws, 'SELECT code, name, population FROM regions ORDER BY code');
  const regionIndex = new Map<string, number>((rCode as string[]).map((c, i) => [c, i]));
  const [pId, pName, pDesignated, pRegion] = await columns(ws, 'SELECT id, name, designated, region FROM parks ORDER BY id');
  const parkIndex = new Map<string, number>((pId as string[]).map((c, i) => [c, i]));

  const [fId, fIndustry, fLon, fLat, fRegion, fPark, fEmp, fRev, fOut, fFounded, fOwn, fParent, fPatents, fRd, fFunctions, fBrand] = await columns(ws,
    `SELECT id, industry, lon, lat, region, park, employees, revenue, output, founded, ownership, parent, patents, rd_spend,
            list_contains(functions, 'production')::INT + 2 * list_contains(functions, 'rnd')::INT + 4 * list_contains(functions, 'marketing')::INT,
            brand IS NOT NULL AND brand <> ''
       FROM firms ORDER BY id`);
  const n = fId.length;
  const firmIndex = new Map<string, number>();
  const id = fId as string[];
  for (let k = 0; k < n; k++) firmIndex.set(id[k], k);
  const industries = [...new Set((fIndustry as (string | null)[]).filter((c): c is string => c !== null))].sort();
  const industryIndex = new Map(industries.map((c, i) => [c, i]));
  const d: DiagnosisData = {
    firmCount: n, id, industries,
    industry: new Int32Array(n), lon: new Float64Array(n), lat: new Float64Array(n), region: new Int32Array(n), park: new Int32Array(n),
    employees: new Float64Array(n), revenue: new Float64Array(n), output: new Float64Array(n), founded: new Float64Array(n),
    ownership: new Uint8Array(n), parent: new Int32Array(n), patents: new Float64Array(n), rdSpend: new Float64Array(n),
    functions: new Uint8Array(n), brand: new Uint8Array(n),
    regions: { code: rCode as string[], name: (rName as (string | null)[]).map((s, i) => s ?? (rCode as string[])[i]), population: Float64Array.from(rPop as unknown[], num) },
    parks: { id: pId as string[], name: (pName as (string | null)[]).map((s, i) => s ?? (pId as string[])[i]), designated: Float64Array.from(pDesignated as unknown[], num), region: pRegion as (string | null)[] },
    institutions: { id: [], name: [], type: [], lon: new Float64Array(0), lat: new Float64Array(0), region: new Int32Array(0), park: new Int32Array(0) },
    links: { source: new Int32Array(0), target: new Int32Array(0), type: new Uint8Array(0), value: new Float64Array(0), year: new Float64Array(0) },
    unresolvedLinks: 0, currentYear: Number.NaN, hasRegionalStats: false,
  };
  let latest = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const ind = fIndustry[k] as string | null;
    d.industry[k] = ind === null ? -1 : industryIndex.get(ind)!;
    d.lon[k] = num(fLon[k]);
    d.lat[k] = num(fLat[k]);
    const r = fRegion[k] as string | null;
    d.region[k] = r === null ? -1 : (regionIndex.get(r) ?? -1);
    const p = fPark[k] as string | null;
    d.park[k] = p === null ? -1 : (parkIndex.get(p) ?? -1);
    d.employees[k] = num(fEmp[k]);
    d.revenue[k] = num(fRev[k]);
    d.output[k] = num(fOut[k]);
    d.founded[k] = num(fFounded[k]);
    if (d.founded[k] > latest) latest = d.founded[k];
    const o = fOwn[k] as string | null;
    d.ownership[k] = o === null ? OWN.unknown : (OWN_CODES[o] ?? OWN.unknown);
    const par = fParent[k] as string | null;
    d.parent[k] = par === null ? -1 : (firmIndex.get(par) ?? -1);
    d.patents[k] = num(fPatents[k]);
    d.rdSpend[k] = num(fRd[k]);
    d.functions[k] = Number(fFunctions[k] ?? 0);
    d.brand[k] = fBrand[k] ? 1 : 0;
  }

  const [iId, iName, iType, iLon, iLat, iRegion, iPark] = await columns(ws, 'SELECT id, name, type, lon, lat, region, park FROM institutions ORDER BY id');
  const m = iId.length;
  const instIndex = new Map<string, number>((iId as string[]).map((c, i) => [c, i]));
  d.institutions = {
    id: iId as string[], name: (iName as (string | null)[]).map((s, i) => s ?? (iId as string[])[i]), type: (iType as (string | null)[]).map((s) => s ?? 'other'),
    lon: Float64Array.from(iLon as unknown[], num), lat: Float64Array.from(iLat as unknown[], num),
    region: Int32Array.from(iRegion as (string | null)[], (r) => (r === null ? -1 : (regionIndex.get(r) ?? -1))),
    park: Int32Array.from(iPark as (string | null)[], (p) => (p === null ? -1 : (parkIndex.get(p) ?? -1))),
  };
  void m;

  const [lSource, lTarget, lType, lValue, lYear] = await columns(ws, 'SELECT source, target, type, value, year FROM links');
  const L = lSource.length;
  const src = new Int32Array(L);
  const tgt = new Int32Array(L);
  const typ = new Uint8Array(L);
  const val = new Float64Array(L);
  const yr = new Float64Array(L);
  let c = 0;
  const endpoint = (s: string): number | undefined => {
    const f = firmIndex.get(s);
    if (f !== undefined) return f;
    const i = instIndex.get(s);
    return i === undefined ? undefined : -(i + 1);
  };
  for (let k = 0; k < L; k++) {
    const s = endpoint(lSource[k] as string);
    const t = endpoint(lTarget[k] as string);
    const ty = LT[lType[k] as LinkTypeName];
    if (s === undefined || t === undefined || ty === undefined) { d.unresolvedLinks++; continue; }
    src[c] = s; tgt[c] = t; typ[c] = ty; val[c] = num(lValue[k]); yr[c] = num(lYear[k]);
    if (yr[c] > latest) latest = yr[c];
    c++;
  }
  d.links = { source: src.slice(0, c), target: tgt.slice(0, c), type: typ.slice(0, c), value: val.slice(0, c), year: yr.slice(0, c) };
  d.currentYear = Number.isFinite(latest) ? latest : new Date().getFullYear();
  const stats = await columns(ws, 'SELECT count(*) FROM regional_stats');
  d.hasRegionalStats = Number(stats[0][0]) > 0;
  return d;
}
