/**
 * CSV files too large to hold in memory (over `CSV_STREAM.above`, 1 GiB by default; Node cannot
 * read a file over 2 GiB into one buffer at all): every check, the transcoding and the naming of
 * lines stream the file in chunks that end on a line feed, so memory does not grow with the file.
 *
 * Same checks and messages as the in-memory reader (csv.ts), with one difference: the repair of
 * an unclosed quote (which re-reads the whole file with the damaged line blanked) is not done. A
 * record the reader rejects that spans lines, or an unquoted-value error, in a file with quotes
 * refuses the file with E_PARSE naming its first line (`unclosed_quote_large_file`): never a
 * record swallowing the rows after it.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Encoding } from '../../model/project.js';
import { ident, type Workspace } from '../../store/workspace.js';
import { firstInvalidLine, type DetectedEncoding } from '../encoding.js';
import { csvViewSql, MAX_LINE_BYTES, sniffCsv, type CsvRead } from './csv.js';
import { rejectedCount, rejectedRecords, sortedMembership, structuralReject } from './csv-rejected.js';
import { simpleRecordLine, StructuralTable } from './structural.js';
import type { Reject } from './types.js';

/** Files larger than `above` bytes are streamed in chunks of about `chunk` bytes. */
export interface CsvStreaming { above: number; chunk: number }
export const CSV_STREAM: Readonly<CsvStreaming> = { above: 1024 ** 3, chunk: 64 * 1024 ** 2 };

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

interface Chunk {
  bytes: Buffer;
  /** File offset of bytes[0]. */
  offset: number;
  /** 1-based line of bytes[0]. */
  line: number;
}

const countLf = (b: Buffer, from = 0, to = b.length): number => {
  let n = 0;
  for (let i = b.indexOf(LF, from); i >= 0 && i < to; i = b.indexOf(LF, i + 1)) n++;
  return n;
};

/**
 * The file in chunks of whole lines (each ends with a line feed, the last at the end of the
 * file). A line longer than `maxLine` calls `onLongLine` with its line number (which throws).
 */
function* lineChunks(path: string, size: number, maxLine = Infinity, onLongLine?: (line: number) => never): Generator<Chunk> {
  const fd = openSync(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let offset = 0;
    let line = 1;
    let pos = 0;
    for (;;) {
      const fresh = Buffer.allocUnsafe(size);
      const got = readSync(fd, fresh, 0, size, pos);
      pos += got;
      const buf = carry.length ? Buffer.concat([carry, fresh.subarray(0, got)]) : fresh.subarray(0, got);
      if (got === 0) {
        if (buf.length) yield { bytes: buf, offset, line };
        return;
      }
      const last = buf.lastIndexOf(LF);
      if (last < 0) {
        if (buf.length > maxLine) onLongLine?.(line);
        carry = buf;
        continue;
      }
      const bytes = buf.subarray(0, last + 1);
      if (onLongLine) {
        let start = 0;
        for (let k = 0; start < bytes.length; k++) {
          const end = bytes.indexOf(LF, start);
          if (end - start > maxLine) onLongLine(line + k);
          start = end + 1;
        }
      }
      yield { bytes, offset, line };
      offset += bytes.length;
      line += countLf(bytes);
      carry = Buffer.from(buf.subarray(last + 1));
    }
  } finally {
    closeSync(fd);
  }
}

/** What one pass over the raw bytes found. */
interface Survey {
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | undefined;
  content: boolean;
  headerQuotes: number;
  nulLine?: number;
  invalidUtf8Line?: number;
  firstNonAsciiLine?: number;
  crlf: boolean;
  bareLf: boolean;
  quotes: boolean;
  blankLine: boolean;
}

