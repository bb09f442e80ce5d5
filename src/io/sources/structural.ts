/**
 * The reader's own rejects (records it could not split, unclosed quotes). A CSV file may have
 * millions of them, so the CSV readers keep them in a temporary DuckDB table and hand them on in
 * chunks; the other readers keep their few in `RawTable.structural`.
 */
import { ident, type Workspace } from '../../store/workspace.js';
import type { RejectSink } from '../reject-sink.js';
import type { RawTable, Reject } from './types.js';

/** Rows read back from DuckDB at a time. */
const CHUNK = 50_000;

/** How many rejects the reader made. */
export function structuralCount(raw: RawTable): number {
  return raw.structuralTable?.count ?? raw.structural.length;
}

/** The reader's rejects, in line order, chunk by chunk. */
export async function* structuralChunks(raw: RawTable): AsyncGenerator<Reject[]> {
  if (raw.structuralTable) yield* raw.structuralTable.rows();
  else if (raw.structural.length) yield raw.structural;
}

export async function emitStructural(raw: RawTable, sink: RejectSink): Promise<void> {
  for await (const chunk of structuralChunks(raw)) await sink.addAll(chunk);
}

const TYPES = ['bigint', 'varchar', 'integer', 'varchar', 'varchar', 'varchar', 'varchar'] as const;

/**
 * A temporary table of reader rejects: appended in chunks in any order, read back ordered by
 * line (ties in the order appended). Also keeps their lines, sorted, for the line arithmetic of
 * the CSV readers (4–8 bytes a reject).
 */
export class StructuralTable {
  count = 0;
  private lines: number[] = [];
  private sortedLines: Float64Array | undefined;
  private created = false;

  constructor(private readonly ws: Workspace, readonly table: string) {}

  async append(rows: readonly Reject[]): Promise<void> {
    if (!rows.length) return;
    if (!this.created) {
      await this.ws.run(`CREATE TEMP TABLE ${ident(this.table)} (seq BIGINT, file VARCHAR, line INTEGER, field VARCHAR, value VARCHAR, reason VARCHAR, detail VARCHAR)`);
      this.created = true;
    }
    const base = this.count;
    await this.ws.append(this.table, TYPES, rows.map((r, i) => [base + i, r.file, r.line, r.field, r.value, r.reason, r.detail ?? null]), { temp: true });
    this.count += rows.length;
    for (const r of rows) this.lines.push(r.line);
    this.sortedLines = undefined;
  }

  /** The lines of all rejects, ascending. */
  linesSorted(): Float64Array {
    this.sortedLines ??= Float64Array.from(this.lines).sort();
    return this.sortedLines;
  }

  async *rows(): AsyncGenerator<Reject[]> {
    if (!this.created) return;
    const sorted = `${this.table}__sorted`;
    await this.ws.run(`CREATE OR REPLACE TEMP TABLE ${ident(sorted)} AS SELECT row_number() OVER (ORDER BY line, seq) AS k, * FROM ${ident(this.table)} ORDER BY k`);
    try {
      for (let from = 0; from < this.count; from += CHUNK) {
        const got = await this.ws.all<{ file: string; line: number; field: string; value: string; reason: string; detail: string | null }>(
          `SELECT file, line, field, value, reason, detail FROM ${ident(sorted)} WHERE k > ${from} AND k <= ${from + CHUNK} ORDER BY k`,
        );
        yield got.map((r) => ({ file: r.file, line: r.line, field: r.field, value: r.value, reason: r.reason, ...(r.detail !== null ? { detail: r.detail } : {}) }));
      }
    } finally {
      await this.ws.run(`DROP TABLE IF EXISTS ${ident(sorted)}`);
    }
  }

  async drop(): Promise<void> {
    await this.ws.run(`DROP TABLE IF EXISTS ${ident(this.table)}`);
    this.created = false;
  }
}

/**
 * Line of the k-th (0-based) record of a file with one record per line, a header on line 1 and
 * the given reader-rejected lines (ascending) in between: the smallest L = k + 2 + #(rejected ≤ L).
 */
export function simpleRecordLine(k: number, rejected: Float64Array): number {
  let line = k + 2;
  for (;;) {
    const next = k + 2 + countAtMost(rejected, line);
    if (next === line) return line;
    line = next;
  }
}

function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}
