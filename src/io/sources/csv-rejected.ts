/**
 * The records DuckDB's CSV reader rejected, read back in file order in chunks, and the rejects
 * they become (shared by the in-memory and the streamed CSV readers).
 */
import { ident, lit, type Workspace } from '../../store/workspace.js';
import type { Reject } from './types.js';

/**
 * DuckDB's rejected records, in file order. A record's position and text include the blank
 * lines before it: both are moved past them (CR and LF are one byte each), so the position is
 * the record's first line.
 */
export const REJECTED_RECORDS_SQL = (rejectsTable: string): string => `SELECT line_byte_position + length(regexp_extract(csv_line, '^[\r\n]*')) AS byte,
  column_name, error_type, ltrim(csv_line, chr(13) || chr(10)) AS csv_line, error_message FROM ${ident(rejectsTable)} ORDER BY line_byte_position`;

/** Records DuckDB rejected (several errors of one record count once per error). */
export async function rejectedCount(ws: Workspace, rejectsTable: string): Promise<number> {
  const exists = await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ${lit(rejectsTable)}`);
  if (!exists.length) return 0;
  const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${ident(rejectsTable)}`);
  return Number(n);
}

export interface RejectedRecord { byte: number; column_name: string | null; error_type: string; csv_line: string; error_message: string }

/** DuckDB's rejected records in file order, 50,000 at a time (REJECTED_RECORDS_SQL). */
export async function* rejectedRecords(ws: Workspace, rejectsTable: string): AsyncGenerator<RejectedRecord[]> {
  const sorted = ident(`${rejectsTable}__sorted`);
  await ws.run(`CREATE OR REPLACE TEMP TABLE ${sorted} AS SELECT row_number() OVER (ORDER BY byte) AS k, * FROM (${REJECTED_RECORDS_SQL(rejectsTable)}) ORDER BY k`);
  try {
    const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${sorted}`);
    for (let from = 0; from < Number(n); from += 50_000) {
      yield await ws.all<RejectedRecord>(`SELECT byte, column_name, error_type, csv_line, error_message FROM ${sorted} WHERE k > ${from} AND k <= ${from + 50_000} ORDER BY k`);
    }
  } finally {
    await ws.run(`DROP TABLE IF EXISTS ${sorted}`);
  }
}

/** The reject of one record DuckDB could not split, at `line`. */
export function structuralReject(r: RejectedRecord, label: string, line: number, own: (m: string) => string): Reject {
  return {
    file: label, line, field: r.column_name ?? '', value: (r.csv_line ?? '').length > 200 ? `${(r.csv_line ?? '').slice(0, 200)}…` : r.csv_line ?? '',
    reason: r.error_type === 'LINE SIZE OVER MAXIMUM' ? 'line_too_long' : 'malformed_row', detail: `${r.error_type.toLowerCase()}: ${own(r.error_message)}`,
  };
}

/**
 * Membership in an ascending list, for ascending queries (a pointer instead of a Set: millions of
 * rejected records would make a large Set).
 */
export function sortedMembership(sorted: readonly number[]): (x: number) => boolean {
  let p = 0;
  return (x) => {
    if (p > 0 && sorted[p - 1] > x) p = 0; // queries went back: start over
    while (p < sorted.length && sorted[p] < x) p++;
    return p < sorted.length && sorted[p] === x;
  };
}
