/**
 * The pair-distance histogram of one industry's firms (K-density's binned pair counts, Ripley's
 * cumulative counts), computed where the firms are: a grid-cell self-join written as a plan
 * (src/store/engine/plan.ts) that runs unchanged on the embedded DuckDB workspace and on a
 * ClickHouse cluster. Only `bins` rows come back to JavaScript; the measures finish the job
 * (src/measures/pointpattern/pair-histogram.ts).
 *
 *   counts[b] = #{ i < j : edges[b] ≤ d(i, j) < edges[b+1] },  edges[b] = b · cutoff / bins
 *
 * (the last bin closed at the cutoff). d: great-circle distance in km on the sphere of mean
 * radius R = 6371.0088 km, d = 2R·asin(min(1, |uᵢ − uⱼ| / 2)), u = (cos φ cos λ, cos φ sin λ,
 * sin φ) the point's unit vector (φ latitude, λ longitude, radians = degrees · π/180): the
 * chord form forEachClosePair uses (src/measures/pointpattern/pairs.ts). It is the distance of
 * src/core/geo/haversine-km.ts (|u − v|/2 = √h, h = sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2)); in
 * floating point the two agree to ~1e-12 km at these ranges (tested against a brute-force loop
 * over haversineKm). Chosen over the haversine for its cost per candidate pair: the unit vectors
 * are computed once per point, leaving 3 differences, a square root and an asin per pair —
 * ClickHouse 18.16 evaluates every expression of a WHERE on every joined row (no short-circuit),
 * and the haversine's four sines and cosines per pair doubled its time (87 s → 42 s on 100,000
 * points, 28.7 million pairs, three shards on two cores).
 * i < j orders firms by id (ids are unique in a workspace).
 *
 * The plan, in three steps:
 * 1. a small plan: the bounding box and the counts of the industry's firms (all / located);
 * 2. a grid on that box with cells of lat side cutoff/111.2 · (1 + 1%) degrees (one degree of a
 *    great circle is πR/180 = 111.195 km) and lon side 2·asin(sin(θ/2) / cos φmax)·(1 + 1%)
 *    (θ = cutoff/R, φmax the largest |lat| of the points): two points within the cutoff are at
 *    most one cell apart in each direction (from h ≤ sin²(θ/2)). When no such lon side exists
 *    (near a pole) or the points reach round the antimeridian within a cell, the grid has one
 *    column (correct, slower);
 * 3. the self-join: the left side is the firms table itself, its cell (cx, cy) computed as join
 *    keys (with its unit vector); the right side lists every point of the industry under its own cell and the 4 cells
 *    of which it is a "forward" neighbour (the points joined to a literal 5-row table of offsets
 *    on a constant key), so a pair in neighbouring cells meets exactly once and a pair in one
 *    cell twice, once with i < j; the WHERE keeps (other cell or i < j) and d ≤ cutoff, and the
 *    GROUP BY counts the bin ⌊d / width⌋ (the last bin taking d = cutoff) with Σd and Σd².
 *    Before the distance, a pre-filter on the squared chord against that of the cutoff,
 *    (2 sin(θ/2))², with a relative slack of 1e-9, lets DuckDB skip the asin of far candidates
 *    (d ≤ cutoff still decides). (Measured on 100,000 clustered points, 28.7 million pairs
 *    within 10 km, DuckDB on one thread: 9.4 s of CPU with 9 offsets and the haversine, 7.4 s
 *    with 5 offsets, 6.7 s with the chord pre-filter; the string comparison of ids and the
 *    trigonometry per candidate were the dear parts.)
 *
 * On ClickHouse the join compiles to `GLOBAL ALL INNER JOIN`: the right side (the industry's
 * points × 5) is computed once on the initiator and shipped to every shard, and each shard joins
 * its own part of the firms table against the whole industry and aggregates its bins; the
 * initiator adds the shards' bins. The firm table is sharded by a hash of id
 * (src/store/engine/clickhouse-schema.ts), so both points of a pair are on the same shard only
 * by chance: a plain (local) JOIN would pair each shard's firms with that shard's firms alone and
 * silently miss the pairs across shards (test/engine-pair-histogram.test.ts shows it). The left
 * side is the bare Distributed table (the cell keys are a `WITH` clause, not a sub-select), so
 * the whole SELECT — join, distance filter, partial GROUP BY — runs on the shards; a sub-select
 * on the left would have pulled the industry's rows to the initiator and joined them there.
 * ClickHouse 18.16 materialises the matches of a whole block of left rows at once (65,536 rows
 * × 5 × the points of a cell: gigabytes for a dense industry), so a third small plan finds the
 * fullest cell and the join reads left blocks of ≈ 2²⁰ / (5 · fullest) rows (`blockRows`).
 *
 * Cost: one scan of the firms for the box and one for the join's left side (each shard its own
 * part), plus O(n) points ×5 shipped to every shard and ≈ 5·n·(points per cell) candidate pairs
 * tested; O(bins) rows back. Degenerate: fewer than 2 located firms → all counts 0.
 */
