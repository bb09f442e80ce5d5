/**
 * `cluster-atlas ingest`: read every input the project file names, validate each row, and build
 * a new DuckDB workspace plus a `rejects.csv` beside it. Nothing is dropped silently: a row that
 * fails any check is written to the rejects (file, line, field, value, reason) and counted in the
 * summary. The old workspace is replaced only when the whole build succeeded.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { extname, relative, resolve, dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { CHINA_BBOX, bbox as geometryBbox, bd09ToWgs84, gcj02ToWgs84, polygonCentroid, projectedToWgs84, supportedEpsg, validatePolygon } from '../core/geo/index.js';
import { builtinClassification, type Classification } from '../model/classifications/index.js';
import { loadClassificationFile } from '../load/classifications/load-classification-file.js';
import type { Encoding, InputFormat, InputKind, InputSpec, Project } from '../model/project.js';
import { buildWorkspace, ident, lit, WORKSPACE_FORMAT, type Cell, type Workspace } from '../store/workspace.js';
import { KINDS, type FieldSpec, type TabularKind } from './fields.js';
import { loadChainTemplates, loadIoTable } from './structured.js';
import { loadProject } from './project-file.js';
import { readCsv } from './sources/csv.js';
import { readGeoJson, readJsonRecords } from './sources/json.js';
import { readParquet } from './sources/parquet.js';
import type { RawTable, Reject } from './sources/types.js';
import { readXlsx } from './sources/xlsx.js';
import { validateAndLoad } from './validate.js';
import { RejectSink, writeRejectsCsv, writeRejectsCsvAtomically } from './reject-sink.js';
import { checkNotEmpty } from './empty-input.js';
import { structuralCount } from './sources/structural.js';
import { checkInputFile, isRegularFile } from './input-file.js';
import { withReferenceChecks } from './references.js';
import { assignPointAreas } from './assign-areas.js';
import { fillBuiltinRegions, reportUnlistedPlacements } from './builtin-regions.js';
import { placementSummary } from './register-fields.js';

export type IngestStage = 'read' | 'validate' | 'load' | 'done';

export interface IngestProgress {
  kind: InputKind;
  stage: IngestStage;
  /** Index of this input among those being ingested, and their count. */
  index: number;
  total: number;
}

export interface IngestOptions {
  /** Path of cluster-atlas.json. */
  project: string;
  /** Workspace path (default: the project's `workspace`, relative to the project file). */
  workspace?: string;
  /** Any reject is fatal: the old workspace and its rejects.csv are kept; the findings go to `rejects-refused.csv`. */
  strict?: boolean;
  /** Reject points outside the regions' extent (overrides the project's `ingest.strictArea`). */
  strictArea?: boolean;
  /** Park codes from the park polygons (overrides the project's `ingest.parkPolygons`). */
  parkPolygons?: boolean;
  /** Seconds to wait for another run's lock on the workspace (default 0: fail at once with E_LOCKED). */
  wait?: number;
  /** Override the encoding of every CSV input. */
  encoding?: Encoding;
  /** The clock, injectable for tests: founding years after this year are rejected. */
  now?: () => Date;
  onProgress?: (p: IngestProgress) => void;
  /** Test hook: called between stages; throwing here simulates a crash mid-ingest. */
  afterStage?: (kind: InputKind, stage: IngestStage) => void | Promise<void>;
}

export interface InputSummary {
  kind: InputKind;
  file: string;
  format: InputFormat;
  encoding?: string;
  rows: number;
  loaded: number;
  rejected: number;
  sha256: string;
}

export interface IngestSummary {
  workspace: string;
  rejectsFile: string;
  inputs: InputSummary[];
  rejectsByReason: Record<string, number>;
  rejectedRows: number;
  findings: number;
  /** The first finding of each reason, as examples for the summary (all are in rejects.csv). */
  examples: Reject[];
  warnings: string[];
  /** Loaded firms and institutions outside the study area (`in_study_area = false`). */
  outsideStudyArea: { firms: number; institutions: number };
  /** Firms and institutions that got their park code from a park polygon (0 when turned off). */
  parkFromPolygon: { firms: number; institutions: number };
  /** The settings used: outside points rejected, parks assigned by polygon. */
  strictArea: boolean; parkPolygons: boolean;
  elapsedMs: number;
}

