/**
 * The capped XLSX workbook reader shared by every XLSX input (ingest's staging reader, the
 * column-guessing of `init`, IO tables read by `load/io-table-file`).
 *
 * The workbook is not handed to exceljs as it lies on disk. Its zip central directory is read
 * first (a truncated file has none and is refused at once, naming the file), the parts exceljs
 * uses are checked against the size limit from their declared sizes, and they are then inflated
 * here — counting every byte, so a part larger than it claims is refused too — and fed to exceljs
 * as a new, uncompressed zip stream in the order it reads best: relationships, workbook, shared
 * strings, styles, then the sheets. In that order exceljs streams each sheet straight from the
 * input instead of copying it to a temporary file first, so no temporary file exists to leak.
 * Every step of exceljs is raced against the failure of that stream (exceljs does not pass a
 * broken input stream on: it would wait for the rest of the file forever).
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { finished, pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { InputError } from '../core/errors.js';

/** Resource limits of the XLSX reader (docs/ingest.md, "Limits"). */
export interface XlsxLimits {
  /** Sum of the uncompressed sizes of the parts read (sheets, shared strings, styles, workbook). */
  maxUncompressedBytes: number;
  /** Rows read from the chosen sheet, blank rows included. */
  maxRows: number;
}

/** 2 GiB of XML; 1,048,576 rows, the most a sheet may have in the XLSX format (and in Excel). */
export const XLSX_LIMITS: Readonly<XlsxLimits> = { maxUncompressedBytes: 2 * 1024 ** 3, maxRows: 1_048_576 };

/** The environment variables that override `XLSX_LIMITS`. */
export const XLSX_LIMIT_ENV = { maxUncompressedBytes: 'CLUSTER_ATLAS_XLSX_MAX_BYTES', maxRows: 'CLUSTER_ATLAS_XLSX_MAX_ROWS' } as const;

/** The limits in force: `XLSX_LIMITS`, overridden by the environment variables of `XLSX_LIMIT_ENV`. */
export function xlsxLimits(env: NodeJS.ProcessEnv = process.env): XlsxLimits {
  const limits = { ...XLSX_LIMITS };
  for (const key of Object.keys(XLSX_LIMIT_ENV) as (keyof XlsxLimits)[]) {
    const name = XLSX_LIMIT_ENV[key];
    const text = env[name];
    if (text === undefined || text.trim() === '') continue;
    limits[key] = Number(text);
    if (!Number.isSafeInteger(limits[key]) || limits[key] <= 0) throw new InputError('E_OPTION', `${name} must be a positive integer, got ${JSON.stringify(text)}`, { field: name, value: text });
  }
  return limits;
}

/** Text of one cell value as exceljs reports it. */
export function xlsxCellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; formula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o || o.formula !== undefined) return xlsxCellText(o.result);
    if (o.text !== undefined) return xlsxCellText(o.text);
    if (o.error !== undefined) return String(o.error);
  }
  return String(v);
}

/** One part of the workbook to feed exceljs: a zip entry on disk, or a stand-in for a missing one. */
interface Part {
  name: string;
  size: number;
  entry?: { method: number; compressedSize: number; headerOffset: number };
  content?: Buffer;
}

