/**
 * The indicators of one candidate, measured from the workspace's columns. Definitions (every
 * share is over the candidate's firms unless named otherwise; "the place" is the candidate's
 * park for park candidates, else the regions that hold its firms; "local" means in the place):
 *
 * - cr1, cr4, hhi: enterprise groups' shares of the candidate's output (plants rolled up to their
 *   root parent; output, else revenue, else employees).
 * - lq: employment of the candidate's industries in the place over the place's employment,
 *   divided by the same ratio nationally (park candidates: the park's firms). Not defined for
 *   industry candidates, whose place is the whole economy (wholeEconomy).
 * - egGamma, egPValue: Ellison–Glaeser γ of the candidate's industries taken as one group,
 *   across the regions (employment; plants = establishments), and the p-value of its z-test.
 * - chainLinksPerFirm: supply/subcontract ties between a candidate firm and a firm of one of
 *   the candidate's industries (anywhere), per firm; chainStagesLinked: industry groups (the
 *   code's first three digits) at either end of such ties that join two different groups.
 * - parkShare, externalShare (employment, external domestic or foreign owned), outflowShare
 *   (value of supply/subcontract ties with a partner outside the place over all such ties).
 * - dominantFieldShare: employment share of the largest "field": industries joined when they
 *   share a division (two digits) or when business ties between their firms reach
 *   mergeTiesPerFirm per firm of the smaller.
 * - localTiesPerFirm, localLinkShare: business ties (supply, subcontract, technology, spin-off,
 *   joint R&D) of the candidate's firms with firms in the place, per firm and as a share of all
 *   their business ties.
 * - institutionTypes, institutionLinkedShare: kinds of institution in the place tied to the
 *   candidate's firms, and the share of firms tied to at least one of them.
 * - stage, typology and radiation indicators: see Indicators; leaders are firms with R&D and
 *   marketing functions and at least smeEmployees employees, with their groups' plants of that
 *   size; benchmark patents per firm are the whole workspace's (the study area); coreTiedShare
 *   is the share of firms outside the largest enterprise group tied to its plants.
 */
import { ellisonGlaeser } from '../measures/zone-agglomeration/ellison-glaeser.js';
import { pointPattern, type PointPattern } from '../data/point-pattern.js';
import { kDensity } from '../measures/pointpattern/k-density.js';
import { factorIntensity, industryType } from '../model/industry-traits.js';
import type { Thresholds } from './config.js';
import { BUSINESS, CHAIN, FN, INNOVATION, LT, OWN, type DiagnosisData } from './data.js';
import type { RawCandidate } from './discover.js';
import { groupConcentration, groupRoot } from './discover.js';
import type { Indicators } from './indicators.js';

/** Per-run precomputations shared by all candidates. */
export interface MeasureContext {
  d: DiagnosisData;
  t: Thresholds;
  /** CSR adjacency of every firm: incident link indices. */
  adjStart: Int32Array;
  adjLinks: Int32Array;
  /** Employment and firm count per region; employment of the firms with a known output (for labour intensity). */
  regionEmp: Float64Array;
  regionEmpWithOutput: Float64Array;
  /** Firms of each park. */
  parkFirms: Int32Array[];
  regionOutput: Float64Array;
  regionFirms: Float64Array;
  totalEmp: number;
  /** Employment per industry nationally. */
  industryEmp: Float64Array;
  /** Firms of each industry. */
  byIndustry: Int32Array[];
  /** Patents per firm of the whole workspace (the study area's benchmark), NaN without patent data. */
  patentsPerFirm: number;
  /** K-density settings: simulations (0: not measured), seed, the largest group measured. */
  kd: { simulations: number; seed: number; maxFirms: number; cache: Map<string, boolean | undefined>; located: Int32Array; notes: string[] };
}

export interface MeasureOptions {
  /** K-density simulations per candidate industry group (0: K-density not measured). */
  kdSimulations?: number;
  seed?: number;
  /** Industry groups with more establishments than this are not K-density tested (EG γ decides). */
  kdMaxFirms?: number;
}

const emp = (d: DiagnosisData, k: number): number => (Number.isFinite(d.employees[k]) && d.employees[k] > 0 ? d.employees[k] : 0);
const outp = (d: DiagnosisData, k: number): number => {
  const v = Number.isFinite(d.output[k]) ? d.output[k] : d.revenue[k];
  return Number.isFinite(v) && v > 0 ? v : 0;
};

