/**
 * Byte-level repairs that let DuckDB's CSV reader see every record of a damaged file, keeping
 * every physical line where it was (so rejects still name the user's lines):
 *
 * - `unclosedQuotes` finds records where a quote swallowed following lines: an RFC 4180
 *   quoted field that opens on one line and either never closes, closes with text after the
 *   quote, or ends a record with the wrong number of fields. DuckDB would read such a record
 *   as one bad row and lose every line it swallowed.
 * - `blankLines` empties those lines (their line breaks stay), so the reader re-synchronises
 *   on the next line; the lines are reported as `unclosed_quote` rejects.
 * - `unifyNewlines` turns CRLF into LF in a file that mixes both (DuckDB's reader takes one
 *   line ending per file and silently reads nothing, or fails to sniff, on a mix).
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface UnclosedQuote {
  /** 1-based physical line where the damaged record starts. */
  line: number;
  /** Byte offset of that line. */
  start: number;
  /** Physical line where the swallowing record would have ended. */
  endLine: number;
}

/**
 * Records whose quoting swallowed one or more line breaks and does not parse: see the header.
 * The scan restarts on the line after each damaged record's first line. `columns` is the
 * header's field count. O(bytes).
 */
export function unclosedQuotes(bytes: Uint8Array, delimiter: string, columns: number): UnclosedQuote[] {
  const delim = Buffer.from(delimiter, 'utf8');
  const n = bytes.length;
  const found: UnclosedQuote[] = [];
  const atDelimiter = (i: number): boolean => {
    for (let k = 0; k < delim.length; k++) if (bytes[i + k] !== delim[k]) return false;
    return true;
  };
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let line = 1;
  let start = i;
  let startLine = 1;
  let fields = 1;
  let fieldStart = true;
  let inQuotes = false;
  let afterClose = false;
  let bad = false;
  let spans = false;
  const reset = (at: number, atLine: number): void => {
    start = at; startLine = atLine; fields = 1; fieldStart = true; inQuotes = false; afterClose = false; bad = false; spans = false;
  };
  while (i <= n) {
    const b = i < n ? bytes[i] : LF;
    if (inQuotes) {
      if (i === n) { bad = true; inQuotes = false; continue; } // unclosed to the end of the file
      if (b === QUOTE) {
        if (bytes[i + 1] === QUOTE) i++;
        else { inQuotes = false; afterClose = true; }
      } else if (b === LF) { line++; spans = true; }
      i++;
      continue;
    }
    if (b === LF) {
      if (spans && (bad || fields !== columns)) {
        found.push({ line: startLine, start, endLine: line });
        const next = (bytes as Buffer).indexOf(LF, start);
        reset(next + 1, startLine + 1);
        line = startLine;
        i = next + 1;
        continue;
      }
      if (i >= n) break;
      line++;
      i++;
      reset(i, line);
      continue;
    }
    if (b === QUOTE && fieldStart) { inQuotes = true; fieldStart = false; i++; continue; }
    if (delim.length && atDelimiter(i)) { fields++; fieldStart = true; afterClose = false; i += delim.length; continue; }
    if (b !== CR) {
      if (afterClose) bad = true;
      fieldStart = false;
    }
    i++;
  }
  return found;
}

/** A copy of `bytes` with the content of the lines starting at `starts` removed (line breaks kept). */
export function blankLines(bytes: Buffer, starts: number[]): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (const s of starts) {
    parts.push(bytes.subarray(from, s));
    let end = bytes.indexOf(LF, s);
    if (end < 0) end = bytes.length;
    if (end > s && bytes[end - 1] === CR) end--;
    from = end;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** CRLF → LF when the file mixes CRLF and bare LF line endings; undefined when it does not. */
export function unifyNewlines(bytes: Buffer): Buffer | undefined {
  if (bytes.indexOf('\r\n') < 0) return undefined;
  let mixed = false;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (i === 0 || bytes[i - 1] !== CR) { mixed = true; break; }
  }
  if (!mixed) return undefined;
  const out = Buffer.allocUnsafe(bytes.length);
  let k = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === CR && bytes[i + 1] === LF) continue;
    out[k++] = bytes[i];
  }
  return out.subarray(0, k);
}
