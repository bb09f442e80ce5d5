/**
 * Candidate discovery: which industry groups in which places the diagnosis examines. The
 * sources, each in its own file under discover/ with its rule documented there and its
 * thresholds in config.ts, run in this order:
 *
 * 1. Parks (discover/parks.ts) — every designated park with firms: the firms of its related
 *    field (Porter's element-1 rule); its other firms are counted beside it.
 * 2. Hotspots (discover/hotspots.ts) — grid density spots of one industry class, merged across
 *    tied classes; then their periphery (discover/periphery.ts): firms and small tie networks
 *    around them whose ties mostly run into them.
 * 3. Networks (discover/networks.ts) — tie components of the firms left; fragments join the
 *    larger network whose industries they share.
 *    Reconciliation (discover/reconcile.ts): a hotspot that is a local node of a multi-industry
 *    network joins it.
 * 2b. Regions (discover/regions.ts) — region × class cells of the firms that hotspots and
 *    networks did not take (all firms, when the data has no coordinates); a cell of a
 *    hotspot's class in its region is the hotspot's fringe and joins it.
 * 3b. Satellites (discover/satellites.ts) — a hotspot or region whose ties mostly run to one
 *    larger candidate is part of it (its outside partners or local support), not a candidate.
 * 4. Industries (discover/industries.ts) — concentrated industry groups mostly outside the
 *    candidates above; a network lying mostly in one of them is left to it (reconcile.ts).
 *
 * Output order: parks, hotspots, regions, networks, industries. Nothing here knows any place or
 * industry by name: the same rules run on any data.
 */
import type { Thresholds } from './config.js';
import type { DiagnosisData } from './data.js';
import { hotspotCandidates } from './discover/hotspots.js';
import { industryCandidates } from './discover/industries.js';
import { joinFragments, monoGroupNetworks, tieNetworks } from './discover/networks.js';
import { parkCandidates } from './discover/parks.js';
import { attachPeriphery, joinSmallNetworks } from './discover/periphery.js';
import { absorbLocalNodes, networkCandidates } from './discover/reconcile.js';
import { regionCandidates } from './discover/regions.js';
import { sortedIndustries } from './discover/firm-sets.js';
import { dropSatellites } from './discover/satellites.js';
import type { Discovery, DiscoveryStats, RawCandidate } from './discover/types.js';

export type { Discovery, DiscoveryStats, RawCandidate } from './discover/types.js';

export function discoverCandidates(d: DiagnosisData, t: Thresholds): Discovery {
  const stats: DiscoveryStats = { parks: 0, spots: 0, spotsKept: 0, hotspots: 0, regions: 0, networks: 0, industries: 0, dropped: [] };
  const minFirms = Math.max(2, Math.round(t.minFirms));
  const taken = new Uint8Array(d.firmCount);
  // firms outside the study area never form or join a candidate (their ties still count)
  for (let k = 0; k < d.firmCount; k++) if (!d.inArea[k]) taken[k] = 1;

  const spatial = [...parkCandidates(d, t, taken, stats), ...hotspotCandidates(d, t, taken, stats)];
  const periphery = attachPeriphery(d, spatial, taken);

  let networks = tieNetworks(d, t, taken, stats);
  networks = joinSmallNetworks(d, networks, minFirms, spatial, periphery, taken);
  networks = joinFragments(d, networks, minFirms);
  const monoGroup = monoGroupNetworks(d, networks);
  const kept = absorbLocalNodes(d, spatial, networks, monoGroup, stats);

  const networkTaken = taken.slice();
  for (const comp of networks) for (const k of comp) networkTaken[k] = 1;
  const regions = regionCandidates(d, t, networkTaken, stats, kept);

  // the employment an industry candidate must mostly lie outside of (satellites included: their
  // firms are explained by the candidate they work for)
  const inSpatial = new Uint8Array(d.firmCount);
  for (const c of [...kept, ...regions]) for (const k of c.firms) inSpatial[k] = 1;
  const networkRaw = networks.filter((_, j) => !monoGroup[j]).map((comp): RawCandidate => ({ kind: 'network', firms: Int32Array.from(comp), industries: sortedIndustries(d, comp), park: -1, hull: null }));
  const everything = [...kept, ...regions, ...networkRaw];
  const keptSpatial = dropSatellites(d, kept, everything, stats);
  const keptRegions = dropSatellites(d, regions, everything, stats);
  networks.forEach((comp, j) => { if (!monoGroup[j]) for (const k of comp) inSpatial[k] = 1; });
  const industries = industryCandidates(d, t, inSpatial, stats);

  return { candidates: [...keptSpatial, ...keptRegions, ...networkCandidates(d, networks, industries, stats), ...industries], stats };
}
