/**
 * Readers of input–output tables into the `IoData` the linkages measures take.
 *
 * Layouts (`layout`, default 'auto' — detected from the labels):
 * - 'square': one row per sector with a code column; one column per sector whose header is that
 *   code; final-demand columns after the matrix; a total-output column; optionally a total-output
 *   (total input) row such as the Eurostat `output_bp` row. This is also the layout of
 *   `src/io/structured.ts` (sector, name, <codes…>, finalDemand, totalOutput).
 * - 'nbs': China's national IO table (国家统计局 投入产出表, 42/149/153 sectors): codes and Chinese
 *   names at the top and the left, then 中间使用合计, final-use columns, 最终使用合计, 进口, 其他,
 *   总产出 (recent editions also code them TIU, TFU, IM, ERR, GO and the rows TII, TVA, TI);
 *   rows 中间投入合计 … 增加值合计, 总投入. Final demand f = 最终使用合计 − 进口 + 其他.
 * - 'bea-use': the U.S. BEA use table (commodities × industries, producers' prices, summary level):
 *   row codes in column 1, industry codes in the header row; "Total Final Uses (GDP)",
 *   "Total Commodity Output" and the "Total Industry Output" row. Commodity rows without an
 *   industry column (Used, Other) are dropped with a warning; A = U ĝ⁻¹ is then the industry-
 *   technology approximation of a commodity × industry table (BEA's own requirements tables need
 *   the make table and redefinitions; read those with `readBeaRequirements`).
 *
 * Cells '', '...', '…', '-' and '—' in the matrix are zeros (BEA marks suppressed/zero cells
 * '...'); any other non-number throws E_PARSE with the file line and column.
 *
 * Balance: every sector whose Σⱼ zᵢⱼ + fᵢ differs from its total output by more than
 * `tolerance` (relative, default 1e-6), and — where both a total-output column and a total-input
 * row exist (square/nbs) — every sector whose row and column totals disagree, is reported in
 * `unbalanced` and in a warning. Nothing is normalised away. `onUnbalanced: 'error'` throws
 * E_DEGENERATE instead.
 * The x used as the denominator of the coefficients is the total-input row when present
 * (`outputFrom: 'row'`, the definition aᵢⱼ = zᵢⱼ / xⱼ with xⱼ the column total, as the Eurostat
 * manual), else the total-output column; choose with `outputFrom`.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { xlsxSheets } from './xlsx-workbook.js';
import type { IoData } from '../data/io-data.js';

export type IoLayout = 'auto' | 'square' | 'nbs' | 'bea-use';

export interface IoReadOptions {
  layout?: IoLayout;
  /** XLSX sheet name or 0-based index (default 0). */
  sheet?: string | number;
  /** Header of the column holding the row sector codes (default: detected). */
  sectorColumn?: string;
  /** Header of the total-output column (default: detected). */
  totalOutputColumn?: string;
  /** Headers of the final-demand columns, summed (default: detected). */
  finalDemandColumns?: string[];
  /** Which total is the coefficients' denominator: 'row' (total input row) or 'column'. Default: row when present. */
  outputFrom?: 'row' | 'column';
  /** Relative balance tolerance. Default 1e-6. */
  tolerance?: number;
  /**
   * Absolute balance tolerance per summed cell (a row of n flows and k final-demand cells may be
   * off by (n + k) × this). Default 0, and 0.5 for 'bea-use' (BEA publishes cells rounded to
   * whole $ million, so "detail may not add to total due to rounding").
   */
  roundingPerCell?: number;
  onUnbalanced?: 'report' | 'error';
}

export interface UnbalancedSector {
  sector: string;
  index: number;
  /** Σⱼ zᵢⱼ + fᵢ. */
  rowSum: number;
  /** Total output from the total-output column (NaN when the table has none). */
  outputColumn: number;
  /** Total input / output from the total row (NaN when the table has none). */
  outputRow: number;
  /** Which check failed. */
  check: 'row-sum' | 'row-vs-column';
}

