import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../src/core/adjusted-rand-index.js';
import { skater } from '../src/plan/regionalisation/skater.js';

const FIX = join(import.meta.dirname, 'fixtures', 'regionalisation');
const spdep = JSON.parse(readFileSync(join(FIX, 'skater-spdep.json'), 'utf8')) as {
  cases: { name: string; n: number; neighbours: number[][]; data: number[][]; mstCost: number; minSize: number; partitions: { k: number; groups: number[] }[] }[];
};
const ari = JSON.parse(readFileSync(join(FIX, 'ari-sklearn.json'), 'utf8')) as { cases: { a: number[]; b: number[]; ari: number }[] };

describe('adjusted Rand index matches scikit-learn (test/reference/ari-sklearn.py)', () => {
  for (const [i, c] of ari.cases.entries()) it(`case ${i}`, () => expect(adjustedRandIndex(c.a, c.b)).toBeCloseTo(c.ari, 12));
  it('is 1 for the same partition under other labels', () => expect(adjustedRandIndex([0, 0, 1, 2], ['x', 'x', 'y', 'z'])).toBe(1));
});

describe('SKATER matches spdep 1.2.7 (test/reference/regionalisation-spdep.R)', () => {
  for (const c of spdep.cases) {
    // spdep neighbour lists can hold a 0 marker for "no neighbours"; these data sets have none
    const neighbours = c.neighbours.map((v) => (Array.isArray(v) ? v : [v]));
    it(`${c.name}: the minimum spanning tree has spdep's total cost`, () => {
      const r = skater(neighbours, c.data, { k: 1 });
      expect(r.tree.reduce((s, e) => s + e[2], 0)).toBeCloseTo(c.mstCost, 9);
      expect(r.tree).toHaveLength(c.n - 1);
    });
    for (const part of c.partitions) {
      it(`${c.name}: k = ${part.k} gives spdep's regions`, () => {
        const r = skater(neighbours, c.data, { k: part.k, minSize: c.minSize });
        expect(r.regions).toBe(part.k);
        expect(adjustedRandIndex(r.groups, part.groups)).toBe(1);
      });
    }
  }
});

describe('SKATER on planted regions and edge cases', () => {
  it('recovers three planted bands of a 6×6 lattice (each region contiguous)', () => {
    const side = 6;
    const nb: number[][] = [];
    const data: number[][] = [];
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      const i = r * side + c;
      nb[i] = [[r - 1, c], [r + 1, c], [r, c - 1], [r, c + 1]].filter(([y, x]) => y >= 0 && y < side && x >= 0 && x < side).map(([y, x]) => y * side + x);
      const band = Math.floor(c / 2);
      data[i] = [band * 10 + ((r * 7 + c * 3) % 5) / 10];
    }
    const r = skater(nb, data, { k: 3 });
    expect(adjustedRandIndex(r.groups, data.map((d) => Math.floor(d[0] / 10)))).toBe(1);
    expect(r.ssw).toBeLessThan(r.ssto);
  });
  it('islands are an error; minSize can leave fewer regions with a warning', () => {
    expect(() => skater([[1], [0], []], [[0], [1], [2]], { k: 2 })).toThrow(expect.objectContaining({ code: 'E_DEGENERATE' }));
    const r = skater([[1], [0, 2], [1]], [[0], [1], [2]], { k: 3, minSize: 2 });
    expect(r.regions).toBe(1);
    expect(r.warnings[0]).toMatch(/no admissible cut/);
    expect(() => skater([[1], [0]], [[0], [Number.NaN]], { k: 1 })).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE' }));
  });
});