export function measureContext(d: DiagnosisData, t: Thresholds, options: MeasureOptions = {}): MeasureContext {
  const n = d.firmCount;
  const deg = new Int32Array(n + 1);
  const L = d.links.source.length;
  for (let l = 0; l < L; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a >= 0) deg[a + 1]++;
    if (b >= 0 && b !== a) deg[b + 1]++;
  }
  for (let k = 0; k < n; k++) deg[k + 1] += deg[k];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let l = 0; l < L; l++) {
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a >= 0) adj[fill[a]++] = l;
    if (b >= 0 && b !== a) adj[fill[b]++] = l;
  }
  const R = d.regions.code.length;
  const regionEmp = new Float64Array(R);
  const regionEmpWithOutput = new Float64Array(R);
  const parkLists: number[][] = d.parks.id.map(() => []);
  const regionOutput = new Float64Array(R);
  const regionFirms = new Float64Array(R);
  const industryEmp = new Float64Array(d.industries.length);
  const lists: number[][] = d.industries.map(() => []);
  let totalEmp = 0;
  for (let k = 0; k < n; k++) {
    const e = emp(d, k);
    totalEmp += e;
    if (d.region[k] >= 0) {
      regionEmp[d.region[k]] += e; regionFirms[d.region[k]]++;
      const o = outp(d, k);
      if (o > 0) { regionOutput[d.region[k]] += o; regionEmpWithOutput[d.region[k]] += e; }
    }
    if (d.park[k] >= 0) parkLists[d.park[k]].push(k);
    if (d.industry[k] >= 0) { industryEmp[d.industry[k]] += e; lists[d.industry[k]].push(k); }
  }
  let patentFirms = 0;
  let patents = 0;
  for (let k = 0; k < n; k++) if (Number.isFinite(d.patents[k])) { patentFirms++; patents += d.patents[k]; }
  return {
    d, t, adjStart: deg, adjLinks: adj, regionEmp, regionEmpWithOutput, parkFirms: parkLists.map((l) => Int32Array.from(l)), regionOutput, regionFirms, totalEmp, industryEmp, byIndustry: lists.map((l) => Int32Array.from(l)),
    patentsPerFirm: patentFirms > 0 ? patents / patentFirms : Number.NaN,
    kd: {
      simulations: options.kdSimulations ?? 0, seed: options.seed ?? 1, maxFirms: options.kdMaxFirms ?? 3000, cache: new Map(), notes: [],
      located: Int32Array.from({ length: n }, (_, k) => k).filter((k) => Number.isFinite(d.lon[k]) && Number.isFinite(d.lat[k])),
    },
  };
}

/** The place of a candidate: a predicate on firms and on institutions, and its regions. */
export interface Place {
  /** Region indices, most of the candidate's firms first. */
  regions: number[];
  inRegion: Uint8Array;
  firmInside(k: number): boolean;
  institutionInside(j: number): boolean;
}

export function placeOf(ctx: MeasureContext, c: RawCandidate): Place {
  const { d } = ctx;
  const count = new Map<number, number>();
  for (const k of c.firms) if (d.region[k] >= 0) count.set(d.region[k], (count.get(d.region[k]) ?? 0) + 1);
  const regions = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([r]) => r);
  const inRegion = new Uint8Array(d.regions.code.length);
  for (const r of regions) inRegion[r] = 1;
  if (c.kind === 'park') {
    // a park's locality is the park and its host regions: ties to the firms around it are local
    // (a park can host part of a wider cluster); ties to other regions are not
    const p = c.park;
    const host = d.parks.region[p] === null ? -1 : d.regions.code.indexOf(d.parks.region[p]!);
    if (host >= 0 && !inRegion[host]) { inRegion[host] = 1; regions.push(host); }
    return {
      regions, inRegion,
      firmInside: (k) => d.park[k] === p || (d.region[k] >= 0 && inRegion[d.region[k]] === 1),
      institutionInside: (j) => d.institutions.park[j] === p || (d.institutions.region[j] >= 0 && inRegion[d.institutions.region[j]] === 1),
    };
  }
  return {
    regions, inRegion,
    firmInside: (k) => d.region[k] >= 0 && inRegion[d.region[k]] === 1,
    institutionInside: (j) => d.institutions.region[j] >= 0 && inRegion[d.institutions.region[j]] === 1,
  };
}

