/**
 * results.json: the machine-readable result of `cluster-atlas analyze`, versioned. The zod
 * schema below is the single definition; docs/schema/results.schema.json is generated from it
 * (`resultsJsonSchema`, checked by test/analyze-results.test.ts; rewrite with REGEN=1) and
 * documented in docs/report.md. Numbers that could not be measured are null (JSON has no NaN).
 */
import { z } from 'zod';

export const RESULTS_FORMAT = 'cluster-atlas-results';
export const RESULTS_VERSION = 1;

const Bilingual = z.object({ zh: z.string(), en: z.string() }).describe('A text in Chinese and English');
const Num = z.number().nullable();
const LonLat = z.tuple([z.number(), z.number()]).describe('[longitude, latitude], WGS84 degrees');

export const EvidenceRowSchema = z.object({
  rule: z.string().describe('Verdict the row serves, e.g. "agglomeration", "cluster.links"'),
  indicator: z.string().describe('Indicator name (see docs/diagnosis.md)'),
  value: z.union([z.number(), z.boolean(), z.null()]).describe('Measured value; null when not measured'),
  comparison: z.enum(['>=', '<=', '>', '<', 'is']),
  threshold: z.union([z.number(), z.boolean(), z.null()]),
  thresholdName: z.string().optional().describe('Name of the threshold in the configuration'),
  pass: z.boolean().nullable().describe('null when the indicator is missing (the rule then fails)'),
});

const CategoryType = z.enum(['traded', 'local']);
const HeadlineLabel = z.enum(['cluster', 'park_hosting_cluster', 'park_without_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration', 'concentration_only', 'none']);
const StageName = z.enum(['concentration', 'agglomeration', 'cluster']);
const Radiation = z.enum(['receiving', 'inward', 'outward']);

/** A chart's outcome: its data summary, or why it is not available. */
function part<T extends z.ZodType>(data: T) {
  return z.object({
    available: z.boolean(),
    reason: Bilingual.nullable().describe('Why the part is not available (null when it is)'),
    data: data.nullable(),
  });
}

const ShiftShareRowSchema = z.object({
  region: z.string(), name: z.string().nullable(), base: z.number(), final: z.number(), change: z.number(), nationalShare: z.number(),
  industryMix: z.number(), regionalShift: z.number(), competitiveEffect: Num, allocationEffect: Num,
});

export const CandidateResultSchema = z.object({
  id: z.string().describe('C01, C02, … in discovery order'),
  name: Bilingual,
  industries: z.array(z.object({ code: z.string(), name: Bilingual })),
  place: z.object({
    kind: z.string().describe('park, hotspot, region, network, industry, explicit, …'),
    regions: z.array(z.string()),
    park: z.string().nullable(),
    center: LonLat.nullable(),
    radiusKm: Num.describe('Radius holding 90% of the firms around the centre'),
    hull: z.array(LonLat).nullable().describe('Convex hull of the firm points (closed ring)'),
  }),
  firms: z.number().int(),
  employment: z.number(),
  firmIds: z.array(z.string()),
  institutionIds: z.array(z.string()),
  verdict: z.object({
    label: HeadlineLabel,
    stage: StageName.nullable(),
    radiation: Radiation.nullable(),
    sentence: Bilingual,
    concepts: z.object({ concentration: z.boolean(), agglomeration: z.boolean(), chain: z.boolean(), park: z.boolean(), cluster: z.boolean() }),
  }),
  scores: z.object({ geographic: Num, embeddedness: Num, flexible: Num, cooperative: Num, innovation: Num, selfOrganisation: Num }).describe('Stage radar, each in [0, 1]'),
  typology: z.object({
    mechanism: z.string().nullable(), factor: z.string().nullable(), industry: z.string().nullable(),
    formation: z.string().nullable(), structure: z.string().nullable(), innovation: z.string().nullable(),
  }),
  role: z.object({ pillar: z.boolean(), employmentShare: Num, growth: Num, sentence: Bilingual, rows: z.array(EvidenceRowSchema) }),
  indicators: z.record(z.string(), z.union([z.number(), z.boolean(), z.null()])).describe('Measured indicators of the diagnosis'),
  evidence: z.array(EvidenceRowSchema),
  measures: z.object({
    map: part(z.object({ moranI: Num, regionsInView: z.number().int(), lisaCounts: z.record(z.string(), z.number().int()) })).describe('Full table: layers/regions-<id>.geojson'),
    lorenz: part(z.object({ gini: z.number(), firms: z.number().int(), population: z.array(z.number()), share: z.array(z.number()) })),
    kDensity: part(z.object({
      localised: z.boolean(), bandwidthKm: z.number(), simulations: z.number().int(), alpha: z.number(), seed: z.number().int(),
      departures: z.array(z.object({ from: z.number(), to: z.number(), kind: z.enum(['localisation', 'dispersion']) })),
      r: z.array(z.number()), value: z.array(z.number()), globalLower: z.array(z.number()).nullable(), globalUpper: z.array(z.number()).nullable(),
    })),
    network: part(z.object({ nodes: z.number().int(), links: z.number().int(), communities: z.number().int(), modularity: Num, leaders: z.array(z.string()) })),
    chain: part(z.object({
      template: z.string(), completeness: z.number(), missing: z.array(z.string()), weak: z.array(z.string()), radiusKm: z.number(),
      stages: z.array(z.object({ id: z.string(), name: z.string().nullable(), role: z.enum(['vertical', 'support']), order: z.number(), firmsInside: z.number().int(), status: z.enum(['present', 'weak', 'missing']) })),
    })),
    shiftShare: part(z.object({ baseYear: z.number().int(), finalYear: z.number().int(), industries: z.array(z.string()), nationalGrowth: z.number(), total: ShiftShareRowSchema, rows: z.array(ShiftShareRowSchema) })),
    categories: part(z.object({
      own: z.array(z.object({ code: z.string(), name: z.string(), type: CategoryType, firms: z.number().int(), principal: z.boolean() })),
      uncategorised: z.number().int(),
      related: z.array(z.object({ code: z.string(), name: z.string(), type: CategoryType, relatedness: Num, of: z.string(), employment: z.number(), strongIn: z.array(z.string()) })),
    })).optional().describe('The candidate\'s cluster categories and their related ones in its regions (project "categories"; absent in results written before it)'),
  }),
});

