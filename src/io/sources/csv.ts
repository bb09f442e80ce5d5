/**
 * CSV/TSV into a VARCHAR staging table with DuckDB's own reader (fast, parallel), keeping the
 * ability to name the source line of any record.
 *
 * DuckDB numbers records, not physical lines (a quoted field may span lines; blank lines are
 * skipped), so source lines come from our own quote-aware scan of the bytes, done only when
 * some record must be named (a file without rejects is never scanned).
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, writeFileSync, rmSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Encoding } from '../../model/project.js';
import { ident, lit, type Workspace } from '../../store/workspace.js';
import { checkDecoding, decode, firstInvalidLine, resolveEncoding, type DetectedEncoding } from '../encoding.js';
import { blankLines, unclosedQuotes, unifyNewlines } from './csv-repair.js';
import { CSV_STREAM, readCsvStreamed, type CsvStreaming } from './csv-stream.js';
import type { RawReadOptions, RawTable, Reject } from './types.js';
import { simpleRecordLine, StructuralTable } from './structural.js';
import { rejectedCount, rejectedRecords, sortedMembership, structuralReject } from './csv-rejected.js';

/** The longest physical record DuckDB is allowed to read (its default is 2 MB); docs/ingest.md states it. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface CsvReadOptions extends RawReadOptions {
  encoding: Encoding;
  delimiter?: string;
  /** Files over `above` bytes are streamed in chunks of `chunk` bytes (default `CSV_STREAM`; csv-stream.ts). */
  streaming?: CsvStreaming;
}

export interface CsvRead extends RawTable {
  encoding: DetectedEncoding;
}

/** The bytes DuckDB will read, as UTF-8, after the encoding checks (errors name the user's file and line). */
function utf8Bytes(bytes: Buffer, declared: Encoding, label: string): { utf8: Buffer; encoding: DetectedEncoding; warnings: string[] } {
  const encoding = resolveEncoding(declared, bytes);
  const fail = (line: number, reason: string, message: string): never => {
    throw new InputError('E_PARSE', `${label}:${line}: ${message}`, { file: label, line, field: 'encoding', value: declared, reason });
  };
  const warnings: string[] = [];
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return { utf8: Buffer.from(decode(bytes, encoding), 'utf8'), encoding, warnings };
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = bytes.subarray(0, nul).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
    fail(line, 'nul_byte', 'contains NUL bytes: UTF-16 without a byte-order mark, or not a text file; save it as UTF-8 (or UTF-16 with BOM)');
  }
  if (encoding !== 'gb18030' && declared !== 'auto' && !isUtf8(bytes)) {
    fail(firstInvalidLine(bytes, 'utf-8'), 'invalid_utf8', 'not valid UTF-8; declare "encoding": "gbk" (or "auto") for this file');
  }
  const finding = checkDecoding(declared, encoding, bytes);
  if (finding?.error) fail(finding.line, finding.reason, finding.message);
  if (finding) warnings.push(`${label}:${finding.line}: ${finding.message} (${finding.reason})`);
  return { utf8: encoding === 'gb18030' ? Buffer.from(decode(bytes, encoding), 'utf8') : bytes, encoding, warnings };
}

/** 1-based line of the first physical line longer than `max` bytes, if any. */
function firstLongLine(bytes: Buffer, max: number): number | undefined {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end - start > max) return line;
    start = end + 1;
  }
  return undefined;
}

