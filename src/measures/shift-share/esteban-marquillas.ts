/**
 * Esteban-Marquillas shift-share: the classic regional shift split into a homothetic competitive
 * effect and an allocation effect (is the region specialised in the industries where it is competitive?).
 *
 *   ê[r,i]  = e⁰[r,·] · e⁰[·,i] / e⁰[·,·]             homothetic size (region r with the national mix)
 *   NS, IM as in shiftShare
 *   CE[r,i] = ê[r,i] (g_ri − g_i)                      homothetic competitive effect
 *   AE[r,i] = (e⁰[r,i] − ê[r,i]) (g_ri − g_i)          allocation effect
 *   Δ[r,i]  = NS + IM + CE + AE
 *
 * g_ri = e¹[r,i]/e⁰[r,i] − 1 needs e⁰[r,i] > 0: cells that are new in the final year have CE and
 * AE NaN (their whole regional shift is reported in `unallocated`) and are counted in warnings; region
 * totals sum CE and AE over the defined cells, so NS + IM + CE + AE + unallocated = Δ for every region.
 * AE > 0: the region is specialised (e⁰ > ê) in industries where it grows faster than the nation,
 * or de-specialised where it grows slower. Time O(R·I).
 * Reference: Esteban-Marquillas, J.M. (1972) "A reinterpretation of shift-share analysis",
 * Reg. Urban Econ. 2(3), 249–255, doi:10.1016/0041-5753(72)90003-4; REAT `shift` (EM variant).
 * Cross-checked: test/reference/concentration-reference.py (numpy) → test/fixtures/concentration/reference.json.
 */
import { margins, type MissingPolicy, type RegionIndustryMatrix } from '../../data/concentration-matrix.js';
import type { MeasureResult } from '../result.js';
import { alignYears } from './align.js';

export interface EstebanMarquillasOptions {
  missing?: MissingPolicy;
}

export interface EstebanMarquillasValue {
  regions: readonly string[];
  industries: readonly string[];
  nationalGrowth: number;
  industryGrowth: Float64Array;
  change: Float64Array;
  nationalShare: Float64Array;
  industryMix: Float64Array;
  homotheticSize: Float64Array;
  competitiveEffect: Float64Array;
  allocationEffect: Float64Array;
  regionTotals: { region: string; change: number; nationalShare: number; industryMix: number; competitiveEffect: number; allocationEffect: number; unallocated: number }[];
}

export function estebanMarquillas(base: RegionIndustryMatrix, final: RegionIndustryMatrix, options: EstebanMarquillasOptions = {}): MeasureResult<EstebanMarquillasValue> {
  const missing = options.missing ?? 'error';
  const a = alignYears(base, final, missing, 'estebanMarquillas');
  const R = a.regions.length;
  const I = a.industries.length;
  const n = R * I;
  const mb = margins({ regions: a.regions, industries: a.industries, values: a.base });
  const v: EstebanMarquillasValue = {
    regions: a.regions, industries: a.industries, nationalGrowth: a.g, industryGrowth: a.gi,
    change: new Float64Array(n), nationalShare: new Float64Array(n), industryMix: new Float64Array(n), homotheticSize: new Float64Array(n),
    competitiveEffect: new Float64Array(n), allocationEffect: new Float64Array(n), regionTotals: [],
  };
  let undefinedCells = 0;
  for (let r = 0; r < R; r++) {
    const t = { region: a.regions[r], change: 0, nationalShare: 0, industryMix: 0, competitiveEffect: 0, allocationEffect: 0, unallocated: 0 };
    for (let i = 0; i < I; i++) {
      const k = r * I + i;
      const e0 = a.base[k];
      const e1 = a.final[k];
      const gi = Number.isNaN(a.gi[i]) ? 0 : a.gi[i];
      const hat = (mb.regionTotal[r] * mb.industryTotal[i]) / mb.total;
      v.change[k] = e1 - e0;
      v.nationalShare[k] = e0 * a.g;
      v.industryMix[k] = Number.isNaN(a.gi[i]) ? 0 : e0 * (gi - a.g);
      v.homotheticSize[k] = hat;
      if (e0 > 0) {
        const d = e1 / e0 - 1 - gi;
        v.competitiveEffect[k] = hat * d;
        v.allocationEffect[k] = (e0 - hat) * d;
        t.competitiveEffect += v.competitiveEffect[k];
        t.allocationEffect += v.allocationEffect[k];
      } else {
        v.competitiveEffect[k] = Number.NaN;
        v.allocationEffect[k] = Number.NaN;
        t.unallocated += e1;
        if (e1 > 0) undefinedCells++;
      }
      t.change += v.change[k];
      t.nationalShare += v.nationalShare[k];
      t.industryMix += v.industryMix[k];
    }
    v.regionTotals.push(t);
  }
  const warnings = [...a.warnings];
  if (undefinedCells) warnings.push(`estebanMarquillas: ${undefinedCells} cell(s) new in the final year (base 0) have no growth rate; their change is reported as 'unallocated'`);
  return {
    value: v, n: R * I, warnings,
    provenance: { measure: 'estebanMarquillas', options: { missing }, references: ['Esteban-Marquillas (1972) Reg. Urban Econ. 2(3):249–255, doi:10.1016/0041-5753(72)90003-4'] },
  };
}
