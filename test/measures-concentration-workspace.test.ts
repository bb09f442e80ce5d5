/**
 * Concentration family on a DuckDB workspace: the SQL aggregation path (src/load/region-industry.ts)
 * agrees with the TypeScript path and with the numpy reference; roll-up, groups, years, NULLs;
 * and the `cluster-atlas measure …` verbs end to end (in process).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AtlasError } from '../src/core/errors.js';
import { createRng } from '../src/core/rng.js';
import { plantMoments } from '../src/data/concentration-plants.js';
import { loadFirmAggregates, loadFirmSizes, loadFirmSizesByIndustry, loadStatsMatrix, loadStatsPanel } from '../src/load/region-industry.js';
import { herfindahl } from '../src/measures/concentration/herfindahl.js';
import { ellisonGlaeser } from '../src/measures/zone-agglomeration/ellison-glaeser.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { main } from '../src/cli/main.js';

const REF = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'concentration', 'reference.json'), 'utf8'));
const IN = REF.inputs;
const DIVISIONS = ['13', '17', '18', '19', '38']; // fixture industries A–E as GB/T divisions
const dir = mkdtempSync(join(tmpdir(), 'atlas-conc-'));
const path = join(dir, 'workspace.duckdb');
let ws: Workspace;

async function build(): Promise<void> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  await c.run('CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)');
  await c.run("INSERT INTO meta VALUES ('industry_code_system', 'GB/T 4754-2017')");
  await c.run('CREATE TABLE firms (id VARCHAR, industry VARCHAR, region VARCHAR, employees DOUBLE, revenue DOUBLE, output DOUBLE)');
  await c.run('CREATE TABLE regional_stats (region VARCHAR, industry VARCHAR, year INTEGER, employment DOUBLE, output DOUBLE, establishments DOUBLE)');
  await c.run('CREATE TABLE regions (code VARCHAR, level VARCHAR)');
  const rng = createRng(5);
  const firms: string[] = [];
  IN.plants.forEach((p: { region: number; industry: number; size: number }, k: number) => {
    // a class code under the division, so that roll-up to 'division' is needed
    const cls = `${DIVISIONS[p.industry]}${1 + rng.int(3)}${1 + rng.int(3)}`;
    firms.push(`('F${k}', '${cls}', '${IN.regions[p.region]}', ${p.size}, ${p.size * 2}, NULL)`);
  });
  firms.push("('X1', 'C', 'R1', 5, 1, 1)"); // a section code: cannot roll up to division
  firms.push("('X2', '1311', NULL, 5, 1, 1)"); // no region
  await c.run(`INSERT INTO firms VALUES ${firms.join(',')}`);
  const stats: string[] = [];
  for (const [year, m] of [[2020, IN.employment], [2021, IN.employmentFinal]] as [number, number[][]][]) {
    m.forEach((row, r) => row.forEach((v, i) => { if (v > 0) stats.push(`('${IN.regions[r]}', '${DIVISIONS[i]}', ${year}, ${v}, NULL, ${IN.establishments[r][i]})`); }));
  }
  stats.push("('R1', '13', 2022, NULL, NULL, 1)", "('R2', '13', 2022, 4, NULL, 1)");
  await c.run(`INSERT INTO regional_stats VALUES ${stats.join(',')}`);
  await c.run(`INSERT INTO regions VALUES ${IN.regions.map((r: string, k: number) => `('${r}', '${k < 5 ? 'county' : 'city'}')`).join(',')}`);
  c.closeSync();
  inst.closeSync();
}

beforeAll(async () => {
  await build();
  ws = await openWorkspace(path);
});
afterAll(() => {
  ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const close = (a: number, b: number | null, rtol = 1e-10): void => {
  if (b === null) { expect(Number.isNaN(a)).toBe(true); return; }
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(b)));
};

describe('loading from a workspace', () => {
  it('firm aggregates rolled up to division: SQL path = TypeScript path = numpy reference', async () => {
    const l = await loadFirmAggregates(ws, { level: 'division' });
    expect(l.value.size.industries).toEqual(DIVISIONS);
    expect(l.value.size.regions).toEqual(IN.regions);
    const flat = (IN.employment as number[][]).flat();
    l.value.size.values.forEach((v, k) => close(v, flat[k], 1e-12));
    // the TS path from the same firm rows
    const ts = plantMoments(DIVISIONS, IN.plants.map((p: { size: number }) => p.size), IN.plants.map((p: { industry: number }) => p.industry));
    for (let i = 0; i < DIVISIONS.length; i++) {
      close(l.value.plants.count[i], ts.count[i]);
      close(l.value.plants.sumSquares[i], ts.sumSquares[i], 1e-12);
      close(l.value.plants.sumFourth[i], ts.sumFourth[i], 1e-12);
    }
    const eg = ellisonGlaeser(l.value.size, l.value.plants).value;
    eg.gamma.forEach((g, i) => close(g, REF.zone.gamma[i], 1e-9));
    // excluded rows are counted, by reason
    expect(l.provenance.excluded).toEqual(expect.arrayContaining([{ reason: 'firm has no region', rows: 1 }]));
    const established = (IN.establishments as number[][]).flat();
    l.value.establishments.values.forEach((v, k) => expect(v).toBe(established[k]));
    // the section code of X1 cannot be rolled up to a division: excluded and counted
    expect(l.provenance.excluded.some((e) => e.reason.startsWith('code coarser than division') && e.rows === 1)).toBe(true);
  });
  it('HHI from SQL moments = HHI from the firm sizes', async () => {
    const l = await loadFirmAggregates(ws, { level: 'division' });
    const sizes = await loadFirmSizesByIndustry(ws, { level: 'division' });
    // market concentration is aspatial: the firm without a region (X2, in 13) counts there, not in the EG moments
    expect(sizes.value.get('13')!.length).toBe(l.value.plants.count[0] + 1);
    for (const [i, code] of DIVISIONS.entries()) {
      if (code === '13') continue;
      const fromMoments = l.value.plants.sumSquares[i] / l.value.plants.sum[i] ** 2;
      close(herfindahl(sizes.value.get(code)!).value.hhi, fromMoments, 1e-12);
    }
    const one = await loadFirmSizes(ws, { level: 'division', industry: '38' });
    expect(one.value.length).toBe(IN.plants.filter((p: { industry: number }) => p.industry === 4).length);
  });
  it('regional statistics: a year, the LQ of the reference, NULL as unknown, several years need a year', async () => {
    const m = await loadStatsMatrix(ws, { year: 2020, level: 'division' });
    const lq = locationQuotient(m.value).value.values;
    lq.forEach((v, k) => close(v, REF.specialisation.lq[k], 1e-10));
    await expect(loadStatsMatrix(ws, {})).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(loadStatsMatrix(ws, { year: 1999 })).rejects.toMatchObject({ code: 'E_OPTION' });
    const y22 = await loadStatsMatrix(ws, { year: 2022 });
    expect(y22.provenance.unknownCells).toBe(1);
    expect(Number.isNaN(y22.value.values[0])).toBe(true);
    expect(() => locationQuotient(y22.value)).toThrow(AtlasError);
  });
  it('groups (cluster categories) and a region level', async () => {
    const g = await loadStatsMatrix(ws, { year: 2020, groups: { textiles: ['17', '18', '19'], food: ['13'] }, regionLevel: 'county' });
    expect(g.value.industries).toEqual(['food', 'textiles']);
    expect(g.value.regions).toEqual(['R1', 'R2', 'R3', 'R4', 'R5']);
    expect(g.provenance.excluded).toEqual([{ reason: 'industry in no group', rows: expect.any(Number) }]);
    const E = IN.employment as number[][];
    close(g.value.values[1], E[0][1] + E[0][2] + E[0][3], 1e-12);
  });
  it('a two-year panel for shift-share', async () => {
    const p = await loadStatsPanel(ws, { baseYear: 2020, finalYear: 2021, level: 'division' });
    expect(p.value.base.regions).toEqual(p.value.final.regions);
    const flat = (IN.employmentFinal as number[][]).flat();
    p.value.final.values.forEach((v, k) => close(v, flat[k], 1e-12));
  });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const code = await main(['node', 'cluster-atlas', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('cluster-atlas measure (concentration family)', () => {
  beforeAll(() => ws?.close());
  it('eg --format json gives the reference γ', async () => {
    const r = await run(['--format', 'json', 'measure', 'eg', '--workspace', path, '--level', 'division']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    doc.industries.forEach((row: { gamma: number }, i: number) => close(row.gamma, REF.zone.gamma[i], 1e-9));
    expect(doc.provenance.input.table).toBe('firms');
  });
  it('lq, specialisation, concentration, coagglomeration, shift-share, strong-clusters run and print JSON', async () => {
    for (const args of [
      ['lq', '--year', '2020', '--level', 'division'],
      ['specialisation', '--year', '2020', '--level', 'division'],
      ['concentration', '--level', 'division'],
      ['concentration', '--level', 'division', '--industry', '38', '--lorenz'],
      ['coagglomeration', '--level', 'division', '--group', '13,17,19'],
      ['shift-share', '--base-year', '2020', '--final-year', '2021', '--level', 'division'],
      ['strong-clusters', '--year', '2020', '--level', 'division'],
    ]) {
      const r = await run(['--format', 'json', 'measure', ...args, '--workspace', path]);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      const doc = JSON.parse(r.out);
      expect(doc).toBeTypeOf('object');
    }
    const co = JSON.parse((await run(['--format', 'json', 'measure', 'coagglomeration', '--level', 'division', '--group', '13,17,19', '--workspace', path])).out);
    close(co.value.gamma, REF.zone.coagglomeration.gamma, 1e-9);
    const ss = JSON.parse((await run(['--format', 'json', 'measure', 'shift-share', '--base-year', '2020', '--final-year', '2021', '--level', 'division', '--workspace', path])).out);
    close(ss.nationalGrowth, REF.shiftShare.g, 1e-10);
  });
  it('concentration of one industry matches herfindahl over the fixture plants; --groups reads cluster categories', async () => {
    const r = await run(['--format', 'json', 'measure', 'concentration', '--workspace', path, '--level', 'division', '--industry', '38']);
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    const sizes = IN.plants.filter((p: { industry: number }) => p.industry === 4).map((p: { size: number }) => p.size);
    close(doc.industries[0].hhi, herfindahl(sizes).value.hhi, 1e-12);
    expect(doc.industries[0].firms).toBe(sizes.length);
    const groups = join(dir, 'groups.json');
    writeFileSync(groups, JSON.stringify({ textiles: ['17', '18', '19'], food: ['13'] }));
    const g = await run(['--format', 'json', 'measure', 'lq', '--workspace', path, '--year', '2020', '--groups', groups]);
    expect(g.code, g.err).toBe(0);
    expect([...new Set(JSON.parse(g.out).cells.map((c: { industry: string }) => c.industry))]).toEqual(['food', 'textiles']);
    const bad = await run(['measure', 'lq', '--workspace', path, '--year', '2020', '--groups', join(dir, 'nope.json')]);
    expect(bad.code).toBe(1);
  });
  it('table output, and a user error exits 1 with a one-line reason', async () => {
    const t = await run(['measure', 'lq', '--year', '2020', '--workspace', path, '--limit', '3']);
    expect(t.code).toBe(0);
    expect(t.out).toContain('LQ');
    const bad = await run(['measure', 'lq', '--workspace', path]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('give a year');
    const nan = await run(['measure', 'lq', '--year', '2022', '--workspace', path]);
    expect(nan.code).toBe(1);
    expect(nan.err).toContain('must be finite');
    const ok = await run(['measure', 'lq', '--year', '2022', '--missing', 'zero', '--workspace', path, '--format', 'json']);
    expect(ok.code).toBe(0);
  });
});
