/**
 * The fast paths behind the CSR envelopes: the rectangle border-correction loop (cells of rmax/3,
 * sqrt-free bin lookup, reach pruning) against the general pair visitor on the same points, and
 * simulations split into blocks (as worker threads do) against one in-thread run.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow } from '../src/data/point-pattern.js';
import { kEngine, defaultKGrid } from '../src/measures/pointpattern/k-engine.js';
import { ripleyK, ripleyKAsync, ripleySimulate, type RipleyTask } from '../src/measures/pointpattern/ripley-k.js';
import { ripleyL, ripleyLAsync } from '../src/measures/pointpattern/ripley-l.js';

function pattern(seed: number, n: number) {
  const rng = createRng(seed);
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    // clustered, uniform, points on the border and duplicates
    if (i % 5 === 0) { x.push(30 + 2 * rng.normal()); y.push(60 + 2 * rng.normal()); }
    else if (i % 17 === 0) { x.push(0); y.push(100 * rng.next()); }
    else if (i % 23 === 0 && i > 0) { x.push(x[i - 1]); y.push(y[i - 1]); }
    else { x.push(100 * rng.next()); y.push(40 + 60 * rng.next()); }
  }
  return { x: Float64Array.from(x.map((v) => Math.min(100, Math.max(0, v)))), y: Float64Array.from(y.map((v) => Math.min(100, Math.max(40, v)))) };
}

describe('border correction fast path', () => {
  for (const [seed, n, rmax] of [[1, 3000, undefined], [2, 800, 30], [3, 200, 0.5]] as const) {
    it(`equals the general pair visitor (n = ${n}, rmax ${rmax ?? 'default'})`, () => {
      const { x, y } = pattern(seed, n);
      const window = rectangleWindow(0, 100, 40, 100);
      const r = defaultKGrid(60, n / 6000, rmax);
      const fast = kEngine({ x, y, window, inI: null, inJ: null, r, corrections: ['border'] }).border!;
      // with isotropic also requested, the border counts come from the general visitor
      const general = kEngine({ x, y, window, inI: null, inJ: null, r, corrections: ['border', 'isotropic'] }).border!;
      expect(Array.from(fast)).toEqual(Array.from(general));
    });
  }
});

describe('CSR simulations split into blocks', () => {
  const { x, y } = pattern(4, 400);
  const p = pointPattern({ x, y, window: rectangleWindow(0, 100, 40, 100) });
  /** An in-thread stand-in for workerRunner: three blocks of simulations written into one buffer. */
  const blocks = async (job: { task: RipleyTask; simulations: number; length: number }) => {
    const out = new Float64Array(job.simulations * job.length);
    const cut = [0, 3, 11, job.simulations];
    for (let b = 0; b < 3; b++) {
      const part = new Float64Array((cut[b + 1] - cut[b]) * job.length);
      ripleySimulate(job.task, cut[b], cut[b + 1], part, 0);
      out.set(part, cut[b] * job.length);
    }
    return out;
  };
  it('ripleyLAsync and ripleyKAsync give the in-thread envelopes exactly', async () => {
    const a = ripleyL(p, { correction: 'border', simulations: 19, seed: 6 }).value.envelope!;
    const b = (await ripleyLAsync(p, { correction: 'border', simulations: 19, seed: 6 }, blocks)).value.envelope!;
    expect(Array.from(b.upper)).toEqual(Array.from(a.upper));
    expect(Array.from(b.globalLower!)).toEqual(Array.from(a.globalLower!));
    const k = ripleyK(p, { correction: 'translate', simulations: 19, seed: 6 }).value.envelope!;
    const kb = (await ripleyKAsync(p, { correction: 'translate', simulations: 19, seed: 6 }, blocks)).value.envelope!;
    expect(Array.from(kb.lower)).toEqual(Array.from(k.lower));
  });
});