import { InputError } from '../core/errors.js';
import { MEAN_EARTH_RADIUS_KM, RAD } from '../core/geo/ellipsoid.js';
import { engineOf, type DataSource, type Engine } from '../store/engine/engine.js';
import {
  add, and, bin, col, eq, countRows, div, fn, inList, isNull, join, max, min, mul, notNull, num, out, sub, subPlan, sum, table, values, when,
  type Expr, type OutputColumn, type Plan,
} from '../store/engine/plan.js';
import type { PairHistogram } from '../data/pair-histogram.js';
import { buildMapping, type IndustrySelection, type LoadProvenance } from './region-industry.js';

export type { PairHistogram };

export interface PairHistogramProvenance extends LoadProvenance {
  industry: string;
  engine: Engine['kind'];
  /** The grid of the self-join (degrees): origin and cell sides (lonSide > 360: one column), and the most points in a cell. */
  grid: { lonOrigin: number; latOrigin: number; lonSide: number; latSide: number; fullestCell: number };
}

export interface PairHistogramOptions extends IndustrySelection {
  /** The industry (a code at `level`, or a group name). */
  industry: string;
  /** Largest distance, km. */
  cutoffKm: number;
  /** Number of equal bins on [0, cutoff]. */
  bins: number;
  /** Leave out firms flagged outside the study area (`in_study_area = false`). Default false. */
  inStudyAreaOnly?: boolean;
}

/** Relative slack of the cell sides over the exact bound. */
const CELL_MARGIN = 0.01;
/** Rows one block of the ClickHouse join may emit (its output is materialised per block of left rows). */
const JOIN_BLOCK_ROWS = 1 << 20;
/** Relative slack of the chord pre-filter: d ≤ cutoff decides, the pre-filter only skips far pairs. */
const CHORD_MARGIN = 1e-9;
/** Largest number of bins. */
const MAX_BINS = 1_000_000;
/** One degree of latitude, km, rounded up: the lat side is cutoff / KM_PER_DEGREE · (1 + margin). */
const KM_PER_DEGREE = 111.2;

/**
 * The point's own cell and its 4 "forward" neighbours (as forEachClosePair's planar grid), under
 * a constant join key: a point b is listed under the key of every cell a whose forward
 * neighbourhood holds b, i.e. cell(b) − offset. A pair one cell apart then meets once, in the
 * orientation whose offset is forward; a pair in one cell meets twice and keeps id < b_id.
 */
const OFFSETS = values(
  [{ name: 'offset_key', type: 'number' }, { name: 'dx', type: 'number' }, { name: 'dy', type: 'number' }, { name: 'same_cell', type: 'number' }],
  [[0, 0, 0, 1], [0, 1, 0, 0], [0, -1, 1, 0], [0, 0, 1, 0], [0, 1, 1, 0]],
);
const OFFSETS_COUNT = 5;

/** The point's unit vector (cos φ cos λ, cos φ sin λ, sin φ). */
function unitVector(lon: Expr, lat: Expr): Expr[] {
  const f = mul(lat, num(RAD)), l = mul(lon, num(RAD));
  return [mul(fn('cos', f), fn('cos', l)), mul(fn('cos', f), fn('sin', l)), fn('sin', f)];
}

/** Grid cell sides (degrees) for the cutoff on a box of points. */
export function gridFor(cutoffKm: number, box: { lonMin: number; lonMax: number; latMin: number; latMax: number }): { lonSide: number; latSide: number } {
  const latSide = (cutoffKm / KM_PER_DEGREE) * (1 + CELL_MARGIN);
  const theta = cutoffKm / MEAN_EARTH_RADIUS_KM;
  const phiMax = Math.max(Math.abs(box.latMin), Math.abs(box.latMax)) * RAD;
  const s = Math.sin(Math.min(Math.PI, theta) / 2) / Math.cos(phiMax);
  let lonSide = s < 1 ? 2 * Math.asin(s) / RAD * (1 + CELL_MARGIN) : 361;
  // pairs across the antimeridian: one column
  if (box.lonMin + 360 - box.lonMax <= lonSide) lonSide = 361;
  return { lonSide, latSide };
}

