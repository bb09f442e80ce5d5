/**
 * Chained crosswalks NAICS → ISIC Rev.4 → GB/T 4754-2017 with the loss reported
 * (src/model/classifications/crosswalk-chain.ts). The NAICS → ISIC table is a hand-written user
 * file read by loadCrosswalkFile; the second step is the shipped ISIC ↔ GB/T division table.
 *
 * Expected values worked out by hand from the shipped rows: ISIC 29 → GB/T 36 only; ISIC 30 →
 * GB/T 37 only; ISIC 33 → GB/T 43 only; ISIC 28 → GB/T 34, 35, 40 (three rows, no weights).
 *   3361 → 29 (1)              → 36: 1                       employment 100
 *   3364 → 30 (0.8), 33 (0.2)  → 37: 0.8, 43: 0.2 (weighted) employment  50
 *   333  → 28 (1)              → 34, 35, 40: 1/3 each (equal split, unweighted)  employment 30
 *   4841 → ZZ (no ISIC ↔ GB/T row) → lost                     employment  5
 *   999  (not in the table)                                   employment 15
 * total 200: unambiguous 100/200 = 0.5; ambiguous (50 + 30)/200 = 0.4, of which unweighted
 * 30/200 = 0.15; unmapped (5 + 15)/200 = 0.1. Allocated: 36 100, 37 40, 43 10, 34/35/40 10 each.
 *
 * Translating categories A = {3361, 3364}, B = {333}, C = {3365 → ISIC 30 (1)}, L = {4841}:
 *   one per source code: GB/T 37 gets A 0.8, C 1 → C, purity 1/1.8; 36, 43 → A; 34, 35, 40 → B;
 *   4841 lost. Sizes 3361 100, 3364 50, 3365 10, 333 30: 37 gets A 40, C 10 → A, purity 0.8;
 *   total mass 190 (36 100, 37 50, 43 10, 34/35/40 30), shared 10.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { loadCrosswalkFile } from '../src/load/classifications/load-crosswalk-file.js';
import { crosswalkIsicGbt } from '../src/model/classifications/index.js';
import { allocateThrough, chainCrosswalks, crosswalkShares, isicGbtCrosswalk, translateCategories } from '../src/model/classifications/crosswalk-chain.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-xwalk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('chained crosswalks', () => {
  const file = join(dir, 'naics-isic.csv');
  writeFileSync(file, 'from,to,weight\n3361,29,1\n3364,30,0.8\n3364,33,0.2\n333,28,1\n4841,ZZ,1\n');
  const chain = chainCrosswalks(loadCrosswalkFile(file), isicGbtCrosswalk(crosswalkIsicGbt(), 'isic-to-gbt'));
  const share = (from: string) => Object.fromEntries(chain.links.filter((l) => l.from === from).map((l) => [l.to, l.share]));
  it('composes the shares and marks equal splits', () => {
    expect(share('3361')).toEqual({ 36: 1 });
    expect(share('3364')).toEqual({ 37: 0.8, 43: 0.2 });
    const s333 = share('333');
    expect(Object.keys(s333).sort()).toEqual(['34', '35', '40']);
    for (const v of Object.values(s333)) expect(v).toBeCloseTo(1 / 3, 12);
    expect(chain.links.filter((l) => l.from === '333').every((l) => !l.weightsKnown)).toBe(true);
    expect(chain.links.filter((l) => l.from === '3364').every((l) => l.weightsKnown)).toBe(true);
    expect(chain.lost).toEqual([{ from: '4841', share: 1, through: ['ZZ'] }]);
  });
  it('allocates employment and reports the ambiguous and unmapped shares', () => {
    const a = allocateThrough(new Map([['3361', 100], ['3364', 50], ['333', 30], ['4841', 5], ['999', 15]]), chain.links);
    expect(a.total).toBe(200);
    expect(a.unambiguous).toBe(0.5);
    expect(a.ambiguous).toBeCloseTo(0.4, 12);
    expect(a.ambiguousUnweighted).toBeCloseTo(0.15, 12);
    expect(a.unmapped).toBeCloseTo(0.1, 12);
    expect(a.unmappedCodes).toEqual([{ code: '999', size: 15 }, { code: '4841', size: 5 }]);
    expect(a.allocated.get('36')).toBe(100);
    expect(a.allocated.get('37')).toBeCloseTo(40, 12);
    expect(a.allocated.get('43')).toBeCloseTo(10, 12);
    for (const g of ['34', '35', '40']) expect(a.allocated.get(g)).toBeCloseTo(10, 12);
  });
  it('six equal shares of 1/6 map a code fully (their float sum 1 − 1.1e-16 leaves nothing unmapped)', () => {
    const links = crosswalkShares(['u', 'v', 'w', 'x', 'y', 'z'].map((to) => ({ from: 'a', to })));
    expect(links.reduce((t, l) => t + l.share, 0)).toBeLessThan(1); // the float sum
    const a = allocateThrough(new Map([['a', 30]]), links);
    expect(a.unmapped).toBe(0);
    expect(a.unmappedCodes).toEqual([]);
    expect(a.ambiguous).toBe(1);
  });
  it('a weighted split that sums to more than 1 is normalised; the reverse direction of the shipped table', () => {
    expect(crosswalkShares([{ from: 'a', to: 'x', weight: 3 }, { from: 'a', to: 'y', weight: 1 }]).map((l) => l.share)).toEqual([0.75, 0.25]);
    const back = crosswalkShares(isicGbtCrosswalk(crosswalkIsicGbt(), 'gbt-to-isic')).filter((l) => l.from === '33');
    expect(back.map((l) => l.to).sort()).toEqual(['24', '25']); // GB/T 33 → ISIC 25 and 24 (casting)
  });
});

describe('translating categories through the chain', () => {
  const xw = join(dir, 'naics-isic-2.csv');
  writeFileSync(xw, 'from,to,weight\n3361,29,1\n3364,30,0.8\n3364,33,0.2\n333,28,1\n4841,ZZ,1\n3365,30,1\n');
  const rows = [{ industry: '3361', category: 'A' }, { industry: '3364', category: 'A' }, { industry: '333', category: 'B' }, { industry: '3365', category: 'C' }, { industry: '4841', category: 'L' }];
  const links = chainCrosswalks(loadCrosswalkFile(xw), isicGbtCrosswalk(crosswalkIsicGbt(), 'isic-to-gbt')).links;
  it('one per source code', () => {
    const t = translateCategories(rows, links);
    const got = Object.fromEntries(t.codes.map((c) => [c.code, c.category]));
    expect(got).toEqual({ 34: 'B', 35: 'B', 36: 'A', 37: 'C', 40: 'B', 43: 'A' });
    expect(t.codes.find((c) => c.code === '37')!.purity).toBeCloseTo(1 / 1.8, 12);
    expect(t.lostCodes).toEqual(['4841']);
  });
  it('weighted by employment, and through the CLI', async () => {
    const sizes = new Map([['3361', 100], ['3364', 50], ['3365', 10], ['333', 30]]);
    const t = translateCategories(rows, links, sizes);
    const c37 = t.codes.find((c) => c.code === '37')!;
    expect(c37.category).toBe('A');
    expect(c37.purity).toBeCloseTo(0.8, 12);
    expect(t.totalMass).toBeCloseTo(190, 9);
    expect(t.sharedMass).toBeCloseTo(10, 9);
    const cats = join(dir, 'cats-naics.csv');
    writeFileSync(cats, 'industry,category,category_name,type\n3361,A,Vehicles,traded\n3364,A,Vehicles,traded\n333,B,Machinery,traded\n3365,C,Rail,traded\n4841,L,Trucking,local\n');
    const sz = join(dir, 'sizes.csv');
    writeFileSync(sz, 'industry,employment\n3361,100\n3364,50\n3365,10\n333,30\n4841,5\n');
    const out = join(dir, 'cats-gbt.csv');
    let o = '';
    let e = '';
    const so = vi.spyOn(process.stdout, 'write').mockImplementation((x) => { o += String(x); return true; });
    const se = vi.spyOn(process.stderr, 'write').mockImplementation((x) => { e += String(x); return true; });
    let code: number;
    try {
      code = await main(['node', 'cluster-atlas', '--format', 'json', 'categories', 'translate', '--categories', cats, '--crosswalk', xw, '--through', 'isic-gbt', '--sizes', sz, '--out', out]);
    } finally { so.mockRestore(); se.mockRestore(); }
    expect(code, e).toBe(0);
    const summary = JSON.parse(o);
    expect(summary.sharedCodes.map((c: { code: string }) => c.code)).toEqual(['37']);
    expect(summary.sharedMassShare).toBeCloseTo(10 / 190, 9);
    expect(summary.lostCodes).toEqual(['4841']);
    const back = readCategoryFile(out);
    expect(back.rows.map((r) => [r.industry, r.category, r.type])).toEqual([['34', 'B', 'traded'], ['35', 'B', 'traded'], ['36', 'A', 'traded'], ['37', 'A', 'traded'], ['40', 'B', 'traded'], ['43', 'A', 'traded']]);
    expect(readFileSync(out, 'utf8')).toContain('37,A,Vehicles,traded,0.8');
    const again = await main(['node', 'cluster-atlas', '--quiet', 'categories', 'translate', '--categories', cats, '--crosswalk', xw, '--out', out]).catch(() => 1);
    expect(again).toBe(1);
    expect(existsSync(out)).toBe(true);
  });
});
