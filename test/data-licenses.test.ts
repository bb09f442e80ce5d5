/**
 * Every data table the package ships has a licence note: DATA-LICENSES.md lists existing files
 * only, and every data file under src/model/divisions, src/model/basemap and the classification
 * tables is listed; the licence files it points to exist and ship (no "files" field in
 * package.json excludes them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const doc = readFileSync(join(ROOT, 'DATA-LICENSES.md'), 'utf8');

describe('DATA-LICENSES.md', () => {
  it('names only files that exist', () => {
    const named = [...doc.matchAll(/`((?:src|scripts)\/[^`]+?)`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    for (const f of named) expect(existsSync(join(ROOT, f)), f).toBe(true);
  });

  it('lists every shipped data file and table module', () => {
    const data = [
      ...readdirSync(join(ROOT, 'src/model/basemap')).filter((f) => f.endsWith('.geojson')),
      ...readdirSync(join(ROOT, 'src/model/divisions')).filter((f) => f.endsWith('-data.ts')),
      ...readdirSync(join(ROOT, 'src/model/classifications')).filter((f) => /^(gbt|isic|nace|naics|crosswalk-(isic|naics)-(gbt|isic))/.test(f) && !f.startsWith('crosswalk-naics-gbt')),
    ];
    expect(data.length).toBeGreaterThanOrEqual(9);
    for (const f of data) expect(doc, f).toContain(f);
    for (const f of ['src/model/divisions/LICENSE-DATA.md', 'src/model/basemap/LICENSE-DATA.md', 'src/model/basemap/LICENSE-echarts-Apache-2.0.txt', 'src/model/basemap/NOTICE-echarts.txt']) expect(existsSync(join(ROOT, f)), f).toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files?: string[] };
    if (pkg.files) for (const f of ['DATA-LICENSES.md', 'src/model/basemap', 'src/model/divisions']) expect(pkg.files.some((x) => f.startsWith(x) || x.startsWith(f)), f).toBe(true);
  });
});
