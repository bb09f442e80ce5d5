/**
 * Local Moran (LISA) and Getis–Ord Gᵢ/G*ᵢ against spdep 1.2.7 (`localmoran`, `localG`, `p.adjust`)
 * to 1e-9, and their conditional permutation inference checked statistically: the simulated
 * null's mean and variance against the exact conditional moments (spdep), permutation p-values against an
 * independent numpy conditional permutation (99,999 draws, test/reference/autocorrelation-pysal.py),
 * and against exact enumeration of the permutation distribution on a small map.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../src/core/errors.js';
import { contiguityWeights, fromNeighbourLists, includeSelf, restyle } from '../src/data/weights/index.js';
import { benjaminiHochberg } from '../src/inference/fdr.js';
import { conditionalPermutation } from '../src/inference/permutation.js';
import { getisOrdLocal, moranLocal } from '../src/measures/autocorrelation/index.js';
import { close, DATASETS, expectAllClose, LOCAL_PERM_DATASETS, load, readJson } from './autocorrelation-helpers.js';

const queenW = (ds: (typeof DATASETS)[number]) => contiguityWeights(load(ds).regions, { rule: 'queen', geographic: false });
const QUAD: Record<string, string> = { 'High-High': 'HH', 'Low-Low': 'LL', 'High-Low': 'HL', 'Low-High': 'LH' };

describe.each(DATASETS)('analytic values on %s match spdep to 1e-9', (ds) => {
  const { spdep } = load(ds);
  const w = queenW(ds);
  for (const field of Object.keys(spdep.stats)) {
    const ref = spdep.stats[field];
    const x = Float64Array.from(ref.x);
    it(`localmoran ${field}`, () => {
      const r = moranLocal(x, w, { permutations: 0 }).value;
      expectAllClose(r.statistic, ref.localmoran_W.Ii);
      expectAllClose(r.randomisation.expected, ref.localmoran_W.E);
      expectAllClose(r.randomisation.variance, ref.localmoran_W.V);
      expectAllClose(r.randomisation.zScore, ref.localmoran_W.Z);
      expectAllClose(r.randomisation.pValue, ref.localmoran_W.P);
      expect(r.quadrant).toEqual(ref.localmoran_W.quadrant_mean.map((q: string) => QUAD[q]));
      expectAllClose(benjaminiHochberg(ref.localmoran_W.P), ref.localmoran_W.P_BH, 1e-12);
    });
    it(`localG (Gi) and G*i ${field}, styles W and B`, () => {
      expectAllClose(getisOrdLocal(x, w, { permutations: 0 }).value.randomisation.zScore, ref.localG_W);
      for (const st of ['W', 'B'] as const) {
        const r = getisOrdLocal(x, includeSelf(restyle(w, st)), { permutations: 0 }).value;
        expectAllClose(r.randomisation.zScore, ref[`localGstar_${st}`].z);
        expectAllClose(r.statistic, ref[`localGstar_${st}`].G);
      }
    });
  }
});

describe('conditional permutation null', () => {
  const R = 9999;
  it.each(DATASETS)('local Moran on %s: simulated mean and variance ≈ exact conditional moments', (ds) => {
    const { spdep } = load(ds);
    const w = queenW(ds);
    for (const field of Object.keys(spdep.stats)) {
      const ref = spdep.stats[field].localmoran_W;
      const r = moranLocal(Float64Array.from(spdep.stats[field].x), w, { permutations: R, seed: 1 }).value;
      let ratio = 0;
      for (let i = 0; i < w.n; i++) {
        // mean: within 5 standard errors of the exact one
        expect(Math.abs(r.permutation!.expected[i] - ref.E[i])).toBeLessThanOrEqual(5 * Math.sqrt(ref.V[i] / R) + 1e-12);
        // variance: each within 15 % (heavy-tailed nulls with 2 neighbours), the average within 2 %
        expect(Math.abs(r.permutation!.variance[i] / ref.V[i] - 1)).toBeLessThan(0.15);
        ratio += r.permutation!.variance[i] / ref.V[i];
      }
      expect(Math.abs(ratio / w.n - 1)).toBeLessThan(0.02);
    }
  });
  it.each(DATASETS)('G*i on %s keeps x_i fixed: simulated moments ≈ exact conditional moments', (ds) => {
    const { spdep } = load(ds);
    for (const st of ['W', 'B'] as const) {
      const w = includeSelf(restyle(queenW(ds), st));
      for (const field of Object.keys(spdep.stats)) {
        const ref = spdep.stats[field][`localGstar_${st}`];
        const r = getisOrdLocal(Float64Array.from(spdep.stats[field].x), w, { permutations: R, seed: 2 }).value;
        let ratio = 0;
        for (let i = 0; i < w.n; i++) {
          expect(Math.abs(r.permutation!.expected[i] - ref.cond_mean[i])).toBeLessThanOrEqual(5 * Math.sqrt(ref.cond_var[i] / R) + 1e-12);
          ratio += r.permutation!.variance[i] / ref.cond_var[i];
        }
        expect(Math.abs(ratio / w.n - 1)).toBeLessThan(0.02);
      }
    }
  });
  it('the permutation p-values agree with an independent numpy conditional permutation (99,999 draws)', () => {
    const stats = readJson('pysal-stats.json');
    for (const ds of LOCAL_PERM_DATASETS) {
      const w = queenW(ds);
      for (const [key, ref] of Object.entries<any>(stats.datasets[ds])) {
        if (!key.endsWith('_W')) continue;
        const x = Float64Array.from(load(ds).properties.map((p) => Number(p[key.split('_')[0]])));
        const r = moranLocal(x, w, { permutations: R, seed: 4 }).value;
        expectAllClose(r.statistic, ref.Ii);
        let sumDiff = 0;
        for (let i = 0; i < w.n; i++) {
          const p = ref.perm[i].p_folded;
          // folded p ≤ 0.5; 5 binomial standard errors of our estimate + 1/(R+1)
          expect(Math.abs(r.permutation!.pValue[i] - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / R) + 2 / (R + 1));
          sumDiff += r.permutation!.pValue[i] - p;
        }
        // no systematic bias across regions
        expect(Math.abs(sumDiff / w.n)).toBeLessThan(0.005);
      }
    }
  });
  it('the permutation p-values are close to spdep 1.2.7 localmoran_perm (9,999), which draws with replacement', () => {
    // drawing with replacement widens the null a little, so spdep's folded p-values are slightly
    // larger on average; the gap shrinks with n (columbus 49, NC 100)
    for (const ds of DATASETS) {
      const { spdep } = load(ds);
      const w = queenW(ds);
      for (const field of Object.keys(spdep.stats)) {
        const ref = spdep.stats[field].localmoran_perm_W.p_folded;
        const r = moranLocal(Float64Array.from(spdep.stats[field].x), w, { permutations: R, seed: 5 }).value;
        let mad = 0;
        let bias = 0;
        for (let i = 0; i < w.n; i++) { mad += Math.abs(r.permutation!.pValue[i] - ref[i]); bias += r.permutation!.pValue[i] - ref[i]; }
        expect(mad / w.n).toBeLessThan(0.015);
        expect(bias / w.n).toBeLessThan(0.002);
      }
    }
  });
  it('the permutation p-value matches exact enumeration of the conditional permutation distribution (small map, unequal weights)', () => {
    // region 0 has three neighbours with weights 0.5, 0.3, 0.2; the others form a ring
    const n = 8;
    const neighbours = [[1, 2, 3], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7], [6, 1]];
    const base = neighbours.map((nb, i) => (i === 0 ? [0.5, 0.3, 0.2] : nb.map(() => 1)));
    const w = fromNeighbourLists({ ids: neighbours.map((_, i) => `r${i}`), neighbours, base }, { style: 'B' });
    // values with no mathematically tied weighted sums (ties that differ only by rounding would be
    // counted by the oracle's tolerance but not by a strict ≥, as in esda and spdep)
    const x = Float64Array.of(5.1, 9.7, 1.3, 4.2, 7.9, 2.6, 8.4, 3.05);
    const mean = x.reduce((a, b) => a + b) / n;
    const z = x.map((v) => v - mean);
    const m2 = z.reduce((a, b) => a + b * b, 0) / n;
    const stat = (a: number, b: number, c: number): number => (z[0] / m2) * (0.5 * z[a] + 0.3 * z[b] + 0.2 * z[c]);
    const obs = stat(1, 2, 3);
    let ge = 0;
    let le = 0;
    let strictGe = 0;
    let strictLe = 0;
    let total = 0;
    const others = [1, 2, 3, 4, 5, 6, 7];
    for (const a of others) for (const b of others) for (const c of others) {
      if (a === b || b === c || a === c) continue;
      total++;
      const s = stat(a, b, c);
      if (s >= obs - 1e-12) ge++;
      if (s <= obs + 1e-12) le++;
      if (s >= obs) strictGe++;
      if (s <= obs) strictLe++;
    }
    expect(total).toBe(210);
    expect([strictGe, strictLe]).toEqual([ge, le]); // no near-ties
    const exact = Math.min(ge, le) / total;
    const Rbig = 40000;
    const r = moranLocal(x, w, { permutations: Rbig, seed: 9 }).value;
    expect(close(r.statistic[0], obs, 1e-12)).toBe(true);
    expect(Math.abs(r.permutation!.pValue[0] - exact)).toBeLessThanOrEqual(5 * Math.sqrt((exact * (1 - exact)) / Rbig) + 1e-4);
    expect(exact).toBeGreaterThan(0.05); // a non-trivial tail, so the check can fail
  });
  it('results per region do not depend on how regions are split (workers) and follow the seed', () => {
    const { spdep } = load('nc');
    const w = queenW('nc');
    const x = Float64Array.from(spdep.stats.NWR79.x);
    const z = x.map((v) => v - x.reduce((a, b) => a + b) / x.length);
    const scale = new Float64Array(w.n).fill(1);
    const shift = new Float64Array(w.n);
    const all = conditionalPermutation({ rows: w, values: z, scale, shift, permutations: 199, seed: 77, alternative: 'folded' });
    const a = conditionalPermutation({ rows: w, values: z, scale, shift, permutations: 199, seed: 77, alternative: 'folded', from: 0, to: 37 });
    const b = conditionalPermutation({ rows: w, values: z, scale, shift, permutations: 199, seed: 77, alternative: 'folded', from: 37, to: w.n });
    expect(Array.from(all.pValue)).toEqual([...a.pValue, ...b.pValue]);
    expect(Array.from(all.mean)).toEqual([...a.mean, ...b.mean]);
    const other = conditionalPermutation({ rows: w, values: z, scale, shift, permutations: 199, seed: 78, alternative: 'folded' });
    expect(Array.from(other.mean)).not.toEqual(Array.from(all.mean));
  });
});

describe('local measures: FDR, islands and bad input', () => {
  const w = queenW('columbus');
  const x = Float64Array.from(load('columbus').spdep.stats.CRIME.x);
  const code = (f: () => unknown): string => { try { f(); } catch (e) { return (e as AtlasError).code; } return 'none'; };
  it('fdr adds BH q-values of the permutation p-values, never below them', () => {
    const r = moranLocal(x, w, { fdr: true, seed: 1 }).value;
    expect(r.permutation!.qValue).toBeDefined();
    for (let i = 0; i < w.n; i++) expect(r.permutation!.qValue![i]).toBeGreaterThanOrEqual(r.permutation!.pValue[i]);
    // by hand: sorted 0.01, 0.03, 0.04, 0.5 (m = 4) → m·p/rank = 0.04, 0.06, 0.0533…, 0.5 → running
    // minimum from the top: 0.5, 0.0533…, 0.0533…, 0.04
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 15);
    expect(q[1]).toBeCloseTo(0.16 / 3, 15);
    expect(q[2]).toBeCloseTo(0.16 / 3, 15);
    expect(q[3]).toBeCloseTo(0.5, 15);
    expect(Number.isNaN(benjaminiHochberg([0.2, NaN])[1])).toBe(true);
  });
  it('islands kept: zero statistic, NaN inference, quadrant "island"', () => {
    const w2 = fromNeighbourLists({ ids: ['a', 'b', 'c', 'd', 'e'], neighbours: [[1], [0, 2], [1, 3], [2], []] });
    expect(code(() => moranLocal([1, 2, 3, 4, 5], w2))).toBe('E_DEGENERATE');
    const r = moranLocal([1, 2, 3, 4, 5], w2, { islands: 'keep', permutations: 99 });
    expect(r.value.statistic[4]).toBe(0);
    expect(r.value.quadrant[4]).toBe('island');
    expect(Number.isNaN(r.value.permutation!.pValue[4]) && Number.isNaN(r.value.randomisation.zScore[4])).toBe(true);
    expect(Number.isFinite(r.value.permutation!.pValue[0])).toBe(true);
  });
  it('bad input is a coded error', () => {
    expect(code(() => moranLocal(new Float64Array(w.n).fill(3), w))).toBe('E_DEGENERATE');
    expect(code(() => moranLocal(x.slice(1), w))).toBe('E_OPTION');
    expect(code(() => moranLocal(x, includeSelf(w)))).toBe('E_OPTION');
    expect(code(() => getisOrdLocal(x, w, { star: true }))).toBe('E_OPTION');
    expect(code(() => getisOrdLocal(x, includeSelf(w), { star: false }))).toBe('E_OPTION');
    const y = x.slice(); y[3] = Infinity;
    expect(code(() => getisOrdLocal(y, w))).toBe('E_NOT_FINITE');
    expect(code(() => moranLocal(x, w, { quadrantBasis: 'mode' as any }))).toBe('E_OPTION');
    const neg = x.map((v, i) => (i === 0 ? -v : v));
    expect(getisOrdLocal(neg, w, { permutations: 0 }).warnings.some((s) => s.includes('negative'))).toBe(true);
  });
});

describe('worker-thread pool', () => {
  it('gives exactly the single-threaded results', async () => {
    const { createPermutationPool } = await import('../src/runtime/worker-pool.js');
    const pool = await createPermutationPool({ threads: 2 });
    try {
      const { spdep } = load('nc');
      const x = Float64Array.from(spdep.stats.SIDR79.x);
      const w = queenW('nc');
      const one = moranLocal(x, w, { permutations: 499, seed: 21 }).value;
      const two = moranLocal(x, w, { permutations: 499, seed: 21, runner: pool.run }).value;
      expect(Array.from(two.permutation!.pValue)).toEqual(Array.from(one.permutation!.pValue));
      expect(Array.from(two.permutation!.variance)).toEqual(Array.from(one.permutation!.variance));
      const ws = includeSelf(w);
      expect(Array.from(getisOrdLocal(x, ws, { permutations: 499, seed: 21, runner: pool.run }).value.permutation!.pValue))
        .toEqual(Array.from(getisOrdLocal(x, ws, { permutations: 499, seed: 21 }).value.permutation!.pValue));
    } finally {
      await pool.close();
    }
  });
});
