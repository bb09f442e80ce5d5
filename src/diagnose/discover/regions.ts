/**
 * Discovery step 2b — regions: for the firms that hotspots and networks did not take (all
 * firms, when the data has no coordinates), every region × class cell with at least minFirms of
 * them whose LQ against that remaining economy (the class's share of the region's remaining
 * firms over its share of all remaining firms) reaches hotspotLq, significant (Poisson upper
 * tail ≤ alpha / non-empty cells, Bonferroni) and material (≥ hotspotMinShare of the class);
 * the classes of one region that are tied (as spots are) form one candidate. A cell whose class
 * is a hotspot's in the same region (the hotspot has firms of that class there) is that
 * hotspot's fringe — the same agglomeration beyond its hull, seen at the region's scale — and
 * its firms join the hotspot instead: one class in one place is one structure. The baseline is
 * the remaining economy, not the whole: big clusters elsewhere would otherwise make every
 * ordinary region look specialised in ordinary trades. Counts are establishments, so no firm
 * size is needed.
 */
import { poissonUpperTail } from '../../core/poisson-tail.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { hullOf, sortedIndustries } from './firm-sets.js';
import { tiedGroups } from './tied-groups.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/**
 * For each (region, class) with hotspot firms, the hotspot holding most firms of that class in
 * that region (the lower index on ties), keyed region × I + class.
 */
function hotspotCells(d: DiagnosisData, hotspots: readonly RawCandidate[]): Map<number, number> {
  const I = d.industries.length;
  const count = new Map<number, Map<number, number>>();
  hotspots.forEach((c, j) => {
    if (c.kind !== 'hotspot') return;
    const own = new Set(c.industries);
    for (const k of c.firms) {
      if (d.region[k] < 0 || d.industry[k] < 0 || !own.has(d.industries[d.industry[k]])) continue;
      const key = d.region[k] * I + d.industry[k];
      const m = count.get(key) ?? new Map<number, number>();
      m.set(j, (m.get(j) ?? 0) + 1);
      count.set(key, m);
    }
  });
  return new Map([...count].map(([key, m]) => [key, [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]]));
}

/**
 * The region candidates of the firms not `taken` (marking theirs taken), in order of their first
 * cell; a kept cell of a hotspot's class in that hotspot's region joins the hotspot (of `hotspots`).
 */
export function regionCandidates(d: DiagnosisData, t: Thresholds, taken: Uint8Array, stats: DiscoveryStats, hotspots: RawCandidate[] = []): RawCandidate[] {
  const R = d.regions.code.length;
  const I = d.industries.length;
  if (R === 0 || I === 0) return [];
  const regionAll = new Float64Array(R);
  const classAll = new Float64Array(I);
  // materiality is judged against the class's establishments in all the data, as for spots
  const classTotal = new Float64Array(I);
  for (let k = 0; k < d.firmCount; k++) if (d.industry[k] >= 0) classTotal[d.industry[k]]++;
  let all = 0;
  const cells = new Map<number, number[]>();
  for (let k = 0; k < d.firmCount; k++) {
    if (taken[k] || d.region[k] < 0 || d.industry[k] < 0) continue;
    regionAll[d.region[k]]++;
    classAll[d.industry[k]]++;
    all++;
    const key = d.region[k] * I + d.industry[k];
    const list = cells.get(key);
    if (list) list.push(k); else cells.set(key, [k]);
  }
  const minFirms = Math.max(2, Math.round(t.minFirms));
  const kept: { region: number; industry: number; firms: number[] }[] = [];
  const fringeOf = hotspotCells(d, hotspots);
  for (const [key, firms] of cells) {
    if (firms.length < minFirms) continue;
    const r = Math.floor(key / I);
    const i = key % I;
    const share = classAll[i] / all;
    const lq = firms.length / regionAll[r] / share;
    if (lq < t.hotspotLq || firms.length < t.hotspotMinShare * classTotal[i]) continue;
    // Bonferroni over every non-empty region × class cell: picking the cells with minFirms
    // firms first is itself a look at the outcome, so the family is all the cells searched
    if (poissonUpperTail(firms.length, regionAll[r] * share) > t.alpha / cells.size) continue;
    const host = fringeOf.get(key);
    if (host !== undefined) {
      const h = hotspots[host];
      for (const k of firms) taken[k] = 1;
      h.firms = Int32Array.from([...h.firms, ...firms]).sort();
      stats.dropped.push(`region cell ${d.regions.code[r]} × ${d.industries[i]} (${firms.length} firms): the fringe of the hotspot of ${h.industries.slice(0, 4).join('+')} in the same region, joined to it`);
      continue;
    }
    kept.push({ region: r, industry: i, firms });
  }
  if (kept.length === 0) return [];
  // classes of one region join when tied (direct ties or shared partners), as spots do
  const groups = tiedGroups(d, kept.map((c) => c.firms), (a, b) => kept[a].region === kept[b].region, t);
  const out: RawCandidate[] = [];
  for (const members of groups) {
    const firms = members.flatMap((j) => kept[j].firms).sort((a, b) => a - b);
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'region', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: -1, hull: hullOf(d, firms) });
    stats.regions++;
  }
  return out;
}