export interface IoReadResult {
  table: IoData;
  layout: Exclude<IoLayout, 'auto'>;
  unbalanced: UnbalancedSector[];
  warnings: string[];
  /** Which total became x. */
  outputFrom: 'row' | 'column';
}

export type Grid = string[][];

const ZERO_CELLS = new Set(['', '...', '…', '-', '—', '--']);

/** RFC 4180 CSV text → grid (BOM stripped; quoted cells; CRLF). */
export function parseCsvGrid(text: string): Grid {
  const rows: Grid = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; formula?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o || o.formula !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
  }
  return String(v);
}

/**
 * One sheet of a workbook as a grid (row r of the grid is Excel row r + 1; blank rows are empty),
 * through the capped reader (`xlsxSheets`): a truncated workbook, a zip bomb or a sheet over the
 * row limit is an InputError naming the file, as in ingest.
 */
async function xlsxGrid(file: string, sheet: string | number): Promise<Grid> {
  // a name first (a sheet called "2015" is that sheet), then a 0-based index written as digits
  const name = typeof sheet === 'string' ? sheet : undefined;
  const index = typeof sheet === 'number' ? sheet : /^\d+$/.test(sheet) ? Number(sheet) : undefined;
  const names: string[] = []; let byName: Grid | undefined, byIndex: Grid | undefined; // the sheet by name, by index
  for await (const s of xlsxSheets(file, file)) {
    names.push(s.name);
    const isName = name !== undefined && s.name === name;
    if (!isName && !(index !== undefined && s.index === index)) { for await (const _row of s.rows) { /* drain: sheets stream in order */ } continue; }
    const rows: Grid = [];
    for await (const row of s.rows) {
      const cells: string[] = [];
      for (let c = 1; c < row.values.length; c++) cells.push(cellText(row.values[c]).trim());
      rows[row.number - 1] = cells;
    }
    if (isName) { byName = Array.from(rows, (r) => r ?? []); break; }
    byIndex = Array.from(rows, (r) => r ?? []);
    if (name === undefined) break;
  }
  const grid = byName ?? byIndex;
  if (!grid) throw new InputError('E_OPTION', `readIoTable: ${file} has no sheet ${JSON.stringify(String(sheet))} (sheets: ${names.map((n) => JSON.stringify(n)).join(', ')}; --sheet takes a name as listed or a 0-based index)`, { file, field: 'sheet', value: sheet });
  return grid;
}

