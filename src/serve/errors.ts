/**
 * Errors of the HTTP API: every failure leaves the server as JSON `{ error, message, details }`
 * with a status that says whose fault it is — never a stack trace. `HttpError` is thrown by the
 * routes; an `InputError` from the layers below becomes a 4xx by its code (`statusOf`); anything
 * else is a 500 whose message says only that it is internal (the stack goes to the server log).
 */
import { isAtlasError, InputError, type ErrorCode } from '../core/errors.js';

/** The codes the API adds to those of src/core/errors.ts. */
export type ApiCode =
  | 'E_NOT_FOUND' | 'E_UNAUTHORIZED' | 'E_FORBIDDEN' | 'E_CONFLICT' | 'E_TOO_LARGE' | 'E_UNSUPPORTED' | 'E_VALIDATION' | 'E_BAD_REQUEST';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: ApiCode | ErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

export interface ErrorBody {
  error: string;
  message: string;
  details: Record<string, unknown>;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  E_LOCKED: 409,
  E_FILE: 422,
  E_PARSE: 422,
  E_MAPPING: 422,
  E_PROJECT: 422,
  E_REJECTS: 422,
  E_CODE_SYSTEM: 422,
  E_CRS: 422,
  E_WORKSPACE: 409,
  E_OPTION: 400,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 422;
}

/**
 * Server paths never reach the client: an absolute path under `root` (the projects directory) is
 * shown relative to it, and in `details` only string values are rewritten.
 */
export function scrub(text: string, root: string): string {
  return root ? text.split(`${root}/`).join('').split(root).join('.') : text;
}

function scrubDetails(details: Record<string, unknown>, root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) out[k] = typeof v === 'string' ? scrub(v, root) : v;
  return out;
}

/** The status and JSON body of any thrown value. */
export function errorBody(e: unknown, root: string): { status: number; body: ErrorBody } {
  if (e instanceof HttpError) return { status: e.status, body: { error: e.code, message: scrub(e.message, root), details: scrubDetails(e.details, root) } };
  if (isAtlasError(e) && e instanceof InputError) {
    return { status: statusOf(e.code), body: { error: e.code, message: scrub(e.message, root), details: scrubDetails(e.details, root) } };
  }
  const fastify = e as { statusCode?: number; code?: string; message?: string; validation?: unknown };
  if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    // Fastify's own client errors (malformed JSON, a body over the limit, an unsupported media type)
    const code: ApiCode = fastify.statusCode === 413 ? 'E_TOO_LARGE' : fastify.statusCode === 415 ? 'E_UNSUPPORTED' : 'E_BAD_REQUEST';
    return { status: fastify.statusCode, body: { error: code, message: String(fastify.message ?? 'bad request'), details: { code: fastify.code ?? null } } };
  }
  return { status: 500, body: { error: 'E_INTERNAL', message: 'internal error; the server log has the details', details: {} } };
}

export const notFound = (what: string, details: Record<string, unknown> = {}): HttpError => new HttpError(404, 'E_NOT_FOUND', `${what} not found`, details);
