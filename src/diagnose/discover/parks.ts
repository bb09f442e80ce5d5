/** Discovery step 1 — parks: every designated park with firms is a candidate of all its firms. */
import type { DiagnosisData } from '../data.js';
import { hullOf, sortedIndustries } from './firm-sets.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/** The park candidates, in park order; their firms are marked in `taken`. */
export function parkCandidates(d: DiagnosisData, taken: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const parkFirms: number[][] = d.parks.id.map(() => []);
  for (let k = 0; k < d.firmCount; k++) if (d.park[k] >= 0) parkFirms[d.park[k]].push(k);
  const out: RawCandidate[] = [];
  parkFirms.forEach((firms, p) => {
    if (firms.length === 0) return;
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'park', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: p, hull: hullOf(d, firms) });
    stats.parks++;
  });
  return out;
}
