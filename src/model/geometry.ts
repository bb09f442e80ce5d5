import { z } from 'zod';

const Position = z.tuple([z.number(), z.number()]).rest(z.number());
const Ring = z.array(Position);
export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) });
export const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) });
export const AreaGeometry = z.union([PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;