function checkOptions(o: PairHistogramOptions): void {
  const f = 'loadPairHistogram';
  if (typeof o.industry !== 'string' || o.industry === '') throw new InputError('E_OPTION', `${f}: industry must be a code or group name`, { field: 'industry', value: o.industry });
  if (!(Number.isFinite(o.cutoffKm) && o.cutoffKm > 0)) throw new InputError('E_OPTION', `${f}: cutoffKm must be a number > 0, got ${o.cutoffKm}`, { field: 'cutoffKm', value: o.cutoffKm });
  if (!(Number.isInteger(o.bins) && o.bins >= 1 && o.bins <= MAX_BINS)) throw new InputError('E_OPTION', `${f}: bins must be an integer in [1, ${MAX_BINS}], got ${o.bins}`, { field: 'bins', value: o.bins });
}

export interface Grid { lonOrigin: number; latOrigin: number; lonSide: number; latSide: number }

const cellX = (grid: Grid, lon: Expr): Expr => fn('toInt', div(sub(lon, num(grid.lonOrigin)), num(grid.lonSide)));
const cellY = (grid: Grid, lat: Expr): Expr => fn('toInt', div(sub(lat, num(grid.latOrigin)), num(grid.latSide)));

/** The most points in one cell of the grid (a small GROUP BY over the industry's points). */
export function fullestCellPlan(filter: Expr, grid: Grid): Plan {
  const x = cellX(grid, col('lon')), y = cellY(grid, col('lat'));
  return { from: table('firms'), where: filter, columns: [out('cell_x', x), out('cell_y', y), out('n', countRows())], groupBy: [x, y], orderBy: [{ expr: countRows(), desc: true }], limit: 1 };
}

/** Left rows per block so that one block's join output stays near JOIN_BLOCK_ROWS rows (ClickHouse). */
export function joinBlockRows(fullestCell: number): number {
  return Math.max(16, Math.min(65536, Math.floor(JOIN_BLOCK_ROWS / (OFFSETS_COUNT * Math.max(1, fullestCell)))));
}

/** The self-join plan: bins of d ≤ cutoff with count, Σd, Σd² (exported for tests and --explain). */
export function pairHistogramPlan(filter: Expr, grid: Grid, cutoffKm: number, bins: number, blockRows?: number): Plan {
  const cx = (lon: Expr): Expr => cellX(grid, lon);
  const cy = (lat: Expr): Expr => cellY(grid, lat);
  const unit = (prefix: string): OutputColumn[] => unitVector(col('lon'), col('lat')).map((e, k) => out(`${prefix}_${'xyz'[k]}`, e));
  const points: Plan = {
    from: table('firms'), where: filter,
    columns: [
      out('b_id', col('id'), 'string'), ...unit('b'),
      out('b_cx', cx(col('lon'))), out('b_cy', cy(col('lat'))), out('offset_key', fn('toFloat', num(0))),
    ],
  };
  const right: Plan = {
    from: join(subPlan(points), OFFSETS, ['offset_key']),
    columns: [
      out('b_id', col('b_id'), 'string'), out('b_x', col('b_x')), out('b_y', col('b_y')), out('b_z', col('b_z')),
      out('cx', fn('toInt', sub(col('b_cx'), col('dx')))), out('cy', fn('toInt', sub(col('b_cy'), col('dy')))), out('same_cell', col('same_cell')),
    ],
  };
  const sq = (a: string): Expr => { const u = sub(col(`b_${a}`), col(`a_${a}`)); return mul(u, u); };
  const chord2 = add(add(sq('x'), sq('y')), sq('z'));
  const d = mul(num(2 * MEAN_EARTH_RADIUS_KM), fn('asin', fn('least', num(1), div(fn('sqrt', chord2), num(2)))));
  const chordMax = 2 * Math.sin(Math.min(Math.PI, cutoffKm / MEAN_EARTH_RADIUS_KM) / 2);
  const width = cutoffKm / bins;
  const b = fn('least', num(bins - 1), fn('toInt', div(d, num(width))));
  return {
    from: join(table('firms'), subPlan(right), ['cx', 'cy'], [out('cx', cx(col('lon'))), out('cy', cy(col('lat'))), ...unit('a')]),
    where: and(
      filter, bin('or', eq(col('same_cell'), num(0)), bin('<', col('id'), col('b_id'))),
      bin('<=', chord2, num(chordMax * chordMax * (1 + CHORD_MARGIN))), bin('<=', d, num(cutoffKm)),
    ),
    columns: [out('bin', b), out('pairs', countRows()), out('sum_d', sum(d)), out('sum_d2', sum(mul(d, d)))],
    groupBy: [b],
    ...(blockRows === undefined ? {} : { blockRows }),
  };
}

