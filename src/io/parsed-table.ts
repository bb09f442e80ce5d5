/**
 * The validator's parsed staging table of `raw` (one row per record, rowid = record index) and
 * the column of a field's trimmed text in it. It exists from the parse pass until the validator
 * (validate.ts) finishes; `raw.drop()` is called while it exists (references.ts reads it then).
 */
import type { RawTable } from './sources/types.js';

export const parsedTableOf = (raw: RawTable): string => `${raw.table}__parsed`;
export const parsedTextColumn = (field: string): string => `t:${field}`;
