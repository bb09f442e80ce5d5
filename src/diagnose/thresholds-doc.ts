/** The thresholds table of docs/diagnosis-thresholds.md, generated from the configuration. */
import { DEFAULT_THRESHOLDS } from './config.js';

export function thresholdsMarkdown(): string {
  const rows = Object.entries(DEFAULT_THRESHOLDS).map(([name, t]) => `| \`${name}\` | ${t.value} | ${t.reason.replaceAll('|', '\\|')} |`);
  return [
    '# Diagnosis thresholds',
    '',
    'Generated from `src/diagnose/config.ts` by `npm run schema`; do not edit by hand.',
    'Override any of them in the project file: `"diagnosis": { "thresholds": { "lqAgglomerated": 1.5 } }`.',
    '',
    '| name | default | why |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
