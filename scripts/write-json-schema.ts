/** Regenerates docs/schema/*.json from the zod schemas: `npm run schema`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSchemas } from '../src/schemas.js';
import { thresholdsMarkdown } from '../src/diagnose/thresholds-doc.js';

const dir = resolve('docs', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, `${name}.json`), text);
  console.log(`wrote docs/schema/${name}.json`);
}
writeFileSync(resolve('docs', 'diagnosis-thresholds.md'), thresholdsMarkdown());
console.log('wrote docs/diagnosis-thresholds.md');
