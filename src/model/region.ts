import { z } from 'zod';
import { AreaGeometry } from './geometry.js';

export const Region = z.object({
  code: z.string().min(1).describe('Region code (e.g. an administrative division code)'),
  name: z.string().optional(),
  parent: z.string().optional().describe('Code of the enclosing region'),
  level: z.string().optional().describe('province / prefecture / county, or the user’s own levels'),
  population: z.number().nonnegative().optional(),
  gdp: z.number().nonnegative().optional().describe('GDP in the declared currency unit'),
  geometry: AreaGeometry.optional().describe('Polygon or MultiPolygon, WGS84'),
});
export type Region = z.infer<typeof Region>;
