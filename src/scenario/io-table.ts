/**
 * A small input–output table for the scenario's sectors, balanced by construction.
 *
 * A (technical coefficients, column j = inputs per unit of sector j's output) is a fixed
 * pattern of the main flows of this economy (feed and pigs into food, fibre into fabric, fabric
 * into apparel, moulds and plastics into electrical goods …) plus a small floor on every cell,
 * jittered by the seed. With x* the firms' output by sector:
 *
 *   f = max((I − A) x*, 0.1 x*),   x = (I − A)⁻¹ f,   Z = A · diag(x)
 *
 * Z and f are rounded to 0.01 万元 and x is recomputed as the row sums Σⱼ zᵢⱼ + fᵢ, so every
 * row balances exactly in the written decimals.
 */
import type { Rng } from '../core/rng.js';
import type { IOTable } from '../model/io-table.js';
import type { Context } from './context.js';
import { INDUSTRIES, IO_SECTORS } from './industries.js';

/** [from sector, to sector, coefficient] of the main flows. */
const FLOWS: ReadonlyArray<readonly [string, string, number]> = [
  ['S01', 'S01', 0.08], ['S01', 'S02', 0.35], ['S02', 'S01', 0.12], ['S02', 'S02', 0.08], ['S02', 'S15', 0.06],
  ['S03', 'S03', 0.15], ['S03', 'S04', 0.3], ['S04', 'S04', 0.06], ['S05', 'S12', 0.03], ['S05', 'S15', 0.01],
  ['S06', 'S02', 0.03], ['S06', 'S04', 0.02], ['S06', 'S13', 0.02], ['S07', 'S03', 0.22], ['S07', 'S01', 0.04],
  ['S07', 'S08', 0.25], ['S07', 'S07', 0.1], ['S08', 'S04', 0.08], ['S08', 'S10', 0.06], ['S08', 'S06', 0.02],
  ['S09', 'S10', 0.12], ['S09', 'S09', 0.15], ['S09', 'S11', 0.05], ['S09', 'S12', 0.12], ['S10', 'S10', 0.12],
  ['S10', 'S11', 0.05], ['S10', 'S12', 0.06], ['S11', 'S11', 0.3], ['S11', 'S10', 0.06], ['S12', 'S12', 0.02],
];
const FLOOR = 0.004;
const TRADE_SHARE = 0.04;
const TRANSPORT_SHARE = 0.03;
const SERVICE_SHARE = 0.03;

function solve(m: number[][], b: number[]): number[] {
  const n = b.length;
  const a = m.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const k = a[r][c] / a[c][c];
      for (let j = c; j <= n; j++) a[r][j] -= k * a[c][j];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

export function buildIoTable(ctx: Context, rng: Rng): IOTable {
  const codes = IO_SECTORS.map((s) => s[0]);
  const n = codes.length;
  const at = new Map(codes.map((c, i) => [c, i]));
  const A: number[][] = codes.map(() => codes.map(() => FLOOR));
  for (const [from, to, v] of FLOWS) A[at.get(from)!][at.get(to)!] += v;
  for (let j = 0; j < n; j++) {
    A[at.get('S13')!][j] += TRADE_SHARE;
    A[at.get('S14')!][j] += TRANSPORT_SHARE;
    A[at.get('S15')!][j] += SERVICE_SHARE;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i][j] *= 0.85 + 0.3 * rng.next();
  const xStar = new Array<number>(n).fill(0);
  const sectorOf = INDUSTRIES.map((d) => at.get(d.sector)!);
  for (let i = 0; i < ctx.firmCount; i++) xStar[sectorOf[ctx.f.industry.data[i]]] += ctx.f.output.data[i];
  const f0 = xStar.map((x, i) => {
    let v = x;
    for (let j = 0; j < n; j++) v -= A[i][j] * xStar[j];
    return Math.max(v, 0.1 * x);
  });
  const IminusA = A.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v));
  const x = solve(IminusA, f0);
  const cents = (v: number): number => Math.max(1, Math.round(v * 100));
  const zc = A.map((row) => row.map((a, j) => cents(a * x[j])));
  const fc = f0.map(cents);
  const xc = zc.map((row, i) => row.reduce((s, v) => s + v, 0) + fc[i]);
  return {
    id: 'scenario-io',
    year: ctx.lastYear,
    unit: '万元',
    sectors: IO_SECTORS.map(([code, zh, en]) => ({
      code,
      name: `${zh} ${en}`,
      industries: INDUSTRIES.filter((d) => d.sector === code).map((d) => d.code),
    })),
    intermediate: zc.map((row) => row.map((v) => v / 100)),
    finalDemand: fc.map((v) => v / 100),
    totalOutput: xc.map((v) => v / 100),
  };
}
