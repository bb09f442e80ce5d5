import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { resolveThresholds } from '../src/diagnose/config.js';
import { discoverCandidates } from '../src/diagnose/discover.js';
import { economy, type FirmSpec } from './diagnose-helpers.js';

// Issue 14, test bed: (1) a planted agglomeration whose outer firms lay beyond its hotspot's hull
// came back twice — the hotspot and a "region" candidate of the same class in the same region;
// (2) a chance spot of a background class passed a Bonferroni correction counted over the few
// spots that had already come out dense, not over the cells searched.

const T = resolveThresholds();
const regionOf = (lon: number): number => (lon > 120.3 ? 1 : 0);

/** 2,000 firms of four classes uniform over 2° × 2° around (120 E, 30 N); region 1 east of 120.3°. */
function background(seed: number, codes = ['5212', '6210', '5232', '4710']): FirmSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: 2000 }, (_, k) => {
    const lon = 119 + 2 * rng.next();
    return { industry: codes[k % codes.length], lon, lat: 29 + 2 * rng.next(), region: regionOf(lon) };
  });
}

/** n firms of `industry` within ~1 km of (lon, lat). */
function spot(industry: string, n: number, lon: number, lat: number, seed: number): FirmSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => ({ industry, lon: lon + 0.01 * (rng.next() - 0.5), lat: lat + 0.01 * (rng.next() - 0.5), region: regionOf(lon) }));
}

/** n firms of `industry` on a ring 0.15°–0.22° (about 15–21 km) around (lon, lat): no dense cell of their own. */
function ring(industry: string, n: number, lon: number, lat: number, seed: number): FirmSpec[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    const r = 0.15 + 0.07 * rng.next();
    return { industry, lon: lon + r * Math.cos(a), lat: lat + r * Math.sin(a), region: regionOf(lon + r * Math.cos(a)) };
  });
}

describe('discovery: the fringe of a hotspot in its own region', () => {
  const bg = background(11);
  const core = spot('1952', 30, 120.65, 30, 12);

  it('a region cell of the hotspot’s class in the hotspot’s region joins the hotspot (one class, one place, one structure)', () => {
    const disc = discoverCandidates(economy([...bg, ...core, ...ring('1952', 14, 120.65, 30, 13)], [], 0, 2), T);
    const hotspots = disc.candidates.filter((c) => c.kind === 'hotspot');
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0].firms.length).toBe(44);
    expect(disc.candidates.filter((c) => c.kind === 'region')).toHaveLength(0);
    expect(disc.stats.dropped.join(' ')).toMatch(/region cell R1 × 1952 \(14 firms\): the fringe of the hotspot of 1952 in the same region, joined to it/);
  });

  it('the same ring of another class stays a region candidate of its own', () => {
    const disc = discoverCandidates(economy([...bg, ...core, ...ring('1819', 14, 120.65, 30, 13)], [], 0, 2), T);
    expect(disc.candidates.filter((c) => c.kind === 'hotspot').map((c) => c.firms.length)).toEqual([30]);
    const regions = disc.candidates.filter((c) => c.kind === 'region');
    expect(regions.map((c) => [c.industries, c.firms.length])).toEqual([[['1819'], 14]]);
  });
});

describe('discovery: the Bonferroni family of the hotspot test', () => {
  // class 1952 is a fifth of the background (about 400 firms); 10 more of it within 1 km make a
  // spot whose disc count is significant at alpha / (a few dense spots) but not at alpha /
  // (every class × cell searched, about 5 × 1,500)
  const bg = background(21, ['5212', '6210', '5232', '4710', '1952']);
  const extra = spot('1952', 10, 120.5, 30.5, 22);

  it('a chance-sized excess of a common class in one spot is no hotspot', () => {
    const disc = discoverCandidates(economy([...bg, ...extra], [], 0, 2), T);
    expect(disc.stats.spots).toBeGreaterThan(0);
    expect(disc.candidates.filter((c) => c.kind === 'hotspot')).toHaveLength(0);
  });

  it('thirty more firms there are a hotspot', () => {
    const disc = discoverCandidates(economy([...bg, ...spot('1952', 30, 120.5, 30.5, 22)], [], 0, 2), T);
    expect(disc.candidates.filter((c) => c.kind === 'hotspot').map((c) => c.industries)).toEqual([['1952']]);
  });
});
