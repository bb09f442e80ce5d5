/**
 * The built-in base map in the report (load/basemap.ts): a region without a polygon of its own
 * whose code is a province or prefecture-level unit is drawn with the built-in polygon; when no
 * region can be drawn at all (no regions, or county regions: no county polygons ship), the
 * prefecture-level outline around the located firms is drawn under the points. The user's own
 * polygons always win and are the only ones the spatial weights (LISA) use. Every map that draws a
 * built-in polygon carries `BUILTIN_NOTE` in its caption.
 */
import type { BBox } from '../../core/geo/types.js';
import { BUILTIN_BOUNDARY_SOURCE, builtinBaseMap, builtinOutline, type BaseMapUnit } from '../../load/basemap.js';
import { BUILTIN_BASE_MAP_CAPTION } from '../i18n.js';
import type { AreaFeature, Bilingual } from '../types.js';
import type { RegionRow } from './context.js';
import { round5 } from './util.js';

/** The caption line of a map that draws built-in polygons. */
export const BUILTIN_NOTE: Bilingual = { en: BUILTIN_BASE_MAP_CAPTION.en, zh: BUILTIN_BASE_MAP_CAPTION.zh };

export interface BuiltinRegions {
  /** The regions rows, those drawn from the base map with its bounding box. */
  regions: RegionRow[];
  /** Features of the regions drawn from the base map (after the user's). */
  features: AreaFeature[];
  /** Outline units drawn under the points when no region has a polygon (rows with no LQ; not workspace regions). */
  outline: RegionRow[];
  outlineFeatures: AreaFeature[];
  /** Codes (regions and outline) drawn from the base map. */
  builtin: Set<string>;
  warnings: string[];
}

function toFeature(u: BaseMapUnit, code: string, name: string | null): AreaFeature {
  const r = (c: readonly number[]): number[] => [round5(c[0]), round5(c[1])];
  const geometry = u.geometry.type === 'Polygon'
    ? { type: 'Polygon' as const, coordinates: u.geometry.coordinates.map((ring) => ring.map(r)) }
    : { type: 'MultiPolygon' as const, coordinates: u.geometry.coordinates.map((p) => p.map((ring) => ring.map(r))) };
  return { type: 'Feature', properties: { code, name, boundarySource: BUILTIN_BOUNDARY_SOURCE }, geometry };
}

function withBox(r: RegionRow, b: BBox): RegionRow {
  return { ...r, min_lon: b[0], min_lat: b[1], max_lon: b[2], max_lat: b[3] };
}

/**
 * Built-in polygons for the regions that have none of their own (`hasOwn`), and the outline when
 * nothing can be drawn; `firmsBox` is the located firms' extent (null: none).
 */
export function builtinRegions(regions: readonly RegionRow[], hasOwn: (code: string) => boolean, firmsBox: BBox | null): BuiltinRegions {
  const without = regions.filter((r) => !hasOwn(r.code));
  // every region has its own polygon: the base map is not even read
  if (regions.length > 0 && without.length === 0) return { regions: [...regions], features: [], outline: [], outlineFeatures: [], builtin: new Set(), warnings: [] };
  const { polygons, missing } = builtinBaseMap(without.map((r) => r.code));
  const features: AreaFeature[] = [];
  const builtin = new Set<string>();
  const rows = regions.map((r) => {
    const u = hasOwn(r.code) ? undefined : polygons.get(r.code);
    if (!u) return r;
    features.push(toFeature(u, r.code, r.name ?? u.name));
    builtin.add(r.code);
    return withBox(r, u.bbox);
  });
  const warnings: string[] = [];
  if (features.length) warnings.push(`report: ${features.length} region(s) without a polygon of their own drawn from the built-in base map (~2016, for analysis, not for publication)`);
  const counties = missing.filter((m) => m.reason === 'county').length;
  if (counties) warnings.push(`report: ${counties} county region(s) have no polygon: the built-in base map has provinces and prefectures only`);
  const outline: RegionRow[] = [];
  const outlineFeatures: AreaFeature[] = [];
  if (features.length === 0 && without.length === regions.length && firmsBox) {
    for (const u of builtinOutline(firmsBox)) {
      outlineFeatures.push(toFeature(u, u.code, u.name));
      outline.push(withBox({ code: u.code, name: u.name, geometry: null, min_lon: null, min_lat: null, max_lon: null, max_lat: null }, u.bbox));
      builtin.add(u.code);
    }
    if (outline.length) warnings.push(`report: no region has a polygon: ${outline.length} built-in province/prefecture outline(s) drawn under the firms`);
  }
  return { regions: rows, features, outline, outlineFeatures, builtin, warnings };
}
