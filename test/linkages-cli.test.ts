import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../src/cli/main.js';
import { runLinkages, runNetwork } from '../src/cli/measures/linkages.js';
import type { CliContext } from '../src/cli/output.js';
import { ingest } from '../src/io/ingest.js';
import { fixtureCopy, NOW } from './helpers.js';
import { SHARED_DATA } from './shared-data.js';

const FIX = join(import.meta.dirname, 'fixtures', 'linkages');
const BEUTEL = join(SHARED_DATA, 'io-eurostat-beutel-germany', 'Beutel_15_4_germany_1995_siot.csv');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function ctx(format: 'json' | 'table' = 'json'): CliContext & { lines: string[]; errs: string[] } {
  const lines: string[] = [];
  const errs: string[] = [];
  return { lang: 'en', format, quiet: false, progress: false, out: (s) => lines.push(s), err: (s) => errs.push(s), lines, errs };
}

describe('cluster-atlas measure linkages', () => {
  it('JSON: sectors with multipliers, linkages, classes and extraction; unbalanced reported', async () => {
    const c = ctx();
    await runLinkages(c, { io: join(FIX, 'unbalanced-3.csv'), layout: 'auto', forward: 'ghosh', method: 'flq' });
    const out = JSON.parse(c.lines.join('\n'));
    expect(out.table.unbalanced[0]).toMatchObject({ sector: 'C', check: 'row-sum' });
    expect(out.sectors.map((s: any) => s.code)).toEqual(['A', 'B', 'C']);
    const mean = out.sectors.reduce((a: number, s: any) => a + s.backward, 0) / 3;
    expect(mean).toBeCloseTo(1, 12);
    expect(['key', 'backward', 'forward', 'weak']).toContain(out.sectors[0].keySector);
  });
  it('--strict-balance turns the report into an E_DEGENERATE error', async () => {
    await expect(runLinkages(ctx(), { io: join(FIX, 'unbalanced-3.csv'), layout: 'auto', forward: 'ghosh', method: 'flq', strictBalance: true })).rejects.toMatchObject({ code: 'E_DEGENERATE' });
  });
  it.skipIf(!existsSync(BEUTEL))('through the program: --forward leontief on the Beutel table', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await buildProgram().parseAsync(['node', 'cluster-atlas', '--format', 'json', 'measure', 'linkages', '--io', BEUTEL, '--forward', 'leontief']);
      const out = JSON.parse(String(write.mock.calls.map((c) => c[0]).join('')));
      // Leontief row sums normalised (sensitivity of dispersion), derived in expected_values.json to 4 dp
      [0.6591, 1.4636, 0.7034, 0.9853, 1.4522, 0.7364].forEach((v, i) => expect(Math.abs(out.sectors[i].forward - v)).toBeLessThan(5e-5));
      expect(out.forward).toBe('leontief');
    } finally { write.mockRestore(); }
  });
  it.skipIf(!existsSync(BEUTEL))('--regional: FLQ (δ = 0.3) multipliers equal numpy', async () => {
    const c = ctx();
    await runLinkages(c, { io: BEUTEL, layout: 'auto', forward: 'ghosh', method: 'flq', regional: join(FIX, 'beutel-regional.csv') });
    const out = JSON.parse(c.lines.join('\n'));
    const ref = JSON.parse(readFileSync(join(FIX, 'numpy-beutel.json'), 'utf8')).regional.flq;
    expect(out.regional.sectorsKept).toHaveLength(5); // construction has no regional employment
    out.sectors.forEach((s: any, i: number) => expect(s.outputMultiplier).toBeCloseTo(ref.backwardTotals[i], 10));
  });
  it('table output lists the sectors', async () => {
    const c = ctx('table');
    await runLinkages(c, { io: join(FIX, 'miller-blair-2x2.csv'), layout: 'auto', forward: 'ghosh', method: 'flq' });
    expect(c.lines.join('\n')).toContain('Sector one');
  });
});

