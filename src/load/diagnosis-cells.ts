/**
 * The diagnosis's screening tables as plans, on either engine: the region × class firm counts
 * that the region candidates are tested on (src/diagnose/discover/regions.ts) and the class ×
 * grid-cell counts of the hotspot search (src/diagnose/discover/hotspots.ts), computed where the
 * firms are — a cluster's shards for a national register — and returned as small tables.
 *
 * Both follow the discovery's definitions exactly: a region cell counts the firms with a class and
 * a region of the regions table; a grid cell is ⌊lon / cellDeg⌋, ⌊lat / cellDeg⌋ with
 * cellDeg = cellKm / 111.2, over the located firms inside the study area. The tests check the
 * counts against the discovery's own (JavaScript) counting on the same workspace, and ClickHouse
 * against DuckDB.
 */
import { engineOf, type DataSource } from '../store/engine/engine.js';
import { and, col, countRows, div, eq, fn, notNull, num, out, table } from '../store/engine/plan.js';

export interface RegionClassCells { region: string[]; industry: string[]; firms: Float64Array }
export interface GridCells { industry: string[]; cx: Int32Array; cy: Int32Array; firms: Float64Array }

/** The degrees per grid cell of the hotspot search for a cell of `cellKm` (hotspots.ts uses the same). */
export const cellDegrees = (cellKm: number): number => cellKm / 111.2;

function sortIndex(n: number, cmp: (a: number, b: number) => number): number[] {
  return Array.from({ length: n }, (_x, k) => k).sort(cmp);
}

/** Firms per region × class (region in the regions table, class not null), sorted by region then class. */
export async function loadRegionClassCells(source: DataSource): Promise<RegionClassCells> {
  const engine = engineOf(source);
  const regions = new Set((await engine.run({ from: table('regions'), columns: [out('code', col('code'), 'string')] })).code);
  const r = await engine.run({
    from: table('firms'), where: and(notNull(col('region')), notNull(col('industry'))),
    columns: [out('region', col('region'), 'string'), out('industry', col('industry'), 'string'), out('firms', countRows())],
    groupBy: [col('region'), col('industry')],
  });
  const keep = sortIndex(r.region.length, (a, b) => {
    const ra = r.region[a] as string, rb = r.region[b] as string;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return (r.industry[a] as string) < (r.industry[b] as string) ? -1 : 1;
  }).filter((k) => regions.has(r.region[k]));
  return { region: keep.map((k) => r.region[k] as string), industry: keep.map((k) => r.industry[k] as string), firms: Float64Array.from(keep, (k) => Number(r.firms[k])) };
}

/** Firms per class × grid cell of `cellKm` (located, in the study area), sorted by class, cx, cy. */
export async function loadGridCells(source: DataSource, cellKm: number): Promise<GridCells> {
  const engine = engineOf(source);
  const deg = num(cellDegrees(cellKm));
  const cx = fn('toInt', div(col('lon'), deg));
  const cy = fn('toInt', div(col('lat'), deg));
  const r = await engine.run({
    from: table('firms'),
    where: and(notNull(col('industry')), notNull(col('lon')), notNull(col('lat')), eq(fn('flagOrTrue', col('in_study_area')), num(1))),
    columns: [out('industry', col('industry'), 'string'), out('cell_x', cx), out('cell_y', cy), out('firms', countRows())],
    groupBy: [col('industry'), cx, cy],
  });
  const order = sortIndex(r.industry.length, (a, b) => {
    const ia = r.industry[a] as string, ib = r.industry[b] as string;
    if (ia !== ib) return ia < ib ? -1 : 1;
    return (r.cell_x[a] as number) - (r.cell_x[b] as number) || (r.cell_y[a] as number) - (r.cell_y[b] as number);
  });
  return {
    industry: order.map((k) => r.industry[k] as string),
    cx: Int32Array.from(order, (k) => r.cell_x[k] as number), cy: Int32Array.from(order, (k) => r.cell_y[k] as number),
    firms: Float64Array.from(order, (k) => Number(r.firms[k])),
  };
}
