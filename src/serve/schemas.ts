/**
 * The zod schemas of the API's params, query strings and bodies (the OpenAPI document is built
 * from them, src/serve/openapi.ts). Job parameters mirror the CLI options of `analyze`,
 * `plan gaps` and `plan network` (same names in camelCase, same defaults when absent).
 */
import { z } from 'zod';
import { Project } from '../model/project.js';

export const ProjectParams = z.object({ project: z.string().min(1).max(80) });
export const FileParams = ProjectParams.extend({ name: z.string().min(1).max(300) });
export const JobParams = ProjectParams.extend({ job: z.string().min(1).max(80) });
export const CandidateParams = ProjectParams.extend({ candidate: z.string().min(1).max(200) });
export const LayerParams = ProjectParams.extend({ layer: z.string().min(1).max(200) });
export const LangQuery = z.object({ lang: z.enum(['zh', 'en']).optional() });
export const AuthQuery = z.object({ code: z.string().min(1).max(200) });
export const RejectsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const JobsQuery = z.object({ type: z.enum(['ingest', 'analyze', 'plan-gaps', 'plan-network']).optional() });

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const AnalyzeJobParams = z.object({
  lang: z.enum(['zh', 'en']).optional(),
  seed: z.number().int().optional(),
  simulations: z.number().int().min(0).max(9999).optional(),
  permutations: z.number().int().min(0).max(99999).optional(),
  alpha: z.number().gt(0).lt(1).optional(),
  weights: z.string().regex(/^(queen|rook|knn:\d{1,3})$/).optional(),
  thresholds: z.record(z.string().regex(/^[A-Za-z]\w*$/), finite).optional(),
  maxCandidates: z.number().int().min(1).max(1000).optional(),
  force: z.boolean().optional(),
}).strict();

const codes = z.string().regex(/^[\p{L}\p{N}_.-]+(,[\p{L}\p{N}_.-]+)*$/u, 'comma-separated codes');

export const PlanGapsJobParams = z.object({
  place: z.string().regex(/^(all|region:[^\s]+|park:[^\s]+|radius:-?[\d.]+,-?[\d.]+,[\d.]+)$/, 'region:CODE, park:ID, radius:LON,LAT,KM or all'),
  chain: z.string().min(1).max(200).optional(),
  industries: codes.optional(),
  size: z.enum(['employees', 'output', 'revenue', 'count']).optional(),
  linkWeight: z.enum(['value', 'count']).optional(),
  weakLq: z.number().min(0).optional(),
  minFirms: z.number().int().min(1).optional(),
  maxLeakage: z.number().min(0).max(1).optional(),
  candidates: z.number().int().min(0).max(100).optional(),
  ioTable: z.string().min(1).max(200).optional(),
  io: z.boolean().optional(),
}).strict();

export const PlanNetworkJobParams = z.object({
  chain: z.string().min(1).max(200).optional(),
  industries: codes.optional(),
  radius: z.number().gt(0).optional(),
  groups: z.number().int().min(1).max(100).optional(),
  maxGroups: z.number().int().min(1).max(100).optional(),
  minShare: z.number().gt(0).lt(1).optional(),
  weight: z.enum(['count', 'employees', 'output', 'revenue']).optional(),
  seed: z.number().int().optional(),
}).strict();

export const SubmitJobBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ingest'), params: z.object({}).strict().default({}) }).strict(),
  z.object({ type: z.literal('analyze'), params: AnalyzeJobParams.default({}) }).strict(),
  z.object({ type: z.literal('plan-gaps'), params: PlanGapsJobParams }).strict(),
  z.object({ type: z.literal('plan-network'), params: PlanNetworkJobParams.default({}) }).strict(),
]);

/** The mapping (the project file) a client saves: the project schema of `init` and `ingest`. */
export const MappingBody = z.object({ project: Project }).strict();
