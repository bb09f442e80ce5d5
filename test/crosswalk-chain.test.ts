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
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCrosswalkFile } from '../src/load/classifications/load-crosswalk-file.js';
import { crosswalkIsicGbt } from '../src/model/classifications/index.js';
import { allocateThrough, chainCrosswalks, crosswalkShares, isicGbtCrosswalk } from '../src/model/classifications/crosswalk-chain.js';

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
  it('a weighted split that sums to more than 1 is normalised; the reverse direction of the shipped table', () => {
    expect(crosswalkShares([{ from: 'a', to: 'x', weight: 3 }, { from: 'a', to: 'y', weight: 1 }]).map((l) => l.share)).toEqual([0.75, 0.25]);
    const back = crosswalkShares(isicGbtCrosswalk(crosswalkIsicGbt(), 'gbt-to-isic')).filter((l) => l.from === '33');
    expect(back.map((l) => l.to).sort()).toEqual(['24', '25']); // GB/T 33 → ISIC 25 and 24 (casting)
  });
});
