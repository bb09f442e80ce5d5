/**
 * The shared estimator behind ripleyK, ripleyL and crossK (spatstat's Kest / Kcross sums):
 *
 *   isotropic, translate:  K(r) = |W| / (nᵢ · nⱼ') · Σ_{i∈I} Σ_{j∈J, j≠i} e(i, j) · 1[dᵢⱼ < r]
 *   border:                K(r) = Σ_{i∈I, bᵢ ≥ r⁻} #{j∈J, j≠i : dᵢⱼ < r, dᵢⱼ ≤ bᵢ} / (λⱼ · #{i∈I : bᵢ ≥ r⁻})
 *
 * I: reference points, J: neighbour points (I = J for K, where nⱼ' = n − 1; otherwise nⱼ' = nⱼ);
 * e: isotropic or translation edge weight; bᵢ: distance from xᵢ to the window boundary;
 * λⱼ = nⱼ / |W|; r⁻: the grid value before r. The counts follow spatstat's histogram
 * convention exactly (see `cumulativeBin`, `floorBin`), so that our values match Kest to 1e-9.
 * Cost O(n + pairs within max r), times the edge-weight cost. Internal.
 */
import type { Window } from '../../data/point-pattern.js';
import { boundaryDistance, windowDiameter } from '../../data/point-pattern.js';
import { cumulativeBin, floorBin, gridStep } from './curve.js';
import { edgeContext, isotropicWeight, translateWeight } from './edge-corrections.js';
import { forEachClosePair } from './pairs.js';

export type Correction = 'border' | 'isotropic' | 'translate';
export const CORRECTIONS: readonly Correction[] = ['border', 'isotropic', 'translate'];

export interface KEngineInput {
  x: Float64Array;
  y: Float64Array;
  window: Window;
  /** Reference mask (1 = in I); null: all points. */
  inI: Uint8Array | null;
  /** Neighbour mask (1 = in J); null: all points. */
  inJ: Uint8Array | null;
  r: Float64Array;
  corrections: readonly Correction[];
}

