/**
 * Discovery step 3 — networks: the connected components of the firms left outside parks and
 * hotspots, joined by structured business ties (ties of an industry-group pair significant
 * against the configuration model, tie-structure.ts), with at least componentMinFirms firms —
 * groups organised by ties rather than by proximity (multi-plant groups with their suppliers,
 * inter-regional chains); the plants of one enterprise group (parent references) in such
 * networks join through their group's root. Ties that follow no inter-industry pattern beyond chance join
 * nothing: however large the component of random ties they make, it is reported once in the
 * discovery notes ("no structure"), never as a candidate. Firms outside the study area
 * (`inArea` 0) are not candidate members; their ties still count in the test.
 */
import { UnionFind } from '../../core/union-find.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { forEachBusinessTie, groupOfFirm } from './firm-sets.js';
import { groupRoot } from '../enterprise-groups.js';
import { isStructured, tieStructure } from './tie-structure.js';
import type { DiscoveryStats } from './types.js';

/** Components of structured business ties among the firms not taken, with ≥ componentMinFirms firms, the largest first (ties: the lowest firm). */
export function tieNetworks(d: DiagnosisData, t: Thresholds, taken: Uint8Array, stats?: DiscoveryStats): number[][] {
  const s = tieStructure(d, t);
  const uf = new UnionFind(d.firmCount);
  const linked = new Uint8Array(d.firmCount);
  const random = new UnionFind(d.firmCount);
  const randomLinked = new Uint8Array(d.firmCount);
  let randomTies = 0;
  forEachBusinessTie(d, (a, b) => {
    if (taken[a] || taken[b] || !d.inArea[a] || !d.inArea[b]) return;
    if (!isStructured(s, a, b)) { random.union(a, b); randomLinked[a] = 1; randomLinked[b] = 1; randomTies++; return; }
    uf.union(a, b);
    linked[a] = 1;
    linked[b] = 1;
  });
  // plants of one enterprise group are one organisation (ownership is not a chance tie): firms
  // in structured networks join their group's root, and so one another
  for (let k = 0; k < d.firmCount; k++) {
    if (!linked[k]) continue;
    const r = groupRoot(d, k);
    if (r === k || taken[r] || !d.inArea[r]) continue;
    uf.union(k, r);
    linked[r] = 1;
  }
  if (stats !== undefined && s.unlinked > 0) stats.dropped.push(`${s.unlinked} industry-group pair(s) tied beyond chance but neither IO-linked nor downstream stages of a chain template: not chain structure`);
  if (stats !== undefined && s.unjudged > 0) stats.dropped.push(`${s.unjudged} industry-group pair(s) tied beyond chance with a group that neither the IO table nor a chain template covers: kept on the tie test alone`);
  if (stats !== undefined && randomTies > 0) {
    const size = new Map<number, number>();
    let firms = 0;
    for (let k = 0; k < d.firmCount; k++) if (randomLinked[k] && !linked[k]) { firms++; const r = random.find(k); size.set(r, (size.get(r) ?? 0) + 1); }
    const largest = Math.max(0, ...size.values());
    if (firms > 0) stats.dropped.push(`no structure: ${randomTies} business tie(s) outside the candidates follow no industry-group pair beyond chance (configuration-model test: ${s.significant.size} of ${s.tested} pairs significant); the ${firms} firm(s) tied only by them (largest component ${largest}) are not a candidate`);
  }
  const comps = new Map<number, number[]>();
  for (let k = 0; k < d.firmCount; k++) {
    if (!linked[k]) continue;
    const r = uf.find(k);
    const list = comps.get(r);
    if (list) list.push(k); else comps.set(r, [k]);
  }
  return [...comps.values()].filter((c) => c.length >= t.componentMinFirms).sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/**
 * A network whose industries all belong to a larger one is a fragment of it (firms tied among
 * themselves but not to the rest), not a structure of its own, when it is small (fewer than
 * minFirms firms) or lies wholly in the larger one's regions (the same industries in the same
 * places: a piece its ties happen not to connect): it joins the first such larger network.
 * Returns the networks that remain, in order.
 */
export function joinFragments(d: DiagnosisData, networks: number[][], minFirms: number): number[][] {
  const industriesOf = (comp: number[]): Set<number> => new Set(comp.map((k) => d.industry[k]));
  const regionsOf = (comp: number[]): Set<number> => new Set(comp.map((k) => d.region[k]));
  const all = networks.map((c) => ({ comp: c, size: c.length, industries: industriesOf(c), regions: regionsOf(c) }));
  const absorbed = new Set<number>();
  all.forEach((net, j) => {
    const host = all.find((b, h) => h !== j && !absorbed.has(h) && b.size > net.size && (b.size >= minFirms) && [...net.industries].every((i) => b.industries.has(i))
      && (net.size < minFirms || [...net.regions].every((r) => r >= 0 && b.regions.has(r))));
    if (host === undefined) return;
    host.comp.push(...net.comp);
    absorbed.add(j);
  });
  return networks.filter((_, j) => !absorbed.has(j));
}

/** Whether each network lies mostly (≥ 80% of its firms) in one industry group: industry groups decide on multi-group networks only. */
export function monoGroupNetworks(d: DiagnosisData, networks: number[][]): boolean[] {
  return networks.map((comp) => {
    const count = new Map<string, number>();
    for (const k of comp) count.set(groupOfFirm(d, k), (count.get(groupOfFirm(d, k)) ?? 0) + 1);
    return Math.max(...count.values()) >= 0.8 * comp.length;
  });
}
