/**
 * Upper tail of the standard normal, P(Z ≥ z) = ½ erfc(z/√2), with the Chebyshev fit of erfc from
 * Press et al. (2007) Numerical Recipes, 3rd ed., §6.2.2 (fractional error < 1.2e-7 everywhere).
 * Used for the normal-approximation p-values of EG's z(G). Not a measure.
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? erfc / 2 : 1 - erfc / 2;
}
