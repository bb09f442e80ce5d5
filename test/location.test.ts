import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateHubs } from '../src/plan/location/models.js';
import { chainCoverage, locateChainHubs } from '../src/plan/location/chain-covering.js';
import type { Demand, Site } from '../src/plan/location/types.js';
import { createRng } from '../src/core/rng.js';

interface Case {
  seed: number; radiusKm: number; lscpRadiusKm: number; minimumRadiusKm: number; p: number;
  demands: Demand[]; sites: Site[]; distances: number[];
  optimum: Record<'lscp' | 'mclp' | 'p-median' | 'p-center', number | null>;
}
const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'location', 'scipy-milp.json'), 'utf8')) as { cases: Case[] };

describe('hub siting matches scipy.optimize.milp on seeded instances (test/reference/location-scipy.py)', () => {
  for (const c of FIXTURE.cases) {
    const distances = Float64Array.from(c.distances);
    it(`instance ${c.seed}: ${c.demands.length} demands × ${c.sites.length} sites`, async () => {
      const lscp = await locateHubs(c.sites, c.demands, { model: 'lscp', radiusKm: c.lscpRadiusKm, distances });
      expect(lscp.objective).toBe(c.optimum.lscp);
      expect(lscp.hubs).toHaveLength(c.optimum.lscp!);
      expect(lscp.coveredWeight).toBe(lscp.totalWeight); // every point covered
      const mclp = await locateHubs(c.sites, c.demands, { model: 'mclp', radiusKm: c.radiusKm, p: c.p, distances });
      expect(mclp.objective).toBeCloseTo(c.optimum.mclp!, 6);
      expect(mclp.coveredWeight).toBeCloseTo(c.optimum.mclp!, 6); // recomputed from the chosen hubs
      const med = await locateHubs(c.sites, c.demands, { model: 'p-median', p: c.p, distances, mipRelGap: 1e-9 });
      expect(med.objective / c.optimum['p-median']!).toBeCloseTo(1, 6);
      expect(med.totalDistanceKm / c.optimum['p-median']!).toBeCloseTo(1, 6);
      const cen = await locateHubs(c.sites, c.demands, { model: 'p-center', p: c.p, distances, mipRelGap: 1e-9 });
      expect(cen.objective).toBeCloseTo(c.optimum['p-center']!, 5);
      expect(cen.maxDistanceKm).toBeCloseTo(c.optimum['p-center']!, 5);
    });
  }

  it('LSCP at a radius no site reaches names the markets and the smallest radius that works', async () => {
    const c = FIXTURE.cases[0];
    const run = locateHubs(c.sites, c.demands, { model: 'lscp', radiusKm: c.radiusKm, distances: Float64Array.from(c.distances) });
    await expect(run).rejects.toMatchObject({ code: 'E_INFEASIBLE', details: { field: 'radiusKm' } });
    const err = await run.catch((e) => e);
    expect(err.details.minimumRadiusKm).toBeCloseTo(c.minimumRadiusKm, 9);
    expect(err.details.unreachable.length).toBeGreaterThan(0);
  });
});

