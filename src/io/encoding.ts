/**
 * Text encodings of users' CSV files. Chinese statistical offices and Excel on Chinese Windows
 * often write GBK (code page 936); GB18030 is its superset, so GBK files decode as GB18030.
 * UTF-16 (Excel's "Unicode text") is recognised by its byte-order mark.
 *
 * `checkDecoding` judges whether the chosen decoding is plausible (docs/ingest.md, "Encodings"):
 * a file declared GBK that is valid UTF-8 with non-ASCII text, or bytes that are not valid
 * GB18030, are errors; GB18030 that decodes mostly to rare characters (Latin-1 or Windows-1252
 * read as GBK) is a warning. Each names the first such line.
 */
import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../model/project.js';

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

function utf16Bom(bytes: Uint8Array): DetectedEncoding | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 by BOM, UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GB18030. */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const utf16 = utf16Bom(bytes);
  if (utf16) return utf16;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Resolve a declared encoding against the bytes (a UTF-16 byte-order mark wins over any declaration). */
export function resolveEncoding(declared: Encoding, bytes: Uint8Array): DetectedEncoding {
  const utf16 = utf16Bom(bytes);
  if (utf16) return utf16;
  if (declared === 'auto') return detectEncoding(bytes);
  if (declared === 'gbk' || declared === 'gb18030') return 'gb18030';
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8-bom' : 'utf-8';
}

/** Decode to a JS string (BOM removed). */
export function decode(bytes: Uint8Array, encoding: DetectedEncoding): string {
  if (encoding === 'utf-8-bom') return new TextDecoder('utf-8').decode(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

export interface DecodingFinding {
  /** Stable code: `utf8_declared_gbk`, `invalid_gb18030` (errors) or `implausible_gb18030` (a warning). */
  reason: 'utf8_declared_gbk' | 'invalid_gb18030' | 'implausible_gb18030';
  /** 1-based physical line of the first offending byte. */
  line: number;
  error: boolean;
  message: string;
}

/** 1-based line of byte offset `offset`. O(offset). */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = (bytes as Buffer).indexOf(0x0a); i >= 0 && i < offset; i = (bytes as Buffer).indexOf(0x0a, i + 1)) line++;
  return line;
}

/** Share of rare GB18030 characters above which a file is said to be probably not GB18030. */
const RARE_SHARE = 0.25;

/**
 * Is decoding `bytes` as `encoding` (resolved from `declared`) plausible? GB18030 multi-byte
 * characters are "common" when they lie in GB2312's rows (lead 0xA1–0xF7, trail 0xA1–0xFE: the
 * hanzi and symbols of everyday text) and "rare" otherwise (GBK extensions, four-byte codes);
 * Latin-1 accents followed by ASCII letters decode to rare characters. O(bytes).
 */
export function checkDecoding(declared: Encoding, encoding: DetectedEncoding, bytes: Buffer): DecodingFinding | undefined {
  if (encoding !== 'gb18030') return undefined;
  if (declared !== 'auto' && isUtf8(bytes)) {
    const first = bytes.findIndex((b) => b >= 0x80);
    if (first < 0) return undefined; // plain ASCII reads the same either way
    const line = lineAt(bytes, first);
    return {
      reason: 'utf8_declared_gbk', line, error: true,
      message: `declared "${declared}" but the file is valid UTF-8 with non-ASCII text from line ${line} (as GBK it would read as mojibake); declare "encoding": "utf-8" (or "auto")`,
    };
  }
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    const line = firstInvalidLine(bytes, 'gb18030');
    return {
      reason: 'invalid_gb18030', line, error: true,
      message: `line ${line} is neither valid UTF-8 nor valid GB18030/GBK (Latin-1 or Windows-1252?); save the file as UTF-8`,
    };
  }
  let common = 0;
  let rare = 0;
  let firstRare = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const t = bytes[i + 1];
    if (t >= 0x30 && t <= 0x39) { i += 3; rare++; } // four-byte GB18030 code
    else if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) { i++; common++; continue; } // GB2312 rows
    else { i++; rare++; }
    if (firstRare < 0) firstRare = i;
  }
  if (rare > 0 && rare > RARE_SHARE * (rare + common)) {
    const line = lineAt(bytes, firstRare);
    return {
      reason: 'implausible_gb18030', line, error: false,
      message: `read as GB18030, ${rare} of ${rare + common} characters are rare ones (first on line ${line}): the file is probably in another encoding (Latin-1, Windows-1252?); check the text, or save it as UTF-8`,
    };
  }
  return undefined;
}

/** 1-based line of the first line that does not decode (the file is known to have one). */
export function firstInvalidLine(bytes: Buffer, encoding: 'utf-8' | 'gb18030'): number {
  const decoder = encoding === 'gb18030' ? new TextDecoder('gb18030', { fatal: true }) : undefined;
  let line = 1;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const part = bytes.subarray(start, end);
    // isUtf8 makes no string, so a line of any length is judged (a decode would hit V8's string limit).
    if (decoder) { try { decoder.decode(part); } catch { return line; } } else if (!isUtf8(part)) return line;
    line++;
    start = end + 1;
  }
  return line;
}
