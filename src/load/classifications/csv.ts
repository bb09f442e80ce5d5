/**
 * The small CSV reader behind the code-list and crosswalk loaders: bytes → text (UTF-8, with or
 * without BOM; UTF-16 with BOM; otherwise GB18030, the superset of GBK that Chinese Excel and
 * statistical offices write) → records with the physical line each record starts on.
 *
 * RFC 4180 quoting ("" inside quotes; quoted fields may span lines); the delimiter is sniffed
 * from the header line (comma, else tab, else semicolon); blank lines are skipped. Code lists
 * are a few thousand rows, so a plain scan is all we need. Time O(bytes).
 */
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../../core/errors.js';
import { parseCsvRecords } from '../../core/csv.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface CsvRecord {
  /** 1-based physical line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  encoding: TextEncodingName;
  header: string[];
  headerLine: number;
  records: CsvRecord[];
}

/** Decide the encoding of `bytes` and decode them (any BOM removed). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  if (isUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}

/** Split CSV text into records. `who` prefixes error messages ('loadClassificationFile'). */
export function parseCsv(text: string, file: string, who: string): Omit<CsvTable, 'encoding'> {
  const firstLineEnd = text.search(/\r?\n/);
  const firstLine = firstLineEnd < 0 ? text : text.slice(0, firstLineEnd);
  const delimiter = firstLine.includes(',') ? ',' : firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ',';
  const records: CsvRecord[] = parseCsvRecords(text, delimiter, {
    onUnclosedQuote: (quoteLine) => {
      throw new InputError('E_PARSE', `${who}: ${file}:${quoteLine}: a quoted field is never closed`, { file, line: quoteLine });
    },
  }).map((r) => ({ line: r.line, fields: r.cells }));
  const head = records.shift();
  if (head === undefined) {
    throw new InputError('E_PARSE', `${who}: ${file}: the file is empty (a header row is required)`, { file, line: 1 });
  }
  const width = head.fields.length;
  for (const r of records) {
    if (r.fields.length > width) {
      throw new InputError('E_PARSE', `${who}: ${file}:${r.line}: ${r.fields.length} fields, but the header has ${width}`, {
        file,
        line: r.line,
        value: r.fields.length,
        expected: width,
      });
    }
    while (r.fields.length < width) r.fields.push('');
  }
  return { header: head.fields.map((h) => h.trim()), headerLine: head.line, records };
}

/** Read, decode and parse a CSV file; a missing or unreadable file is E_FILE. */
export function readCsvFile(path: string, who: string): CsvTable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new InputError('E_FILE', `${who}: cannot read ${path}: ${(e as Error).message}`, { file: path });
  }
  const { text, encoding } = decodeText(bytes);
  return { encoding, ...parseCsv(text, path, who) };
}

/**
 * Index of the first header matching one of `names` (case-, space- and underscore-insensitive),
 * or -1.
 */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s_\-]+/g, '');
  const wanted = new Set(names.map(norm));
  return header.findIndex((h) => wanted.has(norm(h)));
}
