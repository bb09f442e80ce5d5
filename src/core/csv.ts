/**
 * The one RFC 4180 CSV reader for the places that read CSV in JavaScript rather than through
 * DuckDB (header sniffing, classification lists, planning point files, CBP exports): a field that
 * starts with a quote may hold delimiters, doubled quotes and line breaks (a quote elsewhere is a
 * plain character); each record keeps the 1-based line it starts on; blank and whitespace-only
 * lines are skipped; a leading BOM is dropped. O(length of the text).
 */
export interface CsvRecordLine {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export interface CsvParseOptions {
  /** Called with the line where a quoted field opened when the text ends inside it. */
  onUnclosedQuote?: (line: number) => void;
}

export function parseCsvRecords(text: string, delimiter = ',', options: CsvParseOptions = {}): CsvRecordLine[] {
  const out: CsvRecordLine[] = [];
  let cells: string[] = [];
  let cur = '';
  let quoted = false;
  let quoteLine = 0;
  let atFieldStart = true;
  let touched = false;
  let line = 1;
  let start = 1;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = (): void => {
    cells.push(cur);
    if (touched || cells.length > 1 || cells[0].trim() !== '') out.push({ cells, line: start });
    cells = [];
    cur = '';
    touched = false;
    atFieldStart = true;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cur += ch; }
      continue;
    }
    if (ch === '"' && atFieldStart) { quoted = true; quoteLine = line; touched = true; atFieldStart = false; }
    else if (ch === delimiter) { cells.push(cur); cur = ''; touched = true; atFieldStart = true; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else { cur += ch; atFieldStart = false; }
  }
  if (quoted) options.onUnclosedQuote?.(quoteLine);
  if (cur !== '' || cells.length || touched) end();
  return out;
}

/** The cells of one line (no embedded line breaks), trimmed. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  return (parseCsvRecords(line, delimiter)[0]?.cells ?? ['']).map((c) => c.trim());
}

/** A value we write into a CSV cell: text, a number we computed, a flag, or nothing. */
export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet (Excel, WPS, LibreOffice) read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number written as text (`-0.5`, `+3`, `1e-9`): never a formula, left as it is. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The one CSV cell writer for every CSV we write (analyze tables, rejects.csv, `diagnose
 * --evidence`). A number stays a plain number (`-0.5`; NaN and ±Infinity become an empty cell);
 * `null`/`undefined` is empty; a text cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading single quote so a spreadsheet shows it as text instead of running it (OWASP, CSV
 * injection), unless it is a plain decimal number; a cell holding the delimiter, a quote or a line
 * break is quoted (RFC 4180). O(length of the cell).
 *
 *   csvCell(-0.5) → -0.5      csvCell('=1+1') → '=1+1      csvCell('a,b') → "a,b"
 */
export function csvCell(value: CsvValue, delimiter = ','): string {
  let s: string;
  if (value === null || value === undefined) s = '';
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = String(value);
  else s = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line (no line break) from values, each through `csvCell`. */
export function csvLine(values: readonly CsvValue[], delimiter = ','): string {
  return values.map((v) => csvCell(v, delimiter)).join(delimiter);
}
