/**
 * CSV/TSV into a VARCHAR staging table with DuckDB's own reader (fast, parallel), keeping the
 * ability to name the source line of any record.
 *
 * DuckDB numbers records, not physical lines (a quoted field may span lines; blank lines are
 * skipped), so source lines come from our own quote-aware scan of the bytes, done only when
 * some record must be named (a file without rejects is never scanned).
 */
import { readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Encoding } from '../../model/project.js';
import { ident, lit } from '../../store/workspace.js';
import { resolveEncoding, type DetectedEncoding } from '../encoding.js';
import type { RawReadOptions, RawTable, Reject } from './types.js';

export interface CsvReadOptions extends RawReadOptions {
  encoding: Encoding;
  delimiter?: string;
}

export interface CsvRead extends RawTable {
  encoding: DetectedEncoding;
}

export async function readCsv(options: CsvReadOptions): Promise<CsvRead> {
  const { ws, table, file, label } = options;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError('E_FILE', `${label}: cannot read file: ${(e as Error).message}`, { file: label });
  }
  const encoding = resolveEncoding(options.encoding, bytes);
  if (encoding !== 'gb18030' && options.encoding !== 'auto') {
    const bad = firstInvalidUtf8Line(bytes);
    if (bad !== undefined) {
      throw new InputError('E_PARSE', `${label}:${bad}: not valid UTF-8; declare "encoding": "gbk" (or "auto") for this file`, {
        file: label, line: bad, field: 'encoding', value: options.encoding,
      });
    }
  }
  let readPath = file;
  let scratch: string | undefined;
  if (encoding === 'gb18030') {
    // DuckDB reads UTF-8 only (its encodings extension cannot be downloaded here): transcode.
    scratch = mkdtempSync(join(tmpdir(), 'cluster-atlas-'));
    readPath = join(scratch, 'utf8.csv');
    const text = new TextDecoder('gb18030').decode(bytes);
    writeFileSync(readPath, text, 'utf8');
    bytes = readFileSync(readPath);
  }
  if (bytes.length === 0 || !hasHeader(bytes)) {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    throw new InputError('E_PARSE', `${label}: the file is empty (a header row is required)`, { file: label, line: 1 });
  }
  const rejectsTable = `${table}__rej`;
  const scansTable = `${table}__scan`;
  const cleanup = (): void => { if (scratch) rmSync(scratch, { recursive: true, force: true }); };
  let columns: string[];
  try {
    // Sniff once (delimiter, line ending, header names), then read with every option explicit:
    // RFC 4180 quoting always (a sniffer that sees no quotes in its sample would otherwise turn
    // quoting off for the whole file), all columns as text, and no second sniff in the scan.
    const sniffOptions = ['all_varchar = true', 'header = true', 'ignore_errors = true'];
    if (options.delimiter !== undefined) sniffOptions.push(`delim = ${lit(options.delimiter)}`);
    const [sniff] = await ws.all<{ delimiter: string; newline: string; columns: { name: string }[] }>(
      `SELECT Delimiter AS delimiter, NewLineDelimiter AS newline, Columns AS columns FROM sniff_csv(${lit(readPath)}, ${sniffOptions.join(', ')})`,
    );
    columns = sniff.columns.map((c) => c.name);
    const params = [
      'auto_detect = false',
      'header = true',
      `delim = ${lit(options.delimiter ?? sniff.delimiter)}`,
      `quote = '"'`,
      `escape = '"'`,
      `new_line = ${lit(sniff.newline)}`,
      `columns = {${columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`,
      'store_rejects = true',
      `rejects_table = ${lit(rejectsTable)}`,
      `rejects_scan = ${lit(scansTable)}`,
    ];
    // A view: the validator's single pass reads the file (no materialised copy of the text).
    await ws.run(`CREATE TEMP VIEW ${ident(table)} AS SELECT * FROM read_csv(${lit(readPath)}, ${params.join(', ')})`);
  } catch (e) {
    cleanup();
    throw new InputError('E_PARSE', `${label}: DuckDB could not read it as CSV: ${(e as Error).message.split('\n')[0]}`, { file: label });
  }
  // The bytes are needed again only to name lines of rejected records: keep the path, not the buffer.
  const sourcePath = readPath;
  let lineBytes: Buffer | undefined = bytes.length < 512 * 1024 * 1024 ? bytes : undefined;
  const loadBytes = (): Buffer => (lineBytes ??= readFileSync(sourcePath));
  const rejectedStarts: number[] = [];
  const result: CsvRead = {
    table, file: label, columns, rowCount: 0, structural: [], lineUnit: 'line', encoding,
    async settle(records: number) {
      result.rowCount = records;
      const exists = await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ${lit(rejectsTable)}`);
      if (!exists.length) return;
      const rej = await ws.all<{ byte: number; column_name: string | null; error_type: string; csv_line: string; error_message: string }>(
        `SELECT line_byte_position AS byte, column_name, error_type, csv_line, error_message FROM ${ident(rejectsTable)} ORDER BY line_byte_position`,
      );
      if (!rej.length) return;
      const byteToLine = lineOfByteFactory(loadBytes());
      for (const r of rej) {
        const start = Number(r.byte) - 1; // DuckDB positions are 1-based
        if (rejectedStarts.length && rejectedStarts[rejectedStarts.length - 1] === start) continue; // one reject per record
        rejectedStarts.push(start);
        result.structural.push({
          file: label, line: byteToLine(start), field: r.column_name ?? '', value: truncate(r.csv_line ?? '', 200),
          reason: 'malformed_row', detail: `${r.error_type.toLowerCase()}: ${r.error_message}`,
        });
      }
    },
    async linesOf(rowids: number[]) {
      if (rowids.length === 0) return [];
      const b = loadBytes();
      if (simpleLines(b)) {
        // One record per line, no blank lines: record k sits on line k + 2, pushed down by every
        // rejected record above it.
        const rejectedLines = result.structural.map((r) => r.line).sort((x, y) => x - y);
        return rowids.map((id) => {
          let line = id + 2;
          for (const l of rejectedLines) if (l <= line) line++; else break;
          return line;
        });
      }
      recordLines ??= recordStartLines(b, rejectedStarts, result.rowCount);
      return rowids.map((id) => recordLines![id]);
    },
    async drop() {
      await ws.run(`DROP VIEW IF EXISTS ${ident(table)}`);
      await ws.run(`DROP TABLE IF EXISTS ${ident(rejectsTable)}`);
      await ws.run(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
      cleanup();
    },
  };
  let recordLines: Int32Array | undefined;
  return result;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

function hasHeader(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf) return true;
  }
  return false;
}

/** 1-based line of the first invalid UTF-8 sequence, or undefined when the bytes are valid. */
function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    line++;
    start = end + 1;
  }
  return undefined;
}

/** A function from byte offset to 1-based physical line (offsets must be queried in ascending order for speed). */
function lineOfByteFactory(bytes: Uint8Array): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset: number) => {
    if (offset < pos) { pos = 0; line = 1; }
    for (;;) {
      const nl = bytes.indexOf(0x0a, pos);
      if (nl < 0 || nl >= offset) break;
      line++;
      pos = nl + 1;
    }
    return line;
  };
}

/** True when every line is one record: no quote characters and no blank lines. */
function simpleLines(bytes: Buffer): boolean {
  if (bytes.indexOf(0x22) >= 0) return false;
  if (bytes.indexOf('\n\n') >= 0 || bytes.indexOf('\n\r\n') >= 0) return false;
  const first = bytes[0] === 0xef ? 3 : 0;
  return bytes[first] !== 0x0a && bytes[first] !== 0x0d;
}

/**
 * Physical 1-based start line of every record DuckDB loaded, in load order: a quote-aware scan
 * (RFC 4180 doubled quotes toggle twice, so they need no special case) that skips the header,
 * blank lines and the records DuckDB rejected. O(bytes).
 */
function recordStartLines(bytes: Uint8Array, rejectedStarts: number[], loaded: number): Int32Array {
  const out = new Int32Array(loaded);
  const rejected = new Set(rejectedStarts);
  const n = bytes.length;
  const isBlank = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      if (b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) return false;
    }
    return true;
  };
  let k = 0;
  if (bytes.indexOf(0x22) < 0) {
    // No quotes anywhere: every non-blank line is one record; hop from newline to newline natively.
    let start = 0;
    let line = 1;
    let header = true;
    while (start <= n) {
      let end = bytes.indexOf(0x0a, start);
      if (end < 0) end = n;
      if (!(end === start || isBlank(start, end)) ) {
        if (header) header = false;
        else if (!rejected.has(start)) { if (k < loaded) out[k] = line; k++; }
      }
      if (end === n) break;
      start = end + 1;
      line++;
    }
    return out;
  }
  let inQuotes = false;
  let line = 1;
  let header = true;
  let recordStart = -1;
  let recordLine = 0;
  let blank = true;
  for (let i = 0; i <= n; i++) {
    const b = i < n ? bytes[i] : 0x0a;
    if (recordStart < 0) { recordStart = i; recordLine = line; blank = true; }
    if (b === 0x22) { inQuotes = !inQuotes; blank = false; continue; }
    if (b === 0x0a) {
      if (i < n) line++;
      if (inQuotes && i < n) continue;
      if (!blank) {
        if (header) header = false;
        else if (!rejected.has(recordStart)) {
          if (k < loaded) out[k] = recordLine;
          k++;
        }
      }
      recordStart = -1;
      continue;
    }
    if (b !== 0x0d && b !== 0xef && b !== 0xbb && b !== 0xbf) blank = false;
  }
  return out;
}