/**
 * Is the industry group localised by Duranton–Overman's test? K-density of its establishments
 * (great-circle km, up to a third of the study area's diameter as dbmss) against random location
 * among all establishments, with the DO2005 global band at alpha: localised when the curve
 * leaves the band upwards at some distance. Cached per industry set; undefined (not measured)
 * when simulations are 0 or the group is larger than kd.maxFirms.
 */
function kdLocalisedOf(ctx: MeasureContext, industrySet: Set<number>): boolean | undefined {
  const { d, kd } = ctx;
  if (kd.simulations <= 0 || industrySet.size === 0) return undefined;
  const key = [...industrySet].sort((a, b) => a - b).join(',');
  if (kd.cache.has(key)) return kd.cache.get(key);
  let n = 0;
  for (const k of kd.located) if (industrySet.has(d.industry[k])) n++;
  let result: boolean | undefined;
  if (n < 2 || n > kd.maxFirms) {
    if (n > kd.maxFirms) kd.notes.push(`K-density not computed for ${[...industrySet].map((i) => d.industries[i]).join('+')}: ${n} establishments > ${kd.maxFirms} (EG γ decides)`);
    result = undefined;
  } else {
    const pattern: PointPattern = pointPattern({
      x: Float64Array.from(kd.located, (k) => d.lon[k]), y: Float64Array.from(kd.located, (k) => d.lat[k]),
      labels: Array.from(kd.located, (k) => (industrySet.has(d.industry[k]) ? 'group' : 'other')), metric: 'haversine',
    });
    try {
      const res = kDensity(pattern, { reference: 'group', rmax: 'third-window', simulations: kd.simulations, seed: kd.seed, alpha: ctx.t.alpha, nullModel: 'random-location' });
      result = (res.value.departures ?? []).some((x) => x.kind === 'localisation');
    } catch (e) {
      kd.notes.push(`K-density not computed for ${[...industrySet].map((i) => d.industries[i]).join('+')}: ${(e as Error).message}`);
      result = undefined;
    }
  }
  kd.cache.set(key, result);
  return result;
}

const group3 = (code: string): string => code.replace(/^[A-Z]/, '').slice(0, 3);

export interface MeasuredCandidate {
  indicators: Indicators;
  place: Place;
  /** Institutions in the place tied to the candidate's firms. */
  institutions: number[];
}

