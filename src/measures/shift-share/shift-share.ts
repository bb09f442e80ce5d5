/**
 * Classic shift-share decomposition of every region's change, cell by cell.
 *
 *   Δ[r,i] = e¹[r,i] − e⁰[r,i] = NS[r,i] + IM[r,i] + RS[r,i]
 *   NS[r,i] = e⁰[r,i] · g                     national share (growth at the national rate)
 *   IM[r,i] = e⁰[r,i] · (g_i − g)             industry mix (the industry's national over/under-growth)
 *   RS[r,i] = e¹[r,i] − e⁰[r,i] (1 + g_i)     regional shift (competitive effect) = e⁰[r,i](g_ri − g_i)
 *
 * e⁰, e¹: base- and final-year sizes; g = e¹[·,·]/e⁰[·,·] − 1; g_i = e¹[·,i]/e⁰[·,i] − 1;
 * g_ri = e¹[r,i]/e⁰[r,i] − 1. RS is written without g_ri, so a cell that is new in the final year
 * (e⁰ = 0) is fully regional shift and the three parts always add up to Δ; an industry absent
 * nationally in the base year has NS = IM = 0 and RS = e¹. Region totals sum the cells.
 * Time O(R·I).
 * Reference: Dunn, E.S. (1960) "A statistical and analytical technique for regional analysis",
 * Pap. Reg. Sci. 6(1), 97–112, doi:10.1111/j.1435-5597.1960.tb01705.x; REAT `shift` (classic).
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import type { MissingPolicy, RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { alignYears } from './align.js';

export interface ShiftShareOptions {
  missing?: MissingPolicy;
}

export interface ShiftShareValue {
  regions: readonly string[];
  industries: readonly string[];
  nationalGrowth: number;
  industryGrowth: Float64Array;
  /** Cell components, row-major R × I. */
  change: Float64Array;
  nationalShare: Float64Array;
  industryMix: Float64Array;
  regionalShift: Float64Array;
  /** Per-region totals of the components. */
  regionTotals: { region: string; change: number; nationalShare: number; industryMix: number; regionalShift: number }[];
}

export function shiftShare(base: RegionIndustryMatrix, final: RegionIndustryMatrix, options: ShiftShareOptions = {}): MeasureResult<ShiftShareValue> {
  const missing = options.missing ?? 'error';
  const a = alignYears(base, final, missing, 'shiftShare');
  const R = a.regions.length;
  const I = a.industries.length;
  const n = R * I;
  const v: ShiftShareValue = {
    regions: a.regions, industries: a.industries, nationalGrowth: a.g, industryGrowth: a.gi,
    change: new Float64Array(n), nationalShare: new Float64Array(n), industryMix: new Float64Array(n), regionalShift: new Float64Array(n), regionTotals: [],
  };
  for (let r = 0; r < R; r++) {
    const t = { region: a.regions[r], change: 0, nationalShare: 0, industryMix: 0, regionalShift: 0 };
    for (let i = 0; i < I; i++) {
      const k = r * I + i;
      const e0 = a.base[k];
      const e1 = a.final[k];
      const gi = Number.isNaN(a.gi[i]) ? 0 : a.gi[i]; // only when e⁰[·,i] = 0, hence e⁰[r,i] = 0
      v.change[k] = e1 - e0;
      v.nationalShare[k] = e0 * a.g;
      v.industryMix[k] = Number.isNaN(a.gi[i]) ? 0 : e0 * (gi - a.g);
      v.regionalShift[k] = e1 - e0 * (1 + gi);
      t.change += v.change[k];
      t.nationalShare += v.nationalShare[k];
      t.industryMix += v.industryMix[k];
      t.regionalShift += v.regionalShift[k];
    }
    v.regionTotals.push(t);
  }
  return {
    value: v, n: R * I, warnings: a.warnings,
    provenance: { measure: 'shiftShare', options: { missing, variant: 'classic' }, references: ['Dunn (1960) Pap. Reg. Sci. 6(1):97–112, doi:10.1111/j.1435-5597.1960.tb01705.x'] },
  };
}
