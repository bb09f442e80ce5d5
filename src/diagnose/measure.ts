/**
 * The indicators of one candidate, measured from the workspace's columns. Definitions (every
 * share is over the candidate's firms unless named otherwise; "the place" is the candidate's
 * park for park candidates, else the regions that hold its firms; "local" means in the place):
 *
 * - cr1, cr4, hhi: enterprise groups' shares of the candidate's output (plants rolled up to their
 *   root parent; output, else revenue, else employees): `concentrationRatio` and `herfindahl`
 *   via groupConcentration (enterprise-groups.ts).
 * - lq, egGamma, egPValue, kdLocalised: `locationQuotient`, `ellisonGlaeser` and `kDensity` on
 *   the matrices of data/firm-sizes.ts (measure/agglomeration.ts). LQ is not defined for
 *   industry candidates, whose place is the whole economy (wholeEconomy).
 * - chainLinksPerFirm: supply/subcontract ties between a candidate firm and a firm of one of
 *   the candidate's industries (anywhere) whose industry-group pair is significant against
 *   chance (discover/tie-structure.ts: configuration-model Poisson test, Bonferroni, lift), per
 *   firm; chainStagesLinked: industry groups (the code's first three digits) at either end of
 *   such ties that join two different groups; chainStages (MeasuredCandidate) orders them
 *   upstream first.
 * - parkShare, externalShare (employment, external domestic or foreign owned), outflowShare
 *   (value of supply/subcontract ties with a partner outside the place over all such ties).
 * - dominantFieldShare: employment share of the largest "field" (measure/field.ts).
 * - localTiesPerFirm, localLinkShare: business ties (supply, subcontract, technology, spin-off,
 *   joint R&D) of the candidate's firms with firms in the place, per firm and as a share of all
 *   their business ties.
 * - institutionTypes, institutionLinkedShare: kinds of institution in the place tied to the
 *   candidate's firms, and the share of firms tied to at least one of them.
 * - stage, typology and radiation indicators: see Indicators and measure/ties.ts; benchmark
 *   patents per firm are the whole workspace's (the study area); coreTiedShare is the share of
 *   firms outside the largest enterprise group tied to its plants.
 *
 * Missing employees (data/firm-sizes.ts's policy): a firm of unknown employment is left out of
 * the LQ and EG γ matrices and of every employment share (measure/composition.ts), never taken
 * as 0 employees, and the candidate's notes count such firms.
 */
import { missingSizesWarning } from '../data/firm-sizes.js';
import type { RawCandidate } from './discover.js';
import { groupConcentration } from './enterprise-groups.js';
import type { Indicators } from './indicators.js';
import { candidateEg, candidateLq, kdLocalisedOf, localisationIndustries } from './measure/agglomeration.js';
import { composition, labourIntensityRatio } from './measure/composition.js';
import type { MeasureContext } from './measure/context.js';
import { dominantFieldShare } from './measure/field.js';
import { placeOf, type Place } from './measure/place.js';
import { tieCounts } from './measure/ties.js';
import { orderedStages } from './discover/tie-structure.js';

export { measureContext, type MeasureContext, type MeasureOptions } from './measure/context.js';
export { placeOf, type Place } from './measure/place.js';

export interface MeasuredCandidate {
  indicators: Indicators;
  place: Place;
  /** Institutions in the place tied to the candidate's firms. */
  institutions: number[];
  /** Chain stages (industry groups) joined by the candidate's structured chain ties, upstream first. */
  chainStages: string[];
  /** Why an indicator could not be measured, and the firms left out of size-based measures. */
  notes: string[];
}

const LEVEL_DIGITS = { class: 4, group: 3, division: 2 } as const;
const finiteOr = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);
const share = (part: number, whole: number): number | undefined => (whole > 0 ? part / whole : undefined);

