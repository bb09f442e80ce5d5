/**
 * The schema of a candidate's `path` block (`cluster-atlas diagnose --trajectory`): its
 * trajectory (trajectory.ts) as written to JSON. Part of DiagnosisOutputSchema (../schema.ts).
 */
import { z } from 'zod';

const num = z.number().nullable();
const Scores = z.object({ geographic: num, embeddedness: num, flexible: num, cooperative: num, innovation: num, selfOrganisation: num });
const Text = z.object({ zh: z.string(), en: z.string() });

const ConditionSchema = z.object({
  element: Text.describe("The seed essay's element or the rule's condition"),
  proxy: z.string().describe('Indicator or proxy measured'),
  value: num, comparison: z.enum(['>=', 'is']), threshold: num,
  status: z.enum(['met', 'unmet', 'not_measurable']),
  gap: num.describe('threshold − value when unmet, 0 when met, null when not measurable'),
  missingKinds: z.array(z.string()).optional().describe('Unmet service support: kinds of institution the firms are tied to none of'),
  targets: z.array(z.object({ stage: z.string(), name: z.string().nullable(), action: z.enum(['fill', 'extend', 'strengthen']), rank: z.number().int(), score: z.number().nullable() })).optional()
    .describe('Unmet supporting industries: the ranked chain-gap targets of the place (plan gaps): fill 补链, extend 延链, strengthen 强链'),
});

const NextStepSchema = z.object({
  from: z.string().nullable(), to: z.string().nullable().describe('null: already at the top'),
  conditions: z.array(ConditionSchema).describe('Ordered: unmet (largest relative gap first), not measurable, met'),
  sentence: Text.describe('The ordered list, read aloud'),
});

export const PathSnapshotSchema = z.object({
  year: z.number().int(),
  firms: z.number().int().describe("The candidate's firms that existed that year (founded by then, or undated)"),
  stage: z.enum(['concentration', 'agglomeration', 'cluster']).nullable(),
  radiation: z.enum(['receiving', 'inward', 'outward']).nullable(),
  scores: Scores.describe('The six characteristic scores of that year, each in [0, 1] (null: not measurable)'),
  label: z.string().describe('Headline label of that year'),
  lq: num.describe("The candidate's location quotient that year"),
  datedFirmShare: num.describe('Share of the snapshot firms with a known founding year'),
  datedTieShare: num.describe('Share of the ties incident to the snapshot firms with a known year'),
  closedUndated: z.number().int().describe('Firms registered closed (经营状态) without a closure date, counted present'),
});

export const PathSchema = z.object({
  years: z.array(z.number().int()),
  snapshots: z.array(PathSnapshotSchema),
  transitions: z.array(z.object({
    kind: z.enum(['stage', 'radiation']),
    from: z.string().nullable(), to: z.string().nullable(),
    after: z.number().int().describe('The change happened after this snapshot year …'),
    by: z.number().int().describe('… and by this one'),
    sentence: Text,
  })),
  caveats: Text.describe('Survivor bias and what the reconstruction cannot date'),
  nextStep: z.object({ stage: NextStepSchema, radiation: NextStepSchema }).describe('Conditions of the next stage and the next radiation level (docs/diagnosis.md, Next step)'),
}).describe('Development path (diagnose --trajectory): the diagnosis reconstructed at past years (docs/diagnosis.md, Development paths)');
