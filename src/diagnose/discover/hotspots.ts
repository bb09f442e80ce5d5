/**
 * Discovery step 2 — hotspots: where one industry class is dense relative to all firms.
 *
 * Grid density clustering, O(n): cells of about hotspotEpsKm × hotspotEpsKm where the 3 × 3
 * block around the cell over-represents the class (block LQ ≥ hotspotLq, at least minFirms of
 * the class there) are dense; a spot is a connected group of dense cells (8-neighbourhood).
 * Classes that follow the general density of firms (LQ ≈ 1) leave almost nothing. A spot is
 * kept when its local location quotient — the class's share of all establishments within
 * max(its 90% radius, hotspotWindowKm) of its centre over its national share — reaches
 * hotspotLq, that excess is significant (Poisson upper tail ≤ alpha / class × cells searched,
 * Bonferroni: every non-empty cell of every class, not only the dense ones) and it holds at least hotspotMinShare of the class's establishments.
 *
 * Spots of different classes merge into one hotspot candidate when they overlap (centre
 * distance ≤ the sum of their 90% radii) and are tied (tiedGroups). A hotspot's firms are its
 * spots' firms plus the firms of its classes inside its hull. A hotspot mostly (≥ parkShare)
 * in one park is that park's candidate and is not repeated.
 *
 * (These are grid hotspots; the DBSCAN footprints of `measure footprints` are another method,
 * in src/measures/pointpattern/footprints.ts.)
 */
import { convexHull } from '../../core/geo/convex-hull.js';
import { GridIndex } from '../../core/geo/grid-index.js';
import { haversineKm } from '../../core/geo/haversine-km.js';
import { poissonUpperTail } from '../../core/poisson-tail.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { centerOf, hullOf, membersOf, radius90, sortedIndustries } from './firm-sets.js';
import { tiedGroups } from './tied-groups.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/** A dense spot of one industry class. */
interface Spot {
  industry: number;
  /** Firm indices, ascending. */
  members: number[];
  hull: [number, number][];
  center: [number, number];
  r90: number;
}

/** Cell keys of a lon/lat grid: W columns per row keep the 3 × 3 neighbourhood arithmetic. */
const W = 2e5;

const block = (cells: Map<number, number>, c: number): number => {
  let sum = 0;
  for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) sum += cells.get(c + dx * W + dy) ?? 0;
  return sum;
};

/** Connected groups (8-neighbourhood) of the dense cells, each as the firms of its cells, in order of the smallest cell key. */
function denseGroups(dense: Set<number>, own: Map<number, number[]>): number[][] {
  const seen = new Set<number>();
  const groups: number[][] = [];
  for (const start of [...dense].sort((a, b) => a - b)) {
    if (seen.has(start)) continue;
    const members: number[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const c = stack.pop()!;
      members.push(...own.get(c)!);
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          const nb = c + dx * W + dy;
          if (dense.has(nb) && !seen.has(nb)) { seen.add(nb); stack.push(nb); }
        }
      }
    }
    groups.push(members);
  }
  return groups;
}

