/**
 * From firm columns to the matrices the zone measures take: the one place where a set of firms
 * (a candidate's industries, a report's industry group) becomes a `RegionIndustryMatrix` with
 * the columns `group` and `other`, and the `PlantMoments` of those plants. The diagnosis, the
 * report and the library all build their LQ and Ellison–Glaeser inputs here, so the numbers they
 * show come from the same cells and the same measure functions (`locationQuotient`,
 * `ellisonGlaeser`).
 *
 * Missing sizes — one policy everywhere: a firm whose size is unknown (NaN) adds nothing to any
 * cell and is not a plant, and it is counted in `tally.missing` (with the first few firm indices
 * in `tally.examples`) so that the caller says so; it is never silently taken as 0 employees. A
 * firm with no region (index < 0) is counted in `tally.unplaced` and left out of the regional
 * matrix (it still counts in `placeMatrix`, which needs no region). Negative or infinite sizes
 * are errors (E_NEGATIVE / E_NOT_FINITE naming the firm index): ingest rejects them, so they mean
 * a bug upstream.
 *
 * Pure: no files, no DuckDB. Time O(N) in the firms visited.
 */
import { InputError } from '../core/errors.js';
import type { RegionIndustryMatrix } from './concentration-matrix.js';
import type { PlantMoments } from './concentration-plants.js';

/** How many firms were visited, how many had no size (left out, reported) and no region. */
export interface SizeTally {
  firms: number;
  missing: number;
  unplaced: number;
  /** Up to five indices of firms with a missing size, for the warning. */
  examples: number[];
}

/** Firm membership: a 0/1 column by firm index, or a predicate. */
export type Membership = Uint8Array | ((k: number) => boolean);

const GROUP_COLUMNS = ['group', 'other'] as const;

function member(m: Membership, k: number): boolean {
  return typeof m === 'function' ? m(k) : m[k] === 1;
}

