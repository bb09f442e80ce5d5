/**
 * Robust orientation predicate: the sign of the determinant
 *
 *   D = (ax − cx)(by − cy) − (ay − cy)(bx − cx)
 *
 * which is twice the signed area of triangle abc: D > 0 when a, b, c turn counter-clockwise
 * (with x east and y north), D < 0 clockwise, D = 0 collinear. The sign returned is exact for
 * all finite float64 inputs whose products do not overflow (|coordinate| < ~1e150).
 *
 * Method: the floating-point value is accepted when |D| exceeds Shewchuk's error bound
 * (3 + 16ε)ε·(|detLeft| + |detRight|), ε = 2⁻⁵³ (Shewchuk 1997, "Adaptive precision
 * floating-point arithmetic and fast robust geometric predicates", Discrete & Computational
 * Geometry 18, 305–363, https://doi.org/10.1007/PL00009321, §4.3 "ccwerrboundA"). Otherwise D is
 * expanded into six products, each split exactly into two floats (Dekker's two-product), and
 * summed exactly into a non-overlapping expansion (two-sum, "grow-expansion" in the same paper);
 * the sign of its largest component is the sign of D. The slow path runs only for (nearly)
 * collinear triples, which is what polygon validation needs to get right.
 *
 * Complexity O(1). Checked against exact rational arithmetic (BigInt) in test/geo.test.ts.
 */

const EPSILON = 2 ** -53;
/** Shewchuk's ccwerrboundA = (3 + 16ε)ε. */
const ORIENT_ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;
/** 2^27 + 1, Dekker's splitter for float64. */
const SPLITTER = 134217729;

/** Sign of the orientation of (a, b, c): 1 counter-clockwise, −1 clockwise, 0 collinear. */
export function orient2d(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const acx = ax - cx;
  const bcy = by - cy;
  const acy = ay - cy;
  const bcx = bx - cx;
  const detLeft = acx * bcy;
  const detRight = acy * bcx;
  const det = detLeft - detRight;
  const bound = ORIENT_ERROR_BOUND * (Math.abs(detLeft) + Math.abs(detRight));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  // A difference of floats is exactly zero only when they are equal, so this case is exact.
  if ((acx === 0 || bcy === 0) && (acy === 0 || bcx === 0)) return 0;
  return orient2dExact(ax, ay, bx, by, cx, cy);
}

// Scratch expansion: 12 terms at most (six exact products of two terms each).
const expansion = new Float64Array(12);
let expansionLength = 0;

/** Add b exactly to the current expansion (Shewchuk's grow-expansion, with two-sum). */
function grow(b: number): void {
  let q = b;
  for (let i = 0; i < expansionLength; i++) {
    const e = expansion[i];
    const sum = q + e;
    const bVirtual = sum - q;
    const aVirtual = sum - bVirtual;
    const error = q - aVirtual + (e - bVirtual);
    expansion[i] = error;
    q = sum;
  }
  expansion[expansionLength++] = q;
}

/** Add the exact product a·b (two floats: rounded product and its error) to the expansion. */
function growProduct(a: number, b: number): void {
  const product = a * b;
  let c = SPLITTER * a;
  const aHigh = c - (c - a);
  const aLow = a - aHigh;
  c = SPLITTER * b;
  const bHigh = c - (c - b);
  const bLow = b - bHigh;
  const error = aLow * bLow - (product - aHigh * bHigh - aLow * bHigh - aHigh * bLow);
  grow(error);
  grow(product);
}

/** Exact sign of D by expansion arithmetic (see the header). */
function orient2dExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  expansionLength = 0;
  // D = ax·by − ax·cy − cx·by − ay·bx + ay·cx + cy·bx   (the cx·cy terms cancel)
  growProduct(ax, by);
  growProduct(-ax, cy);
  growProduct(-cx, by);
  growProduct(-ay, bx);
  growProduct(ay, cx);
  growProduct(cy, bx);
  for (let i = expansionLength - 1; i >= 0; i--) {
    const v = expansion[i];
    if (v > 0) return 1;
    if (v < 0) return -1;
  }
  return 0;
}
