/**
 * The API routes, as one table: method, path, schemas, documented responses and the handler.
 * The table feeds both Fastify (src/serve/app.ts) and the OpenAPI document. Outputs are the
 * files `analyze`, `ingest` and the planning verbs wrote (results.json, layers/*.geojson,
 * tables/*.csv, report.html, rejects.csv; the report's chart data from analyze's own state):
 * served as they are, never recomputed here.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANALYZE_CACHE_FORMAT } from '../analyze/pipeline.js';
import { STATE_DIR } from '../analyze/outputs.js';
import { parseCsvRecords } from '../core/csv.js';
import { loadChainTemplates } from '../load/firm-network.js';
import { clientLabels } from '../report/i18n.js';
import { openWorkspace } from '../store/workspace.js';
import { guessProject } from '../io/init.js';
import { confineProject, loadProject, writeProject } from '../io/project-file.js';
import type { Auth } from './auth.js';
import { COOKIE } from './auth.js';
import { HttpError, notFound } from './errors.js';
import { isTerminal, type Job, type JobManager } from './jobs.js';
import type { RouteDoc } from './openapi.js';
import { CreateProjectBody, type ProjectStore } from './projects.js';
import * as S from './schemas.js';
import { checkUploadName, listUploads, receiveUpload, type UploadLimits } from './uploads.js';

export interface Input { params: Record<string, string>; query: Record<string, unknown>; body: unknown }
export type Handler = (input: Input, req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
export interface Route extends RouteDoc { handler: Handler }

interface Ctx { store: ProjectStore; jobs: JobManager; auth: Auth; limits: UploadLimits }

const E400 = 'invalid parameters, query or body';
const E404 = 'no such project (or item)';

/**
 * Output files are read once per version: the bytes (and, for results.json, the parsed value) are
 * kept while the file's size, mtime and inode stay the same — analyze replaces its outputs by
 * rename, so a new run is a new inode. At most 64 files are kept.
 */
const CACHE = new Map<string, { key: string; bytes: Buffer; parsed?: unknown }>();

function cached(path: string): { bytes: Buffer; entry: { parsed?: unknown } } | null {
  let st;
  try {
    st = statSync(path);
  } catch {
    return null;
  }
  if (!st.isFile()) return null;
  const key = `${st.ino}:${st.size}:${st.mtimeMs}`;
  let e = CACHE.get(path);
  if (!e || e.key !== key) {
    e = { key, bytes: readFileSync(path) };
    CACHE.delete(path);
    CACHE.set(path, e);
    if (CACHE.size > 64) CACHE.delete(CACHE.keys().next().value!);
  }
  return { bytes: e.bytes, entry: e };
}

function sendFile(reply: FastifyReply, path: string, type: string, what: string): FastifyReply {
  const f = cached(path);
  if (!f) throw notFound(what);
  return reply.header('content-type', type).header('cache-control', 'no-cache').send(f.bytes);
}

function resultsPath(paths: { out: string }): string {
  return join(paths.out, 'results.json');
}

function results(paths: { out: string }): { candidates: { id: string }[] } & Record<string, unknown> {
  const f = cached(resultsPath(paths));
  if (!f) throw new HttpError(404, 'E_NOT_FOUND', 'no results yet: run an analyze job first', { field: 'results' });
  f.entry.parsed ??= JSON.parse(f.bytes.toString('utf8'));
  return f.entry.parsed as { candidates: { id: string }[] };
}

/** The rejects file that `ingest` writes beside the workspace. */
function rejectsPath(projectFile: string): string {
  const loaded = loadProject(projectFile);
  return join(loaded.dir, loaded.project.workspace, '..', 'rejects.csv');
}

