/**
 * groupRegionMatrix / placeMatrix: hand-built firms, every cell and moment derived by hand;
 * the one missing-size policy (left out, counted) and its errors.
 */
import { describe, expect, it } from 'vitest';
import { collapseToGroup, collapseToPlace, crossSizes, groupRegionMatrix, missingSizesWarning, placeMatrix } from '../src/data/firm-sizes.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { createRng } from '../src/core/rng.js';

// five firms: sizes 10, 20, NaN (unknown), 5, 40; regions A, A, B, B, none; group = firms 0, 2, 3
const size = Float64Array.of(10, 20, Number.NaN, 5, 40);
const region = Int32Array.of(0, 0, 1, 1, -1);
const inGroup = Uint8Array.of(1, 0, 1, 1, 0);

describe('groupRegionMatrix', () => {
  it('sums group and other sizes per region; unknown sizes and regionless firms are counted, not cells', () => {
    const { matrix, plants, tally } = groupRegionMatrix({ regions: ['A', 'B'], region, size, inGroup, variable: 'employees' });
    expect([...matrix.values]).toEqual([10, 20, 5, 0]);
    expect(matrix.industries).toEqual(['group', 'other']);
    expect(tally).toEqual({ firms: 5, missing: 1, unplaced: 1, examples: [2] });
    expect([...plants.count]).toEqual([2, 1]);
    expect([...plants.sum]).toEqual([15, 20]);
    expect([...plants.sumSquares]).toEqual([125, 400]);
    expect([...plants.sumFourth]).toEqual([10000 + 625, 160000]);
    // LQ of the group in A: (10/30) / (15/35) = 7/9
    expect(locationQuotient(matrix).value.values[0]).toBeCloseTo(7 / 9, 14);
  });
  it('visits only the firms given, and takes a predicate for membership', () => {
    const { matrix, tally } = groupRegionMatrix({ regions: ['A', 'B'], region, size, inGroup: (k) => k === 1, firms: [1, 3] });
    expect([...matrix.values]).toEqual([20, 0, 0, 5]);
    expect(tally.firms).toBe(2);
  });
  it('says how many sizes are missing, and nothing when none are', () => {
    const { tally } = groupRegionMatrix({ regions: ['A', 'B'], region, size, inGroup });
    expect(missingSizesWarning(tally, 'employees', 'candidate x')).toMatch(/1 of 5 firm\(s\) have no employees/);
    expect(missingSizesWarning({ firms: 3, missing: 0, unplaced: 0, examples: [] }, 'employees', 'x')).toBeNull();
  });
  it('rejects negative and infinite sizes with the firm index', () => {
    expect(() => groupRegionMatrix({ regions: ['A'], region: [0], size: [-1], inGroup: [1] as unknown as Uint8Array })).toThrow(expect.objectContaining({ code: 'E_NEGATIVE', details: expect.objectContaining({ row: 0 }) }));
    expect(() => groupRegionMatrix({ regions: ['A'], region: [0], size: [Infinity], inGroup: Uint8Array.of(1) })).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE' }));
  });
});

describe('placeMatrix', () => {
  it('is the {place, rest} × {group, other} table; regionless firms still count', () => {
    const inPlace = Uint8Array.of(1, 1, 0, 0, 1);
    const { matrix, tally } = placeMatrix({ size, inPlace, inGroup });
    expect([...matrix.values]).toEqual([10, 60, 5, 0]);
    expect(tally).toEqual({ firms: 5, missing: 1, unplaced: 0, examples: [2] });
    // LQ of the group in the place: (10/70) / (15/75) = 5/7
    expect(locationQuotient(matrix).value.values[0]).toBeCloseTo(5 / 7, 14);
  });
});

describe('crossSizes + collapseToPlace / collapseToGroup', () => {
  // 2,000 seeded firms in 30 regions and 12 industries; some without a size, a region or an industry
  const rng = createRng(11);
  const N = 2000;
  const R = 30;
  const I = 12;
  const rows = Array.from({ length: R }, (_, r) => `R${r}`);
  const industries = Array.from({ length: I }, (_, i) => `I${i}`);
  const region = Int32Array.from({ length: N }, () => (rng.next() < 0.05 ? -1 : Math.floor(rng.next() * R)));
  const industry = Int32Array.from({ length: N }, () => (rng.next() < 0.03 ? -1 : Math.floor(rng.next() * I)));
  const size = Float64Array.from({ length: N }, () => (rng.next() < 0.1 ? Number.NaN : Math.floor(1 + 500 * rng.next() ** 3)));
  const cross = crossSizes({ rows, row: region, industries, industry, size });
  const near = (a: ArrayLike<number>, b: ArrayLike<number>): void => {
    expect(a.length).toBe(b.length);
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[k])));
  };

  it('counts what it leaves out like the per-firm builders', () => {
    const direct = groupRegionMatrix({ regions: rows, region, size, inGroup: () => true });
    expect(cross.tally).toEqual(direct.tally);
  });
  it('gives the placeMatrix table of any place and group', () => {
    for (const [place, group] of [[[0, 3, 7], [1]], [[12], [2, 5, 9]], [Array.from({ length: R }, (_, r) => r), [0]]] as const) {
      const inPlace = new Uint8Array(R); for (const r of place) inPlace[r] = 1;
      const inGroup = new Uint8Array(I); for (const i of group) inGroup[i] = 1;
      const direct = placeMatrix({ size, inPlace: (k) => region[k] >= 0 && inPlace[region[k]] === 1, inGroup: (k) => industry[k] >= 0 && inGroup[industry[k]] === 1 });
      near(collapseToPlace(cross, place, group).values, direct.matrix.values);
    }
  });
  it('gives the groupRegionMatrix table and plant moments of any group', () => {
    for (const group of [[0], [3, 4, 11], []] as number[][]) {
      const inGroup = new Uint8Array(I); for (const i of group) inGroup[i] = 1;
      const direct = groupRegionMatrix({ regions: rows, region, size, inGroup: (k) => industry[k] >= 0 && inGroup[industry[k]] === 1 });
      const { matrix, plants } = collapseToGroup(cross, group);
      near(matrix.values, direct.matrix.values);
      for (const m of ['count', 'sum', 'sumSquares', 'sumFourth'] as const) near(plants[m], direct.plants[m]);
    }
  });
});