/** Reads a CSV or XLSX file into a grid of trimmed strings. */
export async function readGrid(file: string, sheet: string | number = 0): Promise<Grid> {
  const ext = extname(file).toLowerCase();
  let text: string;
  try {
    if (ext === '.xlsx') return await xlsxGrid(file, sheet);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('E_FILE', `readIoTable: cannot read ${file}: ${(e as Error).message}`, { file });
  }
  return parseCsvGrid(text).map((r) => r.map((c) => c.trim()));
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

const OUTPUT_COLUMN = /^(total ?output|total_output|totaloutput|output_bp|total_output_bp|总产出|total commodity output|x|go)$/;
const OUTPUT_ROW = /^(output_bp|total ?output|total_output|total input|total_input|总投入|总产出|total industry output|p1|output at basic prices|ti)$/;
const FINAL_DEMAND = /^(final ?demand|final_demand|finaldemand|最终需求|最终使用|total final uses \(gdp\))$/;
const TOTAL_LIKE = /^(total|合计|总计|中间使用合计|total intermediate|total_intermediate|sum of intermediate selected|intermediate not selected|tiu|tii|tva|tfu|增加值合计|中间投入合计)$/;
/** A header or row label that names a total, not a sector. */
const isTotalLabel = (s: string): boolean => { const t = norm(s); return OUTPUT_COLUMN.test(t) || OUTPUT_ROW.test(t) || TOTAL_LIKE.test(t) || FINAL_DEMAND.test(t); };

function detectLayout(grid: Grid): Exclude<IoLayout, 'auto'> {
  for (const row of grid.slice(0, 120)) {
    for (const c of row) {
      const t = norm(c);
      if (t === 'commodities/industries' || t === 'total industry output') return 'bea-use';
      if (t === '最终使用合计' || t === '总投入' || t === '中间投入合计') return 'nbs';
    }
  }
  return 'square';
}

/** The (header row, code column) pair whose codes best match the header cells. */
function findFrame(grid: Grid, sectorColumn?: string): { header: number; codeCol: number; matches: number; length: number } {
  let best = { header: -1, codeCol: -1, matches: 0, length: Infinity };
  const rowsToScan = Math.min(grid.length, 40);
  for (let h = 0; h < rowsToScan; h++) {
    const headers = new Map<string, number>();
    grid[h].forEach((c, j) => { if (c !== '' && !isTotalLabel(c) && !headers.has(c)) headers.set(c, j); });
    if (headers.size < 2) continue;
    const cols = sectorColumn !== undefined ? [grid[h].indexOf(sectorColumn)].filter((j) => j >= 0) : [...Array(Math.min(8, grid[h].length)).keys()];
    for (const c of cols) {
      let matches = 0;
      let length = 0;
      for (let r = h + 1; r < grid.length; r++) {
        const code = grid[r][c] ?? '';
        const j = headers.get(code);
        // Codes, not names: a label with white space (BEA, Eurostat names) never frames the matrix.
        if (code !== '' && !/\s/.test(code) && j !== undefined && j !== c) { matches++; length += code.length; }
      }
      if (matches > best.matches || (matches === best.matches && matches > 0 && length / matches < best.length)) best = { header: h, codeCol: c, matches, length: length / matches };
    }
  }
  return best;
}

function num(cell: string, where: { file: string; line: number; column: string }): number {
  const t = cell.trim();
  if (ZERO_CELLS.has(t)) return 0;
  const v = Number(t.replaceAll(',', ''));
  if (!Number.isFinite(v)) throw new InputError('E_PARSE', `readIoTable: ${where.file} line ${where.line}, column ${where.column}: not a number: ${JSON.stringify(t)}`, { file: where.file, line: where.line, field: where.column, value: t });
  return v;
}

/** Parses a grid in one of the layouts (pure; `file` only names the source in messages). */
export function parseIoGrid(grid: Grid, options: IoReadOptions & { file?: string } = {}): IoReadResult {
  const file = options.file ?? '<grid>';
  const tolerance = options.tolerance ?? 1e-6;
  const layout = (options.layout ?? 'auto') === 'auto' ? detectLayout(grid) : (options.layout as Exclude<IoLayout, 'auto'>);
  const frame = findFrame(grid, options.sectorColumn);
  if (frame.matches < 1) throw new InputError('E_PARSE', `readIoTable: ${file}: found no sector codes that appear both as a row label and as a column header; name the code column with sectorColumn`, { file });
  const { header, codeCol } = frame;
  const headerRow = grid[header];
  const width = Math.max(...grid.map((r) => r.length));
  const headerIndex = new Map<string, number>();
  headerRow.forEach((c, j) => { if (c !== '' && j !== codeCol && !isTotalLabel(c) && !headerIndex.has(c)) headerIndex.set(c, j); });
  // Sector rows: code in the code column that is also a header; in row order.
  const sectorRows: number[] = [];
  const seen = new Set<string>();
  const warnings: string[] = [];
  const ignoredRows: string[] = [];
  for (let r = header + 1; r < grid.length; r++) {
    const code = grid[r][codeCol] ?? '';
    if (code === '') continue;
    if (headerIndex.has(code)) {
      if (seen.has(code)) throw new InputError('E_PARSE', `readIoTable: ${file} line ${r + 1}: sector ${code} appears twice`, { file, line: r + 1, field: 'sector', value: code });
      seen.add(code);
      sectorRows.push(r);
    } else if (sectorRows.length && !OUTPUT_ROW.test(norm(code)) && !TOTAL_LIKE.test(norm(code))) ignoredRows.push(code);
  }
  const sectors = sectorRows.map((r) => grid[r][codeCol]);
  const n = sectors.length;
  const cols = sectors.map((s) => headerIndex.get(s)!);
  const missingColumns = [...headerIndex.keys()].filter((h) => !seen.has(h) && cols.length && headerIndex.get(h)! > Math.min(...cols) && headerIndex.get(h)! < Math.max(...cols));
  if (missingColumns.length) warnings.push(`readIoTable: ${file}: column(s) inside the matrix without a sector row, ignored: ${missingColumns.slice(0, 10).join(', ')}`);
  if (ignoredRows.length && layout !== 'nbs') warnings.push(`readIoTable: ${file}: row(s) without a sector column, dropped from the matrix: ${ignoredRows.slice(0, 10).join(', ')}${ignoredRows.length > 10 ? '…' : ''}`);
  // Column labels: every non-empty cell above the first sector row, per column.
  const firstRow = sectorRows[0];
  const labels: string[][] = Array.from({ length: width }, (_, j) => grid.slice(0, firstRow).map((r) => norm(r[j] ?? '')).filter((t) => t !== ''));
  const findColumn = (explicit: string | undefined, re: RegExp, what: string): number => {
    if (explicit !== undefined) {
      const j = headerRow.indexOf(explicit);
      if (j < 0) throw new InputError('E_MAPPING', `readIoTable: ${file}: no column ${JSON.stringify(explicit)} for ${what}`, { file, field: what, value: explicit });
      return j;
    }
    return labels.findIndex((ls) => ls.some((l) => re.test(l)));
  };
  const nameCol = (() => {
    for (const j of [codeCol + 1, codeCol - 1]) {
      if (j < 0 || cols.includes(j)) continue;
      if (sectorRows.every((r) => (grid[r][j] ?? '') !== '' && !Number.isFinite(Number(grid[r][j])))) return j;
    }
    return -1;
  })();
  const lastMatrixCol = Math.max(...cols);
  const xCol = findColumn(options.totalOutputColumn, OUTPUT_COLUMN, 'totalOutput');
  // Final demand columns.
  let fdCols: { j: number; sign: number }[] = [];
  if (options.finalDemandColumns) {
    fdCols = options.finalDemandColumns.map((h) => ({ j: findColumn(h, /$^/, 'finalDemand'), sign: 1 }));
  } else if (layout === 'nbs') {
    // NBS tables label these columns in Chinese and, in recent editions, with codes TFU, IM, ERR
    const total = labels.findIndex((ls) => ls.includes('最终使用合计') || ls.includes('tfu'));
    const imports = labels.findIndex((ls, j) => j > lastMatrixCol && (ls.includes('进口') || ls.includes('im')));
    const other = labels.findIndex((ls, j) => j > lastMatrixCol && ls.some((l) => l === '其他' || l === '误差' || l === '其他(误差)' || l === 'err'));
    if (total >= 0) fdCols.push({ j: total, sign: 1 });
    if (imports >= 0) fdCols.push({ j: imports, sign: -1 });
    if (other >= 0) fdCols.push({ j: other, sign: 1 });
  } else {
    const explicit = labels.findIndex((ls, j) => j > lastMatrixCol && ls.some((l) => FINAL_DEMAND.test(l)));
    if (explicit >= 0) fdCols = [{ j: explicit, sign: 1 }];
    else {
      const end = xCol > lastMatrixCol ? xCol : width;
      for (let j = lastMatrixCol + 1; j < end; j++) {
        if (labels[j].length === 0 || labels[j].some((l) => TOTAL_LIKE.test(l))) continue;
        fdCols.push({ j, sign: 1 });
      }
    }
  }
  // Total-input / output row.
  let xRow = -1;
  for (let r = firstRow + 1; r < grid.length && xRow < 0; r++) {
    for (const c of [codeCol, nameCol]) {
      if (c >= 0 && OUTPUT_ROW.test(norm(grid[r][c] ?? '')) && !sectorRows.includes(r)) { xRow = r; break; }
    }
  }
  if (xCol < 0 && xRow < 0) throw new InputError('E_MAPPING', `readIoTable: ${file}: no total-output column or row; name it with totalOutputColumn`, { file, field: 'totalOutput' });
  const z = new Float64Array(n * n);
  const f = new Float64Array(n);
  const xc = new Float64Array(n).fill(Number.NaN);
  const xr = new Float64Array(n).fill(Number.NaN);
  for (let p = 0; p < n; p++) {
    const r = sectorRows[p];
    const line = r + 1;
    for (let q = 0; q < n; q++) z[p * n + q] = num(grid[r][cols[q]] ?? '', { file, line, column: sectors[q] });
    for (const { j, sign } of fdCols) f[p] += sign * num(grid[r][j] ?? '', { file, line, column: headerRow[j] || labels[j].join(' ') });
    if (xCol >= 0) xc[p] = num(grid[r][xCol] ?? '', { file, line, column: headerRow[xCol] || 'totalOutput' });
    if (xRow >= 0) xr[p] = num(grid[xRow][cols[p]] ?? '', { file, line: xRow + 1, column: sectors[p] });
  }
  const outputFrom = options.outputFrom ?? (xRow >= 0 ? 'row' : 'column');
  if (outputFrom === 'row' && xRow < 0) throw new InputError('E_OPTION', `readIoTable: ${file}: outputFrom 'row' but the table has no total-output row`, { file, field: 'outputFrom' });
  if (outputFrom === 'column' && xCol < 0) throw new InputError('E_OPTION', `readIoTable: ${file}: outputFrom 'column' but the table has no total-output column`, { file, field: 'outputFrom' });
  const x = outputFrom === 'row' ? xr : xc;
  const unbalanced: UnbalancedSector[] = [];
  const slack = (options.roundingPerCell ?? (layout === 'bea-use' ? 0.5 : 0)) * (n + fdCols.length + 1);
  const close = (a: number, b: number): boolean => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b)) + slack;
  const rowOutput = xCol >= 0 ? xc : xr;
  if (fdCols.length) {
    for (let p = 0; p < n; p++) {
      let s = f[p];
      for (let q = 0; q < n; q++) s += z[p * n + q];
      if (!close(s, rowOutput[p])) unbalanced.push({ sector: sectors[p], index: p, rowSum: s, outputColumn: xc[p], outputRow: xr[p], check: 'row-sum' });
    }
  } else warnings.push(`readIoTable: ${file}: no final-demand columns found; final demand will be implied as x − Z1 and the row balance is not checked`);
  if (layout !== 'bea-use' && xCol >= 0 && xRow >= 0) {
    for (let p = 0; p < n; p++) if (!close(xc[p], xr[p])) unbalanced.push({ sector: sectors[p], index: p, rowSum: Number.NaN, outputColumn: xc[p], outputRow: xr[p], check: 'row-vs-column' });
  }
  if (unbalanced.length) {
    const msg = `readIoTable: ${file}: unbalanced table: ${unbalanced.map((u) => (u.check === 'row-sum' ? `${u.sector} (Σz+f=${u.rowSum}, output=${Number.isNaN(u.outputColumn) ? u.outputRow : u.outputColumn})` : `${u.sector} (output column ${u.outputColumn} ≠ total row ${u.outputRow})`)).slice(0, 8).join('; ')}${unbalanced.length > 8 ? '…' : ''}`;
    if ((options.onUnbalanced ?? 'report') === 'error') throw new InputError('E_DEGENERATE', msg, { file, field: 'totalOutput', value: unbalanced.map((u) => u.sector) });
    warnings.push(msg);
  }
  const zeroOutput = sectors.filter((_, p) => !(x[p] > 0));
  if (zeroOutput.length) warnings.push(`readIoTable: ${file}: sector(s) with zero total output (coefficients undefined; aggregate or drop them): ${zeroOutput.slice(0, 10).join(', ')}`);
  const table: IoData = {
    sectors,
    names: nameCol >= 0 ? sectorRows.map((r) => grid[r][nameCol] || null) : undefined,
    z,
    totalOutput: x,
    finalDemand: fdCols.length ? f : undefined,
  };
  return { table, layout, unbalanced, warnings, outputFrom };
}

