import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeaRequirements, readIoTable, parseIoGrid, parseCsvGrid } from '../src/load/io-table-file.js';
import {
  allocationCoefficients, ghoshInverse, hypotheticalExtraction, leontiefInverse, outputMultipliers, rasmussenHirschman,
  regionaliseCoefficients, technicalCoefficients, type IoData,
} from '../src/measures/linkages/index.js';
import { AtlasError } from '../src/core/errors.js';
import { SHARED_DATA } from './shared-data.js';

const FIX = join(import.meta.dirname, 'fixtures', 'linkages');
const SHARED = SHARED_DATA;
const BEUTEL = join(SHARED, 'io-eurostat-beutel-germany', 'Beutel_15_4_germany_1995_siot.csv');
const BEA_USE = join(SHARED, 'io-bea-us-summary', 'use_before_redef_producer_2015_summary.csv');
const BEA_TR = join(SHARED, 'io-bea-us-summary', 'ixc_total_requirements_2015_summary.csv');
const json = (f: string): any => JSON.parse(readFileSync(join(FIX, f), 'utf8'));
const published = json('published.json');

/** Relative/absolute closeness for matrices computed by two LAPACK-free routes. */
const TOL_NUMPY = 1e-9;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const scale = Math.max(1, Math.abs(expected[i]));
    if (Math.abs(actual[i] - expected[i]) > tol * scale) throw new Error(`element ${i}: ${actual[i]} vs ${expected[i]} (tol ${tol})`);
  }
}

function codeOf(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof AtlasError ? e.code : `not an AtlasError: ${String(e)}`; }
  return undefined;
}

describe('IO core on the Miller–Blair 2×2 example (hand-derived)', async () => {
  const { table } = await readIoTable(join(FIX, 'miller-blair-2x2.csv'));
  it('reads the square layout', () => {
    expect(table.sectors).toEqual(['S1', 'S2']);
    expect(table.names).toEqual(['Sector one', 'Sector two']);
    expect(Array.from(table.finalDemand!)).toEqual([350, 1700]);
  });
  it('A = Z x̂⁻¹ and L = (I − A)⁻¹', () => {
    // a = [[150/1000, 500/2000], [200/1000, 100/2000]] = [[.15, .25], [.2, .05]]
    expectClose(technicalCoefficients(table).value, [0.15, 0.25, 0.2, 0.05], 1e-15);
    // det(I − A) = .85·.95 − .25·.2 = .7575; L = adj / det
    expectClose(leontiefInverse(table).value, [0.95 / 0.7575, 0.25 / 0.7575, 0.2 / 0.7575, 0.85 / 0.7575], 1e-14);
  });
  it('B = x̂⁻¹Z and G = (I − B)⁻¹ = x̂⁻¹ L x̂', () => {
    expectClose(allocationCoefficients(table).value, [0.15, 0.5, 0.1, 0.05], 1e-15);
    const l = leontiefInverse(table).value;
    const x = [1000, 2000];
    const g = ghoshInverse(table).value;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(g[i * 2 + j]).toBeCloseTo(l[i * 2 + j] * x[j] / x[i], 12);
  });
  it('x = L f reproduces total output (balance property)', () => {
    const l = leontiefInverse(table).value;
    const f = table.finalDemand!;
    expect(l[0] * f[0] + l[1] * f[1]).toBeCloseTo(1000, 9);
    expect(l[2] * f[0] + l[3] * f[1]).toBeCloseTo(2000, 9);
  });
  it('Rasmussen indices average to 1 and classify', () => {
    const rh = rasmussenHirschman(table).value;
    expect((rh.backward[0] + rh.backward[1]) / 2).toBeCloseTo(1, 14);
    expect((rh.forward[0] + rh.forward[1]) / 2).toBeCloseTo(1, 14);
    // column sums of L: (0.95+0.2)/.7575 = 1.5181518, (0.25+0.85)/.7575 = 1.4521452
    expectClose(rh.backwardTotals, [1.15 / 0.7575, 1.1 / 0.7575], 1e-14);
    // G = x̂⁻¹ L x̂: row sums (0.95 + 0.25·2)/.7575 = 1.9142 and (0.2/2 + 0.85)/.7575 = 1.2541
    expectClose(rh.forwardTotals, [1.45 / 0.7575, 0.95 / 0.7575], 1e-14);
    // S1 pulls and pushes more than average: key; S2 neither: weak
    expect(rh.keySector).toEqual(['key', 'weak']);
  });
  it('hypothetical extraction: closed forms equal direct re-inversion', () => {
    const ex = hypotheticalExtraction(table).value;
    // backward extraction of S1: zero column 1 of A → A' = [[0, .25], [0, .05]]; x̄ = (I − A')⁻¹ f
    // (I − A')⁻¹ = [[1, .25/.95], [0, 1/.95]]; x̄ = [350 + .25·1700/.95, 1700/.95]
    const xb = 350 + (0.25 * 1700) / 0.95 + 1700 / 0.95;
    expect(ex.backward[0]).toBeCloseTo(3000 - xb, 9);
    // total extraction of S1: Ā = [[0, 0], [0, .05]] → x̄ = [350, 1700/.95]
    expect(ex.total[0]).toBeCloseTo(3000 - 350 - 1700 / 0.95, 9);
  });
});

