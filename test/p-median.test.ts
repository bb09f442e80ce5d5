import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { haversineKm } from '../src/core/geo/haversine-km.js';
import { greatCircleMatrix } from '../src/plan/location/distances.js';
import { pMedianHeuristic } from '../src/plan/location/p-median-heuristic.js';
import { pMedianLagrangian } from '../src/plan/location/p-median-lagrangian.js';

interface Pt { lon: number; lat: number; weight?: number }
const FIX = join(import.meta.dirname, 'fixtures', 'location');
const medium = JSON.parse(readFileSync(join(FIX, 'p-median-scipy.json'), 'utf8')) as { cases: { seed: number; p: number; demands: Pt[]; sites: Pt[]; optimum: number; open: number[] }[] };
const small = JSON.parse(readFileSync(join(FIX, 'scipy-milp.json'), 'utf8')) as { cases: { seed: number; p: number; demands: Pt[]; sites: Pt[]; distances: number[]; optimum: Record<string, number> }[] };

const matrix = (dem: Pt[], sit: Pt[]) => greatCircleMatrix(dem.map((d) => d.lon), dem.map((d) => d.lat), sit.map((s) => s.lon), sit.map((s) => s.lat));
const weights = (dem: Pt[]) => Float64Array.from(dem, (d) => d.weight ?? 1);

describe('greatCircleMatrix', () => {
  it('equals haversineKm cell by cell', () => {
    const c = medium.cases[0];
    const d = matrix(c.demands, c.sites);
    const m = c.sites.length;
    for (const i of [0, 7, 149]) for (const j of [0, 3, 24]) expect(d[i * m + j]).toBeCloseTo(haversineKm(c.demands[i].lon, c.demands[i].lat, c.sites[j].lon, c.sites[j].lat), 9);
  });
});

describe('p-median: Lagrangian bound + interchange reach scipy.optimize.milp optima (test/reference/p-median-scipy.py)', () => {
  for (const c of medium.cases) {
    it(`seed ${c.seed}: ${c.demands.length} demands × ${c.sites.length} sites, p = ${c.p}`, () => {
      const d = matrix(c.demands, c.sites);
      const r = pMedianLagrangian(d, weights(c.demands), c.sites.length, c.p);
      expect(r.objective / c.optimum).toBeCloseTo(1, 7);
      expect(Array.from(r.open)).toEqual(c.open);
      expect(r.lowerBound).toBeLessThanOrEqual(c.optimum * (1 + 1e-9)); // a valid bound
      expect(r.status).toBe('optimal'); // gap closed to 1e-6
      expect(r.gap).toBeLessThanOrEqual(1e-6);
      // the reported objective is the recomputed cost of the reported assignment
      let cost = 0;
      const m = c.sites.length;
      c.demands.forEach((dm, i) => { cost += (dm.weight ?? 1) * d[i * m + r.assignment[i]]; });
      expect(cost / r.objective).toBeCloseTo(1, 12);
    });
  }
  for (const c of small.cases) {
    it(`scipy-milp.json instance ${c.seed} (distance matrix given): objective ${c.optimum['p-median']}`, () => {
      const r = pMedianLagrangian(Float64Array.from(c.distances), weights(c.demands), c.sites.length, c.p);
      expect(r.objective / c.optimum['p-median']).toBeCloseTo(1, 7);
      expect(r.lowerBound).toBeLessThanOrEqual(c.optimum['p-median'] * (1 + 1e-9));
    });
  }
});

describe('p-median against exhaustive search', () => {
  function* subsets(m: number, p: number, start = 0, acc: number[] = []): Generator<number[]> {
    if (acc.length === p) { yield acc; return; }
    for (let j = start; j < m; j++) yield* subsets(m, p, j + 1, [...acc, j]);
  }
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: 30 demands × 12 sites, p = 1…4`, () => {
      const rng = createRng(seed);
      const n = 30; const m = 12;
      const d = new Float64Array(n * m);
      for (let k = 0; k < d.length; k++) d[k] = Math.round(1000 * rng.next()) / 10;
      const w = Float64Array.from({ length: n }, () => 1 + rng.int(9));
      for (let p = 1; p <= 4; p++) {
        let best = Infinity;
        for (const s of subsets(m, p)) {
          let c = 0;
          for (let i = 0; i < n; i++) c += w[i] * Math.min(...s.map((j) => d[i * m + j]));
          best = Math.min(best, c);
        }
        const r = pMedianLagrangian(d, w, m, p);
        expect(r.objective).toBeCloseTo(best, 9);
        expect(r.lowerBound).toBeLessThanOrEqual(best + 1e-9);
        expect(pMedianHeuristic(d, w, m, p).objective).toBeGreaterThanOrEqual(best - 1e-9);
      }
    });
  }
  it('p = m opens every site and is optimal; bad input is named', () => {
    const d = Float64Array.of(1, 2, 3, 0);
    const r = pMedianLagrangian(d, Float64Array.of(1, 1), 2, 2);
    expect(r.objective).toBe(1);
    expect(r.status).toBe('optimal');
    expect(() => pMedianHeuristic(d, Float64Array.of(1, 1), 2, 3)).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'p', value: 3 }) }));
    expect(() => pMedianHeuristic(d, Float64Array.of(1, -1), 2, 1)).toThrow(expect.objectContaining({ code: 'E_NEGATIVE', details: expect.objectContaining({ field: 'weight', row: 1 }) }));
    expect(() => pMedianHeuristic(Float64Array.of(1, 2, Number.NaN, 0), Float64Array.of(1, 1), 2, 1)).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', details: expect.objectContaining({ field: 'distances', row: 1 }) }));
    expect(() => pMedianHeuristic(d, Float64Array.of(1, 1), 2, 1, { start: [0, 1] })).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'start' }) }));
  });
});
