/**
 * Which sets of firms work together: the merging rule that hotspots and region cells share.
 */
import { UnionFind } from '../../core/union-find.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { forEachBusinessTie } from './firm-sets.js';

/**
 * Groups of tied sets of firms: sets a and b join when `near(a, b)` and their business ties —
 * direct ties between them, plus firms outside every set tied to both (shared suppliers or
 * customers: the tanneries that supply garment and bag makers alike) — reach mergeTiesPerFirm
 * per firm of the smaller set. Returns the groups (set indices), each sorted, in order of
 * their first set. Time O(links + shared partners²).
 */
export function tiedGroups(d: DiagnosisData, sets: readonly (readonly number[])[], near: (a: number, b: number) => boolean, t: Thresholds): number[][] {
  const S = sets.length;
  const setOf = new Int32Array(d.firmCount).fill(-1);
  sets.forEach((firms, j) => { for (const k of firms) setOf[k] = j; });
  const ties = new Map<number, number>();
  const add = (a: number, b: number): void => {
    const key = Math.min(a, b) * S + Math.max(a, b);
    ties.set(key, (ties.get(key) ?? 0) + 1);
  };
  const partners = new Map<number, Set<number>>();
  forEachBusinessTie(d, (a, b) => {
    if (setOf[a] >= 0 && setOf[b] >= 0 && setOf[a] !== setOf[b]) add(setOf[a], setOf[b]);
    for (const [x, y] of [[a, b], [b, a]] as const) {
      if (setOf[x] >= 0 || setOf[y] < 0) continue;
      const set = partners.get(x) ?? new Set<number>();
      set.add(setOf[y]);
      partners.set(x, set);
    }
  });
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
