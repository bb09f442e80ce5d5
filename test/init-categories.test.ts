/**
 * `init` recognises a cluster category file (industry, category, type with traded/local) and a
 * relatedness file (category_a, category_b) by their headers and declares them as the project's
 * `categories`, never as inputs; look-alikes are not taken.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guessProject } from '../src/io/init.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function folder(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'atlas-init-cats-'));
  dirs.push(d);
  writeFileSync(join(d, 'firms.csv'), 'id,name,industry,lon,lat,employees\nF1,A,1711,120.1,30.1,10\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('init and cluster categories', () => {
  it('declares the category file and its relatedness file', async () => {
    const d = folder({ 'my_clusters.csv': 'industry,category,category_name,type\n17,TEXT,纺织,traded\n52,RETAIL,零售,local\n', 'links_between.csv': 'category_a,category_b,relatedness\nTEXT,RETAIL,0.2\n' });
    const r = await guessProject(d);
    expect(r.project.categories).toEqual({ file: 'my_clusters.csv', related: 'links_between.csv' });
    expect(r.categories).toEqual(r.project.categories);
    expect(Object.values(r.project.inputs).map((s) => s?.file)).toEqual(['firms.csv']);
    expect(r.skipped).toEqual([]);
  });

  it('a category file alone; headers in another case and spacing', async () => {
    const d = folder({ 'c.csv': 'Industry, Category ,TYPE\n336111,AUTO,Traded\n' });
    expect((await guessProject(d)).project.categories).toEqual({ file: 'c.csv' });
  });

  it('not a category file: a type that is not traded/local, or a relatedness file alone', async () => {
    const d = folder({ 'c.csv': 'industry,category,type\n17,TEXT,manufacturing\n', 'r.csv': 'category_a,category_b\nA,B\n' });
    const r = await guessProject(d);
    expect(r.project.categories).toBeUndefined();
    expect(r.categories).toBeUndefined();
  });
});
