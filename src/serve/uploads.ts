/**
 * Uploads: a request body streamed to a temporary file in the project's data directory, counted
 * against the size limit as it arrives (over the limit: the file is removed and the request ends
 * with 413), then checked — the name (one plain file name with a known extension, no path, no
 * leading dot, none of the names the server writes), the content against the extension (magic
 * bytes: XLSX is a zip whose directory is read and whose uncompressed size is capped, so a zip
 * bomb posing as XLSX is refused before anything inflates it; Parquet starts and ends with PAR1;
 * JSON/GeoJSON starts with { or [; CSV/TSV has no NUL byte), and its header sniffed with the
 * same code as `init` (src/io/init.ts `sniffFile`). Only then is it renamed into place, over an
 * earlier upload of the same name in the same project and nothing else.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fstatSync, lstatSync, openSync, readSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../core/errors.js';
import { sniffFile, type SniffedFile } from '../io/init.js';
import { xlsxParts } from '../io/sources/xlsx.js';
import { HttpError } from './errors.js';

export const UPLOAD_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.geojson', '.json', '.parquet'] as const;
/** Names the server or the pipeline writes in the data directory: never uploadable. */
const RESERVED = new Set(['cluster-atlas.json', 'rejects.csv', 'truth.json']);
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.()+-]{0,150}$/u;

export interface UploadLimits {
  /** Largest body in bytes. */
  maxBytes: number;
  /** Largest uncompressed size of the parts of an XLSX upload. */
  maxXlsxUncompressedBytes: number;
}

export interface UploadedFile {
  name: string;
  bytes: number;
  format: string;
  headers: string[];
  encoding: string | null;
}

/** The upload's file name, checked: 400 E_VALIDATION saying which rule it breaks. */
export function checkUploadName(raw: string): string {
  const name = raw.normalize('NFC');
  const bad = (why: string): never => {
    throw new HttpError(400, 'E_VALIDATION', `file name ${JSON.stringify(raw)} ${why}`, { field: 'name', value: raw });
  };
  if (name.includes('/') || name.includes('\\') || name.includes('\0') || name === '.' || name === '..' || name.includes('..')) bad('is not a plain file name (no paths, no "..")');
  if (!NAME.test(name)) bad('must start with a letter or digit and use only letters, digits, spaces and _ . ( ) + -');
  if (RESERVED.has(name.toLowerCase())) bad('is a name the server writes itself');
  const ext = extname(name).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(ext)) bad(`has an unsupported extension; one of ${UPLOAD_EXTENSIONS.join(', ')}`);
  return name;
}

function head(path: string, bytes: number): { first: Buffer; last: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const first = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, first, 0, first.length, 0);
    const last = Buffer.alloc(Math.min(4, size));
    readSync(fd, last, 0, last.length, size - last.length);
    return { first, last, size };
  } finally {
    closeSync(fd);
  }
}

/** Content against extension; throws 415 E_UNSUPPORTED naming what the bytes look like. */
export function checkContent(path: string, name: string, limits: UploadLimits): void {
  const ext = extname(name).toLowerCase();
  const { first, last, size } = head(path, 64 * 1024);
  const isZip = first.length >= 4 && first.readUInt32LE(0) === 0x04034b50;
  const isParquet = first.subarray(0, 4).toString('latin1') === 'PAR1';
  const refuse = (why: string): never => {
    throw new HttpError(415, 'E_UNSUPPORTED', `${name}: ${why}`, { field: 'file', value: name });
  };
  if (size === 0) refuse('the file is empty');
  if (ext === '.xlsx') {
    if (!isZip) refuse('is not an XLSX workbook (an XLSX file is a zip archive starting with PK)');
    try {
      xlsxParts(path, name, { maxUncompressedBytes: limits.maxXlsxUncompressedBytes, maxRows: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(e.details.limit !== undefined || /uncompress|limit/i.test(e.message) ? 413 : 415, e.details.limit !== undefined || /uncompress|limit/i.test(e.message) ? 'E_TOO_LARGE' : 'E_UNSUPPORTED', e.message, { field: 'file', value: name });
      throw e;
    }
    return;
  }
  if (ext === '.parquet') {
    if (!isParquet || last.toString('latin1') !== 'PAR1') refuse('is not a Parquet file (PAR1 at both ends)');
    return;
  }
  if (isZip) refuse('is a zip archive (an XLSX workbook?), not text; upload it with the .xlsx extension');
  if (isParquet) refuse('is a Parquet file, not text; upload it with the .parquet extension');
  if (ext === '.json' || ext === '.geojson') {
    const text = first.toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (!text.startsWith('{') && !text.startsWith('[')) refuse('is not JSON (it should start with { or [)');
    return;
  }
  if (first.includes(0)) refuse('holds NUL bytes: a binary file or UTF-16 text, not a CSV/TSV in UTF-8, GBK or GB18030');
}

/**
 * Stream `body` into `dataDir/name`. The temporary file is removed on every failure; an
 * existing file of that name is replaced only when everything passed.
 */
export async function receiveUpload(body: Readable, dataDir: string, rawName: string, limits: UploadLimits): Promise<UploadedFile> {
  const name = checkUploadName(rawName);
  const target = join(dataDir, name);
  try {
    if (!lstatSync(target).isFile()) throw new HttpError(409, 'E_CONFLICT', `${name} exists in the project and is not a regular file`, { field: 'name', value: name });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const tmp = join(dataDir, `.upload-${randomBytes(6).toString('hex')}${extname(name).toLowerCase()}`);
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(tmp, { flags: 'wx' });
      let failed = false;
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        body.unpipe(out);
        out.destroy();
        reject(e);
      };
      body.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limits.maxBytes) {
          body.pause();
          fail(new HttpError(413, 'E_TOO_LARGE', `${name}: larger than the upload limit of ${limits.maxBytes} bytes`, { field: 'file', value: name, limit: limits.maxBytes }));
        }
      });
      body.on('error', fail);
      body.on('aborted', () => fail(new HttpError(400, 'E_BAD_REQUEST', `${name}: the upload was aborted`, { field: 'file' })));
      out.on('error', fail);
      out.on('finish', () => { if (!failed) resolve(); });
      body.pipe(out);
    });
    checkContent(tmp, name, limits);
    let sniffed: SniffedFile | undefined;
    try {
      sniffed = await sniffFile(tmp);
    } catch (e) {
      if (e instanceof InputError) throw new HttpError(422, e.code === 'E_PARSE' ? 'E_PARSE' : 'E_FILE', e.message.split(tmp).join(name), { field: 'file', value: name });
      throw e;
    }
    renameSync(tmp, target);
    return { name, bytes, format: sniffed?.format ?? 'unknown', headers: sniffed?.headers ?? [], encoding: sniffed?.encoding ?? null };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The uploaded files of a data directory (regular files with an upload extension). */
export function listUploads(dataDir: string): { name: string; bytes: number }[] {
  const out: { name: string; bytes: number }[] = [];
  for (const name of readdirSync(dataDir).sort()) {
    if (name.startsWith('.') || RESERVED.has(name.toLowerCase())) continue;
    if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase())) continue;
    const st = lstatSync(join(dataDir, name));
    if (st.isFile()) out.push({ name, bytes: st.size });
  }
  return out;
}
