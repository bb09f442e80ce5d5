/** Parquet into a VARCHAR staging table with DuckDB's reader; `line` is the 1-based row number. */
import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { ident, lit } from '../../store/workspace.js';
import type { RawReadOptions, RawTable } from './types.js';

export async function readParquet(options: RawReadOptions): Promise<RawTable> {
  const { ws, table, file, label } = options;
  if (!existsSync(file)) throw new InputError('E_FILE', `${label}: file not found`, { file: label });
  let cols: { column_name: string }[];
  try {
    cols = await ws.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(${lit(file)})`);
  } catch (e) {
    throw new InputError('E_PARSE', `${label}: not a readable Parquet file: ${(e as Error).message.split('\n')[0]}`, { file: label });
  }
  const columns = cols.map((c) => c.column_name);
  const select = columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');
  await ws.run(`CREATE TEMP VIEW ${ident(table)} AS SELECT ${select} FROM read_parquet(${lit(file)})`);
  const result: RawTable = {
    table, file: label, columns, rowCount: 0, structural: [], lineUnit: 'row',
    linesOf: async (ids) => ids.map((i) => i + 1),
    settle: async (records) => { result.rowCount = records; },
    drop: async () => { await ws.run(`DROP VIEW IF EXISTS ${ident(table)}`); },
  };
  return result;
}
