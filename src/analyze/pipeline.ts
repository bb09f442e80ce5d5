/**
 * The `analyze` pipeline, shared by the CLI (and later the server): ingest when the workspace is
 * missing or its inputs changed → diagnosis → report data (the measures behind the charts) →
 * outputs in DIR:
 *
 *   report.html                 one self-contained page (lang), see src/report/render.ts
 *   results.json                versioned results (schema: docs/schema/results.schema.json)
 *   layers/regions-<id>.geojson regions with the LQ of candidate <id>'s industry group and its LISA class
 *   layers/candidates.geojson   candidate centres with their labels
 *   layers/candidate-hulls.geojson candidate hulls (convex hulls of their firms)
 *   layers/parks.geojson        park polygons
 *   tables/candidates.csv       one row per candidate
 *   tables/evidence-<id>.csv    the evidence table of candidate <id>
 *
 * Re-running reuses what has not changed: the workspace is rebuilt only when an input file's
 * SHA-256 or the project file changed, and the analysis (diagnosis + measures) only when the key —
 * SHA-256 of the input hashes, the project and the parameters — differs from the one stored in
 * DIR/.cluster-atlas-analyze/cache.json. A different --lang only re-renders the HTML.
 *
 * One run at a time per DIR: the run holds DIR/.cluster-atlas-analyze/lock (`waitForLock`; a
 * second run fails with E_LOCKED naming the holder, or waits up to `wait` seconds), and the files are written as one set with a
 * manifest (src/analyze/outputs.ts `commitOutputs`), so results.json, the tables and cache.json
 * always come from the same run and outputs the run no longer produces are removed.
 *
 * The diagnosis is injected (`deps.diagnose`) so the pipeline can run with any implementation of
 * `diagnoseWorkspace` (tests pass hand-made candidates). Side effects (clock) are injectable.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { DiagnosedCandidate } from '../diagnose/candidate.js';
import { workspacePaths, type PathBlock } from '../diagnose/path/workspace.js';
import { addChainTargets } from './chain-targets.js';
import type { DiagnoseWorkspaceResult } from '../diagnose/workspace.js';
import { ingest, sha256File, type IngestSummary } from '../io/ingest.js';
import { readSectorMap } from '../load/sector-map.js';
import { confineProject, loadProject } from '../io/project-file.js';
import type { ExplicitCandidate } from '../model/project.js';
import { collectReportData } from '../report/collect.js';
import { readCategoryFile } from '../load/cluster-categories.js';
import type { MapRegion, ReportData, ReportLang } from '../report/types.js';
import { openWorkspace, waitForLock } from '../store/workspace.js';
import type { Workspace } from '../store/workspace.js';
import type { Results } from './results-schema.js';
import { buildResults, STATE_DIR, writeOutputs } from './outputs.js';

export { buildResults } from './outputs.js';

/** Bumped whenever the cached analysis would no longer match what this code computes. */
export const ANALYZE_CACHE_FORMAT = 'cluster-atlas-analyze/3';

/** The radius of a candidate's chain place: its chain chart and its chain-gap targets (the Yurun model's 200 km). */
const CHAIN_RADIUS_KM = 200;

