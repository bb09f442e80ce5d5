/**
 * Ripley's K / L and cross-type K against spatstat (fixtures written by
 * test/reference/pointpattern-spatstat.R with spatstat.explore 3.0-6 / spatstat.geom 3.0-6 /
 * spatstat.data 3.0-0 on R 4.2.2; versions are recorded in each fixture).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { pointPattern, rectangleWindow, type Window } from '../src/data/point-pattern.js';
import { crossK } from '../src/measures/pointpattern/cross-k.js';
import { polygonShiftOverlap } from '../src/measures/pointpattern/edge-corrections.js';
import { ripleyK } from '../src/measures/pointpattern/ripley-k.js';
import { ripleyL } from '../src/measures/pointpattern/ripley-l.js';
import { windowEdges } from '../src/data/point-pattern.js';

const DIR = 'test/fixtures/pointpattern';
/** Relative tolerance against spatstat (the target). */
const TOL = 1e-9;
/**
 * Known exception: humberside has integer coordinates, so some circles pass exactly through
 * window vertices; there spatstat's ripleypoly and our arc cutting disagree by ~1e-5 relative
 * at a few r (open question, see docs/measures-pointpatterns.md).
 */
const LOOSER: Record<string, number> = { 'humberside K isotropic': 1e-4, 'humberside L isotropic': 1e-4 };

interface Fixture {
  dataset: string;
  n: number;
  x: number[];
  y: number[];
  marks?: string[];
  window: { type: 'rectangle'; xmin: number; xmax: number; ymin: number; ymax: number } | { type: 'polygon'; rings: { x: number[]; y: number[] }[]; area: number };
  r: number[];
  K: Record<string, (number | null)[]>;
  L: Record<string, (number | null)[]>;
  cross?: { i: string; j: string; r: number[]; border: (number | null)[]; isotropic: (number | null)[]; translate?: (number | null)[] | null };
}

function toWindow(w: Fixture['window']): Window {
  if (w.type === 'rectangle') return rectangleWindow(w.xmin, w.xmax, w.ymin, w.ymax);
  return { type: 'polygon', rings: w.rings.map((r) => ({ x: Float64Array.from(r.x), y: Float64Array.from(r.y) })) };
}

function expectClose(ours: Float64Array, ref: (number | null)[], label: string): number {
  let compared = 0;
  const tol = LOOSER[label] ?? TOL;
  for (let k = 0; k < ref.length; k++) {
    const want = ref[k];
    if (want === null) continue; // NA in spatstat
    const got = ours[k];
    const err = Math.abs(got - want) / Math.max(1e-300, Math.abs(want), 1e-12);
    if (!(err <= tol) && !(Math.abs(got - want) <= 1e-12)) {
      throw new Error(`${label}: r[${k}] ours ${got} spatstat ${want} (rel err ${err})`);
    }
    compared++;
  }
  return compared;
}

const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.startsWith('spatstat-') && f.endsWith('.json')) : [];

describe('ripleyK / ripleyL match spatstat Kest / Lest', () => {
  it('has fixtures for rectangular and polygonal windows', () => {
    const kinds = new Set(files.map((f) => (JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture).window.type));
    expect(kinds).toEqual(new Set(['rectangle', 'polygon']));
  });
  for (const f of files) {
    const fx = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture;
    it(`${fx.dataset} (${fx.window.type}, n = ${fx.n})`, () => {
      const p = pointPattern({ x: fx.x, y: fx.y, window: toWindow(fx.window) });
      const corrections = (['border', 'isotropic', 'translate'] as const).filter((c) => fx.K[c] !== undefined && fx.K[c] !== null);
      const k = ripleyK(p, { r: fx.r, correction: corrections });
      const l = ripleyL(p, { r: fx.r, correction: corrections });
      let compared = 0;
      for (const c of corrections) {
        compared += expectClose(k.value.estimates[c]!, fx.K[c], `${fx.dataset} K ${c}`);
        compared += expectClose(l.value.estimates[c]!, fx.L[c], `${fx.dataset} L ${c}`);
      }
      expect(compared).toBeGreaterThan(500 * corrections.length);
      // border alone takes the fast rectangle path (no visitor); it must give the same numbers
      const kb = ripleyK(p, { r: fx.r, correction: 'border' });
      expect(expectClose(kb.value.value, fx.K.border, `${fx.dataset} K border alone`)).toBeGreaterThan(500);
      if (fx.K.translateMask) {
        // Kest's pixel approximation: within 2% of the exact value past the first few r.
        const exact = ripleyK(p, { r: fx.r, correction: 'translate' }).value.value;
        for (let q = 100; q < fx.r.length; q++) {
          const m = fx.K.translateMask[q];
          if (m !== null) expect(Math.abs(exact[q] - m) / m).toBeLessThan(0.02);
        }
      }
    });
  }
});

