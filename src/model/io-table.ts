import { z } from 'zod';

/**
 * An input–output table: Z (intermediate flows, row sector sells to column sector), final demand
 * and total output per sector. Sectors carry codes and names; `industries` maps a sector to
 * industry codes of the declared code system so IO linkages can meet firm data.
 */
export const IOTable = z.object({
  id: z.string().min(1),
  year: z.number().int().optional(),
  region: z.string().optional(),
  unit: z.string().optional(),
  sectors: z.array(
    z.object({ code: z.string().min(1), name: z.string().optional(), industries: z.array(z.string()).optional() }),
  ),
  intermediate: z.array(z.array(z.number())).describe('Z[i][j]: sales of sector i to sector j'),
  finalDemand: z.array(z.number()),
  totalOutput: z.array(z.number().nonnegative()),
});
export type IOTable = z.infer<typeof IOTable>;