/** Beside the workspace: the findings of an `ingest --strict` that refused to replace it. */
export const REFUSED_REJECTS_FILE = 'rejects-refused.csv';

/** Order matters: later inputs are checked against earlier ones (regions before firms, firms before links). */
export const INGEST_ORDER: InputKind[] = ['regions', 'parks', 'firms', 'institutions', 'links', 'regionalStats', 'ioTable', 'chainTemplates'];

export function formatOf(spec: InputSpec): InputFormat {
  if (spec.format) return spec.format;
  const ext = extname(spec.file).toLowerCase();
  switch (ext) {
    case '.csv': case '.txt': return 'csv';
    case '.tsv': case '.tab': return 'tsv';
    case '.parquet': case '.pq': return 'parquet';
    case '.xlsx': case '.xlsm': return 'xlsx';
    case '.geojson': return 'geojson';
    case '.json': return 'json';
    default:
      throw new InputError('E_FILE', `${spec.file}: cannot tell the format from the extension ${JSON.stringify(ext)}; set "format" (csv, tsv, parquet, xlsx, geojson, json)`, { file: spec.file, field: 'format' });
  }
}

export async function readRaw(ws: Workspace, spec: InputSpec, file: string, label: string, table: string, encoding?: Encoding): Promise<RawTable & { encoding?: string }> {
  const format = formatOf(spec);
  checkInputFile(file, label);
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsv({ ws, table, file, label, encoding: encoding ?? spec.encoding ?? 'auto', delimiter: spec.delimiter ?? (format === 'tsv' ? '\t' : undefined) });
    case 'parquet':
      return readParquet({ ws, table, file, label });
    case 'xlsx':
      return readXlsx({ ws, table, file, label, sheet: spec.sheet });
    case 'geojson':
      return readGeoJson({ ws, table, file, label });
    case 'json':
      return readJsonRecords({ ws, table, file, label });
  }
}

function sqlType(f: FieldSpec): string {
  switch (f.type) {
    case 'number': return 'DOUBLE';
    case 'integer': case 'year': return 'INTEGER';
    case 'list': return 'VARCHAR[]';
    case 'capital': return 'DOUBLE';
    default: return 'VARCHAR';
  }
}

const AREA_COLUMNS = ['min_lon', 'min_lat', 'max_lon', 'max_lat', 'centroid_lon', 'centroid_lat'];

async function createSchema(ws: Workspace): Promise<void> {
  for (const spec of Object.values(KINDS)) {
    const cols = spec.fields.map((f) => `${ident(f.column)} ${sqlType(f)}`);
    for (const d of spec.derived ?? []) cols.push(`${ident(d.column)} ${d.sql}`); // how a firm was placed, its industry text (register exports)
    if (spec.kind === 'regions' || spec.kind === 'parks') cols.push(...AREA_COLUMNS.map((c) => `${c} DOUBLE`));
    // false: a point outside the regions' extent or in no region polygon (kept, see docs/ingest.md "Outside the study area")
    if (spec.kind === 'firms' || spec.kind === 'institutions') cols.push('in_study_area BOOLEAN DEFAULT true');
    await ws.run(`CREATE TABLE ${spec.table} (${cols.join(', ')})`);
  }
  await ws.run('CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  await ws.run('CREATE TABLE rejects (file VARCHAR, line INTEGER, field VARCHAR, value VARCHAR, reason VARCHAR, detail VARCHAR)');
  await ws.run('CREATE TABLE ingest_inputs (kind VARCHAR, file VARCHAR, format VARCHAR, encoding VARCHAR, rows BIGINT, loaded BIGINT, rejected BIGINT, sha256 VARCHAR)');
  await ws.run('CREATE TABLE io_sectors (table_id VARCHAR, idx INTEGER, code VARCHAR, name VARCHAR, final_demand DOUBLE, total_output DOUBLE)');
  await ws.run('CREATE TABLE io_flows (table_id VARCHAR, row_idx INTEGER, col_idx INTEGER, value DOUBLE)');
  await ws.run('CREATE TABLE chain_templates (id VARCHAR, name VARCHAR)');
  await ws.run('CREATE TABLE chain_stages (template_id VARCHAR, stage_id VARCHAR, name VARCHAR, ord INTEGER, role VARCHAR, industries VARCHAR[])');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((res, rej) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => res(h.digest('hex'))).on('error', rej);
  });
}

