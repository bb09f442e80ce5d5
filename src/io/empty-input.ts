/** The empty-input rule of ingest (docs/ingest.md, "Files"). */
import { InputError } from '../core/errors.js';
import type { RawTable } from './sources/types.js';
import { structuralCount } from './sources/structural.js';

/**
 * An input without a single data row: an error (E_PARSE, reason `no_data_rows`, naming the file)
 * unless the project marks the input `allowEmpty`, then a warning returned for the summary.
 */
export function checkNotEmpty(kind: string, raw: RawTable, required: boolean): string | undefined {
  if (raw.rowCount + structuralCount(raw) > 0) return undefined;
  if (required) {
    throw new InputError('E_PARSE', `${kind} (${raw.file}): no data rows (only a header); a ${kind} file needs at least one row (or \"allowEmpty\": true on the input in the project file)`, {
      file: raw.file, line: 2, reason: 'no_data_rows',
    });
  }
  return `${kind} (${raw.file}): no data rows (only a header); nothing was loaded from it`;
}