function survey(path: string, chunk: number, label: string): Survey {
  const s: Survey = { bom: undefined, content: false, headerQuotes: 0, crlf: false, bareLf: false, quotes: false, blankLine: false };
  const longLine = (line: number): never => {
    throw new InputError('E_PARSE', `${label}:${line}: line ${line} is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB, the longest record the CSV reader takes`, { file: label, line, reason: 'line_too_long' });
  };
  let first = true;
  for (const c of lineChunks(path, chunk, MAX_LINE_BYTES, longLine)) {
    const b = c.bytes;
    if (first) {
      first = false;
      if (b[0] === 0xff && b[1] === 0xfe) s.bom = 'utf-16le';
      else if (b[0] === 0xfe && b[1] === 0xff) s.bom = 'utf-16be';
      else if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) s.bom = 'utf-8';
      if (s.bom?.startsWith('utf-16')) return s; // decoded as a whole stream; no byte checks apply
      const start = s.bom ? 3 : 0;
      if (b[start] === LF || b[start] === CR) s.blankLine = true;
      const headerEnd = b.indexOf(LF);
      for (let i = 0; i < (headerEnd < 0 ? b.length : headerEnd); i++) if (b[i] === QUOTE) s.headerQuotes++;
    } else if (b[0] === LF || (b[0] === CR && b[1] === LF)) s.blankLine = true; // the previous chunk ended with LF
    if (!s.content) for (const x of b) if (x !== LF && x !== CR && x !== 0x20 && x !== 0x09 && x !== 0xef && x !== 0xbb && x !== 0xbf) { s.content = true; break; }
    if (s.nulLine === undefined) {
      const nul = b.indexOf(0);
      if (nul >= 0) s.nulLine = c.line + countLf(b, 0, nul);
    }
    if (s.invalidUtf8Line === undefined && !isUtf8(b)) s.invalidUtf8Line = c.line - 1 + firstInvalidLine(b, 'utf-8');
    if (s.firstNonAsciiLine === undefined && !isAscii(b)) {
      let i = 0;
      while (i < b.length && b[i] < 0x80) i++;
      if (i < b.length) s.firstNonAsciiLine = c.line + countLf(b, 0, i);
    }
    if (!s.crlf && b.indexOf('\r\n') >= 0) s.crlf = true;
    if (!s.bareLf) for (let i = b.indexOf(LF); i >= 0; i = b.indexOf(LF, i + 1)) if (i === 0 ? c.offset === 0 : b[i - 1] !== CR) { s.bareLf = true; break; }
    if (!s.quotes && b.indexOf(QUOTE) >= 0) s.quotes = true;
    if (!s.blankLine && (b.indexOf('\n\n') >= 0 || b.indexOf('\n\r\n') >= 0)) s.blankLine = true;
  }
  return s;
}

/** Share of rare GB18030 characters above which a file is said to be probably not GB18030 (as encoding.ts). */
const RARE_SHARE = 0.25;

/**
 * The streamed reader: the checks of csv.ts `utf8Bytes` and the header checks, a transcoded or
 * newline-unified temporary copy written chunk by chunk when needed, then DuckDB's reader.
 */