describe('measure linkages --matrix and --sheet', () => {
  it('--matrix L prints the Leontief inverse in full as CSV (Miller–Blair 2×2, hand-derived)', async () => {
    const c = ctx('table');
    await runLinkages(c, { io: join(FIX, 'miller-blair-2x2.csv'), layout: 'auto', forward: 'ghosh', method: 'flq', matrix: 'L' });
    const lines = c.lines.join('\n').split('\n');
    expect(lines[0]).toBe('sector,S1,S2');
    // A = [[.15, .25], [.2, .05]]; det(I − A) = .85·.95 − .25·.2 = .7575; L = [[.95, .25], [.2, .85]] / .7575
    const row1 = lines[1].split(',').map(Number);
    expect(lines[1].split(',')[0]).toBe('S1');
    expect(row1[1]).toBeCloseTo(0.95 / 0.7575, 14);
    expect(row1[2]).toBeCloseTo(0.25 / 0.7575, 14);
    expect(Number(lines[2].split(',')[1])).toBeCloseTo(0.2 / 0.7575, 14);
    const g = ctx('table');
    await runLinkages(g, { io: join(FIX, 'miller-blair-2x2.csv'), layout: 'auto', forward: 'ghosh', method: 'flq', matrix: 'A' });
    expect(g.lines.join('\n').split('\n')[1]).toBe('S1,0.15,0.25');
    // a matrix the option does not know is refused by the command line (exit 1, the choices named)
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = buildProgram().exitOverride().configureOutput({ writeErr: () => undefined });
      await expect(p.parseAsync(['node', 'cluster-atlas', 'measure', 'linkages', '--io', join(FIX, 'miller-blair-2x2.csv'), '--matrix', 'X'])).rejects.toThrow(/Allowed choices are A, L, B, G/);
    } finally { err.mockRestore(); }
  });
  it('--sheet takes a name first (a sheet named "2015"), then a 0-based index; an unknown sheet lists the names', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const d = mkdtempSync(join(tmpdir(), 'atlas-sheet-'));
    dirs.push(d);
    const wb = new ExcelJS.Workbook();
    const put = (name: string, z12: number) => {
      const ws = wb.addWorksheet(name);
      ws.addRows([['sector', 'name', 'S1', 'S2', 'finalDemand', 'totalOutput'], ['S1', 'one', 150, z12, 850 - z12, 1000], ['S2', 'two', 200, 100, 1700, 2000]]);
    };
    put('notes', 1); put('2014', 400); put('2015', 500);
    const file = join(d, 'io.xlsx');
    await wb.xlsx.writeFile(file);
    const a12 = async (sheet: string) => { const c = ctx('table'); await runLinkages(c, { io: file, layout: 'auto', forward: 'ghosh', method: 'flq', matrix: 'A', sheet }); return Number(c.lines.join('\n').split('\n')[1].split(',')[2]); };
    expect(await a12('2015')).toBeCloseTo(0.25, 15); // by name, not index 2015
    expect(await a12('1')).toBeCloseTo(0.2, 15); // index 1: the sheet "2014"
    await expect(a12('2016')).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'sheet' } });
    await expect(a12('2016')).rejects.toThrow(/"notes", "2014", "2015"/);
  });
});