export const ResultsSchema = z.object({
  format: z.literal(RESULTS_FORMAT),
  version: z.literal(RESULTS_VERSION),
  generator: z.object({ name: z.literal('cluster-atlas'), version: z.string() }),
  generatedAt: z.string().describe('ISO 8601 time of the analysis'),
  project: z.object({ name: z.string().nullable(), file: z.string() }),
  key: z.string().describe('SHA-256 of the inputs and parameters: equal keys, equal results'),
  parameters: z.object({
    seed: z.number().int(), simulations: z.number().int(), permutations: z.number().int(), alpha: z.number(), weights: z.string(),
    kdRmaxKm: z.number(), chainRadiusKm: z.number(), thresholds: z.record(z.string(), z.number()).describe('Threshold overrides (project and command line)'),
  }),
  inputs: z.array(z.object({ kind: z.string(), file: z.string(), sha256: z.string() })),
  candidates: z.array(CandidateResultSchema),
  portfolio: part(z.object({
    referenceGrowth: Num,
    points: z.array(z.object({ id: z.string(), lq: z.number(), growth: z.number(), employment: z.number(), label: HeadlineLabel })),
  })),
  categories: part(z.object({
    source: z.string(), year: z.number().int(), baseYear: z.number().int().nullable(), regionLevel: z.string().nullable(),
    strong: z.array(z.object({ region: z.string(), category: z.string(), name: z.string(), lq: z.number(), employment: z.number(), growth: Num, strong10: z.boolean() }))
      .describe('The strong clusters (U.S. Cluster Mapping rule) of the regions the report embeds; every cell of them in tables/categories.csv'),
  })).optional().describe('The category portfolio (project "categories" and regional statistics; absent in results written before it)'),
  files: z.object({ report: z.string(), geojson: z.array(z.string()), csv: z.array(z.string()) }).describe('Output files, relative to the output directory'),
  warnings: z.array(z.string()),
});

export type Results = z.infer<typeof ResultsSchema>;
export type CandidateResult = z.infer<typeof CandidateResultSchema>;

/** The JSON Schema (draft 2020-12) of results.json as pretty text with a trailing newline. */
export function resultsJsonSchema(): string {
  const json = z.toJSONSchema(ResultsSchema, { io: 'output' }) as Record<string, unknown>;
  json.$id = 'https://cluster-atlas.dev/schema/results.schema.json';
  json.title = 'cluster-atlas results.json';
  json.description = `Results of \`cluster-atlas analyze\` (format ${RESULTS_FORMAT}, version ${RESULTS_VERSION}); see docs/report.md.`;
  return `${JSON.stringify(json, null, 2)}\n`;
}