describe('errors', () => {
  const io: IoData = { sectors: ['a', 'b'], z: Float64Array.of(1, 2, 3, 4), totalOutput: Float64Array.of(10, 0) };
  it('zero output → E_DEGENERATE with the row', () => {
    expect(codeOf(() => technicalCoefficients(io))).toBe('E_DEGENERATE');
  });
  it('NaN flow → E_NOT_FINITE; wrong shape → E_OPTION; negative output → E_NEGATIVE', () => {
    expect(codeOf(() => leontiefInverse({ ...io, z: Float64Array.of(1, Number.NaN, 3, 4), totalOutput: Float64Array.of(10, 10) }))).toBe('E_NOT_FINITE');
    expect(codeOf(() => leontiefInverse({ ...io, z: Float64Array.of(1, 2, 3) }))).toBe('E_OPTION');
    expect(codeOf(() => leontiefInverse({ ...io, totalOutput: Float64Array.of(10, -1) }))).toBe('E_NEGATIVE');
  });
  it('singular I − A → E_DEGENERATE', () => {
    expect(codeOf(() => leontiefInverse({ sectors: ['a'], z: Float64Array.of(10), totalOutput: Float64Array.of(10) }))).toBe('E_DEGENERATE');
  });
  it('bad forward convention → E_OPTION', () => {
    expect(codeOf(() => rasmussenHirschman({ ...io, totalOutput: Float64Array.of(10, 10) }, { forward: 'x' as never }))).toBe('E_OPTION');
  });
  it('a non-number cell → E_PARSE with its line', () => {
    const grid = parseCsvGrid('sector,a,b,totalOutput\na,1,x,10\nb,1,1,10\n');
    try { parseIoGrid(grid, { file: 't.csv' }); throw new Error('no throw'); } catch (e) {
      expect((e as AtlasError).code).toBe('E_PARSE');
      expect((e as AtlasError).details).toMatchObject({ line: 2, field: 'b' });
    }
  });
});

describe('readers: unbalanced tables and the NBS layout', () => {
  it('reports the unbalanced sector instead of normalising', async () => {
    const r = await readIoTable(join(FIX, 'unbalanced-3.csv'));
    expect(r.unbalanced.map((u) => [u.sector, u.check, u.rowSum, u.outputColumn])).toEqual([['C', 'row-sum', 100, 120]]);
    expect(r.warnings.some((w) => w.includes('unbalanced'))).toBe(true);
    expect(Array.from(r.table.totalOutput)).toEqual([100, 100, 120]);
    await expect(readIoTable(join(FIX, 'unbalanced-3.csv'), { onUnbalanced: 'error' })).rejects.toMatchObject({ code: 'E_DEGENERATE' });
  });
  it('reads the NBS layout: codes, Chinese names, f = 最终使用合计 − 进口 + 其他, x from 总投入', async () => {
    const r = await readIoTable(join(FIX, 'nbs-3.csv'));
    expect(r.layout).toBe('nbs');
    expect(r.table.sectors).toEqual(['01', '02', '03']);
    expect(r.table.names).toEqual(['农林牧渔产品和服务', '工业', '服务']);
    expect(Array.from(r.table.finalDemand!)).toEqual([45, 230, 250]);
    expect(Array.from(r.table.totalOutput)).toEqual([100, 500, 400]);
    expect(r.outputFrom).toBe('row');
    expect(r.unbalanced).toEqual([]);
  });
  it('reads the coded NBS layout and reports 总产出 ≠ 总投入', async () => {
    const r = await readIoTable(join(FIX, 'nbs-3-coded.csv'));
    expect(r.layout).toBe('nbs');
    expect(r.table.sectors).toEqual(['01', '02', '03']);
    // 02: f = 290 − 60 + 1 = 231; Σz + f = 270 + 231 = 501 = 总产出, but 总投入 = 500
    expect(Array.from(r.table.finalDemand!)).toEqual([45, 231, 250]);
    expect(r.unbalanced.map((u) => [u.sector, u.check, u.outputColumn, u.outputRow])).toEqual([['02', 'row-vs-column', 501, 500]]);
  });
});

