/**
 * Candidate discovery: which industry groups in which places the diagnosis examines. Four
 * sources, in this order, each documented with its thresholds in config.ts:
 *
 * 1. Parks — every designated park with firms: the park's firms, whatever their industries.
 * 2. Footprints — for every industry class with at least minFirms establishments, grid density
 *    clustering finds dense spots: cells of hotspotEpsKm where the 3 × 3 block around the cell
 *    over-represents the class (block LQ ≥ hotspotLq, at least minFirms of the class), joined
 *    into spots by adjacency. A spot is kept when its local location quotient — the class's
 *    share of all establishments within max(its 90% radius, hotspotWindowKm) of its centre over
 *    its national share — reaches hotspotLq and that excess is significant (Poisson upper tail
 *    ≤ alpha / spots tested, Bonferroni) and it holds at least hotspotMinShare of the class's
 *    establishments (materiality on large data). Spots of different classes are
 *    merged into one candidate when they overlap (centre distance ≤ the sum of their 90%
 *    radii) AND are tied: business ties between their firms, plus firms outside the spots tied
 *    to both (shared suppliers or customers), per firm of the smaller spot ≥ mergeTiesPerFirm. A candidate's firms are its
 *    spots' firms plus the firms of its classes inside its hull, plus its periphery: firms
 *    outside whose business ties mostly run into it and that lie within twice its 90% radius,
 *    and small tie networks (fewer than minFirms firms) within that reach tied to it. A footprint whose firms are mostly (≥ parkShare) in one park is that
 *    park's candidate and is not repeated.
 * 2b. Regions — for the firms that footprints and networks did not take (all firms, when the
 *    data has no coordinates): every region × class cell with at least minFirms of them whose
 *    LQ against that remaining economy (the class's share of the region's remaining firms over
 *    its share of all remaining firms) reaches hotspotLq, significant (Poisson upper tail ≤
 *    alpha / non-empty cells, Bonferroni) and material (≥ hotspotMinShare of the class); the classes of one
 *    region that are tied (as spots are) form one candidate. The baseline is the remaining
 *    economy, not the whole: big clusters elsewhere would otherwise make every ordinary region
 *    look specialised in ordinary trades.
 * 3. Networks — the connected components (business ties) of the firms left outside parks and
 *    footprints, with at least componentMinFirms firms: groups organised by ties rather than by
 *    proximity (multi-plant groups with their suppliers, inter-regional chains).
 * 4. Industries — every industry group (GB/T 中类, the code's first three digits) with at least
 *    industryMinFirms establishments whose enterprise groups are concentrated (CR4 ≥
 *    cr4Concentrated or HHI ≥ hhiConcentrated, plants rolled up to their parent) and whose
 *    employment is mostly outside the parks, footprints and (multi-group) networks already
 *    found: the industry wherever it is. A network lying mostly (80%) in one such industry is
 *    left to it. A network of fewer than minFirms firms whose industries all belong to a larger
 *    network is a fragment of it and joins it. A footprint whose business tie-ends mostly run to
 *    one multi-industry network is a local node of it (the farms around one of a leader's
 *    regional plants) and joins it.
 *
 * Nothing here knows any place or industry by name: the same rules run on any data.
 */
import { haversineKm } from '../core/geo/haversine-km.js';
import { poissonUpperTail } from '../core/poisson-tail.js';
import { convexHull } from '../core/geo/convex-hull.js';
import { GridIndex } from '../core/geo/grid-index.js';
import { UnionFind } from '../core/union-find.js';
import type { Thresholds } from './config.js';
import type { PlaceKind } from './candidate.js';
import { BUSINESS, type DiagnosisData } from './data.js';

export interface RawCandidate {
  kind: PlaceKind;
  /** Firm indices, ascending. */
  firms: Int32Array;
  /** Industry codes (classes, or the group prefix for industry candidates), dominant first. */
  industries: string[];
  /** Park index, −1 when none. */
  park: number;
  /** Convex hull [lon, lat] of the spots (footprints) or firms; null when degenerate. */
  hull: [number, number][] | null;
  /** Given name (explicit candidates). */
  label?: string;
}