/** Convert a coordinate pair from the project CRS to WGS84. */
export function crsConverter(crs: string): ((x: number, y: number) => [number, number]) | undefined {
  if (crs === 'WGS84') return undefined;
  if (crs === 'GCJ-02') return gcj02ToWgs84;
  if (crs === 'BD-09') return bd09ToWgs84;
  const epsg = Number(crs.slice(5));
  if (epsg === 4326 || epsg === 4490) return undefined; // geographic WGS84 / CGCS2000
  if (!supportedEpsg(epsg)) {
    throw new InputError('E_CRS', `crs ${crs} is not supported: use WGS84, GCJ-02, BD-09, or EPSG 3857, 326xx/327xx (UTM), 4491–4554 (CGCS2000 Gauss–Krüger)`, { field: 'crs', value: crs });
  }
  return (x, y) => projectedToWgs84(epsg, x, y);
}

function isGeographic(crs: string): boolean {
  return crs === 'WGS84' || crs === 'GCJ-02' || crs === 'BD-09' || crs === 'EPSG:4326' || crs === 'EPSG:4490';
}

function convertCoordinates(geometry: { type: string; coordinates: unknown }, convert: (x: number, y: number) => [number, number]): void {
  const walk = (c: unknown): unknown => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = convert(c[0] as number, c[1] as number);
      return [x, y, ...c.slice(2)];
    }
    return Array.isArray(c) ? c.map(walk) : c;
  };
  geometry.coordinates = walk(geometry.coordinates);
}

/**
 * Validate the polygons of regions or parks in JS (reprojecting them first), report the bad
 * ones to the validator, and keep the good ones with their extents, keyed by id, in `table`.
 */
async function prepareGeometries(
  ws: Workspace, parsed: string, idColumn: string, geometryColumn: string, table: string,
  convert: ((x: number, y: number) => [number, number]) | undefined, geographic: boolean,
): Promise<Map<number, { reason: string; detail: string; value: string }>> {
  const errors = new Map<number, { reason: string; detail: string; value: string }>();
  const rows = await ws.all<{ rid: number; id: string | null; g: string }>(
    `SELECT rowid AS rid, ${idColumn} AS id, ${geometryColumn} AS g FROM ${parsed} WHERE ${geometryColumn} IS NOT NULL`,
  );
  const good: Cell[][] = [];
  for (const r of rows) {
    const short = r.g.slice(0, 120);
    let g: { type: string; coordinates: unknown };
    try {
      g = JSON.parse(r.g);
    } catch {
      errors.set(Number(r.rid), { reason: 'bad_geometry_json', detail: 'geometry is not GeoJSON text', value: short });
      continue;
    }
    const check = validatePolygon(g as never, { geographic });
    if (!check.ok) {
      errors.set(Number(r.rid), { reason: 'invalid_geometry', detail: `${check.reason}: ${check.detail}`, value: short });
      continue;
    }
    if (convert) convertCoordinates(g, convert);
    if (r.id === null) continue; // a missing id is reported by the validator
    good.push([r.id, JSON.stringify(g), ...geometryBbox(g as never), ...polygonCentroid(g as never)]);
  }
  await ws.run(`CREATE TEMP TABLE ${ident(table)} (id VARCHAR, geometry VARCHAR, ${AREA_COLUMNS.map((c) => `${c} DOUBLE`).join(', ')})`);
  await ws.append(table, ['varchar', 'varchar', ...AREA_COLUMNS.map(() => 'double' as const)], good, { temp: true });
  return errors;
}

/** Reproject the points of firms or institutions in place. */
async function reprojectPoints(ws: Workspace, table: string, convert: (x: number, y: number) => [number, number]): Promise<void> {
  const cols = (await ws.connection.runAndReadAll(`SELECT id, lon, lat FROM ${table} WHERE lon IS NOT NULL`)).getColumns();
  const [ids, xs, ys] = cols as [string[], number[], number[]];
  await ws.run(`CREATE TEMP TABLE ${table}__xy (id VARCHAR, lon DOUBLE, lat DOUBLE)`);
  await ws.append(`${table}__xy`, ['varchar', 'double', 'double'], ids.map((id, i) => [id, ...convert(xs[i], ys[i])]), { temp: true });
  await ws.run(`UPDATE ${table} SET lon = x.lon, lat = x.lat FROM ${table}__xy x WHERE ${table}.id = x.id`);
  await ws.run(`DROP TABLE ${table}__xy`);
}

