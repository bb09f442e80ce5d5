/**
 * Structure of a weights matrix: islands, connected components and cardinalities, so that no
 * region is ever dropped silently (spdep prints the same facts in `summary.nb`).
 *
 * Components are those of the undirected graph with an edge i–j when j ∈ N(i) or i ∈ N(j)
 * (weak connectivity, as spdep's `n.comp.nb`), found with union–find (path halving, union by
 * size). An island is a region with no neighbour other than itself. Complexity O(n + L·α(n)).
 */
import { isSymmetric, type SpatialWeights } from './spatial-weights.js';

export interface WeightsReport {
  n: number;
  /** Number of directed links (self-links not counted). */
  links: number;
  /** Ids of regions with no neighbours. */
  islands: string[];
  components: number;
  /** Component label of each region, 0-based, labels in order of first appearance. */
  componentOf: Int32Array;
  /** Sizes of the components, by label. */
  componentSizes: number[];
  minNeighbours: number;
  maxNeighbours: number;
  meanNeighbours: number;
  /** Share of the n² cells that are links, in percent. */
  percentNonzero: number;
  symmetric: boolean;
  selfIncluded: boolean;
  style: string;
  kind: string;
}

export function weightsReport(w: SpatialWeights): WeightsReport {
  const { n, offsets, neighbors } = w;
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (a: number): number => {
    while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; }
    return a;
  };
  const islands: string[] = [];
  let links = 0;
  let minNb = Infinity;
  let maxNb = 0;
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = neighbors[p];
      if (j === i) continue;
      k++;
      let a = find(i);
      let b = find(j);
      if (a !== b) {
        if (size[a] < size[b]) { const t = a; a = b; b = t; }
        parent[b] = a;
        size[a] += size[b];
      }
    }
    links += k;
    if (k === 0) islands.push(w.ids[i]);
    if (k < minNb) minNb = k;
    if (k > maxNb) maxNb = k;
  }
  const componentOf = new Int32Array(n);
  const labelOfRoot = new Map<number, number>();
  const componentSizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let label = labelOfRoot.get(r);
    if (label === undefined) { label = componentSizes.length; labelOfRoot.set(r, label); componentSizes.push(0); }
    componentOf[i] = label;
    componentSizes[label]++;
  }
  return {
    n, links, islands, components: componentSizes.length, componentOf, componentSizes,
    minNeighbours: n ? minNb : 0, maxNeighbours: maxNb, meanNeighbours: n ? links / n : 0,
    percentNonzero: n ? (100 * links) / (n * n) : 0, symmetric: isSymmetric(w), selfIncluded: w.selfIncluded, style: w.style, kind: w.kind,
  };
}
