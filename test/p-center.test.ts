/**
 * The exact p-center (src/plan/location/p-center.ts: binary search over the distances, LSCP
 * feasibility steps) against scipy.optimize.milp optima (test/reference/p-center-scipy.py: the
 * direct Hakimi MIP on the two smaller instances, the bisection with scipy's own milp LSCP steps
 * on all four), and its pieces against brute force on tiny instances.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { distanceMatrix } from '../src/plan/location/distances.js';
import { locateHubs } from '../src/plan/location/models.js';
import { greedyPCenter, pCenterExact, reducedCover } from '../src/plan/location/p-center.js';

interface Case { seed: number; n: number; m: number; p: number; demands: [number, number][]; sites: [number, number][]; bisection: number; mip?: number }
const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'location', 'p-center-scipy.json'), 'utf8')) as { cases: Case[] };

describe('p-center equals the scipy milp optimum', () => {
  for (const c of FIXTURE.cases) {
    it(`seed ${c.seed}: ${c.n} demands × ${c.m} sites, p = ${c.p}${c.mip !== undefined ? ' (direct MIP and bisection)' : ' (bisection)'}`, async () => {
      if (c.mip !== undefined) expect(c.mip).toBeCloseTo(c.bisection, 9); // the two scipy methods agree
      const demands = c.demands.map(([lon, lat], i) => ({ id: `d${i}`, lon, lat }));
      const sites = c.sites.map(([lon, lat], j) => ({ id: `s${j}`, lon, lat }));
      const res = await locateHubs(sites, demands, { model: 'p-center', p: c.p });
      expect(res.status).toBe('Optimal');
      expect(res.hubs).toHaveLength(c.p);
      expect(res.objective).toBeCloseTo(c.bisection, 8);
      expect(res.maxDistanceKm).toBeCloseTo(c.bisection, 8);
      expect(res.lowerBound).toBe(res.objective);
      expect(res.gapTolerance).toBe(0);
    }, 60_000);
  }
});

function tiny(seed: number, n: number, m: number) {
  const rng = createRng(seed);
  const demands = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, lon: 115 + 4 * rng.next(), lat: 30 + 3 * rng.next() }));
  const sites = Array.from({ length: m }, (_, j) => ({ id: `s${j}`, lon: 115 + 4 * rng.next(), lat: 30 + 3 * rng.next() }));
  return { demands, sites, d: distanceMatrix(demands, sites) };
}

function bruteForce(d: Float64Array, n: number, m: number, p: number): number {
  let best = Number.POSITIVE_INFINITY;
  const pick: number[] = [];
  const rec = (start: number): void => {
    if (pick.length === p) {
      let worst = 0;
      for (let i = 0; i < n; i++) { let b = Number.POSITIVE_INFINITY; for (const j of pick) b = Math.min(b, d[i * m + j]); worst = Math.max(worst, b); }
      best = Math.min(best, worst);
      return;
    }
    for (let j = start; j < m; j++) { pick.push(j); rec(j + 1); pick.pop(); }
  };
  rec(0);
  return best;
}

describe('p-center pieces', () => {
  it('equals exhaustive search on tiny instances, for every p', async () => {
    for (const seed of [3, 4, 5]) {
      const { d } = tiny(seed, 30, 9);
      for (let p = 1; p <= 5; p++) {
        const r = await pCenterExact(d, 30, 9, p);
        expect(r.radius).toBe(bruteForce(d, 30, 9, p));
        expect(r.open).toHaveLength(p);
        expect(new Set(r.open).size).toBe(p);
      }
    }
  });
  it('the greedy radius is an upper bound and the reduced cover keeps feasibility', () => {
    const { d } = tiny(7, 40, 12);
    for (let p = 1; p <= 4; p++) expect(greedyPCenter(d, 40, 12, p).radius).toBeGreaterThanOrEqual(bruteForce(d, 40, 12, p));
    // at the optimal radius for p = 3, the reduced matrix still admits a 3-cover and every row is non-empty
    const R = bruteForce(d, 40, 12, 3);
    const { rows, sites } = reducedCover(d, 40, 12, R);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(sites.length).toBeLessThanOrEqual(12);
    let ok = false;
    for (let a = 0; a < sites.length && !ok; a++) for (let b = a; b < sites.length && !ok; b++) for (let c = b; c < sites.length && !ok; c++) {
      const on = (j: number, row: Uint32Array) => (row[j >>> 5] & (1 << (j & 31))) !== 0;
      ok = rows.every((row) => on(sites[a], row) || on(sites[b], row) || on(sites[c], row));
    }
    expect(ok).toBe(true);
  });
  it('a time limit returns the best radius with a proven lower bound below it', async () => {
    const { demands, sites } = tiny(9, 300, 60);
    const r = await locateHubs(sites, demands, { model: 'p-center', p: 8, timeLimit: 1e-9 });
    expect(r.status).toBe('Time limit reached');
    expect(r.lowerBound!).toBeLessThanOrEqual(r.objective);
    const exact = await locateHubs(sites, demands, { model: 'p-center', p: 8 });
    expect(exact.objective).toBeGreaterThanOrEqual(r.lowerBound!);
    expect(exact.objective).toBeLessThanOrEqual(r.objective);
  });
});
