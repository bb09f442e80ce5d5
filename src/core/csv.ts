/**
 * A small RFC 4180 CSV reader for the few places that read CSV in JavaScript rather than
 * through DuckDB (header sniffing, planning point files, CBP exports): quoted fields may hold
 * delimiters, doubled quotes and line breaks; each record keeps the 1-based line it starts on;
 * blank lines are skipped. O(length of the text).
 */
export interface CsvRecordLine {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export function parseCsvRecords(text: string, delimiter = ','): CsvRecordLine[] {
  const out: CsvRecordLine[] = [];
  let cells: string[] = [];
  let cur = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = (): void => {
    cells.push(cur);
    if (touched || cells.length > 1 || cells[0] !== '') out.push({ cells, line: start });
    cells = [];
    cur = '';
    touched = false;
  };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; cur += ch; }
      continue;
    }
    if (ch === '"') { quoted = true; touched = true; }
    else if (ch === delimiter) { cells.push(cur); cur = ''; touched = true; }
    else if (ch === '\n') { end(); line++; start = line; }
    else if (ch === '\r' && s[i + 1] === '\n') { /* CRLF: the \n ends the record */ }
    else cur += ch;
  }
  if (cur !== '' || cells.length || touched) end();
  return out;
}

/** The cells of one line (no embedded line breaks), trimmed. */
export function splitCsvLine(line: string, delimiter = ','): string[] {
  return (parseCsvRecords(line, delimiter)[0]?.cells ?? ['']).map((c) => c.trim());
}
