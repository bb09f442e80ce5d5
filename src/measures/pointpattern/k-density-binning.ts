/**
 * The binned mode of the K-density (see k-density.ts, "Approximate mode"): the pair distances are
 * linearly binned on 2,048 points of [0, 2·rmax] as they are found, without a list of pairs, and
 * the bins are smoothed instead of the distances. For planar points the pair loop is inlined
 * (binPlanarPairs, the hot loop of the envelopes: one write per pair into 8 sub-bins per bin);
 * for haversine points it runs through forEachClosePair.
 * Error: O(Δ²/h²), Δ = 2·rmax/2047; a distance is placed at its sub-bin's centre, ≤ Δ/16 away;
 * the bandwidth's IQR is read from nearest-bin counts (≤ one bin), its sd is exact.
 * Complexity O(n + P) for the P pairs within 2·rmax, plus O(2048 · 16h/Δr) to smooth. Pure.
 */
import type { KdTask } from './k-density-curve.js';
import { allPairsWeight, checkPairs, smoothDistances, type KdCurveValue } from './k-density-kernel.js';
import { forEachClosePair } from './pairs.js';

const BINS = 2048;
/** Sub-bins per bin in the planar binned loop (a distance is placed at its sub-bin's centre: ≤ Δ/16 away). */
const SUB = 8;

/**
 * Binned mode without a list of pairs: each pair is binned on the 2,048-point grid as it is found
 * (planar: through 8 sub-bins per bin, see binPlanarPairs; haversine: linearly); the bandwidth's
 * standard deviation is exact (running sums) and its IQR is read from nearest-bin counts (error
 * ≤ one bin, Δ = 2·rmax/2047).
 */
export function kdCurveBinned(task: KdTask, ref: Int32Array, nbr: Int32Array, refW: Float64Array, nbrW: Float64Array): KdCurveValue {
  const delta = task.cutoff / (BINS - 1);
  const inv = 1 / delta;
  const c = new Float64Array(BINS);
  const counts = new Float64Array(BINS);
  let m = 0, s1 = 0, s2 = 0, total = 0;
  const n = task.x.length;
  const wAt = new Float64Array(n);
  const role = nbr.length === 0 ? null : new Int8Array(n);
  for (let q = 0; q < ref.length; q++) { wAt[ref[q]] = refW[q]; if (role) role[ref[q]] = 1; }
  for (let q = 0; q < nbr.length; q++) { wAt[nbr[q]] = nbrW[q]; role![nbr[q]] = 2; }
  let idx = ref;
  if (role) { idx = new Int32Array(ref.length + nbr.length); idx.set(ref); idx.set(nbr, ref.length); }
  const weighted = task.weighted;
  if (!task.haversine) {
    const acc = binPlanarPairs(task.x, task.y, idx, role, task.cutoff, weighted, wAt, inv, c, counts);
    m = acc[0]; s1 = acc[1]; s2 = acc[2]; total = acc[3];
  } else forEachClosePair(task.x, task.y, idx, task.cutoff, 'haversine', (i, j, dist) => {
    if (role !== null && role[i] === role[j]) return;
    const wp = weighted ? wAt[i] * wAt[j] : 1;
    const t = dist * inv;
    let b = Math.floor(t);
    if (b > BINS - 2) b = BINS - 2;
    const f = t - b;
    c[b] += wp * (1 - f);
    c[b + 1] += wp * f;
    counts[f < 0.5 ? b : b + 1]++;
    m++; s1 += dist; s2 += dist * dist; total += wp;
  });
  total = allPairsWeight(weighted, refW, nbr.length === 0 ? null : nbrW);
  checkPairs(m, total, task.cutoff, !Number.isNaN(task.fixedBandwidth));
  let h = task.fixedBandwidth;
  if (Number.isNaN(h)) {
    const mean = s1 / m;
    const sd = Math.sqrt(Math.max(0, (s2 - m * mean * mean) / (m - 1)));
    const iqr = binQuantile(counts, m, 0.75, delta) - binQuantile(counts, m, 0.25, delta);
    let lo = Math.min(sd, iqr / 1.34);
    if (!(lo > 0)) lo = sd > 0 ? sd : 1;
    h = 0.9 * lo * m ** -0.2 * task.adjust;
  }
  const centres = new Float64Array(BINS);
  for (let b = 0; b < BINS; b++) centres[b] = b * delta;
  const out = smoothDistances(task.r, centres, c, BINS, h, total);
  return { value: out, bandwidth: h, pairs: m };
}

/**
 * The planar pair loop of the binned mode, inlined (no visitor call per pair): the same grid as
 * forEachClosePair. Each distance d adds its weight to sub-bin ⌊8d/Δ⌋ (one write per pair; the
 * unweighted univariate case, the common one, has its own loop); the sub-bins are then folded
 * into the linear binning c (each at its centre) and the nearest-bin counts (exact: a sub-bin
 * lies wholly in one half of a bin). Returns [pairs, Σd, Σd², Σw].
 */
