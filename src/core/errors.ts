/**
 * The error typology of Cluster Atlas.
 *
 * Every error we throw on purpose is an `AtlasError` with a stable `code`; callers (the CLI, the
 * server, tests) branch on `code` and on the `details`, never on message text.
 *
 * - `InputError`  — the user's data, files or options are wrong (CLI exit code 1, HTTP 4xx).
 * - `InternalError` — a bug or an environment failure (CLI exit code 2, HTTP 5xx).
 */

export type ErrorCode =
  | 'E_OPTION' // an option or argument has a bad value
  | 'E_FILE' // a file is missing, unreadable or of an unknown format
  | 'E_PROJECT' // the project file is invalid
  | 'E_PARSE' // a file could not be parsed
  | 'E_MAPPING' // a column mapping names a column the file does not have
  | 'E_REJECTS' // rows were rejected and --strict was given
  | 'E_WORKSPACE' // the workspace is missing or not a Cluster Atlas workspace
  | 'E_LOCKED' // another run holds the lock of a workspace or an analyze output directory
  | 'E_NOT_FINITE'
  | 'E_NEGATIVE'
  | 'E_DEGENERATE'
  | 'E_CODE_SYSTEM' // unknown industry code system or code
  | 'E_CRS' // unsupported coordinate reference system
  | 'E_ENGINE' // a database engine (ClickHouse) is unreachable, misconfigured or holds the wrong tables
  | 'E_INFEASIBLE' // an optimisation has no solution (the details say why and what would fix it)
  | 'E_INTERNAL';

export interface ErrorDetails {
  file?: string;
  line?: number;
  field?: string;
  value?: unknown;
  [key: string]: unknown;
}

export class AtlasError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** The user's input is wrong; the message says which file, line, field and value. */
export class InputError extends AtlasError {}

/** Something that should not happen: a bug, or the environment failing under us. */
export class InternalError extends AtlasError {
  constructor(message: string, details: ErrorDetails = {}) {
    super('E_INTERNAL', message, details);
  }
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}
