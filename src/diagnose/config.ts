/**
 * Every threshold of the diagnosis, in one place, with its default and the reason for it.
 * Users override any of them in the project file (`"diagnosis": { "thresholds": { … } }`);
 * `resolveThresholds` merges and checks the overrides.
 *
 * Shares are fractions in [0, 1]; counts are per firm unless named otherwise.
 */
import { InputError } from '../core/errors.js';

export interface Threshold {
  value: number;
  /** Why this default (a citation or the seed's definition it operationalises). */
  reason: string;
}

export const DEFAULT_THRESHOLDS = {
  // — industrial concentration (产业集中): the largest firms' share, aspatial —
  cr4Concentrated: { value: 0.4, reason: 'Shepherd (1982): a four-firm ratio above 40% marks a (loose) oligopoly; the seed measures concentration by CRn' },
  hhiConcentrated: { value: 0.15, reason: 'US DOJ/FTC Horizontal Merger Guidelines (2010): HHI above 1,500 (0.15) is at least moderately concentrated' },
  // — candidate discovery (discover.ts) —
  hotspotEpsKm: { value: 5, reason: 'grid cell size of the hotspot search (grid density clustering: a cell is dense when the 3 × 3 block around it over-represents one industry class): 5 km is a township or an industrial district (the Marshallian scale of daily face-to-face contact)' },
  hotspotLq: { value: 2, reason: 'a dense spot is kept when its local location quotient (the class’s share of all establishments inside the spot over its national share) is at least 2, so that spots that merely follow population density (LQ ≈ 1) are not candidates' },
  hotspotWindowKm: { value: 10, reason: 'a spot’s local LQ is measured in a disc of at least 10 km around its centre (a county town and its surroundings), so that a handful of firms that happen to sit together in a dense city district do not pass for a cluster' },
  hotspotMinShare: { value: 0.005, reason: 'materiality: a spot holds at least 0.5% of its class’s establishments in the data — on a million firms, a few dozen restaurants in one street are a significant excess but not a candidate cluster; at the demo scale minFirms binds instead' },
  mergeTiesPerFirm: { value: 0.05, reason: 'overlapping spots of different classes form one candidate when business ties between them reach one per twenty firms of the smaller spot (the classes work together, not just side by side)' },
  componentMinFirms: { value: 3, reason: 'a tie network outside parks and hotspots is a candidate from three firms (two firms are a transaction, not a structure)' },
  industryMinFirms: { value: 50, reason: 'concentration (CR4/HHI) is judged — for industry codes at every level, and in every candidate’s concentration verdict — only among at least 50 establishments: with fewer, equal shares alone give CR4 ≥ 8% (4 of 10 firms hold 40%), and chance dominance is common' },
  // — spatial agglomeration (产业集聚) —
  minFirms: { value: 10, reason: 'fewer establishments cannot show agglomeration economies; EG γ and K-density are unstable below this' },
  lqAgglomerated: { value: 1.25, reason: 'a location quotient 25% above the reference economy; U.S. Cluster Mapping also requires LQ ≥ 1 for strong clusters' },
  egGammaIndustryWide: { value: 0.05, reason: 'an industry taken wherever it is (no place, so no LQ backs it) counts as agglomerated only when highly localized: Ellison & Glaeser (1997) γ > 0.05' },
  egGammaAgglomerated: { value: 0.02, reason: 'Ellison & Glaeser (1997): γ < 0.02 is "not very localized", 0.02–0.05 moderately, > 0.05 highly localized' },
  alpha: { value: 0.05, reason: 'significance level of the K-density global band and of the EG z-test' },
  // — industrial chain (产业链): forward/backward links among the candidate's industries —
  chainLinksPerFirm: { value: 0.2, reason: 'supply/subcontract ties of the candidate’s firms on significant industry-group pairs (tested against chance), per firm, anywhere: below one tie in five firms the stages do not form a chain' },
  chainMinStages: { value: 2, reason: 'a chain links at least two different industries or stages (Hirschman 1958)' },
  tiePairLift: { value: 2, reason: 'materiality of the tie-structure test (discover/tie-structure.ts): an industry-group pair is structure only when its ties are at least twice what random ties among the same firms give (configuration model); significance alone grows with n, so at a million firms a pair 10% above chance would pass' },
  ioCoefficientMin: { value: 0.01, reason: 'with an IO table, a significant industry pair is chain structure only when the supplier sector provides at least 1% of the buyer sector’s output value (technical coefficient aᵢⱼ ≥ 0.01, the customary cut-off for an important input linkage in key-sector and linkage analysis)' },
  tiePairMinTies: { value: 2, reason: 'an industry-group pair is structure only from two ties, whatever their significance: a single tie is one transaction, not a pattern between two industries (from two on, the Poisson test and the lift decide)' },
  // — industrial park (工业园区) —
  parkShare: { value: 0.5, reason: 'most of the candidate’s firms lie inside a designated park' },
  externalShare: { value: 0.5, reason: 'seed essay 1: parks are externally driven — most employment in firms from outside (external domestic or foreign owned)' },
  outflowShare: { value: 0.5, reason: 'seed essay 1: park firms have weak ties to local firms — most of their supply links leave the place' },
  // — industrial cluster (产业集群): Porter's three elements —
  dominantFieldShare: { value: 0.5, reason: 'Porter element 1 (one related industrial field): the dominant industry group holds most of the candidate’s employment' },
  localTiesPerFirm: { value: 0.5, reason: 'Porter element 2 (close links; firms are nodes of a network): on average at least one local tie per two firms' },
  localLinkShare: { value: 0.25, reason: 'Porter element 2: at least a quarter of the firms’ business ties are local (embeddedness, 根植性)' },
  institutionTypes: { value: 2, reason: 'Porter element 3 (an organic whole): at least two kinds of institution (chamber, association, bank, intermediary, research, training, public service)' },
  institutionLinkedShare: { value: 0.1, reason: 'Porter element 3: institutions are linked to the firms, not merely present — at least one firm in ten tied to one' },
  // — development stage (seed essay 5: 集中 → 集聚 → 集群) —
  stageAgglomeration: { value: 0.3, reason: 'essay 5: 集聚 begins when division of labour and cooperation appear: cooperative-network or flexible-specialisation score at least 0.3' },
  stageCluster: { value: 0.5, reason: 'essay 5: 集群 needs embeddedness, a cooperative network and innovation or self-organisation: each at least 0.5 (innovation or self-organisation), and a radar mean of at least 0.5' },
  smeEmployees: { value: 100, reason: 'an SME has fewer than this many employees (NBS 2017 small and medium industrial enterprise limits start at 1,000 for medium; 100 marks small firms in most of the seed’s sectors)' },
  // scores of the six characteristics saturate (reach 1) at these values
  lqSaturation: { value: 3, reason: 'geographic concentration scores 1 at LQ 3 (three times the reference share; European Cluster Observatory gives its specialisation star at LQ ≥ 2)' },
  egGammaSaturation: { value: 0.05, reason: 'Ellison & Glaeser (1997): γ > 0.05 is highly localized' },
  localLinkShareSaturation: { value: 0.5, reason: 'embeddedness scores 1 when half of the firms’ ties are local' },
  supplierShareSaturation: { value: 0.3, reason: 'flexible specialisation scores 1 when three firms in ten supply other local firms (competitors turned partners, essay 2)' },
  localTiesSaturation: { value: 2, reason: 'cooperative network scores 1 at two local ties per firm' },
  innovationTiesSaturation: { value: 0.2, reason: 'cooperative network: joint R&D and technology ties, one per five firms scores 1' },
  patentRatioSaturation: { value: 4, reason: 'innovation scores 1 at four times the study area’s patents per firm (twice the innovative threshold)' },
  rndShareSaturation: { value: 0.2, reason: 'innovation scores 1 when one firm in five performs R&D' },
  memberShareSaturation: { value: 0.3, reason: 'self-organisation scores 1 when three firms in ten belong to a chamber or association' },
  spinoffShareSaturation: { value: 0.1, reason: 'self-organisation scores 1 when one firm in ten is a local spin-off (essay 1: spin-offs and new-firm formation)' },
  entryRateSaturation: { value: 0.1, reason: 'self-organisation scores 1 at 10% new firms a year (the snowball effect, essay 1)' },
  // — radiation level (seed essay 5) —
  leaderTiesPerLeader: { value: 5, reason: 'inward radiation: leader firms each tie to at least this many local SMEs' },
  oemInboundShare: { value: 0.02, reason: 'outward radiation: outside firms working as OEM subcontractors for the place number at least 2 per 100 of its firms (production is being moved out to firms elsewhere; essay 5)' },
  brandShare: { value: 0.02, reason: 'a regional brand: at least this share of the firms carry a brand' },
  // — typology (seed essay 2) —
  foundedAfterDesignation: { value: 0.6, reason: 'formation: a park whose firms mostly (60%) came after its designation was promoted top-down; one built on firms already there was cultivated bottom-up' },
  stateShare: { value: 0.3, reason: 'mechanism: state-owned firms holding 30% of employment make the cluster government-led' },
  affiliateShare: { value: 0.3, reason: 'formation: when 30% of the firms are affiliates of local core firms, the cluster was cultivated around them (bottom-up), not spontaneous' },
  factorShare: { value: 0.5, reason: 'factor intensity: most employment in technology- (or resource-) intensive industries' },
  rdIntensityTechnology: { value: 0.03, reason: 'factor intensity: R&D at 3% of revenue makes a cluster technology-intensive whatever its industry (OECD medium-high R&D intensity ≈ 2.5–5% of value added, Galindo-Rueda & Verger 2016)' },
  labourIntensityRatio: { value: 1.5, reason: 'factor intensity: 50% more employees per unit of output than the region’s other industries, with R&D below 1% of revenue, is labour-intensive assembly even in a technology industry' },
  highTechShare: { value: 0.5, reason: 'industry type: most employment in NBS 2017 high-tech manufacturing, software or R&D' },
  singleLeaderShare: { value: 0.4, reason: 'firm structure: one firm with 40% of the output leads the cluster (单个龙头企业带动型)' },
  largeFirmCr4: { value: 0.3, reason: 'firm structure: large-firm dominated (大企业主导型) when the four largest enterprise groups hold 30% of the output — Bain (1968, Industrial Organization) calls CR4 < 30% an atomistic (competitive) structure and ≥ 30% oligopolistic; below it the cluster is SME dominated (中小企业主导型)' },
  coreTiedShare: { value: 0.3, reason: 'formation: when three firms in ten work for the largest enterprise group (business ties to its plants), the cluster was cultivated around that core firm (bottom-up, 自下而上培育型)' },
  innovativePatentRatio: { value: 2, reason: 'innovation: patents per firm at least twice the study area’s (all firms of the workspace), with innovativeRndShare: creative rather than imitative — an imitative cluster patents at about the common rate' },
  innovativeRndShare: { value: 0.1, reason: 'innovation: at least one firm in ten performs R&D (creative, not imitative)' },
  // — role in regional development —
  pillarShare: { value: 0.05, reason: 'a pillar industry (支柱产业) is customarily one whose value added exceeds 5% of the region’s GDP' },
  entryRate: { value: 0.05, reason: 'snowball effect: new firms each year at least 5% of incumbents' },
} satisfies Record<string, Threshold>;

export type ThresholdName = keyof typeof DEFAULT_THRESHOLDS;
export type Thresholds = Record<ThresholdName, number>;

/** Defaults merged with the user's overrides; unknown names and non-finite values are errors. */
export function resolveThresholds(overrides: Record<string, unknown> = {}): Thresholds {
  const out = Object.fromEntries(Object.entries(DEFAULT_THRESHOLDS).map(([k, t]) => [k, t.value])) as Thresholds;
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in DEFAULT_THRESHOLDS)) {
      throw new InputError('E_OPTION', `diagnosis.thresholds: unknown threshold ${JSON.stringify(k)} (known: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')})`, { field: k, value: v });
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InputError('E_OPTION', `diagnosis.thresholds.${k} must be a finite number, got ${JSON.stringify(v)}`, { field: k, value: v });
    }
    out[k as ThresholdName] = v;
  }
  return out;
}