export async function readCsv(options: CsvReadOptions): Promise<CsvRead> {
  const { ws, table, file, label } = options;
  const streaming = options.streaming ?? CSV_STREAM;
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new InputError('E_FILE', `${label}: cannot read file: ${(e as Error).message}`, { file: label });
  }
  if (size > streaming.above) return readCsvStreamed({ ...options, chunk: streaming.chunk });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError('E_FILE', `${label}: cannot read file: ${(e as Error).message}`, { file: label });
  }
  const decoded = utf8Bytes(bytes, options.encoding, label);
  const encoding = decoded.encoding;
  let text = unifyNewlines(decoded.utf8) ?? decoded.utf8;
  if (text.length === 0 || !hasHeader(text)) {
    throw new InputError('E_PARSE', `${label}: the file is empty (a header row is required)`, { file: label, line: 1 });
  }
  // A line longer than DuckDB may read would fail its sniffer slowly and without the line: name it first.
  const long = text.length > MAX_LINE_BYTES ? firstLongLine(text, MAX_LINE_BYTES) : undefined;
  if (long !== undefined) {
    throw new InputError('E_PARSE', `${label}:${long}: line ${long} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB, the longest record the CSV reader takes`, {
      file: label, line: long, reason: 'line_too_long',
    });
  }
  const headerEnd = text.indexOf(0x0a);
  if (text.subarray(0, headerEnd < 0 ? text.length : headerEnd).reduce((n, b) => (b === 0x22 ? n + 1 : n), 0) % 2 === 1) {
    throw new InputError('E_PARSE', `${label}:1: the header row has an unclosed quote`, { file: label, line: 1, reason: 'unclosed_quote' });
  }
  // DuckDB reads UTF-8 with one line ending only (its encodings extension cannot be downloaded
  // here): a transcoded, unified or repaired file is read from a temporary copy, removed by drop().
  let scratch: string | undefined;
  let readPath = file;
  const cleanup = (): void => { if (scratch) rmSync(scratch, { recursive: true, force: true }); };
  const useCopy = (b: Buffer): void => {
    scratch ??= mkdtempSync(join(tmpdir(), 'cluster-atlas-'));
    readPath = join(scratch, 'utf8.csv');
    writeFileSync(readPath, b);
  };
  const rejectsTable = `${table}__rej`;
  const scansTable = `${table}__scan`;
  /** DuckDB's messages name the file it read, which may be the temporary copy: name the user's. */
  const own = (m: string): string => m.split('\n')[0].replaceAll(readPath, label);
  let columns: string[];
  let delimiter: string;
  let newline: string;
  try {
    if (text !== bytes) useCopy(text);
    ({ columns, delimiter, newline } = await sniffCsv(ws, readPath, label, options.delimiter, own));
  } catch (e) {
    cleanup();
    throw e;
  }
  const createView = async (): Promise<void> => {
    try {
      // A view: the validator's single pass reads the file (no materialised copy of the text).
      await ws.run(csvViewSql(table, readPath, { columns, delimiter, newline }, rejectsTable, scansTable));
    } catch (e) {
      cleanup();
      throw new InputError('E_PARSE', `${label}: DuckDB could not read it as CSV: ${own((e as Error).message)}`, { file: label });
    }
  };
  const dropReader = async (): Promise<void> => {
    await ws.run(`DROP VIEW IF EXISTS ${ident(table)}`);
    await ws.run(`DROP TABLE IF EXISTS ${ident(rejectsTable)}`);
    await ws.run(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
  };
  await createView();
  // The bytes are needed again only to name lines of rejected records: keep the path, not the buffer.
  let lineBytes: Buffer | undefined = text.length < 512 * 1024 * 1024 ? text : undefined;
  const loadBytes = (): Buffer => (lineBytes ??= readFileSync(readPath));
  text = Buffer.alloc(0);
  bytes = text;
  const rejectedStarts: number[] = [];
  const structural = new StructuralTable(ws, `${table}__structural`);
  let quoteRejects: Reject[] | undefined;
  const result: CsvRead = {
    table, file: label, columns, rowCount: 0, structural: [], lineUnit: 'line', encoding, warnings: decoded.warnings,
    async settle(records: number) {
      result.rowCount = records;
      const rejected = await rejectedCount(ws, rejectsTable);
      const b = loadBytes();
      if (rejected && quoteRejects === undefined && b.indexOf(0x22) >= 0) {
        // A quote that swallowed lines makes DuckDB reject one record in place of many: find
        // such records, empty their first line and read the file again (once).
        const found = unclosedQuotes(b, delimiter, columns.length);
        quoteRejects = found.map((q) => ({
          file: label, line: q.line, field: '', value: truncate(lineText(b, q.start), 200), reason: 'unclosed_quote',
          detail: `a quote opened on line ${q.line} does not close where the record could end (line ${q.endLine}): line ${q.line} is skipped and reading resumes at line ${q.line + 1}`,
        }));
        if (found.length) {
          await dropReader();
          lineBytes = blankLines(b, found.map((q) => q.start));
          useCopy(lineBytes);
          await createView();
          return 'reread';
        }
      }
      if (!rejected && !quoteRejects?.length) return undefined;
      const byteToLine = lineOfByteFactory(b);
      await structural.append(quoteRejects ?? []);
      // In chunks: a file may have millions of records DuckDB could not split.
      for await (const chunk of rejectedRecords(ws, rejectsTable)) {
        const out: Reject[] = [];
        for (const r of chunk) {
          const start = Number(r.byte) - 1; // DuckDB positions are 1-based
          if (rejectedStarts.length && rejectedStarts[rejectedStarts.length - 1] === start) continue; // one reject per record
          rejectedStarts.push(start);
          out.push(structuralReject(r, label, byteToLine(start), own));
        }
        await structural.append(out);
      }
      result.structuralTable = structural;
      return undefined;
    },
    async linesOf(rowids: number[]) {
      if (rowids.length === 0) return [];
      const b = loadBytes();
      if (simpleLines(b)) {
        // One record per line, no blank lines: record k sits on line k + 2, pushed down by every
        // rejected record above it.
        const rejectedLines = structural.linesSorted();
        return rowids.map((id) => simpleRecordLine(id, rejectedLines));
      }
      recordLines ??= recordStartLines(b, rejectedStarts, result.rowCount);
      return rowids.map((id) => recordLines![id]);
    },
    async drop() {
      await dropReader();
      await structural.drop();
      cleanup();
    },
  };
  let recordLines: Int32Array | undefined;
  return result;
}

