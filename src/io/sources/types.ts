import type { Workspace } from '../../store/workspace.js';

/** One rejected input row (or one bad field of it). `line` is 1-based in the source file. */
export interface Reject {
  file: string;
  line: number;
  field: string;
  value: string;
  reason: string;
  detail?: string;
}

/**
 * An input file loaded as-is into a staging table of VARCHAR columns, one row per source record,
 * in file order (so the table's rowid is the record's index among the loaded records).
 */
export interface RawTable {
  table: string;
  file: string;
  columns: string[];
  rowCount: number;
  /** Records the reader itself could not parse (wrong column count, bad quoting). */
  structural: Reject[];
  /** Map staging-table rowids to 1-based source lines (sorted or not; order is preserved). */
  linesOf(rowids: number[]): Promise<number[]>;
  /** What "line" means for this format, for the docs and messages. */
  lineUnit: 'line' | 'row' | 'feature';
}

export interface RawReadOptions {
  ws: Workspace;
  table: string;
  file: string;
  /** How the file is named in rejects and messages (relative to the project). */
  label: string;
}
