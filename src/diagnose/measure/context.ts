/**
 * Per-run precomputations the indicators of every candidate share: the tie adjacency of each
 * firm, regional totals, the firms of each park and industry, the study area's patent rate, and
 * the K-density and Ellison–Glaeser caches. Built once by `measureContext` in named steps.
 *
 * Firms outside the study area (`inArea` 0) are in none of these totals, cross tables, benchmarks
 * or K-density backgrounds. Employment totals are over the firms with known employees; a firm of unknown employment adds
 * nothing and is counted in `employeesUnknown` (firm-sizes.ts's policy), and the run warns once.
 */
import { crossSizes, missingSizesWarning, type CrossSizes } from '../../data/firm-sizes.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { unlocatedNote } from './unlocated.js';

export interface MeasureOptions {
  /** K-density simulations per candidate industry group (0: K-density not measured). */
  kdSimulations?: number;
  seed?: number;
  /** Industry groups with more establishments than this are not K-density tested (EG γ decides). */
  kdMaxFirms?: number;
}

/** EG γ of one industry set (across all regions), with why it was not measured. */
export interface EgResult { gamma: number | undefined; pValue: number | undefined; note: string | null }

export interface MeasureContext {
  d: DiagnosisData;
  t: Thresholds;
  /** CSR adjacency of every firm: incident link indices. */
  adjStart: Int32Array;
  adjLinks: Int32Array;
  /** Known employment, and positive output (else revenue), per region. */
  regionEmp: Float64Array;
  regionOutput: Float64Array;
  /** Employment and output per region of the firms with known employees and a positive output: the labour-intensity benchmark. */
  regionLabourEmp: Float64Array;
  regionLabourOutput: Float64Array;
  /** Known employment of all firms. */
  totalEmp: number;
  /** Firms with unknown employees in the whole workspace. */
  employeesUnknown: number;
  /** Firms of each park, and of each industry. */
  parkFirms: Int32Array[];
  byIndustry: Int32Array[];
  /** Index of each industry code in `d.industries`. */
  industryIndex: Map<string, number>;
  /** Patents per firm of the whole workspace (the study area's benchmark), NaN without patent data. */
  patentsPerFirm: number;
  /** Known employment by region × industry and by park × industry (data/firm-sizes.ts), built once: a candidate's LQ and EG matrices are sums of their cells. */
  regionCross: CrossSizes;
  parkCross: CrossSizes;
  /** EG γ by industry set (sorted industry indices joined by ','). */
  eg: Map<string, EgResult>;
  /** K-density settings: simulations (0: not measured), seed, the largest group measured. */
  kd: { simulations: number; seed: number; maxFirms: number; cache: Map<string, boolean | undefined>; located: Int32Array; notes: string[] };
  /** Run-level warnings (missing employees in the workspace, K-density not computed). */
  notes: string[];
}

/** A firm's known employees, 0 when unknown (callers that need to know use `Number.isFinite`). */
export const knownEmployees = (d: DiagnosisData, k: number): number => (Number.isFinite(d.employees[k]) && d.employees[k] > 0 ? d.employees[k] : 0);

/** A firm's output, else its revenue, when positive; 0 otherwise. */
export const positiveOutput = (d: DiagnosisData, k: number): number => {
  const v = Number.isFinite(d.output[k]) ? d.output[k] : d.revenue[k];
  return Number.isFinite(v) && v > 0 ? v : 0;
};

/** CSR adjacency: adjStart[k]..adjStart[k+1] index the links incident to firm k in adjLinks. */
function tieAdjacency(d: DiagnosisData): { adjStart: Int32Array; adjLinks: Int32Array } {
  const n = d.firmCount;
  const deg = new Int32Array(n + 1);
  const L = d.links.source.length;
  for (let l = 0; l < L; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a >= 0) deg[a + 1]++;
    if (b >= 0 && b !== a) deg[b + 1]++;
  }
  for (let k = 0; k < n; k++) deg[k + 1] += deg[k];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let l = 0; l < L; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a >= 0) adj[fill[a]++] = l;
    if (b >= 0 && b !== a) adj[fill[b]++] = l;
  }
  return { adjStart: deg, adjLinks: adj };
}

