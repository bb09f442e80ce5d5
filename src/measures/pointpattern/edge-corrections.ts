/**
 * Edge-correction weights for Ripley's K (spatstat's definitions, Baddeley, Rubak & Turner 2015,
 * Spatial Point Patterns, §7.4, doi:10.1201/b19708):
 *
 *   isotropic (Ripley 1977):  e(i, d) = 1 / (fraction of the circle of radius d centred at xᵢ
 *                                            that lies inside W)
 *   translation (Ohser 1983): e(i, j) = |W| / |W ∩ (W + (xⱼ − xᵢ))|
 *
 * both capped at 100 (spatstat.options("maxedgewt")). Rectangle windows use closed forms; polygon
 * windows are exact: the circle is cut at its crossings with every edge and each arc is tested
 * at its midpoint; the overlap area of a polygon and its translate is the signed sum, over all
 * pairs of edges, of the areas common to the trapezoids under them (the indicator of a polygon
 * above the x-axis is the signed sum of the trapezoids under its edges). spatstat's Kest uses a
 * pixel approximation for the translation weight in polygonal windows; we do not (see
 * docs/measures-pointpatterns.md). Cost: O(1) for rectangles, O(E log E) per isotropic weight
 * and O(E²) per translation weight for a polygon with E edges.
 */
import type { Window } from '../../data/point-pattern.js';
import { windowArea, windowContains, windowEdges } from '../../data/point-pattern.js';

/** spatstat.options("maxedgewt"). */
export const MAX_EDGE_WEIGHT = 100;

export interface EdgeContext {
  window: Window;
  area: number;
  edges: Float64Array;
}

export function edgeContext(window: Window): EdgeContext {
  return { window, area: windowArea(window), edges: windowEdges(window) };
}

/** Ripley's isotropic weight for the circle of radius d around (px, py). */
export function isotropicWeight(ctx: EdgeContext, px: number, py: number, d: number): number {
  if (d <= 0) return 1;
  const frac = ctx.window.type === 'rectangle' ? rectangleCircleFraction(ctx.window, px, py, d) : polygonCircleFraction(ctx, px, py, d);
  return frac <= 1 / MAX_EDGE_WEIGHT ? MAX_EDGE_WEIGHT : Math.min(MAX_EDGE_WEIGHT, 1 / frac);
}

/**
 * Rectangle: the arc outside is the union of the arcs beyond each side line; beyond the side at
 * distance e it has half-angle acos(e/d); adjacent sides' arcs overlap by max(0, aᵢ + aⱼ − π/2),
 * opposite sides' arcs cannot overlap while the centre is inside.
 */
function rectangleCircleFraction(w: { xmin: number; xmax: number; ymin: number; ymax: number }, px: number, py: number, d: number): number {
  const e = [px - w.xmin, py - w.ymin, w.xmax - px, w.ymax - py];
  const a = e.map((ek) => (ek >= d ? 0 : Math.acos(Math.max(-1, ek / d))));
  let out = 2 * (a[0] + a[1] + a[2] + a[3]);
  for (let k = 0; k < 4; k++) {
    const ov = a[k] + a[(k + 1) % 4] - Math.PI / 2;
    if (ov > 0) out -= ov;
  }
  return Math.max(0, 1 - out / (2 * Math.PI));
}

function polygonCircleFraction(ctx: EdgeContext, px: number, py: number, d: number): number {
  const e = ctx.edges;
  const angles: number[] = [];
  const d2 = d * d;
  for (let k = 0; k < e.length; k += 4) {
    const x0 = e[k] - px, y0 = e[k + 1] - py, dx = e[k + 2] - e[k], dy = e[k + 3] - e[k + 1];
    // |p0 + t·dp|² = d²  →  A t² + 2B t + C = 0
    const A = dx * dx + dy * dy;
    if (A === 0) continue;
    const B = x0 * dx + y0 * dy;
    const C = x0 * x0 + y0 * y0 - d2;
    const disc = B * B - A * C;
    if (disc <= 0) continue;
    const s = Math.sqrt(disc);
    for (const t of [(-B - s) / A, (-B + s) / A]) {
      if (t >= -1e-12 && t <= 1 + 1e-12) angles.push(Math.atan2(y0 + t * dy, x0 + t * dx));
    }
  }
  if (angles.length === 0) return windowContains(ctx.window, px + d, py) ? 1 : 0;
  angles.sort((u, v) => u - v);
  let inside = 0;
  const m = angles.length;
  for (let k = 0; k < m; k++) {
    const a0 = angles[k];
    const a1 = k + 1 < m ? angles[k + 1] : angles[0] + 2 * Math.PI;
    if (a1 - a0 <= 0) continue;
    const mid = (a0 + a1) / 2;
    if (windowContains(ctx.window, px + d * Math.cos(mid), py + d * Math.sin(mid))) inside += a1 - a0;
  }
  return inside / (2 * Math.PI);
}

