import { z } from 'zod';

/** A value-chain template: ordered stages, each served by industry codes (e.g. the Yurun pork chain). */
export const ChainStage = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  order: z.number().int().describe('Position along the chain; support stages share order 0'),
  role: z.enum(['vertical', 'support']).default('vertical'),
  industries: z.array(z.string().min(1)).min(1),
});
export const ChainTemplate = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  stages: z.array(ChainStage).min(1),
});
export type ChainStage = z.infer<typeof ChainStage>;
export type ChainTemplate = z.infer<typeof ChainTemplate>;
