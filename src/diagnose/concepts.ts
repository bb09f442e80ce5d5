/**
 * Concept discrimination (seed essay 1): which of industrial concentration (产业集中),
 * spatial agglomeration (产业集聚), industrial chain (产业链), industrial park (工业园区) and
 * industrial cluster (产业集群) hold for a candidate, and the headline label.
 *
 * - concentration: CR4 ≥ cr4Concentrated or HHI ≥ hhiConcentrated, among at least
 *   industryMinFirms establishments (fewer make a high CR4 by arithmetic) — aspatial, says
 *   nothing of location or links.
 * - agglomeration: at least minFirms establishments, LQ ≥ lqAgglomerated, and localisation that
 *   is not an artefact of a few big plants: EG γ ≥ egGammaAgglomerated (γ nets out the plant
 *   Herfindahl) or K-density above its global band (establishment counts). Necessary for a
 *   cluster, not sufficient. For an industry taken wherever it is (wholeEconomy) the LQ row
 *   does not apply (its place is the whole economy) and localisation alone decides, with γ at
 *   the "highly localized" bar (egGammaIndustryWide).
 * - chain: supply/subcontract ties among the candidate's firms, wherever they are, on
 *   industry-group pairs significant against random ties among the same firms
 *   (discover/tie-structure.ts), at ≥ chainLinksPerFirm per firm, joining ≥ chainMinStages
 *   industry groups (stages).
 * - park: most firms inside a designated park; "externally driven" when most employment is in
 *   external or foreign firms or most supply ties leave the place.
 * - cluster (Porter): agglomeration AND one related field (dominantFieldShare) AND close links
 *   (localTiesPerFirm and localLinkShare) AND an organic whole (institutionTypes kinds of
 *   institution, linked to ≥ institutionLinkedShare of the firms).
 *
 * Headline: park + cluster → park_hosting_cluster; park without cluster → park_without_cluster;
 * cluster; agglomeration → agglomeration_without_cluster; chain → chain_without_agglomeration;
 * concentration → concentration_only; else none.
 */
import type { Thresholds } from './config.js';
import { all, any, compare, flag, type EvidenceRow, type Verdict } from './evidence.js';
import type { Indicators } from './indicators.js';

export type HeadlineLabel =
  | 'cluster'
  | 'park_hosting_cluster'
  | 'park_without_cluster'
  | 'agglomeration_without_cluster'
  | 'chain_without_agglomeration'
  | 'concentration_only'
  | 'none';

export interface ConceptVerdicts {
  concentration: Verdict;
  agglomeration: Verdict;
  /** stages: the chain's industry groups joined by ties significant against chance, upstream first (filled by the workspace diagnosis; empty from indicators alone). */
  chain: Verdict & { stages: string[] };
  park: Verdict & { externallyDriven: boolean };
  cluster: Verdict & { field: boolean; links: boolean; whole: boolean };
  label: HeadlineLabel;
  /** Indicators the rules needed but the candidate lacks. */
  missing: string[];
}

