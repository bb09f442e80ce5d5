/**
 * Degree and strength of every node in scope (leader firms have many partners and large flows).
 *
 *   inDegreeᵥ = |{u : u → v}|,  outDegreeᵥ = |{w : v → w}|     (distinct partners, simple graph)
 *   centralityᵥ = (inDegreeᵥ + outDegreeᵥ) / (n − 1)
 *   inStrengthᵥ = Σ value of links into v,  outStrengthᵥ = Σ value of links out of v
 *   (every parallel link among the nodes in scope; links to nodes outside the scope are not counted)
 *
 * n: nodes in scope. Centrality is networkx `degree_centrality` on a DiGraph (it can exceed 1
 * when ties run both ways); igraph `degree(mode = "all")` without normalisation. Strength counts
 * every parallel link of every type (igraph `strength` on the multigraph).
 * Degenerate: n = 1 gives centrality 0. Time O(n + links).
 * Reference: Freeman, L. C. (1978) Social Networks 1:215–239, doi:10.1016/0378-8733(78)90021-7.
 * Cross-checked: networkx (test/fixtures/linkages/network-graph.json).
 */
import type { MeasureResult } from '../result.js';
import { checkScope, linkWeights, selectNodes, simpleDigraph, type FirmNetwork, type MissingValue, type Scope, type WeightMode } from './types.js';

export interface DegreeCentralityValue {
  /** Network indices of the nodes in scope (the order of every array below). */
  nodes: Int32Array;
  inDegree: Int32Array;
  outDegree: Int32Array;
  centrality: Float64Array;
  inStrength: Float64Array;
  outStrength: Float64Array;
}

export function degreeCentrality(net: FirmNetwork, options: { scope?: Scope; weight?: WeightMode; missing?: MissingValue } = {}): MeasureResult<DegreeCentralityValue> {
  const scope = checkScope('degreeCentrality', options.scope ?? 'inside');
  const weight = options.weight ?? 'value';
  const missing = options.missing ?? 'error';
  const g = simpleDigraph(net, scope);
  const { local } = selectNodes(net, scope);
  const { w, missingCount } = linkWeights('degreeCentrality', net, weight, missing);
  const n = g.n;
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  const centrality = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    outDegree[u] = g.outStart[u + 1] - g.outStart[u];
    inDegree[u] = g.inStart[u + 1] - g.inStart[u];
    centrality[u] = n > 1 ? (inDegree[u] + outDegree[u]) / (n - 1) : 0;
  }
  const inStrength = new Float64Array(n);
  const outStrength = new Float64Array(n);
  for (let k = 0; k < net.source.length; k++) {
    const u = local[net.source[k]];
    const v = local[net.target[k]];
    if (u < 0 || v < 0) continue;
    outStrength[u] += w[k];
    inStrength[v] += w[k];
  }
  const warnings = missingCount ? [`degreeCentrality: ${missingCount} link(s) without a value counted as ${missing === 'one' ? 1 : 0}`] : [];
  return { value: { nodes: g.nodes, inDegree, outDegree, centrality, inStrength, outStrength }, n, warnings, provenance: { measure: 'degreeCentrality', options: { scope, weight, missing }, references: ['Freeman, L. C. (1978) Social Networks 1:215–239, doi:10.1016/0378-8733(78)90021-7'] } };
}
