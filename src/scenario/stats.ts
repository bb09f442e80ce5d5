/**
 * Regional statistics (region × industry × year) derived from the firms, so that they agree
 * with the micro-data: in the last year, employment, output and establishments are exactly the
 * sums over the firms of each cell; earlier years count the firms founded by then, with
 * employment and output scaled back along the planted growth rate of the firm's structure (or
 * of its industry, for firms outside the structures):
 *
 *   E[r,i,y] = Σ_{f in (r,i), founded_f ≤ y} e_f · (1 + g_f)^(y − Y1)
 *
 * e_f: the firm's last-year value; g_f: planted annual growth; Y1: the last year.
 */
import type { Context } from './context.js';
import { INDUSTRIES } from './industries.js';
import { RegionalStatTable } from './tables.js';

/** Growth of industries outside the planted structures, by kind, with a few exceptions. */
const KIND_GROWTH: Record<string, number> = { agriculture: 0.0, manufacturing: 0.01, trade: 0.02, service: 0.04 };
const CODE_GROWTH: Record<string, number> = { '6513': 0.08, '7010': -0.02, '4710': 0.0, '6020': 0.1, '5211': -0.03 };

export function backgroundGrowth(code: string): number {
  return CODE_GROWTH[code] ?? KIND_GROWTH[INDUSTRIES.find((d) => d.code === code)!.kind];
}

export function buildRegionalStats(ctx: Context): RegionalStatTable {
  const R = ctx.geo.regions.length;
  const I = INDUSTRIES.length;
  const Y0 = ctx.firstYear;
  const Y1 = ctx.lastYear;
  const Y = Y1 - Y0 + 1;
  const emp = new Float64Array(R * I * Y);
  const out = new Float64Array(R * I * Y);
  const est = new Int32Array(R * I * Y);
  const structureGrowth = ctx.structures.map((s) => s.truth.growth);
  const industryGrowth = INDUSTRIES.map((d) => backgroundGrowth(d.code));
  const factors = new Map<number, Float64Array>();
  const factorsOf = (g: number): Float64Array => {
    let f = factors.get(g);
    if (!f) {
      f = new Float64Array(Y);
      for (let k = 0; k < Y; k++) f[k] = Math.pow(1 + g, Y0 + k - Y1);
      factors.set(g, f);
    }
    return f;
  };
  const f = ctx.f;
  const n = ctx.firmCount;
  for (let i = 0; i < n; i++) {
    const s = f.structure.data[i];
    const ind = f.industry.data[i];
    const g = s >= 0 ? structureGrowth[s] : industryGrowth[ind];
    const fac = factorsOf(g);
    const base = (f.region.data[i] * I + ind) * Y;
    const e = f.employees.data[i];
    const o = f.output.data[i];
    for (let k = Math.max(0, f.founded.data[i] - Y0); k < Y; k++) {
      emp[base + k] += e * fac[k];
      out[base + k] += o * fac[k];
      est[base + k] += 1;
    }
  }
  let rows = 0;
  for (let c = 0; c < est.length; c++) if (est[c] > 0) rows++;
  const region = new Int32Array(rows);
  const industry = new Uint16Array(rows);
  const year = new Int16Array(rows);
  const employment = new Float64Array(rows);
  const output = new Float64Array(rows);
  const establishments = new Int32Array(rows);
  let k = 0;
  for (let r = 0; r < R; r++) {
    for (let ind = 0; ind < I; ind++) {
      for (let y = 0; y < Y; y++) {
        const c = (r * I + ind) * Y + y;
        if (est[c] === 0) continue;
        region[k] = r;
        industry[k] = ind;
        year[k] = Y0 + y;
        employment[k] = Math.round(emp[c]);
        output[k] = Math.round(out[c] * 10) / 10;
        establishments[k] = est[c];
        k++;
      }
    }
  }
  return new RegionalStatTable(
    { region, industry, year, employment, output, establishments },
    ctx.geo.regions.map((r) => r.code),
    INDUSTRIES.map((d) => d.code),
  );
}
