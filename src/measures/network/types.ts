/**
 * The simple-graph projections the network metrics run on, built from a `FirmNetwork`
 * (the structure itself lives in src/data/firm-network.ts and is re-exported here).
 * Pure: no node:* imports.
 */
import { InputError } from '../../core/errors.js';
import type { FirmNetwork } from '../../data/firm-network.js';

export { LINK_TYPES, FIRM, INSTITUTION, firmNetwork, type FirmNetwork, type NodeRecord, type LinkRecord } from '../../data/firm-network.js';

/** Which nodes a metric runs on: those inside the place (default) or all. */
export type Scope = 'inside' | 'all';

/**
 * Simple directed graph in CSR form over the selected nodes: multi-links collapsed to one arc,
 * self-loops dropped (counted). `nodes[p]` is the network index of local node p.
 */
export interface SimpleDigraph {
  n: number;
  nodes: Int32Array;
  outStart: Int32Array;
  outAdj: Int32Array;
  inStart: Int32Array;
  inAdj: Int32Array;
  /** Arcs (distinct ordered pairs u ≠ v). */
  arcs: number;
  /** Links (multi) among the selected nodes, self-loops included. */
  links: number;
  selfLoops: number;
}

export function selectNodes(net: FirmNetwork, scope: Scope): { local: Int32Array; nodes: Int32Array } {
  const N = net.ids.length;
  const local = new Int32Array(N).fill(-1);
  const nodes: number[] = [];
  for (let i = 0; i < N; i++) if (scope === 'all' || net.inside[i]) { local[i] = nodes.length; nodes.push(i); }
  return { local, nodes: Int32Array.from(nodes) };
}

function csr(n: number, from: Int32Array, to: Int32Array, count: number): { start: Int32Array; adj: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) start[from[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const adj = new Int32Array(count);
  for (let k = 0; k < count; k++) adj[fill[from[k]]++] = to[k];
  return { start, adj };
}

export function simpleDigraph(net: FirmNetwork, scope: Scope): SimpleDigraph {
  const { local, nodes } = selectNodes(net, scope);
  const n = nodes.length;
  const m = net.source.length;
  const s = new Int32Array(m);
  const t = new Int32Array(m);
  let c = 0;
  let links = 0;
  let selfLoops = 0;
  for (let k = 0; k < m; k++) {
    const u = local[net.source[k]];
    const v = local[net.target[k]];
    if (u < 0 || v < 0) continue;
    links++;
    if (u === v) { selfLoops++; continue; }
    s[c] = u; t[c] = v; c++;
  }
  // sort-free dedup: CSR then per-row unique with a marker array
  const { start, adj } = csr(n, s, t, c);
  const mark = new Int32Array(n).fill(-1);
  const os = new Int32Array(n + 1);
  const oa: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let p = start[u]; p < start[u + 1]; p++) { const v = adj[p]; if (mark[v] !== u) { mark[v] = u; oa.push(v); } }
    os[u + 1] = oa.length;
  }
  const outAdj = Int32Array.from(oa);
  const arcs = outAdj.length;
  const src = new Int32Array(arcs);
  for (let u = 0; u < n; u++) for (let p = os[u]; p < os[u + 1]; p++) src[p] = u;
  const inn = csr(n, outAdj, src, arcs);
  return { n, nodes, outStart: os, outAdj, inStart: inn.start, inAdj: inn.adj, arcs, links, selfLoops };
}

/** How a link's weight is taken: its value, or 1 per link. */
export type WeightMode = 'value' | 'count';
/** What a missing value does under weight 'value': error (default), or count as 0 or as 1. */
export type MissingValue = 'error' | 'zero' | 'one';

/** Weight of every link under the options; throws E_NOT_FINITE on a missing value when asked to. */
export function linkWeights(measure: string, net: FirmNetwork, weight: WeightMode, missing: MissingValue): { w: Float64Array; missingCount: number } {
  const m = net.source.length;
  const w = new Float64Array(m);
  let missingCount = 0;
  for (let k = 0; k < m; k++) {
    if (weight === 'count') { w[k] = 1; continue; }
    const v = net.value[k];
    if (Number.isFinite(v)) {
      if (v < 0) throw new InputError('E_NEGATIVE', `${measure}: value[${k}] must be ≥ 0, got ${v}`, { field: 'value', row: k, value: v });
      w[k] = v;
    } else {
      missingCount++;
      if (missing === 'error') throw new InputError('E_NOT_FINITE', `${measure}: link ${k} (${net.ids[net.source[k]]} → ${net.ids[net.target[k]]}) has no value; pass weight: 'count' or missing: 'zero' | 'one'`, { field: 'value', row: k, value: v });
      w[k] = missing === 'one' ? 1 : 0;
    }
  }
  return { w, missingCount };
}

export function checkScope(measure: string, scope: unknown): Scope {
  if (scope !== 'inside' && scope !== 'all') throw new InputError('E_OPTION', `${measure}: scope must be 'inside' or 'all', got ${String(scope)}`, { field: 'scope', value: scope });
  return scope;
}

/** Undirected weighted projection over the selected nodes: u < v, weights summed over both directions and all types. */
export interface UndirectedProjection { n: number; nodes: Int32Array; eu: Int32Array; ev: Int32Array; ew: Float64Array; selfLoops: number }

export function undirectedProjection(net: FirmNetwork, scope: Scope, w: Float64Array): UndirectedProjection {
  const { local, nodes } = selectNodes(net, scope);
  const n = nodes.length;
  const m = net.source.length;
  // bucket the links by their smaller end (CSR), then merge duplicates per row with a marker array
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  const lw = new Float64Array(m);
  let c = 0;
  let selfLoops = 0;
  for (let k = 0; k < m; k++) {
    const u = local[net.source[k]];
    const v = local[net.target[k]];
    if (u < 0 || v < 0) continue;
    if (u === v) { selfLoops++; continue; }
    lo[c] = u < v ? u : v; hi[c] = u < v ? v : u; lw[c] = w[k]; c++;
  }
  const start = new Int32Array(n + 1);
  for (let e = 0; e < c; e++) start[lo[e] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const adj = new Int32Array(c);
  const aw = new Float64Array(c);
  for (let e = 0; e < c; e++) { const p = fill[lo[e]]++; adj[p] = hi[e]; aw[p] = lw[e]; }
  const slot = new Int32Array(n).fill(-1);
  const eu = new Int32Array(c);
  const ev = new Int32Array(c);
  const ew = new Float64Array(c);
  let e = 0;
  for (let u = 0; u < n; u++) {
    const first = e;
    for (let p = start[u]; p < start[u + 1]; p++) {
      const v = adj[p];
      const s = slot[v];
      if (s >= first) ew[s] += aw[p];
      else { slot[v] = e; eu[e] = u; ev[e] = v; ew[e] = aw[p]; e++; }
    }
  }
  return { n, nodes, eu: eu.slice(0, e), ev: ev.slice(0, e), ew: ew.slice(0, e), selfLoops };
}
