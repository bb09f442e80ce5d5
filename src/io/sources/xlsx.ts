/**
 * XLSX (planners live in Excel) into a VARCHAR staging table, streaming the sheet so large
 * workbooks do not sit in memory. `line` is the sheet's 1-based row number, as Excel shows it.
 * The workbook is read through the capped reader of `load/xlsx-workbook.ts` (zip directory first,
 * size and row limits, no temporary files).
 */
import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { xlsxCellText, xlsxSheets, type XlsxLimits } from '../../load/xlsx-workbook.js';
import { appendRows, createVarcharTable, dropTable } from './rows.js';
import type { RawReadOptions, RawTable, Reject } from './types.js';

export { XLSX_LIMIT_ENV, XLSX_LIMITS, utf8Boundary, xlsxCellText, xlsxLimits, xlsxParts, xlsxSheets, type XlsxLimits, type XlsxRow, type XlsxSheet } from '../../load/xlsx-workbook.js';

export interface XlsxReadOptions extends RawReadOptions {
  sheet?: string | number;
  /** Default: `xlsxLimits()`. */
  limits?: XlsxLimits;
}

/** Rows are appended to the staging table in batches of this many, so a sheet never sits whole in memory. */
const BATCH = 10_000;

export async function readXlsx(options: XlsxReadOptions): Promise<RawTable> {
  const { ws, table, file, label } = options;
  if (!existsSync(file)) throw new InputError('E_FILE', `${label}: file not found`, { file: label });
  const wanted = options.sheet ?? 0;
  let header: string[] | undefined;
  const keptLines: number[] = [];
  const structural: Reject[] = [];
  let batch: (string | null)[][] = [];
  let found = false;
  const sheetNames: string[] = [];
  const flush = async (): Promise<void> => { if (batch.length) await appendRows(ws, table, header!.length, batch); batch = []; };
  try {
    for await (const sheet of xlsxSheets(file, label, options.limits)) {
      sheetNames.push(sheet.name);
      const match = typeof wanted === 'number' ? sheet.index === wanted : sheet.name === wanted;
      if (!match || found) {
        for await (const _row of sheet.rows) { /* drain */ }
        continue;
      }
      found = true;
      for await (const row of sheet.rows) {
        const cells: (string | null)[] = [];
        for (let c = 1; c < row.values.length; c++) cells.push(xlsxCellText(row.values[c]));
        if (cells.every((c) => c === null)) continue; // blank row (or blank rows above the header)
        if (!header) {
          header = cells.map((c, i) => (c === null ? `column${i + 1}` : c.trim()));
          await createVarcharTable(ws, table, uniqueNames(header));
          continue;
        }
        const width = header.length;
        const extra = cells.slice(width).filter((c) => c !== null);
        if (extra.length > 0) {
          structural.push({ file: label, line: row.number, field: '', value: extra.join(' | ').slice(0, 200), reason: 'malformed_row', detail: `too many columns: values beyond the ${width} header columns` });
          continue;
        }
        while (cells.length < width) cells.push(null);
        cells.length = width;
        batch.push(cells);
        keptLines.push(row.number);
        if (batch.length >= BATCH) await flush();
      }
    }
    if (header) await flush();
  } catch (e) {
    await dropTable(ws, table);
    throw e;
  }
  if (!found) throw new InputError('E_OPTION', `${label}: no sheet ${JSON.stringify(wanted)}; the workbook has ${sheetNames.map((s) => JSON.stringify(s)).join(', ')}`, { file: label, field: 'sheet', value: wanted });
  if (!header) throw new InputError('E_PARSE', `${label}: the sheet is empty (a header row is required)`, { file: label, line: 1 });
  return {
    table, file: label, columns: uniqueNames(header), rowCount: keptLines.length, structural,
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
