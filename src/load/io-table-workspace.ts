/**
 * IO tables already ingested into a workspace (`io_sectors`, `io_flows`, written by
 * src/io/structured.ts) as `IoData`. `tableId` defaults to the only table; with several, it must
 * be named (E_OPTION lists them). The ingest already warned about unbalanced rows; this loader
 * repeats the row check so the measure's output carries it too.
 */
import { InputError } from '../core/errors.js';
import type { IoData } from '../data/io-data.js';
import type { Workspace } from '../store/workspace.js';
import type { UnbalancedSector } from './io-table-file.js';

export async function loadIoTableFromWorkspace(ws: Workspace, tableId?: string, tolerance = 1e-6): Promise<{ id: string; table: IoData; unbalanced: UnbalancedSector[] }> {
  const ids = (await ws.all<{ table_id: string }>('SELECT DISTINCT table_id FROM io_sectors ORDER BY table_id')).map((r) => r.table_id);
  if (!ids.length) throw new InputError('E_WORKSPACE', 'the workspace holds no IO table (add an ioTable input to the project and ingest)', { field: 'ioTable' });
  const id = tableId ?? (ids.length === 1 ? ids[0] : undefined);
  if (id === undefined || !ids.includes(id)) throw new InputError('E_OPTION', `IO table ${tableId === undefined ? '(not named)' : JSON.stringify(tableId)}: the workspace holds ${ids.join(', ')}; name one`, { field: 'table', value: tableId });
  const sectors = await ws.all<{ idx: number; code: string; name: string | null; final_demand: number; total_output: number }>(
    'SELECT idx, code, name, final_demand, total_output FROM io_sectors WHERE table_id = ? ORDER BY idx', [id]);
  const n = sectors.length;
  const z = new Float64Array(n * n);
  for (const r of await ws.all<{ row_idx: number; col_idx: number; value: number }>('SELECT row_idx, col_idx, value FROM io_flows WHERE table_id = ?', [id])) z[r.row_idx * n + r.col_idx] = r.value;
  const table: IoData = {
    sectors: sectors.map((s) => s.code), names: sectors.map((s) => s.name),
    z, totalOutput: Float64Array.from(sectors, (s) => s.total_output), finalDemand: Float64Array.from(sectors, (s) => s.final_demand),
  };
  const unbalanced: UnbalancedSector[] = [];
  for (let i = 0; i < n; i++) {
    let s = table.finalDemand![i];
    for (let j = 0; j < n; j++) s += z[i * n + j];
    const x = table.totalOutput[i];
    if (Math.abs(s - x) > tolerance * Math.max(1, Math.abs(s), Math.abs(x))) unbalanced.push({ sector: table.sectors[i], index: i, rowSum: s, outputColumn: x, outputRow: Number.NaN, check: 'row-sum' });
  }
  return { id, table, unbalanced };
}
