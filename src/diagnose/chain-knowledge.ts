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
  const templates = await loadChainTemplates(ws);
  return templates.length > 0 ? { templates } : undefined;
}
