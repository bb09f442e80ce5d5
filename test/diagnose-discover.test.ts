import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { resolveThresholds } from '../src/diagnose/config.js';
import { discoverCandidates } from '../src/diagnose/discover.js';
import { groupConcentration } from '../src/diagnose/enterprise-groups.js';
import { economy, type FirmSpec } from './diagnose-helpers.js';

// Candidate discovery on small hand-built economies, at the edges of its thresholds.
// Geography: a background of firms spread uniformly over about 2° × 2° (≈ 200 km) around
// (120 E, 30 N); planted spots are 30 firms within ~1 km.

function background(count: number, seed: number, codes = ['5212', '6210', '5232', '4710']): FirmSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, k) => ({ industry: codes[k % codes.length], lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next() }));
}

function spot(industry: string, n: number, lon: number, lat: number, seed: number, extra: Partial<FirmSpec> = {}): FirmSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => ({ industry, lon: lon + 0.01 * (rng.next() - 0.5), lat: lat + 0.01 * (rng.next() - 0.5), ...extra }));
}

const T = resolveThresholds();

/** `count` random supply ties among firms [0, n) (the sparse background the tie-structure test measures structure against). */
export function randomTies(n: number, count: number, seed: number): Array<[number, number, 'supply']> {
  const rng = createRng(seed);
  const out: Array<[number, number, 'supply']> = [];
  while (out.length < count) {
    const a = Math.floor(rng.next() * n);
    const b = Math.floor(rng.next() * n);
    if (a !== b) out.push([a, b, 'supply']);
  }
  return out;
}

