/**
 * Regions from the built-in division table when the project gives no regions file: a register
 * export places its firms at GB/T 2260 divisions (by address or credit code, register-fields.ts),
 * and without a `regions` table of their own those places would be unknown to every zone-based
 * measure and candidate. When the user gives no regions input and most of the region codes the
 * loaded data refers to (firms, institutions, parks, regional statistics) are current divisions
 * of the shipped table (src/model/divisions, CC0, 2024 vintage), those divisions are written to
 * `regions` — code, Chinese name, parent, level (province / prefecture / county), no geometry;
 * the report's and the dashboard's maps draw them from the built-in base map where it has them.
 *
 * Only the codes referred to are written (not their ancestors: a province drawn under its own
 * prefectures would double the map). Codes outside the table stay as they are and are counted in
 * the warning; nothing is written when fewer than half the referring rows match (the codes are
 * then another system's, e.g. U.S. FIPS). A user's own regions file always takes precedence.
 */
import { cnDivisions } from '../model/divisions/cn-divisions.js';
import type { Workspace } from '../store/workspace.js';

export interface BuiltinRegionsResult {
  /** Divisions written to `regions`, by level. */
  written: { province: number; prefecture: number; county: number };
  /** Distinct referred codes not in the table (kept on their rows, in no region). */
  unknownCodes: number;
  /** Rows (firms, institutions, parks, statistics) whose region is one of those codes. */
  unknownRows: number;
}

const SOURCES: [table: string, label: string][] = [['firms', 'firms'], ['institutions', 'institutions'], ['parks', 'parks'], ['regional_stats', 'regional statistics']];

/** Fill `regions` from the shipped division table (see the header); null when it does not apply. */
export async function fillBuiltinRegions(ws: Workspace, warnings: string[]): Promise<BuiltinRegionsResult | null> {
  const [{ n: existing }] = await ws.all<{ n: number }>('SELECT count(*)::BIGINT AS n FROM regions');
  if (Number(existing) > 0) return null;
  const union = SOURCES.map(([t]) => `SELECT region FROM ${t} WHERE region IS NOT NULL`).join(' UNION ALL ');
  const refs = await ws.all<{ region: string; n: number }>(`SELECT region, count(*)::BIGINT AS n FROM (${union}) GROUP BY region ORDER BY region`);
  if (refs.length === 0) return null;
  const t = cnDivisions();
  let known = 0, unknownRows = 0, unknownCodes = 0;
  const rows: [string, string, string | null, string][] = [];
  for (const r of refs) {
    const d = t.byCode.get(r.region);
    if (d) { known += Number(r.n); rows.push([d.code, d.name, d.parent || null, d.level]); }
    else { unknownRows += Number(r.n); unknownCodes++; }
  }
  if (known === 0 || known < unknownRows) return null;
  await ws.run('CREATE TEMP TABLE builtin_regions__fill (code VARCHAR, name VARCHAR, parent VARCHAR, level VARCHAR)');
  await ws.append('builtin_regions__fill', ['varchar', 'varchar', 'varchar', 'varchar'], rows, { temp: true });
  await ws.run('INSERT INTO regions (code, name, parent, level) SELECT code, name, parent, level FROM builtin_regions__fill');
  await ws.run('DROP TABLE builtin_regions__fill');
  const written = { province: 0, prefecture: 0, county: 0 };
  for (const r of rows) written[r[3] as keyof typeof written]++;
  const levels = (['county', 'prefecture', 'province'] as const).filter((l) => written[l] > 0).map((l) => `${written[l]} ${written[l] === 1 ? l : l === 'county' ? 'counties' : `${l}s`}`).join(', ');
  warnings.push(`regions: no regions file; ${rows.length} divisions the data refers to taken from the built-in GB/T 2260 table (${t.vintage.slice(0, 4)} vintage): ${levels}; without polygons of their own, maps draw the built-in base map where it has them (provinces, prefectures)`);
  if (unknownCodes > 0) warnings.push(`regions: ${unknownCodes} region code(s) on ${unknownRows} row(s) are not current divisions of the built-in table: those rows are in no region (give a regions file, or correct the codes)`);
  return { written, unknownCodes, unknownRows };
}

/**
 * With a regions file: firms placed by address or credit code at a division the file does not
 * list (a prefecture, when the file lists counties) are in no region — counted here, so the
 * zone-based measures' silence about them is said at ingest.
 */
export async function reportUnlistedPlacements(ws: Workspace, warnings: string[]): Promise<number> {
  const rows = await ws.all<{ level: string; n: number }>(
    `SELECT place_level AS level, count(*)::BIGINT AS n FROM firms
     WHERE place_source IN ('address', 'credit_code') AND region IS NOT NULL AND region NOT IN (SELECT code FROM regions)
     GROUP BY place_level ORDER BY place_level`,
  );
  const total = rows.reduce((a, r) => a + Number(r.n), 0);
  if (total > 0) {
    warnings.push(`regions: ${total} firm(s) placed by address or credit code at divisions the regions file does not list (${rows.map((r) => `${Number(r.n)} at ${r.level} level`).join(', ')}): they are in no region, so the zone-based measures and region candidates leave them out; a regions file with those divisions, or finer addresses, places them`);
  }
  return total;
}
