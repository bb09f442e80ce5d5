/**
 * Shared loaders for the autocorrelation tests. Fixtures (regenerated only on purpose):
 * - test/fixtures/autocorrelation/{columbus,nc,georgia}.geojson, pysal-weights.json, pysal-stats.json
 *     ← test/reference/autocorrelation-pysal.py (libpysal 4.7.0, numpy 1.24.2)
 * - test/fixtures/autocorrelation/spdep-{columbus,nc,georgia}.json, spdep-columbus-queen.gal
 *     ← test/reference/autocorrelation-spdep.R (R 4.2.2, spdep 1.2.7, sf 1.0.9)
 * - pysal-columbus.gal, pysal-juvenile.gwt: files shipped with libpysal 4.7.0 (examples/).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AreaGeometry } from '../src/core/geo/types.js';
import type { RegionPolygon } from '../src/data/weights/index.js';

export const AC_DIR = join(import.meta.dirname, 'fixtures', 'autocorrelation');
export const DATASETS = ['columbus', 'nc', 'georgia'] as const;
export type Dataset = (typeof DATASETS)[number];
export const ID_FIELD: Record<Dataset, string> = { columbus: 'POLYID', nc: 'FIPSNO', georgia: 'AreaKey' };
/** Data sets with the 99,999-draw numpy local permutation reference. */
export const LOCAL_PERM_DATASETS = ['columbus', 'nc'] as const;

export function readJson(name: string): any {
  return JSON.parse(readFileSync(join(AC_DIR, name), 'utf8'));
}

export interface Loaded {
  regions: RegionPolygon[];
  properties: Record<string, unknown>[];
  pysal: any;
  spdep: any;
}

const cache = new Map<Dataset, Loaded>();
export function load(ds: Dataset): Loaded {
  let l = cache.get(ds);
  if (!l) {
    const gj = readJson(`${ds}.geojson`);
    const regions = gj.features.map((f: any) => ({ id: String(f.properties[ID_FIELD[ds]]), geometry: f.geometry as AreaGeometry }));
    l = { regions, properties: gj.features.map((f: any) => f.properties), pysal: readJson('pysal-weights.json').datasets[ds], spdep: readJson(`spdep-${ds}.json`) };
    cache.set(ds, l);
  }
  return l;
}

/** Neighbour sets as sorted string arrays (fixtures store them in the peers' order). */
export function sortedSets(sets: Record<string, unknown[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(sets)) out[k] = (v as unknown[]).map(String).sort();
  return out;
}

/** |a − b| ≤ tol · max(1, |b|): relative for large numbers, absolute near 0. */
export function close(a: number, b: number, tol = 1e-9): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-9): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!close(actual[i], expected[i], tol)) throw new Error(`[${i}] ${actual[i]} ≠ ${expected[i]} (tol ${tol})`);
  }
}
