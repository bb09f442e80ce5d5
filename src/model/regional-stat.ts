import { z } from 'zod';

/** One cell of regional statistics: region × industry × year. */
export const RegionalStat = z.object({
  region: z.string().min(1),
  industry: z.string().min(1),
  year: z.number().int(),
  employment: z.number().nonnegative().optional(),
  output: z.number().nonnegative().optional(),
  establishments: z.number().nonnegative().optional(),
});
export type RegionalStat = z.infer<typeof RegionalStat>;
