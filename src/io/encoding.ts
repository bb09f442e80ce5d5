/**
 * Text encodings of users' CSV files. Chinese statistical offices and Excel on Chinese Windows
 * often write GBK (code page 936); GB18030 is its superset, so GBK files decode as GB18030.
 */
import { isUtf8 } from 'node:buffer';
import type { Encoding } from '../model/project.js';

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GB18030. */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Resolve a declared encoding against the bytes. */
export function resolveEncoding(declared: Encoding, bytes: Uint8Array): DetectedEncoding {
  if (declared === 'auto') return detectEncoding(bytes);
  if (declared === 'gbk' || declared === 'gb18030') return 'gb18030';
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8-bom' : 'utf-8';
}

/** Decode to a JS string (BOM removed). */
export function decode(bytes: Uint8Array, encoding: DetectedEncoding): string {
  if (encoding === 'gb18030') return new TextDecoder('gb18030').decode(bytes);
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}
