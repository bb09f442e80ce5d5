/** Append JS-parsed records (XLSX rows, GeoJSON features, JSON records) into a VARCHAR staging table. */
import type { Workspace } from '../../store/workspace.js';
import { ident } from '../../store/workspace.js';

export async function createVarcharTable(ws: Workspace, table: string, columns: string[]): Promise<void> {
  const cols = columns.map((c) => `${ident(c)} VARCHAR`).join(', ');
  await ws.run(`CREATE TEMP TABLE ${ident(table)} (${cols})`);
}

/** Append rows of strings (null = SQL NULL); each row must have one cell per column. */
export async function appendRows(ws: Workspace, table: string, width: number, rows: Iterable<(string | null)[]>): Promise<void> {
  await ws.append(table, Array.from({ length: width }, () => 'varchar' as const), rows, { temp: true });
}

/** Canonical text of a parsed JSON value in a cell. */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export async function dropTable(ws: Workspace, table: string): Promise<void> {
  await ws.run(`DROP TABLE IF EXISTS ${ident(table)}`);
}
