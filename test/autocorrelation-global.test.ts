/**
 * Global Moran's I and Geary's C against spdep 1.2.7 (`moran.test`, `geary.test`, `moran.mc`,
 * `geary.mc`) and an independent numpy implementation (test/reference/autocorrelation-pysal.py).
 * Analytic values to 1e-9; permutation p-values statistically.
 */
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../src/core/errors.js';
import { contiguityWeights, distanceBandWeights, fromNeighbourLists, knnWeights, restyle, type SpatialWeights, type WeightsStyle } from '../src/data/weights/index.js';
import { geary, moran, normalUpperTail } from '../src/measures/autocorrelation/index.js';
import { close, DATASETS, load, readJson } from './autocorrelation-helpers.js';

const TOL = 1e-9;

function weightsFor(ds: (typeof DATASETS)[number]) {
  const { regions, pysal } = load(ds);
  const pts = { ids: pysal.ids, x: Float64Array.from(pysal.centroids.map((c: number[]) => c[0])), y: Float64Array.from(pysal.centroids.map((c: number[]) => c[1])) };
  const queen = contiguityWeights(regions, { rule: 'queen', geographic: false, style: 'B' });
  const variants: Record<string, SpatialWeights> = {};
  for (const s of ['W', 'B', 'C', 'U', 'S'] as WeightsStyle[]) variants[`queen_${s}`] = restyle(queen, s);
  variants.rook_W = contiguityWeights(regions, { rule: 'rook', geographic: false });
  if (ds === 'georgia') {
    // spdep's rook sets differ from ours by one pair here (see weights.test.ts); check the
    // statistics on spdep's own sets
    const index = new Map<string, number>(pysal.ids.map((id: string, i: number) => [id, i]));
    variants.rook_W = fromNeighbourLists({ ids: pysal.ids, neighbours: pysal.ids.map((id: string) => (load(ds).spdep.weights.rook[id] as string[]).map((j) => index.get(String(j))!)) });
  }
  variants.knn4_W = knnWeights(pts, { k: 4 });
  const idw = distanceBandWeights(pts, { threshold: pysal.band, inverse: true, style: 'B' });
  variants.idw_B = idw;
  variants.idw_W = restyle(idw, 'W');
  return { variants, pts };
}

function expectTest(actual: { variance: number; zScore: number; pValue: number }, expected: any, value: number): void {
  expect(close(value, expected.value, TOL)).toBe(true);
  expect(close(actual.variance, expected.variance, TOL)).toBe(true);
  expect(close(actual.zScore, expected.z, TOL)).toBe(true);
  // p-values: relative 1e-9 (tiny p-values are compared relatively, not absolutely)
  expect(Math.abs(actual.pValue - expected.p)).toBeLessThanOrEqual(1e-9 * expected.p + 1e-15);
}

describe.each(DATASETS)('Moran and Geary on %s match spdep to 1e-9', (ds) => {
  const { spdep } = load(ds);
  const { variants } = weightsFor(ds);
  for (const field of Object.keys(spdep.stats)) {
    const ref = spdep.stats[field];
    const x = Float64Array.from(ref.x);
    for (const v of Object.keys(variants)) {
      it(`${field}, ${v}`, () => {
        const w = variants[v];
        const m = moran(x, w, { permutations: 0 });
        expect(close(m.inference.expected, ref[v].moran_rand.expected, TOL)).toBe(true);
        expectTest(m.inference.randomisation, ref[v].moran_rand, m.value);
        expectTest(m.inference.normality, ref[v].moran_norm, m.value);
        const g = geary(x, w, { permutations: 0 });
        expectTest(g.inference.randomisation, ref[v].geary_rand, g.value);
        expectTest(g.inference.normality, ref[v].geary_norm, g.value);
      });
    }
  }
});

