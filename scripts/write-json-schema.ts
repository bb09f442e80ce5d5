/** Regenerates docs/schema/*.json (the model, project, diagnosis and results.json schemas) and docs/diagnosis-thresholds.md from their single definitions: `npm run schema`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jsonSchemas } from '../src/schemas.js';
import { thresholdsMarkdown } from '../src/diagnose/thresholds-doc.js';
import { resultsJsonSchema } from '../src/analyze/results-schema.js';

const dir = resolve('docs', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(join(dir, `${name}.json`), text);
  console.log(`wrote docs/schema/${name}.json`);
}
writeFileSync(join(dir, 'results.schema.json'), resultsJsonSchema());
console.log('wrote docs/schema/results.schema.json');
writeFileSync(resolve('docs', 'diagnosis-thresholds.md'), thresholdsMarkdown());
console.log('wrote docs/diagnosis-thresholds.md');
