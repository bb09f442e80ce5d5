/**
 * U.S. County Business Patterns (CBP) as regional statistics: `cluster-atlas fetch cbp`.
 *
 * Source: the Census Data API, dataset `cbp` (https://www.census.gov/data/developers/data-sets/cbp-zbp/cbp-api.html),
 * variables GEO_ID, NAME, NAICS2017, NAICS2017_LABEL, ESTAB, EMP, PAYANN, for counties (in one
 * state or all) or states. The API answers a JSON array of rows whose first row is the header;
 * the same table saved as CSV (as in the public extracts) is read too.
 *
 * What is written: a project directory with `regional_stats.csv` (region FIPS × NAICS × year:
 * employment, establishments, annual payroll in $1,000), `regions.csv` (FIPS code, name, parent
 * state, level) and `cluster-atlas.json` (code system NAICS 2017, currency USD), ready for
 * `cluster-atlas ingest`. One NAICS level is kept (`--naics-digits`, 2–6, default 3; 2 digits
 * include the sector ranges 31-33, 44-45, 48-49; the all-sectors total 00 is never kept): CBP
 * repeats every level, so mixing levels would count employment twice. A withheld cell (empty or
 * non-numeric EMP, or a row the Census leaves out for disclosure) stays unknown — an empty
 * cell that ingest stores as NULL — never zero.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import { writeProject } from './project-file.js';

export const CBP_YEARS = [2017, 2018, 2019, 2020, 2021] as const;
const FIELDS = ['GEO_ID', 'NAME', 'NAICS2017', 'ESTAB', 'EMP', 'PAYANN'] as const;

export interface CbpRow {
  region: string;
  name: string;
  /** State FIPS of a county; empty for a state. */
  parent: string;
  level: 'county' | 'state';
  naics: string;
  year: number;
  establishments: number | null;
  employment: number | null;
  payroll: number | null;
}

export function cbpApiUrl(options: { year: number; level: 'county' | 'state'; state?: string; key?: string }): string {
  const { year, level, state, key } = options;
  if (!(CBP_YEARS as readonly number[]).includes(year)) {
    throw new InputError('E_OPTION', `fetch cbp: --year must be one of ${CBP_YEARS.join(', ')} (the NAICS 2017 vintages of CBP), got ${year}`, { field: 'year', value: year });
  }
  if (state !== undefined && !/^\d{2}$/.test(state)) throw new InputError('E_OPTION', `fetch cbp: --state must be a 2-digit FIPS code (e.g. 21 for Kentucky), got ${state}`, { field: 'state', value: state });
  const geo = level === 'county' ? `for=county:*${state ? `&in=state:${state}` : ''}` : `for=state:${state ?? '*'}`;
  return `https://api.census.gov/data/${year}/cbp?get=GEO_ID,NAME,NAICS2017,NAICS2017_LABEL,ESTAB,EMP,PAYANN&${geo}${key ? `&key=${encodeURIComponent(key)}` : ''}`;
}

const count = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null;
  const x = Number(v);
  return Number.isFinite(x) && x >= 0 ? x : null;
};

/** NAICS codes of one level: 2 digits (with the sector ranges 31-33, 44-45, 48-49) … 6 digits. */
export function naicsLevelPattern(digits: number): RegExp {
  if (!(Number.isInteger(digits) && digits >= 2 && digits <= 6)) throw new InputError('E_OPTION', `fetch cbp: --naics-digits must be 2, 3, 4, 5 or 6, got ${digits}`, { field: 'naics-digits', value: digits });
  return digits === 2 ? /^(\d{2}|31-33|44-45|48-49)$/ : new RegExp(`^\\d{${digits}}$`);
}

