import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logGamma, poissonUpperTail } from '../src/core/poisson-tail.js';

// P(X ≥ k), X ~ Poisson(λ), against scipy.stats.poisson.sf (fixture: test/reference/poisson-tail-reference.py).
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'poisson-tail.json'), 'utf8')) as { cases: { k: number; lambda: number; sf: number }[] };

describe('poissonUpperTail', () => {
  it('matches scipy to 1e-10 relative, including far in the tail', () => {
    for (const c of fixture.cases) {
      const got = poissonUpperTail(c.k, c.lambda);
      expect(Math.abs(got - c.sf), `k=${c.k} λ=${c.lambda}: ${got} vs ${c.sf}`).toBeLessThanOrEqual(1e-10 * Math.max(c.sf, 1e-300) + 1e-15);
    }
  });
  it('handles the edges: k ≤ 0, λ = 0, bad λ', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 0)).toBe(0);
    expect(poissonUpperTail(1, -1)).toBeNaN();
  });
  it('ln Γ is exact on factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});