function checkSize(fn: string, x: number, k: number): boolean {
  if (Number.isNaN(x)) return false;
  if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${fn}: size[${k}] must be finite or NaN (unknown), got ${x}`, { field: 'size', row: k, value: x });
  if (x < 0) throw new InputError('E_NEGATIVE', `${fn}: size[${k}] must be ≥ 0, got ${x}`, { field: 'size', row: k, value: x });
  return true;
}

/**
 * Visit the firms `firms` (default 0..size.length − 1): count each in the tally, count and skip
 * those with an unknown size, and hand the others with their size to `use`.
 */
function eachKnownSize(fn: string, size: ArrayLike<number>, firms: ArrayLike<number> | undefined, use: (k: number, x: number) => void): SizeTally {
  const tally: SizeTally = { firms: 0, missing: 0, unplaced: 0, examples: [] };
  const n = firms ? firms.length : size.length;
  for (let t = 0; t < n; t++) {
    const k = firms ? firms[t] : t;
    tally.firms++;
    const x = size[k];
    if (checkSize(fn, x, k)) use(k, x);
    else {
      tally.missing++;
      if (tally.examples.length < 5) tally.examples.push(k);
    }
  }
  return tally;
}

/** The warning a caller adds when `tally.missing > 0` (one wording everywhere). */
export function missingSizesWarning(tally: SizeTally, sizeName: string, what: string): string | null {
  if (tally.missing === 0) return null;
  return `${what}: ${tally.missing} of ${tally.firms} firm(s) have no ${sizeName} and are left out of the ${sizeName}-based measures (LQ, EG γ)`;
}

/**
 * Region × {group, other} sizes of the firms `firms` (default: all `size.length` firms), with
 * the plant moments of the group's and the other firms' plants.
 *
 *   values[2r] = Σ size[k] over group firms in region r; values[2r + 1] = the same over the others.
 *
 * `regions[r]` labels region index r of `region[k]`.
 */
export function groupRegionMatrix(input: {
  regions: readonly string[];
  region: ArrayLike<number>;
  size: ArrayLike<number>;
  inGroup: Membership;
  firms?: ArrayLike<number>;
  variable?: string;
}): { matrix: RegionIndustryMatrix; plants: PlantMoments; tally: SizeTally } {
  const { regions, region, size, inGroup } = input;
  const R = regions.length;
  const values = new Float64Array(R * 2);
  const plants: PlantMoments = {
    industries: GROUP_COLUMNS, count: new Float64Array(2), sum: new Float64Array(2), sumSquares: new Float64Array(2), sumFourth: new Float64Array(2),
  };
  let unplaced = 0;
  const tally = eachKnownSize('groupRegionMatrix', size, input.firms, (k, x) => {
    const r = region[k];
    if (!(r >= 0 && r < R)) { unplaced++; return; }
    const c = member(inGroup, k) ? 0 : 1;
    values[2 * r + c] += x;
    const x2 = x * x;
    plants.count[c] += 1; plants.sum[c] += x; plants.sumSquares[c] += x2; plants.sumFourth[c] += x2 * x2;
  });
  tally.unplaced = unplaced;
  return { matrix: { regions, industries: GROUP_COLUMNS, values, variable: input.variable }, plants, tally };
}

/**
 * {place, rest} × {group, other} sizes: the 2 × 2 matrix whose first LQ cell is the location
 * quotient of the group in the place against the whole of the firms visited (a park's firms, or
 * the firms of a set of regions, against the study area).
 */
export function placeMatrix(input: {
  size: ArrayLike<number>;
  inPlace: Membership;
  inGroup: Membership;
  firms?: ArrayLike<number>;
  variable?: string;
}): { matrix: RegionIndustryMatrix; tally: SizeTally } {
  const { size, inPlace, inGroup } = input;
  const values = new Float64Array(4);
  const tally = eachKnownSize('placeMatrix', size, input.firms, (k, x) => {
    values[(member(inPlace, k) ? 0 : 2) + (member(inGroup, k) ? 0 : 1)] += x;
  });
  return { matrix: { regions: ['place', 'rest'], industries: GROUP_COLUMNS, values, variable: input.variable }, tally };
}

/**
 * Known sizes of every (row, industry) cell, once per run, over the firms `firms` (the diagnosis:
 * the firms of the study area): rows are a firm label (its region, or its park) and the last row, index `rows.length`, holds the firms without one; the last column,
 * index `industries.length`, the firms without an industry. With the row and column totals and
 * the plant moments per industry of the firms that have a row. Unknown sizes follow the policy
 * above (left out, counted). A candidate's matrices are then sums over its rows and industries
 * (`collapseToPlace`, `collapseToGroup`: O(|rows|·|industries|), not O(N) per candidate), the
 * same as `placeMatrix` / `groupRegionMatrix` on the same firms up to the order of the additions.
 */
export interface CrossSizes {
  rows: readonly string[];
  industries: readonly string[];
  /** (rows + 1) × (industries + 1), row-major. */
  values: Float64Array;
  rowTotal: Float64Array;
  columnTotal: Float64Array;
  total: number;
  /** Plant moments per industry (industries + 1 columns) of the firms that have a row. */
  plants: PlantMoments;
  tally: SizeTally;
}

export function crossSizes(input: {
  rows: readonly string[];
  row: ArrayLike<number>;
  industries: readonly string[];
  industry: ArrayLike<number>;
  size: ArrayLike<number>;
  /** The firms the table is over (default: all `size.length`); the others are in no cell, total or plant moment. */
  firms?: ArrayLike<number>;
}): CrossSizes {
  const { rows, row, industries, industry, size } = input;
  const R = rows.length;
  const I = industries.length;
  const W = I + 1;
  const values = new Float64Array((R + 1) * W);
  const plants: PlantMoments = {
    industries: [...industries, ''], count: new Float64Array(W), sum: new Float64Array(W), sumSquares: new Float64Array(W), sumFourth: new Float64Array(W),
  };
  let unplaced = 0;
  const tally = eachKnownSize('crossSizes', size, input.firms, (k, x) => {
    const r = row[k] >= 0 && row[k] < R ? row[k] : R;
    const i = industry[k] >= 0 && industry[k] < I ? industry[k] : I;
    values[r * W + i] += x;
    if (r === R) { unplaced++; return; }
    const x2 = x * x;
    plants.count[i] += 1; plants.sum[i] += x; plants.sumSquares[i] += x2; plants.sumFourth[i] += x2 * x2;
  });
  tally.unplaced = unplaced;
  const rowTotal = new Float64Array(R + 1);
  const columnTotal = new Float64Array(W);
  let total = 0;
  for (let r = 0; r <= R; r++) {
    for (let i = 0; i < W; i++) { const v = values[r * W + i]; rowTotal[r] += v; columnTotal[i] += v; }
    total += rowTotal[r];
  }
  return { rows, industries, values, rowTotal, columnTotal, total, plants, tally };
}

/**
 * {place, rest} × {group, other} from the cells: `placeRows` are the place's rows (the no-row
 * firms are always rest), `groupIndustries` the group's industries (the no-industry firms are
 * other). The same matrix as `placeMatrix` over all firms.
 */
export function collapseToPlace(cross: CrossSizes, placeRows: ArrayLike<number>, groupIndustries: ArrayLike<number>, variable?: string): RegionIndustryMatrix {
  const W = cross.industries.length + 1;
  let pg = 0;
  let p = 0;
  let g = 0;
  for (let a = 0; a < placeRows.length; a++) {
    const r = placeRows[a];
    p += cross.rowTotal[r];
    for (let b = 0; b < groupIndustries.length; b++) pg += cross.values[r * W + groupIndustries[b]];
  }
  for (let b = 0; b < groupIndustries.length; b++) g += cross.columnTotal[groupIndustries[b]];
  const values = Float64Array.of(pg, Math.max(0, p - pg), Math.max(0, g - pg), Math.max(0, cross.total - p - g + pg));
  return { regions: ['place', 'rest'], industries: GROUP_COLUMNS, values, variable };
}

/**
 * Row × {group, other} from the cells, without the no-row firms, and the plant moments of the
 * group's and the other firms' plants: the same as `groupRegionMatrix` over all firms.
 */
export function collapseToGroup(cross: CrossSizes, groupIndustries: ArrayLike<number>, variable?: string): { matrix: RegionIndustryMatrix; plants: PlantMoments } {
  const R = cross.rows.length;
  const W = cross.industries.length + 1;
  const values = new Float64Array(R * 2);
  const plants: PlantMoments = {
    industries: GROUP_COLUMNS, count: new Float64Array(2), sum: new Float64Array(2), sumSquares: new Float64Array(2), sumFourth: new Float64Array(2),
  };
  for (let b = 0; b < groupIndustries.length; b++) {
    const i = groupIndustries[b];
    for (let r = 0; r < R; r++) values[2 * r] += cross.values[r * W + i];
    plants.count[0] += cross.plants.count[i]; plants.sum[0] += cross.plants.sum[i];
    plants.sumSquares[0] += cross.plants.sumSquares[i]; plants.sumFourth[0] += cross.plants.sumFourth[i];
  }
  for (let r = 0; r < R; r++) values[2 * r + 1] = Math.max(0, cross.rowTotal[r] - values[2 * r]);
  const inGroup = new Uint8Array(W);
  for (let b = 0; b < groupIndustries.length; b++) inGroup[groupIndustries[b]] = 1;
  for (let i = 0; i < W; i++) {
    if (inGroup[i]) continue;
    plants.count[1] += cross.plants.count[i]; plants.sum[1] += cross.plants.sum[i];
    plants.sumSquares[1] += cross.plants.sumSquares[i]; plants.sumFourth[1] += cross.plants.sumFourth[i];
  }
  return { matrix: { regions: cross.rows, industries: GROUP_COLUMNS, values, variable }, plants };
}
