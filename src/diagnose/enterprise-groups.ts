/**
 * Enterprise groups: plants rolled up to the top of their ownership chain, and the market
 * concentration of those groups over a set of firms — CR1, CR4 (`concentrationRatio`) and HHI
 * (`herfindahl`), the peer-checked measures the `measure concentration` verb runs.
 *
 * A group's size is the sum of its plants' sizes, a plant's size its output, else its revenue,
 * else its employees (the first that is known). A plant whose three are all unknown adds
 * nothing and is counted in `unknownSize`; a group none of whose plants has a known size is left
 * out of the shares (it is not taken as a group of size 0). Time O(n) in the firms plus the sort
 * of the groups.
 */
import { InputError } from '../core/errors.js';
import { concentrationRatio } from '../measures/concentration/concentration-ratio.js';
import { herfindahl } from '../measures/concentration/herfindahl.js';
import type { DiagnosisData } from './data.js';

/** The top of a firm's ownership chain (cycles and chains longer than 16 stop where they are). */
export function groupRoot(d: DiagnosisData, k: number): number {
  let r = k;
  for (let step = 0; step < 16 && d.parent[r] >= 0 && d.parent[r] !== r; step++) r = d.parent[r];
  return r;
}

/** A plant's size for concentration: output, else revenue, else employees; NaN when none is known. */
export function plantSize(d: DiagnosisData, k: number): number {
  if (Number.isFinite(d.output[k])) return d.output[k];
  if (Number.isFinite(d.revenue[k])) return d.revenue[k];
  return Number.isFinite(d.employees[k]) ? d.employees[k] : Number.NaN;
}

export interface GroupConcentration {
  /** Shares of the largest, and of the four largest, enterprise groups; NaN when not measurable. */
  cr1: number;
  cr4: number;
  /** Herfindahl–Hirschman index of the groups' shares, in [1/groups, 1]; NaN when not measurable. */
  hhi: number;
  /** Enterprise groups with a known size. */
  groups: number;
  /** Firms with no known output, revenue or employees (left out of the shares). */
  unknownSize: number;
  /** Why the shares could not be measured (E_DEGENERATE: no firm with a positive size), else null. */
  notMeasured: string | null;
}

/** CR1, CR4 and HHI of enterprise groups (plants rolled up to their root parent) over `firms`. */
export function groupConcentration(d: DiagnosisData, firms: ArrayLike<number>): GroupConcentration {
  const byGroup = new Map<number, number>();
  let unknownSize = 0;
  for (let t = 0; t < firms.length; t++) {
    const k = firms[t];
    const v = plantSize(d, k);
    if (Number.isNaN(v)) { unknownSize++; continue; }
    const g = groupRoot(d, k);
    byGroup.set(g, (byGroup.get(g) ?? 0) + v);
  }
  const sizes = Float64Array.from(byGroup.values());
  try {
    const cr = concentrationRatio(sizes, { n: [1, 4] }).value;
    const hhi = herfindahl(sizes).value.hhi;
    return { cr1: cr[0].value, cr4: cr[1].value, hhi, groups: sizes.length, unknownSize, notMeasured: null };
  } catch (e) {
    // no group, or groups whose sizes add up to 0: there are no shares to concentrate
    if (!(e instanceof InputError && e.code === 'E_DEGENERATE')) throw e;
    return { cr1: Number.NaN, cr4: Number.NaN, hhi: Number.NaN, groups: sizes.length, unknownSize, notMeasured: `CR1, CR4 and HHI not measured (E_DEGENERATE: ${e.message})` };
  }
}
