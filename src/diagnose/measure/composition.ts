/**
 * What a candidate's firms are made of, in one pass over them: employment and output,
 * ownership, size classes, parks, functions, industry traits, founding years.
 *
 * Employment-based shares (externalShare, stateShare, smeEmploymentShare, technologyShare,
 * resourceShare, highTechShare, dominantFieldShare) are over the candidate's firms with known
 * employees: a firm of unknown employment is in neither numerator nor denominator. smeShare
 * (a count) is likewise over the firms with known employees, since an unknown size is neither
 * SME nor large. The firms left out are counted in `employeesUnknown` and the candidate warns.
 * Labour intensity is employees per unit of output over the firms with known employees and a
 * positive output (the same on the benchmark side, MeasureContext.regionLabour*).
 */
import { factorIntensity, industryType } from '../../model/industry-traits.js';
import { FN, OWN } from '../data.js';
import type { MeasureContext } from './context.js';
import { knownEmployees, positiveOutput } from './context.js';
import type { Place } from './place.js';

export interface Composition {
  /** Known employment, and positive output (else revenue), of the candidate. */
  employment: number;
  output: number;
  /** Firms with known employees, and with unknown. */
  employeesKnown: number;
  employeesUnknown: number;
  /** Employment and output of the firms with known employees and a positive output. */
  labourEmp: number;
  labourOutput: number;
  rdSpend: number;
  revenue: number;
  patents: number;
  /** Employment of external (domestic or foreign) and state-owned firms, of SMEs, of technology-, resource-intensive and high-tech industries. */
  externalEmp: number;
  stateEmp: number;
  smeEmp: number;
  technologyEmp: number;
  resourceEmp: number;
  highTechEmp: number;
  /** Firm counts. */
  localOwned: number;
  sme: number;
  inPark: number;
  rnd: number;
  brand: number;
  affiliates: number;
  /** Park firms with a known founding year and designation year, and those founded after the designation. */
  parkFirmsDated: number;
  afterDesignation: number;
  /** Firms founded in the last `recentYears` years, and before. */
  recent: number;
  incumbents: number;
  recentYears: number;
}

export function composition(ctx: MeasureContext, firms: Int32Array, place: Place): Composition {
  const { d, t } = ctx;
  const x: Composition = {
    employment: 0, output: 0, employeesKnown: 0, employeesUnknown: 0, labourEmp: 0, labourOutput: 0, rdSpend: 0, revenue: 0, patents: 0,
    externalEmp: 0, stateEmp: 0, smeEmp: 0, technologyEmp: 0, resourceEmp: 0, highTechEmp: 0,
    localOwned: 0, sme: 0, inPark: 0, rnd: 0, brand: 0, affiliates: 0, parkFirmsDated: 0, afterDesignation: 0, recent: 0, incumbents: 0, recentYears: 5,
  };
  for (const k of firms) {
    const known = Number.isFinite(d.employees[k]);
    const e = knownEmployees(d, k);
    const o = positiveOutput(d, k);
    if (known) x.employeesKnown++; else x.employeesUnknown++;
    x.employment += e;
    x.output += o;
    if (known && o > 0) { x.labourEmp += e; x.labourOutput += o; }
    if (Number.isFinite(d.rdSpend[k])) x.rdSpend += d.rdSpend[k];
    if (Number.isFinite(d.revenue[k])) x.revenue += d.revenue[k];
    if (d.ownership[k] === OWN.external_domestic || d.ownership[k] === OWN.foreign) x.externalEmp += e;
    if (d.ownership[k] === OWN.state) x.stateEmp += e;
    if (d.ownership[k] === OWN.local) x.localOwned++;
    if (known && d.employees[k] < t.smeEmployees) { x.sme++; x.smeEmp += e; }
    if (Number.isFinite(d.patents[k])) x.patents += d.patents[k];
    if (d.park[k] >= 0) {
      x.inPark++;
      const y = d.parks.designated[d.park[k]];
      if (Number.isFinite(y) && Number.isFinite(d.founded[k])) { x.parkFirmsDated++; if (d.founded[k] >= y) x.afterDesignation++; }
    }
    if ((d.functions[k] & FN.rnd) || d.rdSpend[k] > 0) x.rnd++;
    if (d.brand[k]) x.brand++;
    const code = d.industry[k] >= 0 ? d.industries[d.industry[k]] : '';
    if (code) {
      const f = factorIntensity(code);
      if (f === 'technology') x.technologyEmp += e; else if (f === 'resource') x.resourceEmp += e;
      if (industryType(code) === 'high-tech') x.highTechEmp += e;
    }
    if (d.parent[k] >= 0 && place.firmInside(d.parent[k])) x.affiliates++;
    if (Number.isFinite(d.founded[k])) {
      if (d.founded[k] > d.currentYear - x.recentYears) x.recent++; else x.incumbents++;
    }
  }
  return x;
}

/**
 * Employees per unit of output of the candidate over that of the other industries in its
 * regions (the regions' totals less the candidate's industries there); undefined when either
 * side has no output or employment.
 */
export function labourIntensityRatio(ctx: MeasureContext, place: Place, industrySet: Set<number>, x: Composition): number | undefined {
  const { d } = ctx;
  let benchEmp = 0, benchOut = 0;
  for (const r of place.regions) { benchEmp += ctx.regionLabourEmp[r]; benchOut += ctx.regionLabourOutput[r]; }
  for (const i of industrySet) {
    for (const k of ctx.byIndustry[i]) {
      if (d.region[k] < 0 || !place.inRegion[d.region[k]] || !Number.isFinite(d.employees[k])) continue;
      const o = positiveOutput(d, k);
      if (o > 0) { benchEmp -= knownEmployees(d, k); benchOut -= o; }
    }
  }
  return x.labourOutput > 0 && benchOut > 0 && benchEmp > 0 ? (x.labourEmp / x.labourOutput) / (benchEmp / benchOut) : undefined;
}
