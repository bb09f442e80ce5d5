/**
 * The workspace's tables as ClickHouse sees them: their columns with ClickHouse types, and the
 * DuckDB expression that writes one row as a line of ClickHouse's TabSeparated format.
 *
 * The line is built inside DuckDB (vectorised, on all its threads) rather than in JavaScript, so
 * the loader only joins ready-made lines: per column,
 *
 *   VARCHAR     \ → \\, TAB → \t, LF → \n, CR → \r; NULL → \N
 *   DOUBLE …    DuckDB's shortest round-trip text (1e+21, 0.1, nan, inf, -inf); NULL → \N
 *   INTEGER …   decimal text; NULL → \N
 *   BOOLEAN     1 / 0; NULL → \N
 *   VARCHAR[]   an array literal ['a','b\'c'] (elements quoted and escaped as ClickHouse string
 *               literals: \ ' TAB LF CR); a NULL list → [] and a NULL element → '' (Array(String)
 *               is not nullable in ClickHouse 18)
 *
 * A column type outside this list throws E_ENGINE (through `chType`) before the cluster is touched.
 */
import type { Workspace } from '../workspace.js';
import { chType } from './clickhouse-schema.js';

export interface WorkspaceColumn { name: string; duckdbType: string; clickhouseType: string }
export interface WorkspaceTable { name: string; columns: WorkspaceColumn[] }

/** Every table of the workspace (main schema, not temporary), its columns in order, `meta` last. */
export async function workspaceTables(ws: Workspace): Promise<WorkspaceTable[]> {
  const rows = await ws.all<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
      WHERE c.schema_name = 'main' AND NOT t.temporary AND NOT t.internal AND c.database_name = current_database()
      ORDER BY c.table_name, c.column_index`,
  );
  const byTable = new Map<string, WorkspaceColumn[]>();
  for (const r of rows) {
    const cols = byTable.get(r.table_name) ?? [];
    cols.push({ name: r.column_name, duckdbType: r.data_type, clickhouseType: chType(r.data_type) });
    byTable.set(r.table_name, cols);
  }
  const tables = [...byTable].map(([name, columns]) => ({ name, columns }));
  // meta (with the engine marker) is written last, so a marked database has every table swapped in
  return [...tables.filter((t) => t.name !== 'meta'), ...tables.filter((t) => t.name === 'meta')];
}

/** A DuckDB identifier, double-quoted. */
function duckIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const NULL_TEXT = String.raw`'\N'`;

function escapeText(expr: string): string {
  return String.raw`replace(replace(replace(replace(${expr}, '\', '\\'), chr(9), '\t'), chr(10), '\n'), chr(13), '\r')`;
}

function cellSql(c: WorkspaceColumn): string {
  const col = duckIdent(c.name);
  const t = c.duckdbType.toUpperCase();
  if (t.endsWith('[]')) {
    const element = String.raw`coalesce('''' || replace(${escapeText('CAST(x AS VARCHAR)')}, '''', '\''') || '''', '''''')`;
    return `CASE WHEN ${col} IS NULL THEN '[]' ELSE '[' || array_to_string(list_transform(${col}, lambda x: ${element}), ',') || ']' END`;
  }
  if (t === 'VARCHAR') return `coalesce(${escapeText(col)}, ${NULL_TEXT})`;
  if (t === 'BOOLEAN') return `CASE WHEN ${col} THEN '1' WHEN NOT ${col} THEN '0' ELSE ${NULL_TEXT} END`;
  return `coalesce(CAST(${col} AS VARCHAR), ${NULL_TEXT})`;
}

/** A query yielding one column: each row of `table` (optionally filtered) as a TabSeparated line without its LF. */
export function tabSeparatedSql(table: WorkspaceTable, where?: string): string {
  const line = table.columns.map(cellSql).join(' || chr(9) || ');
  return `SELECT ${line} AS line FROM ${duckIdent(table.name)}${where ? ` WHERE ${where}` : ''}`;
}

/** One TabSeparated cell for a string we add ourselves (the engine marker row). */
export function tabSeparatedText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' } as Record<string, string>)[c]);
}