function binPlanarPairs(x: Float64Array, y: Float64Array, idx: Int32Array, role: Int8Array | null, cutoff: number, weighted: boolean, wAt: Float64Array, inv: number, c: Float64Array, counts: Float64Array): [number, number, number, number] {
  const n = idx.length;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    if (x[p] < x0) x0 = x[p];
    if (x[p] > x1) x1 = x[p];
    if (y[p] < y0) y0 = y[p];
    if (y[p] > y1) y1 = y[p];
  }
  let cell = cutoff > 0 ? cutoff : Math.max(x1 - x0, y1 - y0, 1);
  while (Math.floor((x1 - x0) / cell + 1) * Math.floor((y1 - y0) / cell + 1) > Math.max(16, 4 * n)) cell *= 2;
  const nx = Math.floor((x1 - x0) / cell) + 1;
  const ny = Math.floor((y1 - y0) / cell) + 1;
  const start = new Int32Array(nx * ny + 1);
  const cellOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    const cc = Math.min(ny - 1, Math.floor((y[p] - y0) / cell)) * nx + Math.min(nx - 1, Math.floor((x[p] - x0) / cell));
    cellOf[k] = cc;
    start[cc + 1]++;
  }
  for (let q = 0; q < nx * ny; q++) start[q + 1] += start[q];
  const fill = start.slice(0, nx * ny);
  const sx = new Float64Array(n), sy = new Float64Array(n), sw = new Float64Array(n), sr = new Int8Array(n);
  for (let k = 0; k < n; k++) {
    const p = idx[k];
    const at = fill[cellOf[k]]++;
    sx[at] = x[p]; sy[at] = y[p]; sw[at] = weighted ? wAt[p] : 1; sr[at] = role ? role[p] : 0;
  }
  const c2 = cutoff * cutoff;
  // each distance goes to one of SUB sub-bins per bin (one write per pair); the sub-bins are
  // folded into the linear binning afterwards, each at its centre
  const invS = inv * SUB;
  const jTop = (BINS - 1) * SUB - 1;
  const subW = new Float64Array(jTop + 1);
  const subN = weighted ? new Float64Array(jTop + 1) : subW;
  let m = 0, s1 = 0, s2 = 0, total = 0;
  const bivariate = role !== null;
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const cc = cy * nx + cx;
      const a0 = start[cc], a1 = start[cc + 1];
      for (let a = a0; a < a1; a++) {
        const ax = sx[a], ay = sy[a], aw = sw[a], ar = sr[a];
        for (let o = -1; o < 4; o++) {
          let q0: number, q1: number;
          if (o < 0) { q0 = a + 1; q1 = a1; } else {
            const qx = cx + (o === 0 ? 1 : o - 2), qy = cy + (o === 0 ? 0 : 1);
            if (qx < 0 || qx >= nx || qy >= ny) continue;
            q0 = start[qy * nx + qx]; q1 = start[qy * nx + qx + 1];
          }
          if (!weighted && !bivariate) {
            // the common case (unweighted, univariate): pairs and Σw are the same count
            for (let q = q0; q < q1; q++) {
              const dx = sx[q] - ax, dy = sy[q] - ay;
              const d2 = dx * dx + dy * dy;
              if (d2 > c2) continue;
              const dist = Math.sqrt(d2);
              let j = (dist * invS) | 0;
              if (j > jTop) j = jTop;
              subW[j] += 1;
              m++; s1 += dist; s2 += d2;
            }
            continue;
          }
          for (let q = q0; q < q1; q++) {
            if (bivariate && sr[q] === ar) continue;
            const dx = sx[q] - ax, dy = sy[q] - ay;
            const d2 = dx * dx + dy * dy;
            if (d2 > c2) continue;
            const dist = Math.sqrt(d2);
            const wp = aw * sw[q];
            let j = (dist * invS) | 0;
            if (j > jTop) j = jTop;
            subW[j] += wp;
            if (weighted) subN[j] += 1;
            m++; s1 += dist; s2 += d2; total += wp;
          }
        }
      }
    }
  }
  if (!weighted && !bivariate) total = m;
  const half = SUB / 2;
  for (let j = 0; j <= jTop; j++) {
    const cnt = subN[j];
    if (cnt === 0) continue;
    const b = (j / SUB) | 0, part = j - b * SUB;
    const f = (part + 0.5) / SUB;
    const w = subW[j];
    c[b] += w * (1 - f);
    c[b + 1] += w * f;
    counts[part < half ? b : b + 1] += cnt;
  }
  return [m, s1, s2, total];
}

/** Type-7 quantile from counts on a grid of bin centres b·Δ, interpolated within a bin. */
function binQuantile(counts: Float64Array, m: number, p: number, delta: number): number {
  const target = (m - 1) * p + 0.5;
  let cum = 0;
  for (let b = 0; b < counts.length; b++) {
    if (cum + counts[b] >= target) return (b - 0.5 + (target - cum) / counts[b]) * delta;
    cum += counts[b];
  }
  return (counts.length - 1) * delta;
}
