/**
 * Cluster Atlas — the library. Everything the CLI does is reachable from here.
 */
export * from './core/errors.js';
export { createRng, type Rng } from './core/rng.js';
export * as geo from './core/geo/index.js';
export * from './model/index.js';
export { jsonSchemas } from './model/json-schema.js';
export { buildWorkspace, openMemory, openWorkspace, type Workspace } from './store/workspace.js';
export { ingest, INGEST_ORDER, type IngestOptions, type IngestProgress, type IngestSummary, type InputSummary } from './io/ingest.js';
export { loadProject, writeProject, PROJECT_FILE, type LoadedProject } from './io/project-file.js';
export { guessProject, sniffFile, type InitResult } from './io/init.js';
export { KINDS, type FieldSpec, type KindSpec, type TabularKind } from './io/fields.js';
export type { Reject } from './io/sources/types.js';
export { generateScenario, writeScenario } from './scenario/index.js';