describe('hub siting against brute force on tiny instances', () => {
  function tiny(seed: number, n: number, m: number) {
    const rng = createRng(seed);
    const demands: Demand[] = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, lon: 118 + rng.next() * 3, lat: 30 + rng.next() * 2, weight: 1 + rng.int(20) }));
    const sites: Site[] = Array.from({ length: m }, (_, j) => ({ id: `s${j}`, lon: 118 + rng.next() * 3, lat: 30 + rng.next() * 2 }));
    return { demands, sites };
  }
  function* subsets(m: number, p: number, start = 0, acc: number[] = []): Generator<number[]> {
    if (acc.length === p) { yield acc; return; }
    for (let j = start; j < m; j++) yield* subsets(m, p, j + 1, [...acc, j]);
  }
  const km = (a: { lon: number; lat: number }, b: { lon: number; lat: number }): number => {
    // an independent haversine (R = 6371.0088 km)
    const r = Math.PI / 180;
    const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
    return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
  };
  for (const seed of [11, 12, 13]) {
    it(`seed ${seed}: p-median, p-center and MCLP optima equal exhaustive search`, async () => {
      const { demands, sites } = tiny(seed, 9, 6);
      const p = 2;
      const radius = 120;
      let bestMedian = Infinity; let bestCenter = Infinity; let bestCover = -Infinity;
      for (const s of subsets(sites.length, p)) {
        let med = 0; let cen = 0; let cov = 0;
        for (const dm of demands) {
          const dist = Math.min(...s.map((j) => km(dm, sites[j])));
          med += (dm.weight ?? 1) * dist; cen = Math.max(cen, dist); if (dist <= radius) cov += dm.weight ?? 1;
        }
        bestMedian = Math.min(bestMedian, med); bestCenter = Math.min(bestCenter, cen); bestCover = Math.max(bestCover, cov);
      }
      expect((await locateHubs(sites, demands, { model: 'p-median', p, mipRelGap: 1e-9 })).objective / bestMedian).toBeCloseTo(1, 6);
      expect((await locateHubs(sites, demands, { model: 'p-center', p, mipRelGap: 1e-9 })).objective).toBeCloseTo(bestCenter, 4);
      expect((await locateHubs(sites, demands, { model: 'mclp', p, radiusKm: radius })).objective).toBe(bestCover);
    });
  }

  it('capacities change the p-median assignment', async () => {
    const sites: Site[] = [{ id: 'a', lon: 120, lat: 30, capacity: 10 }, { id: 'b', lon: 121, lat: 30, capacity: 100 }];
    const demands: Demand[] = [{ id: 'x', lon: 120.01, lat: 30, weight: 8 }, { id: 'y', lon: 120.02, lat: 30, weight: 8 }];
    const free = await locateHubs(sites, demands, { model: 'p-median', p: 2 });
    expect(free.assignment).toEqual({ x: 'a', y: 'a' });
    const capped = await locateHubs(sites, demands, { model: 'p-median', p: 2, capacitated: true });
    expect(Object.values(capped.assignment).sort()).toEqual(['a', 'b']);
  });

  it('bad options are clear errors', async () => {
    const { demands, sites } = tiny(1, 3, 2);
    await expect(locateHubs(sites, demands, { model: 'p-median', p: 3 })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'p' } });
    await expect(locateHubs([], demands, { model: 'lscp' })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'sites' } });
    await expect(locateHubs(sites, [{ id: 'z', lon: 1, lat: 1, weight: -1 }], { model: 'mclp', p: 1 })).rejects.toMatchObject({ code: 'E_NEGATIVE' });
  });
});

describe('chain covering (the Yurun condition)', () => {
  // A hand-built network: two hubs, each with the whole chain nearby; one stage removed near hub B.
  const stages = ['feed', 'breeding', 'slaughter', 'processing'];
  const hubs: Site[] = [{ id: 'A', lon: 118.8, lat: 32.0 }, { id: 'B', lon: 113.6, lat: 34.7 }];
  const near = (id: string, stage: string, h: Site, dLon: number): { id: string; stage: string; lon: number; lat: number } => ({ id, stage, lon: h.lon + dLon, lat: h.lat });
  const facilities = [
    ...stages.map((s, k) => near(`A-${s}`, s, hubs[0], 0.3 + 0.2 * k)),
    ...stages.map((s, k) => near(`B-${s}`, s, hubs[1], -0.3 - 0.2 * k)),
  ];
  it('both hubs complete; removing a stage near B names B and the stage', () => {
    expect(chainCoverage(hubs, facilities, stages).every((c) => c.complete)).toBe(true);
    const cut = chainCoverage(hubs, facilities.filter((f) => f.id !== 'B-slaughter'), stages);
    expect(cut.map((c) => [c.site, c.missing])).toEqual([['A', []], ['B', ['slaughter']]]);
    const reach = cut[1].stages.find((s) => s.stage === 'slaughter')!;
    expect(reach.facility).toBe('A-slaughter'); // the nearest one left, ~500 km away
    expect(reach.distanceKm!).toBeGreaterThan(400);
  });
  it('hubs are chosen among chain-complete sites only; none complete is a clear error', async () => {
    const markets: Demand[] = [{ id: 'm1', lon: 118.7, lat: 32.1 }, { id: 'm2', lon: 113.5, lat: 34.6 }];
    const res = await locateChainHubs(hubs, markets, facilities.filter((f) => f.id !== 'B-slaughter'), stages, { model: 'mclp', p: 1, radiusKm: 200 });
    expect(res.hubs).toEqual(['A']);
    expect(res.excluded).toEqual(['B']);
    await expect(locateChainHubs(hubs, markets, facilities.filter((f) => f.stage !== 'feed'), stages, { model: 'lscp' }))
      .rejects.toMatchObject({ code: 'E_INFEASIBLE', details: { missing: { feed: 2 } } });
  });
});
