/**
 * Disjoint sets over 0..n−1 with path halving; the smaller index becomes the root, so the
 * result does not depend on the order of unions. Near O(1) amortised per operation.
 */
export class UnionFind {
  private readonly p: Int32Array;
  constructor(n: number) { this.p = Int32Array.from({ length: n }, (_, i) => i); }
  find(i: number): number { while (this.p[i] !== i) { this.p[i] = this.p[this.p[i]]; i = this.p[i]; } return i; }
  union(a: number, b: number): void { const ra = this.find(a); const rb = this.find(b); if (ra !== rb) this.p[Math.max(ra, rb)] = Math.min(ra, rb); }
}
