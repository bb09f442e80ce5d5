/**
 * The OpenAPI 3.1 document of the API, built from the same route table the server registers
 * (src/serve/routes.ts `ROUTES`): each route's zod schemas of params, query and body become its
 * JSON Schemas (zod's `toJSONSchema`), so the document cannot drift from what is validated.
 */
import { z } from 'zod';
import { VERSION } from '../core/version.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDoc {
  method: Method;
  /** Fastify path (`/api/projects/:project`). */
  url: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Raw upload body (application/octet-stream). */
  rawBody?: boolean;
  /** Status → description (and media type, JSON unless given). */
  responses: Record<number, string | { description: string; type: string }>;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error', 'message', 'details'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
};

function schemaOf(t: z.ZodType): Record<string, unknown> {
  const s = z.toJSONSchema(t, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

export function openApiDocument(routes: readonly RouteDoc[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, obj] of [['path', r.params], ['query', r.query]] as const) {
      if (!obj) continue;
      for (const [name, t] of Object.entries(obj.shape)) {
        const schema = schemaOf(t as z.ZodType);
        parameters.push({ name, in: where, required: where === 'path' || !(t as z.ZodType).safeParse(undefined).success, schema });
      }
    }
    const responses: Record<string, unknown> = {};
    // every route: auth failures and internal errors; with any schema, validation failures
    const common: Record<number, string> = { 401: 'a token is required and was missing or wrong', 403: 'wrong Host (loopback) or a cross-origin write', 500: 'internal error (no details to the client)' };
    if (r.params || r.query || r.body) common[400] = 'invalid path parameters, query string or body';
    for (const [status, d] of Object.entries({ ...common, ...r.responses })) {
      const { description, type } = typeof d === 'string' ? { description: d, type: 'application/json' } : d;
      const content = Number(status) >= 400 ? { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } : { [type]: {} };
      responses[status] = Number(status) === 204 || Number(status) === 302 ? { description } : { description, content };
    }
    const op: Record<string, unknown> = { summary: r.summary, operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`, responses };
    if (parameters.length) op.parameters = parameters;
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } };
    if (r.rawBody) op.requestBody = { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Cluster Atlas API', version: VERSION, description: 'The HTTP API of `cluster-atlas serve` (docs/serve.md).' },
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'cluster_atlas_token' } },
    },
    security: [{}, { bearer: [] }, { cookie: [] }],
    paths,
  };
}
