/**
 * Newman–Girvan modularity of a partition of the firm network (undirected weighted projection).
 *
 *   Q = Σ_c [ Σ_in(c) / (2W) − γ (Σ_tot(c) / (2W))² ]
 *
 * W: total edge weight of the projection (links in both directions and of all types between u
 * and v summed into one edge; self-loops dropped); Σ_in(c): twice the weight of edges inside
 * community c; Σ_tot(c): sum of the weighted degrees of c's nodes; γ: resolution (default 1).
 * Q ∈ [−1/2, 1); higher = denser inside communities than the configuration-model expectation.
 * Same as igraph `modularity(graph, membership, weights, resolution)` on the collapsed graph.
 * Degenerate: W = 0 → NaN with a warning. Time O(n + m).
 * Reference: Newman, M. E. J. (2004) Phys. Rev. E 70:056131, doi:10.1103/PhysRevE.70.056131.
 * Cross-checked: louvainCommunities' own running modularity, and igraph (network-igraph.json).
 */
import { InputError } from '../../core/errors.js';
import type { MeasureResult } from '../result.js';
import { checkScope, linkWeights, undirectedProjection, type FirmNetwork, type MissingValue, type Scope, type WeightMode } from './types.js';

export interface ModularityOptions { scope?: Scope; weight?: WeightMode; missing?: MissingValue; resolution?: number }

/** `community[p]` is the community of the p-th node in scope (network order). */
export function modularity(net: FirmNetwork, community: Int32Array, options: ModularityOptions = {}): MeasureResult<number> {
  const scope = checkScope('modularity', options.scope ?? 'inside');
  const weight = options.weight ?? 'value';
  const missing = options.missing ?? 'error';
  const resolution = options.resolution ?? 1;
  const { w } = linkWeights('modularity', net, weight, missing);
  const g = undirectedProjection(net, scope, w);
  if (community.length !== g.n) throw new InputError('E_OPTION', `modularity: community must have ${g.n} entries (nodes in scope), got ${community.length}`, { field: 'community', value: community.length });
  const q = modularityOf(g.n, g.eu, g.ev, g.ew, community, resolution);
  return { value: q, n: g.n, warnings: Number.isNaN(q) ? ['modularity: no edge weight in scope; modularity is undefined'] : [], provenance: { measure: 'modularity', options: { scope, weight, missing, resolution }, references: ['Newman, M. E. J. (2004) Phys. Rev. E 70:056131, doi:10.1103/PhysRevE.70.056131'] } };
}

export function modularityOf(n: number, eu: Int32Array, ev: Int32Array, ew: Float64Array, community: Int32Array, resolution: number): number {
  let k = 0;
  for (let p = 0; p < n; p++) if (community[p] + 1 > k) k = community[p] + 1;
  const inside = new Float64Array(k);
  const tot = new Float64Array(k);
  let W = 0;
  for (let e = 0; e < eu.length; e++) {
    const cu = community[eu[e]];
    const cv = community[ev[e]];
    W += ew[e];
    tot[cu] += ew[e];
    tot[cv] += ew[e];
    if (cu === cv) inside[cu] += 2 * ew[e];
  }
  if (W === 0) return Number.NaN;
  let q = 0;
  for (let c = 0; c < k; c++) q += inside[c] / (2 * W) - resolution * (tot[c] / (2 * W)) ** 2;
  return q;
}
