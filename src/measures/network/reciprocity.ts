/**
 * Reciprocity of the firm network: the share of ties that are returned.
 *
 *   r = (number of arcs u → v whose reverse v → u exists) / (number of arcs)
 *
 * Arcs are distinct ordered pairs (the simple directed projection; self-loops dropped). 1 = every
 * supplier also buys from its customer; 0 = strictly one-way. Same as networkx
 * `overall_reciprocity` and igraph `reciprocity(mode = "default", ignore.loops = TRUE)`.
 * Degenerate: no arcs → NaN with a warning. Time O(links).
 * Reference: Garlaschelli, D. & Loffredo, M. I. (2004) Phys. Rev. Lett. 93:268701,
 * doi:10.1103/PhysRevLett.93.268701 (which also gives the density-corrected ρ).
 * Cross-checked: networkx and igraph (test/fixtures/linkages/network-*.json).
 */
import type { MeasureResult } from '../result.js';
import { checkScope, simpleDigraph, type FirmNetwork, type Scope } from './types.js';

export function reciprocity(net: FirmNetwork, options: { scope?: Scope } = {}): MeasureResult<number> {
  const scope = checkScope('reciprocity', options.scope ?? 'inside');
  const g = simpleDigraph(net, scope);
  const mark = new Int32Array(g.n).fill(-1);
  let mutual = 0;
  for (let u = 0; u < g.n; u++) {
    for (let p = g.inStart[u]; p < g.inStart[u + 1]; p++) mark[g.inAdj[p]] = u;
    for (let p = g.outStart[u]; p < g.outStart[u + 1]; p++) if (mark[g.outAdj[p]] === u) mutual++;
  }
  const warnings = g.arcs === 0 ? ['reciprocity: no ties in scope; reciprocity is undefined (NaN)'] : [];
  return { value: g.arcs === 0 ? Number.NaN : mutual / g.arcs, n: g.arcs, warnings, provenance: { measure: 'reciprocity', options: { scope }, references: ['Garlaschelli, D. & Loffredo, M. I. (2004) Phys. Rev. Lett. 93:268701, doi:10.1103/PhysRevLett.93.268701'] } };
}
