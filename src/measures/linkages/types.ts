/**
 * Shared types and small dense linear-algebra helpers of the linkages family.
 *
 * Matrices are `Float64Array` in row-major order: element (i, j) of an n×n matrix is `m[i * n + j]`.
 * Pure: no node:* imports, so the family runs in a worker or a browser.
 */
import { InputError } from '../../core/errors.js';
import type { IoData } from '../../data/io-data.js';

export type { IoData } from '../../data/io-data.js';

/** Absolute pivot below which (I − A) is treated as singular. */
export const SINGULAR_PIVOT = 1e-12;

/** Checks shapes and finiteness; returns n. */
export function checkIo(measure: string, io: IoData): number {
  const n = io.sectors.length;
  if (n === 0) throw new InputError('E_DEGENERATE', `${measure}: the table has no sectors`, { field: 'sectors' });
  if (io.z.length !== n * n) throw new InputError('E_OPTION', `${measure}: z must have n² = ${n * n} cells, got ${io.z.length}`, { field: 'z', value: io.z.length });
  if (io.totalOutput.length !== n) throw new InputError('E_OPTION', `${measure}: totalOutput must have ${n} values, got ${io.totalOutput.length}`, { field: 'totalOutput', value: io.totalOutput.length });
  if (io.finalDemand && io.finalDemand.length !== n) throw new InputError('E_OPTION', `${measure}: finalDemand must have ${n} values, got ${io.finalDemand.length}`, { field: 'finalDemand', value: io.finalDemand.length });
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(io.z[k])) throw new InputError('E_NOT_FINITE', `${measure}: z[${Math.floor(k / n)}][${k % n}] must be finite, got ${io.z[k]}`, { field: 'z', row: Math.floor(k / n), column: k % n, value: io.z[k] });
  }
  for (let j = 0; j < n; j++) {
    const x = io.totalOutput[j];
    if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${measure}: totalOutput[${j}] must be finite, got ${x}`, { field: 'totalOutput', row: j, value: x });
    if (x < 0) throw new InputError('E_NEGATIVE', `${measure}: totalOutput[${j}] (${io.sectors[j]}) must be ≥ 0, got ${x}`, { field: 'totalOutput', row: j, value: x });
    if (x === 0) throw new InputError('E_DEGENERATE', `${measure}: sector ${io.sectors[j]} has zero total output; drop it or aggregate it before computing coefficients`, { field: 'totalOutput', row: j, value: x });
  }
  return n;
}

/**
 * Inverse of (I − M) by Gauss–Jordan elimination with partial pivoting. O(n³).
 * Throws E_DEGENERATE when a pivot falls below SINGULAR_PIVOT (no unique solution).
 */
export function inverseIMinus(measure: string, m: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (i === j ? 1 : 0) - m[i * n + j];
  return invert(measure, a, n);
}

/** In-place-safe inverse of a general square matrix (the argument is overwritten). */
export function invert(measure: string, a: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    let best = Math.abs(a[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(a[r * n + c]);
      if (v > best) { best = v; p = r; }
    }
    if (best < SINGULAR_PIVOT) throw new InputError('E_DEGENERATE', `${measure}: (I − A) is singular at column ${c}; the table has a sector that uses up all its own output`, { field: 'z', column: c });
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        let t = a[c * n + k]; a[c * n + k] = a[p * n + k]; a[p * n + k] = t;
        t = inv[c * n + k]; inv[c * n + k] = inv[p * n + k]; inv[p * n + k] = t;
      }
    }
    const d = 1 / a[c * n + c];
    for (let k = c; k < n; k++) a[c * n + k] *= d;
    for (let k = 0; k < n; k++) inv[c * n + k] *= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r * n + c];
      if (f === 0) continue;
      const ro = r * n;
      const co = c * n;
      // columns < c of the pivot row are already 0, and column c becomes 0: start at c + 1
      a[ro + c] = 0;
      for (let k = c + 1; k < n; k++) a[ro + k] -= f * a[co + k];
      for (let k = 0; k < n; k++) inv[ro + k] -= f * inv[co + k];
    }
  }
  return inv;
}

/**
 * Ghosh inverse from the Leontief inverse: G = x̂⁻¹ L x̂, i.e. gᵢⱼ = lᵢⱼ xⱼ / xᵢ (exact, since
 * I − B = x̂⁻¹ (I − A) x̂; Miller & Blair 2009 eq. 12.9). O(n²) instead of a second inversion.
 */
export function ghoshFromLeontief(l: Float64Array, x: Float64Array, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j] = (l[i * n + j] * x[j]) / x[i];
  return g;
}

/** Implied final demand fᵢ = xᵢ − Σⱼ zᵢⱼ (what makes x = L f exact). */
export function impliedFinalDemand(io: IoData, n: number): Float64Array {
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = io.totalOutput[i];
    for (let j = 0; j < n; j++) s -= io.z[i * n + j];
    f[i] = s;
  }
  return f;
}

/** Implied primary inputs vⱼ = xⱼ − Σᵢ zᵢⱼ (value added plus imports, what makes x' = v'G exact). */
export function impliedPrimaryInputs(io: IoData, n: number): Float64Array {
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = io.totalOutput[j];
    for (let i = 0; i < n; i++) s -= io.z[i * n + j];
    v[j] = s;
  }
  return v;
}

export const REF_MILLER_BLAIR = 'Miller, R. E. & Blair, P. D. (2009) Input–Output Analysis: Foundations and Extensions, 2nd ed., Cambridge University Press, doi:10.1017/CBO9780511626982';
export const REF_EUROSTAT_MANUAL = 'Eurostat (2008) Eurostat Manual of Supply, Use and Input-Output Tables, ch. 15 (Beutel), https://ec.europa.eu/eurostat/web/products-manuals-and-guidelines/-/ks-ra-07-013';
