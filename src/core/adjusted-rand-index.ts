/**
 * Adjusted Rand index of two partitions of the same items (Hubert & Arabie 1985, "Comparing
 * partitions", Journal of Classification 2:193–218, doi:10.1007/BF01908075):
 *
 *   ARI = (Σᵢⱼ C(nᵢⱼ,2) − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2)) /
 *         (½[Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)] − [Σᵢ C(aᵢ,2) Σⱼ C(bⱼ,2)] / C(n,2))
 *
 * nᵢⱼ: items in class i of the first partition and class j of the second; aᵢ, bⱼ: class sizes.
 * 1 for identical partitions (labels may differ), about 0 for independent ones, can be negative.
 * When both partitions are a single class (or all singletons) the denominator is 0: returns 1.
 * O(n + classes²). Cross-checked with scikit-learn's adjusted_rand_score in test/location.test.ts.
 */
export function adjustedRandIndex(a: ArrayLike<number | string>, b: ArrayLike<number | string>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`adjustedRandIndex: partitions have ${n} and ${b.length} items`);
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number | string, number>();
  const cols = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}\u0000${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sa = 0;
  for (const v of rows.values()) sa += pairs(v);
  let sb = 0;
  for (const v of cols.values()) sb += pairs(v);
  const expected = (sa * sb) / pairs(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}
