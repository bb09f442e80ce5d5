/**
 * Spatial weights in compressed sparse row (CSR) form, and the operations every builder and
 * measure shares: construction from neighbour lists, spdep's styles, self-inclusion, the spatial
 * lag, and structural queries.
 *
 * Layout: the neighbours of region i are `neighbors[offsets[i] .. offsets[i+1])`, sorted
 * ascending, with weights at the same positions. `base` holds the weights before styling
 * (1 for contiguity, knn and distance bands; d^−α for inverse distance; whatever a GWT file
 * said), so a restyle never compounds.
 *
 * Styles (as spdep's `nb2listw`, Bivand & Wong 2018, doi:10.1007/s11749-018-0599-x), with g the
 * base weights, G = Σᵢⱼ gᵢⱼ and n the number of regions:
 *   B  wᵢⱼ = gᵢⱼ                         (binary when g is binary)
 *   W  wᵢⱼ = gᵢⱼ / Σⱼ gᵢⱼ                 (row-standardised; rows sum to 1)
 *   C  wᵢⱼ = n · gᵢⱼ / G                  (globally standardised; all weights sum to n)
 *   U  wᵢⱼ = gᵢⱼ / G                      (C / n; all weights sum to 1)
 *   S  wᵢⱼ = n · (gᵢⱼ/qᵢ) / Σₖₗ(gₖₗ/qₖ), qᵢ = √Σⱼ gᵢⱼ²   (variance-stabilising, Tiefelsdorf,
 *       Griffith & Boots 1999, doi:10.1068/a310165)
 * An island (no neighbours) keeps an empty row under every style.
 * Complexity: O(n + L) for L links everywhere here except construction, O(L log L).
 */
import { InputError } from '../../core/errors.js';

export type WeightsStyle = 'B' | 'W' | 'C' | 'U' | 'S';
export type WeightsKind = 'queen' | 'rook' | 'knn' | 'distance-band' | 'inverse-distance' | 'gal' | 'gwt' | 'custom';