export function discriminate(x: Indicators, t: Thresholds): ConceptVerdicts {
  const concentrationRows = [
    compare('concentration', 'cr4', x.cr4, '>=', 'cr4Concentrated', t),
    compare('concentration', 'hhi', x.hhi, '>=', 'hhiConcentrated', t),
  ];
  // materiality: among fewer than industryMinFirms establishments, equal shares alone give a
  // high CR4 (4 of 10 firms hold 40%), so a small candidate is never "concentrated"
  const concSize = compare('concentration.size', 'firms', x.firms, '>=', 'industryMinFirms', t);
  const holdsConc = any(concentrationRows) && concSize.pass === true;
  concentrationRows.push(concSize);
  // the level at which an industry candidate is concentrated: stated beside the ratios, decides nothing
  if (x.concentrationLevel !== undefined) {
    concentrationRows.push({ rule: 'concentration.level', indicator: `concentrationLevel (${({ 4: 'class', 3: 'group', 2: 'division' } as Record<number, string>)[x.concentrationLevel] ?? 'code'}: ${x.concentrationLevel}-digit code)`, value: x.concentrationLevel, comparison: 'is', threshold: null, pass: holdsConc });
  }
  const concentration = { holds: holdsConc, rows: concentrationRows };

  const sizeRow = compare('agglomeration', 'firms', x.firms, '>=', 'minFirms', t);
  const lqRow = x.wholeEconomy && x.lq === undefined
    ? { rule: 'agglomeration', indicator: 'lq (not applicable: the whole economy is the place)', value: null, comparison: '>=' as const, threshold: t.lqAgglomerated, thresholdName: 'lqAgglomerated' as const, pass: true }
    : compare('agglomeration', 'lq', x.lq, '>=', 'lqAgglomerated', t);
  const egRow = compare('agglomeration.localisation', 'egGamma', x.egGamma, '>=', x.wholeEconomy ? 'egGammaIndustryWide' : 'egGammaAgglomerated', t);
  const egSig = x.egPValue === undefined ? undefined : x.egPValue;
  const egSigRow = compare('agglomeration.localisation', 'egPValue', egSig, '<=', 'alpha', t);
  const kdRow = flag('agglomeration.localisation', 'kdLocalised', x.kdLocalised);
  // γ counts only when significant (if a p-value was measured); K-density is significant by construction
  const egHolds = egRow.pass === true && egSigRow.pass !== false;
  const agglomerationRows = [sizeRow, lqRow, egRow, egSigRow, kdRow];
  const agglomeration = { holds: sizeRow.pass === true && lqRow.pass === true && (egHolds || kdRow.pass === true), rows: agglomerationRows };

  const chainRows = [
    compare('chain', 'chainLinksPerFirm', x.chainLinksPerFirm, '>=', 'chainLinksPerFirm', t),
    compare('chain', 'chainStagesLinked', x.chainStagesLinked, '>=', 'chainMinStages', t),
  ];
  const chain = { holds: all(chainRows), rows: chainRows, stages: [] as string[] };

  const parkRow = compare('park', 'parkShare', x.parkShare, '>=', 'parkShare', t);
  const externalRows = [
    compare('park.external', 'externalShare', x.externalShare, '>=', 'externalShare', t),
    compare('park.external', 'outflowShare', x.outflowShare, '>=', 'outflowShare', t),
  ];
  const park = { holds: parkRow.pass === true, externallyDriven: any(externalRows), rows: [parkRow, ...externalRows] };

  const fieldRows = [compare('cluster.field', 'dominantFieldShare', x.dominantFieldShare, '>=', 'dominantFieldShare', t)];
  const linkRows = [
    compare('cluster.links', 'localTiesPerFirm', x.localTiesPerFirm, '>=', 'localTiesPerFirm', t),
    compare('cluster.links', 'localLinkShare', x.localLinkShare, '>=', 'localLinkShare', t),
  ];
  const wholeRows = [
    compare('cluster.whole', 'institutionTypes', x.institutionTypes, '>=', 'institutionTypes', t),
    compare('cluster.whole', 'institutionLinkedShare', x.institutionLinkedShare, '>=', 'institutionLinkedShare', t),
  ];
  const field = all(fieldRows);
  const links = all(linkRows);
  const whole = all(wholeRows);
  // a cluster is a place: an industry taken wherever it is (wholeEconomy) cannot be one
  const cluster = { holds: agglomeration.holds && field && links && whole && !x.wholeEconomy, field, links, whole, rows: [...fieldRows, ...linkRows, ...wholeRows] };

  const label: HeadlineLabel = park.holds
    ? (cluster.holds ? 'park_hosting_cluster' : 'park_without_cluster')
    : cluster.holds ? 'cluster'
      : agglomeration.holds ? 'agglomeration_without_cluster'
        : chain.holds ? 'chain_without_agglomeration'
          : concentration.holds ? 'concentration_only'
            : 'none';
  const rows: EvidenceRow[] = [...concentrationRows, ...agglomerationRows, ...chainRows, ...park.rows, ...cluster.rows];
  // whether a park is externally driven matters only for a park
  const relevant = rows.filter((r) => park.holds || !r.rule.startsWith('park.external'));
  const missing = [...new Set(relevant.filter((r) => r.pass === null && !(r.indicator === 'egPValue' || r.indicator === 'kdLocalised' || r.indicator === 'egGamma')).map((r) => r.indicator))];
  return { concentration, agglomeration, chain, park, cluster, label, missing };
}