describe('discovery: hotspots', () => {
  const bg = background(2000, 1);
  const a = spot('1952', 30, 120, 30, 2);
  const b = spot('1819', 30, 120.005, 30.004, 3);
  const firms = [...bg, ...a, ...b];
  const A0 = bg.length;
  const B0 = bg.length + a.length;
  const tie = (count: number): Array<[number, number, 'supply']> => Array.from({ length: count }, (_, k) => [A0 + k, B0 + k, 'supply']);

  it('finds a dense spot of a class over-represented against all firms, not the background classes', () => {
    const disc = discoverCandidates(economy(firms), T);
    const fp = disc.candidates.filter((c) => c.kind === 'hotspot');
    expect(fp.map((c) => c.industries).sort()).toEqual([['1819'], ['1952']]);
    expect(fp.every((c) => c.firms.length === 30)).toBe(true);
  });

  it('merges overlapping spots when ties reach mergeTiesPerFirm (0.05 × 30 = 1.5: two ties merge, one does not)', () => {
    expect(discoverCandidates(economy(firms, tie(1)), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(2);
    const merged = discoverCandidates(economy(firms, tie(2)), T).candidates.filter((c) => c.kind === 'hotspot');
    expect(merged).toHaveLength(1);
    expect([...merged[0].industries].sort()).toEqual(['1819', '1952']);
    expect(merged[0].firms.length).toBe(60);
  });

  it('a firm outside both spots tied to each joins them as a shared partner', () => {
    const partner = firms.length;
    const withPartner = [...firms, { industry: '2231', lon: 119.2, lat: 29.2 }];
    const links: Array<[number, number, 'supply']> = [[partner, A0, 'supply'], [partner, B0, 'supply'], [partner, A0 + 1, 'supply']];
    // one shared partner = 1 tie-equivalent < 1.5: still apart; two shared partners merge
    expect(discoverCandidates(economy(withPartner, links), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(2);
    const two = [...withPartner, { industry: '2231', lon: 119.3, lat: 29.3 }];
    const links2: Array<[number, number, 'supply']> = [...links, [partner + 1, A0 + 2, 'supply'], [partner + 1, B0 + 2, 'supply']];
    expect(discoverCandidates(economy(two, links2), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(1);
  });

  it('does not merge tied spots that do not overlap (60 km apart)', () => {
    const far = [...bg, ...a, ...spot('1819', 30, 120.6, 30.2, 3)];
    expect(discoverCandidates(economy(far, tie(10)), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(2);
  });

  it('needs minFirms establishments in a spot: 9 are not a spot', () => {
    const small = [...bg, ...spot('1952', 9, 120, 30, 2)];
    expect(discoverCandidates(economy(small), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(0);
    const ten = [...bg, ...spot('1952', 10, 120, 30, 2)];
    expect(discoverCandidates(economy(ten), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(1);
  });

  it('a class that merely follows the density of all firms forms no spot (local LQ ≈ 1)', () => {
    const rng = createRng(9);
    // a dense town of 400 firms of four classes in equal shares: each class is 25% there and 25% overall
    const town = Array.from({ length: 400 }, (_, k) => ({ industry: ['5212', '6210', '5232', '4710'][k % 4], lon: 120 + 0.02 * (rng.next() - 0.5), lat: 30 + 0.02 * (rng.next() - 0.5) }));
    expect(discoverCandidates(economy([...bg, ...town]), T).candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(0);
  });

  it('a hotspot mostly inside a park is that park’s candidate', () => {
    const inPark = [...bg, ...spot('3911', 30, 120, 30, 4, { park: 0 })];
    const disc = discoverCandidates(economy(inPark, [], 1), T);
    expect(disc.candidates.map((c) => c.kind)).toEqual(['park']);
    expect(disc.stats.dropped.join(' ')).toMatch(/100% in park P0, diagnosed as the park/);
  });
});

describe('discovery: networks and concentrated industries', () => {
  const bg = background(2000, 5);
  // 400 random supply ties among the background firms: the chance level of the tie-structure test
  const noise = randomTies(bg.length, 400, 11);
  it('firms tied across far places form a network candidate from componentMinFirms (3) firms, when their ties are structure', () => {
    const chain: FirmSpec[] = [
      { industry: '2822', lon: 119.1, lat: 29.1 }, { industry: '1761', lon: 120.5, lat: 30.5 }, { industry: '1821', lon: 120.9, lat: 29.2 },
    ];
    const firms = [...bg, ...chain];
    const c0 = bg.length;
    // two ties on each stage pair (supply and subcontract): each pair far above chance
    const stages: Array<[number, number, 'supply' | 'subcontract']> = [[c0, c0 + 1, 'supply'], [c0, c0 + 1, 'subcontract'], [c0 + 1, c0 + 2, 'supply'], [c0 + 1, c0 + 2, 'subcontract']];
    const three = discoverCandidates(economy(firms, [...noise, ...stages]), T).candidates.filter((c) => c.kind === 'network');
    expect(three).toHaveLength(1);
    expect(three[0].industries.sort()).toEqual(['1761', '1821', '2822']);
    const two = discoverCandidates(economy(firms, [...noise, ...stages.slice(0, 2)]), T).candidates.filter((c) => c.kind === 'network');
    expect(two).toHaveLength(0);
    // one tie per stage pair is one transaction, not structure (tiePairMinTies 2)
    const single = discoverCandidates(economy(firms, [...noise, stages[0], stages[2]]), T).candidates.filter((c) => c.kind === 'network');
    expect(single).toHaveLength(0);
  });

  it('a hotspot whose ties mostly run into a multi-industry network joins it (a local node of it)', () => {
    const net: FirmSpec[] = [
      { industry: '1351', lon: 120.9, lat: 30.9 }, { industry: '1371', lon: 119.2, lat: 29.3 }, { industry: '5224', lon: 120.8, lat: 29.4 },
    ];
    const farms = spot('0313', 30, 120, 30, 8);
    const firms = [...bg, ...net, ...farms];
    const n0 = bg.length;
    const f0 = n0 + net.length;
    const chain: Array<[number, number, 'supply' | 'subcontract']> = [...noise, [n0, n0 + 1, 'supply'], [n0, n0 + 1, 'subcontract'], [n0 + 1, n0 + 2, 'supply'], [n0 + 1, n0 + 2, 'subcontract']];
    const sells = (count: number): Array<[number, number, 'supply']> => Array.from({ length: count }, (_, k) => [f0 + k, n0, 'supply']);
    // every farm sells to the network's plant: one network of 33 firms, no separate hotspot
    const joined = discoverCandidates(economy(firms, [...chain, ...sells(30)]), T).candidates;
    expect(joined.filter((c) => c.kind === 'hotspot')).toHaveLength(0);
    expect(joined.filter((c) => c.kind === 'network').map((c) => c.firms.length)).toEqual([33]);
    // no ties from the farms: the hotspot stands alone beside the 3-firm network
    const apart = discoverCandidates(economy(firms, chain), T).candidates;
    expect(apart.filter((c) => c.kind === 'hotspot').map((c) => c.firms.length)).toEqual([30]);
    expect(apart.filter((c) => c.kind === 'network').map((c) => c.firms.length)).toEqual([3]);
  });

  it('an industry group is a candidate when its enterprise groups are concentrated and it has industryMinFirms (50) establishments', () => {
    const rng = createRng(6);
    const make = (n: number): FirmSpec[] => {
      const out: FirmSpec[] = [];
      const hq = bg.length;
      out.push({ industry: '3851', lon: 119.5, lat: 29.5, output: 5000 });
      // three plants of the headquarters' group, each large
      for (let k = 0; k < 3; k++) out.push({ industry: '3852', lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next(), output: 3000, parent: hq });
      while (out.length < n) out.push({ industry: '3855', lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next(), output: 50 });
      return out;
    };
    const fifty = discoverCandidates(economy([...bg, ...make(50)]), T).candidates.filter((c) => c.kind === 'industry');
    expect(fifty.map((c) => c.industries)).toEqual([['385']]);
    expect(fifty[0].firms.length).toBe(50);
    expect(discoverCandidates(economy([...bg, ...make(49)]), T).candidates.filter((c) => c.kind === 'industry')).toHaveLength(0);
  });

  it('rolls plants up to their root parent for CR4, HHI and CR1', () => {
    const firms: FirmSpec[] = [
      { industry: '3851', lon: 0, lat: 0, output: 40 },
      { industry: '3851', lon: 0, lat: 0, output: 20, parent: 0 },
      { industry: '3851', lon: 0, lat: 0, output: 20, parent: 1 },
      { industry: '3851', lon: 0, lat: 0, output: 10 },
      { industry: '3851', lon: 0, lat: 0, output: 10 },
    ];
    const c = groupConcentration(economy(firms), [0, 1, 2, 3, 4]);
    // groups: {0,1,2} = 80, {3} = 10, {4} = 10 → CR1 0.8, CR4 1, HHI 0.64 + 0.01 + 0.01
    expect(c.cr1).toBeCloseTo(0.8, 12);
    expect(c.cr4).toBeCloseTo(1, 12);
    expect(c.hhi).toBeCloseTo(0.66, 12);
    expect(c.groups).toBe(3);
  });
});

describe('discovery: regions (firms without coordinates)', () => {
  // ten regions of 100 background firms each, no coordinates; region 3 also holds k firms of 1952
  const data = (k: number, extra = 0): FirmSpec[] => {
    const out: FirmSpec[] = [];
    for (let r = 0; r < 10; r++) for (let j = 0; j < 100; j++) out.push({ industry: ['5212', '6210', '5232', '4710'][j % 4], lon: Number.NaN, lat: Number.NaN, region: r });
    for (let j = 0; j < k; j++) out.push({ industry: '1952', lon: Number.NaN, lat: Number.NaN, region: 3 });
    for (let j = 0; j < extra; j++) out.push({ industry: '1952', lon: Number.NaN, lat: Number.NaN, region: j % 10 });
    return out;
  };
  it('a class concentrated in one region is a region candidate; the same class spread evenly is not', () => {
    const found = discoverCandidates(economy(data(30), [], 0, 10), T).candidates;
    expect(found.map((c) => c.kind)).toEqual(['region']);
    expect(found[0].industries).toEqual(['1952']);
    expect(found[0].firms.length).toBe(30);
    // 30 firms spread over the ten regions: three each, below minFirms and LQ ≈ 1
    expect(discoverCandidates(economy(data(0, 30), [], 0, 10), T).candidates).toHaveLength(0);
  });
  it('needs minFirms firms in the cell', () => {
    expect(discoverCandidates(economy(data(9), [], 0, 10), T).candidates).toHaveLength(0);
    expect(discoverCandidates(economy(data(10), [], 0, 10), T).candidates).toHaveLength(1);
  });
});