/** The significant, material spots of every class (stats.spots: spots tested; stats.spotsKept: kept). */
function findSpots(d: DiagnosisData, t: Thresholds, grid: GridIndex, stats: DiscoveryStats): Spot[] {
  const byIndustry: number[][] = d.industries.map(() => []);
  let located = 0;
  for (let k = 0; k < d.firmCount; k++) {
    if (d.industry[k] >= 0 && d.inArea[k] && Number.isFinite(d.lon[k]) && Number.isFinite(d.lat[k])) { byIndustry[d.industry[k]].push(k); located++; }
  }
  const minFirms = Math.max(2, Math.round(t.minFirms));
  const cellDeg = t.hotspotEpsKm / 111.2;
  const cellKey = (k: number): number => (Math.floor(d.lon[k] / cellDeg) + 1e5) * W + (Math.floor(d.lat[k] / cellDeg) + 1e5);
  const allCells = new Map<number, number>();
  for (const firms of byIndustry) for (const k of firms) { const c = cellKey(k); allCells.set(c, (allCells.get(c) ?? 0) + 1); }
  const found: (Spot & { p: number })[] = [];
  // the family of the Bonferroni correction: every non-empty class × cell searched (a cell could
  // have been the centre of a spot), not only the spots that came out dense — picking those first
  // is itself a look at the outcome (as for the region cells, regions.ts)
  let searched = 0;
  byIndustry.forEach((all, i) => {
    if (all.length < minFirms) return;
    const nationalShare = all.length / located;
    const own = new Map<number, number[]>();
    for (const k of all) { const c = cellKey(k); const l = own.get(c); if (l) l.push(k); else own.set(c, [k]); }
    const ownCount = new Map([...own].map(([c, l]) => [c, l.length]));
    searched += own.size;
    const dense = new Set<number>();
    for (const c of own.keys()) {
      const o = block(ownCount, c);
      if (o >= minFirms && o / block(allCells, c) / nationalShare >= t.hotspotLq) dense.add(c);
    }
    for (const members of denseGroups(dense, own)) {
      if (members.length < minFirms) continue;
      stats.spots++;
      if (members.length < t.hotspotMinShare * all.length) continue;
      members.sort((a, b) => a - b);
      const hull = hullOf(d, members);
      if (hull === null) continue;
      // the spot against its surroundings: a disc of radius max(r90, hotspotWindowKm) around its
      // centre (a hull drawn around the selected points alone would flatter chance spots)
      const center = centerOf(d, members);
      const r90 = radius90(d, members, center);
      let inDisc = 0;
      let ownInDisc = 0;
      grid.disc(center, Math.max(r90, t.hotspotWindowKm), (k) => { if (!d.inArea[k]) return; inDisc++; if (d.industry[k] === i) ownInDisc++; });
      if (inDisc === 0 || ownInDisc / inDisc / nationalShare < t.hotspotLq) continue;
      found.push({ industry: i, members, hull, center, r90, p: poissonUpperTail(ownInDisc, inDisc * nationalShare) });
    }
  });
  // chance spots: with many classes and places some excess is expected, so each spot must be
  // significant at alpha after a Bonferroni correction over the class × cells searched (Poisson
  // upper tail of its class count in the disc, given the disc's establishments and the national share)
  const spots = found.filter((f) => f.p <= t.alpha / Math.max(1, searched, stats.spots));
  stats.spotsKept = spots.length;
  return spots;
}

/** The hotspot candidates (merged, tied spots not mostly in one park), in spot order; their firms are marked in `taken`. */
export function hotspotCandidates(d: DiagnosisData, t: Thresholds, taken: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const grid = new GridIndex(d.lon, d.lat);
  const spots = findSpots(d, t, grid, stats);
  const merged = tiedGroups(d, spots.map((sp) => sp.members), (a, b) => {
    const A = spots[a];
    const B = spots[b];
    return haversineKm(A.center[0], A.center[1], B.center[0], B.center[1]) <= A.r90 + B.r90;
  }, t);
  const out: RawCandidate[] = [];
  for (const group of merged) {
    const industries = new Set(group.map((j) => spots[j].industry));
    const inGroup = new Uint8Array(d.firmCount);
    const hull = convexHull(group.flatMap((j) => spots[j].hull));
    for (const j of group) for (const k of spots[j].members) inGroup[k] = 1;
    if (hull.length >= 3) grid.inside(hull, (k) => { if (industries.has(d.industry[k]) && d.inArea[k]) inGroup[k] = 1; });
    const firms = membersOf(inGroup);
    // a hotspot that is mostly one park is that park's candidate
    const perPark = new Map<number, number>();
    for (const k of firms) if (d.park[k] >= 0) perPark.set(d.park[k], (perPark.get(d.park[k]) ?? 0) + 1);
    const [topPark, inTop] = [...perPark.entries()].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
    if (topPark >= 0 && inTop / firms.length >= t.parkShare) {
      stats.dropped.push(`hotspot of ${[...industries].map((i) => d.industries[i]).join('+')} (${firms.length} firms): ${Math.round((100 * inTop) / firms.length)}% in park ${d.parks.id[topPark]}, diagnosed as the park`);
      continue;
    }
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'hotspot', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: -1, hull: hull.length >= 3 ? hull : null });
    stats.hotspots++;
  }
  return out;
}