describe('numpy (independent formulas) agrees on columbus and NC', () => {
  const stats = readJson('pysal-stats.json');
  for (const ds of DATASETS) {
    const { variants } = weightsFor(ds);
    for (const [key, ref] of Object.entries<any>(stats.datasets[ds])) {
      it(`${ds} ${key}`, () => {
        const [field, style] = key.split('_');
        const x = Float64Array.from(load(ds).properties.map((p) => Number(p[field])));
        const m = moran(x, variants[`queen_${style}`], { permutations: 0 });
        const g = geary(x, variants[`queen_${style}`], { permutations: 0 });
        expect(close(m.value, ref.I, TOL)).toBe(true);
        expect(close(m.inference.normality.variance, ref.VI_norm, TOL)).toBe(true);
        expect(close(m.inference.randomisation.variance, ref.VI_rand, TOL)).toBe(true);
        expect(close(g.value, ref.C, TOL)).toBe(true);
        expect(close(g.inference.normality.variance, ref.VC_norm, TOL)).toBe(true);
        expect(close(g.inference.randomisation.variance, ref.VC_rand, TOL)).toBe(true);
      });
    }
  }
});

describe('islands kept as spdep zero.policy = TRUE', () => {
  for (const ds of DATASETS) {
    it(ds, () => {
      const { spdep } = load(ds);
      const { pts } = weightsFor(ds);
      const field = Object.keys(spdep.stats)[0];
      const x = Float64Array.from(spdep.stats[field].x);
      const wB = distanceBandWeights(pts, { threshold: spdep.islands.band, style: 'B' });
      expect(() => moran(x, wB)).toThrow(AtlasError);
      for (const [style, w] of [['B', wB], ['W', restyle(wB, 'W')]] as const) {
        const ref = spdep.islands[style];
        const m = moran(x, w, { permutations: 0, islands: 'keep' });
        expectTest(m.inference.randomisation, ref.moran_rand, m.value);
        expectTest(m.inference.normality, ref.moran_norm, m.value);
        expect(m.warnings.length).toBe(1);
        const g = geary(x, w, { permutations: 0, islands: 'keep' });
        expectTest(g.inference.randomisation, ref.geary_rand, g.value);
        expectTest(g.inference.normality, ref.geary_norm, g.value);
      }
    });
  }
});

describe('permutation p-values', () => {
  it('agree with spdep moran.mc / geary.mc (9,999 draws) within Monte Carlo error', () => {
    for (const ds of DATASETS) {
      const { spdep } = load(ds);
      const w = weightsFor(ds).variants.queen_W;
      for (const field of Object.keys(spdep.stats)) {
        const ref = spdep.stats[field];
        const x = Float64Array.from(ref.x);
        const m = moran(x, w, { permutations: 9999, seed: 3 });
        const g = geary(x, w, { permutations: 9999, seed: 3 });
        for (const [ours, theirs] of [[m.inference.permutation!.pValue, ref.moran_mc_W.p], [g.inference.permutation!.pValue, ref.geary_mc_W.p]]) {
          // both are (M + 1)/(R + 1) estimates of the same tail probability; 5 binomial s.e. + 1/(R+1)
          const p = Math.max(theirs, 1e-4);
          expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(5 * Math.sqrt((2 * p * (1 - p)) / 10000) + 2e-4);
        }
      }
    }
  });
  it('the permutation null of I has the moments of the randomisation hypothesis', () => {
    const { spdep } = load('nc');
    const ref = spdep.stats.SIDR79;
    const m = moran(Float64Array.from(ref.x), weightsFor('nc').variants.queen_W, { permutations: 20000, seed: 11 });
    const perm = m.inference.permutation!;
    // mean of 20,000 draws: s.e. = √(Var/R)
    expect(Math.abs(perm.expected - ref.queen_W.moran_rand.expected)).toBeLessThan(4 * Math.sqrt(ref.queen_W.moran_rand.variance / 20000));
    // variance within 5 % (s.e. of a sample variance ≈ Var·√(2/R) ≈ 1 %)
    expect(Math.abs(perm.variance / ref.queen_W.moran_rand.variance - 1)).toBeLessThan(0.05);
  });
  it('is reproducible from the seed and changes with it', () => {
    const { spdep } = load('columbus');
    const x = Float64Array.from(spdep.stats.HOVAL.x);
    const w = weightsFor('columbus').variants.queen_W;
    const a = moran(x, w, { seed: 5 }).inference.permutation!;
    const b = moran(x, w, { seed: 5 }).inference.permutation!;
    const c = moran(x, w, { seed: 6 }).inference.permutation!;
    expect(a).toEqual(b);
    expect(c.expected).not.toBe(a.expected);
    expect(a.permutations).toBe(999);
  });
});

