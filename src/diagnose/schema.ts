/**
 * The documented schema of the diagnosis output (`cluster-atlas diagnose --format json`, and the
 * `diagnosis` part of `analyze`'s results.json): zod here, JSON Schema in docs/schema/diagnosis.json
 * (`npm run schema`). A test parses real output with it, so the two cannot drift apart.
 */
import { z } from 'zod';
import { PathSchema } from './path/schema.js';

const num = z.number().nullable();

export const EvidenceRowSchema = z.object({
  rule: z.string().describe("Verdict the row serves, e.g. 'agglomeration', 'cluster.links', 'typology.structure'"),
  indicator: z.string().describe('Indicator name (see docs/diagnosis.md)'),
  value: z.union([z.number(), z.boolean()]).nullable().describe('Measured value; null when it could not be measured'),
  comparison: z.enum(['>=', '<=', '>', '<', 'is']),
  threshold: z.union([z.number(), z.boolean()]).nullable(),
  thresholdName: z.string().optional().describe('Name of the threshold in the configuration (docs/diagnosis-thresholds.md)'),
  pass: z.boolean().nullable().describe('null when the indicator is missing (the rule then fails)'),
});

const Verdict = z.object({ holds: z.boolean(), rows: z.array(EvidenceRowSchema) });

export const HEADLINE_LABELS = ['cluster', 'park_hosting_cluster', 'park_without_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration', 'concentration_only', 'none'] as const;

const Scores = z.object({
  geographic: num, embeddedness: num, flexible: num, cooperative: num, innovation: num, selfOrganisation: num,
}).describe('Radar of the six characteristics of essay 5, each in [0, 1] (null: not measurable)');

export const DiagnosisSchema = z.object({
  name: z.string(),
  concepts: z.object({
    concentration: Verdict,
    agglomeration: Verdict,
    chain: Verdict.extend({ stages: z.array(z.string()).describe('Industry groups joined by ties significant against chance, upstream first') }),
    park: Verdict.extend({ externallyDriven: z.boolean() }),
    cluster: Verdict.extend({ field: z.boolean(), links: z.boolean(), whole: z.boolean() }),
    label: z.enum(HEADLINE_LABELS),
    missing: z.array(z.string()),
  }),
  stage: z.object({ stage: z.enum(['concentration', 'agglomeration', 'cluster']).nullable(), scores: Scores, rows: z.array(EvidenceRowSchema) }),
  radiation: z.object({ level: z.enum(['receiving', 'inward', 'outward']).nullable(), rows: z.array(EvidenceRowSchema) }),
  typology: z.object({
    typology: z.object({
      mechanism: z.enum(['market-led', 'government-led']).nullable(),
      factor: z.enum(['labour', 'resource', 'technology']).nullable(),
      industry: z.enum(['traditional', 'high-tech']).nullable(),
      formation: z.enum(['spontaneous', 'bottom-up', 'top-down']).nullable(),
      structure: z.enum(['large-firm', 'SME', 'single-leader']).nullable(),
      innovation: z.enum(['imitative', 'innovative']).nullable(),
    }),
    rows: z.array(EvidenceRowSchema),
  }),
  sentence: z.object({ zh: z.string(), en: z.string() }),
  evidence: z.array(EvidenceRowSchema).describe('Every row of every verdict, in one table'),
  warnings: z.array(z.string()),
});

export const RoleSchema = z.object({
  pillar: z.boolean(),
  employmentShare: num, outputShare: num, growth: num, competitiveEffect: num, relativeProductivity: num,
  entryRate: num, snowball: z.boolean(), spinoffShare: num, innovationRatio: num, institutionsPer100Firms: num,
  rows: z.array(EvidenceRowSchema),
  sentence: z.object({ zh: z.string(), en: z.string() }),
});

const LonLat = z.tuple([z.number(), z.number()]);

export const CandidateSchema = z.object({
  id: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  industries: z.array(z.string()).describe('Industry codes of the group, dominant first (industry candidates: the group prefix)'),
  place: z.object({
    kind: z.enum(['park', 'hotspot', 'region', 'network', 'industry', 'explicit']),
    regions: z.array(z.string()),
    park: z.string().nullable(),
    hull: z.array(LonLat).nullable().describe('Convex hull of the firms [lon, lat], closed ring'),
    center: LonLat.nullable(),
    radiusKm: num,
  }),
  firms: z.number().int(),
  employment: z.number(),
  firmIds: z.array(z.string()),
  institutionIds: z.array(z.string()),
  indicators: z.record(z.string(), z.union([z.number(), z.boolean()]).nullable()).describe('Measured indicators (docs/diagnosis.md); absent or null: not measurable'),
  diagnosis: DiagnosisSchema,
  role: RoleSchema,
  path: PathSchema.optional().describe('Present with diagnose --trajectory'),
});

export const DiagnosisOutputSchema = z.object({
  version: z.literal(1),
  generator: z.string(),
  workspace: z.string(),
  currentYear: z.number().describe('Latest founding or link year in the data (new-firm rates count the five years before it)'),
  thresholds: z.record(z.string(), z.number()).describe('Every threshold used, defaults merged with overrides'),
  discovery: z.object({
    parks: z.number().int(), spots: z.number().int(), spotsKept: z.number().int(), hotspots: z.number().int(), regions: z.number().int(),
    networks: z.number().int(), industries: z.number().int(), dropped: z.array(z.string()),
  }).nullable().describe('What candidate discovery found; null when discovery was off'),
  candidates: z.array(CandidateSchema),
  warnings: z.array(z.string()),
});
export type DiagnosisOutput = z.infer<typeof DiagnosisOutputSchema>;
