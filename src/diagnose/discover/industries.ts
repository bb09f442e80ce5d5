/**
 * Discovery step 4 — concentrated industries, at every level of the classification: for each
 * level from the most specific — class (GB/T 小类, four digits), group (中类, three), division
 * (大类, two) — every code with at least industryMinFirms establishments whose enterprise groups
 * are concentrated (CR4 ≥ cr4Concentrated or HHI ≥ hhiConcentrated, plants rolled up to their
 * parent; `groupConcentration`). The most specific concentrated level is kept, and no firm is
 * counted in two concentrated industries:
 *
 * - a code at a broader level that holds concentrated codes of a more specific level is judged
 *   on its other firms only: a class concentrated inside a spread-out group is found as the
 *   class, and the group is not "concentrated" merely because it holds that class;
 * - except when it holds two or more concentrated codes and is itself concentrated over all its
 *   firms: then a few groups dominate several neighbouring products (refrigerators, air
 *   conditioners and washing machines of three appliance groups) — one oligopoly, and the
 *   broader code is the one concentrated industry, replacing its codes (noted). One concentrated
 *   class in a group is never merged: the group is then judged on its other firms.
 *
 * A concentrated code whose employment is mostly (≥ 50%) inside the parks, hotspots, regions
 * and multi-group networks already found is left to them (noted) as soon as it is found, and
 * its firms are in no broader level; "mostly" is judged on the firms with known employees (a
 * firm of unknown employment weighs in neither the numerator nor the denominator). Firms
 * outside the study area are in no level's firms. The candidate names its level (`level`), and
 * its indicators carry the code's digits (`concentrationLevel`).
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

interface Concentrated { code: string; level: IndustryLevel; firms: number[]; cr4: number }

/** The industry candidates in order of level (class first), then code; `inSpatial` marks the firms of the candidates found before. */
export function industryCandidates(d: DiagnosisData, t: Thresholds, inSpatial: Uint8Array, stats: DiscoveryStats): RawCandidate[] {
  const codes = d.industries.map((c) => c.replace(/^[A-Z]/, ''));
  const concentrated = (firms: number[]): { yes: boolean; cr4: number } => {
    if (firms.length < t.industryMinFirms) return { yes: false, cr4: Number.NaN };
    const c = groupConcentration(d, firms);
    return { yes: c.cr4 >= t.cr4Concentrated || c.hhi >= t.hhiConcentrated, cr4: c.cr4 };
  };
  // firms of a concentrated code left to the spatial candidates: explained, in no broader level
  const explained = new Uint8Array(d.firmCount);
  /** Whether a concentrated code is mostly (employment) in the candidates found before: then it is left to them. */
  const leftToSpatial = (c: Concentrated): boolean => {
    let e = 0;
    let eSpatial = 0;
    for (const k of c.firms) { e += known(d, k); if (inSpatial[k]) eSpatial += known(d, k); }
    if (!(e > 0 && eSpatial / e >= 0.5)) return false;
    stats.dropped.push(`industry ${c.level} ${c.code}: concentrated (CR4 ${c.cr4.toFixed(2)}) but ${Math.round((100 * eSpatial) / e)}% of its employment is in the parks, hotspots and networks found`);
    for (const k of c.firms) explained[k] = 1;
    return true;
  };
  let found: Concentrated[] = [];
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
    const next: Concentrated[] = [];
    for (const [g, all] of [...byCode.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const inside = found.filter((c) => c.code.length > g.length && c.code.startsWith(g));
      if (inside.length >= 2) {
        // several concentrated codes in one broader code that is concentrated over all its firms:
        // one oligopoly across products, judged as the broader code
        const whole = concentrated(all);
        if (whole.yes) {
          const codesIn = new Set(inside.map((c) => c.code));
          found = found.filter((c) => !codesIn.has(c.code));
          stats.dropped.push(`industry codes ${[...codesIn].join(', ')}: each concentrated, and so is their ${level} ${g} as a whole (CR4 ${whole.cr4.toFixed(2)}): diagnosed as the ${level}`);
          const c: Concentrated = { code: g, level, firms: all, cr4: whole.cr4 };
          if (!leftToSpatial(c)) next.push(c);
          continue;
        }
      }
      const taken = new Set(inside.flatMap((c) => c.firms));
      const rest = taken.size === 0 ? all : all.filter((k) => !taken.has(k));
      const r = concentrated(rest);
      if (!r.yes) continue;
      const c: Concentrated = { code: g, level, firms: rest, cr4: r.cr4 };
      if (!leftToSpatial(c)) next.push(c);
    }
    found.push(...next);
  }
  const out: RawCandidate[] = found.map((c) => {
    const firms = c.firms.slice().sort((a, b) => a - b);
    return { kind: 'industry', firms: Int32Array.from(firms), industries: [c.code], park: -1, hull: hullOf(d, firms), level: c.level };
  });
  stats.industries = out.length;
  return out;
}
