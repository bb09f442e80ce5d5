import { z } from 'zod';
import { AreaGeometry } from './geometry.js';

export const ParkLevel = z.enum(['national', 'provincial', 'municipal', 'other']);
export type ParkLevel = z.infer<typeof ParkLevel>;

/** An industrial park (工业园区): an administrative space, often externally driven (seed essay 1). */
export const Park = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  level: ParkLevel.optional(),
  designated: z.number().int().optional().describe('Year designated'),
  region: z.string().optional(),
  geometry: AreaGeometry.optional(),
});
export type Park = z.infer<typeof Park>;
