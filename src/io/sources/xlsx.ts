/**
 * XLSX (planners live in Excel) into a VARCHAR staging table, streaming the sheet so large
 * workbooks do not sit in memory. `line` is the sheet's 1-based row number, as Excel shows it.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { appendRows, createVarcharTable, dropTable } from './rows.js';
import type { RawReadOptions, RawTable } from './types.js';

export interface XlsxReadOptions extends RawReadOptions {
  sheet?: string | number;
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

export async function readXlsx(options: XlsxReadOptions): Promise<RawTable> {
  const { ws, table, file, label } = options;
  if (!existsSync(file)) throw new InputError('E_FILE', `${label}: file not found`, { file: label });
  const wanted = options.sheet ?? 0;
  const { default: ExcelJS } = await import('exceljs'); // heavy: load only for XLSX inputs
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let header: string[] | undefined;
  const lines: number[] = [];
  const rows: (string | null)[][] = [];
  let index = -1;
  let found = false;
  const sheetNames: string[] = [];
  try {
    for await (const sheet of reader) {
      index++;
      const name = (sheet as unknown as { name?: string }).name ?? `Sheet${index + 1}`;
      sheetNames.push(name);
      const match = typeof wanted === 'number' ? index === wanted : name === wanted;
      if (!match || found) {
        for await (const _row of sheet) { /* drain */ }
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const values = (row as unknown as { values: unknown[] }).values; // 1-based sparse array
        const cells: (string | null)[] = [];
        for (let c = 1; c < values.length; c++) cells.push(xlsxCellText(values[c]));
        if (!header) {
          if (cells.every((c) => c === null)) continue;
          header = cells.map((c, i) => (c === null ? `column${i + 1}` : c.trim()));
          continue;
        }
        if (cells.every((c) => c === null)) continue; // blank row
        lines.push((row as unknown as { number: number }).number);
        rows.push(cells);
      }
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('E_PARSE', `${label}: not a readable XLSX workbook: ${(e as Error).message}`, { file: label });
  }
  if (!found) {
    throw new InputError('E_OPTION', `${label}: no sheet ${JSON.stringify(wanted)}; the workbook has ${sheetNames.map((s) => JSON.stringify(s)).join(', ')}`, {
      file: label, field: 'sheet', value: wanted,
    });
  }
  if (!header) throw new InputError('E_PARSE', `${label}: the sheet is empty (a header row is required)`, { file: label, line: 1 });
  const width = header.length;
  const structural = [];
  const kept: (string | null)[][] = [];
  const keptLines: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const extra = r.slice(width).filter((c) => c !== null);
    if (extra.length > 0) {
      structural.push({
        file: label, line: lines[i], field: '', value: extra.join(' | ').slice(0, 200),
        reason: 'malformed_row', detail: `too many columns: values beyond the ${width} header columns`,
      });
      continue;
    }
    while (r.length < width) r.push(null);
    r.length = width;
    kept.push(r);
    keptLines.push(lines[i]);
  }
  await createVarcharTable(ws, table, uniqueNames(header));
  await appendRows(ws, table, width, kept);
  return {
    table, file: label, columns: uniqueNames(header), rowCount: kept.length, structural,
    linesOf: async (ids) => ids.map((id) => keptLines[id]), lineUnit: 'row', drop: () => dropTable(ws, table),
  };
}

/** Make header names unique the way DuckDB's CSV reader does (name, name_1, name_2…). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n);
    if (k === undefined) { seen.set(n, 0); return n; }
    seen.set(n, k + 1);
    return `${n}_${k + 1}`;
  });
}