export interface Discovery {
  candidates: RawCandidate[];
  /** How many spots each step found and kept, for the report. */
  stats: { parks: number; spots: number; spotsKept: number; footprints: number; regions: number; networks: number; industries: number; dropped: string[] };
}

interface Spot {
  industry: number;
  members: number[];
  hull: [number, number][];
  center: [number, number];
  r90: number;
}

function centerOf(d: DiagnosisData, members: ArrayLike<number>): [number, number] {
  let x = 0;
  let y = 0;
  for (let k = 0; k < members.length; k++) { x += d.lon[members[k]]; y += d.lat[members[k]]; }
  return [x / members.length, y / members.length];
}

function radius90(d: DiagnosisData, members: ArrayLike<number>, c: [number, number]): number {
  const r = Array.from(members, (k) => haversineKm(c[0], c[1], d.lon[k], d.lat[k])).sort((a, b) => a - b);
  return r[Math.min(r.length - 1, Math.floor(0.9 * (r.length - 1)))];
}

const size = (d: DiagnosisData, k: number): number => {
  const v = Number.isFinite(d.output[k]) ? d.output[k] : Number.isFinite(d.revenue[k]) ? d.revenue[k] : d.employees[k];
  return Number.isFinite(v) && v > 0 ? v : 0;
};
const emp = (d: DiagnosisData, k: number): number => (Number.isFinite(d.employees[k]) && d.employees[k] > 0 ? d.employees[k] : 0);

/** The top of a firm's ownership chain (cycles and chains longer than 16 stop where they are). */
export function groupRoot(d: DiagnosisData, k: number): number {
  let r = k;
  for (let step = 0; step < 16 && d.parent[r] >= 0 && d.parent[r] !== r; step++) r = d.parent[r];
  return r;
}

/** CR4, HHI and CR1 of enterprise groups (plants rolled up to their root parent) over `firms`, by output. */
export function groupConcentration(d: DiagnosisData, firms: ArrayLike<number>): { cr1: number; cr4: number; hhi: number; groups: number } {
  const byGroup = new Map<number, number>();
  let total = 0;
  for (let t = 0; t < firms.length; t++) {
    const k = firms[t];
    const v = size(d, k);
    const g = groupRoot(d, k);
    byGroup.set(g, (byGroup.get(g) ?? 0) + v);
    total += v;
  }
  const shares = [...byGroup.values()].map((v) => (total > 0 ? v / total : 0)).sort((a, b) => b - a);
  return {
    cr1: shares[0] ?? Number.NaN,
    cr4: shares.slice(0, 4).reduce((a, b) => a + b, 0),
    hhi: shares.reduce((a, b) => a + b * b, 0),
    groups: shares.length,
  };
}

function sortedIndustries(d: DiagnosisData, firms: ArrayLike<number>): string[] {
  const e = new Map<number, number>();
  for (let t = 0; t < firms.length; t++) {
    const i = d.industry[firms[t]];
    if (i >= 0) e.set(i, (e.get(i) ?? 0) + emp(d, firms[t]) + 1e-9);
  }
  return [...e.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => d.industries[i]);
}

function hullOf(d: DiagnosisData, firms: ArrayLike<number>): [number, number][] | null {
  const pts: [number, number][] = [];
  for (let t = 0; t < firms.length; t++) if (Number.isFinite(d.lon[firms[t]]) && Number.isFinite(d.lat[firms[t]])) pts.push([d.lon[firms[t]], d.lat[firms[t]]]);
  const h = convexHull(pts);
  return h.length >= 3 ? h : null;
}