export function routes(ctx: Ctx): Route[] {
  const { store, jobs, auth, limits } = ctx;
  const project = (i: Input) => store.get(i.params.project);
  const job = (i: Input): Job => {
    const j = jobs.get(project(i).id, i.params.job);
    if (!j) throw notFound(`job ${JSON.stringify(i.params.job)}`, { field: 'job', value: i.params.job });
    return j;
  };
  return [
    {
      method: 'GET', url: '/api/health', summary: 'liveness and whether a token is required', responses: { 200: 'ok' },
      handler: async () => ({ ok: true, tokenRequired: auth.required }),
    },
    {
      method: 'GET', url: '/auth', summary: 'spend a one-time code: sets the token cookie and redirects to the dashboard', query: S.AuthQuery,
      responses: { 302: 'cookie set', 401: 'unknown or spent code' },
      handler: async (i, _req, reply) => {
        if (!auth.token || !auth.redeem(String(i.query.code))) throw new HttpError(401, 'E_UNAUTHORIZED', 'this one-time link is unknown or was used already', {});
        return reply.header('set-cookie', `${COOKIE}=${encodeURIComponent(auth.token)}; Path=/; HttpOnly; SameSite=Strict`).redirect('/', 302);
      },
    },
    {
      method: 'POST', url: '/api/auth/link', summary: 'a new one-time login URL path (only when a token is required)', responses: { 200: 'the path', 409: 'no token in use' },
      handler: async () => {
        if (!auth.token) throw new HttpError(409, 'E_CONFLICT', 'this server needs no token (loopback without --token)', {});
        return { path: `/auth?code=${auth.oneTimeCode()}` };
      },
    },
    {
      method: 'GET', url: '/api/projects', summary: 'list projects', responses: { 200: 'projects' },
      handler: async () => ({ projects: store.list().map(({ id, name, created }) => ({ id, name, created, busy: jobs.busy(id) })) }),
    },
    {
      method: 'POST', url: '/api/projects', summary: 'create a project', body: CreateProjectBody, responses: { 201: 'created', 400: E400 },
      handler: async (i, _req, reply) => {
        const { id, name, created } = store.create((i.body as { name: string }).name);
        return reply.status(201).send({ id, name, created });
      },
    },
    {
      method: 'GET', url: '/api/projects/:project', summary: 'a project: its files, mapping, last jobs and whether results exist', params: S.ProjectParams, responses: { 200: 'project', 404: E404 },
      handler: async (i) => {
        const p = project(i);
        const list = jobs.list(p.id);
        return {
          id: p.id, name: p.name, created: p.created, files: listUploads(p.paths.data), mapped: existsSync(p.paths.projectFile),
          results: existsSync(join(p.paths.out, 'results.json')), jobs: list.slice(-20),
        };
      },
    },
    {
      method: 'DELETE', url: '/api/projects/:project', summary: 'delete a project (refused while a job is queued or running)', params: S.ProjectParams, responses: { 204: 'deleted', 404: E404, 409: 'a job is queued or running' },
      handler: async (i, _req, reply) => {
        const p = project(i);
        if (jobs.busy(p.id)) throw new HttpError(409, 'E_CONFLICT', `project ${p.id} has a queued or running job; cancel it first`, { field: 'project', value: p.id });
        store.delete(p.id);
        return reply.status(204).send();
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/files', summary: 'uploaded files', params: S.ProjectParams, responses: { 200: 'files', 404: E404 },
      handler: async (i) => ({ files: listUploads(project(i).paths.data) }),
    },
    {
      method: 'PUT', url: '/api/projects/:project/files/:name', summary: 'upload a file (raw body, streamed; size limit; name and content checked)', params: S.FileParams, rawBody: true,
      responses: { 201: 'stored', 400: 'bad name', 404: E404, 409: 'a job is running', 413: 'over the size limit', 415: 'content does not match the extension', 422: 'unreadable file' },
      handler: async (i, req, reply) => {
        const p = project(i);
        const body = i.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') throw new HttpError(400, 'E_BAD_REQUEST', 'send the file as the raw request body (Content-Type: application/octet-stream)', {});
        if (jobs.busy(p.id)) {
          req.raw.resume();
          throw new HttpError(409, 'E_CONFLICT', 'a job of this project is queued or running; upload when it is done', { field: 'project', value: p.id });
        }
        try {
          const f = await receiveUpload(body, p.paths.data, i.params.name, limits);
          return reply.status(201).send(f);
        } catch (e) {
          if (e instanceof HttpError && e.status === 413) reply.header('connection', 'close');
          throw e;
        }
      },
    },
    {
      method: 'DELETE', url: '/api/projects/:project/files/:name', summary: 'remove an uploaded file', params: S.FileParams, responses: { 204: 'removed', 400: 'bad name', 404: E404, 409: 'a job is running' },
      handler: async (i, _req, reply) => {
        const p = project(i);
        const name = checkUploadName(i.params.name);
        if (jobs.busy(p.id)) throw new HttpError(409, 'E_CONFLICT', 'a job of this project is queued or running', { field: 'project', value: p.id });
        if (!listUploads(p.paths.data).some((f) => f.name === name)) throw notFound(`file ${JSON.stringify(name)}`, { field: 'name', value: name });
        const { rmSync } = await import('node:fs');
        rmSync(join(p.paths.data, name));
        return reply.status(204).send();
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/mapping', summary: 'the column mapping: the saved project file and the guess of `init` (mapped fields, unmapped columns, missing fields)', params: S.ProjectParams,
      responses: { 200: 'mapping', 404: E404, 422: 'no file looks like a firm table or regional statistics' },
      handler: async (i) => {
        const p = project(i);
        const saved = existsSync(p.paths.projectFile) ? JSON.parse(readFileSync(p.paths.projectFile, 'utf8')) as unknown : null;
        const guess = await guessProject(p.paths.data);
        guess.project.name = p.name;
        return { saved, guess };
      },
    },
    {
      method: 'PUT', url: '/api/projects/:project/mapping', summary: 'save the column mapping (a project file: inputs must be files of this project)', params: S.ProjectParams, body: S.MappingBody,
      responses: { 200: 'saved', 400: E400, 404: E404, 409: 'a job is running', 422: 'an input is not a file of the project' },
      handler: async (i) => {
        const p = project(i);
        if (jobs.busy(p.id)) throw new HttpError(409, 'E_CONFLICT', 'a job of this project is queued or running', { field: 'project', value: p.id });
        const proj = (i.body as { project: Record<string, unknown> & { inputs: Record<string, { file: string } | undefined> } }).project;
        const uploaded = new Set(listUploads(p.paths.data).map((f) => f.name));
        for (const [kind, spec] of Object.entries(proj.inputs)) {
          if (!spec) continue;
          if (!uploaded.has(spec.file)) throw new HttpError(422, 'E_FILE', `inputs.${kind}.file ${JSON.stringify(spec.file)} is not an uploaded file of this project`, { field: `inputs.${kind}.file`, value: spec.file });
        }
        if (proj.classificationFile !== undefined && !uploaded.has(String(proj.classificationFile))) {
          throw new HttpError(422, 'E_FILE', 'classificationFile must be an uploaded file of this project', { field: 'classificationFile', value: proj.classificationFile });
        }
        // the other files a project names: its category and relatedness files, the IO sector map
        const cats = proj.categories as { file?: unknown; related?: unknown } | undefined;
        const diag = proj.diagnosis as { ioSectorMap?: unknown } | undefined;
        for (const [field, value] of [['categories.file', cats?.file], ['categories.related', cats?.related], ['diagnosis.ioSectorMap', diag?.ioSectorMap]] as const) {
          if (value !== undefined && !uploaded.has(String(value))) throw new HttpError(422, 'E_FILE', `${field} ${JSON.stringify(value)} is not an uploaded file of this project`, { field, value });
        }
        const clean = { ...proj, workspace: '.cluster-atlas/workspace.duckdb' };
        writeProject(p.paths.projectFile, clean);
        confineProject(loadProject(p.paths.projectFile));
        return { saved: clean };
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/rejects', summary: 'rejected rows of the last ingest (file, line, field, value, reason), paged', params: S.ProjectParams, query: S.RejectsQuery,
      responses: { 200: 'rejects', 404: 'no ingest yet' },
      handler: async (i) => {
        const p = project(i);
        if (!existsSync(p.paths.projectFile)) throw new HttpError(404, 'E_NOT_FOUND', 'no mapping saved yet', {});
        const path = rejectsPath(p.paths.projectFile);
        if (!existsSync(path)) throw new HttpError(404, 'E_NOT_FOUND', 'no ingest yet', {});
        const records = parseCsvRecords(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
        const head = records[0]?.cells ?? [];
        const rows = records.slice(1).map((r) => Object.fromEntries(head.map((h, k) => [h, r.cells[k] ?? ''])));
        const { offset, limit } = i.query as { offset: number; limit: number };
        return { total: rows.length, offset, limit, rows: rows.slice(offset, offset + limit) };
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/rejects.csv', summary: 'rejects.csv of the last ingest', params: S.ProjectParams, responses: { 200: { description: 'CSV', type: 'text/csv' }, 404: 'no ingest yet' },
      handler: async (i, _req, reply) => {
        const p = project(i);
        if (!existsSync(p.paths.projectFile)) throw new HttpError(404, 'E_NOT_FOUND', 'no mapping saved yet', {});
        return sendFile(reply.header('content-disposition', 'attachment; filename="rejects.csv"'), rejectsPath(p.paths.projectFile), 'text/csv; charset=utf-8', 'rejects.csv (no ingest yet)');
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/jobs', summary: 'jobs of the project, oldest first', params: S.ProjectParams, query: S.JobsQuery, responses: { 200: 'jobs', 404: E404 },
      handler: async (i) => ({ jobs: jobs.list(project(i).id).filter((j) => !i.query.type || j.type === i.query.type) }),
    },
    {
      method: 'POST', url: '/api/projects/:project/jobs', summary: 'queue a job: ingest, analyze, plan-gaps or plan-network (one runs at a time per project)', params: S.ProjectParams, body: S.SubmitJobBody,
      responses: { 202: 'queued', 400: E400, 404: E404, 409: 'no mapping saved yet' },
      handler: async (i, _req, reply) => {
        const p = project(i);
        if (!existsSync(p.paths.projectFile)) throw new HttpError(409, 'E_CONFLICT', 'save a column mapping first (PUT /api/projects/:project/mapping)', { field: 'mapping' });
        const b = i.body as { type: Job['type']; params: Record<string, unknown> };
        if ((b.type === 'plan-gaps' || b.type === 'plan-network') && (b.params.chain === undefined) === (b.params.industries === undefined)) {
          throw new HttpError(400, 'E_VALIDATION', 'give exactly one of params.chain (a chain template id) or params.industries (codes)', { field: 'params.chain' });
        }
        return reply.status(202).send(jobs.submit(p.id, b.type, b.params));
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/jobs/:job', summary: 'one job: state, progress, error, result', params: S.JobParams, responses: { 200: 'job', 404: E404 },
      handler: async (i) => job(i),
    },
    {
      method: 'POST', url: '/api/projects/:project/jobs/:job/cancel', summary: 'cancel a queued or running job', params: S.JobParams, responses: { 202: 'cancelling (or already finished)', 404: E404 },
      handler: async (i, _req, reply) => reply.status(202).send(jobs.cancel(project(i).id, job(i).id)),
    },
    {
      method: 'GET', url: '/api/projects/:project/jobs/:job/events', summary: 'server-sent events: the job on every change, until it ends', params: S.JobParams,
      responses: { 200: { description: 'event stream', type: 'text/event-stream' }, 404: E404 },
      handler: async (i, req, reply) => {
        const j = job(i);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
        const write = (x: Job): void => { res.write(`event: job\ndata: ${JSON.stringify(x)}\n\n`); };
        if (isTerminal(j.state)) {
          write(j);
          res.end();
          return;
        }
        const off = jobs.subscribe(j.id, (x) => {
          write(x);
          if (isTerminal(x.state)) { off(); clearInterval(ping); res.end(); }
        });
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.raw.on('close', () => { off(); clearInterval(ping); });
        // the state may have changed between reading and subscribing
        write(jobs.get(j.project, j.id) ?? j);
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/jobs/:job/geojson', summary: 'the GeoJSON a plan-network job wrote (hubs and firms with their group)', params: S.JobParams,
      responses: { 200: { description: 'GeoJSON', type: 'application/geo+json' }, 404: E404 },
      handler: async (i, _req, reply) => {
        const j = job(i);
        return sendFile(reply, join(project(i).paths.jobs, `${j.id}.geojson`), 'application/geo+json', `GeoJSON of job ${j.id}`);
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/results', summary: 'results.json of the last analysis (schema: docs/schema/results.schema.json)', params: S.ProjectParams, responses: { 200: 'results', 404: 'no results yet' },
      handler: async (i, _req, reply) => {
        const p = project(i);
        results(p.paths); // parsed once per version: a damaged file is an error, not a download
        return sendFile(reply, resultsPath(p.paths), 'application/json; charset=utf-8', 'results');
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/candidates/:candidate', summary: 'one candidate of results.json', params: S.CandidateParams, responses: { 200: 'candidate', 404: E404 },
      handler: async (i) => {
        const c = results(project(i).paths).candidates.find((x) => x.id === i.params.candidate);
        if (!c) throw notFound(`candidate ${JSON.stringify(i.params.candidate)}`, { field: 'candidate', value: i.params.candidate });
        return c;
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/candidates/:candidate/evidence.csv', summary: 'the evidence table of a candidate (tables/evidence-<id>.csv)', params: S.CandidateParams,
      responses: { 200: { description: 'CSV', type: 'text/csv' }, 404: E404 },
      handler: async (i, _req, reply) => {
        const p = project(i);
        if (!results(p.paths).candidates.some((x) => x.id === i.params.candidate)) throw notFound(`candidate ${JSON.stringify(i.params.candidate)}`);
        return sendFile(reply, join(p.paths.out, 'tables', `evidence-${i.params.candidate}.csv`), 'text/csv; charset=utf-8', 'evidence table');
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/tables/candidates.csv', summary: 'one row per candidate (tables/candidates.csv)', params: S.ProjectParams, responses: { 200: { description: 'CSV', type: 'text/csv' }, 404: E404 },
      handler: async (i, _req, reply) => sendFile(reply, join(project(i).paths.out, 'tables', 'candidates.csv'), 'text/csv; charset=utf-8', 'candidates table (no results yet)'),
    },
    {
      method: 'GET', url: '/api/projects/:project/layers', summary: 'the GeoJSON layers of the last analysis', params: S.ProjectParams, responses: { 200: 'layer names', 404: E404 },
      handler: async (i) => {
        const dir = join(project(i).paths.out, 'layers');
        return { layers: existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.geojson')).map((n) => n.slice(0, -'.geojson'.length)).sort() : [] };
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/layers/:layer', summary: 'one GeoJSON layer (regions-<candidate>, candidates, candidate-hulls, parks)', params: S.LayerParams,
      responses: { 200: { description: 'GeoJSON', type: 'application/geo+json' }, 404: E404 },
      handler: async (i, _req, reply) => {
        const dir = join(project(i).paths.out, 'layers');
        const name = i.params.layer.replace(/\.geojson$/, '');
        const names = existsSync(dir) ? readdirSync(dir) : [];
        if (!names.includes(`${name}.geojson`)) throw notFound(`layer ${JSON.stringify(name)}`, { field: 'layer', value: name });
        return sendFile(reply, join(dir, `${name}.geojson`), 'application/geo+json', 'layer');
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/report-data', summary: 'the data behind the report\'s charts (ReportData of the last analysis) and the chart labels of a language: what the dashboard draws with the report\'s chart builders',
      params: S.ProjectParams, query: S.LangQuery, responses: { 200: 'ReportData and labels', 404: 'no results yet' },
      handler: async (i) => {
        const p = project(i);
        const cachePath = join(p.paths.out, STATE_DIR, 'cache.json');
        if (!existsSync(cachePath)) throw new HttpError(404, 'E_NOT_FOUND', 'no results yet: run an analyze job first', { field: 'results' });
        const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as { format: string; key: string; data: unknown };
        if (cache.format !== ANALYZE_CACHE_FORMAT || cache.key !== (results(p.paths) as { key?: string }).key) {
          throw new HttpError(409, 'E_CONFLICT', 'the stored analysis does not match results.json; run the analysis again', { field: 'results' });
        }
        return { data: cache.data, labels: clientLabels((i.query.lang as 'zh' | 'en' | undefined) ?? 'en') };
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/chains', summary: 'the value-chain templates of the workspace (ids, names, stages) for plan gaps / plan network',
      params: S.ProjectParams, responses: { 200: 'templates', 404: 'no ingest yet' },
      handler: async (i) => {
        const p = project(i);
        if (!existsSync(p.paths.projectFile)) throw new HttpError(404, 'E_NOT_FOUND', 'no mapping saved yet', {});
        const loaded = loadProject(p.paths.projectFile);
        const wsPath = join(loaded.dir, loaded.project.workspace);
        if (!existsSync(wsPath)) throw new HttpError(404, 'E_NOT_FOUND', 'no workspace yet: run an ingest job first', {});
        const ws = await openWorkspace(wsPath, { readOnly: true });
        try {
          return { chains: await loadChainTemplates(ws) };
        } finally {
          ws.close();
        }
      },
    },
    {
      method: 'GET', url: '/api/projects/:project/report', summary: 'the HTML report of the last analysis (report.html)', params: S.ProjectParams, responses: { 200: { description: 'HTML', type: 'text/html' }, 404: E404 },
      handler: async (i, _req, reply) => sendFile(reply, join(project(i).paths.out, 'report.html'), 'text/html; charset=utf-8', 'report (no results yet)'),
    },
  ];
}
