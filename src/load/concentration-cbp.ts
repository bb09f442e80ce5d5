/**
 * U.S. County Business Patterns extracts (Census API layout: GEO_ID, NAME, NAICS2017, ESTAB, EMP,
 * PAYANN, …; all values quoted; one trailing empty column) read into a workspace's
 * `regional_stats` and `regions` tables, and the helpers the concentration measures need on CBP.
 *
 * - Only the 3-digit (subsector) rows are loaded: CBP repeats every aggregate level (2–6 digits),
 *   so loading more than one level would count employment twice. "00" (all sectors) is skipped.
 * - A withheld EMP (empty or non-numeric) stays NULL, i.e. unknown, never 0.
 * - Region codes are the FIPS part of GEO_ID (5 digits for counties, 2 for states); `regions.level`
 *   is 'county' or 'state'.
 * Used by examples/cbp-concentration.ts and test/measures-concentration-cbp.test.ts; a future
 * `cluster-atlas fetch cbp` can write the same tables from the Census API.
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import { ident, lit, type Workspace } from '../store/workspace.js';
import type { RegionIndustryMatrix } from '../data/concentration-matrix.js';
import type { PlantMoments } from '../data/concentration-plants.js';

export interface CbpLoad {
  files: number;
  /** Rows in the files (all NAICS levels). */
  rows: number;
  /** 3-digit rows loaded into regional_stats. */
  loaded: number;
  /** 3-digit rows whose EMP was withheld (NULL). */
  withheld: number;
}