export function kEngine(input: KEngineInput): Record<Correction, Float64Array | undefined> {
  const { x, y, window, inI, inJ, r, corrections } = input;
  const n = x.length;
  const K = r.length;
  const step = gridStep(r);
  const rmax = r[K - 1];
  const ctx = edgeContext(window);
  const area = ctx.area;
  let nI = 0, nJ = 0;
  for (let i = 0; i < n; i++) {
    if (inI === null || inI[i]) nI++;
    if (inJ === null || inJ[i]) nJ++;
  }
  const same = inI === null && inJ === null;
  const nJprime = same ? n - 1 : nJ;
  const doB = corrections.includes('border');
  const doI = corrections.includes('isotropic');
  const doT = corrections.includes('translate');
  const b = doB ? new Float64Array(n) : null;
  if (b) for (let i = 0; i < n; i++) b[i] = boundaryDistance(window, x[i], y[i]);
  const krect = same && window.type === 'rectangle';
  // last grid index at which point i still counts as a border-corrected centre
  const hiOf = b ? new Int32Array(n) : null;
  if (b && hiOf) for (let i = 0; i < n; i++) hiOf[i] = krect ? lastBelow(b[i], r) : floorBin(b[i], r, step) + 1;
  const hI = new Float64Array(K + 1);
  const hT = new Float64Array(K + 1);
  const uB = new Float64Array(K + 2);
  // Kest on a rectangle runs spatstat's Krect engine, whose counts are d² ≤ r² and bᵢ > r;
  // Kest on polygons and Kcross use histograms (see cumulativeBin / floorBin).
  const r2 = r.map((v) => v * v);
  const ordered = (i: number, j: number, d: number, kd: number, atTop: boolean): void => {
    if (!doI && !doT) return;
    if (!(inI === null || inI[i]) || !(inJ === null || inJ[j])) return;
    if (atTop) return; // Krect's weighted sums take only pairs with d² < rmax²
    if (doI) hI[kd] += isotropicWeight(ctx, x[i], y[i], d);
    if (doT) hT[kd] += translateWeight(ctx, x[j] - x[i], y[j] - y[i]);
  };
  const borderPair = (i: number, j: number, d: number, kd: number): void => {
    if (inI !== null && (!inI[i] || !inJ![j])) return;
    if (b && (krect || d <= b[i])) {
      const hiK = hiOf![i];
      if (hiK >= kd) { uB[kd] += 1; uB[Math.min(hiK, K - 1) + 1] -= 1; }
    }
  };
  if (krect && !doI && !doT && b && hiOf) {
    borderRectFast(x, y, r, r2, step, rmax, hiOf, uB);
  } else forEachClosePair(x, y, null, rmax, 'euclidean', (i, j, d) => {
    let kd: number;
    let atTop = false;
    if (krect) {
      const dx = x[j] - x[i], dy = y[j] - y[i];
      const d2 = dx * dx + dy * dy;
      kd = step > 0 ? Math.max(0, Math.min(K, Math.ceil(d / step)) - 1) : 0;
      while (kd > 0 && d2 <= r2[kd - 1]) kd--;
      while (kd < K && d2 > r2[kd]) kd++;
      if (knifeEdge(d2, r2, kd)) kd = krectIndex(d2, rmax, K);
      atTop = d2 >= r2[K - 1];
    } else kd = cumulativeBin(d, r, step);
    if (kd >= K) return;
    ordered(i, j, d, kd, atTop);
    ordered(j, i, d, kd, atTop);
    if (atTop) return; // Krect counts only pairs with d² < rmax², in every correction
    borderPair(i, j, d, kd);
    borderPair(j, i, d, kd);
  });
  const out: Record<Correction, Float64Array | undefined> = { border: undefined, isotropic: undefined, translate: undefined };
  const denom = (nI * nJprime) / area;
  const rectHalfDiag = window.type === 'rectangle' ? windowDiameter(window) / 2 : Infinity;
  if (doI) {
    const v = new Float64Array(K);
    let c = 0;
    for (let k = 0; k < K; k++) { c += hI[k]; v[k] = r[k] >= rectHalfDiag ? Number.NaN : c / denom; }
    out.isotropic = v;
  }
  if (doT) {
    const v = new Float64Array(K);
    let c = 0;
    for (let k = 0; k < K; k++) { c += hT[k]; v[k] = r[k] >= rectHalfDiag ? Number.NaN : c / denom; }
    out.translate = v;
  }
  if (b) {
    // denominator: #{i ∈ I : b_i ≥ r_{k−1}}, r_{−1} = −step
    const dB = new Float64Array(K + 1);
    for (let i = 0; i < n; i++) {
      if (!(inI === null || inI[i])) continue;
      // histogram: b_i ≥ r_{k−1} ⟺ k ≤ m + 1; Krect: b_i > r_k
      const top = hiOf![i];
      if (top < 0) continue;
      dB[0] += 1;
      dB[Math.min(top, K - 1) + 1] -= 1;
    }
    const lambdaJ = nJ / area;
    const v = new Float64Array(K);
    let u = 0, dd = 0;
    for (let k = 0; k < K; k++) {
      u += uB[k];
      dd += dB[k];
      v[k] = dd > 0 ? u / (lambdaJ * dd) : Number.NaN;
    }
    out.border = v;
  }
  return out;
}

/**
 * Krect border counts without a visitor call per pair (the hot loop of CSR envelopes); identical
 * counts to the general path. Three things make it fast:
 * - cells of side rmax/3 (points sorted by cell with a counting sort), and a neighbour cell is
 *   scanned only when its rectangle comes within rmax of the point: about 1.5× as many distance
 *   tests as pairs, against ≈ 2.9× with cells of side rmax; near the border, a pair longer than
 *   both its ends' reaches (r_{hᵢ}: the largest r at which i is still a centre) counts for
 *   neither, so cells beyond both reaches are skipped and such pairs are not binned;
 * - no square root: the first grid index k with d² ≤ r_k² is looked up in a table over [0, rmax²]
 *   (8 entries per r value) and then corrected by comparing d² with r_k², so the comparisons are
 *   exactly Krect's (d² ≤ r²);
 * - integer counts: H[k] counts ordered pairs (i, j) first counted at k with i still a centre
 *   there (hᵢ ≥ k), and cᵢ the pairs of i so counted, so that the difference array is
 *   uB[k] += H[k], uB[hᵢ + 1] −= cᵢ (one write per centre, not one per pair).
 */
