/**
 * Satellites: a hotspot or region candidate whose firms work with one larger candidate — more
 * than half of their tie-ends with firms (business ties and services sold to firms; ties among
 * its own firms counted at both ends) run to
 * that candidate's firms, in either direction — is part of that structure, not a structure of
 * its own: in other regions, its outside partners (the OEM makers and suppliers that work for a
 * cluster's leaders from elsewhere, outward radiation, seed essay 5; the candidate counts them
 * where "outside" matters: OEM inbound, outflow); in the candidate's own regions, its local
 * support (the hauliers and warehouses of a chain's hubs). It is not a candidate, and a note
 * names both. A place whose firms are tied mostly among themselves (a cluster of its own that
 * also sells far away) is no satellite, nor is a candidate of a smaller one.
 *
 * This keeps large data from turning every partner town into an "agglomeration": the number of
 * partner towns that pass minFirms grows with the data, the number of structures does not.
 */
import type { DiagnosisData } from '../data.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/** The candidates of `list` that are satellites of another of `all` (by index into `list`), with a note each. */
export function dropSatellites(d: DiagnosisData, list: RawCandidate[], all: RawCandidate[], stats: DiscoveryStats): RawCandidate[] {
  const owner = new Int32Array(d.firmCount).fill(-1);
  all.forEach((c, j) => { for (const k of c.firms) if (owner[k] < 0) owner[k] = j; });
  const index = new Map(all.map((c, j) => [c, j]));
  const ends = new Map<number, number>();
  const toOther = new Map<number, Map<number, number>>();
  // every tie between two firms: business ties, and services sold to firms (hauliers, warehouses)
  for (let l = 0; l < d.links.source.length; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0) continue;
    if (owner[a] >= 0) ends.set(owner[a], (ends.get(owner[a]) ?? 0) + 1);
    if (owner[b] >= 0) ends.set(owner[b], (ends.get(owner[b]) ?? 0) + 1);
    // either direction: partners make for a cluster's leaders, or buy from a park's plants
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const c = owner[x];
      const o = owner[y];
      if (c < 0 || o < 0 || o === c) continue;
      const m = toOther.get(c) ?? new Map<number, number>();
      m.set(o, (m.get(o) ?? 0) + 1);
      toOther.set(c, m);
    }
  }
  const regionsOf = (c: RawCandidate): Set<number> => new Set(Array.from(c.firms, (k) => d.region[k]).filter((r) => r >= 0));
  return list.filter((c) => {
    if (c.kind !== 'hotspot' && c.kind !== 'region') return true;
    const j = index.get(c)!;
    const m = toOther.get(j);
    if (m === undefined) return true;
    const [host, n] = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (2 * n <= (ends.get(j) ?? 0) || all[host].firms.length <= c.firms.length) return true;
    const theirs = regionsOf(all[host]);
    const local = [...regionsOf(c)].some((r) => theirs.has(r));
    stats.dropped.push(`${c.kind} of ${c.industries.slice(0, 4).join('+')} (${c.firms.length} firms): ${n} of its ${ends.get(j)} tie-ends run to the larger ${all[host].kind} of ${all[host].industries.slice(0, 4).join('+')} (${all[host].firms.length} firms) ${local ? 'in its regions — its local support' : 'in other regions — its outside partners'}, not a candidate of its own`);
    if (c.kind === 'hotspot') stats.hotspots--; else stats.regions--;
    return false;
  });
}
