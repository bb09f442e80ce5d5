/**
 * Cluster Atlas — the library. Everything the CLI does is reachable from here.
 */
export * from './core/errors.js';
export { createRng, type Rng } from './core/rng.js';
export * as geo from './core/geo/index.js';
export * from './model/index.js';
export { jsonSchemas } from './schemas.js';
export { buildWorkspace, openMemory, openWorkspace, type Workspace } from './store/workspace.js';
export { ingest, INGEST_ORDER, type IngestOptions, type IngestProgress, type IngestSummary, type InputSummary } from './io/ingest.js';
export { loadProject, writeProject, PROJECT_FILE, type LoadedProject } from './io/project-file.js';
export { guessProject, sniffFile, type InitResult } from './io/init.js';
export { KINDS, type FieldSpec, type KindSpec, type TabularKind } from './io/fields.js';
export type { Reject } from './io/sources/types.js';
export { generateScenario, writeScenario } from './scenario/index.js';

// Measures, one namespace per family (names such as `normalUpperTail` recur across families).
export * as concentration from './measures/concentration/index.js';
export * as specialisation from './measures/specialisation/index.js';
export * as zoneAgglomeration from './measures/zone-agglomeration/index.js';
export * as shiftShare from './measures/shift-share/index.js';
export * as clusterStrength from './measures/cluster-strength/index.js';
export * as autocorrelation from './measures/autocorrelation/index.js';
export * as linkages from './measures/linkages/index.js';
export * as network from './measures/network/index.js';
export * as weights from './data/weights/index.js';
export type { MeasureResult, Inference, Provenance } from './measures/result.js';
export { pseudoPValue, type Alternative } from './inference/pseudo-p.js';
export { adjustedRandIndex } from './core/adjusted-rand-index.js';

// Diagnosis rules and planning.
export * as diagnose from './diagnose/index.js';
export * as location from './plan/location/index.js';
export { hubRegions, skater, type HubRegionsOptions, type HubRegionsResult, type SkaterOptions, type SkaterResult } from './plan/regionalisation/index.js';
export * as networkPlan from './plan/network/index.js';
export * as gaps from './plan/gaps/index.js';
export * as relatedness from './measures/relatedness/index.js';
export { factorIntensity, industryType, nbsHighTechCategory, NBS_HIGH_TECH_2017 } from './model/industry-traits.js';
export * as pointPattern from './measures/pointpattern/index.js';
