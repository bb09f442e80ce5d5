/**
 * The workspace's tables as the ClickHouse loader sees them: every table of the main schema (not
 * temporary), its columns in order with their DuckDB type and the ClickHouse type `chType` gives
 * (VARCHAR → Nullable(String), DOUBLE → Nullable(Float64), INTEGER → Nullable(Int32), BIGINT →
 * Nullable(Int64), BOOLEAN → Nullable(UInt8), VARCHAR[] → Array(String)). A column of another type
 * throws E_ENGINE here, before the cluster is touched.
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