describe.skipIf(!existsSync(BEUTEL))('Eurostat manual (Beutel 2008) table 15.4, Germany 1995 — published figures', async () => {
  const r = existsSync(BEUTEL) ? await readIoTable(BEUTEL) : undefined;
  const pub = published.beutel;
  const ref = json('numpy-beutel.json');
  it('finds the six sectors and flags the manufacturing total the manual prints differently', () => {
    expect(r!.table.sectors).toEqual(pub.sectors);
    // output_bp column 1,079,400 vs Σz + f = output_bp row = 1,079,446
    expect(r!.unbalanced.map((u) => [u.sector, u.check])).toEqual([['manufacturing_group', 'row-sum'], ['manufacturing_group', 'row-vs-column']]);
    expect(r!.outputFrom).toBe('row');
  });
  it('Leontief diagonal matches table 15.10 (4 dp)', () => {
    const l = leontiefInverse(r!.table).value;
    expect(Math.abs(l[0] - pub.leontiefDiagonal.L11)).toBeLessThan(5e-5);
    expect(Math.abs(l[7] - pub.leontiefDiagonal.L22)).toBeLessThan(5e-5);
    expect(Math.abs(l[14] - pub.leontiefDiagonal.L33)).toBeLessThan(5e-5);
  });
  it('backward linkages (column sums of L) match the published values (4 dp)', () => {
    const m = outputMultipliers(r!.table).value;
    pub.backwardLinkages.forEach((v: number, j: number) => expect(Math.abs(m[j] - v)).toBeLessThan(5e-5));
  });
  it('forward linkages (Ghosh row sums) match the published values except the flagged manufacturing one', () => {
    const fw = rasmussenHirschman(r!.table).value.forwardTotals;
    pub.forwardLinkagesPublished.forEach((v: number, i: number) => {
      if (i === 1) expect(Math.abs(fw[i] - v)).toBeGreaterThan(0.01); // known discrepancy: 1.6910 vs printed 1.6691
      else expect(Math.abs(fw[i] - v)).toBeLessThan(5e-5);
    });
  });
  it('everything matches numpy', () => {
    const l = leontiefInverse(r!.table).value;
    expectClose(l, ref.L.flat(), TOL_NUMPY);
    expectClose(ghoshInverse(r!.table).value, ref.G.flat(), TOL_NUMPY);
    const g = rasmussenHirschman(r!.table).value;
    expectClose(g.backward, ref.backward, TOL_NUMPY);
    expectClose(g.forward, ref.forwardGhosh, TOL_NUMPY);
    expectClose(g.backwardCv, ref.backwardCv, TOL_NUMPY);
    expectClose(g.forwardCv, ref.forwardCvGhosh, TOL_NUMPY);
    const lf = rasmussenHirschman(r!.table, { forward: 'leontief' }).value;
    expectClose(lf.forward, ref.forwardLeontief, TOL_NUMPY);
    expectClose(lf.forwardTotals, ref.forwardTotalsLeontief, TOL_NUMPY);
    const ex = hypotheticalExtraction(r!.table).value;
    expectClose(ex.total, ref.extractionTotal, 1e-9);
    expectClose(ex.backward, ref.extractionBackward, 1e-9);
    expectClose(ex.forward, ref.extractionForward, 1e-9);
  });
  it('the derived (unpublished) power of dispersion in expected_values.json agrees to 4 dp', () => {
    const rh = rasmussenHirschman(r!.table).value;
    [1.0294, 1.1118, 1.0951, 0.9683, 0.9631, 0.8322].forEach((v, j) => expect(Math.abs(rh.backward[j] - v)).toBeLessThan(5e-5));
  });
  it('regionalisation (SLQ, CILQ, FLQ δ = 0.3 and 0.1) matches numpy', () => {
    const reg = ref.regional;
    const er = Float64Array.from(reg.regionalEmployment);
    const en = Float64Array.from(reg.nationalEmployment);
    for (const [key, method, delta] of [['flq', 'flq', 0.3], ['cilq', 'cilq', 0.3], ['slq', 'slq', 0.3], ['flq_delta0.1', 'flq', 0.1]] as const) {
      const out = regionaliseCoefficients(r!.table, er, en, { method, delta });
      expect(Array.from(out.value.kept)).toEqual(reg[key].kept);
      expect(out.value.lambda).toBeCloseTo(reg[key].lambda, 14);
      expectClose(out.value.coefficients, reg[key].coefficients.flat(), 1e-12);
      expectClose(out.value.table.totalOutput, reg[key].regionalOutput, 1e-12);
      expectClose(outputMultipliers(out.value.table).value, reg[key].backwardTotals, 1e-10);
      expect(out.warnings.some((w) => w.includes('construction_group'))).toBe(true);
    }
  });
  it('FLQ never exceeds CILQ coefficients, which never exceed national ones (property)', () => {
    const reg = ref.regional;
    const er = Float64Array.from(reg.regionalEmployment);
    const en = Float64Array.from(reg.nationalEmployment);
    const flq = regionaliseCoefficients(r!.table, er, en).value.coefficients;
    const cilq = regionaliseCoefficients(r!.table, er, en, { method: 'cilq' }).value.coefficients;
    for (let k = 0; k < flq.length; k++) expect(flq[k]).toBeLessThanOrEqual(cilq[k] + 1e-15);
  });
});

