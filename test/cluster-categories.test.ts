/**
 * Cluster categories: the category file loader (every bad input class names file, line, field and
 * value), the category-level LQ (traded over traded, local over local) and CMP strong clusters on a
 * matrix whose expected values are worked out by hand below, the workspace path (aggregation to
 * categories through loadStatsMatrix, coverage of codes in no category), `measure clusters` and
 * the CMP converter on a hand-written file in the CMP layout.
 *
 * Hand computation (regions r1–r4; traded A, B; local L):
 *   employment  A: 10 30 5 15   B: 10 10 35 5   L: 100 5 50 20;  establishments A: 2 6 1 3, B: 2 2 7 1
 *   traded totals 20 40 40 20 (120); A share 60/120 = 0.5 → LQ_A = 1, 1.5, 0.25, 1.5
 *   B share 0.5 → LQ_B = 1, 0.5, 1.75, 0.5; L is the only local category → LQ_L = 1 everywhere
 *   (with all-employment denominators r1 would be (100/120)/(175/295) ≈ 1.40).
 *   A: P75(LQ) on [0.25, 1, 1.5, 1.5] (type 7: h = 2.25) = 1.5; P25(emp) on [5, 10, 15, 30] = 8.75;
 *      P25(est) on [1, 2, 3, 6] = 1.75 → r2 and r4 strong; P90(LQ) = 1.5 → both strong10.
 *   B: P75 on [0.5, 0.5, 1, 1.75] = 1.1875 → only r3 (1.75; emp 35 > 8.75; est 7 > 1.75);
 *      P90 = 1 + 0.7·0.75 = 1.525 → strong10.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AtlasError } from '../src/core/errors.js';
import { regionIndustryMatrix } from '../src/data/concentration-matrix.js';
import { loadCategoryMatrices } from '../src/load/category-matrix.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { convertCmpDefinitions } from '../src/load/cmp-definitions.js';
import { categoryStrength } from '../src/measures/cluster-strength/category-strength.js';
import { openWorkspace } from '../src/store/workspace.js';
import { main } from '../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-categories-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

function inputError(f: () => unknown): AtlasError {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(AtlasError); return e as AtlasError; }
  throw new Error('expected an InputError');
}

const CATS = `industry,category,category_name,subcategory,subcategory_name,type
336411,A,Aerospace,1,Aircraft,traded
336412,A,Aerospace,1,Aircraft,traded
325411,B,Pharma,,,traded
722511,L,Restaurants,,,local
`;

describe('category file loader', () => {
  it('reads categories, names, subcategories and relatedness; every row accounted for', () => {
    const c = readCategoryFile(file('cats.csv', CATS), { relatedFile: file('rel.csv', 'category_a,category_b,relatedness\nA,B,95\nB,A,\n') });
    expect(c.rowsRead).toBe(4);
    expect(c.rows).toHaveLength(4);
    expect(c.categories.map((x) => [x.code, x.name, x.type, x.industries.length])).toEqual([['A', 'Aerospace', 'traded', 2], ['B', 'Pharma', 'traded', 1], ['L', 'Restaurants', 'local', 1]]);
    expect(c.categories[0].subcategories).toEqual({ 1: 'Aircraft' });
    expect(c.related).toEqual([{ a: 'A', b: 'B', relatedness: 95 }, { a: 'B', b: 'A' }]);
  });
  it.each([
    ['a missing column', 'industry,category\n336411,A\n', 1, 'type', undefined],
    ['a bad type', 'industry,category,type\n336411,A,traded\n336412,A,exported\n', 3, 'type', 'exported'],
    ['an empty industry', 'industry,category,type\n,A,traded\n', 2, 'industry', ''],
    ['an industry twice', 'industry,category,type\n336411,A,traded\n336411,B,traded\n', 3, 'industry', '336411'],
    ['a category of two types', 'industry,category,type\n336411,A,traded\n336412,A,local\n', 3, 'type', 'local'],
    ['a category of two names', 'industry,category,category_name,type\n336411,A,X,traded\n336412,A,Y,traded\n', 3, 'category_name', 'Y'],
    ['too many fields', 'industry,category,type\n336411,A,traded,extra\n', 2, undefined, 4],
    ['no data rows', 'industry,category,type\n', 2, undefined, undefined],
  ])('refuses %s, naming file, line, field and value', (_what, text, line, field, value) => {
    const p = file('bad.csv', text);
    const e = inputError(() => readCategoryFile(p));
    expect(e.details.file).toBe(p);
    expect(e.details.line).toBe(line);
    if (field !== undefined) expect(e.details.field).toBe(field);
    if (value !== undefined) expect(e.details.value).toBe(value);
    expect(e.message).toContain(p);
  });
  it.each([
    ['an unknown category', 'category_a,category_b\nA,Z\n', 'category_b', 'Z'],
    ['a non-number relatedness', 'category_a,category_b,relatedness\nA,B,high\n', 'relatedness', 'high'],
    ['a pair twice', 'category_a,category_b\nA,B\nA,B\n', 'category_b', 'B'],
  ])('refuses a relatedness file with %s', (_what, text, field, value) => {
    const cats = file('cats.csv', CATS);
    const rel = file('rel-bad.csv', text);
    const e = inputError(() => readCategoryFile(cats, { relatedFile: rel }));
    expect(e.details).toMatchObject({ file: rel, field, value });
  });
  it('a missing file is E_FILE', () => {
    expect(inputError(() => readCategoryFile(join(dir, 'none.csv'))).code).toBe('E_FILE');
  });
});

const REGIONS = ['r1', 'r2', 'r3', 'r4'];
const EMP = [[10, 10, 100], [30, 10, 5], [5, 35, 50], [15, 5, 20]];
const EST = [[2, 2, 10], [6, 2, 1], [1, 7, 5], [3, 1, 2]];
const TYPES = new Map([['A', 'traded'], ['B', 'traded'], ['L', 'local']] as const);

describe('categoryStrength (hand-computed)', () => {
  const s = categoryStrength(regionIndustryMatrix(REGIONS, ['A', 'B', 'L'], EMP, 'employment'), TYPES, { establishments: regionIndustryMatrix(REGIONS, ['A', 'B', 'L'], EST) });
  it('LQ over the employment of the category’s own type', () => {
    const lq = (cat: string) => s.value.cells.filter((c) => c.category === cat).map((c) => c.lq);
    expect(lq('A')).toEqual([1, 1.5, 0.25, 1.5]);
    expect(lq('B')).toEqual([1, 0.5, 1.75, 0.5]);
    expect(lq('L')).toEqual([1, 1, 1, 1]);
  });
  it('strong clusters among the traded categories only', () => {
    expect(s.value.strong.map((c) => [c.region, c.industry, c.strong10])).toEqual([['r2', 'A', true], ['r4', 'A', true], ['r3', 'B', true]]);
    expect(s.value.thresholds.map((t) => [t.industry, t.lq, t.employment, t.establishments])).toEqual([['A', 1.5, 8.75, 1.75], ['B', 1.1875, 8.75, 1.75]]);
    expect(s.value.thresholds[0].lqTop).toBeCloseTo(1.5, 12);
    expect(s.value.thresholds[1].lqTop).toBeCloseTo(1.525, 12);
    expect(s.value.cells.filter((c) => c.category === 'L').every((c) => c.strong === null)).toBe(true);
    expect(s.value.strongCount).toEqual([{ region: 'r1', strong: 0, strong10: 0 }, { region: 'r2', strong: 1, strong10: 1 }, { region: 'r3', strong: 1, strong10: 1 }, { region: 'r4', strong: 1, strong10: 1 }]);
  });
  it('a category without a type is refused', () => {
    expect(inputError(() => categoryStrength(regionIndustryMatrix(['r1'], ['Q'], [[1]]), TYPES)).code).toBe('E_OPTION');
  });
});

const wsPath = join(dir, 'workspace.duckdb');
beforeAll(async () => {
  const inst = await DuckDBInstance.create(wsPath);
  const c = await inst.connect();
  await c.run('CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  await c.run("INSERT INTO meta VALUES ('industry_code_system', 'NAICS 2017')");
  await c.run('CREATE TABLE regional_stats (region VARCHAR, industry VARCHAR, year INTEGER, employment DOUBLE, output DOUBLE, establishments DOUBLE)');
  await c.run('CREATE TABLE regions (code VARCHAR, name VARCHAR, parent VARCHAR, level VARCHAR)');
  const rows: string[] = [];
  EMP.forEach((row, r) => {
    // A is split over its two codes in r2 (20 + 10) to exercise the aggregation
    if (r === 1) rows.push(`('r2', '336411', 2021, 20, NULL, 4)`, `('r2', '336412', 2021, 10, NULL, 2)`);
    else rows.push(`('${REGIONS[r]}', '336411', 2021, ${row[0]}, NULL, ${EST[r][0]})`);
    rows.push(`('${REGIONS[r]}', '325411', 2021, ${row[1]}, NULL, ${EST[r][1]})`, `('${REGIONS[r]}', '722511', 2021, ${row[2]}, NULL, ${EST[r][2]})`);
  });
  rows.push("('r1', '999999', 2021, 7, NULL, 1)", "('r3', '999999', 2021, 4, NULL, 1)"); // in no category
  rows.push("('r1', '336', 2021, 500, NULL, 3)"); // a coarser aggregate row
  await c.run(`INSERT INTO regional_stats VALUES ${rows.join(',')}`);
  await c.run(`INSERT INTO regions VALUES ${REGIONS.map((r) => `('${r}', '${r}', NULL, 'county')`).join(',')}`);
  c.closeSync();
  inst.closeSync();
});

describe('the workspace path', () => {
  it('aggregates to categories with loadStatsMatrix and reports what is in no category', async () => {
    const ws = await openWorkspace(wsPath);
    try {
      const cats = readCategoryFile(file('cats.csv', CATS));
      const m = await loadCategoryMatrices(ws, cats);
      expect(m.employment.industries).toEqual(['A', 'B', 'L']);
      expect(Array.from(m.employment.values)).toEqual(EMP.flat());
      expect(Array.from(m.establishments.values)).toEqual(EST.flat());
      expect(m.coverage.unmapped).toEqual([{ industry: '999999', rows: 2, employment: 11, unknownRows: 0 }]);
      expect(m.coverage.coarser.map((c) => c.industry)).toEqual(['336']);
      expect(m.coverage.mappedEmployment).toBe(EMP.flat().reduce((a, b) => a + b, 0));
      expect(m.coverage.absent).toEqual([]);
      const nested = readCategoryFile(file('nested.csv', `${CATS}336,N,,,,traded\n`));
      await expect(loadCategoryMatrices(ws, nested)).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'industry', value: '336411' } });
    } finally { ws.close(); }
  });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    return { code: await main(['node', 'cluster-atlas', ...args]), out, err };
  } finally { o.mockRestore(); e.mockRestore(); }
}

describe('cluster-atlas measure clusters', () => {
  it('--format json, --csv and the table agree with the hand computation', async () => {
    const cats = file('cats.csv', CATS);
    const j = await run(['--format', 'json', 'measure', 'clusters', '--workspace', wsPath, '--categories', cats]);
    expect(j.code, j.err).toBe(0);
    const doc = JSON.parse(j.out);
    expect(doc.strong.map((c: { region: string; industry: string }) => `${c.region}:${c.industry}`)).toEqual(['r2:A', 'r4:A', 'r3:B']);
    expect(doc.coverage.unmapped[0]).toMatchObject({ industry: '999999', employment: 11 });
    expect(doc.warnings.some((w: string) => w.includes('999999 (11)'))).toBe(true);
    const c = await run(['measure', 'clusters', '--workspace', wsPath, '--categories', cats, '--csv']);
    expect(c.code, c.err).toBe(0);
    const lines = c.out.trim().split('\n');
    expect(lines[0]).toBe('region,category,category_name,type,employment,establishments,lq,strong');
    expect(lines).toContain('r3,B,Pharma,traded,35,7,1.75,strong10');
    expect(lines).toContain('r1,L,Restaurants,local,100,10,1,');
    const t = await run(['measure', 'clusters', '--workspace', wsPath, '--categories', cats]);
    expect(t.code, t.err).toBe(0);
    expect(t.out).toMatch(/r3\s+B\s+Pharma/);
    expect(t.err).toContain('in no category');
  });
  it('takes the category file from the project\'s "categories" block when --categories is not given; neither is E_OPTION', async () => {
    file('proj-cats.csv', CATS);
    const proj = file('cluster-atlas.json', JSON.stringify({ version: 1, industryCodeSystem: 'NAICS 2017', workspace: 'workspace.duckdb', inputs: { regionalStats: { file: 'stats.csv' } }, categories: { file: 'proj-cats.csv' } }));
    const j = await run(['--format', 'json', 'measure', 'clusters', '-p', proj]);
    expect(j.code, j.err).toBe(0);
    expect(JSON.parse(j.out).strong.map((c: { region: string; industry: string }) => `${c.region}:${c.industry}`)).toEqual(['r2:A', 'r4:A', 'r3:B']);
    const none = await run(['measure', 'clusters', '--workspace', wsPath]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/give --categories FILE or a "categories"/);
  });
  it('--confine refuses a project whose category file lies outside the project directory', async () => {
    const { loadProject, confineProject } = await import('../src/io/project-file.js');
    const sub = join(dir, 'confined');
    mkdirSync(sub, { recursive: true });
    const proj = join(sub, 'cluster-atlas.json');
    writeFileSync(proj, JSON.stringify({ version: 1, industryCodeSystem: 'NAICS 2017', workspace: 'ws.duckdb', inputs: { regionalStats: { file: 'stats.csv' } }, categories: { file: '../cats.csv' } }));
    writeFileSync(join(sub, 'stats.csv'), 'region,industry,year,employment\n');
    expect(() => confineProject(loadProject(proj))).toThrow(expect.objectContaining({ code: 'E_FILE', details: expect.objectContaining({ field: 'categories.file' }) }));
  });

  it('a bad category file exits 1 naming the line', async () => {
    const r = await run(['measure', 'clusters', '--workspace', wsPath, '--categories', file('bad2.csv', 'industry,category,type\n336411,A,tradable\n')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad2.csv:2');
  });
  it('the concentration verbs take a category file as --groups (measure lq at category level)', async () => {
    const r = await run(['--format', 'json', 'measure', 'lq', '--workspace', wsPath, '--groups', file('cats.csv', CATS)]);
    expect(r.code, r.err).toBe(0);
    const cell = JSON.parse(r.out).cells.find((c: { region: string; industry: string }) => c.region === 'r1' && c.industry === 'L');
    expect(cell.lq).toBeCloseTo(29500 / 21000, 12); // all-category denominators: (100/120)/(175/295)
  });
  it('--help names the options', async () => {
    const h = await run(['measure', 'clusters', '--help']);
    expect(h.out).toContain('--categories');
    expect(h.out).toContain('--csv');
  });
});

describe('categories from-cmp (a hand-written file in the CMP layout)', () => {
  const defs = `naics,naics_title,cluster_code,cluster_name,subcluster_code,subcluster_name,type,subcluster_basis
336411,Aircraft Manufacturing,1,Aero,1,Aircraft,traded,acr1
325411,Medicinal,2,Pharma,1,Drugs,traded,acr1
722511,Restaurants,101,Hospitality,1,Eating,local,acr1
`;
  const matrix = `cluster_a,cluster_a_name,cluster_b,cluster_b_name,rel_all_90_v3,cr_all_pc
1,Aero,1,Aero,0,99
1,Aero,2,Pharma,1,93
2,Pharma,1,Aero,1,93
`;
  it('converts the definitions and the related pairs; the result loads', () => {
    const d = join(dir, 'cmp');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d);
    writeFileSync(join(d, 'cmp_clusters_naics2012.csv'), defs);
    writeFileSync(join(d, 'cmp_related_clusters_matrix.csv'), matrix);
    const c = convertCmpDefinitions(d, 'matrix');
    expect(c).toMatchObject({ rows: 3, clusters: { traded: 2, local: 1 }, pairs: 2 });
    const cats = readCategoryFile(file('conv.csv', c.categories), { relatedFile: file('conv-rel.csv', c.related!) });
    expect(cats.categories.map((x) => [x.code, x.name, x.type])).toEqual([['1', 'Aero', 'traded'], ['2', 'Pharma', 'traded'], ['101', 'Hospitality', 'local']]);
    expect(cats.related).toEqual([{ a: '1', b: '2', relatedness: 93 }, { a: '2', b: '1', relatedness: 93 }]);
  });
  it('refuses a bad row by line, and never overwrites an existing output', async () => {
    const d = join(dir, 'cmp-bad');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'cmp_clusters_naics2012.csv'), defs.replace('325411', '32541'));
    const e = inputError(() => convertCmpDefinitions(d, 'none'));
    expect(e.details).toMatchObject({ line: 3, field: 'naics', value: '32541' });
    const out = file('exists.csv', 'mine\n');
    const r = await run(['categories', 'from-cmp', join(dir, 'cmp'), '--out', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    const fresh = join(dir, 'fresh.csv');
    const ok = await run(['categories', 'from-cmp', join(dir, 'cmp'), '--out', fresh]);
    expect(ok.code, ok.err).toBe(0);
    expect(existsSync(join(dir, 'fresh-related.csv'))).toBe(true);
    expect(ok.err).toContain('no open licence');
  });
});
