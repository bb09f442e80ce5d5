import { z } from 'zod';

/** Ownership of a firm, as the seed's park/cluster distinction needs it (local vs external drive). */
export const Ownership = z.enum(['local', 'external_domestic', 'foreign', 'state']);
export type Ownership = z.infer<typeof Ownership>;

/** What an establishment does; the radiation-level diagnosis looks for R&D and marketing. */
export const FirmFunction = z.enum(['production', 'rnd', 'marketing']);
export type FirmFunction = z.infer<typeof FirmFunction>;

/**
 * A firm or establishment. Coordinates are WGS84 lon/lat after ingest (GCJ-02, BD-09 and
 * projected inputs are converted; the project file declares which). A firm needs an id, an
 * industry code and a location: coordinates, a region code, or both.
 */
export const Firm = z
  .object({
    id: z.string().min(1).describe('Unique establishment id'),
    name: z.string().optional().describe('Name'),
    industry: z.string().min(1).describe('Industry code in the declared code system'),
    lon: z.number().min(-180).max(180).optional().describe('Longitude, WGS84 degrees'),
    lat: z.number().min(-90).max(90).optional().describe('Latitude, WGS84 degrees'),
    region: z.string().optional().describe('Code of the region the establishment is in'),
    employees: z.number().nonnegative().optional().describe('Employees (persons)'),
    revenue: z.number().nonnegative().optional().describe('Revenue, in the declared currency unit'),
    output: z.number().nonnegative().optional().describe('Gross output, in the declared currency unit'),
    founded: z.number().int().optional().describe('Founding year'),
    ownership: Ownership.optional().describe('local / external_domestic / foreign / state'),
    parent: z.string().optional().describe('Id of the parent firm (spin-offs, branches)'),
    patents: z.number().int().nonnegative().optional().describe('Patents held'),
    rdSpend: z.number().nonnegative().optional().describe('R&D spending, declared currency unit'),
    exports: z.number().nonnegative().optional().describe('Exports, declared currency unit'),
    park: z.string().optional().describe('Id of the industrial park the establishment is in'),
    functions: z.array(FirmFunction).optional().describe('Functions performed here'),
    brand: z.string().optional().describe('Brand name, if the firm owns one'),
  })
  .refine((f) => (f.lon !== undefined && f.lat !== undefined) || f.region !== undefined, {
    message: 'a firm needs coordinates or a region code',
  });
export type Firm = z.infer<typeof Firm>;
