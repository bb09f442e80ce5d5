/**
 * Findings scale to millions: each one goes to the workspace's `rejects` table as it is found
 * (appended in chunks), and `rejects.csv` is written from that table in chunks; only the counts
 * per reason and the first finding of each reason stay in memory.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { csvLine } from '../core/csv.js';
import type { Workspace } from '../store/workspace.js';
import type { Reject } from './sources/types.js';

/** Findings held before they are appended to the table. */
const CHUNK = 20_000;

const TYPES = ['varchar', 'integer', 'varchar', 'varchar', 'varchar', 'varchar'] as const;

export class RejectSink {
  /** Findings per reason. */
  readonly byReason: Record<string, number> = {};
  /** The first finding of each reason, in the order the reasons first appeared. */
  readonly examples: Reject[] = [];
  private total = 0;
  private buffer: Reject[] = [];

  constructor(private readonly ws: Workspace, private readonly table = 'rejects') {}

  /** Findings so far. */
  get count(): number {
    return this.total;
  }

  async add(r: Reject): Promise<void> {
    this.total++;
    const seen = this.byReason[r.reason];
    this.byReason[r.reason] = (seen ?? 0) + 1;
    if (seen === undefined) this.examples.push(r);
    this.buffer.push(r);
    if (this.buffer.length >= CHUNK) await this.flush();
  }

  async addAll(rs: Iterable<Reject>): Promise<void> {
    for (const r of rs) await this.add(r);
  }

  /** Append the buffered findings to the table (in order). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    await this.ws.append(this.table, TYPES, rows.map((r) => [r.file, r.line, r.field, r.value, r.reason, r.detail ?? null]));
  }
}

/**
 * Write the `rejects` table of `ws` as CSV to `path` — file,line,field,value,reason,detail, UTF-8
 * with BOM so Excel opens Chinese text correctly, cells through `csvLine` (a value like
 * `=HYPERLINK(…)` is shown as text) — streamed in chunks. `path` is removed if writing fails;
 * the caller makes it appear atomically (a temporary name renamed into place).
 */
export async function writeRejectsCsv(ws: Workspace, path: string, table = 'rejects'): Promise<void> {
  const fd = openSync(path, 'w');
  let open = true;
  try {
    let chunk = '\uFEFFfile,line,field,value,reason,detail\n';
    // Scan order is insertion order (DuckDB preserves it for a plain scan).
    for await (const rows of ws.stream(`SELECT file, line, field, value, reason, coalesce(detail, '') FROM ${table}`)) {
      for (const r of rows) chunk += `${csvLine(r as (string | number)[])}\n`;
      if (chunk.length > 1 << 20) { writeSync(fd, chunk); chunk = ''; }
    }
    writeSync(fd, chunk);
    open = false;
    closeSync(fd);
  } catch (e) {
    if (open) closeSync(fd);
    rmSync(path, { force: true });
    throw e;
  }
}

/** Write the rejects CSV under a temporary name and rename it to `path`. */
export async function writeRejectsCsvAtomically(ws: Workspace, path: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeRejectsCsv(ws, tmp);
  renameSync(tmp, path);
}