/**
 * The pair-distance histogram of the located firms of one industry (at `level`, or a group), on
 * a workspace or an engine. Firms without lon/lat are left out and counted in
 * `provenance.excluded` (and, with `inStudyAreaOnly`, those flagged outside the study area).
 */
export async function loadPairHistogram(source: DataSource, options: PairHistogramOptions): Promise<{ value: PairHistogram; provenance: PairHistogramProvenance }> {
  checkOptions(options);
  const engine = engineOf(source);
  const { cutoffKm, bins } = options;
  const m = await buildMapping(engine, 'firms', undefined, options);
  const wanted = new Set([options.industry, m.classification.normalize(options.industry) ?? options.industry]);
  const rowsOf = (m.source as Extract<typeof m.source, { kind: 'values' }>).rows;
  const codes = rowsOf.filter((r) => wanted.has(String(r[1]))).map((r) => String(r[0]));
  if (codes.length === 0) throw new InputError('E_OPTION', `loadPairHistogram: no firm has industry ${options.industry} (${m.levelName === 'as stored' ? 'codes as stored: give --level to roll codes up' : `at ${m.levelName}`})`, { field: 'industry', value: options.industry });
  const industry = inList(col('industry'), codes);
  const located = and(notNull(col('lon')), notNull(col('lat')))!;
  const inArea = bin('or', isNull(col('in_study_area')), col('in_study_area'));
  const use = options.inStudyAreaOnly ? and(located, inArea)! : located;
  const only = (e: Expr): Expr => when(use, e, { k: 'null' });
  const box = await engine.run({
    from: table('firms'), where: industry,
    columns: [
      out('rows', countRows()), out('used', sum(when(use, num(1), num(0)))), out('located', sum(when(located, num(1), num(0)))),
      out('lon_min', min(only(col('lon')))), out('lon_max', max(only(col('lon')))), out('lat_min', min(only(col('lat')))), out('lat_max', max(only(col('lat')))),
    ],
  });
  const rows = Number(box.rows[0] ?? 0), n = Number(box.used[0] ?? 0), nLocated = Number(box.located[0] ?? 0);
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = (cutoffKm * k) / bins;
  const counts = new Float64Array(bins);
  let pairs = 0, sumDistance = 0, sumSquares = 0;
  let grid: PairHistogramProvenance['grid'] = { lonOrigin: 0, latOrigin: 0, lonSide: 361, latSide: 181, fullestCell: n };
  if (n >= 2) {
    const b = { lonMin: Number(box.lon_min[0]), lonMax: Number(box.lon_max[0]), latMin: Number(box.lat_min[0]), latMax: Number(box.lat_max[0]) };
    const cells: Grid = { lonOrigin: b.lonMin, latOrigin: b.latMin, ...gridFor(cutoffKm, b) };
    const where = and(industry, use)!;
    const fullest = Number((await engine.run(fullestCellPlan(where, cells))).n[0] ?? n);
    grid = { ...cells, fullestCell: fullest };
    const r = await engine.run(pairHistogramPlan(where, cells, cutoffKm, bins, joinBlockRows(fullest)));
    for (let k = 0; k < r.bin.length; k++) {
      const at = Number(r.bin[k]);
      counts[at] += Number(r.pairs[k]);
      pairs += Number(r.pairs[k]);
      sumDistance += Number(r.sum_d[k]);
      sumSquares += Number(r.sum_d2[k]);
    }
  }
  const excluded: { reason: string; rows: number }[] = [];
  if (rows > nLocated) excluded.push({ reason: 'firm has no location (lon/lat)', rows: rows - nLocated });
  if (nLocated > n) excluded.push({ reason: 'firm outside the study area', rows: nLocated - n });
  return {
    value: { edges, counts, pairs, sumDistance, sumSquares, points: n, allPairs: (n * (n - 1)) / 2, cutoffKm, distanceUnit: 'km' },
    provenance: {
      table: 'firms', variable: 'pair distance (km)', level: m.levelName, year: null, codeSystem: m.classification.system,
      rows, rowsUsed: n, unknownCells: 0, excluded, industry: options.industry, engine: engine.kind, grid,
    },
  };
}
