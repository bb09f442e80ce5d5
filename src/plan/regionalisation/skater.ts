/**
 * SKATER regionalisation (Assunção, Neves, Câmara & da Costa Freitas 2006, "Efficient
 * regionalization techniques for socio-economic geographical units using minimum spanning
 * trees", IJGIS 20(7):797–811, doi:10.1080/13658810600665111): k contiguous regions of
 * similar units, e.g. the seed's seven regional clusters (东北、华北、中原、西北、华南、西南、华东)
 * from provinces described by their logistics position.
 *
 *   1. Costs: each contiguity edge (i, j) costs ‖xᵢ − xⱼ‖ (Euclidean distance of the attributes).
 *   2. Minimum spanning tree of the contiguity graph (Prim's algorithm from `root`).
 *   3. k − 1 times: over every edge of every current tree, the cut that most reduces its tree's
 *      within-group dissimilarity SSW(T) − SSW(T₁) − SSW(T₂), among cuts whose parts both have
 *      at least `minSize` units; cut it.
 *
 * SSW(S) with criterion 'euclidean' (default, as R spdep's `skater`): Σ_{i∈S} ‖xᵢ − x̄_S‖;
 * with 'squared' (the paper's sum of squared deviations): Σ_{i∈S} ‖xᵢ − x̄_S‖².
 * Complexity O(k·n²·p) for n units and p attributes (each candidate cut is evaluated directly,
 * since the Euclidean SSW does not decompose over subtrees).
 * Cross-checked against spdep 1.2.7 `mstree` + `skater` on columbus and NC SIDS:
 * test/reference/regionalisation-spdep.R → test/fixtures/regionalisation/skater-spdep.json.
 * Degenerate cases: a disconnected contiguity graph (islands) cannot be spanned by one tree and
 * is an E_DEGENERATE error naming the components; when no admissible cut remains, fewer than k
 * regions are returned with a warning.
 */
import { InputError } from '../../core/errors.js';

export interface SkaterOptions {
  /** Number of regions. */
  k: number;
  /** Smallest region, in units (default 1). */
  minSize?: number;
  criterion?: 'euclidean' | 'squared';
  /** Unit where Prim's algorithm starts (spdep's `ini`; default 0). */
  root?: number;
}

export interface SkaterResult {
  /** Region of each unit, 0-based, numbered in the order regions were created (region 0 keeps the root). */
  groups: Int32Array;
  regions: number;
  /** Minimum spanning tree edges [i, j, cost]. */
  tree: [number, number, number][];
  /** Total within-region dissimilarity after the last cut, and before any cut. */
  ssw: number;
  ssto: number;
  warnings: string[];
}

function components(neighbours: readonly (readonly number[])[]): number[][] {
  const n = neighbours.length;
  const seen = new Uint8Array(n);
  const out: number[][] = [];
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    const comp = [s];
    seen[s] = 1;
    for (let q = 0; q < comp.length; q++) for (const v of neighbours[comp[q]]) if (!seen[v]) { seen[v] = 1; comp.push(v); }
    out.push(comp);
  }
  return out;
}

