/**
 * DBSCAN against scikit-learn 1.2.1 (fixture from test/reference/pointpattern-sklearn-dbscan.py),
 * footprints as GeoJSON, and Marcon–Puech M against a naive O(n²) oracle of its formula.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow } from '../src/data/point-pattern.js';
import { convexHull, footprints } from '../src/measures/pointpattern/footprints.js';
import { dbscan } from '../src/measures/pointpattern/dbscan.js';
import { mFunction } from '../src/measures/pointpattern/m-function.js';

const fx = JSON.parse(readFileSync('test/fixtures/pointpattern/sklearn-dbscan.json', 'utf8')) as {
  versions: Record<string, string>;
  planar: { x: number[]; y: number[]; cases: { eps: number; min_samples: number; labels: number[] }[] };
  lonlat: { lon: number[]; lat: number[]; cases: { eps: number; min_samples: number; labels: number[] }[] };
};

describe('dbscan matches sklearn.cluster.DBSCAN', () => {
  for (const c of fx.planar.cases) {
    it(`planar eps ${c.eps}, min_samples ${c.min_samples}`, () => {
      const r = dbscan(Float64Array.from(fx.planar.x), Float64Array.from(fx.planar.y), { eps: c.eps, minPoints: c.min_samples });
      expect(Array.from(r.labels)).toEqual(c.labels);
      expect(r.clusters).toBe(Math.max(...c.labels) + 1);
    });
  }
  for (const c of fx.lonlat.cases) {
    it(`haversine eps ${c.eps} km, min_samples ${c.min_samples}`, () => {
      const r = dbscan(Float64Array.from(fx.lonlat.lon), Float64Array.from(fx.lonlat.lat), { eps: c.eps, minPoints: c.min_samples, metric: 'haversine' });
      expect(Array.from(r.labels)).toEqual(c.labels);
    });
  }
  it('rejects eps ≤ 0', () => {
    try { dbscan(Float64Array.of(0), Float64Array.of(0), { eps: 0 }); expect.unreachable(); } catch (e) { expect((e as InputError).code).toBe('E_OPTION'); }
  });
});

describe('footprints', () => {
  it('returns one hull per DBSCAN cluster with the establishments in it', () => {
    const n = fx.planar.x.length;
    const labels = Array.from({ length: n }, () => 'A');
    const ids = Array.from({ length: n }, (_, i) => `f${i}`);
    const p = pointPattern({ x: fx.planar.x, y: fx.planar.y, labels, distanceUnit: 'km' });
    const c = fx.planar.cases[0];
    const fp = footprints(p, { reference: 'A', eps: c.eps, minPoints: c.min_samples, ids }).value;
    expect(fp.features.length).toBe(Math.max(...c.labels) + 1);
    expect(fp.noise).toBe(c.labels.filter((l) => l === -1).length);
    const f0 = fp.features[0];
    expect(f0.properties.ids).toEqual(c.labels.map((l, i) => (l === 0 ? `f${i}` : null)).filter((v) => v !== null));
    expect(f0.geometry.type).toBe('Polygon');
  });
  it('takes eps from the K-density peak by default', () => {
    const rng = createRng(3);
    const x: number[] = [], y: number[] = [], labels: string[] = [];
    for (let i = 0; i < 400; i++) {
      const a = i < 100;
      x.push(a ? 20 + rng.normal() : 100 * rng.next());
      y.push(a ? 20 + rng.normal() : 100 * rng.next());
      labels.push(a ? 'A' : 'B');
    }
    const fp = footprints(pointPattern({ x, y, labels, window: rectangleWindow(0, 100, 0, 100) }), { reference: 'A' }).value;
    expect(fp.epsSource).toBe('k-density-peak');
    expect(fp.eps).toBeGreaterThan(0.5);
    expect(fp.eps).toBeLessThan(4);
    expect(fp.features[0].properties.count).toBeGreaterThan(90);
  });
  it('convex hull of a square with an inner point is the square, anticlockwise', () => {
    expect(convexHull([[0, 0], [1, 1], [0.5, 0.5], [1, 0], [0, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 1]]);
  });
});

describe('mFunction', () => {
  function naiveM(x: number[], y: number[], t: string[], w: number[], ref: string, r: number[]): number[] {
    const n = x.length;
    const W = w.reduce((a, b) => a + b, 0);
    const WN = w.reduce((a, b, i) => a + (t[i] === ref ? b : 0), 0);
    let den = 0;
    for (let i = 0; i < n; i++) if (t[i] === ref) den += (WN - w[i]) / (W - w[i]);
    return r.map((rr) => {
      let num = 0;
      for (let i = 0; i < n; i++) {
        if (t[i] !== ref) continue;
        let tot = 0, nb = 0;
        for (let j = 0; j < n; j++) {
          if (j === i || Math.hypot(x[i] - x[j], y[i] - y[j]) > rr) continue;
          tot += w[j];
          if (t[j] === ref) nb += w[j];
        }
        if (tot > 0) num += nb / tot;
      }
      return num / den;
    });
  }
  const rng = createRng(9);
  const x: number[] = [], y: number[] = [], t: string[] = [], w: number[] = [];
  for (let i = 0; i < 250; i++) {
    const a = i < 50;
    x.push(a ? 30 + 4 * rng.normal() : 100 * rng.next());
    y.push(a ? 30 + 4 * rng.normal() : 100 * rng.next());
    t.push(a ? 'A' : i % 2 ? 'B' : 'C');
    w.push(1 + rng.int(20));
  }
  const p = pointPattern({ x, y, labels: t, weights: w, window: rectangleWindow(-20, 120, -20, 120) });
  it('equals the naive formula, unweighted and weighted', () => {
    const r = Array.from({ length: 20 }, (_, k) => 2 + 3 * k);
    const a = mFunction(p, { reference: 'A', r }).value.value;
    const oracle = naiveM(x, y, t, w.map(() => 1), 'A', r);
    for (let k = 0; k < r.length; k++) expect(a[k]).toBeCloseTo(oracle[k], 12);
    const b = mFunction(p, { reference: 'A', r, weighted: true }).value.value;
    const oracleW = naiveM(x, y, t, w, 'A', r);
    for (let k = 0; k < r.length; k++) expect(b[k]).toBeCloseTo(oracleW[k], 12);
    expect(a[0]).toBeGreaterThan(2); // A is concentrated
  });
  it('has a seeded random-location envelope around 1', () => {
    const m = mFunction(p, { reference: 'A', simulations: 19, seed: 5 }).value;
    const e = m.envelope!;
    expect(e.lower[40]).toBeLessThan(1.2);
    expect(e.upper[40]).toBeGreaterThan(0.8);
    expect(m.value[10]).toBeGreaterThan(e.globalUpper![10]);
    expect(Array.from(mFunction(p, { reference: 'A', simulations: 19, seed: 5 }).value.envelope!.upper)).toEqual(Array.from(e.upper));
  });
});