const U32 = 0xffffffff;
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
/** What exceljs reads before the sheets, in its order; a missing part gets an empty stand-in so that it never spools sheets to temporary files. */
const LEADING_PARTS: [string, string | undefined][] = [
  ['xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'],
  ['xl/workbook.xml', undefined],
  ['xl/sharedStrings.xml', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'],
  ['xl/styles.xml', undefined],
];

/** E_PARSE for a damaged workbook; `part` names the zip entry at fault, when one is. */
function notXlsx(label: string, why: string, part?: string): InputError {
  return new InputError('E_PARSE', `${label}: not a readable XLSX workbook: ${why}`, part === undefined ? { file: label } : { file: label, field: part });
}

/** The zip64 value of a field saturated at 0xFFFFFFFF, from the entry's extra field (id 1). */
function zip64Fields(extra: Buffer, wanted: boolean[]): (number | undefined)[] {
  let p = 0;
  while (p + 4 <= extra.length && extra.readUInt16LE(p) !== 1) p += 4 + extra.readUInt16LE(p + 2);
  const end = p + 4 <= extra.length ? p + 4 + extra.readUInt16LE(p + 2) : 0;
  let q = p + 4;
  return wanted.map((w) => (w && q + 8 <= end ? Number(extra.readBigUInt64LE((q += 8) - 8)) : undefined));
}

/**
 * The parts exceljs reads, from the zip central directory (APPNOTE 4.3.12–4.3.16), checked
 * against `maxUncompressedBytes`. Throws E_PARSE when there is no directory (a truncated file,
 * a password-protected workbook, another format) or it points past the file's end.
 */
export function xlsxParts(file: string, label: string, limits: XlsxLimits): Part[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number): Buffer => {
      if (offset < 0 || length < 0 || offset + length > size) throw notXlsx(label, 'the zip directory points past the end of the file (truncated?)');
      const b = Buffer.alloc(length);
      readSync(fd, b, 0, length, offset);
      return b;
    };
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = read(size - tailLength, tailLength);
    let eocd = -1;
    for (let p = tail.length - 22; p >= 0; p--) if (tail.readUInt32LE(p) === 0x06054b50) { eocd = p; break; }
    if (eocd < 0) throw notXlsx(label, 'no zip directory at its end (truncated, password-protected or not an XLSX file)');
    let [entries, cdSize, cdOffset] = [tail.readUInt16LE(eocd + 10), tail.readUInt32LE(eocd + 12), tail.readUInt32LE(eocd + 16)];
    const eocdAt = size - tailLength + eocd;
    if (entries === 0xffff || cdSize === U32 || cdOffset === U32) {
      const locator = read(eocdAt - 20, 20);
      if (locator.readUInt32LE(0) !== 0x07064b50) throw notXlsx(label, 'a zip64 directory without its locator');
      const z = read(Number(locator.readBigUInt64LE(8)), 56);
      if (z.readUInt32LE(0) !== 0x06064b50) throw notXlsx(label, 'a damaged zip64 directory');
      [entries, cdSize, cdOffset] = [32, 40, 48].map((k) => Number(z.readBigUInt64LE(k)));
    }
    const cd = read(cdOffset, cdSize);
    const byName = new Map<string, Part>();
    const sheets: Part[] = [];
    let total = 0;
    for (let p = 0, i = 0; i < entries; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw notXlsx(label, 'a damaged zip directory');
      const [flags, method, nameLength, extraLength] = [8, 10, 28, 30].map((k) => cd.readUInt16LE(p + k));
      const name = cd.subarray(p + 46, p + 46 + nameLength).toString('utf8');
      const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      const raw = [cd.readUInt32LE(p + 24), cd.readUInt32LE(p + 20), cd.readUInt32LE(p + 42)];
      const wide = zip64Fields(extra, raw.map((v) => v === U32));
      const [uncompressed, compressedSize, headerOffset] = raw.map((v, k) => wide[k] ?? v);
      p += 46 + nameLength + extraLength + cd.readUInt16LE(p + 32);
      const leading = LEADING_PARTS.some(([n]) => n === name);
      if (!leading && !SHEET_PART.test(name)) continue;
      if (flags & 1) throw notXlsx(label, `${name} is encrypted`, name);
      if (method !== 0 && method !== 8) throw notXlsx(label, `${name} uses zip compression method ${method} (only stored and deflate occur in XLSX)`, name);
      if (uncompressed > U32) throw new InputError('E_FILE', `${label}: ${name} uncompresses to more than 4 GiB (not supported)`, { file: label, field: name, value: uncompressed });
      total += uncompressed;
      if (total > limits.maxUncompressedBytes) {
        throw new InputError('E_FILE', `${label}: the workbook's sheets and tables uncompress to more than ${limits.maxUncompressedBytes} bytes (the XLSX size limit; raise it with ${XLSX_LIMIT_ENV.maxUncompressedBytes})`, {
          file: label, field: name, value: total, limit: 'maxUncompressedBytes', max: limits.maxUncompressedBytes,
        });
      }
      const part: Part = { name, size: uncompressed, entry: { method, compressedSize, headerOffset } };
      if (leading) byName.set(name, part);
      else sheets.push(part);
    }
    const parts: Part[] = [];
    for (const [name, standIn] of LEADING_PARTS) {
      const part = byName.get(name);
      if (part) parts.push(part);
      else if (standIn !== undefined) parts.push({ name, size: Buffer.byteLength(standIn), content: Buffer.from(standIn) });
    }
    for (const part of [...parts, ...sheets]) {
      if (!part.entry) continue;
      const local = read(part.entry.headerOffset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw notXlsx(label, `${part.name}: the zip directory does not point at its entry`, part.name);
      const dataOffset = part.entry.headerOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (dataOffset + part.entry.compressedSize > size) throw notXlsx(label, `${part.name} runs past the end of the file (truncated?)`, part.name);
      part.entry.headerOffset = dataOffset; // from here on: where the data starts
    }
    return [...parts, ...sheets];
  } finally {
    closeSync(fd);
  }
}

