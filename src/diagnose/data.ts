/**
 * The workspace in columns, for the diagnosis: every firm, institution, link, region and park
 * read once (columnar DuckDB reads, no row objects), with links resolved to integer endpoints.
 *
 * Endpoints: a firm is its index k ∈ [0, firms); an institution j is −(j + 1); links whose
 * endpoint is in neither table are counted (`unresolvedLinks`) and left out, with a warning.
 */
import type { Workspace } from '../store/workspace.js';
import { LinkType } from '../model/link.js';
import type { ChainKnowledge } from './discover/tie-structure.js';

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
  /**
   * 1 for a firm inside the study area, 0 for one outside it (the workspace's `in_study_area`
   * column, written by ingest for partner firms beyond the study area's regions; a workspace
   * without the column has every firm inside). An outside firm never forms or joins a candidate
   * and is in no LQ, EG γ or CR denominator; its ties count wherever "outside" matters
   * (outflow, external ties, OEM inbound, technology inflow) and in the tie-structure test.
   */
  inArea: Uint8Array;
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
  /** IO table and chain templates that say which industries trade (discover/tie-structure.ts); set by the caller, absent when none. */
  chainKnowledge?: ChainKnowledge;
  /** The data's current year: the latest founding or link year. */
  currentYear: number;
  hasRegionalStats: boolean;
}

const num = (v: unknown): number => (v === null || v === undefined ? Number.NaN : Number(v));

async function columns(ws: Workspace, sql: string): Promise<unknown[][]> {
  const reader = await ws.connection.runAndReadAll(sql);
  const cols = reader.getColumns() as unknown[][];
  // an empty result has no chunks, hence no columns: give each column an empty array (a workspace without parks)
  return cols.length === reader.columnCount ? cols : Array.from({ length: reader.columnCount }, () => []);
}