function loadClassification(project: Project, dir: string): Classification {
  return project.classificationFile
    ? loadClassificationFile(resolve(dir, project.classificationFile), project.industryCodeSystem)
    : builtinClassification(project.industryCodeSystem);
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { project, dir, path: projectPath } = loadProject(options.project);
  const wsPath = resolve(options.workspace ?? resolve(dir, project.workspace));
  const rejectsFile = resolve(dirname(wsPath), 'rejects.csv');
  const classification = loadClassification(project, dir);
  const convert = crsConverter(project.crs);
  const geographic = isGeographic(project.crs);
  const now = (options.now ?? (() => new Date()))();
  const currentYear = now.getUTCFullYear();
  const kinds = INGEST_ORDER.filter((k) => project.inputs[k] !== undefined);
  const inputs: InputSummary[] = [];
  let sink: RejectSink | undefined;
  const warnings: string[] = [];
  let rejectedRows = 0;
  const strictArea = options.strictArea ?? project.ingest?.strictArea ?? false;
  const parkPolygons = options.parkPolygons ?? project.ingest?.parkPolygons ?? true;
  const outsideStudyArea = { firms: 0, institutions: 0 };
  const parkFromPolygon = { firms: 0, institutions: 0 };

  await buildWorkspace(wsPath, async (ws, [rejectsStaged]) => {
    await createSchema(ws);
    const rejects = new RejectSink(ws);
    sink = rejects;
    const has = { regions: false, parks: false, firms: false, institutions: false };
    let studyBbox: [number, number, number, number] | undefined;
    for (const [index, kind] of kinds.entries()) {
      const spec = project.inputs[kind]!;
      const file = resolve(dir, spec.file);
      const label = relative(process.cwd(), file) || spec.file;
      const progress = (stage: IngestStage): void => options.onProgress?.({ kind, stage, index, total: kinds.length });
      progress('read');
      // Hash while DuckDB reads (the event loop is idle during its work).
      const hashing = isRegularFile(file) ? sha256File(file) : Promise.resolve('');
      hashing.catch(() => undefined); // a read error surfaces from the reader, not as an unhandled rejection
      if (kind === 'ioTable' || kind === 'chainTemplates') {
        const r = kind === 'ioTable'
          ? await loadIoTable({ ws, spec, file, label, classification, readRaw })
          : await loadChainTemplates({ ws, spec, file, label, classification });
        await rejects.addAll(r.rejects);
        for (const w of r.warnings) warnings.push(w);
        rejectedRows += r.rejected;
        inputs.push({ kind, file: label, format: formatOf(spec), rows: r.rows, loaded: r.loaded, rejected: r.rejected, sha256: await hashing });
        await options.afterStage?.(kind, 'load');
        progress('done');
        continue;
      }
      const kspec = KINDS[kind as TabularKind];
      const raw = await readRaw(ws, spec, file, label, `raw_${kind}`, options.encoding);
      await options.afterStage?.(kind, 'read');
      progress('validate');
      const geometryTable = kind === 'regions' || kind === 'parks' ? `${kind}__geom` : undefined;
      const result = await withReferenceChecks({ ws, kind, raw, warnings }, () => validateAndLoad({
        ws, raw, spec: kspec, input: spec, currency: project.currency, classification, currentYear, geographic, register: project.register,
        studyBbox: kind === 'firms' || kind === 'institutions' ? studyBbox : undefined,
        strictArea,
        expectedBbox: project.industryCodeSystem === 'GB/T 4754-2017' ? CHINA_BBOX : undefined,
        has, sink: rejects,
        prepareGeometry: geometryTable ? (parsed, idColumn, geometryColumn) => prepareGeometries(ws, parsed, idColumn, geometryColumn, geometryTable, convert, geographic) : undefined,
      }));
      await options.afterStage?.(kind, 'validate');
      progress('load');
      if (geometryTable && (await ws.all(`SELECT 1 FROM duckdb_tables() WHERE table_name = ${lit(geometryTable)}`)).length) {
        const key = kind === 'regions' ? 'code' : 'id';
        const sets = ['geometry', ...AREA_COLUMNS].map((c) => `${c} = g.${c}`).join(', ');
        await ws.run(`UPDATE ${kspec.table} SET ${sets} FROM ${ident(geometryTable)} g WHERE ${kspec.table}.${key} = g.id`);
        await ws.run(`DROP TABLE ${ident(geometryTable)}`);
      }
      if (convert && (kind === 'firms' || kind === 'institutions')) await reprojectPoints(ws, kspec.table, convert);
      if ((kind === 'firms' || kind === 'institutions') && result.loaded > 0) {
        const a = await assignPointAreas(ws, kind, has, parkPolygons, warnings);
        parkFromPolygon[kind] = a.parkFromPolygon;
        outsideStudyArea[kind] = a.outside;
      }
      for (const n of result.notes) warnings.push(n); // industry texts given as names
      if (kind === 'firms') { // register exports: how firms were placed (docs/ingest.md, "Enterprise registers")
        const line = await placementSummary(ws, rejects.byReason.not_placed ?? 0);
        if (line) warnings.push(line);
      }
      if (kind === 'regions') {
        const [b] = await ws.all<{ a: number | null; b: number | null; c: number | null; d: number | null }>(
          'SELECT min(min_lon) a, min(min_lat) b, max(max_lon) c, max(max_lat) d FROM regions',
        );
        if (b.a !== null && geographic) studyBbox = [b.a - 0.5, b.b! - 0.5, b.c! + 0.5, b.d! + 0.5];
      }
      for (const w of raw.warnings ?? []) warnings.push(w);
      const empty = checkNotEmpty(kind, raw, !spec.allowEmpty);
      if (empty) warnings.push(empty);
      const rejected = structuralCount(raw) + result.rejectedRows;
      rejectedRows += rejected;
      inputs.push({
        kind, file: label, format: formatOf(spec), encoding: (raw as { encoding?: string }).encoding,
        rows: raw.rowCount + structuralCount(raw), loaded: result.loaded, rejected, sha256: await hashing,
      });
      if (kind in has) (has as Record<string, boolean>)[kind] = result.loaded > 0 || raw.rowCount > 0;
      await options.afterStage?.(kind, 'load');
      progress('done');
    }

    // No regions file: the divisions the data refers to, from the shipped table (builtin-regions.ts).
    if (!project.inputs.regions) await fillBuiltinRegions(ws, warnings);
    else await reportUnlistedPlacements(ws, warnings);

    // Rejects, inputs and metadata.
    await rejects.flush();
    await ws.append('ingest_inputs', ['varchar', 'varchar', 'varchar', 'varchar', 'bigint', 'bigint', 'bigint', 'varchar'],
      inputs.map((i) => [i.kind, i.file, i.format, i.encoding ?? null, i.rows, i.loaded, i.rejected, i.sha256]));
    const meta: Record<string, string> = {
      format: WORKSPACE_FORMAT,
      project: JSON.stringify(project),
      project_path: projectPath,
      industry_code_system: project.industryCodeSystem,
      classification_complete: String(classification.complete),
      crs_input: project.crs,
      crs: 'WGS84',
      currency: project.currency,
      ingested_at: now.toISOString(),
    };
    await ws.append('meta', ['varchar', 'varchar'], Object.entries(meta));
    if (options.strict && rejects.count > 0) {
      // The refused run's rejects get their own file: rejects.csv stays the one of the workspace kept.
      const refusedFile = resolve(dirname(wsPath), REFUSED_REJECTS_FILE);
      await writeRejectsCsvAtomically(ws, refusedFile);
      throw new InputError('E_REJECTS', `--strict: ${rejectedRows} row(s) rejected (${rejects.count} finding(s)); see ${relative(process.cwd(), refusedFile)}; the previous workspace and its rejects.csv are unchanged`, {
        file: refusedFile, value: rejectedRows,
      });
    }
    // Written under its staged name; buildWorkspace swaps it in with the workspace.
    await writeRejectsCsv(ws, rejectsStaged);
  }, { companions: [rejectsFile], waitSeconds: options.wait });

  const { byReason: rejectsByReason, examples, count: findings } = sink!;
  return {
    workspace: wsPath, rejectsFile, inputs, rejectsByReason, rejectedRows, findings, examples, warnings,
    outsideStudyArea, parkFromPolygon, strictArea, parkPolygons, elapsedMs: Date.now() - started,
  };
}
