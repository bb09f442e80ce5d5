/**
 * Discovery step 4 — concentrated industries: every industry group (GB/T 中类, the code's
 * first three digits) with at least industryMinFirms establishments whose enterprise groups are
 * concentrated (CR4 ≥ cr4Concentrated or HHI ≥ hhiConcentrated, plants rolled up to their
 * parent; `groupConcentration`) and whose employment is mostly outside the parks, hotspots,
 * regions and multi-group networks already found: the industry wherever it is.
 *
 * "Mostly outside" is judged on the employment of the group's firms with known employees; a
 * firm of unknown employment weighs in neither the numerator nor the denominator.
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { groupConcentration } from '../enterprise-groups.js';
import { hullOf, industryGroup } from './firm-sets.js';
import type { DiscoveryStats, RawCandidate } from './types.js';

const known = (d: DiagnosisData, k: number): number => (Number.isFinite(d.employees[k]) ? d.employees[k] : 0);

/** The industry candidates in order of the group code; `inSpatial` marks the firms of the candidates found before. */
export function industryCandidates(d: DiagnosisData, t: Thresholds, inSpatial: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const groupFirms = new Map<string, number[]>();
  for (let k = 0; k < d.firmCount; k++) {
    if (d.industry[k] < 0) continue;
    const g = industryGroup(d.industries[d.industry[k]]);
    const list = groupFirms.get(g);
    if (list) list.push(k); else groupFirms.set(g, [k]);
  }
  const out: RawCandidate[] = [];
  for (const [g, firms] of [...groupFirms.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (firms.length < t.industryMinFirms) continue;
    const c = groupConcentration(d, firms);
    if (!(c.cr4 >= t.cr4Concentrated || c.hhi >= t.hhiConcentrated)) continue;
    let e = 0;
    let eSpatial = 0;
    for (const k of firms) { e += known(d, k); if (inSpatial[k]) eSpatial += known(d, k); }
    if (e > 0 && eSpatial / e >= 0.5) {
      stats.dropped.push(`industry group ${g}: concentrated (CR4 ${c.cr4.toFixed(2)}) but ${Math.round((100 * eSpatial) / e)}% of its employment is in the parks, hotspots and networks found`);
      continue;
    }
    out.push({ kind: 'industry', firms: Int32Array.from(firms), industries: [g], park: -1, hull: hullOf(d, firms) });
  }
  stats.industries = out.length;
  return out;
}