export function measureCandidate(ctx: MeasureContext, c: RawCandidate): MeasuredCandidate {
  const { d } = ctx;
  const place = placeOf(ctx, c);
  const firms = c.firms;
  const n = firms.length;
  const member = new Uint8Array(d.firmCount);
  for (const k of firms) member[k] = 1;
  const industrySet = new Set<number>();
  for (const k of firms) if (d.industry[k] >= 0) industrySet.add(d.industry[k]);
  const notes: string[] = [];

  const x = composition(ctx, firms, place);
  if (c.alsoInPark) notes.push(`also in the park: ${c.alsoInPark} firm(s) of other industries (not of its related field), not members of this candidate and not in its indicators`);
  const missing = missingSizesWarning({ firms: n, missing: x.employeesUnknown, unplaced: 0, examples: [] }, 'employment', 'candidate');
  if (missing !== null) notes.push(`${missing}; its employment shares are over the ${x.employeesKnown} firm(s) with known employees`);

  const conc = groupConcentration(d, firms);
  if (conc.notMeasured !== null) notes.push(conc.notMeasured);
  if (conc.unknownSize > 0) notes.push(`${conc.unknownSize} of ${n} firm(s) have no output, revenue or employees and are left out of CR1, CR4 and HHI`);

  const wholeEconomy = c.kind === 'industry';
  let lq: number | undefined;
  let eg: { gamma: number | undefined; pValue: number | undefined } = { gamma: undefined, pValue: undefined };
  const localised = localisationIndustries(ctx, c, industrySet);
  if (localised.size > 0) {
    if (!wholeEconomy) {
      const r = candidateLq(ctx, c, place, localised);
      lq = r.lq;
      if (r.note !== null) notes.push(r.note);
    }
    const g = candidateEg(ctx, localised);
    eg = g;
    if (g.note !== null) notes.push(g.note);
  }
  const kdLocalised = kdLocalisedOf(ctx, localised);

  const ties = tieCounts(ctx, firms, member, place, industrySet);
  const E = x.employment;
  const indicators: Indicators = {
    firms: n,
    otherParkFirms: c.kind === 'park' ? c.alsoInPark ?? 0 : undefined,
    employment: E,
    cr1: finiteOr(conc.cr1), cr4: finiteOr(conc.cr4), hhi: finiteOr(conc.hhi),
    concentrationLevel: c.level === undefined ? undefined : LEVEL_DIGITS[c.level],
    lq, egGamma: eg.gamma, egPValue: eg.pValue, kdLocalised,
    wholeEconomy: wholeEconomy || undefined,
    chainLinksPerFirm: share(ties.chainTies, n),
    chainStagesLinked: ties.stagePairs.size,
    parkShare: share(x.inPark, n),
    externalShare: share(x.externalEmp, E),
    outflowShare: share(ties.chainValueOut, ties.chainValue),
    dominantFieldShare: dominantFieldShare(ctx, firms, industrySet, ties.fieldTies, E),
    localTiesPerFirm: share(ties.localTies, n),
    localLinkShare: ties.allTies > 0 ? ties.localTies / ties.allTies : 0,
    institutionTypes: new Set([...ties.institutions].map((j) => d.institutions.type[j])).size,
    institutionLinkedShare: share(ties.instLinkedFirms.size, n),
    localOwnershipShare: share(x.localOwned, n),
    smeShare: share(x.sme, x.employeesKnown),
    supplierShare: share(ties.suppliers.size, n),
    innovationTiesPerFirm: share(ties.innovationLocal, n),
    patentsPerFirm: share(x.patents, n),
    benchmarkPatentsPerFirm: finiteOr(ctx.patentsPerFirm),
    rndShare: share(x.rnd, n),
    memberShare: share(ties.members.size, n),
    spinoffShare: share(ties.spinoffs.size, n),
    entryRate: share(x.recent / x.recentYears, x.incumbents),
    technologyShare: share(x.technologyEmp, E),
    resourceShare: share(x.resourceEmp, E),
    highTechShare: share(x.highTechEmp, E),
    rdIntensity: share(x.rdSpend, x.revenue),
    labourIntensityRatio: labourIntensityRatio(ctx, place, industrySet, x),
    foundedAfterDesignationShare: share(x.afterDesignation, x.parkFirmsDated),
    stateShare: share(x.stateEmp, E),
    affiliateShare: share(x.affiliates, n),
    smeEmploymentShare: share(x.smeEmp, E),
    coreTiedShare: share(ties.tiedToCore.size, n - ties.topGroupFirms),
    techInflow: ties.techIn,
    techOutflow: ties.techOut,
    leaders: ties.leaders,
    leaderLocalTies: ties.leaderLocalTies,
    oemInboundShare: share(ties.oemOutside.size, n),
    brandShare: share(x.brand, n),
  };
  return { indicators, place, institutions: [...ties.institutions].sort((a, b) => a - b), chainStages: orderedStages(ties.stageFlows), notes };
}
