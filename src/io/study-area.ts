/**
 * The study area at ingest: points outside the regions' extent, and links whose end was itself
 * rejected.
 *
 * By default a firm or institution outside the extent is loaded with `in_study_area = false`
 * (a supplier in another province is evidence of external ties, not bad data); with
 * `strictArea` it is rejected as `outside_study_area`, as is, always, a point outside the extent
 * whose region code names a study region (the two disagree). A link to a rejected firm is
 * rejected as `unknown_link_end` with the firm's line and reason. See docs/ingest.md, "Outside
 * the study area".
 */
import { ident, lit, type Workspace } from '../store/workspace.js';
import type { RawTable } from './sources/types.js';

/** A row check of the validator (validate.ts runs them; this file adds the study-area ones). */
export interface RowCheck {
  field: string;
  reason: string;
  /** SQL condition over the parsed row `p` (and the joined table). */
  where: string;
  /** SQL for the reported value (defaults to the field's text). */
  value?: string;
  detail?: string;
  join?: string;
  /** SQL: the finding keeps the row (a flag, listed in the rejects), default false. */
  flag?: string;
}

/**
 * The checks of a point against the study-area box `b`. `outside` is the SQL condition of a
 * valid point outside the box, `region` the SQL of the row's region code ('NULL' when unmapped).
 */
export function outsideAreaChecks(
  b: readonly [number, number, number, number], outside: string, pair: string, region: string, strictArea: boolean, hasRegions: boolean,
): RowCheck[] {
  const extent = `outside the regions' extent [${b.map((v) => v.toFixed(3)).join(', ')}]`;
  if (strictArea) return [{ field: 'lon', reason: 'outside_study_area', where: outside, value: pair, detail: `${extent} (strict area)` }];
  if (region === 'NULL' || !hasRegions) return [];
  return [{
    field: 'lon', reason: 'outside_study_area', where: `${outside} AND ${region} IN (SELECT code FROM regions)`, value: pair,
    detail: `sql:${lit(`${extent}, but its region `)} || ${region} || ${lit(' is a study region')}`,
  }];
}

/** Temporary table of rejected firm and institution ids, read by the links' `unknown_link_end` check. */
const REJECTED_ENDS = 'ingest__rejected_ends';

/** The `unknown_link_end` check of one link end (SQL text `t`) against the loaded ends `endSet`. */
export async function linkEndCheck(ws: Workspace, end: string, t: string, endSet: string): Promise<RowCheck> {
  const where = `${t} IS NOT NULL AND ${t} NOT IN (${endSet})`;
  const known = (await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ${lit(REJECTED_ENDS)} AND temporary`)).length > 0;
  if (!known) return { field: end, reason: 'unknown_link_end', where, detail: 'no firm or institution with this id' };
  return {
    field: end, reason: 'unknown_link_end', where,
    detail: "sql:coalesce(re.detail, 'no firm or institution with this id')",
    join: `LEFT JOIN (SELECT id, min(detail) AS detail FROM ${REJECTED_ENDS} GROUP BY id) re ON re.id = ${t}`,
  };
}

/**
 * Remember the ids of the rejected firms or institutions (findings in table `errs`, rows in the quoted `parsed`,
 * id text in column `idColumn`) that are not loaded under that id, each with "the firm on line
 * 12 of firms.csv was rejected: <reason> (<detail>)", so that a link to one says why it has no end.
 */
export async function recordRejectedEnds(
  ws: Workspace, raw: RawTable, kind: 'firms' | 'institutions', errs: string, parsed: string, idColumn: string,
): Promise<void> {
  const rows = await ws.all<{ rid: number; id: string; reason: string; detail: string | null }>(
    `SELECT e.rid, p.${idColumn} AS id, first(e.reason ORDER BY e.field, e.reason) AS reason, first(e.detail ORDER BY e.field, e.reason) AS detail
     FROM ${ident(errs)} e JOIN ${parsed} p ON p.rowid = e.rid
     WHERE p.${idColumn} IS NOT NULL AND p.${idColumn} NOT IN (SELECT id FROM ${kind}) GROUP BY e.rid, p.${idColumn} ORDER BY e.rid`,
  );
  if (rows.length === 0) return;
  const lines = await raw.linesOf(rows.map((r) => Number(r.rid)));
  const noun = kind === 'firms' ? 'firm' : 'institution';
  await ws.run(`CREATE TEMP TABLE IF NOT EXISTS ${REJECTED_ENDS} (id VARCHAR, detail VARCHAR)`);
  await ws.append(REJECTED_ENDS, ['varchar', 'varchar'], rows.map((r, i) => [
    r.id, `the ${noun} on ${raw.lineUnit} ${lines[i]} of ${raw.file} was rejected: ${r.reason}${r.detail ? ` (${r.detail})` : ''}`,
  ]), { temp: true });
}
