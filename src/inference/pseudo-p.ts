/**
 * The one place that turns a permutation or Monte Carlo null distribution into a pseudo p-value.
 *
 *   p = (M + 1) / (R + 1)
 *
 * R: number of simulations; M: simulated statistics at least as extreme as the observed one in
 * the direction of the alternative. 'greater': sim ≥ obs; 'less': sim ≤ obs; 'two-sided':
 * min(2·min(p_greater, p_less), 1); 'folded' (PySAL esda's default for local statistics): the
 * smaller of the two one-sided counts, M = min(#sim ≥ obs, #sim ≤ obs).
 * Reference: Davison & Hinkley (1997) Bootstrap Methods and their Application, §4.2,
 * doi:10.1017/CBO9780511802843; esda's `calculate_significance`.
 */
export type Alternative = 'greater' | 'less' | 'two-sided' | 'folded';

export function pseudoPValue(observed: number, simulated: ArrayLike<number>, alternative: Alternative = 'two-sided'): number {
  const r = simulated.length;
  if (r === 0) return Number.NaN;
  let ge = 0;
  let le = 0;
  for (let i = 0; i < r; i++) {
    const s = simulated[i];
    if (s >= observed) ge++;
    if (s <= observed) le++;
  }
  switch (alternative) {
    case 'greater': return (ge + 1) / (r + 1);
    case 'less': return (le + 1) / (r + 1);
    case 'folded': return (Math.min(ge, le) + 1) / (r + 1);
    case 'two-sided': return Math.min(1, 2 * Math.min((ge + 1) / (r + 1), (le + 1) / (r + 1)));
  }
}
