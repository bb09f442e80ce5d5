/**
 * Close-pair enumeration shared by the point-pattern measures: every unordered pair (i < j) of
 * points closer than `cutoff` is visited once, and pairs farther apart are never enumerated.
 *
 * Planar: a uniform grid of square cells of side ≥ cutoff (points sorted by cell with a counting
 * sort); each point is compared with the points of its own cell and of the 4 "forward" neighbour
 * cells. Haversine: points on the unit sphere sorted by latitude; a sweep compares each point with
 * the following points whose latitude differs by at most the cutoff angle, using the chord length
 * (monotone in the great-circle distance). Distances are Euclidean in the pattern's unit, or
 * great-circle km (mean radius 6371.0088 km) for 'haversine'.
 *
 * Cost O(n + pairs within the cutoff) for the grid in a roughly uniform pattern (the number of
 * cells is capped at 4n). Pure.
 */
import { MEAN_EARTH_RADIUS_KM } from '../../core/geo/ellipsoid.js';

export type PairVisitor = (i: number, j: number, d: number) => void;

/** Visit every unordered pair among the points `idx` (indices into x, y) with distance ≤ cutoff. */
export function forEachClosePair(x: Float64Array, y: Float64Array, idx: Int32Array | null, cutoff: number, metric: 'euclidean' | 'haversine', visit: PairVisitor): void {
  if (metric === 'haversine') haversinePairs(x, y, idx, cutoff, visit);
  else gridPairs(x, y, idx, cutoff, visit);
}

function gridPairs(x: Float64Array, y: Float64Array, idx: Int32Array | null, cutoff: number, visit: PairVisitor): void {
  const n = idx === null ? x.length : idx.length;
  if (n < 2) return;
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let k = 0; k < n; k++) {
    const p = idx === null ? k : idx[k];
    const px = x[p], py = y[p];
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  }
  let cell = cutoff > 0 ? cutoff : Math.max(x1 - x0, y1 - y0, 1);
  const maxCells = Math.max(16, 4 * n);
  while (Math.floor((x1 - x0) / cell + 1) * Math.floor((y1 - y0) / cell + 1) > maxCells) cell *= 2;
  const nx = Math.floor((x1 - x0) / cell) + 1;
  const ny = Math.floor((y1 - y0) / cell) + 1;
  const start = new Int32Array(nx * ny + 1);
  const cellOf = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const p = idx === null ? k : idx[k];
    const cx = Math.min(nx - 1, Math.floor((x[p] - x0) / cell));
    const cy = Math.min(ny - 1, Math.floor((y[p] - y0) / cell));
    const c = cy * nx + cx;
    cellOf[k] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nx * ny);
  const order = new Int32Array(n);
  const sx = new Float64Array(n);
  const sy = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const pos = fill[cellOf[k]]++;
    const p = idx === null ? k : idx[k];
    order[pos] = p;
    sx[pos] = x[p];
    sy[pos] = y[p];
  }
  const c2 = cutoff * cutoff;
  // Forward neighbours: same cell (a > b), right, and the three cells above.
  const OFF = [[1, 0], [-1, 1], [0, 1], [1, 1]];
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const c = cy * nx + cx;
      const a0 = start[c], a1 = start[c + 1];
      if (a0 === a1) continue;
      for (let a = a0; a < a1; a++) {
        const ax = sx[a], ay = sy[a];
        for (let b = a + 1; b < a1; b++) {
          const dx = sx[b] - ax, dy = sy[b] - ay;
          const d2 = dx * dx + dy * dy;
          if (d2 <= c2) visit(order[a], order[b], Math.sqrt(d2));
        }
      }
      for (const [ox, oy] of OFF) {
        const qx = cx + ox, qy = cy + oy;
        if (qx < 0 || qx >= nx || qy >= ny) continue;
        const q = qy * nx + qx;
        const b0 = start[q], b1 = start[q + 1];
        if (b0 === b1) continue;
        for (let a = a0; a < a1; a++) {
          const ax = sx[a], ay = sy[a];
          for (let b = b0; b < b1; b++) {
            const dx = sx[b] - ax, dy = sy[b] - ay;
            const d2 = dx * dx + dy * dy;
            if (d2 <= c2) visit(order[a], order[b], Math.sqrt(d2));
          }
        }
      }
    }
  }
}

function haversinePairs(lon: Float64Array, lat: Float64Array, idx: Int32Array | null, cutoffKm: number, visit: PairVisitor): void {
  const n = idx === null ? lon.length : idx.length;
  if (n < 2) return;
  const R = MEAN_EARTH_RADIUS_KM;
  const ids = new Int32Array(n);
  for (let k = 0; k < n; k++) ids[k] = idx === null ? k : idx[k];
  const sorted = Array.from(ids).sort((a, b) => lat[a] - lat[b]);
  const ux = new Float64Array(n), uy = new Float64Array(n), uz = new Float64Array(n), phi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const p = sorted[k];
    const f = (lat[p] * Math.PI) / 180, l = (lon[p] * Math.PI) / 180;
    phi[k] = f;
    ux[k] = Math.cos(f) * Math.cos(l);
    uy[k] = Math.cos(f) * Math.sin(l);
    uz[k] = Math.sin(f);
  }
  const angle = Math.min(Math.PI, cutoffKm / R);
  const chordMax = 2 * Math.sin(angle / 2);
  const ch2 = chordMax * chordMax;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n && phi[b] - phi[a] <= angle; b++) {
      const dx = ux[b] - ux[a], dy = uy[b] - uy[a], dz = uz[b] - uz[a];
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 <= ch2) {
        const d = 2 * R * Math.asin(Math.min(1, Math.sqrt(c2) / 2));
        if (d <= cutoffKm) visit(sorted[a], sorted[b], d);
      }
    }
  }
}
