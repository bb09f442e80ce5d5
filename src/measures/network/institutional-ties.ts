/**
 * Institutional ties of a place: for each institution type (chamber of commerce, association,
 * bank, university, …), how many institutions there are inside, how many links they have with
 * firms inside, and what share of the inside firms is tied to at least one of them.
 *
 *   reachᵗ = |{firms i inside : i linked (either direction) to an inside institution of type t}| / F
 *
 * F: firms inside the place. The seed's third cluster element (a complex whole with chambers,
 * associations, banks, intermediaries) is present when several types reach many firms.
 * Also `anyReach` (share of inside firms tied to any inside institution). Degenerate: no firm
 * inside → reach NaN with a warning. Time O(n + links).
 * Reference: Porter, M. E. (1998) "Clusters and the new economics of competition", Harvard
 * Business Review 76(6):77–90; Amin, A. & Thrift, N. (1994) Globalization, Institutions and
 * Regional Development in Europe, Oxford UP (institutional thickness).
 * Cross-checked: hand-derived counts on the shared test graph (test/network.test.ts).
 */
import type { MeasureResult } from '../result.js';
import { FIRM, INSTITUTION, LINK_TYPES, type FirmNetwork } from './types.js';

export interface InstitutionTypeTies { type: string; institutions: number; links: number; firmsTied: number; reach: number; linksByType: Record<string, number> }
export interface InstitutionalTiesValue { byType: InstitutionTypeTies[]; firms: number; anyReach: number }

export function institutionalTies(net: FirmNetwork): MeasureResult<InstitutionalTiesValue> {
  const N = net.ids.length;
  const stats = new Map<string, { institutions: number; links: number; tied: Set<number>; linksByType: Record<string, number> }>();
  const get = (t: string) => {
    let s = stats.get(t);
    if (!s) { s = { institutions: 0, links: 0, tied: new Set(), linksByType: {} }; stats.set(t, s); }
    return s;
  };
  let firms = 0;
  for (let i = 0; i < N; i++) {
    if (!net.inside[i]) continue;
    if (net.kind[i] === FIRM) firms++;
    else get(net.institutionType[i] ?? 'unknown').institutions++;
  }
  const any = new Set<number>();
  for (let k = 0; k < net.source.length; k++) {
    const s = net.source[k];
    const t = net.target[k];
    if (!net.inside[s] || !net.inside[t]) continue;
    let inst = -1;
    let firm = -1;
    if (net.kind[s] === INSTITUTION && net.kind[t] === FIRM) { inst = s; firm = t; } else if (net.kind[t] === INSTITUTION && net.kind[s] === FIRM) { inst = t; firm = s; } else continue;
    const st = get(net.institutionType[inst] ?? 'unknown');
    st.links++;
    st.tied.add(firm);
    any.add(firm);
    const lt = LINK_TYPES[net.type[k]];
    st.linksByType[lt] = (st.linksByType[lt] ?? 0) + 1;
  }
  const byType = [...stats.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([type, s]) => ({
    type, institutions: s.institutions, links: s.links, firmsTied: s.tied.size, reach: firms ? s.tied.size / firms : Number.NaN, linksByType: s.linksByType,
  }));
  return {
    value: { byType, firms, anyReach: firms ? any.size / firms : Number.NaN }, n: firms,
    warnings: firms ? [] : ['institutionalTies: no firm inside the place'],
    provenance: { measure: 'institutionalTies', options: {}, references: ['Porter, M. E. (1998) Harvard Business Review 76(6):77–90', 'Amin, A. & Thrift, N. (1994) Globalization, Institutions and Regional Development in Europe, Oxford UP'] },
  };
}