export async function loadDiagnosisData(ws: Workspace): Promise<DiagnosisData> {
  // Strings become integer indices inside DuckDB (temporary tables, allowed on a read-only
  // workspace): converting a million strings to JavaScript is what a columnar read costs most.
  await ws.run(`CREATE OR REPLACE TEMP TABLE _dx_firm AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS k FROM firms`);
  await ws.run(`CREATE OR REPLACE TEMP TABLE _dx_ind AS SELECT industry, (row_number() OVER (ORDER BY industry) - 1)::INTEGER AS i FROM (SELECT DISTINCT industry FROM firms WHERE industry IS NOT NULL)`);
  await ws.run(`CREATE OR REPLACE TEMP TABLE _dx_reg AS SELECT code, (row_number() OVER (ORDER BY code) - 1)::INTEGER AS k FROM regions`);
  await ws.run(`CREATE OR REPLACE TEMP TABLE _dx_park AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS k FROM parks`);
  await ws.run(`CREATE OR REPLACE TEMP TABLE _dx_inst AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::INTEGER AS k FROM institutions`);
  try {
    const [rCode, rName, rPop] = await columns(ws, 'SELECT code, name, population FROM regions ORDER BY code');
    const [pId, pName, pDesignated, pRegion] = await columns(ws, 'SELECT id, name, designated, region FROM parks ORDER BY id');
    const [industryCol] = await columns(ws, 'SELECT industry FROM _dx_ind ORDER BY i');
    const [idCol] = await columns(ws, 'SELECT id FROM _dx_firm ORDER BY k');
    const areaCol = await columns(ws, "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'firms' AND column_name = 'in_study_area'");
    const area = Number(areaCol[0][0]) > 0 ? 'coalesce(f.in_study_area, true)::INT' : '1';
    const ownCase = Object.entries(OWN).filter(([name]) => name !== 'unknown').map(([name, code]) => `WHEN '${name}' THEN ${code}`).join(' ');
    const [fIndustry, fLon, fLat, fRegion, fPark, fEmp, fRev, fOut, fFounded, fOwn, fParent, fPatents, fRd, fFunctions, fBrand, fArea] = await columns(ws,
      `SELECT coalesce(ii.i, -1), f.lon, f.lat, coalesce(r.k, -1), coalesce(p.k, -1), f.employees, f.revenue, f.output, f.founded::DOUBLE,
              CASE f.ownership ${ownCase} ELSE ${OWN.unknown} END, coalesce(pf.k, -1), f.patents::DOUBLE, f.rd_spend,
              coalesce(list_contains(f.functions, 'production')::INT + 2 * list_contains(f.functions, 'rnd')::INT + 4 * list_contains(f.functions, 'marketing')::INT, 0),
              (f.brand IS NOT NULL AND f.brand <> '')::INT, ${area}
         FROM firms f JOIN _dx_firm fk ON f.id = fk.id
         LEFT JOIN _dx_ind ii ON f.industry = ii.industry LEFT JOIN _dx_reg r ON f.region = r.code
         LEFT JOIN _dx_park p ON f.park = p.id LEFT JOIN _dx_firm pf ON f.parent = pf.id
        ORDER BY fk.k`);
    const n = idCol.length;
    const d: DiagnosisData = {
      firmCount: n, id: idCol as string[], industries: industryCol as string[],
      industry: Int32Array.from(fIndustry as number[]), lon: Float64Array.from(fLon, num), lat: Float64Array.from(fLat, num),
      region: Int32Array.from(fRegion as number[]), park: Int32Array.from(fPark as number[]), inArea: Uint8Array.from(fArea as number[]),
      employees: Float64Array.from(fEmp, num), revenue: Float64Array.from(fRev, num), output: Float64Array.from(fOut, num),
      founded: Float64Array.from(fFounded, num), ownership: Uint8Array.from(fOwn as number[]), parent: Int32Array.from(fParent as number[]),
      patents: Float64Array.from(fPatents, num), rdSpend: Float64Array.from(fRd, num),
      functions: Uint8Array.from(fFunctions as number[]), brand: Uint8Array.from(fBrand as number[]),
      regions: { code: rCode as string[], name: (rName as (string | null)[]).map((x, i) => x ?? (rCode as string[])[i]), population: Float64Array.from(rPop as unknown[], num) },
      parks: { id: pId as string[], name: (pName as (string | null)[]).map((x, i) => x ?? (pId as string[])[i]), designated: Float64Array.from(pDesignated as unknown[], num), region: pRegion as (string | null)[] },
      institutions: { id: [], name: [], type: [], lon: new Float64Array(0), lat: new Float64Array(0), region: new Int32Array(0), park: new Int32Array(0) },
      links: { source: new Int32Array(0), target: new Int32Array(0), type: new Uint8Array(0), value: new Float64Array(0), year: new Float64Array(0) },
      unresolvedLinks: 0, currentYear: Number.NaN, hasRegionalStats: false,
    };
    let latest = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) if (d.founded[k] > latest) latest = d.founded[k];

    const [iId, iName, iType, iLon, iLat, iRegion, iPark] = await columns(ws,
      `SELECT i.id, i.name, i.type, i.lon, i.lat, coalesce(r.k, -1), coalesce(p.k, -1)
         FROM institutions i LEFT JOIN _dx_reg r ON i.region = r.code LEFT JOIN _dx_park p ON i.park = p.id ORDER BY i.id`);
    d.institutions = {
      id: iId as string[], name: (iName as (string | null)[]).map((x, i) => x ?? (iId as string[])[i]), type: (iType as (string | null)[]).map((x) => x ?? 'other'),
      lon: Float64Array.from(iLon as unknown[], num), lat: Float64Array.from(iLat as unknown[], num),
      region: Int32Array.from(iRegion as number[]), park: Int32Array.from(iPark as number[]),
    };

    const typeCase = LINK_TYPES.map((name, code) => `WHEN '${name}' THEN ${code}`).join(' ');
    const [lSource, lTarget, lType, lValue, lYear] = await columns(ws,
      `SELECT coalesce(fs.k, -1 - ins.k), coalesce(ft.k, -1 - itg.k), CASE l.type ${typeCase} ELSE -1 END, l.value, l.year::DOUBLE
         FROM links l LEFT JOIN _dx_firm fs ON l.source = fs.id LEFT JOIN _dx_inst ins ON l.source = ins.id
         LEFT JOIN _dx_firm ft ON l.target = ft.id LEFT JOIN _dx_inst itg ON l.target = itg.id`);
    const L = lSource.length;
    const src = new Int32Array(L);
    const tgt = new Int32Array(L);
    const typ = new Uint8Array(L);
    const val = new Float64Array(L);
    const yr = new Float64Array(L);
    let c = 0;
    for (let k = 0; k < L; k++) {
      const s = lSource[k] as number | null;
      const t = lTarget[k] as number | null;
      const ty = lType[k] as number;
      if (s === null || t === null || ty < 0) { d.unresolvedLinks++; continue; }
      src[c] = s; tgt[c] = t; typ[c] = ty; val[c] = num(lValue[k]); yr[c] = num(lYear[k]);
      if (yr[c] > latest) latest = yr[c];
      c++;
    }
    d.links = { source: src.slice(0, c), target: tgt.slice(0, c), type: typ.slice(0, c), value: val.slice(0, c), year: yr.slice(0, c) };
    d.currentYear = Number.isFinite(latest) ? latest : new Date().getFullYear();
    const stats = await columns(ws, 'SELECT count(*) FROM regional_stats');
    d.hasRegionalStats = Number(stats[0][0]) > 0;
    return d;
  } finally {
    for (const table of ['_dx_firm', '_dx_ind', '_dx_reg', '_dx_park', '_dx_inst']) await ws.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