function borderRectFast(x: Float64Array, y: Float64Array, r: Float64Array, r2: Float64Array, _step: number, rmax: number, hiOf: Int32Array, uB: Float64Array): void {
  const n = x.length;
  const K = r.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < x0) x0 = x[i];
    if (x[i] > x1) x1 = x[i];
    if (y[i] < y0) y0 = y[i];
    if (y[i] > y1) y1 = y[i];
  }
  let cell = rmax > 0 ? rmax / CELLS_PER_RMAX : Math.max(x1 - x0, y1 - y0, 1);
  while (Math.floor((x1 - x0) / cell + 1) * Math.floor((y1 - y0) / cell + 1) > Math.max(16, 4 * n)) cell *= 2;
  const reach = rmax > 0 ? Math.ceil(rmax / cell) : 1;
  const nx = Math.floor((x1 - x0) / cell) + 1;
  const ny = Math.floor((y1 - y0) / cell) + 1;
  const start = new Int32Array(nx * ny + 1);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(ny - 1, Math.floor((y[i] - y0) / cell)) * nx + Math.min(nx - 1, Math.floor((x[i] - x0) / cell));
    cellOf[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const sx = new Float64Array(n), sy = new Float64Array(n), sh = new Int32Array(n);
  for (let i = 0; i < n; i++) { const p = fill[cellOf[i]]++; sx[p] = x[i]; sy[p] = y[i]; sh[p] = Math.min(hiOf[i], K - 1); }
  const rmax2 = r2[K - 1];
  // a cell is skipped only when it is farther than rmax by more than rounding can explain
  const prune2 = rmax2 * (1 + 1e-9);
  // table: first k with r_k² ≥ t·w, w = rmax² / T (a lower bound of the answer for d² ∈ [t·w, (t+1)·w))
  const T = 8 * K;
  const tbl = new Int32Array(T + 2);
  const invW = rmax2 > 0 ? T / rmax2 : 0;
  for (let t = 0, k = 0; t <= T + 1; t++) {
    const lo = (t * rmax2) / T;
    while (k < K - 1 && r2[k] < lo) k++;
    tbl[t] = t === 0 ? 0 : Math.max(0, k - 1);
  }
  // a pair counts only for a centre i with d² ≤ r²[hᵢ]: per cell, the largest such r² of its points
  const reach2 = new Float64Array(nx * ny).fill(-1);
  for (let c = 0; c < nx * ny; c++) for (let p = start[c]; p < start[c + 1]; p++) if (sh[p] >= 0 && r2[sh[p]] > reach2[c]) reach2[c] = r2[sh[p]];
  const H = new Int32Array(K);
  const cnt = new Int32Array(n);
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const c = cy * nx + cx;
      const a0 = start[c], a1 = start[c + 1];
      for (let a = a0; a < a1; a++) {
        const ax = sx[a], ay = sy[a], ha = sh[a];
        const ra2 = ha >= 0 ? r2[ha] : -1;
        let ca = 0;
        for (let dy = 0; dy <= reach; dy++) {
          const qy = cy + dy;
          if (qy >= ny) break;
          let gy = dy === 0 ? 0 : y0 + qy * cell - ay;
          if (gy < 0) gy = 0;
          const gy2 = gy * gy;
          if (gy2 > prune2) break;
          for (let dx = dy === 0 ? 0 : -reach; dx <= reach; dx++) {
            const qx = cx + dx;
            if (qx < 0 || qx >= nx) continue;
            let gx = dx > 0 ? x0 + qx * cell - ax : dx < 0 ? ax - (x0 + (qx + 1) * cell) : 0;
            if (gx < 0) gx = 0;
            if (gx * gx + gy2 > prune2) continue;
            const qc = qy * nx + qx;
            // neither end counts a pair longer than both reaches
            const lim = ra2 > reach2[qc] ? ra2 : reach2[qc];
            if (gx * gx + gy2 > lim * (1 + 1e-9)) continue;
            const q0 = dx === 0 && dy === 0 ? a + 1 : start[qc], q1 = start[qc + 1];
            for (let q = q0; q < q1; q++) {
              const ex = sx[q] - ax, ey = sy[q] - ay;
              const d2 = ex * ex + ey * ey;
              if (d2 > lim || d2 >= rmax2) continue; // Krect: only d² < rmax²
              // first k with d² ≤ r_k² (Krect's count at r_k)
              let kd = tbl[(d2 * invW) | 0];
              while (r2[kd] < d2) kd++;
              while (kd > 0 && r2[kd - 1] >= d2) kd--;
              if (knifeEdge(d2, r2, kd)) { kd = krectIndex(d2, rmax, K); if (kd >= K) continue; }
              const ia = ha >= kd ? 1 : 0, iq = sh[q] >= kd ? 1 : 0;
              H[kd] += ia + iq;
              ca += ia;
              cnt[q] += iq;
            }
          }
        }
        cnt[a] += ca;
      }
    }
  }
  for (let k = 0; k < K; k++) uB[k] += H[k];
  for (let a = 0; a < n; a++) if (cnt[a] > 0) uB[sh[a] + 1] -= cnt[a];
}

