/**
 * Reconciliation of the candidate sources, where one structure was seen by two of them:
 *
 * - a hotspot whose business tie-ends mostly run to one multi-industry network is a local node
 *   of it (the farms around one of a leader's regional plants) and joins it;
 * - a network lying mostly (80%) in one concentrated industry group is left to that industry
 *   candidate.
 */
import type { DiagnosisData } from '../data.js';
import { forEachBusinessTie, hullOf, sortedIndustries } from './firm-sets.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/**
 * Hotspots among `spatial` whose firms mostly work for one multi-industry network (more than
 * half of their business tie-ends outside the hotspot run to its firms) join that network.
 * Returns the spatial candidates that remain; the networks grow in place (kept sorted).
 */
export function absorbLocalNodes(d: DiagnosisData, spatial: RawCandidate[], networks: number[][], monoGroup: boolean[], stats: DiscoveryStats): RawCandidate[] {
  const networkOf = new Int32Array(d.firmCount).fill(-1);
  networks.forEach((comp, j) => { if (!monoGroup[j]) for (const k of comp) networkOf[k] = j; });
  const hotspotOf = new Int32Array(d.firmCount).fill(-1);
  spatial.forEach((c, j) => { if (c.kind === 'hotspot') for (const k of c.firms) hotspotOf[k] = j; });
  const ends = new Map<number, number>();
  const toNetwork = new Map<number, Map<number, number>>();
  forEachBusinessTie(d, (a, b) => {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const c = hotspotOf[x];
      if (c < 0 || hotspotOf[y] === c) continue;
      ends.set(c, (ends.get(c) ?? 0) + 1);
      if (networkOf[y] < 0) continue;
      const m = toNetwork.get(c) ?? new Map<number, number>();
      m.set(networkOf[y], (m.get(networkOf[y]) ?? 0) + 1);
      toNetwork.set(c, m);
    }
  });
  const absorbed = new Set<number>();
  for (const [c, m] of [...toNetwork.entries()].sort((x, y) => x[0] - y[0])) {
    const [j, n] = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (2 * n <= (ends.get(c) ?? 0)) continue;
    networks[j].push(...spatial[c].firms);
    absorbed.add(c);
    stats.dropped.push(`hotspot of ${spatial[c].industries.join('+')} (${spatial[c].firms.length} firms): most of its ties run into a network, which it joins`);
  }
  if (absorbed.size === 0) return spatial;
  stats.hotspots -= absorbed.size;
  for (const comp of networks) comp.sort((x, y) => x - y);
  return spatial.filter((_, c) => !absorbed.has(c));
}

/** The network candidates, in order, except those lying ≥ 80% in one of the industry candidates. */
export function networkCandidates(d: DiagnosisData, networks: number[][], industries: RawCandidate[], stats: DiscoveryStats): RawCandidate[] {
  const out: RawCandidate[] = [];
  const industrySets = industries.map((ic) => new Set(ic.firms));
  for (const comp of networks) {
    const home = industrySets.findIndex((set) => comp.filter((k) => set.has(k)).length >= 0.8 * comp.length);
    if (home >= 0) {
      stats.dropped.push(`network of ${comp.length} firms: ≥ 80% in industry group ${industries[home].industries[0]}, diagnosed as that industry`);
      continue;
    }
    comp.sort((a, b) => a - b);
    out.push({ kind: 'network', firms: Int32Array.from(comp), industries: sortedIndustries(d, comp), park: -1, hull: hullOf(d, comp) });
    stats.networks++;
  }
  return out;
}
