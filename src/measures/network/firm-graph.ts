/**
 * The firm network as a graphology typed multigraph (for users who want graphology's ecosystem:
 * layouts, sigma.js views, graphology-metrics). Nodes carry `kind`, `institutionType`, `inside`;
 * edges carry `type` and `value` (null when unknown). Parallel links of different (or the same)
 * types are kept as separate edges. Our own metrics run on typed-array CSR projections instead
 * (see types.ts) because graph objects cost ~10× the memory at a million links. Time O(n + m).
 */
import { MultiDirectedGraph } from 'graphology';
import { LINK_TYPES, type FirmNetwork } from './types.js';

export interface FirmNodeAttributes { kind: 'firm' | 'institution'; institutionType: string | null; inside: boolean }
export interface FirmEdgeAttributes { type: string; value: number | null }

export function firmGraph(net: FirmNetwork): MultiDirectedGraph<FirmNodeAttributes, FirmEdgeAttributes> {
  const g = new MultiDirectedGraph<FirmNodeAttributes, FirmEdgeAttributes>({ allowSelfLoops: true });
  net.ids.forEach((id, i) => g.addNode(id, { kind: net.kind[i] === 1 ? 'institution' : 'firm', institutionType: net.institutionType[i], inside: net.inside[i] === 1 }));
  for (let k = 0; k < net.source.length; k++) {
    const v = net.value[k];
    g.addEdge(net.ids[net.source[k]], net.ids[net.target[k]], { type: LINK_TYPES[net.type[k]], value: Number.isFinite(v) ? v : null });
  }
  return g;
}
