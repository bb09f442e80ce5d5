/**
 * Convex hull of a planar point set by Andrew's monotone chain: sort by (x, y), build the lower
 * and upper chains, dropping every point that does not make a left turn (cross product ≤ 0).
 * Returns the hull anticlockwise, not closed, without collinear points; 1–2 points when the
 * input has fewer than 3 distinct points or is collinear. Complexity O(m log m).
 * Reference: Andrew, A. M. (1979) "Another efficient algorithm for convex hulls in two
 * dimensions", Information Processing Letters 9(5):216–219, doi:10.1016/0020-0190(79)90072-3.
 *
 * @example convexHull([[0, 0], [1, 1], [0.5, 0.5], [1, 0], [0, 1]]) // [[0,0],[1,0],[1,1],[0,1]]
 */
/** Andrew's monotone chain; anticlockwise, without collinear points; 1–2 points when degenerate. */
export function convexHull(points: [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const uniq = p.filter((v, k) => k === 0 || v[0] !== p[k - 1][0] || v[1] !== p[k - 1][1]);
  if (uniq.length < 3) return uniq;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const v of uniq) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], v) <= 0) lower.pop();
    lower.push(v);
  }
  const upper: [number, number][] = [];
  for (let k = uniq.length - 1; k >= 0; k--) {
    const v = uniq[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], v) <= 0) upper.pop();
    upper.push(v);
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  return hull.length >= 3 ? hull : [uniq[0], uniq[uniq.length - 1]];
}