/** Regional employment and output totals, the workspace's employment and its firms of unknown employment. */
function regionTotals(d: DiagnosisData): Pick<MeasureContext, 'regionEmp' | 'regionOutput' | 'regionLabourEmp' | 'regionLabourOutput' | 'totalEmp' | 'employeesUnknown'> {
  const R = d.regions.code.length;
  const out = {
    regionEmp: new Float64Array(R), regionOutput: new Float64Array(R), regionLabourEmp: new Float64Array(R), regionLabourOutput: new Float64Array(R),
    totalEmp: 0, employeesUnknown: 0,
  };
  for (let k = 0; k < d.firmCount; k++) {
    if (!d.inArea[k]) continue;
    const known = Number.isFinite(d.employees[k]);
    if (!known) out.employeesUnknown++;
    const e = knownEmployees(d, k);
    out.totalEmp += e;
    const r = d.region[k];
    if (r < 0) continue;
    out.regionEmp[r] += e;
    const o = positiveOutput(d, k);
    if (o > 0) {
      out.regionOutput[r] += o;
      if (known) { out.regionLabourEmp[r] += e; out.regionLabourOutput[r] += o; }
    }
  }
  return out;
}

/** Firm indices of each park and of each industry, ascending. */
function firmLists(d: DiagnosisData): { parkFirms: Int32Array[]; byIndustry: Int32Array[] } {
  const parks: number[][] = d.parks.id.map(() => []);
  const industries: number[][] = d.industries.map(() => []);
  for (let k = 0; k < d.firmCount; k++) {
    if (d.park[k] >= 0) parks[d.park[k]].push(k);
    if (d.industry[k] >= 0) industries[d.industry[k]].push(k);
  }
  return { parkFirms: parks.map((l) => Int32Array.from(l)), byIndustry: industries.map((l) => Int32Array.from(l)) };
}

/** Patents per firm over the firms with a known patent count; NaN without patent data. */
function studyAreaPatentRate(d: DiagnosisData): number {
  let firms = 0;
  let patents = 0;
  for (let k = 0; k < d.firmCount; k++) if (d.inArea[k] && Number.isFinite(d.patents[k])) { firms++; patents += d.patents[k]; }
  return firms > 0 ? patents / firms : Number.NaN;
}

export function measureContext(d: DiagnosisData, t: Thresholds, options: MeasureOptions = {}): MeasureContext {
  const totals = regionTotals(d);
  const inAreaFirms = Int32Array.from({ length: d.firmCount }, (_, k) => k).filter((k) => d.inArea[k] === 1);
  const notes: string[] = [];
  const missing = missingSizesWarning({ firms: d.firmCount, missing: totals.employeesUnknown, unplaced: 0, examples: [] }, 'employment', 'diagnose');
  if (missing !== null) notes.push(`${missing}; the employment shares of each candidate are over its firms with known employees`);
  const unlocated = unlocatedNote(d); // firms placed only at a region (register exports): the point-based measures say so
  if (unlocated !== null) notes.push(unlocated);
  return {
    d, t, ...tieAdjacency(d), ...totals, ...firmLists(d),
    industryIndex: new Map(d.industries.map((code, i) => [code, i])),
    patentsPerFirm: studyAreaPatentRate(d),
    // over the study area's firms only: an outside firm is in no cell, total or plant moment (not
    // even the "no region" row, whose firms are the rest of the study area in an LQ)
    regionCross: crossSizes({ rows: d.regions.code, row: d.region, industries: d.industries, industry: d.industry, size: d.employees, firms: inAreaFirms }),
    parkCross: crossSizes({ rows: d.parks.id, row: d.park, industries: d.industries, industry: d.industry, size: d.employees, firms: inAreaFirms }),
    eg: new Map(),
    kd: {
      simulations: options.kdSimulations ?? 0, seed: options.seed ?? 1, maxFirms: options.kdMaxFirms ?? 3000, cache: new Map(), notes: [],
      located: Int32Array.from({ length: d.firmCount }, (_, k) => k).filter((k) => d.inArea[k] === 1 && Number.isFinite(d.lon[k]) && Number.isFinite(d.lat[k])),
    },
    notes,
  };
}