/** Create the minimal workspace tables (meta, regional_stats, regions) in an empty database. */
export async function createCbpTables(ws: Workspace): Promise<void> {
  await ws.run('CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  await ws.run("INSERT OR REPLACE INTO meta VALUES ('industry_code_system', 'NAICS 2017')");
  await ws.run('CREATE TABLE IF NOT EXISTS regional_stats (region VARCHAR, industry VARCHAR, year INTEGER, employment DOUBLE, output DOUBLE, establishments DOUBLE)');
  await ws.run('CREATE TABLE IF NOT EXISTS regions (code VARCHAR, name VARCHAR, parent VARCHAR, level VARCHAR)');
}

/** Read CBP CSV files of one geographic level into `raw_<level>`, `regional_stats` and `regions`. */
export async function loadCbpFiles(ws: Workspace, files: readonly string[], level: 'county' | 'state'): Promise<CbpLoad> {
  const raw = ident(`raw_${level}`);
  const list = `[${files.map(lit).join(', ')}]`;
  await ws.run(`CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM read_csv(${list}, header = true, all_varchar = true, null_padding = true, union_by_name = true)`);
  const sub = `FROM ${raw} WHERE regexp_matches(NAICS2017, '^[0-9]{3}$')`;
  await ws.run(`INSERT INTO regional_stats SELECT substr(GEO_ID, 10), NAICS2017, CAST(YEAR AS INTEGER), TRY_CAST(EMP AS DOUBLE), NULL, TRY_CAST(ESTAB AS DOUBLE) ${sub}`);
  await ws.run(`INSERT INTO regions SELECT substr(GEO_ID, 10), any_value(NAME), ${level === 'county' ? 'any_value(state)' : 'NULL'}, ${lit(level)} FROM ${raw} GROUP BY 1`);
  const [c] = await ws.all<{ rows: number; loaded: number; withheld: number }>(
    `SELECT (SELECT count(*) FROM ${raw})::BIGINT AS rows, count(*)::BIGINT AS loaded, count(*) FILTER (WHERE TRY_CAST(EMP AS DOUBLE) IS NULL)::BIGINT AS withheld ${sub}`);
  return { files: files.length, rows: Number(c.rows), loaded: Number(c.loaded), withheld: Number(c.withheld) };
}

/**
 * Plant moments when only cell totals exist: the n[r,i] establishments of a cell are taken as
 * equal-sized (e/n each), so Σx² = e²/n and Σx⁴ = e⁴/n³ per cell. Within-cell inequality is lost,
 * so the plant Herfindahl is a lower bound and EG γ an upper bound (it can exceed 1 for
 * industries of very few, very unequal establishments). Cells with unknown size or no
 * establishments add nothing. O(R·I).
 */
export function equalSizePlantMoments(size: RegionIndustryMatrix, establishments: RegionIndustryMatrix): PlantMoments {
  const I = size.industries.length;
  const p: PlantMoments = { industries: size.industries, count: new Float64Array(I), sum: new Float64Array(I), sumSquares: new Float64Array(I), sumFourth: new Float64Array(I) };
  const at = new Map(establishments.regions.map((r, k) => [r, k]));
  const col = new Map(establishments.industries.map((c, k) => [c, k]));
  const J = establishments.industries.length;
  for (let r = 0; r < size.regions.length; r++) {
    const er = at.get(size.regions[r]);
    if (er === undefined) continue;
    for (let i = 0; i < I; i++) {
      const ei = col.get(size.industries[i]);
      if (ei === undefined) continue;
      const e = size.values[r * I + i];
      const n = establishments.values[er * J + ei];
      if (!(n > 0) || Number.isNaN(e)) continue;
      p.count[i] += n;
      p.sum[i] += e;
      p.sumSquares[i] += (e * e) / n;
      p.sumFourth[i] += (e * e * e * e) / (n * n * n);
    }
  }
  return p;
}

/**
 * Plant moments from a plant-size Herfindahl supplied per industry (e.g. from the Census size
 * classes or an economic census): count = the establishments of the industry, sum = its size
 * total, Σx² = H · sum² so that the plant Herfindahl is H exactly; Σx⁴ is unknown (NaN), so the
 * EG variance, z and p are NaN. An industry without an H in the file is an InputError. O(R·I).
 */
export function herfindahlPlantMoments(size: RegionIndustryMatrix, establishments: RegionIndustryMatrix, herfindahl: ReadonlyMap<string, number>): PlantMoments {
  const base = equalSizePlantMoments(size, establishments);
  const missing = size.industries.filter((c) => !herfindahl.has(c));
  if (missing.length) throw new InputError('E_MAPPING', `--herfindahl: no plant Herfindahl for industr${missing.length > 1 ? 'ies' : 'y'} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`, { field: 'industry', value: missing });
  size.industries.forEach((c, i) => {
    const h = herfindahl.get(c)!;
    base.sumSquares[i] = h * base.sum[i] * base.sum[i];
    base.sumFourth[i] = Number.NaN;
  });
  return base;
}

/** A CSV of industry,herfindahl (header row; H in (0, 1]); a bad row names its line. */
export function readHerfindahlFile(file: string): Map<string, number> {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new InputError('E_FILE', `--herfindahl ${file}: ${(e as Error).message}`, { file }); }
  const recs = parseCsvRecords(text);
  const head = (recs[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const ci = head.indexOf('industry'), ch = head.indexOf('herfindahl');
  if (ci < 0 || ch < 0) throw new InputError('E_MAPPING', `--herfindahl ${file}: needs columns industry, herfindahl (found ${head.join(', ')})`, { file, line: 1 });
  const out = new Map<string, number>();
  recs.slice(1).forEach((r) => {
    const code = (r.cells[ci] ?? '').trim();
    const raw = (r.cells[ch] ?? '').trim();
    const h = Number(raw);
    if (!code || raw === '' || !(h > 0 && h <= 1)) throw new InputError('E_PARSE', `--herfindahl ${file}:${r.line}: herfindahl must be a number in (0, 1], got ${JSON.stringify(raw)}`, { file, line: r.line, field: 'herfindahl', value: raw });
    if (out.has(code)) throw new InputError('E_PARSE', `--herfindahl ${file}:${r.line}: industry ${code} appears twice`, { file, line: r.line, field: 'industry', value: code });
    out.set(code, h);
  });
  return out;
}

/**
 * Disclosure gaps: per region × 2-digit sector (with the ranges 31-33, 44-45, 48-49), the sector's
 * EMP minus the EMP of its listed subsectors. A positive gap means some subsector rows were withheld.
 */
export async function cbpSuppression(ws: Workspace, level: 'county' | 'state'): Promise<{ regionSectorPairs: number; pairsWithMissingSubsectors: number; sectorEmployment: number; employmentNotInListedSubsectors: number }> {
  const raw = ident(`raw_${level}`);
  const [r] = await ws.all<{ pairs: number; gapped: number; sector_emp: number; missing_emp: number }>(`
    WITH t AS (SELECT GEO_ID, NAICS2017 AS code, TRY_CAST(EMP AS DOUBLE) AS emp FROM ${raw}),
    sec AS (SELECT GEO_ID, code, emp FROM t WHERE (length(code) = 2 AND code <> '00') OR code IN ('31-33', '44-45', '48-49')),
    sub AS (SELECT GEO_ID, code, emp FROM t WHERE regexp_matches(code, '^[0-9]{3}$')),
    m AS (SELECT s.GEO_ID, s.code, s.emp, coalesce(sum(u.emp), 0) AS listed FROM sec s LEFT JOIN sub u ON u.GEO_ID = s.GEO_ID
          AND (CASE WHEN s.code LIKE '%-%' THEN substr(u.code, 1, 2) BETWEEN substr(s.code, 1, 2) AND substr(s.code, 4, 2) ELSE substr(u.code, 1, 2) = s.code END)
          GROUP BY s.GEO_ID, s.code, s.emp)
    SELECT count(*)::BIGINT AS pairs, count(*) FILTER (WHERE emp - listed > 0.5)::BIGINT AS gapped, sum(emp) AS sector_emp, sum(greatest(emp - listed, 0)) AS missing_emp FROM m`);
  return { regionSectorPairs: Number(r.pairs), pairsWithMissingSubsectors: Number(r.gapped), sectorEmployment: Number(r.sector_emp), employmentNotInListedSubsectors: Number(r.missing_emp) };
}
