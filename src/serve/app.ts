/**
 * The Fastify application of `cluster-atlas serve`: authentication on every request
 * (src/serve/auth.ts), the API routes (src/serve/routes.ts, each validated by its zod schemas
 * and listed in the OpenAPI document at /api/openapi.json), the dashboard's static files
 * (dist/dashboard, built by Vite) and errors as JSON `{ error, message, details }`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { Auth } from './auth.js';
import { errorBody, HttpError } from './errors.js';
import { JobManager, type Launcher } from './jobs.js';
import { defaultLauncher } from './launch.js';
import { openApiDocument, type RouteDoc } from './openapi.js';
import { ProjectStore } from './projects.js';
import { routes, type Handler } from './routes.js';
import type { UploadLimits } from './uploads.js';

export interface AppOptions {
  /** Projects directory. */
  dir: string;
  /** Token required on every request (null: none, loopback only). */
  token: string | null;
  /** Whether the server is bound to a loopback address. */
  loopback: boolean;
  limits?: Partial<UploadLimits>;
  /** How jobs are run (default: src/serve/job-child and the CLI). */
  launcher?: Launcher;
  /** Directory of the built dashboard (default: dist/dashboard). */
  dashboard?: string | null;
  log?: (msg: string) => void;
}

export interface App {
  fastify: FastifyInstance;
  auth: Auth;
  jobs: JobManager;
  store: ProjectStore;
  routes: readonly RouteDoc[];
  close(): Promise<void>;
}

export const DEFAULT_LIMITS: UploadLimits = { maxBytes: 512 * 1024 ** 2, maxXlsxUncompressedBytes: 1024 ** 3 };

function here(rel: string): string {
  return fileURLToPath(new URL(rel, import.meta.url));
}

/**
 * The built dashboard: dist/dashboard, reached from src/serve (sources) or dist/src/serve
 * (compiled); a directory counts only with Vite's assets/ in it (never the sources in dashboard/).
 */
export function dashboardDir(): string | null {
  for (const d of [here('../../dist/dashboard'), here('../../dashboard')]) if (existsSync(`${d}/index.html`) && existsSync(`${d}/assets`)) return d;
  return null;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new HttpError(400, 'E_VALIDATION', `invalid ${where}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { where, issues });
  }
  return r.data;
}

export async function buildApp(options: AppOptions): Promise<App> {
  const log = options.log ?? (() => undefined);
  const store = new ProjectStore(options.dir);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const auth = new Auth(options.token, options.loopback);
  const jobs = new JobManager(store, options.launcher ?? defaultLauncher(limits), log);
  const fastify = Fastify({ logger: false, bodyLimit: 4 * 1024 ** 2, return503OnClosing: true, forceCloseConnections: true });

  // uploads arrive as a raw stream, whatever the media type
  fastify.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
  fastify.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  fastify.addHook('onRequest', async (req) => {
    // the login link itself carries its proof (a one-time code), checked by its route
    if (req.method === 'GET' && req.url.split('?')[0] === '/auth' && auth.required) return;
    const host = req.headers.host ?? '';
    auth.check({ method: req.method, headers: req.headers }, [`http://${host}`, `https://${host}`]);
  });
  fastify.addHook('onSend', async (_req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  fastify.setErrorHandler((e, req, reply) => {
    const { status, body } = errorBody(e, store.dir);
    if (status >= 500) log(`${req.method} ${req.url}: ${(e as Error)?.stack ?? String(e)}`);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  });
  fastify.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: 'E_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: {} });
  });

  const table = routes({ store, jobs, auth, limits });
  for (const r of table) {
    fastify.route({
      method: r.method, url: r.url,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const input = {
          params: parse(r.params, req.params, 'path parameters') as Record<string, string>,
          query: parse(r.query, req.query, 'query string') as Record<string, unknown>,
          body: r.rawBody ? req.body : parse(r.body, req.body, 'request body'),
        };
        return (r.handler as Handler)(input, req, reply);
      },
    });
  }
  const docs: RouteDoc[] = [
    ...table.map(({ handler: _h, ...doc }) => doc),
    { method: 'GET', url: '/api/openapi.json', summary: 'this OpenAPI 3.1 document', responses: { 200: 'the document' } },
  ];
  const spec = openApiDocument(docs);
  fastify.get('/api/openapi.json', async () => spec);

  const dash = options.dashboard === undefined ? dashboardDir() : options.dashboard;
  if (dash) await fastify.register(fastifyStatic, { root: dash, prefix: '/', index: 'index.html', wildcard: true });

  return {
    fastify, auth, jobs, store, routes: docs,
    async close() {
      await jobs.close();
      await fastify.close();
    },
  };
}