export interface SpatialWeights {
  /** Number of regions. */
  readonly n: number;
  /** Region identifiers, in the order of the data vectors. */
  readonly ids: readonly string[];
  /** Row pointers, length n + 1. */
  readonly offsets: Int32Array;
  /** Column indices (neighbours), sorted ascending within each row. */
  readonly neighbors: Int32Array;
  /** Styled weights, aligned with `neighbors`. */
  readonly weights: Float64Array;
  /** Weights before styling, aligned with `neighbors`. */
  readonly base: Float64Array;
  readonly style: WeightsStyle;
  /** True when every region lists itself (Getis–Ord G*ᵢ). */
  readonly selfIncluded: boolean;
  readonly kind: WeightsKind;
  /** What built it (rule, snap, k, threshold, metric…), for provenance. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Neighbour lists (indices) and optional base weights per list, e.g. from a builder or a file. */
export interface NeighbourLists {
  ids: readonly string[];
  neighbours: readonly (readonly number[])[];
  /** Same shape as `neighbours`; 1 everywhere when omitted. */
  base?: readonly (readonly number[])[];
}

const FN = 'spatialWeights';

/**
 * Build CSR weights from neighbour lists. Duplicated neighbours are an error (E_OPTION), as is a
 * base weight that is not finite or is negative; a self-link is allowed only when every region
 * has one (`selfIncluded`) — use `includeSelf` to add them.
 */
export function fromNeighbourLists(lists: NeighbourLists, options: { style?: WeightsStyle; kind?: WeightsKind; parameters?: Record<string, unknown> } = {}): SpatialWeights {
  const style = options.style ?? 'W';
  const kind = options.kind ?? 'custom';
  const n = lists.ids.length;
  if (lists.neighbours.length !== n) {
    throw new InputError('E_OPTION', `${FN}: ${lists.neighbours.length} neighbour lists for ${n} ids`, { field: 'neighbours', value: lists.neighbours.length });
  }
  const seen = new Set<string>();
  for (const id of lists.ids) {
    if (seen.has(id)) throw new InputError('E_OPTION', `${FN}: region id ${JSON.stringify(id)} is not unique`, { field: 'ids', value: id });
    seen.add(id);
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists.neighbours[i].length;
  const L = offsets[n];
  const neighbors = new Int32Array(L);
  const base = new Float64Array(L);
  let selfCount = 0;
  for (let i = 0; i < n; i++) {
    const nb = lists.neighbours[i];
    const g = lists.base?.[i];
    if (g && g.length !== nb.length) throw new InputError('E_OPTION', `${FN}: region ${lists.ids[i]} has ${nb.length} neighbours but ${g.length} weights`, { field: 'base', row: i });
    const order = nb.map((_, t) => t).sort((a, b) => nb[a] - nb[b]);
    for (let t = 0; t < order.length; t++) {
      const j = nb[order[t]];
      if (!Number.isInteger(j) || j < 0 || j >= n) throw new InputError('E_OPTION', `${FN}: region ${lists.ids[i]} has neighbour index ${j}, outside 0..${n - 1}`, { field: 'neighbours', row: i, value: j });
      if (t > 0 && nb[order[t - 1]] === j) throw new InputError('E_OPTION', `${FN}: region ${lists.ids[i]} lists neighbour ${lists.ids[j]} twice`, { field: 'neighbours', row: i, value: lists.ids[j] });
      if (j === i) selfCount++;
      const v = g ? g[order[t]] : 1;
      if (!Number.isFinite(v) || v < 0) throw new InputError(Number.isFinite(v) ? 'E_NEGATIVE' : 'E_NOT_FINITE', `${FN}: weight of ${lists.ids[i]}→${lists.ids[j]} must be finite and ≥ 0, got ${v}`, { field: 'base', row: i, value: v });
      neighbors[offsets[i] + t] = j;
      base[offsets[i] + t] = v;
    }
  }
  if (selfCount !== 0 && selfCount !== n) {
    throw new InputError('E_OPTION', `${FN}: ${selfCount} of ${n} regions list themselves; either all or none may (use includeSelf)`, { field: 'neighbours', value: selfCount });
  }
  return { n, ids: lists.ids.slice(), offsets, neighbors, base, weights: applyStyle(n, offsets, base, style), style, selfIncluded: n > 0 && selfCount === n, kind, parameters: options.parameters ?? {} };
}

function applyStyle(n: number, offsets: Int32Array, base: Float64Array, style: WeightsStyle): Float64Array {
  const w = new Float64Array(base.length);
  switch (style) {
    case 'B':
      w.set(base);
      return w;
    case 'W':
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let p = offsets[i]; p < offsets[i + 1]; p++) s += base[p];
        for (let p = offsets[i]; p < offsets[i + 1]; p++) w[p] = s > 0 ? base[p] / s : 0;
      }
      return w;
    case 'C':
    case 'U': {
      let total = 0;
      for (let p = 0; p < base.length; p++) total += base[p];
      const f = total > 0 ? (style === 'C' ? n : 1) / total : 0;
      for (let p = 0; p < base.length; p++) w[p] = base[p] * f;
      return w;
    }
    case 'S': {
      let total = 0;
      for (let i = 0; i < n; i++) {
        let q = 0;
        for (let p = offsets[i]; p < offsets[i + 1]; p++) q += base[p] * base[p];
        q = Math.sqrt(q);
        for (let p = offsets[i]; p < offsets[i + 1]; p++) {
          w[p] = q > 0 ? base[p] / q : 0;
          total += w[p];
        }
      }
      const f = total > 0 ? n / total : 0;
      for (let p = 0; p < w.length; p++) w[p] *= f;
      return w;
    }
    default:
      throw new InputError('E_OPTION', `${FN}: style must be one of B, W, C, U, S, got ${JSON.stringify(style)}`, { field: 'style', value: style });
  }
}

/** The same neighbours and base weights under another style. */
export function restyle(w: SpatialWeights, style: WeightsStyle): SpatialWeights {
  return { ...w, style, weights: applyStyle(w.n, w.offsets, w.base, style) };
}

/**
 * Add every region to its own neighbour list with base weight `selfWeight` (default 1, as spdep's
 * `include.self` followed by `nb2listw`), then restyle. For Getis–Ord G*ᵢ.
 */
