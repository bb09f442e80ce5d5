/** The empty-input rule of ingest (docs/ingest.md, "Files"). */
import { InputError } from '../core/errors.js';
import type { RawTable } from './sources/types.js';

/**
 * An input without a single data row: an error (E_PARSE, reason `no_data_rows`, naming the file)
 * for a required input, otherwise a warning returned for the summary. `required`: the input the
 * project is about (firms, or regional statistics in a project without firms).
 */
export function checkNotEmpty(kind: string, raw: RawTable, required: boolean): string | undefined {
  if (raw.rowCount + raw.structural.length > 0) return undefined;
  if (required) {
    throw new InputError('E_PARSE', `${kind} (${raw.file}): no data rows (only a header); a ${kind} file needs at least one row`, {
      file: raw.file, line: 2, reason: 'no_data_rows',
    });
  }
  return `${kind} (${raw.file}): no data rows (only a header); nothing was loaded from it`;
}
