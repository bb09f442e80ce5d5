/**
 * The six typologies of seed essay 2, each a rule over indicators with its evidence:
 *
 * - mechanism (形成机制): government-led when most firms sit in a designated park (a park is
 *   planned, designated and equipped by government, essay 1), or state-owned firms hold
 *   ≥ stateShare of employment; otherwise market-led.
 * - factor (要素配置): technology when ≥ factorShare of employment is in technology-intensive
 *   industries or R&D ≥ rdIntensityTechnology of revenue — unless labour use per unit of output is
 *   ≥ labourIntensityRatio × the region's with R&D < 1% (assembly: labour); resource when
 *   ≥ factorShare is resource-intensive; otherwise labour.
 * - industry (产业类型): high-tech when ≥ highTechShare of employment is NBS high-tech; else traditional.
 * - formation (形成方式): top-down (自上而下推动型) when in a designated park: its firms were either
 *   attracted after designation (foundedAfterDesignationShare, reported) or relocated into it;
 *   bottom-up (自下而上培育型) when cultivated around core firms: ≥ affiliateShare of the firms are
 *   affiliates of local firms, or the largest enterprise group leads (≥ singleLeaderShare of
 *   output) and ≥ coreTiedShare of the other firms work for it;
 *   otherwise spontaneous (自发型).
 * - structure (企业类型): single-leader when the largest enterprise group holds ≥ singleLeaderShare
 *   of output; large-firm when the four largest hold ≥ largeFirmCr4 (Bain's oligopolistic
 *   range); otherwise SME (an atomistic structure).
 * - innovation (创新程度): innovative when patents per firm ≥ innovativePatentRatio × the study
 *   area's and ≥ innovativeRndShare of firms perform R&D; otherwise imitative.
 * A dimension whose indicators are all missing is null, never guessed.
 */
import type { Thresholds } from './config.js';
import { compare, type EvidenceRow } from './evidence.js';
import type { Indicators } from './indicators.js';

export interface Typology {
  mechanism: 'market-led' | 'government-led' | null;
  factor: 'labour' | 'resource' | 'technology' | null;
  industry: 'traditional' | 'high-tech' | null;
  formation: 'spontaneous' | 'bottom-up' | 'top-down' | null;
  structure: 'large-firm' | 'SME' | 'single-leader' | null;
  innovation: 'imitative' | 'innovative' | null;
}

export interface TypologyVerdict {
  typology: Typology;
  rows: EvidenceRow[];
}

const known = (...xs: (number | undefined)[]): boolean => xs.some((x) => x !== undefined);

export function typology(x: Indicators, t: Thresholds): TypologyVerdict {
  const rows: EvidenceRow[] = [];
  const push = (r: EvidenceRow): boolean => { rows.push(r); return r.pass === true; };

  const inPark = push(compare('typology.mechanism', 'parkShare', x.parkShare, '>=', 'parkShare', t));
  const cameAfter = push(compare('typology.formation', 'foundedAfterDesignationShare', x.foundedAfterDesignationShare, '>=', 'foundedAfterDesignation', t));
  const state = push(compare('typology.mechanism', 'stateShare', x.stateShare, '>=', 'stateShare', t));
  void cameAfter;
  const mechanism = known(x.parkShare, x.stateShare) ? (inPark || state ? 'government-led' : 'market-led') : null;

  const tech = push(compare('typology.factor', 'technologyShare', x.technologyShare, '>=', 'factorShare', t));
  const rd = push(compare('typology.factor', 'rdIntensity', x.rdIntensity, '>=', 'rdIntensityTechnology', t));
  const labourHeavy = push(compare('typology.factor', 'labourIntensityRatio', x.labourIntensityRatio, '>=', 'labourIntensityRatio', t));
  const resource = push(compare('typology.factor', 'resourceShare', x.resourceShare, '>=', 'factorShare', t));
  const assembly = labourHeavy && (x.rdIntensity ?? 0) < 0.01;
  const factor = known(x.technologyShare, x.resourceShare, x.rdIntensity)
    ? ((tech || rd) && !assembly ? 'technology' : resource ? 'resource' : 'labour')
    : null;

  const highTech = push(compare('typology.industry', 'highTechShare', x.highTechShare, '>=', 'highTechShare', t));
  const industry = known(x.highTechShare) ? (highTech ? 'high-tech' : 'traditional') : null;

  const affiliates = push(compare('typology.formation', 'affiliateShare', x.affiliateShare, '>=', 'affiliateShare', t));
  // cultivated around one core firm: it leads (cr1) and many firms work for it
  const coreTied = push(compare('typology.formation', 'coreTiedShare', x.coreTiedShare, '>=', 'coreTiedShare', t)) && (x.cr1 ?? 0) >= t.singleLeaderShare;
  const formation = known(x.parkShare, x.affiliateShare, x.coreTiedShare)
    ? (inPark ? 'top-down' : affiliates || coreTied ? 'bottom-up' : 'spontaneous')
    : null;

  const leader = push(compare('typology.structure', 'cr1', x.cr1, '>=', 'singleLeaderShare', t));
  const large = push(compare('typology.structure', 'cr4', x.cr4, '>=', 'largeFirmCr4', t));
  const structure = known(x.cr1, x.cr4) ? (leader ? 'single-leader' : large ? 'large-firm' : 'SME') : null;

  const patentRatio = x.patentsPerFirm !== undefined && x.benchmarkPatentsPerFirm !== undefined
    ? (x.benchmarkPatentsPerFirm > 0 ? x.patentsPerFirm / x.benchmarkPatentsPerFirm : x.patentsPerFirm > 0 ? Number.POSITIVE_INFINITY : 0)
    : undefined;
  const patents = push(compare('typology.innovation', 'patentsPerFirm / benchmark', patentRatio, '>=', 'innovativePatentRatio', t));
  const rndFirms = push(compare('typology.innovation', 'rndShare', x.rndShare, '>=', 'innovativeRndShare', t));
  const innovation = known(patentRatio, x.rndShare) ? (patents && rndFirms ? 'innovative' : 'imitative') : null;

  return { typology: { mechanism, factor, industry, formation, structure, innovation }, rows };
}
