/**
 * Load a crosswalk (concordance) table between two code systems from CSV.
 *
 * Format (documented in docs/classifications.md): a header with the columns `from`, `to` and
 * optionally `weight` (case-insensitive; other columns are ignored), one link per row.
 * `weight` is the share of the `from` code allocated to the `to` code (e.g. an employment
 * share); when the column is present every row needs a finite, non-negative number. Weights are
 * not required to sum to 1 per `from` code — normalise them where you use them. Codes are trimmed
 * but not otherwise normalised (the table does not say which systems it joins); pass them through
 * `Classification.normalize` of each side if the file mixes spellings such as 'C1811' / '1811'.
 * Encoding as for code lists (UTF-8 or GB18030).
 *
 * Errors (InputError, details carry file/line/field/value): E_FILE unreadable file; E_PARSE
 * missing from/to column, empty from/to, empty weight, duplicate (from, to) pair
 * (details.firstLine), malformed CSV; E_NOT_FINITE weight that is not a finite number;
 * E_NEGATIVE negative weight. Time O(rows).
 *
 * @example
 *   // from,to,weight
 *   // 3361,36,1
 *   // 3364,37,0.8
 *   loadCrosswalkFile('naics-gbt.csv') // [{ from: '3361', to: '36', weight: 1 }, …]
 */
import { InputError } from '../../core/errors.js';
import { findColumn, readCsvFile } from './csv.js';
import type { CrosswalkRow } from '../../model/classifications/types.js';

const WHO = 'loadCrosswalkFile';

export function loadCrosswalkFile(path: string): ReadonlyArray<CrosswalkRow> {
  const table = readCsvFile(path, WHO);
  const col = {
    from: findColumn(table.header, ['from']),
    to: findColumn(table.header, ['to']),
    weight: findColumn(table.header, ['weight']),
  };
  for (const field of ['from', 'to'] as const) {
    if (col[field] < 0) {
      throw new InputError('E_PARSE', `${WHO}: ${path}:${table.headerLine}: no "${field}" column; the header is ${table.header.join(',')}`, {
        file: path,
        line: table.headerLine,
        field,
        value: table.header,
      });
    }
  }
  const rows: CrosswalkRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, fields } of table.records) {
    const from = fields[col.from].trim();
    const to = fields[col.to].trim();
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (value === '') {
        throw new InputError('E_PARSE', `${WHO}: ${path}:${line}: empty "${field}" code`, { file: path, line, field, value });
      }
    }
    const pair = `${from}\u0000${to}`;
    const seen = firstLine.get(pair);
    if (seen !== undefined) {
      throw new InputError('E_PARSE', `${WHO}: ${path}:${line}: duplicate link ${from} → ${to} (first on line ${seen})`, {
        file: path,
        line,
        field: 'to',
        value: to,
        firstLine: seen,
      });
    }
    firstLine.set(pair, line);
    const row: CrosswalkRow = { from, to };
    if (col.weight >= 0) {
      const raw = fields[col.weight].trim();
      if (raw === '') {
        throw new InputError('E_PARSE', `${WHO}: ${path}:${line}: empty weight (the weight column is present, so every row needs one)`, {
          file: path,
          line,
          field: 'weight',
          value: raw,
        });
      }
      const weight = Number(raw);
      if (!Number.isFinite(weight)) {
        throw new InputError('E_NOT_FINITE', `${WHO}: ${path}:${line}: weight must be a finite number, got ${JSON.stringify(raw)}`, {
          file: path,
          line,
          field: 'weight',
          value: raw,
        });
      }
      if (weight < 0) {
        throw new InputError('E_NEGATIVE', `${WHO}: ${path}:${line}: weight must not be negative, got ${raw}`, {
          file: path,
          line,
          field: 'weight',
          value: weight,
        });
      }
      row.weight = weight;
    }
    rows.push(Object.freeze(row));
  }
  return Object.freeze(rows);
}