/** Rows of a CBP table (header row first), from the API or a CSV export, to statistics at one NAICS level (default 3 digits). */
export function parseCbpTable(table: readonly (readonly (string | null)[])[], year: number, source: string, digits = 3): { rows: CbpRow[]; withheld: number; read: number } {
  const level = naicsLevelPattern(digits);
  const header = (table[0] ?? []).map((h) => String(h ?? '').trim());
  for (const f of FIELDS) {
    if (!header.includes(f)) throw new InputError('E_PARSE', `${source}: not a CBP table: no ${f} column (columns: ${header.join(', ')})`, { file: source, line: 1, field: f });
  }
  const at = (row: readonly (string | null)[], f: string): string | undefined => row[header.indexOf(f)] ?? undefined;
  const rows: CbpRow[] = [];
  let withheld = 0;
  table.slice(1).forEach((row, k) => {
    const naics = (at(row, 'NAICS2017') ?? '').trim();
    if (!level.test(naics) || naics === '00') return; // '00': the all-sectors total
    const geo = (at(row, 'GEO_ID') ?? '').trim();
    const m = /^0[45]00000US(\d{2})(\d{3})?$/.exec(geo);
    if (!m) throw new InputError('E_PARSE', `${source}:${k + 2}: GEO_ID ${JSON.stringify(geo)} is neither a state (0400000USss) nor a county (0500000USsscce)`, { file: source, line: k + 2, field: 'GEO_ID', value: geo });
    const employment = count(at(row, 'EMP'));
    if (employment === null) withheld++;
    rows.push({
      region: m[2] ? `${m[1]}${m[2]}` : m[1], name: (at(row, 'NAME') ?? '').trim(), parent: m[2] ? m[1] : '', level: m[2] ? 'county' : 'state',
      naics, year, establishments: count(at(row, 'ESTAB')), employment, payroll: count(at(row, 'PAYANN')),
    });
  });
  return { rows, withheld, read: table.length - 1 };
}

/** A CSV export of a CBP table (quoted cells, optional trailing empty column) as rows of cells. */
export function readCbpCsv(path: string): string[][] {
  return parseCsvRecords(readFileSync(path, 'utf8')).map((r) => r.cells);
}

const csv = (v: string | number | null): string => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Write the rows as a Cluster Atlas project (regional statistics + regions), atomically per file. */
export function writeCbpProject(rows: readonly CbpRow[], dir: string, note: string): { files: string[]; regions: number; cells: number } {
  mkdirSync(dir, { recursive: true });
  const put = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
    return path;
  };
  const seen = new Set<string>();
  const sorted = [...rows].sort((a, b) => a.region.localeCompare(b.region) || a.naics.localeCompare(b.naics) || a.year - b.year);
  const stats = ['region,industry,year,employment,establishments,payroll_thousand_usd'];
  for (const r of sorted) {
    const key = `${r.region}|${r.naics}|${r.year}`;
    if (seen.has(key)) continue; // the API never repeats a cell; a doubled extract would
    seen.add(key);
    stats.push([r.region, r.naics, r.year, r.employment, r.establishments, r.payroll].map(csv).join(','));
  }
  const regions = new Map<string, CbpRow>();
  for (const r of sorted) if (!regions.has(r.region)) regions.set(r.region, r);
  const regionLines = ['code,name,parent,level', ...[...regions.values()].map((r) => [r.region, r.name, r.parent, r.level].map(csv).join(','))];
  const files = [put('regional_stats.csv', `${stats.join('\n')}\n`), put('regions.csv', `${regionLines.join('\n')}\n`)];
  writeProject(join(dir, 'cluster-atlas.json'), {
    version: 1,
    name: `U.S. County Business Patterns (${note})`,
    industryCodeSystem: 'NAICS 2017',
    crs: 'WGS84',
    currency: 'USD',
    workspace: '.cluster-atlas/workspace.duckdb',
    inputs: {
      regions: { file: 'regions.csv', columns: { code: 'code', name: 'name', parent: 'parent', level: 'level' } },
      regionalStats: { file: 'regional_stats.csv', columns: { region: 'region', industry: 'industry', year: 'year', employment: 'employment', establishments: 'establishments' } },
    },
  });
  files.push(join(dir, 'cluster-atlas.json'));
  return { files, regions: regions.size, cells: stats.length - 1 };
}