describe('crossK matches spatstat Kcross', () => {
  for (const f of files) {
    const fx = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Fixture;
    if (!fx.cross) continue;
    const cr = fx.cross;
    it(`${fx.dataset} ${cr.i} → ${cr.j}`, () => {
      const p = pointPattern({ x: fx.x, y: fx.y, window: toWindow(fx.window), labels: fx.marks });
      const corrections = (['border', 'isotropic', 'translate'] as const).filter((c) => cr[c] !== undefined && cr[c] !== null);
      const k = crossK(p, { from: cr.i, to: cr.j, r: cr.r, correction: corrections });
      for (const c of corrections) expect(expectClose(k.value.estimates[c]!, cr[c] as (number | null)[], `${fx.dataset} Kcross ${c}`)).toBeGreaterThan(400);
    });
  }
});

describe('edge corrections by hand', () => {
  it('overlap of a unit square with its shift by (0.25, 0.5) is 0.75 × 0.5', () => {
    const w: Window = { type: 'polygon', rings: [{ x: Float64Array.of(0, 1, 1, 0), y: Float64Array.of(0, 0, 1, 1) }] };
    expect(polygonShiftOverlap(windowEdges(w), 0.25, 0.5)).toBeCloseTo(0.375, 14);
    expect(polygonShiftOverlap(windowEdges(w), -0.25, -0.5)).toBeCloseTo(0.375, 14);
  });
  it('overlap of an L-shape with its shift matches a hand count', () => {
    // L = [0,2]×[0,1] ∪ [0,1]×[1,2], area 3; shifted by (1, 0): overlap [1,2]×[0,1] area 1.
    const w: Window = { type: 'polygon', rings: [{ x: Float64Array.of(0, 2, 2, 1, 1, 0), y: Float64Array.of(0, 0, 1, 1, 2, 2) }] };
    expect(polygonShiftOverlap(windowEdges(w), 1, 0)).toBeCloseTo(1, 14);
    expect(polygonShiftOverlap(windowEdges(w), 0, 0)).toBeCloseTo(3, 14);
  });
  it('the same pattern in a rectangle and in the equal polygon gives the same isotropic and translate K', () => {
    // (border differs on purpose: Kest's rectangle engine and its polygon histograms discretise bᵢ ≥ r differently)
    const xs = [0.1, 0.2, 0.5, 0.52, 0.9, 0.33, 0.71, 0.05];
    const ys = [0.1, 0.8, 0.5, 0.55, 0.2, 0.31, 0.92, 0.6];
    const rect = pointPattern({ x: xs, y: ys, window: rectangleWindow(0, 1, 0, 1) });
    const poly = pointPattern({ x: xs, y: ys, window: { type: 'polygon', rings: [{ x: Float64Array.of(0, 1, 1, 0), y: Float64Array.of(0, 0, 1, 1) }] } });
    const r = Array.from({ length: 50 }, (_, k) => k * 0.01);
    for (const c of ['isotropic', 'translate'] as const) {
      const a = ripleyK(rect, { r, correction: c }).value.value;
      const b = ripleyK(poly, { r, correction: c }).value.value;
      for (let k = 0; k < r.length; k++) expect(b[k]).toBeCloseTo(a[k], 12);
    }
  });
});

describe('ripleyK input checks', () => {
  it('needs a window', () => {
    const p = pointPattern({ x: [0, 1], y: [0, 1] });
    expect(() => ripleyK(p)).toThrow(InputError);
    try { ripleyK(p); } catch (e) { expect((e as InputError).details.field).toBe('window'); }
  });
  it('rejects an unknown correction and a decreasing r', () => {
    const p = pointPattern({ x: [0.1, 0.5, 0.7], y: [0.2, 0.5, 0.9], window: rectangleWindow(0, 1, 0, 1) });
    try { ripleyK(p, { correction: 'ripley' as never }); expect.unreachable(); } catch (e) { expect((e as InputError).code).toBe('E_OPTION'); }
    try { ripleyK(p, { r: [0, 0.2, 0.1] }); expect.unreachable(); } catch (e) { expect((e as InputError).details.field).toBe('r'); }
  });
  it('envelope under CSR is seeded and reproducible', () => {
    const p = pointPattern({ x: [0.1, 0.5, 0.7, 0.2, 0.9], y: [0.2, 0.5, 0.9, 0.4, 0.1], window: rectangleWindow(0, 1, 0, 1) });
    const a = ripleyL(p, { simulations: 19, seed: 7 }).value.envelope!;
    const b = ripleyL(p, { simulations: 19, seed: 7 }).value.envelope!;
    const c = ripleyL(p, { simulations: 19, seed: 8 }).value.envelope!;
    expect(Array.from(a.upper)).toEqual(Array.from(b.upper));
    expect(Array.from(a.upper)).not.toEqual(Array.from(c.upper));
    expect(a.nullModel).toBe('csr');
  });
});