describe('cluster-atlas measure network (ingest fixture workspace)', async () => {
  const dir = fixtureCopy();
  dirs.push(dir);
  await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
  const project = join(dir, 'cluster-atlas.json');
  it('region place: embeddedness, institutions, boundary flows, chain completeness (JSON)', async () => {
    const c = ctx();
    const out = await runNetwork(c, { place: 'region:330001', project, scope: 'inside', weight: 'value', missing: 'zero', size: 'employees', chain: 'apparel', radiusKm: '200' }) as any;
    const json = JSON.parse(c.lines.join('\n'));
    expect(json.nodes.firmsInside).toBe(3); // F1, F2, F4 are in 330001
    expect(json.place).toEqual({ kind: 'region', code: '330001' });
    expect(json.chain.template).toBe('apparel');
    expect(json.chain.stages.find((s: any) => s.id === 'garment').firmsInside).toBeGreaterThanOrEqual(1);
    expect(out.boundary.find((r: any) => r.type === 'finance')).toBeDefined();
    expect(Array.isArray(json.leaders)).toBe(true);
  });
  it('measure linkages without --io uses the ingested IO table (hand-derived multipliers)', async () => {
    const c = ctx();
    await runLinkages(c, { project, layout: 'auto', forward: 'ghosh', method: 'flq' });
    const out = JSON.parse(c.lines.join('\n'));
    // io.csv: A = [[.1, .1], [.3, .2]], det(I − A) = .69, L = [[.8, .1], [.3, .9]] / .69
    expect(out.sectors.map((s: any) => s.code)).toEqual(['A', 'B']);
    expect(out.sectors[0].outputMultiplier).toBeCloseTo(1.1 / 0.69, 12);
    expect(out.sectors[1].outputMultiplier).toBeCloseTo(1 / 0.69, 12);
    expect(out.sectors[0].name).toBe('农业');
    expect(out.table.unbalanced).toEqual([]);
  });
  it('a bad place or unknown chain is a user error', async () => {
    await expect(runNetwork(ctx(), { place: 'planet:mars', project, scope: 'inside', weight: 'value', missing: 'zero', size: 'employees' })).rejects.toMatchObject({ code: 'E_OPTION' });
    await expect(runNetwork(ctx(), { place: 'all', project, scope: 'inside', weight: 'value', missing: 'zero', size: 'employees', chain: 'nope' })).rejects.toMatchObject({ code: 'E_OPTION' });
  });
  it('--starts and --partition: best modularity of the starts, its spread, node → community as CSV and JSON; never overwrites', async () => {
    const c = ctx();
    const csvFile = join(dir, 'partition.csv');
    await runNetwork(c, { place: 'all', project, scope: 'all', weight: 'count', missing: 'zero', size: 'employees', starts: '5', partition: csvFile });
    const j = JSON.parse(c.lines.join('\n'));
    expect(j.communities.starts).toBe(5);
    expect(j.communities.modularitySpread.starts).toHaveLength(5);
    expect(j.communities.modularity).toBeCloseTo(j.communities.modularitySpread.max, 12);
    const rows = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('id,kind,community');
    expect(rows.length - 1).toBe(j.nodes.inScope);
    const sizes = new Map<string, number>();
    for (const r of rows.slice(1)) { const k = r.split(',')[2]; sizes.set(k, (sizes.get(k) ?? 0) + 1); }
    expect(sizes.size).toBe(j.communities.count);
    expect(sizes.get('0')).toBe(j.communities.sizes[0]);
    const jsonFile = join(dir, 'partition.json');
    await runNetwork(ctx(), { place: 'all', project, scope: 'all', weight: 'count', missing: 'zero', size: 'employees', starts: '5', partition: jsonFile });
    const parts = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(parts.map((p: any) => `${p.id},${p.kind},${p.community}`)).toEqual(rows.slice(1));
    await expect(runNetwork(ctx(), { place: 'all', project, scope: 'all', weight: 'count', missing: 'zero', size: 'employees', partition: csvFile })).rejects.toMatchObject({ code: 'E_FILE', details: { field: 'partition' } });
    for (const bad of ['0', '2.5', 'x']) await expect(runNetwork(ctx(), { place: 'all', project, scope: 'all', weight: 'count', missing: 'zero', size: 'employees', starts: bad })).rejects.toMatchObject({ code: 'E_OPTION' });
  });
  it('missing link values under --missing error fail with E_NOT_FINITE', async () => {
    await expect(runNetwork(ctx(), { place: 'all', project, scope: 'inside', weight: 'value', missing: 'error', size: 'employees' })).rejects.toMatchObject({ code: 'E_NOT_FINITE' });
  });
});
