/** Network family: firm and institution networks (pure functions over typed columns). */
export { firmNetwork, LINK_TYPES, type FirmNetwork, type NodeRecord, type LinkRecord, type Scope, type WeightMode, type MissingValue } from './types.js';
export { firmGraph, type FirmNodeAttributes, type FirmEdgeAttributes } from './firm-graph.js';
export { networkDensity, type NetworkDensityValue } from './network-density.js';
export { reciprocity } from './reciprocity.js';
export { degreeCentrality, type DegreeCentralityValue } from './degree-centrality.js';
export { betweennessCentrality, type BetweennessOptions, type BetweennessValue } from './betweenness-centrality.js';
export { modularity, type ModularityOptions } from './modularity.js';
export { louvainCommunities, type LouvainOptions, type LouvainValue } from './louvain-communities.js';
export { localEmbeddedness, type EmbeddednessOptions, type EmbeddednessValue } from './local-embeddedness.js';
export { institutionalTies, type InstitutionalTiesValue, type InstitutionTypeTies } from './institutional-ties.js';
export { boundaryFlows, type BoundaryFlowsRow, type FlowTotals } from './boundary-flows.js';
export { chainCompleteness, type ChainCompletenessOptions, type ChainCompletenessValue, type ChainStageResult, type ChainFlowResult } from './chain-completeness.js';