export async function readCsvStreamed(options: { ws: Workspace; table: string; file: string; label: string; encoding: Encoding; delimiter?: string; chunk: number }): Promise<CsvRead> {
  const { ws, table, file, label, chunk } = options;
  const declared = options.encoding;
  const fail = (line: number, reason: string, message: string): never => {
    throw new InputError('E_PARSE', `${label}:${line}: ${message}`, { file: label, line, field: 'encoding', value: declared, reason });
  };
  const s = survey(file, chunk, label);
  let encoding: DetectedEncoding;
  if (s.bom === 'utf-16le' || s.bom === 'utf-16be') encoding = s.bom;
  else if (declared === 'gbk' || declared === 'gb18030' || (declared === 'auto' && s.invalidUtf8Line !== undefined)) encoding = 'gb18030';
  else encoding = s.bom === 'utf-8' ? 'utf-8-bom' : 'utf-8';
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!utf16) {
    if (s.nulLine !== undefined) fail(s.nulLine, 'nul_byte', 'contains NUL bytes: UTF-16 without a byte-order mark, or not a text file; save it as UTF-8 (or UTF-16 with BOM)');
    if (encoding !== 'gb18030' && s.invalidUtf8Line !== undefined) fail(s.invalidUtf8Line, 'invalid_utf8', 'not valid UTF-8; declare "encoding": "gbk" (or "auto") for this file');
    if (encoding === 'gb18030' && declared !== 'auto' && s.invalidUtf8Line === undefined && s.firstNonAsciiLine !== undefined) {
      const line = s.firstNonAsciiLine;
      fail(line, 'utf8_declared_gbk', `declared "${declared}" but the file is valid UTF-8 with non-ASCII text from line ${line} (as GBK it would read as mojibake); declare "encoding": "utf-8" (or "auto")`);
    }
    if (!s.content) throw new InputError('E_PARSE', `${label}: the file is empty (a header row is required)`, { file: label, line: 1 });
    if (s.headerQuotes % 2 === 1) throw new InputError('E_PARSE', `${label}:1: the header row has an unclosed quote`, { file: label, line: 1, reason: 'unclosed_quote' });
  }
  const unify = !utf16 && s.crlf && s.bareLf;
  const warnings: string[] = [];
  let scratch: string | undefined;
  let readPath = file;
  const cleanup = (): void => { if (scratch) rmSync(scratch, { recursive: true, force: true }); };
  try {
    if (utf16 || encoding === 'gb18030' || unify) {
      scratch = mkdtempSync(join(tmpdir(), 'cluster-atlas-'));
      readPath = join(scratch, 'utf8.csv');
      const rare = writeCopy(file, readPath, encoding, unify, chunk, (line) => fail(line, 'invalid_gb18030', `line ${line} is neither valid UTF-8 nor valid GB18030/GBK (Latin-1 or Windows-1252?); save the file as UTF-8`));
      if (rare && rare.rare > 0 && rare.rare > RARE_SHARE * (rare.rare + rare.common)) {
        warnings.push(`${label}:${rare.firstLine}: read as GB18030, ${rare.rare} of ${rare.rare + rare.common} characters are rare ones (first on line ${rare.firstLine}): the file is probably in another encoding (Latin-1, Windows-1252?); check the text, or save it as UTF-8 (implausible_gb18030)`);
      }
    }
    return await openStreamed(ws, table, label, readPath, options.delimiter, chunk, { encoding, warnings, quotes: s.quotes, simple: !s.quotes && !s.blankLine }, cleanup);
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Write the UTF-8 copy DuckDB reads; returns the GB18030 character statistics when transcoding from it. */
function writeCopy(file: string, out: string, encoding: DetectedEncoding, unify: boolean, chunk: number, invalid: (line: number) => never): { rare: number; common: number; firstLine: number } | undefined {
  const fd = openSync(out, 'w');
  try {
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      // Not cut on lines (a UTF-16 line feed is two bytes): the streaming decoder carries partial characters.
      const decoder = new TextDecoder(encoding);
      const src = openSync(file, 'r');
      try {
        const buf = Buffer.allocUnsafe(chunk);
        for (let pos = 0; ;) {
          const got = readSync(src, buf, 0, chunk, pos);
          pos += got;
          const text = decoder.decode(buf.subarray(0, got), { stream: got > 0 });
          if (text) writeSync(fd, Buffer.from(text, 'utf8'));
          if (got === 0) break;
        }
      } finally {
        closeSync(src);
      }
      return undefined;
    }
    const gb = encoding === 'gb18030';
    const stats = { rare: 0, common: 0, firstLine: 0 };
    const decoder = gb ? new TextDecoder('gb18030', { fatal: true }) : undefined;
    for (const c of lineChunks(file, chunk)) {
      let bytes = c.bytes;
      if (decoder) {
        let text: string;
        try { text = decoder.decode(bytes); } catch { return invalid(c.line - 1 + firstInvalidLine(bytes, 'gb18030')); }
        countRare(bytes, c, stats);
        bytes = Buffer.from(text, 'utf8');
      }
      if (unify) bytes = crlfToLf(bytes);
      writeSync(fd, bytes);
    }
    return gb ? stats : undefined;
  } finally {
    closeSync(fd);
  }
}

/** GB2312-row characters are common, others rare (as encoding.ts `checkDecoding`). */
function countRare(b: Buffer, c: Chunk, stats: { rare: number; common: number; firstLine: number }): void {
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    if (x < 0x80) continue;
    const t = b[i + 1];
    if (t >= 0x30 && t <= 0x39) { i += 3; stats.rare++; } else if (x >= 0xa1 && x <= 0xf7 && t >= 0xa1 && t <= 0xfe) { i++; stats.common++; continue; } else { i++; stats.rare++; }
    if (stats.firstLine === 0) stats.firstLine = c.line + countLf(b, 0, i);
  }
}

function crlfToLf(b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(b.length);
  let k = 0;
  for (let i = 0; i < b.length; i++) if (!(b[i] === CR && b[i + 1] === LF)) out[k++] = b[i];
  return out.subarray(0, k);
}

interface Found { encoding: DetectedEncoding; warnings: string[]; quotes: boolean; simple: boolean }