/**
 * Knife-edge distances (issue 16): on lattice data a pair can lie exactly at a grid distance r_k
 * while d² = dx² + dy² rounds a few ulps away from r_k² (dx 0.075, dy 0.1: d² =
 * 0.015625000000000003, r² = 0.015625). spatstat's Krect (KrectIncrem.h) does not compare
 * squares: it counts the pair from index ⌈√d² / Δr⌉, Δr = rmax / (K − 1), so √ rounds such a pair
 * back onto r_k and counts it there. We keep the exact d² ≤ r_k² rule (no square root in the hot
 * loop) and, when d² is within a relative 1e-12 of r_{k−1}² or r_k², take spatstat's index
 * instead: the same counts as Kest at every r (test: lansing).
 */
function knifeEdge(d2: number, r2: Float64Array, kd: number): boolean {
  const tol = 1e-12 * d2;
  return (kd > 0 && d2 - r2[kd - 1] <= tol) || (kd < r2.length && r2[kd] - d2 <= tol);
}

/** spatstat Krect's bin of a squared distance: ⌈√d² / Δr⌉, Δr = rmax / (K − 1) (K when beyond the grid). */
function krectIndex(d2: number, rmax: number, K: number): number {
  const k = Math.ceil(Math.sqrt(d2) / (rmax / (K - 1)));
  return k > K ? K : k;
}

/** Cells per rmax in borderRectFast's grid. */
const CELLS_PER_RMAX = 3;

/** The largest k with r_k < b (−1 if none). */
function lastBelow(b: number, r: Float64Array): number {
  let lo = -1, hi = r.length; // r[lo] < b ≤ r[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (r[mid] < b) lo = mid; else hi = mid;
  }
  return lo;
}

/** spatstat's default r grid for K: rmax = min(short side / 4, √(1000 / (π λ))), 513 values from 0. */
export function defaultKGrid(shortSide: number, lambda: number, rmax?: number): Float64Array {
  const top = rmax ?? Math.min(shortSide / 4, Math.sqrt(1000 / (Math.PI * lambda)));
  const bstep = top / 512;
  const npos = Math.ceil(top / bstep);
  const right = bstep * npos;
  const r = new Float64Array(npos + 1);
  const by = right / npos;
  for (let k = 0; k <= npos; k++) r[k] = k * by;
  r[npos] = right;
  return r;
}
