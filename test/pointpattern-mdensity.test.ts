/**
 * Marcon–Puech–Lang m (density version of M, dbmss `mhat`) by its defining properties (dbmss is
 * not packaged for Debian, so no peer fixture):
 * - relative to all establishments, its expectation under random labelling is exactly 1 at every
 *   r where each reference point has establishments within the kernel's reach (derivation in
 *   the test); checked as a mean over 60 seeded replications, within 4 standard errors;
 * - cumulative relation with M: for a reference point, the gᴬ-weighted mean of m over [0, R] is
 *   M(R) (mFunction, itself checked against a naive O(n²) oracle), as the bandwidth → 0.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow } from '../src/data/point-pattern.js';
import { mDensity, mDensityAsync, mDensitySimulate, type MDensityTask } from '../src/measures/pointpattern/m-density.js';
import { mFunction } from '../src/measures/pointpattern/m-function.js';

function code(f: () => unknown): string {
  try { f(); } catch (e) { return `${(e as InputError).code}:${String((e as InputError).details.field)}`; }
  return 'none';
}

describe('mDensity', () => {
  it('has expectation 1 under random labelling (mean of 60 seeded labellings within 4 standard errors)', () => {
    // Given the locations, label nA of n points 'A' at random. For a reference point i,
    // E[gᴺᵢ(r) | i ∈ A] = (nA − 1)/(n − 1) · gᴬᵢ(r), so E[Σ_{i∈A} gᴺᵢ/gᴬᵢ] = nA (nA − 1)/(n − 1),
    // which is the denominator: E[m(r)] = 1 exactly (every point here has establishments within
    // the kernel's reach of every r). Tolerance: 4 standard errors of the mean of R replications
    // (sd ≈ 0.11–0.27 with these sizes; 400 replications gave |z| ≤ 1.1 at every r).
    const rng = createRng(21);
    const n = 200, nA = 40, R = 60;
    const x: number[] = [], y: number[] = [];
    for (let i = 0; i < n; i++) { x.push(100 * rng.next()); y.push(100 * rng.next()); }
    const s1 = new Float64Array(64), s2 = new Float64Array(64);
    for (let t = 0; t < R; t++) {
      const lab = createRng(1000 + t);
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { const j = lab.int(i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; }
      const labels = new Array<string>(n).fill('B');
      for (let k = 0; k < nA; k++) labels[idx[k]] = 'A';
      const m = mDensity(pointPattern({ x, y, labels, window: rectangleWindow(0, 100, 0, 100) }), { reference: 'A', points: 64, rmax: 30 }).value;
      for (let k = 0; k < 64; k++) { s1[k] += m.value[k]; s2[k] += m.value[k] ** 2; }
    }
    for (let k = 0; k < 64; k++) {
      const mean = s1[k] / R;
      const se = Math.sqrt((s2[k] / R - mean * mean) / (R - 1));
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(mean - 1)).toBeLessThan(4 * se);
    }
  });

  it('integrates to M: the gᴬ-weighted mean of m over [0, R] equals M(R) for one reference point', () => {
    // one reference point (A) at the origin; neighbours (B) and others (C) at known distances
    const pts: [number, number, string, number][] = [
      [0, 0, 'A', 1],
      [1, 0, 'B', 2], [0, 3, 'B', 1], [-4, 0, 'B', 3],
      [0, -2, 'C', 1], [2.4, 1.8, 'C', 2], [3.6, -2.7, 'C', 1], [0, 30, 'C', 5],
    ];
    const p = pointPattern({ x: pts.map((v) => v[0]), y: pts.map((v) => v[1]), labels: pts.map((v) => v[2]), weights: pts.map((v) => v[3]) });
    const h = 0.05;
    for (const weighted of [false, true]) {
      const m = mDensity(p, { reference: 'A', neighbour: 'B', weighted, rmax: 5, points: 2001, bandwidth: h }).value;
      // gᴬ at each r, computed here directly from the distances (any constant factor cancels)
      const dist = pts.slice(1).map((v) => Math.hypot(v[0], v[1]));
      const wt = pts.slice(1).map((v) => (weighted ? v[3] : 1));
      const gA = m.r.map((rr) => dist.reduce((s, d, j) => s + (d <= 10 ? wt[j] * (Math.exp(-0.5 * ((rr - d) / h) ** 2) + Math.exp(-0.5 * ((rr + d) / h) ** 2)) : 0), 0));
      for (const R of [1.5, 2.5, 3.5, 4.25]) {
        const top = Math.round(R / (m.r[1] - m.r[0]));
        let num = 0, den = 0;
        for (let k = 1; k <= top; k++) {
          const dr = m.r[k] - m.r[k - 1];
          num += ((m.value[k] * gA[k] + m.value[k - 1] * gA[k - 1]) / 2) * dr;
          den += ((gA[k] + gA[k - 1]) / 2) * dr;
        }
        const M = mFunction(p, { reference: 'A', neighbour: 'B', weighted, r: [R] }).value.value[0];
        expect(Math.abs(num / den - M) / M).toBeLessThan(1e-3);
      }
    }
  });

  it('is above 1 at short distances for a clustered type, with a seeded random-location envelope', () => {
    const rng = createRng(9);
    const x: number[] = [], y: number[] = [], t: string[] = [];
    for (let i = 0; i < 250; i++) {
      const a = i < 50;
      x.push(a ? 30 + 4 * rng.normal() : 100 * rng.next());
      y.push(a ? 30 + 4 * rng.normal() : 100 * rng.next());
      t.push(a ? 'A' : 'B');
    }
    const p = pointPattern({ x, y, labels: t, window: rectangleWindow(-20, 120, -20, 120) });
    const res = mDensity(p, { reference: 'A', points: 128, simulations: 19, seed: 5 });
    const m = res.value;
    expect(m.r).toHaveLength(128);
    expect(m.value[10]).toBeGreaterThan(2);
    expect(m.value[10]).toBeGreaterThan(m.envelope!.globalUpper![10]);
    expect(m.envelope!.nullModel).toBe('random-location');
    expect(Array.from(m.theoretical)).toEqual(new Array(128).fill(1));
    expect(m.bandwidth).toBeGreaterThan(0);
    const again = mDensity(p, { reference: 'A', points: 128, simulations: 19, seed: 5 }).value.envelope!;
    expect(Array.from(again.upper)).toEqual(Array.from(m.envelope!.upper));
    expect(res.provenance.seed).toBe(5);
  });

  it('gives the same envelope with the simulations split into blocks (as worker threads do)', async () => {
    const rng = createRng(14);
    const x: number[] = [], y: number[] = [], t: string[] = [];
    for (let i = 0; i < 150; i++) { x.push(100 * rng.next()); y.push(100 * rng.next()); t.push(i < 30 ? 'A' : 'B'); }
    const p = pointPattern({ x, y, labels: t, window: rectangleWindow(0, 100, 0, 100) });
    const blocks = async (job: { task: MDensityTask; simulations: number; length: number }) => {
      const out = new Float64Array(job.simulations * job.length);
      mDensitySimulate(job.task, 0, 4, out, 0);
      const rest = new Float64Array((job.simulations - 4) * job.length);
      mDensitySimulate(job.task, 4, job.simulations, rest, 0);
      out.set(rest, 4 * job.length);
      return out;
    };
    const a = mDensity(p, { reference: 'A', points: 64, simulations: 11, seed: 3 }).value;
    const b = (await mDensityAsync(p, { reference: 'A', points: 64, simulations: 11, seed: 3 }, blocks)).value;
    expect(Array.from(b.value)).toEqual(Array.from(a.value));
    expect(Array.from(b.envelope!.upper)).toEqual(Array.from(a.envelope!.upper));
    expect(Array.from(b.envelope!.globalLower!)).toEqual(Array.from(a.envelope!.globalLower!));
  });

  it('rejects bad options with E_OPTION naming the field', () => {
    const p = pointPattern({ x: [0, 1, 2, 3], y: [0, 1, 0, 1], labels: ['A', 'A', 'B', 'B'] });
    expect(code(() => mDensity(p, { reference: 'Z' }))).toBe('E_OPTION:reference');
    expect(code(() => mDensity(p, { reference: 'A', rmax: 'third' as never }))).toBe('E_OPTION:rmax');
    expect(code(() => mDensity(p, { reference: 'A', rmax: -1 }))).toBe('E_OPTION:rmax');
    expect(code(() => mDensity(p, { reference: 'A', adjust: 0 }))).toBe('E_OPTION:adjust');
    expect(code(() => mDensity(p, { reference: 'A', bandwidth: Number.NaN }))).toBe('E_OPTION:bandwidth');
    expect(code(() => mDensity(p, { reference: 'A', simulations: 1.5 }))).toBe('E_OPTION:simulations');
    expect(code(() => mDensity(p, { reference: 'A', points: 1 }))).toBe('E_OPTION:points');
    expect(code(() => mDensity(p, { reference: 'A', weighted: true }))).toBe('E_OPTION:weighted');
  });
});