export interface CsvDialect { columns: string[]; delimiter: string; newline: string }

/**
 * Sniff once (delimiter, line ending, header names); the read then sets every option explicitly:
 * RFC 4180 quoting always (a sniffer that sees no quotes in its sample would otherwise turn
 * quoting off for the whole file), all columns as text, and no second sniff in the scan.
 */
export async function sniffCsv(ws: Workspace, readPath: string, label: string, delimiter: string | undefined, own: (m: string) => string): Promise<CsvDialect> {
  const sniffOptions = ['all_varchar = true', 'header = true', 'ignore_errors = true', `max_line_size = ${MAX_LINE_BYTES}`];
  if (delimiter !== undefined) sniffOptions.push(`delim = ${lit(delimiter)}`);
  let sniff: { delimiter: string; newline: string; columns: { name: string }[] };
  try {
    [sniff] = await ws.all(`SELECT Delimiter AS delimiter, NewLineDelimiter AS newline, Columns AS columns FROM sniff_csv(${lit(readPath)}, ${sniffOptions.join(', ')})`);
  } catch (e) {
    throw new InputError('E_PARSE', `${label}: DuckDB could not detect the CSV dialect: ${own((e as Error).message)}`, { file: label, reason: 'sniff_failed' });
  }
  return { columns: sniff.columns.map((c) => c.name), delimiter: delimiter ?? sniff.delimiter, newline: sniff.newline };
}

/** The staging view over DuckDB's reader, every option explicit, its rejects kept in `rejectsTable`. */
export function csvViewSql(table: string, readPath: string, d: CsvDialect, rejectsTable: string, scansTable: string): string {
  const params = [
    'auto_detect = false',
    'header = true',
    `delim = ${lit(d.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `new_line = ${lit(d.newline)}`,
    `max_line_size = ${MAX_LINE_BYTES}`,
    `columns = {${d.columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}`,
    'store_rejects = true',
    `rejects_table = ${lit(rejectsTable)}`,
    `rejects_scan = ${lit(scansTable)}`,
  ];
  return `CREATE TEMP VIEW ${ident(table)} AS SELECT * FROM read_csv(${lit(readPath)}, ${params.join(', ')})`;
}

function lineText(bytes: Buffer, start: number): string {
  const end = bytes.indexOf(0x0a, start);
  return bytes.subarray(start, Math.min(end < 0 ? bytes.length : end, start + 1000)).toString('utf8').replace(/\r$/, '');
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
  const rejected = sortedMembership(rejectedStarts);
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
        else if (!rejected(start)) { if (k < loaded) out[k] = line; k++; }
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
        else if (!rejected(recordStart)) {
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
