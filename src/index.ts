/**
 * Cluster Atlas — the library. Everything the CLI does is reachable from here: the main job
 * (`analyze`, as `cluster-atlas analyze`), the diagnosis of a workspace (`diagnoseWorkspace`, as
 * `cluster-atlas diagnose`), the report (`collectReportData` + `renderReport`), ingest, the
 * loaders from a workspace to typed structures, every measure family and the planning models.
 * docs/architecture.md describes the layers behind these exports.
 */
import { analyze as analyzeWith, type AnalyzeOptions, type AnalyzeSummary } from './analyze/pipeline.js';
import { diagnoseWorkspace } from './diagnose/workspace.js';

export * from './core/errors.js';
export { VERSION } from './core/version.js';
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
export { generateScenario, writeScenario, writeRegisterVariant } from './scenario/index.js';
export { loadClassificationFile, type LoadClassificationOptions } from './load/classifications/load-classification-file.js';
export { loadCrosswalkFile } from './load/classifications/load-crosswalk-file.js';
// enterprise registers: credit codes, China's divisions (GB/T 2260 2024 + 1981–2024 changes), addresses, the built-in base map
export { validateUscc, usccCheckChar, orgCodeCheckChar, type UsccResult, type UsccParts, type UsccProblem } from './core/uscc.js';
export { cnDivisions, currentDivisions, lineage, commonAncestor, type Division, type DivisionLevel, type DivisionTable, type CurrentDivisions, type HistoricalDivision } from './model/divisions/cn-divisions.js';
export { addressMatcher, shortName, type AddressMatch, type AddressMatcher, type MatchConfidence } from './load/divisions/match-address.js';
export { baseMapFiles, builtinBaseMap, builtinOutline, BUILTIN_BOUNDARY_SOURCE, type BaseMapFeature, type BaseMapFiles, type BaseMapLevel, type BaseMapUnit, type BuiltinBaseMap } from './load/basemap.js';

// The main job, the diagnosis and the report.
/**
 * The whole pipeline on a project file, as `cluster-atlas analyze`: ingest when the inputs changed,
 * diagnose every candidate, measure, and write report.html, results.json, GeoJSON and CSV to
 * `options.out`. The diagnosis is `diagnoseWorkspace`.
 */
export function analyze(options: AnalyzeOptions): Promise<AnalyzeSummary> {
  return analyzeWith(options, { diagnose: diagnoseWorkspace });
}
export { ANALYZE_STAGES, type AnalyzeOptions, type AnalyzeStage, type AnalyzeSummary } from './analyze/pipeline.js';
export { diagnoseWorkspace, type DiagnoseWorkspaceOptions, type DiagnoseWorkspaceResult } from './diagnose/workspace.js';
export type { DiagnosedCandidate } from './diagnose/candidate.js';
export { collectReportData, renderReport, type CollectOptions, type ReportData, type ReportLang } from './report/index.js';

// Loaders: workspace → typed structures (src/load/).
export { loadStatsMatrix, loadStatsPanel, loadFirmAggregates, loadFirmSizes, loadFirmSizesByIndustry } from './load/region-industry.js';
export { loadFirmNetwork, parsePlace, type PlaceSpec, type LoadedFirmNetwork } from './load/firm-network.js';
export { readIoTable, parseIoGrid, type IoReadOptions, type IoReadResult } from './load/io-table-file.js';
export { loadIoTableFromWorkspace } from './load/io-table-workspace.js';
export { loadChainFirms } from './load/chain-firms.js';
export { loadGapInputs } from './load/gap-inputs.js';
export { groupRegionMatrix, placeMatrix, missingSizesWarning, type SizeTally } from './data/firm-sizes.js';
export { regionIndustryMatrix, type RegionIndustryMatrix } from './data/concentration-matrix.js';
export { plantMoments, type PlantMoments } from './data/concentration-plants.js';
// `pointPattern` is the point-pattern measures' namespace below, so the constructor is exported as `makePointPattern`.
export { pointPattern as makePointPattern, type PointPattern } from './data/point-pattern.js';
// Worker threads for the permutation and simulation measures (Node only).
export { createPermutationPool, type PermutationPool } from './runtime/worker-pool.js';
export { workerRunner } from './runtime/simulation-worker.js';

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
export type { MeasureResult, Inference, Provenance, GlobalTestInference, LocalTestInference, EnvelopeInference, AnalyticTestInference, EnvelopeNullModel, NormalTest, PermutationTest, TestAlternative } from './measures/result.js';
export { pseudoPValue, type Alternative } from './inference/pseudo-p.js';
export { adjustedRandIndex } from './core/adjusted-rand-index.js';

// Diagnosis rules and planning.
export * as diagnose from './diagnose/index.js';
export * as location from './plan/location/index.js';
export { hubRegions, skater, type HubRegionsOptions, type HubRegionsResult, type SkaterOptions, type SkaterResult } from './plan/regionalisation/index.js';
export * as clusterNetwork from './plan/cluster-network/index.js';
export * as gaps from './plan/gaps/index.js';
export * as relatedness from './measures/relatedness/index.js';
export { factorIntensity, industryType, nbsHighTechCategory, NBS_HIGH_TECH_2017 } from './model/industry-traits.js';
export * as pointPattern from './measures/pointpattern/index.js';
