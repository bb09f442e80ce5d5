/**
 * The workspace as it stood in a past year: the loaded DiagnosisData filtered to what the data
 * dates as existing then, so that the same measurement and rules can be re-run on it.
 *
 * - A firm exists in year y when it was founded in or before y. A firm of unknown founding
 *   year cannot be dated and is kept in every snapshot (counted as undated evidence).
 * - A firm registered as closed (the register's 经营状态 注销/吊销/撤销, kept at ingest with
 *   register.closedFirms = "keep") has no closure date in the data: it is kept from its founding
 *   on, and counted. Firms that closed and were never recorded are missing from every snapshot
 *   (survivor bias; stated with every trajectory).
 * - A link exists in y when both its firm endpoints exist and its year is y or earlier; a link
 *   without a year is kept (undated) when its endpoints exist.
 * - Institutions and parks carry no year in the data model: they are kept in every snapshot. An
 *   institution counts only through its ties, and those are dated.
 * - Firm attributes (employees, output, patents, R&D, functions, brand, ownership) are today's
 *   values: the reconstruction dates presence and ties, not attributes.
 * - The snapshot's current year is y (new-firm rates count the five years before y).
 */
import type { DiagnosisData } from '../data.js';

export interface Snapshot {
  year: number;
  data: DiagnosisData;
  /** Index of each original firm in the snapshot, −1 when it did not exist yet. */
  firmIndex: Int32Array;
  /** Index of each original link in the snapshot, −1 when it did not exist yet. */
  linkIndex: Int32Array;
}

function pick<T extends Float64Array | Int32Array | Uint8Array>(a: T, keep: Int32Array, make: (n: number) => T): T {
  const out = make(keep.length);
  for (let i = 0; i < keep.length; i++) out[i] = a[keep[i]];
  return out;
}

/** The data filtered to firms founded by `year` (or undated) and links dated by `year` (or undated) between them. */
export function snapshotData(d: DiagnosisData, year: number): Snapshot {
  const firmIndex = new Int32Array(d.firmCount).fill(-1);
  const kept: number[] = [];
  for (let k = 0; k < d.firmCount; k++) {
    const f = d.founded[k];
    if (Number.isFinite(f) && f > year) continue;
    firmIndex[k] = kept.length;
    kept.push(k);
  }
  const keep = Int32Array.from(kept);
  const endpoint = (e: number): number => (e < 0 ? e : firmIndex[e]);
  const L = d.links.source.length;
  const linkIndex = new Int32Array(L).fill(-1);
  const links: number[] = [];
  for (let l = 0; l < L; l++) {
    const y = d.links.year[l];
    if (Number.isFinite(y) && y > year) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if ((a >= 0 && firmIndex[a] < 0) || (b >= 0 && firmIndex[b] < 0)) continue;
    linkIndex[l] = links.length;
    links.push(l);
  }
  const lk = Int32Array.from(links);
  const f64 = (n: number): Float64Array => new Float64Array(n);
  const i32 = (n: number): Int32Array => new Int32Array(n);
  const u8 = (n: number): Uint8Array => new Uint8Array(n);
  const parent = pick(d.parent, keep, i32).map((p) => (p >= 0 ? firmIndex[p] : -1));
  const data: DiagnosisData = {
    firmCount: keep.length,
    id: kept.map((k) => d.id[k]),
    industry: pick(d.industry, keep, i32),
    industries: d.industries,
    lon: pick(d.lon, keep, f64), lat: pick(d.lat, keep, f64),
    region: pick(d.region, keep, i32), park: pick(d.park, keep, i32), inArea: pick(d.inArea, keep, u8),
    employees: pick(d.employees, keep, f64), revenue: pick(d.revenue, keep, f64), output: pick(d.output, keep, f64),
    founded: pick(d.founded, keep, f64), ownership: pick(d.ownership, keep, u8), parent,
    patents: pick(d.patents, keep, f64), rdSpend: pick(d.rdSpend, keep, f64),
    functions: pick(d.functions, keep, u8), brand: pick(d.brand, keep, u8),
    regions: d.regions, parks: d.parks, institutions: d.institutions,
    links: {
      source: Int32Array.from(lk, (l) => endpoint(d.links.source[l])),
      target: Int32Array.from(lk, (l) => endpoint(d.links.target[l])),
      type: pick(d.links.type, lk, u8), value: pick(d.links.value, lk, f64), year: pick(d.links.year, lk, f64),
    },
    unresolvedLinks: d.unresolvedLinks,
    currentYear: year,
    hasRegionalStats: d.hasRegionalStats,
  };
  if (d.chainKnowledge !== undefined) data.chainKnowledge = d.chainKnowledge;
  return { year, data, firmIndex, linkIndex };
}

/** The earliest year the candidate's data can date: its earliest firm founding (NaN when none of its firms is dated). */
export function earliestYear(d: DiagnosisData, firms: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < firms.length; i++) { const f = d.founded[firms[i]]; if (f < min) min = f; }
  return Number.isFinite(min) ? min : Number.NaN;
}

/** Default snapshot years: the data's current year, then every `step` years back while not before `earliest`; ascending. */
export function defaultYears(currentYear: number, earliest: number, step = 5): number[] {
  const years: number[] = [];
  if (!Number.isFinite(earliest)) return [currentYear];
  for (let y = currentYear; y >= earliest; y -= step) years.push(y);
  if (years.length === 0) years.push(currentYear);
  return years.reverse();
}
