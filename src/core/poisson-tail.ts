/**
 * Upper tail of the Poisson distribution, P(X ≥ k) for X ~ Poisson(λ), summed in log space
 * from k upwards (the terms fall geometrically once j > λ), so it stays accurate deep in the
 * tail where 1 − CDF would cancel. ln Γ by the Lanczos approximation (g = 7, n = 9;
 * Numerical Recipes, 3rd ed., §6.1), relative error < 1e-13 for positive arguments.
 * Degenerate: k ≤ 0 → 1; λ = 0 → 0 for k ≥ 1; λ < 0 or non-finite → NaN.
 * Cross-checked against scipy.stats.poisson.sf in test/core-poisson-tail.test.ts (fixture from
 * test/reference/poisson-tail-reference.py).
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isFinite(lambda) || lambda < 0 || Number.isNaN(k)) return Number.NaN;
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  const kk = Math.ceil(k);
  // below the mean the tail is large: 1 − P(X < k), summing the k lower terms
  if (kk <= lambda) {
    let lower = 0;
    for (let j = 0; j < kk; j++) lower += Math.exp(-lambda + j * Math.log(lambda) - logGamma(j + 1));
    return Math.max(0, 1 - lower);
  }
  let sum = 0;
  for (let j = kk; ; j++) {
    const term = Math.exp(-lambda + j * Math.log(lambda) - logGamma(j + 1));
    sum += term;
    if (term < 1e-17 * sum || (term === 0 && j > kk)) break;
  }
  return Math.min(1, sum);
}