export interface DiagnoseOptions {
  seed?: number;
  thresholds?: Record<string, number>;
  /** Candidates named in the project file (`diagnosis.candidates`). */
  candidates?: ExplicitCandidate[];
  simulations?: number;
  /** Industry → IO sector map of the chain gate (the project's `diagnosis.ioSectorMap`, read). */
  sectorMap?: ReadonlyMap<string, string>;
  /** The IO table of the chain gate (the project's `diagnosis.ioTable`). */
  ioTable?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** The diagnosis step: `diagnoseWorkspace` from src/diagnose/workspace.ts, or a stand-in. */
export type DiagnoseFn = (ws: Workspace, options: DiagnoseOptions) => Promise<{ candidates: DiagnosedCandidate[]; warnings: string[] }>;

export type AnalyzeStage = 'ingest' | 'diagnose' | 'measures' | 'write';
export const ANALYZE_STAGES: readonly AnalyzeStage[] = ['ingest', 'diagnose', 'measures', 'write'];

export interface AnalyzeOptions {
  /** Path of cluster-atlas.json. */
  project: string;
  /** Output directory (created). */
  out: string;
  /** Language of report.html. Default 'en'. */
  lang?: ReportLang;
  /** Seed of every random procedure. Default 42. */
  seed?: number;
  /** K-density simulations. Default 99. */
  simulations?: number;
  /** LISA permutations. Default 999. */
  permutations?: number;
  /** LISA weights: queen (default), rook, knn:K. */
  weights?: string;
  /** Significance level. Default 0.05. */
  alpha?: number;
  /** Threshold overrides on top of the project's `diagnosis.thresholds`. */
  thresholds?: Record<string, number>;
  /** Recompute everything even when nothing changed. */
  force?: boolean;
  /** Seconds to wait for another run's lock on DIR or on the workspace (default 0: fail at once with E_LOCKED). */
  wait?: number;
  /**
   * Refuse (E_FILE) an input, classification file or workspace that lies outside the project
   * directory, symlinks resolved (`confineProject`): for project files from someone else.
   */
  confine?: boolean;
  /**
   * Largest number of candidates given charts in the report (default 60): clusters first, then
   * parks, agglomerations, chains, concentrations, by employment. The others are listed in the
   * warnings; `cluster-atlas diagnose` lists every candidate.
   */
  maxCandidates?: number;
  /**
   * The tables come from a ClickHouse cluster (`analyze --engine`): `path` is the local copy of
   * its tables (src/store/engine/clickhouse-pull.ts), `label` the engine for messages. No ingest
   * runs; the analysis key takes the input hashes recorded by the cluster's ingest.
   */
  engineWorkspace?: { path: string; label: string };
  /** The clock. */
  now?: () => Date;
  /** Progress: stage, done, total, detail. */
  onStage?: (stage: AnalyzeStage, done: number, total: number, detail?: string) => void;
  /** Generator version written in the outputs. */
  version?: string;
}

export interface AnalyzeDeps {
  diagnose: DiagnoseFn;
}

export interface AnalyzeSummary {
  out: string;
  report: string;
  results: string;
  files: string[];
  candidates: { id: string; name: { zh: string; en: string }; label: string; stage: string | null; firms: number; employment: number }[];
  reused: { workspace: boolean; analysis: boolean };
  /** Why the workspace was (re)built: null when reused. */
  ingestReason: 'missing' | 'inputs changed' | 'project changed' | 'forced' | null;
  ingest: IngestSummary | null;
  key: string;
  warnings: string[];
  elapsedMs: number;
}

interface Cache {
  format: typeof ANALYZE_CACHE_FORMAT;
  key: string;
  data: ReportData;
  results: Results;
  regions: Record<string, MapRegion[]>;
}

function checkOptions(o: AnalyzeOptions): Required<Pick<AnalyzeOptions, 'lang' | 'seed' | 'simulations' | 'permutations' | 'weights' | 'alpha' | 'maxCandidates'>> {
  const lang = o.lang ?? 'en';
  const seed = o.seed ?? 42;
  const simulations = o.simulations ?? 99;
  const permutations = o.permutations ?? 999;
  const weights = o.weights ?? 'queen';
  const alpha = o.alpha ?? 0.05;
  const maxCandidates = o.maxCandidates ?? 60;
  const bad = (field: string, value: unknown, what: string): never => {
    throw new InputError('E_OPTION', `analyze: ${field} must be ${what}, got ${JSON.stringify(value)}`, { field, value });
  };
  if (lang !== 'zh' && lang !== 'en') bad('lang', lang, "'zh' or 'en'");
  if (!Number.isInteger(seed)) bad('seed', seed, 'an integer');
  if (!(Number.isInteger(simulations) && simulations >= 0)) bad('simulations', simulations, 'an integer ≥ 0');
  if (!(Number.isInteger(permutations) && permutations >= 0)) bad('permutations', permutations, 'an integer ≥ 0');
  if (!/^(queen|rook|knn:[1-9]\d*)$/.test(weights)) bad('weights', weights, 'queen, rook or knn:K');
  if (!(alpha > 0 && alpha < 1)) bad('alpha', alpha, 'a number in (0, 1)');
  if (!(Number.isInteger(maxCandidates) && maxCandidates >= 1)) bad('maxCandidates', maxCandidates, 'an integer ≥ 1');
  return { lang, seed, simulations, permutations, weights, alpha, maxCandidates };
}

const LABEL_ORDER = ['cluster', 'park_hosting_cluster', 'park_without_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration', 'concentration_only', 'none'];

/** The candidates the report draws: by verdict (clusters first), then employment; in their original order. */
export function reportedCandidates<C extends { employment: number; diagnosis: { concepts: { label: string } } }>(all: C[], max: number): C[] {
  if (all.length <= max) return all;
  const keep = new Set([...all].sort((a, b) => LABEL_ORDER.indexOf(a.diagnosis.concepts.label) - LABEL_ORDER.indexOf(b.diagnosis.concepts.label) || b.employment - a.employment).slice(0, max));
  return all.filter((c) => keep.has(c));
}

/** The result of `diagnoseWorkspace` itself (with its resolved thresholds), not a stand-in's. */
function isWorkspaceDiagnosis(d: { candidates: DiagnosedCandidate[]; warnings: string[] }): d is DiagnoseWorkspaceResult {
  return typeof (d as Partial<DiagnoseWorkspaceResult>).thresholds === 'object' && (d as Partial<DiagnoseWorkspaceResult>).thresholds !== null;
}

/** The input hashes the cluster's ingest recorded (its ingest_inputs table), as the analysis key's inputs. */
async function engineInputHashes(path: string): Promise<(readonly [string, string])[]> {
  const ws = await openWorkspace(path, { readOnly: true });
  try {
    const rows = await ws.all<{ kind: string; sha256: string | null }>('SELECT kind, sha256 FROM ingest_inputs ORDER BY kind, file');
    return rows.map((r) => [r.kind, r.sha256 ?? ''] as const);
  } finally {
    ws.close();
  }
}

/** Does the workspace need (re)building, and why? */
async function ingestNeed(wsPath: string, project: unknown, inputs: { kind: string; file: string }[]): Promise<AnalyzeSummary['ingestReason']> {
  if (!existsSync(wsPath)) return 'missing';
  let ws: Workspace;
  try {
    ws = await openWorkspace(wsPath, { readOnly: true });
  } catch (e) {
    // not a readable workspace (E_WORKSPACE: damaged, an older format, not ours): rebuild it; anything else is a bug
    if (e instanceof InputError && e.code === 'E_WORKSPACE') return 'missing';
    throw e;
  }
  try {
    const meta = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'project'");
    if (!meta.length || meta[0].value !== JSON.stringify(project)) return 'project changed';
    const stored = new Map((await ws.all<{ kind: string; sha256: string }>('SELECT kind, sha256 FROM ingest_inputs')).map((r) => [r.kind, r.sha256]));
    if (stored.size !== inputs.length) return 'inputs changed';
    for (const i of inputs) {
      if (!existsSync(i.file)) throw new InputError('E_FILE', `analyze: input ${i.kind}: file not found (resolved to ${i.file})`, { file: i.file, field: i.kind });
      if (stored.get(i.kind) !== await sha256File(i.file)) return 'inputs changed';
    }
    return null;
  } finally {
    ws.close();
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function analyze(options: AnalyzeOptions, deps: AnalyzeDeps): Promise<AnalyzeSummary> {
  const started = Date.now();
  checkOptions(options);
  const loaded = loadProject(options.project);
  if (options.confine) confineProject(loaded);
  const out = resolve(options.out);
  outputDirectory(out);
  const lock = await waitForLock(join(out, STATE_DIR, 'lock'), 'analyze', options.wait);
  try {
    // a dead run that held the lock may have left its staging directory
    if (lock.previous) rmSync(join(out, STATE_DIR, `next-${lock.previous.token}`), { recursive: true, force: true });
    return await analyzeLocked(options, deps, loaded, out, lock.token, started);
  } finally {
    lock.release();
  }
}

/** DIR exists (or is created) as a directory; a regular file in its place is E_FILE. */
function outputDirectory(out: string): void {
  const notDir = (why: string): never => {
    throw new InputError('E_FILE', `analyze: --out ${out} ${why}`, { file: out, field: 'out' });
  };
  if (existsSync(out) && !statSync(out).isDirectory()) notDir('is a file, not a directory');
  try {
    mkdirSync(join(out, STATE_DIR), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EACCES' || code === 'EROFS') notDir(`cannot be created (${code})`);
    throw e;
  }
}

async function analyzeLocked(options: AnalyzeOptions, deps: AnalyzeDeps, loaded: ReturnType<typeof loadProject>, out: string, stagingId: string, started: number): Promise<AnalyzeSummary> {
  const o = checkOptions(options);
  const stage = options.onStage ?? (() => undefined);
  const { project, dir, path: projectPath } = loaded;
  const wsPath = options.engineWorkspace?.path ?? resolve(dir, project.workspace);
  const inputs = Object.entries(project.inputs).filter(([, spec]) => spec !== undefined).map(([kind, spec]) => ({ kind, file: resolve(dir, spec!.file) }));
  const version = options.version ?? VERSION;

  // 1. ingest
  stage('ingest', 0, 1, 'checking inputs');
  let ingestReason = options.engineWorkspace ? null : options.force ? 'forced' as const : await ingestNeed(wsPath, project, inputs);
  let ingestSummary: IngestSummary | null = null;
  if (ingestReason) {
    ingestSummary = await ingest({
      project: projectPath, now: options.now, wait: options.wait,
      onProgress: (p) => stage('ingest', p.index + (p.stage === 'done' ? 1 : 0), p.total, `${p.kind}: ${p.stage}`),
    });
  }
  stage('ingest', 1, 1, options.engineWorkspace ? `tables from ${options.engineWorkspace.label}` : ingestReason ? `built (${ingestReason})` : 'unchanged');

  // 2. the key of the analysis
  const thresholds = { ...(project.diagnosis?.thresholds ?? {}), ...(options.thresholds ?? {}) };
  const sectorMapFile = project.diagnosis?.ioSectorMap === undefined ? undefined : resolve(dir, project.diagnosis.ioSectorMap);
  const sectorMap = sectorMapFile === undefined ? undefined : readSectorMap(sectorMapFile, 'diagnosis.ioSectorMap');
  const categoryFile = project.categories ? resolve(dir, project.categories.file) : undefined;
  const relatedFile = project.categories?.related ? resolve(dir, project.categories.related) : undefined;
  // read before the key: a bad category file is an error before any work, never a silently missing chart
  const categories = categoryFile === undefined ? undefined : readCategoryFile(categoryFile, { relatedFile });
  const hashes = [
    ...(options.engineWorkspace ? await engineInputHashes(options.engineWorkspace.path) : await Promise.all(inputs.map(async (i) => [i.kind, await sha256File(i.file)] as const))),
    ...(sectorMapFile === undefined ? [] : [['diagnosis.ioSectorMap', await sha256File(sectorMapFile)] as const]),
    ...(categoryFile === undefined ? [] : [['categories.file', await sha256File(categoryFile)] as const]),
    ...(relatedFile === undefined ? [] : [['categories.related', await sha256File(relatedFile)] as const]),
  ];
  const key = sha256(JSON.stringify({
    format: ANALYZE_CACHE_FORMAT, version, project, inputs: [...hashes].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    parameters: { seed: o.seed, simulations: o.simulations, permutations: o.permutations, weights: o.weights, alpha: o.alpha, thresholds, maxCandidates: o.maxCandidates },
  }));
  const cachePath = join(out, STATE_DIR, 'cache.json');
  let cache: Cache | null = null;
  if (!options.force && existsSync(cachePath)) {
    try {
      const c = JSON.parse(readFileSync(cachePath, 'utf8')) as Cache;
      if (c.format === ANALYZE_CACHE_FORMAT && c.key === key) cache = c;
    } catch {
      cache = null; // an unreadable cache is recomputed
    }
  }

  let data: ReportData;
  let results: Results;
  let regions: Record<string, MapRegion[]>;
  if (cache) {
    stage('diagnose', 1, 1, 'reused');
    stage('measures', 1, 1, 'reused');
    ({ data, results, regions } = cache);
  } else {
    const ws = await openWorkspace(wsPath, { readOnly: true });
    try {
      stage('diagnose', 0, 1);
      const diagnosis = await deps.diagnose(ws, {
        seed: o.seed, thresholds, candidates: project.diagnosis?.candidates, simulations: o.simulations,
        ...(sectorMap !== undefined ? { sectorMap } : {}), ...(project.diagnosis?.ioTable !== undefined ? { ioTable: project.diagnosis.ioTable } : {}),
        onProgress: (s, done, total) => stage('diagnose', done, Math.max(total, 1), s),
      });
      const ids = new Set<string>();
      for (const c of diagnosis.candidates) {
        if (ids.has(c.id)) throw new InputError('E_OPTION', `analyze: the diagnosis returned candidate id ${c.id} twice`, { field: 'id', value: c.id });
        // the id names files (tables/evidence-<id>.csv): no path separators, no dot-only names
        if (!/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u.test(c.id)) throw new InputError('E_OPTION', `analyze: candidate id ${JSON.stringify(c.id)} cannot name a file`, { field: 'id', value: c.id });
        ids.add(c.id);
      }
      stage('diagnose', 1, 1, `${diagnosis.candidates.length} candidate(s)`);
      const shown = reportedCandidates(diagnosis.candidates, o.maxCandidates);
      if (shown.length < diagnosis.candidates.length) {
        const left = diagnosis.candidates.filter((c) => !shown.includes(c)).map((c) => c.id);
        diagnosis.warnings.push(`the report shows ${shown.length} of ${diagnosis.candidates.length} candidates (--max-candidates ${o.maxCandidates}); left out: ${left.join(', ')} (all are in \`cluster-atlas diagnose\`)`);
        diagnosis.candidates = shown;
      }
      regions = {};
      // development paths (diagnose --trajectory) of the reported candidates, when the diagnosis is the workspace's own (it gives its thresholds)
      let paths: Map<string, PathBlock> | undefined;
      if (isWorkspaceDiagnosis(diagnosis)) {
        stage('diagnose', 1, 1, 'development paths');
        paths = await workspacePaths(ws, { ...diagnosis, candidates: diagnosis.candidates });
        // the unmet "supporting industries" conditions get the place's ranked chain-gap targets (补链/延链/强链)
        await addChainTargets(ws, diagnosis.candidates, paths, CHAIN_RADIUS_KM, diagnosis.warnings);
      }
      stage('measures', 0, Math.max(diagnosis.candidates.length, 1));
      data = await collectReportData(ws, diagnosis.candidates, {
        seed: o.seed, simulations: o.simulations, permutations: o.permutations, weights: o.weights, alpha: o.alpha, now: options.now, version, paths, categories,
        title: project.name ? { zh: project.name, en: project.name } : undefined,
        onProgress: (done, total) => stage('measures', done, total, `candidate ${done}/${total}`),
        onRegions: (id, rows) => { regions[id] = rows; },
      });
      data.warnings = [...new Set([...diagnosis.warnings, ...data.warnings])];
      results = buildResults(data, diagnosis.candidates, {
        key, project: { name: project.name ?? null, file: relative(out, projectPath) || projectPath }, thresholds,
        files: { report: 'report.html', geojson: [], csv: [] }, warnings: data.warnings,
      });
    } finally {
      ws.close();
    }
  }

  // 4. outputs
  stage('write', 0, 1);
  const state = cache ? [] : [{ rel: `${STATE_DIR}/cache.json`, text: JSON.stringify({ format: ANALYZE_CACHE_FORMAT, key, data, results, regions } satisfies Cache) }];
  const files = writeOutputs(out, o.lang, data, results, regions, { state, stagingId });
  stage('write', 1, 1, `${files.length} files`);
  return {
    out, report: join(out, 'report.html'), results: join(out, 'results.json'), files,
    candidates: data.candidates.map((c) => ({ id: c.id, name: c.name, label: c.verdict.label, stage: c.verdict.stage, firms: c.firms, employment: c.employment })),
    reused: { workspace: ingestReason === null, analysis: cache !== null },
    ingestReason: ingestReason ?? null, ingest: ingestSummary, key, warnings: data.warnings, elapsedMs: Date.now() - started,
  };
}