/**
 * Groups of tied sets of firms: sets a and b join when `near(a, b)` and their business ties —
 * direct ties between them, plus firms outside every set tied to both (shared suppliers or
 * customers: the tanneries that supply garment and bag makers alike) — reach mergeTiesPerFirm
 * per firm of the smaller set. Returns the groups (set indices), each sorted, in order of
 * their first set.
 */
function tiedGroups(d: DiagnosisData, sets: readonly (readonly number[])[], near: (a: number, b: number) => boolean, t: Thresholds): number[][] {
  const S = sets.length;
  const setOf = new Int32Array(d.firmCount).fill(-1);
  sets.forEach((firms, j) => { for (const k of firms) setOf[k] = j; });
  const ties = new Map<number, number>();
  const add = (a: number, b: number): void => {
    const key = Math.min(a, b) * S + Math.max(a, b);
    ties.set(key, (ties.get(key) ?? 0) + 1);
  };
  const partners = new Map<number, Set<number>>();
  for (let l = 0; l < d.links.source.length; l++) {
    if (!BUSINESS.has(d.links.type[l])) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0) continue;
    if (setOf[a] >= 0 && setOf[b] >= 0 && setOf[a] !== setOf[b]) add(setOf[a], setOf[b]);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (setOf[x] >= 0 || setOf[y] < 0) continue;
      const set = partners.get(x) ?? new Set<number>();
      set.add(setOf[y]);
      partners.set(x, set);
    }
  }
  for (const set of partners.values()) {
    const list = [...set].sort((x, y) => x - y);
    for (let p = 0; p < list.length; p++) for (let q = p + 1; q < list.length; q++) add(list[p], list[q]);
  }
  const uf = new UnionFind(S);
  for (const [key, count] of ties) {
    const a = Math.floor(key / S);
    const b = key % S;
    if (near(a, b) && count / Math.min(sets[a].length, sets[b].length) >= t.mergeTiesPerFirm) uf.union(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let j = 0; j < S; j++) {
    const root = uf.find(j);
    const list = groups.get(root);
    if (list) list.push(j); else groups.set(root, [j]);
  }
  return [...groups.values()];
}

/** Region × class cells of the firms not yet taken (2b). */
function regionCandidates(d: DiagnosisData, t: Thresholds, taken: Uint8Array, out: RawCandidate[], stats: Discovery['stats']): void {
  const R = d.regions.code.length;
  const I = d.industries.length;
  if (R === 0 || I === 0) return;
  const regionAll = new Float64Array(R);
  const classAll = new Float64Array(I);
  // materiality is judged against the class's establishments in all the data, as for spots
  const classTotal = new Float64Array(I);
  for (let k = 0; k < d.firmCount; k++) if (d.industry[k] >= 0) classTotal[d.industry[k]]++;
  let all = 0;
  for (let k = 0; k < d.firmCount; k++) {
    if (taken[k] || d.region[k] < 0 || d.industry[k] < 0) continue;
    regionAll[d.region[k]]++;
    classAll[d.industry[k]]++;
    all++;
  }
  const cells = new Map<number, number[]>();
  for (let k = 0; k < d.firmCount; k++) {
    if (taken[k] || d.region[k] < 0 || d.industry[k] < 0) continue;
    const key = d.region[k] * I + d.industry[k];
    const list = cells.get(key);
    if (list) list.push(k); else cells.set(key, [k]);
  }
  const minFirms = Math.max(2, Math.round(t.minFirms));
  const tested = [...cells.entries()].filter(([, firms]) => firms.length >= minFirms);
  const kept: { region: number; industry: number; firms: number[] }[] = [];
  for (const [key, firms] of tested) {
    const r = Math.floor(key / I);
    const i = key % I;
    const share = classAll[i] / all;
    const lq = firms.length / regionAll[r] / share;
    if (lq < t.hotspotLq || firms.length < t.hotspotMinShare * classTotal[i]) continue;
    // Bonferroni over every non-empty region × class cell: picking the cells with minFirms
    // firms first is itself a look at the outcome, so the family is all the cells searched
    if (poissonUpperTail(firms.length, regionAll[r] * share) > t.alpha / cells.size) continue;
    kept.push({ region: r, industry: i, firms });
  }
  if (kept.length === 0) return;
  // classes of one region join when tied (direct ties or shared partners), as spots do
  const groups = tiedGroups(d, kept.map((c) => c.firms), (a, b) => kept[a].region === kept[b].region, t);
  for (const members of groups) {
    const firms = members.flatMap((j) => kept[j].firms).sort((a, b) => a - b);
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'region', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: -1, hull: hullOf(d, firms) });
    stats.regions++;
  }
}

