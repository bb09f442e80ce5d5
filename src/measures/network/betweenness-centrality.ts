/**
 * Betweenness centrality of every node in scope (broker firms sit on many shortest supply paths).
 *
 *   Bᵥ = Σ_{s ≠ v ≠ t} σₛₜ(v) / σₛₜ,     normalised: Bᵥ / ((n − 1)(n − 2))
 *
 * σₛₜ: number of shortest directed paths s → t (hop count, simple directed projection);
 * σₛₜ(v): those passing through v; n: nodes in scope. Exact (Brandes 2001) when n ≤ `exactLimit`
 * (default 5,000); above it, estimated from `samples` (default 500) source pivots drawn without
 * replacement with the seeded generator and scaled by n / samples (Brandes & Pich 2007), as
 * networkx `betweenness_centrality(k=…, seed=…)`. Normalisation as networkx for directed graphs
 * (igraph `betweenness(normalized = TRUE)` uses the same (n−1)(n−2) for directed graphs).
 * Degenerate: n ≤ 2 gives zeros. Time O(n·m) exact, O(samples·m) sampled; memory O(n + m).
 * References: Brandes, U. (2001) J. Math. Sociol. 25:163–177, doi:10.1080/0022250X.2001.9990249;
 * Brandes, U. & Pich, C. (2007) Int. J. Bifurcation and Chaos 17:2303–2318,
 * doi:10.1142/S0218127407018403.
 * Cross-checked exactly against networkx and igraph (test/fixtures/linkages/network-*.json).
 */
import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { MeasureResult } from '../result.js';
import { checkScope, simpleDigraph, type FirmNetwork, type Scope } from './types.js';

export interface BetweennessOptions {
  scope?: Scope;
  /** Divide by (n − 1)(n − 2). Default true. */
  normalized?: boolean;
  /** Largest n computed exactly. Default 5000. */
  exactLimit?: number;
  /** Source pivots when sampling. Default 500. */
  samples?: number;
  /** Seed of the pivot sample. Default 42. */
  seed?: number;
}

export interface BetweennessValue { nodes: Int32Array; betweenness: Float64Array; exact: boolean; pivots: number }

export function betweennessCentrality(net: FirmNetwork, options: BetweennessOptions = {}): MeasureResult<BetweennessValue> {
  const scope = checkScope('betweennessCentrality', options.scope ?? 'inside');
  const normalized = options.normalized ?? true;
  const exactLimit = options.exactLimit ?? 5000;
  const samples = options.samples ?? 500;
  const seed = options.seed ?? 42;
  if (!(Number.isInteger(samples) && samples >= 1)) throw new InputError('E_OPTION', `betweennessCentrality: samples must be a positive integer, got ${samples}`, { field: 'samples', value: samples });
  const g = simpleDigraph(net, scope);
  const n = g.n;
  const exact = n <= exactLimit || samples >= n;
  let pivots: Int32Array;
  if (exact) pivots = Int32Array.from({ length: n }, (_, i) => i);
  else {
    const rng = createRng(seed);
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < samples; i++) { const j = i + rng.int(n - i); const t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    pivots = perm.slice(0, samples);
  }
  const bc = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  const queue = new Int32Array(n);
  for (const s of pivots) {
    sigma.fill(0); dist.fill(-1); delta.fill(0);
    sigma[s] = 1; dist[s] = 0;
    let head = 0, tail = 0, top = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++];
      stack[top++] = v;
      for (let p = g.outStart[v]; p < g.outStart[v + 1]; p++) {
        const w = g.outAdj[p];
        if (dist[w] < 0) { dist[w] = dist[v] + 1; queue[tail++] = w; }
        if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    // accumulate in order of non-increasing distance; predecessors are in-neighbours one hop closer
    while (top > 0) {
      const w = stack[--top];
      for (let p = g.inStart[w]; p < g.inStart[w + 1]; p++) {
        const v = g.inAdj[p];
        if (dist[v] >= 0 && dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      if (w !== s) bc[w] += delta[w];
    }
  }
  let scale = normalized && n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  if (!exact) scale *= n / samples;
  if (scale !== 1) for (let v = 0; v < n; v++) bc[v] *= scale;
  const warnings = exact ? [] : [`betweennessCentrality: ${n} nodes > exactLimit ${exactLimit}; estimated from ${samples} seeded source pivots`];
  return {
    value: { nodes: g.nodes, betweenness: bc, exact, pivots: pivots.length }, n, warnings,
    provenance: { measure: 'betweennessCentrality', options: { scope, normalized, exactLimit, samples }, seed: exact ? undefined : seed, references: ['Brandes, U. (2001) J. Math. Sociol. 25:163–177, doi:10.1080/0022250X.2001.9990249', 'Brandes, U. & Pich, C. (2007) Int. J. Bifurcation and Chaos 17:2303–2318, doi:10.1142/S0218127407018403'] },
  };
}