describe.skipIf(!existsSync(BEA_USE))('BEA 2015 summary tables', async () => {
  const use = existsSync(BEA_USE) ? await readIoTable(BEA_USE) : undefined;
  const ref = json('numpy-bea-2015.json');
  it('reads the use table as the 71 commodity × industry square block', () => {
    expect(use!.layout).toBe('bea-use');
    expect(use!.table.sectors).toEqual(ref.sectors);
    expect(use!.warnings.some((w) => /Used, Other/.test(w))).toBe(true);
    // BEA rounds cells to $1 million: within the rounding slack nothing is unbalanced
    expect(use!.unbalanced).toEqual([]);
  });
  it('Leontief, Ghosh, Rasmussen and extraction match numpy', () => {
    const rh = rasmussenHirschman(use!.table).value;
    expectClose(rh.backwardTotals, ref.backwardTotals, 1e-9);
    expectClose(rh.forwardTotals, ref.forwardTotalsGhosh, 1e-9);
    expectClose(rh.backward, ref.backward, 1e-9);
    expectClose(rh.forward, ref.forwardGhosh, 1e-9);
    const l = leontiefInverse(use!.table).value;
    expectClose(Array.from({ length: 71 }, (_, i) => l[i * 71 + i]), ref.leontiefDiagonal, 1e-9);
    const ex = hypotheticalExtraction(use!.table).value;
    expectClose(ex.total, ref.extractionTotal, 1e-8);
    expectClose(ex.backward, ref.extractionBackward, 1e-8);
    expectClose(ex.forward, ref.extractionForward, 1e-8);
  });
  it("BEA's published total requirements: our column sums equal BEA's own output-requirement row", async () => {
    const tr = await readBeaRequirements(BEA_TR);
    const pub = published.bea2015;
    expect(tr.sectors.length).toBe(71);
    const m = outputMultipliers(tr, { leontief: tr.requirements }).value;
    tr.sectors.forEach((s, j) => {
      const v = pub.totalIndustryOutputRequirement[pub.commodities.indexOf(s)];
      // BEA prints cells to 7 significant digits (≤ 5e-7 each for cells below 1) and the total
      // from unrounded cells: at most 71 × 5e-7 apart
      expect(Math.abs(m[j] - v)).toBeLessThan(71 * 5e-7);
    });
    const rh = rasmussenHirschman(tr, { leontief: tr.requirements, forward: 'leontief' }).value;
    expectClose(rh.backward, ref.beaTotalRequirements.backward, 1e-12);
    expectClose(rh.forward, ref.beaTotalRequirements.forwardLeontief, 1e-12);
  });
  it('the XLSX workbook (sheet 2015) reads the same as its CSV export', async () => {
    const xlsx = join(SHARED, 'io-bea-us-summary', 'IxC_TR_1997-2015_Summary.xlsx');
    const fromXlsx = await readBeaRequirements(xlsx, { sheet: '2015' });
    const fromCsv = await readBeaRequirements(BEA_TR);
    expect(fromXlsx.sectors).toEqual(fromCsv.sectors);
    expectClose(fromXlsx.requirements, fromCsv.requirements, 1e-12);
    await expect(readBeaRequirements(xlsx, { sheet: '1066' })).rejects.toMatchObject({ code: 'E_OPTION' });
  });
});