/** The uncompressed bytes of one part, refusing one that inflates to more or fewer bytes than its directory entry says. */
async function* partBytes(file: string, label: string, part: Part): AsyncGenerator<Buffer> {
  if (part.content) { yield part.content; return; }
  const { method, compressedSize, headerOffset: start } = part.entry!;
  if (compressedSize === 0 && part.size !== 0) throw notXlsx(label, `${part.name} has no data but declares ${part.size} bytes`, part.name);
  if (compressedSize === 0) return;
  const source = createReadStream(file, { start, end: start + compressedSize - 1 });
  const bytes = method === 8 ? pipeline(source, createInflateRaw(), () => { /* errors surface in the loop below */ }) : source;
  let seen = 0;
  try {
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > part.size) throw notXlsx(label, `${part.name} inflates to more than the ${part.size} bytes its zip entry declares`, part.name);
      yield chunk;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw notXlsx(label, `${part.name}: ${(e as Error).message}`, part.name);
  } finally {
    source.destroy();
  }
  if (seen !== part.size) throw notXlsx(label, `${part.name} inflates to ${seen} bytes, its zip entry declares ${part.size}`, part.name);
}

/** A zip local file header (APPNOTE 4.3.7) for a stored entry of `size` bytes: exceljs's zip reader does not check the CRC. */
function storedHeader(name: string, size: number): Buffer {
  const n = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30); // version 20, flags 0x0800 (UTF-8 name), stored, no date, CRC 0
  h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x0800, 6);
  h.writeUInt32LE(size, 18); h.writeUInt32LE(size, 22); h.writeUInt16LE(n.length, 26);
  return Buffer.concat([h, n]);
}

/**
 * The end of the last whole UTF-8 character in `bytes`. exceljs decodes each chunk of XML on its
 * own, so a character split between two chunks would become two U+FFFD: every chunk we pass on
 * ends on a character boundary (the parts are UTF-8, as Excel writes them).
 */
export function utf8Boundary(bytes: Buffer): number {
  let start = bytes.length;
  while (start > 0 && bytes.length - start < 4 && (bytes[start - 1] & 0xc0) === 0x80) start--;
  if (start === 0) return bytes.length;
  const lead = bytes[start - 1];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - (start - 1) >= need ? bytes.length : start - 1;
}

/** Inflated bytes are passed on in chunks of at least this size (fewer, larger writes into exceljs's zip reader). */
const CHUNK = 65_536;

