/**
 * Small helpers shared by the report's chart builders: bilingual texts, JSON-safe rounding, the
 * "not available" chart, firm filters and bounding boxes, and `notComputed`, the one place that
 * decides which exceptions may turn a chart into "not computed" (an `InputError` of a measure —
 * degenerate or bad data, named by its code in the reason) and which propagate (everything else:
 * a bug, reported by the CLI as an internal error, exit 2).
 */
import { InputError } from '../../core/errors.js';
import type { Bilingual, ChartUnavailable } from '../types.js';

export const b = (en: string, zh: string): Bilingual => ({ en, zh });

/** Finite numbers rounded to 6 significant digits; anything else null. */
export function num(x: number | null | undefined): number | null {
  if (x === null || x === undefined || !Number.isFinite(x)) return null;
  return x === 0 ? 0 : Number(x.toPrecision(6));
}
export const numOr0 = (x: number | null | undefined): number => num(x) ?? 0;

export function unavailable(reason: Bilingual): ChartUnavailable {
  return { available: false, reason };
}

/**
 * The reason of a chart (or part) that a measure refused: `e` must be an `InputError` (its code
 * and message are quoted); any other exception is rethrown.
 */
export function notComputed(e: unknown, en: string, zh: string): Bilingual {
  if (!(e instanceof InputError)) throw e;
  return b(`${en} (${e.code}): ${e.message}`, `${zh}（${e.code}）：${e.message}`);
}

/** Prefix membership of an industry code in a group of codes. */
export function inGroup(code: string | null, group: readonly string[]): boolean {
  if (!code) return false;
  return group.some((g) => code.startsWith(g));
}

/** Every `step`-th index of a curve of n points, always with the last one. */
export function thin(n: number, maxPoints: number): number[] {
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const idx: number[] = [];
  for (let k = 0; k < n; k += step) idx.push(k);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  return idx;
}

export type Box = [number, number, number, number];

export function bboxOf(points: [number, number][]): Box | null {
  if (!points.length) return null;
  let a = Infinity, bb = Infinity, c = -Infinity, d = -Infinity;
  for (const [x, y] of points) { a = Math.min(a, x); bb = Math.min(bb, y); c = Math.max(c, x); d = Math.max(d, y); }
  return [a, bb, c, d];
}

export function pad(bx: Box, frac: number, min: number): Box {
  const dx = Math.max((bx[2] - bx[0]) * frac, min);
  const dy = Math.max((bx[3] - bx[1]) * frac, min);
  return [bx[0] - dx, bx[1] - dy, bx[2] + dx, bx[3] + dy];
}

/** Round a coordinate to 5 decimals (~1 m) to keep the embedded maps small. */
export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/** Evidence rows as JSON: non-finite values become null. */
export function cleanRow<T extends { value: number | boolean | null; threshold: number | boolean | null }>(r: T): T {
  const fix = (v: number | boolean | null): number | boolean | null => (typeof v === 'number' ? num(v) : v);
  return { ...r, value: fix(r.value), threshold: fix(r.threshold) };
}
