/**
 * Discovery step 4 — concentrated industries, at every level of the classification: for each
 * level from the most specific — class (GB/T 小类, four digits), group (中类, three), division
 * (大类, two) — every code with at least industryMinFirms establishments whose enterprise groups
 * are concentrated (CR4 ≥ cr4Concentrated or HHI ≥ hhiConcentrated, plants rolled up to their
 * parent; `groupConcentration`). The most specific concentrated level is kept: a class
 * concentrated inside a spread-out group is found as the class, and its firms are left out when
 * the group (and then the division) is judged, so no firm is counted in two concentrated
 * candidates, and a group is not "concentrated" merely because it holds a concentrated class.
 *
 * A concentrated code whose employment is mostly inside the parks, hotspots, regions and
 * multi-group networks already found is left to them (its firms still count as explained for
 * the broader levels); "mostly" is judged on the firms with known employees (a firm of unknown
 * employment weighs in neither the numerator nor the denominator). Firms outside the study area
 * are in no level's firms. The candidate names its level (`level`), and its indicators carry the
 * code's digits (`concentrationLevel`).
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { groupConcentration } from '../enterprise-groups.js';
import { hullOf } from './firm-sets.js';
import type { DiscoveryStats, IndustryLevel, RawCandidate } from './types.js';

const known = (d: DiagnosisData, k: number): number => (Number.isFinite(d.employees[k]) ? d.employees[k] : 0);

/** The levels judged, most specific first, with their code lengths (section letter dropped). */
export const INDUSTRY_LEVELS: readonly { level: IndustryLevel; digits: number }[] = [
  { level: 'class', digits: 4 }, { level: 'group', digits: 3 }, { level: 'division', digits: 2 },
];

/** The industry candidates, class level first, each level in code order; `inSpatial` marks the firms of the candidates found before. */
export function industryCandidates(d: DiagnosisData, t: Thresholds, inSpatial: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const codes = d.industries.map((c) => c.replace(/^[A-Z]/, ''));
  const explained = new Uint8Array(d.firmCount);
  const out: RawCandidate[] = [];
  for (const { level, digits } of INDUSTRY_LEVELS) {
    const byCode = new Map<string, number[]>();
    for (let k = 0; k < d.firmCount; k++) {
      if (d.industry[k] < 0 || !d.inArea[k] || explained[k]) continue;
      const code = codes[d.industry[k]];
      if (code.length < digits) continue;
      const key = code.slice(0, digits);
      const list = byCode.get(key);
      if (list) list.push(k); else byCode.set(key, [k]);
    }
    const found: number[][] = [];
    for (const [g, firms] of [...byCode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (firms.length < t.industryMinFirms) continue;
      const c = groupConcentration(d, firms);
      if (!(c.cr4 >= t.cr4Concentrated || c.hhi >= t.hhiConcentrated)) continue;
      found.push(firms);
      let e = 0;
      let eSpatial = 0;
      for (const k of firms) { e += known(d, k); if (inSpatial[k]) eSpatial += known(d, k); }
      if (e > 0 && eSpatial / e >= 0.5) {
        stats.dropped.push(`industry ${level} ${g}: concentrated (CR4 ${c.cr4.toFixed(2)}) but ${Math.round((100 * eSpatial) / e)}% of its employment is in the parks, hotspots and networks found`);
        continue;
      }
      out.push({ kind: 'industry', firms: Int32Array.from(firms), industries: [g], park: -1, hull: hullOf(d, firms), level });
    }
    // the firms of this level's concentrated codes are explained: broader levels judge the rest
    for (const firms of found) for (const k of firms) explained[k] = 1;
  }
  stats.industries = out.length;
  return out;
}