export function skater(neighbours: readonly (readonly number[])[], data: readonly (readonly number[])[], options: SkaterOptions): SkaterResult {
  const n = neighbours.length;
  const k = options.k;
  const minSize = options.minSize ?? 1;
  const squared = (options.criterion ?? 'euclidean') === 'squared';
  const root = options.root ?? 0;
  if (data.length !== n) throw new InputError('E_OPTION', `skater: data has ${data.length} rows but there are ${n} units`, { field: 'data', value: data.length });
  if (!Number.isInteger(k) || k < 1 || k > n) throw new InputError('E_OPTION', `skater: k must be an integer in [1, ${n}], got ${k}`, { field: 'k', value: k });
  if (!(root >= 0 && root < n)) throw new InputError('E_OPTION', `skater: root must be a unit index, got ${root}`, { field: 'root', value: root });
  const p = data[0]?.length ?? 0;
  data.forEach((row, i) => row.forEach((v, c) => {
    if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `skater: data[${i}][${c}] must be finite, got ${v}`, { field: 'data', row: i, value: v });
  }));
  neighbours.forEach((nb, i) => nb.forEach((j) => {
    if (!(j >= 0 && j < n) || !neighbours[j].includes(i)) {
      throw new InputError('E_OPTION', `skater: neighbour lists must be symmetric indices; ${i} → ${j} has no way back`, { field: 'neighbours', row: i, value: j });
    }
  }));
  const comps = components(neighbours);
  if (comps.length > 1) {
    throw new InputError('E_DEGENERATE', `skater: the contiguity graph has ${comps.length} disconnected parts (smallest: units ${comps.sort((a, b) => a.length - b.length)[0].slice(0, 10).join(', ')}); connect islands (e.g. to their nearest neighbour) first`, {
      field: 'neighbours', value: comps.length,
    });
  }
  const dist = (i: number, j: number): number => {
    let s = 0;
    for (let c = 0; c < p; c++) { const d = data[i][c] - data[j][c]; s += d * d; }
    return Math.sqrt(s);
  };

  // Prim's MST from the root over the contiguity graph.
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n).fill(-1);
  const tree: [number, number, number][] = [];
  best[root] = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let v = 0; v < n; v++) if (!inTree[v] && (u < 0 || best[v] < best[u])) u = v;
    inTree[u] = 1;
    if (from[u] >= 0) tree.push([from[u], u, best[u]]);
    for (const v of neighbours[u]) {
      if (inTree[v]) continue;
      const c = dist(u, v);
      if (c < best[v]) { best[v] = c; from[v] = u; }
    }
  }

  const ssw = (nodes: readonly number[]): number => {
    if (nodes.length === 0) return 0;
    const mean = new Float64Array(p);
    for (const i of nodes) for (let c = 0; c < p; c++) mean[c] += data[i][c];
    for (let c = 0; c < p; c++) mean[c] /= nodes.length;
    let s = 0;
    for (const i of nodes) {
      let d2 = 0;
      for (let c = 0; c < p; c++) { const d = data[i][c] - mean[c]; d2 += d * d; }
      s += squared ? d2 : Math.sqrt(d2);
    }
    return s;
  };

  interface Region { nodes: number[]; edges: [number, number, number][]; ssw: number }
  /** The unit set on a's side when `cut` is removed from the region's edges. */
  const side = (edges: readonly [number, number, number][], cut: number, a: number): number[] => {
    const adj = new Map<number, number[]>();
    edges.forEach(([x, y], e) => {
      if (e === cut) return;
      (adj.get(x) ?? adj.set(x, []).get(x)!).push(y);
      (adj.get(y) ?? adj.set(y, []).get(y)!).push(x);
    });
    const out = [a];
    const seen = new Set([a]);
    for (let q = 0; q < out.length; q++) for (const v of adj.get(out[q]) ?? []) if (!seen.has(v)) { seen.add(v); out.push(v); }
    return out;
  };

  const all = Array.from({ length: n }, (_, i) => i);
  const regions: Region[] = [{ nodes: all, edges: tree, ssw: ssw(all) }];
  const ssto = regions[0].ssw;
  const warnings: string[] = [];
  while (regions.length < k) {
    let bestGain = Number.NEGATIVE_INFINITY;
    let choice: { r: number; e: number; one: number[]; two: number[]; s1: number; s2: number } | undefined;
    regions.forEach((region, r) => {
      region.edges.forEach(([a], e) => {
        const one = side(region.edges, e, a);
        if (one.length < minSize || region.nodes.length - one.length < minSize) return;
        const inOne = new Set(one);
        const two = region.nodes.filter((v) => !inOne.has(v));
        const s1 = ssw(one);
        const s2 = ssw(two);
        const gain = region.ssw - s1 - s2;
        if (gain > bestGain) { bestGain = gain; choice = { r, e, one, two, s1, s2 }; }
      });
    });
    if (!choice) {
      warnings.push(`skater: no admissible cut left (minSize ${minSize}); returning ${regions.length} regions instead of ${k}`);
      break;
    }
    const region = regions[choice.r];
    const inOne = new Set(choice.one);
    const rest = region.edges.filter((_, e) => e !== choice!.e);
    regions[choice.r] = { nodes: choice.one, edges: rest.filter(([a]) => inOne.has(a)), ssw: choice.s1 };
    regions.push({ nodes: choice.two, edges: rest.filter(([a]) => !inOne.has(a)), ssw: choice.s2 });
  }
  const groups = new Int32Array(n);
  regions.forEach((r, g) => { for (const v of r.nodes) groups[v] = g; });
  return { groups, regions: regions.length, tree, ssw: regions.reduce((s, r) => s + r.ssw, 0), ssto, warnings };
}
