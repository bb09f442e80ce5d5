/**
 * K-density: a hand-derived case of the DO2005 all-pairs normalisation, R's stats::density on
 * the same distances with dbmss' normalisation (test/reference/kdensity-stats-density.R; dbmss
 * is not packaged for Debian), and the defining properties: integral 1 over [0, ∞) with
 * reflection when 2·rmax covers every pair, the analytic two-point form, exact vs binned, and
 * the coverage of the DO2005 global band under the random-location null.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow } from '../src/data/point-pattern.js';
import { globalEnvelope, pointwiseEnvelope } from '../src/inference/envelope.js';
import { bandwidthNrd0 } from '../src/measures/pointpattern/bandwidth.js';
import { kDensity } from '../src/measures/pointpattern/k-density.js';

function randomPattern(seed: number, nSites: number, nRef: number, clustered = false) {
  const rng = createRng(seed);
  const x: number[] = [], y: number[] = [], labels: string[] = [], w: number[] = [];
  for (let i = 0; i < nSites; i++) {
    const isRef = i < nRef;
    if (clustered && isRef) { x.push(30 + 5 * rng.normal()); y.push(60 + 5 * rng.normal()); }
    else { x.push(100 * rng.next()); y.push(100 * rng.next()); }
    labels.push(isRef ? 'A' : 'B');
    w.push(1 + rng.int(50));
  }
  return pointPattern({ x, y, labels, weights: w, window: rectangleWindow(-50, 150, -50, 150) });
}

describe('bandwidthNrd0 (R stats::bw.nrd0)', () => {
  it('matches R', () => {
    // confirmed in R 4.2.2 > bw.nrd0(c(1,2,3,4,10))
    expect(bandwidthNrd0(Float64Array.of(1, 2, 3, 4, 10))).toBeCloseTo(0.97358462285063574, 14);
    // > bw.nrd0(c(3,3,3,3,7,8))  (IQR/1.34 < sd)
    expect(bandwidthNrd0(Float64Array.of(3, 3, 3, 3, 7, 8))).toBeCloseTo(1.4080844930472116, 14);
    // > bw.nrd0(c(0.1,0.25,0.3,0.8,1.7,2.2,2.9,3.05))
    expect(bandwidthNrd0(Float64Array.of(2.9, 0.1, 0.25, 3.05, 0.3, 0.8, 1.7, 2.2))).toBeCloseTo(0.71969957659876482, 14);
  });
  it('needs two values', () => {
    expect(() => bandwidthNrd0(Float64Array.of(1))).toThrow(InputError);
  });
});

describe('kDensity', () => {
  it('integrates to 1 over [0, ∞) with reflection', () => {
    const p = randomPattern(3, 200, 40, true);
    for (const approximate of [false, true]) {
      const k = kDensity(p, { reference: 'A', rmax: 400, points: 4001, approximate });
      const { r, value } = k.value;
      let s = 0;
      for (let q = 1; q < r.length; q++) s += ((value[q] + value[q - 1]) / 2) * (r[q] - r[q - 1]);
      expect(Math.abs(s - 1)).toBeLessThan(1e-4);
    }
  });

  it('equals the analytic form for a two-point pattern', () => {
    const d0 = 3;
    const h = 0.8;
    const p = pointPattern({ x: [0, d0, 50], y: [0, 0, 50], labels: ['A', 'A', 'B'] });
    const k = kDensity(p, { reference: 'A', rmax: 10, bandwidth: h, approximate: false });
    expect(k.value.pairs).toBe(1);
    const phi = (u: number) => Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
    for (let q = 0; q < k.value.r.length; q += 37) {
      const r = k.value.r[q];
      expect(k.value.value[q]).toBeCloseTo((phi((r - d0) / h) + phi((r + d0) / h)) / h, 12);
    }
  });

  it('uses bw.nrd0 of the pair distances', () => {
    // three reference points on a line: distances 1, 2, 3 → bw.nrd0(c(1,2,3)) = 0.7648162…
    // confirmed in R > bw.nrd0(c(1,2,3))  [1] 0.76481620... (0.9·min(1, 1/1.34)·3^-0.2)
    const p = pointPattern({ x: [0, 1, 3], y: [0, 0, 0], labels: ['A', 'A', 'A'] });
    const k = kDensity(p, { reference: 'A', rmax: 5 });
    expect(k.value.bandwidth).toBeCloseTo(0.9 * Math.min(1, 1 / 1.34) * 3 ** -0.2, 14);
  });

  it('exact and binned modes agree within 1% of the curve maximum', () => {
    const p = randomPattern(11, 3000, 500, true);
    const a = kDensity(p, { reference: 'A', approximate: false }).value;
    const b = kDensity(p, { reference: 'A', approximate: true }).value;
    let mx = 0, diff = 0;
    for (let q = 0; q < a.value.length; q++) { mx = Math.max(mx, a.value[q]); diff = Math.max(diff, Math.abs(a.value[q] - b.value[q])); }
    expect(diff / mx).toBeLessThan(0.01);
    expect(Math.abs(a.bandwidth - b.bandwidth) / a.bandwidth).toBeLessThan(0.01);
    // weighted and bivariate: the binned fast loop against the exact general path
    for (const o of [{ weighted: true }, { neighbour: 'B' }] as const) {
      const e = kDensity(p, { reference: 'A', approximate: false, ...o }).value;
      const f = kDensity(p, { reference: 'A', approximate: true, ...o }).value;
      let m2 = 0, d2 = 0;
      for (let q = 0; q < e.value.length; q++) { m2 = Math.max(m2, e.value[q]); d2 = Math.max(d2, Math.abs(e.value[q] - f.value[q])); }
      expect(d2 / m2).toBeLessThan(0.01);
      expect(f.pairs).toBe(e.pairs);
    }
  });

  it('a clustered industry leaves the global band above (localisation), with Γ > 0', () => {
    const p = randomPattern(5, 600, 60, true);
    const k = kDensity(p, { reference: 'A', simulations: 39, seed: 2 }).value;
    expect(k.localisationIndex!).toBeGreaterThan(0);
    expect(k.dispersionIndex).toBe(0);
    expect(k.departures!.some((d) => d.kind === 'localisation' && d.from < 15)).toBe(true);
    expect(k.envelope!.kind).toBe('pointwise+global');
    expect(k.envelope!.kept).toBe(37);
  });

  it('is reproducible for a seed, and random labelling ≡ random location when unweighted', () => {
    const p = randomPattern(8, 300, 40);
    const a = kDensity(p, { reference: 'A', simulations: 9, seed: 4 }).value.envelope!;
    const b = kDensity(p, { reference: 'A', simulations: 9, seed: 4 }).value.envelope!;
    const c = kDensity(p, { reference: 'A', simulations: 9, seed: 4, nullModel: 'random-labelling' }).value.envelope!;
    expect(Array.from(a.upper)).toEqual(Array.from(b.upper));
    expect(Array.from(a.upper)).toEqual(Array.from(c.upper));
    const wl = kDensity(p, { reference: 'A', simulations: 9, seed: 4, weighted: true, nullModel: 'random-labelling' }).value.envelope!;
    const wr = kDensity(p, { reference: 'A', simulations: 9, seed: 4, weighted: true }).value.envelope!;
    expect(Array.from(wl.upper)).not.toEqual(Array.from(wr.upper));
  });

  it('under the random-location null the observed curve stays inside the 95% global band in about 95% of replications', () => {
    // The calibrated ('studentised') band; the DO2005 drop rule, which stays inside the
    // simulations' min–max envelope, covers only ≈ 0.6–0.7 with 99 simulations (see docs).
    const reps = 60;
    let insideGlobal = 0;
    let insidePointwise = 0;
    for (let t = 0; t < reps; t++) {
      // the null is true: the 30 reference sites are a random subset of the 150 sites
      const p = randomPattern(1000 + t, 150, 30);
      const k = kDensity(p, { reference: 'A', simulations: 99, seed: t, points: 128, approximate: true, globalMethod: 'studentised' }).value;
      const e = k.envelope!;
      let g = true, pw = true;
      for (let q = 0; q < k.r.length; q++) {
        if (k.value[q] > e.globalUpper![q] || k.value[q] < e.globalLower![q]) g = false;
        if (k.value[q] > e.upper[q] || k.value[q] < e.lower[q]) pw = false;
      }
      if (g) insideGlobal++;
      if (pw) insidePointwise++;
    }
    // 95% nominal; with 60 replications a binomial 99% interval is about [0.85, 1]
    expect(insideGlobal / reps).toBeGreaterThanOrEqual(0.85);
    expect(insideGlobal / reps).toBeLessThan(1.0001);
    // pointwise bands are left somewhere far more often (the multiple-testing problem DO2005 solves)
    expect(insidePointwise).toBeLessThan(insideGlobal);
  }, 120_000);

  it('checks its options', () => {
    const p = randomPattern(1, 50, 10);
    const code = (f: () => unknown) => { try { f(); return 'none'; } catch (e) { return `${(e as InputError).code}:${String((e as InputError).details.field)}`; } };
    expect(code(() => kDensity(p, { reference: 'Z' }))).toBe('E_OPTION:reference');
    expect(code(() => kDensity(p, { reference: 'A', simulations: -1 }))).toBe('E_OPTION:simulations');
    expect(code(() => kDensity(p, { reference: 'A', nullModel: 'population-independence' }))).toBe('E_OPTION:nullModel');
    expect(code(() => kDensity(p, { reference: 'A', rmax: -3 }))).toBe('E_OPTION:rmax');
    expect(code(() => kDensity(pointPattern({ x: [0, 1], y: [0, 1], labels: ['A', 'A'] }), { reference: 'A', rmax: 0.1 }))).toBe('E_DEGENERATE:rmax');
  });

  it('bivariate K-density with population independence keeps reference points fixed', () => {
    const p = randomPattern(21, 400, 50, true);
    const k = kDensity(p, { reference: 'A', neighbour: 'B', simulations: 19, nullModel: 'population-independence', seed: 3 });
    expect(k.value.envelope!.nullModel).toBe('population-independence');
    expect(k.value.pairs).toBeGreaterThan(0);
  });
});

describe('kDensity normalisation (DO2005 eq. 1: all pairs)', () => {
  const phi = (u: number) => Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
  // four reference points on a line at 0, 1, 3, 20 with weights 1, 2, 3, 4; rmax 5 (2·rmax = 10):
  // the pairs within reach are d = 1 (w 1·2), 3 (1·3), 2 (2·3); the far ones d = 20, 19, 17
  // (weights 4, 8, 12) count in the denominator only: W = 6 pairs, or Σ_{i<j} wᵢwⱼ = 35.
  const p = pointPattern({ x: [0, 1, 3, 20, 50], y: [0, 0, 0, 0, 50], labels: ['A', 'A', 'A', 'A', 'B'], weights: [1, 2, 3, 4, 9] });
  const h = 0.5;
  const near = [[1, 2], [3, 3], [2, 6]];
  it('divides by all n(n−1)/2 pairs, not by the pairs within 2·rmax (hand derivation)', () => {
    const k = kDensity(p, { reference: 'A', rmax: 5, points: 6, bandwidth: h, approximate: false }).value;
    expect(k.pairs).toBe(3);
    expect(k.allPairs).toBe(6);
    for (let q = 0; q < 6; q++) {
      const r = q; // grid 0, 1, …, 5
      const hand = near.reduce((s, [d]) => s + phi((r - d) / h) + phi((r + d) / h), 0) / (6 * h);
      expect(k.value[q]).toBeCloseTo(hand, 14);
    }
    // r = 1: φ(0) + φ(2) + φ(4) + φ(−2) + φ(−4) + … by hand: (0.398942 + 2·0.053991 + 2·0.000134 + …)/3
    expect(k.value[1]).toBeCloseTo((phi(0) + phi(4) + phi(-4) + phi(8) + phi(-2) + phi(6)) / 3, 14);
  });
  it('weighted: divides by the sum of all pair weight products, ((Σw)² − Σw²)/2', () => {
    const k = kDensity(p, { reference: 'A', rmax: 5, points: 6, bandwidth: h, weighted: true, approximate: false }).value;
    for (let q = 0; q < 6; q++) {
      const hand = near.reduce((s, [d, w]) => s + w * (phi((q - d) / h) + phi((q + d) / h)), 0) / (35 * h);
      expect(k.value[q]).toBeCloseTo(hand, 14);
    }
    // binned mode: the same denominator (its smoothing error is O(Δ²/h²))
    const b = kDensity(p, { reference: 'A', rmax: 5, points: 6, bandwidth: h, weighted: true, approximate: true }).value;
    for (let q = 0; q < 6; q++) expect(Math.abs(b.value[q] - k.value[q])).toBeLessThan(2e-3 * Math.max(...k.value));
  });
  it('bivariate: divides by n_R·n_N', () => {
    const k = kDensity(p, { reference: 'A', neighbour: 'B', rmax: 40, points: 41, bandwidth: 2, approximate: false }).value;
    expect(k.allPairs).toBe(4);
    const dists = [[0, 0], [1, 0], [3, 0], [20, 0]].map(([a, b]) => Math.hypot(50 - a, 50 - b)).filter((d) => d <= 80);
    const r = k.r[30];
    expect(k.value[30]).toBeCloseTo(dists.reduce((s, d) => s + phi((r - d) / 2) + phi((r + d) / 2), 0) / (4 * 2), 14);
  });
  it('∫₀^∞ Kd = 1 when 2·rmax covers every pair, and the share of pairs within reach when not', () => {
    const q = randomPattern(9, 120, 40, false);
    for (const approximate of [false, true]) {
      const full = kDensity(q, { reference: 'A', rmax: 300, points: 6001, approximate }).value; // diameter ≤ 100√2
      let s = 0;
      for (let t = 1; t < full.r.length; t++) s += ((full.value[t] + full.value[t - 1]) / 2) * (full.r[t] - full.r[t - 1]);
      expect(Math.abs(s - 1)).toBeLessThan(1e-4);
      expect(full.pairs).toBe(full.allPairs);
    }
    // a short range: the curve is the all-pairs density, so it is below the truncated one by pairs/allPairs
    const a = kDensity(q, { reference: 'A', rmax: 20, bandwidth: 1.5, approximate: false }).value;
    expect(a.pairs).toBeLessThan(a.allPairs / 2);
    let s = 0;
    for (let t = 1; t < a.r.length; t++) s += ((a.value[t] + a.value[t - 1]) / 2) * (a.r[t] - a.r[t - 1]);
    expect(s).toBeLessThan(a.pairs / a.allPairs);
  });
  const fixture = 'test/fixtures/pointpattern/kdensity-stats-density.json';
  it.skipIf(!existsSync(fixture))('matches R stats::density with dbmss\' normalisation (Approximate = 0)', () => {
    interface Case { reference: string; neighbour: string; weighted: boolean; allPairs: number; pairsWithin: number; bandwidth: number; direct: number[]; density: number[] }
    const f = JSON.parse(readFileSync(fixture, 'utf8')) as { x: number[]; y: number[]; type: string[]; w: number[]; rmax: number; r: number[]; cases: Case[] };
    const pat = pointPattern({ x: f.x, y: f.y, labels: f.type, weights: f.w });
    for (const c of f.cases) {
      const k = kDensity(pat, { reference: c.reference, neighbour: c.neighbour === c.reference ? undefined : c.neighbour, weighted: c.weighted, rmax: f.rmax, approximate: false }).value;
      expect(k.allPairs).toBe(c.allPairs);
      expect(k.pairs).toBe(c.pairsWithin);
      expect(k.bandwidth).toBeCloseTo(c.bandwidth, 12);
      const mx = Math.max(...c.direct);
      for (let q = 0; q < f.r.length; q++) {
        expect(k.r[q]).toBeCloseTo(f.r[q], 12);
        expect(Math.abs(k.value[q] - c.direct[q])).toBeLessThan(1e-10 * mx); // our kernel is cut at 8h (φ(8) ≈ 5e-15)
        expect(Math.abs(k.value[q] - c.density[q])).toBeLessThan(2e-3 * mx);
      }
    }
  });
});

describe('envelopes', () => {
  it('pointwise quantiles are type 7 and the global band drops extremes until (1−α)R remain', () => {
    // 5 simulations × 2 distances
    const sims = Float64Array.of(1, 10, 2, 20, 3, 30, 4, 40, 5, 50);
    const pw = pointwiseEnvelope(sims, 5, 2, 0.5);
    // quantile(c(1,2,3,4,5), c(.25,.75)) = 2, 4 (confirmed in R)
    expect(Array.from(pw.lower)).toEqual([2, 20]);
    expect(Array.from(pw.upper)).toEqual([4, 40]);
    const g = globalEnvelope(sims, 5, 2, 0.4);
    expect(g.kept).toBe(3);
    expect(g.upper[0] - g.lower[0]).toBeLessThan(4);
  });
});