describe('hand-derived cases and edge cases', () => {
  // a path of 4 regions a–b–c–d, binary weights: S0 = 6
  const path = fromNeighbourLists({ ids: ['a', 'b', 'c', 'd'], neighbours: [[1], [0, 2], [1, 3], [2]] }, { style: 'B' });
  it('I and C on a path of four regions, by hand', () => {
    // x = 1,2,3,4: z = −1.5,−0.5,0.5,1.5; Σz² = 5; Σ wz z = 2(0.75 − 0.25 + 0.75) = 2.5
    // I = (4/6)(2.5/5) = 1/3; C = 3 · 2(1 + 1 + 1) / (2 · 6 · 5) = 0.3
    expect(moran([1, 2, 3, 4], path, { permutations: 0 }).value).toBeCloseTo(1 / 3, 15);
    expect(geary([1, 2, 3, 4], path, { permutations: 0 }).value).toBeCloseTo(0.3, 15);
    // checkerboard: x = 1,0,1,0 → I = (4/6)(Σ…)/1 = −1, C = 3 · 6 /(2·6·1) = 1.5
    expect(moran([1, 0, 1, 0], path, { permutations: 0 }).value).toBeCloseTo(-1, 15);
    expect(geary([1, 0, 1, 0], path, { permutations: 0 }).value).toBeCloseTo(1.5, 15);
  });
  it('normal tail to float64 accuracy (values from R pnorm(z, lower.tail = FALSE))', () => {
    // confirmed in R 4.2.2 > sprintf("%.17g", pnorm(c(0.5, 2, 5, 10), lower.tail = FALSE))
    expect(normalUpperTail(0.5)).toBeCloseTo(0.30853753872598688, 15);
    expect(Math.abs(normalUpperTail(2) / 0.022750131948179209 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(normalUpperTail(5) / 2.8665157187919333e-07 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(normalUpperTail(10) / 7.6198530241605269e-24 - 1)).toBeLessThan(1e-13);
    expect(normalUpperTail(-2) + normalUpperTail(2)).toBeCloseTo(1, 15);
  });
  const code = (f: () => unknown): string => { try { f(); } catch (e) { return (e as AtlasError).code; } return 'none'; };
  it('constant values, n < 3, missing values, wrong lengths, bad options', () => {
    expect(code(() => moran([2, 2, 2, 2], path))).toBe('E_DEGENERATE');
    expect(code(() => geary([2, 2, 2, 2], path))).toBe('E_DEGENERATE');
    const two = fromNeighbourLists({ ids: ['a', 'b'], neighbours: [[1], [0]] });
    expect(code(() => moran([1, 2], two))).toBe('E_DEGENERATE');
    expect(code(() => moran([1, NaN, 3, 4], path))).toBe('E_NOT_FINITE');
    try { moran([1, 2, NaN, 4], path); } catch (e) { expect((e as AtlasError).details).toMatchObject({ field: 'x', row: 2 }); }
    expect(code(() => moran([1, 2, 3], path))).toBe('E_OPTION');
    expect(code(() => moran([1, 2, 3, 4], path, { permutations: -1 }))).toBe('E_OPTION');
    expect(code(() => moran([1, 2, 3, 4], path, { alternative: 'up' as any }))).toBe('E_OPTION');
    expect(code(() => moran([1, 2, 3, 4], path, { seed: NaN }))).toBe('E_OPTION');
  });
  it('n = 3: normality variance only, with a warning', () => {
    const tri = fromNeighbourLists({ ids: ['a', 'b', 'c'], neighbours: [[1], [0, 2], [1]] });
    const m = moran([1, 2, 4], tri, { permutations: 0 });
    expect(Number.isNaN(m.inference.randomisation.variance)).toBe(true);
    expect(Number.isFinite(m.inference.normality.variance)).toBe(true);
    expect(m.warnings.some((s) => s.includes('n = 3'))).toBe(true);
  });
});
