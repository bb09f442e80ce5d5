/**
 * Discovery step 1 — parks: every designated park with firms is a candidate of the firms of its
 * related field — Porter's element-1 rule (measure/field.ts `relatedFields`: the park's
 * industries joined when they share a division or are tied at mergeTiesPerFirm, counting only
 * ties of industry pairs significant against chance), the field with the most employment. The park's other firms (a polygon also holds the petrol station, the
 * canteen and unrelated workshops) are not members and do not dilute the candidate's
 * indicators; they are counted beside it (`alsoInPark`, "also in the park: N firms of other
 * industries") and stay with the park (taken: they form no other candidate here). Firms outside
 * the study area are never members.
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { dominantField, fieldTiesOf, relatedFields } from '../measure/field.js';
import { forEachBusinessTie, hullOf, sortedIndustries } from './firm-sets.js';
import { isStructured, tieStructure } from './tie-structure.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

/** The park candidates, in park order; every firm of the park is marked in `taken`. */
export function parkCandidates(d: DiagnosisData, t: Thresholds, taken: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const parkFirms: number[][] = d.parks.id.map(() => []);
  for (let k = 0; k < d.firmCount; k++) if (d.park[k] >= 0 && d.inArea[k]) parkFirms[d.park[k]].push(k);
  const s = tieStructure(d, t);
  const out: RawCandidate[] = [];
  parkFirms.forEach((all, p) => {
    if (all.length === 0) return;
    for (const k of all) taken[k] = 1;
    // industries join a field through ties that are structure, not chance (tie-structure.ts): a
    // few random ties must not make the petrol station part of the dyers' field
    const fields = relatedFields(d, t, all, fieldTiesOf(d, all, (visit) => forEachBusinessTie(d, (a, b) => { if (isStructured(s, a, b)) visit(a, b); })));
    const main = dominantField(fields);
    // a park whose firms have no known industry keeps them all (no field to judge by)
    const firms = main === null ? all : all.filter((k) => d.industry[k] >= 0 && fields.fieldOf.get(d.industries[d.industry[k]]) === main);
    out.push({ kind: 'park', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park: p, hull: hullOf(d, firms), alsoInPark: all.length - firms.length });
    stats.parks++;
  });
  return out;
}
