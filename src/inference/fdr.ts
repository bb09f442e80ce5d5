/**
 * False discovery rate control for the many p-values of a local statistic (one per region).
 *
 * Benjamini–Hochberg adjusted p-values (R's `p.adjust(p, "BH")`):
 *   with p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted,  q₍ᵢ₎ = min_{j ≥ i} min(1, m · p₍ⱼ₎ / j)
 * A region is significant at FDR level α when qᵢ ≤ α. This controls the expected share of false
 * positives among the regions called significant, under independence or positive dependence
 * (Benjamini & Yekutieli 2001, doi:10.1214/aos/1013699998) — the usual situation for LISA.
 * NaN p-values (islands) stay NaN and do not count in m. Complexity O(m log m).
 * Reference: Benjamini & Hochberg (1995), J. R. Stat. Soc. B 57:289–300,
 * doi:10.1111/j.2517-6161.1995.tb02031.x. Cross-checked against R `p.adjust` in
 * test/autocorrelation-local.test.ts (fixture from test/reference/autocorrelation-spdep.R).
 */
export function benjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const out = new Float64Array(p.length).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) idx.push(i);
  idx.sort((a, b) => p[a] - p[b] || a - b);
  const m = idx.length;
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    running = Math.min(running, (m / (r + 1)) * p[i]); // as R: n/i · p, so the largest keeps p exactly
    out[i] = Math.min(1, running);
  }
  return out;
}