/** Ohser's translation weight |W| / |W ∩ (W + (dx, dy))|, capped at 100. */
export function translateWeight(ctx: EdgeContext, dx: number, dy: number): number {
  const w = ctx.window;
  let overlap: number;
  if (w.type === 'rectangle') {
    overlap = Math.max(0, w.xmax - w.xmin - Math.abs(dx)) * Math.max(0, w.ymax - w.ymin - Math.abs(dy));
  } else {
    overlap = polygonShiftOverlap(ctx.edges, dx, dy);
  }
  if (!(overlap > 0)) return MAX_EDGE_WEIGHT;
  return Math.min(MAX_EDGE_WEIGHT, ctx.area / overlap);
}

/** |P ∩ (P + v)| for a polygon given by its oriented edges (shells anticlockwise, holes clockwise). */
export function polygonShiftOverlap(e: Float64Array, vx: number, vy: number): number {
  let ymin = Infinity;
  for (let k = 1; k < e.length; k += 2) if (e[k] < ymin) ymin = e[k];
  const base = Math.min(ymin, ymin + vy);
  let total = 0;
  for (let a = 0; a < e.length; a += 4) {
    const ax0 = e[a], ay0 = e[a + 1] - base, ax1 = e[a + 2], ay1 = e[a + 3] - base;
    if (ax0 === ax1) continue;
    const sa = ax1 < ax0 ? 1 : -1;
    const alo = Math.min(ax0, ax1), ahi = Math.max(ax0, ax1);
    for (let b = 0; b < e.length; b += 4) {
      const bx0 = e[b] + vx, by0 = e[b + 1] + vy - base, bx1 = e[b + 2] + vx, by1 = e[b + 3] + vy - base;
      if (bx0 === bx1) continue;
      const lo = Math.max(alo, Math.min(bx0, bx1));
      const hi = Math.min(ahi, Math.max(bx0, bx1));
      if (hi <= lo) continue;
      const sb = bx1 < bx0 ? 1 : -1;
      const fa = ay0 + ((lo - ax0) / (ax1 - ax0)) * (ay1 - ay0);
      const fb = ay0 + ((hi - ax0) / (ax1 - ax0)) * (ay1 - ay0);
      const ga = by0 + ((lo - bx0) / (bx1 - bx0)) * (by1 - by0);
      const gb = by0 + ((hi - bx0) / (bx1 - bx0)) * (by1 - by0);
      total += sa * sb * integralOfMin(lo, hi, fa, fb, ga, gb);
    }
  }
  return total;
}

/** ∫ₐᵇ min(f, g) for two linear functions given by their end values. */
function integralOfMin(a: number, b: number, fa: number, fb: number, ga: number, gb: number): number {
  const da = fa - ga, db = fb - gb;
  if (da <= 0 && db <= 0) return ((b - a) * (fa + fb)) / 2;
  if (da >= 0 && db >= 0) return ((b - a) * (ga + gb)) / 2;
  const t = da / (da - db);
  const xc = a + t * (b - a);
  const hc = fa + t * (fb - fa);
  return da < 0 ? ((xc - a) * (fa + hc)) / 2 + ((b - xc) * (hc + gb)) / 2 : ((xc - a) * (ga + hc)) / 2 + ((b - xc) * (hc + fb)) / 2;
}