/** Reads an IO table from a CSV or XLSX file (see the module comment for layouts). */
export async function readIoTable(file: string, options: IoReadOptions = {}): Promise<IoReadResult> {
  const grid = await readGrid(file, options.sheet ?? 0);
  return parseIoGrid(grid, { ...options, file });
}

export interface BeaRequirements {
  /** Industry codes (rows) that also head a commodity column, in row order. */
  sectors: string[];
  names: string[];
  /** The square industry × commodity block of total requirements (row-major). */
  requirements: Float64Array;
  /** BEA's "Total Industry Output Requirement" row for those columns (its published multipliers). */
  publishedColumnTotals: Float64Array;
  warnings: string[];
}

/**
 * BEA industry-by-commodity total requirements (IxC_TR / IxC_Domestic, summary level): the square
 * block of industries whose codes head a commodity column (the Used and Other commodity columns
 * are dropped), and the published "Total Industry Output Requirement" row.
 */
export async function readBeaRequirements(file: string, options: { sheet?: string | number } = {}): Promise<BeaRequirements> {
  const grid = await readGrid(file, options.sheet ?? 0);
  return parseBeaRequirements(grid, file);
}

export function parseBeaRequirements(grid: Grid, file = '<grid>'): BeaRequirements {
  const frame = findFrame(grid);
  if (frame.matches < 1) throw new InputError('E_PARSE', `readBeaRequirements: ${file}: no industry codes matching commodity columns`, { file });
  const { header, codeCol } = frame;
  const headerIndex = new Map<string, number>();
  grid[header].forEach((c, j) => { if (c !== '' && j > codeCol + 1 && !headerIndex.has(c)) headerIndex.set(c, j); });
  const rows: number[] = [];
  let totalRow = -1;
  for (let r = header + 1; r < grid.length; r++) {
    const code = grid[r][codeCol] ?? '';
    if (headerIndex.has(code)) rows.push(r);
    if (norm(grid[r][codeCol + 1] ?? '') === 'total industry output requirement') totalRow = r;
  }
  const sectors = rows.map((r) => grid[r][codeCol]);
  const n = sectors.length;
  const dropped = [...headerIndex.keys()].filter((h) => !sectors.includes(h));
  const requirements = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) requirements[p * n + q] = num(grid[rows[p]][headerIndex.get(sectors[q])!] ?? '', { file, line: rows[p] + 1, column: sectors[q] });
  const publishedColumnTotals = new Float64Array(n).fill(Number.NaN);
  if (totalRow >= 0) for (let q = 0; q < n; q++) publishedColumnTotals[q] = num(grid[totalRow][headerIndex.get(sectors[q])!] ?? '', { file, line: totalRow + 1, column: sectors[q] });
  const warnings = dropped.length ? [`readBeaRequirements: ${file}: commodity column(s) without an industry row dropped: ${dropped.join(', ')}`] : [];
  if (totalRow < 0) warnings.push(`readBeaRequirements: ${file}: no "Total Industry Output Requirement" row`);
  return { sectors, names: rows.map((r) => grid[r][codeCol + 1] ?? ''), requirements, publishedColumnTotals, warnings };
}