export function includeSelf(w: SpatialWeights, options: { selfWeight?: number } = {}): SpatialWeights {
  if (w.selfIncluded) return w;
  const selfWeight = options.selfWeight ?? 1;
  if (!Number.isFinite(selfWeight) || selfWeight <= 0) throw new InputError('E_OPTION', `includeSelf: selfWeight must be finite and > 0, got ${selfWeight}`, { field: 'selfWeight', value: selfWeight });
  const neighbours: number[][] = [];
  const base: number[][] = [];
  for (let i = 0; i < w.n; i++) {
    const nb = [i];
    const g = [selfWeight];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) { nb.push(w.neighbors[p]); g.push(w.base[p]); }
    neighbours.push(nb);
    base.push(g);
  }
  return fromNeighbourLists({ ids: w.ids, neighbours, base }, { style: w.style, kind: w.kind, parameters: { ...w.parameters, selfWeight } });
}

/** Number of neighbours of each region (self included when it is). */
export function cardinalities(w: SpatialWeights): Int32Array {
  const c = new Int32Array(w.n);
  for (let i = 0; i < w.n; i++) c[i] = w.offsets[i + 1] - w.offsets[i];
  return c;
}

/** Spatial lag (W·x)ᵢ = Σⱼ wᵢⱼ xⱼ; an island's lag is 0. O(n + L). */
export function spatialLag(w: SpatialWeights, x: ArrayLike<number>, out: Float64Array = new Float64Array(w.n)): Float64Array {
  const { offsets, neighbors, weights } = w;
  for (let i = 0; i < w.n; i++) {
    let s = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) s += weights[p] * x[neighbors[p]];
    out[i] = s;
  }
  return out;
}

/** The weight wᵢⱼ (0 when j is not a neighbour of i). Binary search in row i. */
export function weightOf(w: SpatialWeights, i: number, j: number): number {
  let lo = w.offsets[i];
  let hi = w.offsets[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = w.neighbors[mid];
    if (v === j) return w.weights[mid];
    if (v < j) lo = mid + 1; else hi = mid - 1;
  }
  return 0;
}

/** True when j ∈ N(i) ⇔ i ∈ N(j) (neighbour sets, not weight values). */
export function isSymmetric(w: SpatialWeights): boolean {
  for (let i = 0; i < w.n; i++) {
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) {
      const j = w.neighbors[p];
      let lo = w.offsets[j];
      let hi = w.offsets[j + 1] - 1;
      let found = false;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (w.neighbors[mid] === i) { found = true; break; }
        if (w.neighbors[mid] < i) lo = mid + 1; else hi = mid - 1;
      }
      if (!found) return false;
    }
  }
  return true;
}

/** Neighbour ids of every region, keyed by id (for fixtures and reports). */
export function neighbourSets(w: SpatialWeights): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < w.n; i++) {
    const list: string[] = [];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) list.push(w.ids[w.neighbors[p]]);
    out[w.ids[i]] = list;
  }
  return out;
}

/**
 * The weights restricted to the regions with `keep[i]` true (links to dropped regions removed),
 * restyled from the base weights — spdep's `subset.listw`. Used to drop regions with missing
 * values on request; a region whose neighbours were all dropped becomes an island.
 */
export function subsetWeights(w: SpatialWeights, keep: ArrayLike<boolean | number>): SpatialWeights {
  if (keep.length !== w.n) throw new InputError('E_OPTION', `subsetWeights: keep has ${keep.length} entries for ${w.n} regions`, { field: 'keep', value: keep.length });
  const index = new Int32Array(w.n).fill(-1);
  const ids: string[] = [];
  for (let i = 0; i < w.n; i++) if (keep[i]) { index[i] = ids.length; ids.push(w.ids[i]); }
  const neighbours: number[][] = [];
  const base: number[][] = [];
  for (let i = 0; i < w.n; i++) {
    if (index[i] < 0) continue;
    const nb: number[] = [];
    const g: number[] = [];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) {
      const j = index[w.neighbors[p]];
      if (j >= 0) { nb.push(j); g.push(w.base[p]); }
    }
    neighbours.push(nb);
    base.push(g);
  }
  return fromNeighbourLists({ ids, neighbours, base }, { style: w.style, kind: w.kind, parameters: { ...w.parameters, subset: true } });
}
