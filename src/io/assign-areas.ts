/**
 * Fill in the region (or park) of points that carry coordinates but no code, by point-in-polygon
 * against the loaded polygons. Points in no polygon keep a NULL code and are counted, so the
 * caller can say so; codes the user gave are never overwritten.
 *
 * Polygons are indexed in a uniform grid of their bounding boxes (about 4 polygons a cell), so
 * each point is tested against a handful of candidates: O(P + N·k) for P polygons, N points.
 */
import { bbox as geometryBbox, pointInPolygon, type AreaGeometry } from '../core/geo/index.js';
import type { Workspace } from '../store/workspace.js';

export interface AssignResult {
  /** Points that got a code from a polygon. */
  assigned: number;
  /** Points without a code that lie in no polygon. */
  unmatched: number;
}

export async function assignAreas(
  ws: Workspace, pointsTable: 'firms' | 'institutions', field: 'region' | 'park', areasTable: 'regions' | 'parks', key: 'code' | 'id',
): Promise<AssignResult> {
  const areas = (await ws.all<{ k: string; g: string }>(`SELECT ${key} AS k, geometry AS g FROM ${areasTable} WHERE geometry IS NOT NULL ORDER BY ${key}`))
    .map((a) => { const g = JSON.parse(a.g) as AreaGeometry; return { key: a.k, geometry: g, box: geometryBbox(g) }; });
  if (areas.length === 0) return { assigned: 0, unmatched: 0 };
  const points = await ws.all<{ id: string; lon: number; lat: number }>(
    `SELECT id, lon, lat FROM ${pointsTable} WHERE ${field} IS NULL AND lon IS NOT NULL AND lat IS NOT NULL`,
  );
  if (points.length === 0) return { assigned: 0, unmatched: 0 };
  const minX = Math.min(...areas.map((a) => a.box[0]));
  const minY = Math.min(...areas.map((a) => a.box[1]));
  const maxX = Math.max(...areas.map((a) => a.box[2]));
  const maxY = Math.max(...areas.map((a) => a.box[3]));
  const side = Math.max(1, Math.ceil(Math.sqrt(areas.length / 4)));
  const cw = (maxX - minX) / side || 1;
  const ch = (maxY - minY) / side || 1;
  const cell = (v: number, lo: number, w: number): number => Math.min(side - 1, Math.max(0, Math.floor((v - lo) / w)));
  const grid: number[][] = Array.from({ length: side * side }, () => []);
  areas.forEach((a, i) => {
    for (let gx = cell(a.box[0], minX, cw); gx <= cell(a.box[2], minX, cw); gx++) {
      for (let gy = cell(a.box[1], minY, ch); gy <= cell(a.box[3], minY, ch); gy++) grid[gy * side + gx].push(i);
    }
  });
  const matches: [string, string][] = [];
  let unmatched = 0;
  for (const p of points) {
    let found: string | undefined;
    if (p.lon >= minX && p.lon <= maxX && p.lat >= minY && p.lat <= maxY) {
      for (const i of grid[cell(p.lat, minY, ch) * side + cell(p.lon, minX, cw)]) {
        const a = areas[i];
        if (p.lon < a.box[0] || p.lon > a.box[2] || p.lat < a.box[1] || p.lat > a.box[3]) continue;
        if (pointInPolygon(p.lon, p.lat, a.geometry)) { found = a.key; break; }
      }
    }
    if (found === undefined) unmatched++;
    else matches.push([p.id, found]);
  }
  const tmp = `${pointsTable}__assign_${field}`;
  await ws.run(`CREATE TEMP TABLE ${tmp} (id VARCHAR, code VARCHAR)`);
  await ws.append(tmp, ['varchar', 'varchar'], matches, { temp: true });
  await ws.run(`UPDATE ${pointsTable} SET ${field} = t.code FROM ${tmp} t WHERE ${pointsTable}.id = t.id`);
  await ws.run(`DROP TABLE ${tmp}`);
  return { assigned: matches.length, unmatched };
}

/**
 * After loading firms or institutions: regions from the region polygons, parks from the park
 * polygons (unless `parkPolygons` is false), points in no region polygon flagged
 * `in_study_area = false`; each step is told in `warnings`. Returns how many got a park from a
 * polygon and how many are outside the study area.
 */
export async function assignPointAreas(
  ws: Workspace, kind: 'firms' | 'institutions', has: { regions: boolean; parks: boolean }, parkPolygons: boolean, warnings: string[],
): Promise<{ parkFromPolygon: number; outside: number }> {
  let parkFromPolygon = 0;
  for (const [field, areas, key] of [['region', 'regions', 'code'], ['park', 'parks', 'id']] as const) {
    if (!has[areas] || (field === 'park' && !parkPolygons)) continue;
    const a = await assignAreas(ws, kind, field, areas, key);
    if (a.assigned) warnings.push(`${kind}: ${a.assigned} without a ${field} code got one from the ${areas} polygon they lie in`); // stable text: tests match it
    if (field === 'park') parkFromPolygon = a.assigned;
    if (a.unmatched && field === 'region') {
      warnings.push(`${kind}: ${a.unmatched} without a region code lie in no region polygon (region left empty, outside the study area)`);
      await ws.run(`UPDATE ${kind} SET in_study_area = false WHERE region IS NULL AND lon IS NOT NULL AND lat IS NOT NULL`);
    }
  }
  if (has.parks && !parkPolygons) warnings.push(`${kind}: park polygons not used (parkPolygons off): only the park codes of the input`);
  const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${kind} WHERE NOT in_study_area`);
  const outside = Number(n);
  if (outside > 0) warnings.push(`${kind}: ${outside} outside the study area kept with their ties (in_study_area = false)`);
  return { parkFromPolygon, outside };
}