async function openStreamed(ws: Workspace, table: string, label: string, readPath: string, delimiterOption: string | undefined, chunk: number, found: Found, cleanup: () => void): Promise<CsvRead> {
  const own = (m: string): string => m.split('\n')[0].replaceAll(readPath, label);
  const dialect = await sniffCsv(ws, readPath, label, delimiterOption, own);
  const rejectsTable = `${table}__rej`;
  const scansTable = `${table}__scan`;
  try {
    await ws.run(csvViewSql(table, readPath, dialect, rejectsTable, scansTable));
  } catch (e) {
    throw new InputError('E_PARSE', `${label}: DuckDB could not read it as CSV: ${own((e as Error).message)}`, { file: label });
  }
  const rejectedStarts: number[] = [];
  const structural = new StructuralTable(ws, `${table}__structural`);
  let recordLines: Int32Array | undefined;
  const result: CsvRead = {
    table, file: label, columns: dialect.columns, rowCount: 0, structural: [], lineUnit: 'line', encoding: found.encoding, warnings: found.warnings,
    async settle(records: number) {
      result.rowCount = records;
      if (!(await rejectedCount(ws, rejectsTable))) return undefined;
      const lines = new OffsetLines(readPath, chunk);
      try {
        for await (const rows of rejectedRecords(ws, rejectsTable)) {
          const out: Reject[] = [];
          for (const r of rows) {
            const start = Number(r.byte) - 1; // DuckDB positions are 1-based
            if (rejectedStarts.length && rejectedStarts[rejectedStarts.length - 1] === start) continue; // one reject per record
            const line = lines.lineOf(start);
            if (found.quotes && ((r.csv_line ?? '').includes('\n') || r.error_type === 'UNQUOTED VALUE')) {
              throw new InputError('E_PARSE', `${label}:${line}: a quote opened on line ${line} does not close where the record could end; in a file this large (over ${CSV_STREAM.above / 1024 ** 3} GiB) the line is not skipped automatically: fix or remove it`, {
                file: label, line, reason: 'unclosed_quote_large_file',
              });
            }
            rejectedStarts.push(start);
            out.push(structuralReject(r, label, line, own));
          }
          await structural.append(out);
        }
      } finally {
        lines.close();
      }
      result.structuralTable = structural;
      return undefined;
    },
    async linesOf(rowids: number[]) {
      if (rowids.length === 0) return [];
      if (found.simple) {
        const rejectedLines = structural.linesSorted();
        return rowids.map((id) => simpleRecordLine(id, rejectedLines));
      }
      recordLines ??= streamedRecordLines(readPath, chunk, rejectedStarts, result.rowCount);
      return rowids.map((id) => recordLines![id]);
    },
    async drop() {
      await structural.drop();
      await ws.run(`DROP VIEW IF EXISTS ${ident(table)}`);
      await ws.run(`DROP TABLE IF EXISTS ${ident(rejectsTable)}`);
      await ws.run(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
      cleanup();
    },
  };
  return result;
}

/** 1-based lines of ascending byte offsets, reading the file forward once. */
class OffsetLines {
  private readonly chunks: Generator<Chunk>;
  private current: Chunk | undefined;

  constructor(path: string, chunk: number) {
    this.chunks = lineChunks(path, chunk);
    this.current = this.chunks.next().value ?? undefined;
  }

  lineOf(offset: number): number {
    while (this.current && offset >= this.current.offset + this.current.bytes.length) {
      const next = this.chunks.next();
      if (next.done) break;
      this.current = next.value;
    }
    const c = this.current;
    if (!c) return 1;
    return c.line + countLf(c.bytes, 0, Math.min(offset - c.offset, c.bytes.length));
  }

  close(): void {
    this.chunks.return(undefined);
  }
}

/**
 * The physical start line of every record DuckDB loaded, in load order (csv.ts
 * `recordStartLines`, streamed: the quote state carries over from chunk to chunk).
 */
function streamedRecordLines(path: string, chunk: number, rejectedStarts: readonly number[], loaded: number): Int32Array {
  const rejected = sortedMembership(rejectedStarts);
  const out = new Int32Array(loaded);
  let k = 0;
  let inQuotes = false;
  let line = 1;
  let header = true;
  let recordStart = -1;
  let recordLine = 0;
  let blank = true;
  const endRecord = (): void => {
    if (!blank) {
      if (header) header = false;
      else if (!rejected(recordStart)) { if (k < loaded) out[k] = recordLine; k++; }
    }
    recordStart = -1;
  };
  let size = 0;
  for (const c of lineChunks(path, chunk)) {
    const b = c.bytes;
    size = c.offset + b.length;
    for (let i = 0; i < b.length; i++) {
      const x = b[i];
      if (recordStart < 0) { recordStart = c.offset + i; recordLine = line; blank = true; }
      if (x === QUOTE) { inQuotes = !inQuotes; blank = false; continue; }
      if (x === LF) {
        line++;
        if (inQuotes) continue;
        endRecord();
        continue;
      }
      if (x !== CR && x !== 0xef && x !== 0xbb && x !== 0xbf) blank = false;
    }
  }
  if (recordStart >= 0 && recordStart < size) endRecord(); // a last record without a line feed
  return out;
}
