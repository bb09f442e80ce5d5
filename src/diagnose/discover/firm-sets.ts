/**
 * Small facts about a set of firms that every discovery step needs: its centre, the radius that
 * holds 90% of it, its convex hull, its industries by employment, the business ties of the
 * data, and the industry group (GB/T 中类) of a firm.
 */
import { convexHull } from '../../core/geo/convex-hull.js';
import { haversineKm } from '../../core/geo/haversine-km.js';
import { BUSINESS, type DiagnosisData } from '../data.js';

/** Mean [lon, lat] of the firms (all must be located). */
export function centerOf(d: DiagnosisData, members: ArrayLike<number>): [number, number] {
  let x = 0;
  let y = 0;
  for (let k = 0; k < members.length; k++) { x += d.lon[members[k]]; y += d.lat[members[k]]; }
  return [x / members.length, y / members.length];
}

/** Great-circle km from `c` within which 90% of the firms lie. */
export function radius90(d: DiagnosisData, members: ArrayLike<number>, c: [number, number]): number {
  const r = Array.from(members, (k) => haversineKm(c[0], c[1], d.lon[k], d.lat[k])).sort((a, b) => a - b);
  return r[Math.min(r.length - 1, Math.floor(0.9 * (r.length - 1)))];
}

/**
 * Industry codes of the firms, the largest employment first (ties: more firms first, then the
 * code). The order only ranks the industries: a firm of unknown employment adds no employment
 * and still counts as a firm for the tie-break.
 */
export function sortedIndustries(d: DiagnosisData, firms: ArrayLike<number>): string[] {
  const e = new Map<number, number>();
  for (let t = 0; t < firms.length; t++) {
    const k = firms[t];
    const i = d.industry[k];
    if (i < 0) continue;
    const known = Number.isFinite(d.employees[k]) && d.employees[k] > 0 ? d.employees[k] : 0;
    e.set(i, (e.get(i) ?? 0) + known + 1e-9);
  }
  return [...e.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([i]) => d.industries[i]);
}

/** Convex hull of the located firms, null below three distinct points. */
export function hullOf(d: DiagnosisData, firms: ArrayLike<number>): [number, number][] | null {
  const pts: [number, number][] = [];
  for (let t = 0; t < firms.length; t++) if (Number.isFinite(d.lon[firms[t]]) && Number.isFinite(d.lat[firms[t]])) pts.push([d.lon[firms[t]], d.lat[firms[t]]]);
  const h = convexHull(pts);
  return h.length >= 3 ? h : null;
}

/** Calls `visit(a, b)` for every business tie between two firms (institution ends skipped), in link order. */
export function forEachBusinessTie(d: DiagnosisData, visit: (a: number, b: number) => void): void {
  for (let l = 0; l < d.links.source.length; l++) {
    if (!BUSINESS.has(d.links.type[l])) continue;
    const a = d.links.source[l];
    const b = d.links.target[l];
    if (a < 0 || b < 0) continue;
    visit(a, b);
  }
}

/** The industry group (GB/T 中类: the code's first three digits, section letter dropped) of a code. */
export const industryGroup = (code: string): string => code.replace(/^[A-Z]/, '').slice(0, 3);

/** The industry group of firm k, '' when its industry is unknown. */
export const groupOfFirm = (d: DiagnosisData, k: number): string => (d.industry[k] >= 0 ? industryGroup(d.industries[d.industry[k]]) : '');

/** Sorted firm indices of a 0/1 membership column. */
export function membersOf(flags: Uint8Array): number[] {
  const firms: number[] = [];
  for (let k = 0; k < flags.length; k++) if (flags[k]) firms.push(k);
  return firms;
}
