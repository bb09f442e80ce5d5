/**
 * What the workspace says of which industries trade, for the tie test's gate
 * (discover/tie-structure.ts): its chain templates. An IO table would need its industry → sector
 * map, which is an input of `plan gaps`, not of the workspace; library callers pass it as
 * `chainKnowledge.io`.
 */
import { loadChainTemplates } from '../load/firm-network.js';
import type { Workspace } from '../store/workspace.js';
import type { ChainKnowledge } from './discover/tie-structure.js';

/** The workspace's chain templates as the gate (undefined when it holds none: no gate). */
export async function workspaceChainKnowledge(ws: Workspace): Promise<ChainKnowledge | undefined> {
  // a workspace built by hand (tests, library users) may lack the tables
  const [{ n }] = await ws.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN ('chain_templates', 'chain_stages')");
  if (Number(n) < 2) return undefined;
  const templates = await loadChainTemplates(ws);
  return templates.length > 0 ? { templates } : undefined;
}
