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
 * An input file as a staging relation of VARCHAR columns, one row per source record, in file
 * order: a table (formats parsed in JS) or a view over DuckDB's reader (CSV, Parquet), which the
 * validator scans exactly once. Record indices (0-based, among the records the reader loaded)
 * map back to source lines through `linesOf`.
 */
export interface RawTable {
  table: string;
  file: string;
  columns: string[];
  /** Records loaded (known after `settle` for views). */
  rowCount: number;
  /** Records the reader itself could not parse (wrong column count, bad quoting); known after `settle`. */
  structural: Reject[];
  /**
   * Readers that may have millions of such rejects (CSV) keep them here instead, in a table,
   * read back in line order in chunks (see structural.ts); `structural` is then empty.
   */
  structuralTable?: { readonly count: number; rows(): AsyncIterable<Reject[]> };
  /**
   * Called once the relation has been scanned, with the number of records seen. `'reread'`: the
   * reader repaired the source (an unclosed quote had swallowed lines) and the relation must be
   * scanned again, then settled again (a reader asks at most once).
   */
  settle?(records: number): Promise<void | 'reread' | undefined>;
  /** Warnings about the whole file (an implausible encoding), for the ingest summary. */
  warnings?: string[];
  /** Drop the staging relation and anything the reader made for it. */
  drop(): Promise<void>;
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
