/**
 * Density of the firm network inside a place (directed, simple).
 *
 *   density = m / (n (n − 1))
 *
 * n: nodes (firms and institutions) in scope; m: distinct ordered pairs (u, v), u ≠ v, with at
 * least one link u → v (parallel links of any type count once; self-loops are dropped and
 * counted in a warning). 0 = no ties, 1 = every node tied to every other in both directions.
 * Same as networkx `density` on a DiGraph without self-loops and igraph `edge_density` on the
 * simplified graph. Degenerate: n < 2 gives 0 with a warning. Time O(n + links).
 * Reference: Wasserman, S. & Faust, K. (1994) Social Network Analysis, Cambridge UP, §4.2,
 * doi:10.1017/CBO9780511815478.
 * Cross-checked: test/reference/network-networkx.py → test/fixtures/linkages/network-graph.json.
 */
import type { MeasureResult } from '../result.js';
import { checkScope, simpleDigraph, type FirmNetwork, type Scope } from './types.js';

export interface NetworkDensityValue { density: number; nodes: number; arcs: number; links: number; selfLoops: number }

export function networkDensity(net: FirmNetwork, options: { scope?: Scope } = {}): MeasureResult<NetworkDensityValue> {
  const scope = checkScope('networkDensity', options.scope ?? 'inside');
  const g = simpleDigraph(net, scope);
  const warnings: string[] = [];
  if (g.selfLoops) warnings.push(`networkDensity: ${g.selfLoops} self-loop link(s) ignored`);
  if (g.n < 2) warnings.push('networkDensity: fewer than two nodes in scope; density is 0');
  const density = g.n < 2 ? 0 : g.arcs / (g.n * (g.n - 1));
  return { value: { density, nodes: g.n, arcs: g.arcs, links: g.links, selfLoops: g.selfLoops }, n: g.n, warnings, provenance: { measure: 'networkDensity', options: { scope }, references: ['Wasserman, S. & Faust, K. (1994) Social Network Analysis, doi:10.1017/CBO9780511815478'] } };
}
