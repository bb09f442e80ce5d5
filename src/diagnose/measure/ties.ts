/**
 * The tie indicators of a candidate, in one pass over its firms' incident links: local and
 * chain ties, institutions, spin-offs, suppliers, OEM makers outside, technology flows across
 * the place's boundary, ties to the largest enterprise group and leaders' ties to local SMEs.
 * Chain ties count only on industry-group pairs significant against chance (tie-structure.ts).
 * Firms outside the study area are never inside a place: their ties are outflow, external ties,
 * OEM inbound and technology inflow.
 *
 * Leaders are firms with R&D and marketing functions and at least smeEmployees employees, and
 * the plants of that size of their groups; a firm of unknown employment is neither a leader nor
 * an SME here.
 */
import type { Thresholds } from '../config.js';
import { BUSINESS, CHAIN, FN, INNOVATION, LT, type DiagnosisData } from '../data.js';
import { industryGroup } from '../discover/firm-sets.js';
import { isStructured, tieStructure } from '../discover/tie-structure.js';
import { groupRoot } from '../enterprise-groups.js';
import type { MeasureContext } from './context.js';
import { positiveOutput } from './context.js';
import type { Place } from './place.js';

export interface TieCounts {
  chainTies: number;
  localTies: number;
  allTies: number;
  innovationLocal: number;
  chainValue: number;
  chainValueOut: number;
  techIn: number;
  techOut: number;
  /** Industry groups at the ends of structured chain ties that join two different groups, and those ties by "from>to" group (source supplies target). */
  stagePairs: Set<string>;
  stageFlows: Map<string, number>;
  suppliers: Set<number>;
  members: Set<number>;
  spinoffs: Set<number>;
  instLinkedFirms: Set<number>;
  /** Institutions in the place tied to the candidate's firms. */
  institutions: Set<number>;
  oemOutside: Set<number>;
  /** Business ties between two of the candidate's firms of different industries, by "codeA|codeB" (sorted). */
  fieldTies: Map<string, number>;
  /** Firms outside the largest enterprise group tied to its plants; the group's size in firms. */
  tiedToCore: Set<number>;
  topGroupFirms: number;
  leaders: number;
  leaderLocalTies: number;
}

/** Leader test: R&D and marketing beyond SME size, or a plant of that size of a leader's group. */
function leaderTest(d: DiagnosisData, t: Thresholds): (k: number) => boolean {
  const leadsItself = (k: number): boolean => (d.functions[k] & (FN.rnd | FN.marketing)) === (FN.rnd | FN.marketing) && d.employees[k] >= t.smeEmployees;
  return (k) => leadsItself(k) || (d.employees[k] >= t.smeEmployees && leadsItself(groupRoot(d, k)));
}

/** The enterprise group with the largest output among the firms (ties: the lowest root), −1 when none. */
function largestGroup(d: DiagnosisData, firms: Int32Array): number {
  const groupOutput = new Map<number, number>();
  for (const k of firms) { const g = groupRoot(d, k); groupOutput.set(g, (groupOutput.get(g) ?? 0) + positiveOutput(d, k)); }
  return [...groupOutput.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? -1;
}

export function tieCounts(ctx: MeasureContext, firms: Int32Array, member: Uint8Array, place: Place, industrySet: Set<number>): TieCounts {
  const { d, t } = ctx;
  const x: TieCounts = {
    chainTies: 0, localTies: 0, allTies: 0, innovationLocal: 0, chainValue: 0, chainValueOut: 0, techIn: 0, techOut: 0,
    stagePairs: new Set(), stageFlows: new Map(), suppliers: new Set(), members: new Set(), spinoffs: new Set(), instLinkedFirms: new Set(), institutions: new Set(),
    oemOutside: new Set(), fieldTies: new Map(), tiedToCore: new Set(), topGroupFirms: 0, leaders: 0, leaderLocalTies: 0,
  };
  const isLeader = leaderTest(d, t);
  const structure = tieStructure(d, t);
  const topGroup = largestGroup(d, firms);
  for (const k of firms) {
    if (isLeader(k)) x.leaders++;
    if (groupRoot(d, k) === topGroup) x.topGroupFirms++;
  }
  const seen = new Set<number>();
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
        if (inside) { x.institutions.add(j); x.instLinkedFirms.add(k); }
        if (type === LT.membership && (d.institutions.type[j] === 'chamber' || d.institutions.type[j] === 'association')) x.members.add(k);
        if (INNOVATION.has(type)) {
          if (inside) x.innovationLocal++;
          else if (a === k) x.techOut++; else x.techIn++;
        }
        continue;
      }
      if (!BUSINESS.has(type)) continue;
      if (both) {
        const gk = groupRoot(d, k);
        const go = groupRoot(d, other);
        if (go === topGroup && gk !== topGroup) x.tiedToCore.add(k);
        if (gk === topGroup && go !== topGroup) x.tiedToCore.add(other);
      }
      x.allTies++;
      const otherInside = place.firmInside(other);
      if (otherInside) x.localTies++;
      if (both) { x.allTies++; x.localTies++; }
      if (INNOVATION.has(type)) {
        if (otherInside) x.innovationLocal++;
        else if (a === k) x.techOut++; else x.techIn++;
      }
      if (type === LT.spinoff && b === k && otherInside) x.spinoffs.add(k);
      if (both && type === LT.spinoff) x.spinoffs.add(b);
      if (CHAIN.has(type)) {
        const v = Number.isFinite(d.links.value[l]) ? d.links.value[l] : 1;
        x.chainValue += v;
        if (!otherInside) x.chainValueOut += v;
        if (a === k && otherInside) x.suppliers.add(k);
        if (both) x.suppliers.add(a);
        if (type === LT.subcontract && !otherInside && b === k) x.oemOutside.add(a);
        // only ties of an industry-group pair significant against chance (tie-structure.ts) make a chain
        if (d.industry[other] >= 0 && industrySet.has(d.industry[other]) && isStructured(structure, a, b)) {
          x.chainTies++;
          const ga = industryGroup(d.industries[d.industry[a]] ?? '');
          const gb = industryGroup(d.industries[d.industry[b]] ?? '');
          if (ga !== gb) {
            x.stagePairs.add(ga); x.stagePairs.add(gb);
            x.stageFlows.set(`${ga}>${gb}`, (x.stageFlows.get(`${ga}>${gb}`) ?? 0) + 1);
          }
        }
      }
      if (both && d.industry[k] !== d.industry[other] && d.industry[k] >= 0 && d.industry[other] >= 0) {
        const key = [d.industries[d.industry[k]], d.industries[d.industry[other]]].sort().join('|');
        x.fieldTies.set(key, (x.fieldTies.get(key) ?? 0) + 1);
      }
      if (isLeader(k) && otherInside && d.employees[other] < t.smeEmployees) x.leaderLocalTies++;
      else if (both && isLeader(other) && d.employees[k] < t.smeEmployees) x.leaderLocalTies++;
    }
  }
  return x;
}