export function discoverCandidates(d: DiagnosisData, t: Thresholds): Discovery {
  const stats: Discovery['stats'] = { parks: 0, spots: 0, spotsKept: 0, footprints: 0, regions: 0, networks: 0, industries: 0, dropped: [] };
  const out: RawCandidate[] = [];
  const taken = new Uint8Array(d.firmCount);

  // 1. parks
  const parkFirms: number[][] = d.parks.id.map(() => []);
  for (let k = 0; k < d.firmCount; k++) if (d.park[k] >= 0) parkFirms[d.park[k]].push(k);
  parkFirms.forEach((firms, p) => {
    if (firms.length === 0) return;
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'park', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: p, hull: hullOf(d, firms) });
    stats.parks++;
  });

  // 2. footprints
  const byIndustry: number[][] = d.industries.map(() => []);
  let located = 0;
  for (let k = 0; k < d.firmCount; k++) {
    if (d.industry[k] >= 0 && Number.isFinite(d.lon[k]) && Number.isFinite(d.lat[k])) { byIndustry[d.industry[k]].push(k); located++; }
  }
  const grid = new GridIndex(d.lon, d.lat);
  const spots: Spot[] = [];
  const minFirms = Math.max(2, Math.round(t.minFirms));
  // Dense cells: cells of about eps × eps where the class is over-represented in the 3 × 3 block
  // around the cell (block LQ ≥ hotspotLq) with at least minFirms of the class there. A spot is
  // a connected group of dense cells (8-neighbourhood) — grid density clustering, O(n): classes
  // that follow the general density of firms (LQ ≈ 1) leave almost nothing.
  const cellDeg = t.hotspotEpsKm / 111.2;
  const W = 2e5;
  const cellKey = (k: number): number => (Math.floor(d.lon[k] / cellDeg) + 1e5) * W + (Math.floor(d.lat[k] / cellDeg) + 1e5);
  const allCells = new Map<number, number>();
  for (const firms of byIndustry) for (const k of firms) { const c = cellKey(k); allCells.set(c, (allCells.get(c) ?? 0) + 1); }
  const block = (cells: Map<number, number>, c: number): number => {
    let sum = 0;
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) sum += cells.get(c + dx * W + dy) ?? 0;
    return sum;
  };
  const found: (Spot & { p: number })[] = [];
  byIndustry.forEach((all, i) => {
    if (all.length < minFirms) return;
    const nationalShare = all.length / located;
    const own = new Map<number, number[]>();
    for (const k of all) { const c = cellKey(k); const l = own.get(c); if (l) l.push(k); else own.set(c, [k]); }
    const ownCount = new Map([...own].map(([c, l]) => [c, l.length]));
    const dense = new Set<number>();
    for (const c of own.keys()) {
      const o = block(ownCount, c);
      if (o >= minFirms && o / block(allCells, c) / nationalShare >= t.hotspotLq) dense.add(c);
    }
    const seen = new Set<number>();
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
      const R = Math.max(r90, t.hotspotWindowKm);
      let inDisc = 0;
      let ownInDisc = 0;
      grid.disc(center, R, (k) => { inDisc++; if (d.industry[k] === i) ownInDisc++; });
      if (inDisc === 0 || ownInDisc / inDisc / nationalShare < t.hotspotLq) continue;
      found.push({ industry: i, members, hull, center, r90, p: poissonUpperTail(ownInDisc, inDisc * nationalShare) });
    }
  });
  // chance spots: with many classes and places some excess is expected, so each spot must be
  // significant at alpha after a Bonferroni correction over the spots tested (Poisson upper tail
  // of its class count in the disc, given the disc's establishments and the national share)
  for (const f of found) if (f.p <= t.alpha / Math.max(1, stats.spots)) spots.push(f);
  stats.spotsKept = spots.length;
  // merge overlapping, tied spots
  const merged = tiedGroups(d, spots.map((sp) => sp.members), (a, b) => {
    const A = spots[a];
    const B = spots[b];
    return haversineKm(A.center[0], A.center[1], B.center[0], B.center[1]) <= A.r90 + B.r90;
  }, t);
  for (const group of merged) {
    const industries = new Set(group.map((j) => spots[j].industry));
    const inGroup = new Uint8Array(d.firmCount);
    const hull = convexHull(group.flatMap((j) => spots[j].hull));
    for (const j of group) for (const k of spots[j].members) inGroup[k] = 1;
    if (hull.length >= 3) grid.inside(hull, (k) => { if (industries.has(d.industry[k])) inGroup[k] = 1; });
    const firms: number[] = [];
    for (let k = 0; k < d.firmCount; k++) if (inGroup[k]) firms.push(k);
    // a footprint that is mostly one park is that park's candidate
    const perPark = new Map<number, number>();
    for (const k of firms) if (d.park[k] >= 0) perPark.set(d.park[k], (perPark.get(d.park[k]) ?? 0) + 1);
    const [topPark, inTop] = [...perPark.entries()].sort((a, b) => b[1] - a[1])[0] ?? [-1, 0];
    if (topPark >= 0 && inTop / firms.length >= t.parkShare) {
      stats.dropped.push(`footprint of ${[...industries].map((i) => d.industries[i]).join('+')} (${firms.length} firms): ${Math.round((100 * inTop) / firms.length)}% in park ${d.parks.id[topPark]}, diagnosed as the park`);
      continue;
    }
    for (const k of firms) taken[k] = 1;
    out.push({ kind: 'footprint', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: -1, hull: hull.length >= 3 ? hull : null });
    stats.footprints++;
  }
  let spatialEnd = out.length;

  // firms outside the spatial candidates whose business ties mostly run into one of them, and
  // that lie within twice its 90% radius, are its periphery (DBSCAN noise at the edge of a spot)
  const owner = new Int32Array(d.firmCount).fill(-1);
  for (let c = 0; c < spatialEnd; c++) for (const k of out[c].firms) if (owner[k] < 0) owner[k] = c;
  const tieTo = new Map<number, Map<number, number>>();
  const tieCount = new Int32Array(d.firmCount);
  for (let l = 0; l < d.links.source.length; l++) {
    if (!BUSINESS.has(d.links.type[l])) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0) continue;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (taken[x]) continue;
      tieCount[x]++;
      if (owner[y] < 0) continue;
      const m = tieTo.get(x) ?? new Map<number, number>();
      m.set(owner[y], (m.get(owner[y]) ?? 0) + 1);
      tieTo.set(x, m);
    }
  }
  const reach = out.slice(0, spatialEnd).map((c) => {
    const center = centerOf(d, c.firms);
    return { center, r: 2 * radius90(d, c.firms, center) };
  });
  const periphery: number[][] = out.map(() => []);
  for (const [k, m] of tieTo) {
    const [c, n] = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (2 * n < tieCount[k] || !Number.isFinite(d.lon[k])) continue;
    if (haversineKm(reach[c].center[0], reach[c].center[1], d.lon[k], d.lat[k]) > reach[c].r) continue;
    periphery[c].push(k);
  }
  periphery.forEach((extra, c) => {
    if (extra.length === 0) return;
    for (const k of extra) taken[k] = 1;
    out[c].firms = Int32Array.from([...out[c].firms, ...extra]).sort();
  });

  // 3. networks among the firms left
  const cuf = new UnionFind(d.firmCount);
  for (let l = 0; l < d.links.source.length; l++) {
    if (!BUSINESS.has(d.links.type[l])) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0 || taken[a] || taken[b]) continue;
    cuf.union(a, b);
  }
  const comps = new Map<number, number[]>();
  const linked = new Uint8Array(d.firmCount);
  for (let l = 0; l < d.links.source.length; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a >= 0 && b >= 0 && BUSINESS.has(d.links.type[l]) && !taken[a] && !taken[b]) { linked[a] = 1; linked[b] = 1; }
  }
  for (let k = 0; k < d.firmCount; k++) {
    if (!linked[k]) continue;
    const r = cuf.find(k);
    const list = comps.get(r);
    if (list) list.push(k); else comps.set(r, [k]);
  }
  let networks = [...comps.values()].filter((c) => c.length >= t.componentMinFirms).sort((a, b) => b.length - a.length || a[0] - b[0]);
  // a small network tied to a spatial candidate and lying within its reach is more of its periphery
  networks = networks.filter((comp) => {
    if (comp.length >= minFirms) return true;
    const votes = new Map<number, number>();
    for (const k of comp) for (const [c, n] of tieTo.get(k) ?? []) votes.set(c, (votes.get(c) ?? 0) + n);
    const [c] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [-1];
    if (c < 0 || !comp.every((k) => Number.isFinite(d.lon[k]) && haversineKm(reach[c].center[0], reach[c].center[1], d.lon[k], d.lat[k]) <= reach[c].r)) return true;
    out[c].firms = Int32Array.from([...out[c].firms, ...comp]).sort();
    for (const k of comp) taken[k] = 1;
    return false;
  });
  // a small network (fewer than minFirms firms) whose industries all belong to a larger one is a
  // fragment of it (firms tied among themselves but not to the rest), not a structure of its own
  const industriesOf = (comp: number[]): Set<number> => new Set(comp.map((k) => d.industry[k]));
  const big = networks.filter((c) => c.length >= minFirms).map((c) => ({ comp: c, industries: industriesOf(c) }));
  networks = networks.filter((c) => {
    if (c.length >= minFirms) return true;
    const mine = industriesOf(c);
    const host = big.find((b) => [...mine].every((i) => b.industries.has(i)));
    if (host === undefined) return true;
    host.comp.push(...c);
    return false;
  });
  // the dominant industry group of each network (industry groups decide on multi-group networks only)
  const groupOfFirm = (k: number): string => (d.industry[k] >= 0 ? d.industries[d.industry[k]].replace(/^[A-Z]/, '').slice(0, 3) : '');
  const monoGroup = networks.map((comp) => {
    const count = new Map<string, number>();
    for (const k of comp) count.set(groupOfFirm(k), (count.get(groupOfFirm(k)) ?? 0) + 1);
    return Math.max(...count.values()) >= 0.8 * comp.length;
  });

  // a footprint whose firms mostly work for one multi-industry network (most of their business
  // tie-ends run to its firms) is a local node of that network — the farms around one of a
  // leader's regional plants — and joins it rather than standing alone
  const networkOf = new Int32Array(d.firmCount).fill(-1);
  networks.forEach((comp, j) => { if (!monoGroup[j]) for (const k of comp) networkOf[k] = j; });
  const absorbed = new Set<number>();
  const footprintOf = new Int32Array(d.firmCount).fill(-1);
  for (let c = 0; c < spatialEnd; c++) if (out[c].kind === 'footprint') for (const k of out[c].firms) footprintOf[k] = c;
  const ends = new Map<number, number>();
  const toNetwork = new Map<number, Map<number, number>>();
  for (let l = 0; l < d.links.source.length; l++) {
    if (!BUSINESS.has(d.links.type[l])) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0) continue;
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const c = footprintOf[x];
      if (c < 0 || footprintOf[y] === c) continue;
      ends.set(c, (ends.get(c) ?? 0) + 1);
      if (networkOf[y] < 0) continue;
      const m = toNetwork.get(c) ?? new Map<number, number>();
      m.set(networkOf[y], (m.get(networkOf[y]) ?? 0) + 1);
      toNetwork.set(c, m);
    }
  }
  for (const [c, m] of [...toNetwork.entries()].sort((x, y) => x[0] - y[0])) {
    const [j, n] = [...m.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (2 * n <= (ends.get(c) ?? 0)) continue;
    networks[j].push(...out[c].firms);
    absorbed.add(c);
    stats.dropped.push(`footprint of ${out[c].industries.join('+')} (${out[c].firms.length} firms): most of its ties run into a network, which it joins`);
  }
  if (absorbed.size) {
    const kept = out.filter((_, c) => !absorbed.has(c));
    stats.footprints -= absorbed.size;
    out.length = 0;
    out.push(...kept);
    spatialEnd -= absorbed.size;
    for (const comp of networks) comp.sort((x, y) => x - y);
  }

  // 4. concentrated industry groups
  // 2b. regions, for the firms that neither footprints nor networks took
  const networkTaken = taken.slice();
  for (const comp of networks) for (const k of comp) networkTaken[k] = 1;
  const regionOut: RawCandidate[] = [];
  regionCandidates(d, t, networkTaken, regionOut, stats);
  const inSpatial = new Uint8Array(d.firmCount);
  for (const c of regionOut) for (const k of c.firms) inSpatial[k] = 1;
  for (let c = 0; c < spatialEnd; c++) for (const k of out[c].firms) inSpatial[k] = 1;
  networks.forEach((comp, j) => { if (!monoGroup[j]) for (const k of comp) inSpatial[k] = 1; });
  const groupFirms = new Map<string, number[]>();
  for (let k = 0; k < d.firmCount; k++) {
    if (d.industry[k] < 0) continue;
    const g = d.industries[d.industry[k]].replace(/^[A-Z]/, '').slice(0, 3);
    const list = groupFirms.get(g);
    if (list) list.push(k); else groupFirms.set(g, [k]);
  }
  const industryCands: RawCandidate[] = [];
  for (const [g, firms] of [...groupFirms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (firms.length < t.industryMinFirms) continue;
    const c = groupConcentration(d, firms);
    if (!(c.cr4 >= t.cr4Concentrated || c.hhi >= t.hhiConcentrated)) continue;
    let e = 0;
    let eSpatial = 0;
    for (const k of firms) { e += emp(d, k); if (inSpatial[k]) eSpatial += emp(d, k); }
    if (e > 0 && eSpatial / e >= 0.5) {
      stats.dropped.push(`industry group ${g}: concentrated (CR4 ${c.cr4.toFixed(2)}) but ${Math.round((100 * eSpatial) / e)}% of its employment is in the parks, footprints and networks found`);
      continue;
    }
    industryCands.push({ kind: 'industry', firms: Int32Array.from(firms), industries: [g], park: -1, hull: hullOf(d, firms) });
  }
  out.push(...regionOut);
  for (const comp of networks) {
    const home = industryCands.find((ic) => {
      const set = new Set(ic.firms);
      return comp.filter((k) => set.has(k)).length >= 0.8 * comp.length;
    });
    if (home) {
      stats.dropped.push(`network of ${comp.length} firms: ≥ 80% in industry group ${home.industries[0]}, diagnosed as that industry`);
      continue;
    }
    comp.sort((a, b) => a - b);
    out.push({ kind: 'network', firms: Int32Array.from(comp), industries: sortedIndustries(d, comp), park: -1, hull: hullOf(d, comp) });
    stats.networks++;
  }
  out.push(...industryCands);
  stats.industries = industryCands.length;
  return { candidates: out, stats };
}
