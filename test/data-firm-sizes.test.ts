/**
 * groupRegionMatrix / placeMatrix: hand-built firms, every cell and moment derived by hand;
 * the one missing-size policy (left out, counted) and its errors.
 */
import { describe, expect, it } from 'vitest';
import { groupRegionMatrix, missingSizesWarning, placeMatrix } from '../src/data/firm-sizes.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';

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