async function* storedZip(file: string, label: string, parts: Part[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield storedHeader(part.name, part.size);
    let pending: Buffer[] = [];
    let length = 0;
    for await (const chunk of partBytes(file, label, part)) {
      pending.push(chunk);
      length += chunk.length;
      if (length < CHUNK) continue;
      const bytes = Buffer.concat(pending);
      const cut = utf8Boundary(bytes);
      yield bytes.subarray(0, cut);
      pending = [bytes.subarray(cut)];
      length = bytes.length - cut;
    }
    if (length) yield Buffer.concat(pending);
  }
  yield Buffer.from(`504b0506${'00'.repeat(18)}`, 'hex'); // an empty end-of-central-directory record
}

/**
 * Trips once, with the error of a failed input stream; every step of exceljs waits on the wire,
 * so a failure ends the wait at once. (One pending step at a time: `Promise.race` against a
 * long-lived promise would keep a reaction per row alive.)
 */
class Tripwire {
  private error: Error | undefined;
  private pending: ((e: Error) => void) | undefined;
  trip(e: Error): void { this.error ??= e; this.pending?.(this.error); }
  /** Each step of `iterable`, failing as soon as the wire trips. */
  async *guard<T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = iterable[Symbol.asyncIterator]();
    for (;;) {
      if (this.error) throw this.error;
      const step = await new Promise<IteratorResult<T>>((resolve, reject) => {
        this.pending = reject;
        iterator.next().then(resolve, reject);
      });
      this.pending = undefined;
      if (step.done) return;
      yield step.value;
    }
  }
}

export interface XlsxRow { number: number; values: unknown[] }
export interface XlsxSheet { name: string; index: number; rows: AsyncIterable<XlsxRow> }

/**
 * The sheets of a workbook, in order, each with its rows (exceljs `values`: a 1-based sparse
 * array). Read each sheet's rows to the end before asking for the next sheet (or stop reading
 * the workbook). Refuses a truncated or damaged file with E_PARSE, a workbook over
 * `limits.maxUncompressedBytes` or a sheet over `limits.maxRows` with E_FILE, all naming `label`.
 */
export async function* xlsxSheets(file: string, label: string, limits: XlsxLimits = xlsxLimits()): AsyncGenerator<XlsxSheet> {
  const parts = xlsxParts(file, label, limits);
  const { default: ExcelJS } = await import('exceljs'); // heavy: load only for XLSX inputs
  const input = Readable.from(storedZip(file, label, parts), { objectMode: false });
  const wire = new Tripwire();
  finished(input, (e) => { if (e) wire.trip(e instanceof InputError ? e : notXlsx(label, e.message)); });
  // Last resort: should exceljs ever wait on something that will not come, the event loop empties.
  const stalled = (): void => wire.trip(notXlsx(label, 'the workbook stream ended before exceljs finished reading it'));
  process.once('beforeExit', stalled);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit' });
  let index = -1;
  try {
    for await (const sheet of wire.guard(reader)) {
      index++;
      const name = (sheet as unknown as { name?: string }).name ?? `Sheet${index + 1}`;
      yield { name, index, rows: cappedRows(wire.guard(sheet as AsyncIterable<unknown>) as AsyncIterable<XlsxRow>, label, name, limits.maxRows) };
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw notXlsx(label, (e as Error).message);
  } finally {
    process.removeListener('beforeExit', stalled);
    input.destroy();
  }
}

async function* cappedRows(rows: AsyncIterable<XlsxRow>, label: string, sheet: string, maxRows: number): AsyncGenerator<XlsxRow> {
  let count = 0;
  let line = 0;
  try {
    for await (const row of rows) {
      line = row.number;
      if (++count > maxRows) throw new InputError('E_FILE', `${label}: sheet ${JSON.stringify(sheet)} has more than ${maxRows} rows (the XLSX row limit; raise it with ${XLSX_LIMIT_ENV.maxRows})`, { file: label, line, field: 'sheet', value: sheet, limit: 'maxRows', max: maxRows });
      yield row;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('E_PARSE', `${label}: not a readable XLSX workbook: sheet ${JSON.stringify(sheet)} after row ${line}: ${(e as Error).message}`, { file: label, field: 'sheet', value: sheet, afterRow: line });
  }
}
