/** JSON Schemas of the model, the project file and the diagnosis output, generated from the zod schemas (docs/schema/). */
import { z } from 'zod';
import { ChainTemplate } from './model/chain-template.js';
import { Firm } from './model/firm.js';
import { Institution } from './model/institution.js';
import { IOTable } from './model/io-table.js';
import { Link } from './model/link.js';
import { Park } from './model/park.js';
import { Project } from './model/project.js';
import { Region } from './model/region.js';
import { RegionalStat } from './model/regional-stat.js';
import { DiagnosisOutputSchema } from './diagnose/schema.js';

export const SCHEMAS = {
  firm: Firm,
  institution: Institution,
  link: Link,
  region: Region,
  park: Park,
  'regional-stat': RegionalStat,
  'io-table': IOTable,
  'chain-template': ChainTemplate,
  project: Project,
  diagnosis: DiagnosisOutputSchema,
} as const;

/** name → JSON Schema (draft 2020-12) as pretty JSON text with a trailing newline. */
export function jsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    json.$id = `https://cluster-atlas.dev/schema/${name}.json`;
    json.title = name;
    out[name] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}