export function measureCandidate(ctx: MeasureContext, c: RawCandidate): MeasuredCandidate {
  const { d, t } = ctx;
  const place = placeOf(ctx, c);
  const firms = c.firms;
  const n = firms.length;
  const member = new Uint8Array(d.firmCount);
  for (const k of firms) member[k] = 1;
  const industrySet = new Set<number>();
  for (const k of firms) if (d.industry[k] >= 0) industrySet.add(d.industry[k]);

  let E = 0, O = 0, rd = 0, rev = 0, external = 0, state = 0, smeEmp = 0, patents = 0;
  let local = 0, sme = 0, inPark = 0, rnd = 0, brand = 0, parkFirmsKnown = 0, afterDesignation = 0;
  let techE = 0, resE = 0, hiE = 0, affiliates = 0, recent = 0, incumbents = 0;
  const recentYears = 5;
  for (const k of firms) {
    const e = emp(d, k);
    E += e;
    O += outp(d, k);
    if (Number.isFinite(d.rdSpend[k])) rd += d.rdSpend[k];
    if (Number.isFinite(d.revenue[k])) rev += d.revenue[k];
    if (d.ownership[k] === OWN.external_domestic || d.ownership[k] === OWN.foreign) external += e;
    if (d.ownership[k] === OWN.state) state += e;
    if (d.ownership[k] === OWN.local) local++;
    if (d.employees[k] < t.smeEmployees) { sme++; smeEmp += e; }
    if (Number.isFinite(d.patents[k])) patents += d.patents[k];
    if (d.park[k] >= 0) {
      inPark++;
      const y = d.parks.designated[d.park[k]];
      if (Number.isFinite(y) && Number.isFinite(d.founded[k])) { parkFirmsKnown++; if (d.founded[k] >= y) afterDesignation++; }
    }
    if ((d.functions[k] & FN.rnd) || d.rdSpend[k] > 0) rnd++;
    if (d.brand[k]) brand++;
    const code = d.industry[k] >= 0 ? d.industries[d.industry[k]] : '';
    if (code) {
      const f = factorIntensity(code);
      if (f === 'technology') techE += e; else if (f === 'resource') resE += e;
      if (industryType(code) === 'high-tech') hiE += e;
    }
    if (d.parent[k] >= 0 && place.firmInside(d.parent[k])) affiliates++;
    if (Number.isFinite(d.founded[k])) {
      if (d.founded[k] > d.currentYear - recentYears) recent++; else incumbents++;
    }
  }
  const conc = groupConcentration(d, firms);

  // location quotient and EG γ of the candidate's industries as one group
  let lq: number | undefined;
  let egGamma: number | undefined;
  let egPValue: number | undefined;
  const wholeEconomy = c.kind === 'industry';
  let groupEmpNational = 0;
  for (const i of industrySet) groupEmpNational += ctx.industryEmp[i];
  if (!wholeEconomy && ctx.totalEmp > 0 && groupEmpNational > 0) {
    let num = 0;
    let den = 0;
    if (c.kind === 'park') {
      for (const k of ctx.parkFirms[c.park]) { den += emp(d, k); if (industrySet.has(d.industry[k])) num += emp(d, k); }
    } else {
      for (const r of place.regions) den += ctx.regionEmp[r];
      for (const i of industrySet) for (const k of ctx.byIndustry[i]) if (d.region[k] >= 0 && place.inRegion[d.region[k]]) num += emp(d, k);
    }
    if (den > 0) lq = num / den / (groupEmpNational / ctx.totalEmp);
  }
  if (industrySet.size > 0 && groupEmpNational > 0) {
    const R = d.regions.code.length;
    const values = new Float64Array(R * 2);
    for (let r = 0; r < R; r++) values[2 * r + 1] = ctx.regionEmp[r];
    let cnt = 0, s1 = 0, s2 = 0, s4 = 0;
    for (const i of industrySet) {
      for (const k of ctx.byIndustry[i]) {
        const e = emp(d, k);
        if (d.region[k] < 0) continue;
        values[2 * d.region[k]] += e;
        values[2 * d.region[k] + 1] -= e;
        cnt++; s1 += e; s2 += e * e; s4 += e * e * e * e;
      }
    }
    for (let r = 0; r < R; r++) values[2 * r + 1] = Math.max(0, values[2 * r + 1]);
    const other = { count: 0, sum: 0, sumSquares: 0, sumFourth: 0 };
    for (let r = 0; r < R; r++) other.sum += values[2 * r + 1];
    try {
      const eg = ellisonGlaeser(
        { regions: d.regions.code, industries: ['group', 'other'], values, variable: 'employment' },
        { industries: ['group', 'other'], count: Float64Array.of(cnt, 1), sum: Float64Array.of(s1, other.sum), sumSquares: Float64Array.of(s2, other.sum * other.sum), sumFourth: Float64Array.of(s4, other.sum ** 4) },
      );
      if (Number.isFinite(eg.value.gamma[0])) egGamma = eg.value.gamma[0];
      if (Number.isFinite(eg.value.pValue[0])) egPValue = eg.value.pValue[0];
    } catch {
      // degenerate (one region holds everything): γ stays unmeasured and the evidence says so
    }
  }

  const kdLocalised = kdLocalisedOf(ctx, industrySet);

  // ties
  let chainTies = 0, localTies = 0, allTies = 0, innovationLocal = 0, chainValue = 0, chainValueOut = 0;
  let techIn = 0, techOut = 0;
  const stagePairs = new Set<string>();
  const suppliers = new Set<number>();
  const members = new Set<number>();
  const spinoffs = new Set<number>();
  const instLinkedFirms = new Set<number>();
  const insts = new Set<number>();
  const oemOutside = new Set<number>();
  const fieldTies = new Map<string, number>();
  const seen = new Set<number>();
  // leaders: firms with R&D and marketing functions beyond SME size, and the large plants of their groups
  const leadsItself = (k: number): boolean => (d.functions[k] & (FN.rnd | FN.marketing)) === (FN.rnd | FN.marketing) && d.employees[k] >= t.smeEmployees;
  const isLeader = (k: number): boolean => leadsItself(k) || (d.employees[k] >= t.smeEmployees && leadsItself(groupRoot(d, k)));
  // the largest enterprise group, and the firms tied to it
  const groupOutput = new Map<number, number>();
  for (const k of firms) { const g = groupRoot(d, k); groupOutput.set(g, (groupOutput.get(g) ?? 0) + outp(d, k)); }
  const topGroup = [...groupOutput.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? -1;
  const tiedToCore = new Set<number>();
  let leaders = 0, leaderLocalTies = 0;
  for (const k of firms) if (isLeader(k)) leaders++;
  for (const k of firms) {
    for (let q = ctx.adjStart[k]; q < ctx.adjStart[k + 1]; q++) {
      const l = ctx.adjLinks[q];
      const a = d.links.source[l];
      const b = d.links.target[l];
      const other = a === k ? b : a;
      const type = d.links.type[l];
      const both = other >= 0 && member[other] === 1;
      // a tie between two candidate firms is met twice: count it once
      if (both && seen.has(l)) continue;
      if (both) seen.add(l);
      if (other < 0) {
        const j = -other - 1;
        const inside = place.institutionInside(j);
        if (inside) { insts.add(j); instLinkedFirms.add(k); }
        if (type === LT.membership && (d.institutions.type[j] === 'chamber' || d.institutions.type[j] === 'association')) members.add(k);
        if (INNOVATION.has(type)) {
          if (inside) innovationLocal++;
          else if (a === k) techOut++; else techIn++;
        }
        continue;
      }
      if (!BUSINESS.has(type)) continue;
      if (both) {
        const gk = groupRoot(d, k);
        const go = groupRoot(d, other);
        if (go === topGroup && gk !== topGroup) tiedToCore.add(k);
        if (gk === topGroup && go !== topGroup) tiedToCore.add(other);
      }
      allTies++;
      const otherInside = place.firmInside(other);
      if (otherInside) localTies++;
      if (both) { allTies++; localTies++; }
      if (INNOVATION.has(type)) {
        if (otherInside) innovationLocal++;
        else if (a === k) techOut++; else techIn++;
      }
      if (type === LT.spinoff && b === k && otherInside) spinoffs.add(k);
      if (both && type === LT.spinoff) spinoffs.add(b);
      if (CHAIN.has(type)) {
        const v = Number.isFinite(d.links.value[l]) ? d.links.value[l] : 1;
        chainValue += v;
        if (!otherInside) chainValueOut += v;
        if (a === k && otherInside) suppliers.add(k);
        if (both) suppliers.add(a);
        if (type === LT.subcontract && !otherInside && b === k) oemOutside.add(a);
        if (d.industry[other] >= 0 && industrySet.has(d.industry[other])) {
          chainTies++;
          const ga = group3(d.industries[d.industry[k]] ?? '');
          const gb = group3(d.industries[d.industry[other]]);
          if (ga !== gb) { stagePairs.add(ga); stagePairs.add(gb); }
        }
      }
      if (both && d.industry[k] !== d.industry[other] && d.industry[k] >= 0 && d.industry[other] >= 0) {
        const key = [d.industries[d.industry[k]], d.industries[d.industry[other]]].sort().join('|');
        fieldTies.set(key, (fieldTies.get(key) ?? 0) + 1);
      }
      if (isLeader(k) && otherInside && d.employees[other] < t.smeEmployees) leaderLocalTies++;
      else if (both && isLeader(other) && d.employees[k] < t.smeEmployees) leaderLocalTies++;
    }
  }

  // Porter's related field: industries joined by a shared division or by ties
  const inds = [...industrySet].map((i) => d.industries[i]);
  const indEmp = new Map<string, number>();
  const indFirms = new Map<string, number>();
  for (const k of firms) {
    if (d.industry[k] < 0) continue;
    const code = d.industries[d.industry[k]];
    indEmp.set(code, (indEmp.get(code) ?? 0) + emp(d, k));
    indFirms.set(code, (indFirms.get(code) ?? 0) + 1);
  }
  const parent = new Map(inds.map((c0) => [c0, c0]));
  const find = (x: string): string => { while (parent.get(x) !== x) x = parent.get(x)!; return x; };
  const join = (x: string, y: string): void => { const rx = find(x); const ry = find(y); if (rx !== ry) parent.set(rx < ry ? ry : rx, rx < ry ? rx : ry); };
  for (let a = 0; a < inds.length; a++) {
    for (let b = a + 1; b < inds.length; b++) {
      const x = inds[a];
      const y = inds[b];
      const ties = fieldTies.get([x, y].sort().join('|')) ?? 0;
      const small = Math.min(indFirms.get(x) ?? 0, indFirms.get(y) ?? 0);
      if (x.replace(/^[A-Z]/, '').slice(0, 2) === y.replace(/^[A-Z]/, '').slice(0, 2) || (small > 0 && ties / small >= t.mergeTiesPerFirm)) join(x, y);
    }
  }
  const fieldEmp = new Map<string, number>();
  for (const [code, e] of indEmp) fieldEmp.set(find(code), (fieldEmp.get(find(code)) ?? 0) + e);
  const dominantFieldShare = E > 0 ? Math.max(0, ...fieldEmp.values()) / E : undefined;

  // labour intensity against the other industries in the place's regions
  // (the regions' totals less the candidate's industries there)
  let benchEmp = 0, benchOut = 0;
  for (const r of place.regions) { benchEmp += ctx.regionEmpWithOutput[r]; benchOut += ctx.regionOutput[r]; }
  for (const i of industrySet) {
    for (const k of ctx.byIndustry[i]) {
      if (d.region[k] < 0 || !place.inRegion[d.region[k]]) continue;
      const o = outp(d, k);
      if (o > 0) { benchEmp -= emp(d, k); benchOut -= o; }
    }
  }
  let groupSize = 0;
  for (const k of firms) if (groupRoot(d, k) === topGroup) groupSize++;
  const labourRatio = O > 0 && benchOut > 0 && benchEmp > 0 ? (E / O) / (benchEmp / benchOut) : undefined;

  const x: Indicators = {
    firms: n,
    employment: E,
    cr1: conc.cr1, cr4: conc.cr4, hhi: conc.hhi,
    lq, egGamma, egPValue, kdLocalised,
    wholeEconomy: wholeEconomy || undefined,
    chainLinksPerFirm: n ? chainTies / n : undefined,
    chainStagesLinked: stagePairs.size,
    parkShare: n ? inPark / n : undefined,
    externalShare: E > 0 ? external / E : undefined,
    outflowShare: chainValue > 0 ? chainValueOut / chainValue : undefined,
    dominantFieldShare,
    localTiesPerFirm: n ? localTies / n : undefined,
    localLinkShare: allTies > 0 ? localTies / allTies : 0,
    institutionTypes: new Set([...insts].map((j) => d.institutions.type[j])).size,
    institutionLinkedShare: n ? instLinkedFirms.size / n : undefined,
    localOwnershipShare: n ? local / n : undefined,
    smeShare: n ? sme / n : undefined,
    supplierShare: n ? suppliers.size / n : undefined,
    innovationTiesPerFirm: n ? innovationLocal / n : undefined,
    patentsPerFirm: n ? patents / n : undefined,
    benchmarkPatentsPerFirm: Number.isFinite(ctx.patentsPerFirm) ? ctx.patentsPerFirm : undefined,
    rndShare: n ? rnd / n : undefined,
    memberShare: n ? members.size / n : undefined,
    spinoffShare: n ? spinoffs.size / n : undefined,
    entryRate: incumbents > 0 ? recent / recentYears / incumbents : undefined,
    technologyShare: E > 0 ? techE / E : undefined,
    resourceShare: E > 0 ? resE / E : undefined,
    highTechShare: E > 0 ? hiE / E : undefined,
    rdIntensity: rev > 0 ? rd / rev : undefined,
    labourIntensityRatio: labourRatio,
    foundedAfterDesignationShare: parkFirmsKnown > 0 ? afterDesignation / parkFirmsKnown : undefined,
    stateShare: E > 0 ? state / E : undefined,
    affiliateShare: n ? affiliates / n : undefined,
    smeEmploymentShare: E > 0 ? smeEmp / E : undefined,
    coreTiedShare: n - groupSize > 0 ? tiedToCore.size / (n - groupSize) : undefined,
    techInflow: techIn,
    techOutflow: techOut,
    leaders,
    leaderLocalTies,
    oemInboundShare: n ? oemOutside.size / n : undefined,
    brandShare: n ? brand / n : undefined,
  };
  return { indicators: x, place, institutions: [...insts].sort((a, b) => a - b) };
}
