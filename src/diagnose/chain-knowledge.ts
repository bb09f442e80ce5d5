/**
 * What the workspace says of which industries trade, for the tie test's gate
 * (discover/tie-structure.ts): its chain templates and its IO table.
 *
 * The IO table's sectors are matched to the firms' industry codes by an industry → sector map
 * (`diagnose --sector-map`, the project's `diagnosis.ioSectorMap`; an industry code or prefix →
 * sector, the longest prefix wins), else by the sector codes themselves as code prefixes (a table
 * by GB/T divisions, '13', serves class '1351') — the rule of `plan gaps`. An industry that maps
 * to no sector is simply not covered by the table: the gate judges only pairs the knowledge
 * covers. With several IO tables in the workspace one must be named (`--io-table`); otherwise the
 * IO part is left out, with a note.
 */
import { InputError } from '../core/errors.js';
import { prefixLookup } from '../load/gap-inputs.js';
import { loadChainTemplates } from '../load/firm-network.js';
import { loadIoTableFromWorkspace } from '../load/io-table-workspace.js';
import type { Workspace } from '../store/workspace.js';
import type { ChainKnowledge } from './discover/tie-structure.js';

export interface ChainKnowledgeOptions {
  /** Industry code (or prefix) → IO sector code. */
  sectorMap?: ReadonlyMap<string, string>;
  /** The IO table to use when the workspace holds several. */
  ioTable?: string;
}

export interface WorkspaceChainKnowledge {
  /** undefined when the workspace holds neither templates nor a usable IO table: no gate. */
  knowledge: ChainKnowledge | undefined;
  /** What was left out and why (diagnosis warnings). */
  notes: string[];
}

const tableExists = async (ws: Workspace, names: string[]): Promise<boolean> => {
  const list = names.map((n) => `'${n}'`).join(', ');
  const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN (${list})`);
  return Number(n) === names.length;
};

/** The workspace's chain templates and IO table as the gate. */
export async function workspaceChainKnowledge(ws: Workspace, options: ChainKnowledgeOptions = {}): Promise<WorkspaceChainKnowledge> {
  const notes: string[] = [];
  const knowledge: ChainKnowledge = {};
  // a workspace built by hand (tests, library users) may lack the tables
  if (await tableExists(ws, ['chain_templates', 'chain_stages'])) {
    const templates = await loadChainTemplates(ws);
    if (templates.length > 0) knowledge.templates = templates;
  }
  const ids = (await tableExists(ws, ['io_sectors', 'io_flows']))
    ? (await ws.all<{ table_id: string }>('SELECT DISTINCT table_id FROM io_sectors ORDER BY table_id')).map((r) => r.table_id)
    : [];
  if (options.ioTable !== undefined && !ids.includes(options.ioTable)) {
    throw new InputError('E_OPTION', `--io-table ${JSON.stringify(options.ioTable)}: the workspace holds ${ids.length ? `IO table(s) ${ids.join(', ')}` : 'no IO table'}`, { field: 'ioTable', value: options.ioTable });
  }
  if (options.sectorMap !== undefined && ids.length === 0) {
    throw new InputError('E_OPTION', '--sector-map: the workspace holds no IO table to map industries to (add an ioTable input to the project and ingest)', { field: 'sectorMap', value: null });
  }
  if (ids.length > 1 && options.ioTable === undefined) {
    notes.push(`chain gate: the workspace holds IO tables ${ids.join(', ')}; none is used (name one with --io-table or the project's diagnosis.ioTable)`);
  } else if (ids.length > 0) {
    const { id, table } = await loadIoTableFromWorkspace(ws, options.ioTable ?? ids[0]);
    const sectorIndex = new Map(table.sectors.map((s, i) => [s, i]));
    let lookup: (industry: string) => number;
    if (options.sectorMap !== undefined) {
      const unknown = [...new Set(options.sectorMap.values())].filter((s) => !sectorIndex.has(s));
      if (unknown.length) throw new InputError('E_MAPPING', `--sector-map names sector(s) not in IO table ${id}: ${unknown.slice(0, 5).join(', ')}`, { field: 'sector', value: unknown[0] });
      lookup = prefixLookup(new Map([...options.sectorMap].map(([ind, sec]) => [ind, sectorIndex.get(sec)!])), true);
    } else lookup = prefixLookup(sectorIndex, false);
    const industries = (await ws.all<{ industry: string }>('SELECT DISTINCT industry FROM firms WHERE industry IS NOT NULL ORDER BY industry')).map((r) => r.industry);
    const sectorOf = new Map<string, string>();
    for (const code of industries) {
      const s = lookup(code);
      if (s >= 0) sectorOf.set(code, table.sectors[s]);
    }
    if (sectorOf.size === 0) {
      notes.push(`chain gate: no industry code of the firms maps to a sector of IO table ${id}${options.sectorMap ? ' through the sector map' : ' (its sector codes are not code prefixes: give a sector map)'}; the table is not used`);
    } else {
      knowledge.io = { table, sectorOf };
    }
  }
  return { knowledge: knowledge.io !== undefined || knowledge.templates !== undefined ? knowledge : undefined, notes };
}
