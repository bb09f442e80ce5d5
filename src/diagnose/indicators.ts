/**
 * The measured indicators of one candidate (an industry group in a place) that the rules read.
 * Every field is optional: what could not be measured is reported as missing in the evidence,
 * never guessed. Shares are fractions in [0, 1].
 */
export interface Indicators {
  /** Establishments and employment of the candidate. */
  firms: number;
  employment?: number;

  // Industrial concentration (aspatial)
  /** Four-firm concentration ratio of the candidate's industry (by the chosen size). */
  cr4?: number;
  /** Herfindahl–Hirschman index on [0, 1]. */
  hhi?: number;
  /** Share of the largest firm (CR1). */
  cr1?: number;
  /** Industry candidates: digits of the classification level at which the industry is concentrated (4 class, 3 group, 2 division). */
  concentrationLevel?: number;

  // Spatial agglomeration
  /** Location quotient of the place in the candidate's industry group. */
  lq?: number;
  /** The candidate is an industry wherever it is (its place is the whole economy): LQ does not apply, localisation alone decides agglomeration. */
  wholeEconomy?: boolean;
  /** Ellison–Glaeser γ of the industry group, and the p-value of its z-test. */
  egGamma?: number;
  egPValue?: number;
  /** Duranton–Overman K-density leaves the global confidence band upwards at some distance. */
  kdLocalised?: boolean;

  // Industrial chain
  /** Supply and subcontract ties among the candidate's firms (anywhere), per firm. */
  chainLinksPerFirm?: number;
  /** Distinct industries (or chain stages) joined by those ties. */
  chainStagesLinked?: number;

  // Industrial park
  /** Park candidates: firms in the park that are not of its related field (reported beside it, not members). */
  otherParkFirms?: number;
  /** Share of the candidate's firms inside a designated park. */
  parkShare?: number;
  /** Share of employment in externally owned firms (external domestic or foreign). */
  externalShare?: number;
  /** Share of the firms' supply/subcontract tie value that leaves the place. */
  outflowShare?: number;

  // Industrial cluster (Porter's three elements)
  /** Share of the candidate's employment in its dominant industry group. */
  dominantFieldShare?: number;
  /** Local ties (both ends in the place, any business type) per firm. */
  localTiesPerFirm?: number;
  /** Share of the firms' business ties that are local. */
  localLinkShare?: number;
  /** Kinds of institution present and linked to the candidate's firms. */
  institutionTypes?: number;
  /** Share of the candidate's firms tied to at least one institution. */
  institutionLinkedShare?: number;

  // Development stage characteristics (seed essay 5)
  /** Share of firms locally owned. */
  localOwnershipShare?: number;
  /** Share of firms below the SME size threshold. */
  smeShare?: number;
  /** Share of firms that supply at least one other local firm (social division of labour). */
  supplierShare?: number;
  /** Joint R&D and technology ties per firm (local). */
  innovationTiesPerFirm?: number;
  /** Patents per firm, and the same over all firms of the study area (benchmark). */
  patentsPerFirm?: number;
  benchmarkPatentsPerFirm?: number;
  /** Share of firms with an R&D function. */
  rndShare?: number;
  /** Share of firms that are members of a chamber or association. */
  memberShare?: number;
  /** Share of firms that are spin-offs of another local firm. */
  spinoffShare?: number;
  /** New firms per year over incumbents (recent years). */
  entryRate?: number;

  // Typology (seed essay 2)
  /** Employment shares in technology- and resource-intensive industries (see model/industry-traits). */
  technologyShare?: number;
  resourceShare?: number;
  /** Employment share in NBS 2017 high-tech manufacturing (and R&D, software). */
  highTechShare?: number;
  /** R&D spending over revenue, all firms of the candidate. */
  rdIntensity?: number;
  /** Employees per unit of output, over the same ratio for the region's other industries. */
  labourIntensityRatio?: number;
  /** Share of firms founded after the park's designation year (firms in parks only). */
  foundedAfterDesignationShare?: number;
  /** Share of employment in state-owned firms. */
  stateShare?: number;
  /** Share of firms whose parent is a local firm (branches, subsidiaries, spin-offs of a core firm). */
  affiliateShare?: number;
  /** Share of the firms (outside the largest enterprise group) with a business tie to that group's plants. */
  coreTiedShare?: number;
  /** Employment share of firms below the SME size. */
  smeEmploymentShare?: number;

  // Radiation level
  /** Technology/joint R&D ties crossing the boundary, inwards and outwards. */
  techInflow?: number;
  techOutflow?: number;
  /** Leader firms (rnd + marketing functions, largest), and their local ties to SMEs. */
  leaders?: number;
  leaderLocalTies?: number;
  /** Outside firms subcontracting (OEM) for the place's firms, relative to its firm count. */
  oemInboundShare?: number;
  /** Share of firms with a brand. */
  brandShare?: number;
}
