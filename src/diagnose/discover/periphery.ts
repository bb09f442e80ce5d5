/**
 * The periphery of the spatial candidates (parks and hotspots): firms outside them whose
 * business ties mostly run into one of them and that lie within twice its 90% radius (the
 * noise at the edge of a spot), and small tie networks within that reach tied to it.
 */
import { haversineKm } from '../../core/geo/haversine-km.js';
import type { DiagnosisData } from '../data.js';
import { centerOf, forEachBusinessTie, radius90 } from './firm-sets.js';
import type { RawCandidate } from './types.js';

export interface Periphery {
  /** For each firm outside the spatial candidates: business tie-ends per spatial candidate it is tied to. */
  tieTo: Map<number, Map<number, number>>;
  /** Each spatial candidate's centre and reach (twice its 90% radius, km), before the periphery joined. */
  reach: { center: [number, number]; r: number }[];
}

const within = (d: DiagnosisData, reach: Periphery['reach'][number], k: number): boolean =>
  Number.isFinite(d.lon[k]) && haversineKm(reach.center[0], reach.center[1], d.lon[k], d.lat[k]) <= reach.r;

/** The candidate with the most tie-ends in `votes` (ties: the lower index), −1 when none. */
function topVote(votes: Iterable<[number, number]>): [number, number] {
  return [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [-1, 0];
}

/**
 * Adds to each spatial candidate the firms outside all of them (not `taken`) whose business
 * tie-ends mostly (at least half) run into it and that lie within its reach; marks them taken.
 */
export function attachPeriphery(d: DiagnosisData, spatial: RawCandidate[], taken: Uint8Array): Periphery {
  const owner = new Int32Array(d.firmCount).fill(-1);
  spatial.forEach((c, j) => { for (const k of c.firms) if (owner[k] < 0) owner[k] = j; });
  const tieTo = new Map<number, Map<number, number>>();
  const tieCount = new Int32Array(d.firmCount);
  forEachBusinessTie(d, (a, b) => {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (taken[x]) continue;
      tieCount[x]++;
      if (owner[y] < 0) continue;
      const m = tieTo.get(x) ?? new Map<number, number>();
      m.set(owner[y], (m.get(owner[y]) ?? 0) + 1);
      tieTo.set(x, m);
    }
  });
  const reach = spatial.map((c) => {
    const center = centerOf(d, c.firms);
    return { center, r: 2 * radius90(d, c.firms, center) };
  });
  const extra: number[][] = spatial.map(() => []);
  for (const [k, m] of tieTo) {
    const [c, n] = topVote(m);
    if (2 * n < tieCount[k] || !within(d, reach[c], k)) continue;
    extra[c].push(k);
  }
  extra.forEach((firms, c) => {
    if (firms.length === 0) return;
    for (const k of firms) taken[k] = 1;
    spatial[c].firms = Int32Array.from([...spatial[c].firms, ...firms]).sort();
  });
  return { tieTo, reach };
}

/**
 * A small network (fewer than minFirms firms) tied to a spatial candidate and lying wholly
 * within its reach is more of its periphery: it joins the candidate (its firms marked taken) and
 * leaves the list. Returns the networks that remain, in order.
 */
export function joinSmallNetworks(d: DiagnosisData, networks: number[][], minFirms: number, spatial: RawCandidate[], periphery: Periphery, taken: Uint8Array): number[][] {
  return networks.filter((comp) => {
    if (comp.length >= minFirms) return true;
    const votes = new Map<number, number>();
    for (const k of comp) for (const [c, n] of periphery.tieTo.get(k) ?? []) votes.set(c, (votes.get(c) ?? 0) + n);
    const [c] = topVote(votes);
    if (c < 0 || !comp.every((k) => within(d, periphery.reach[c], k))) return true;
    spatial[c].firms = Int32Array.from([...spatial[c].firms, ...comp]).sort();
    for (const k of comp) taken[k] = 1;
    return false;
  });
}
