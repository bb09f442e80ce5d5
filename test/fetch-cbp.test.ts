import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cbpApiUrl, parseCbpTable } from '../src/io/cbp.js';
import { runFetchCbp } from '../src/cli/commands/fetch.js';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { SHARED_DATA } from './shared-data.js';

const SHARED = SHARED_DATA;
const KY = join(SHARED, 'cbp2021-county-naics', 'county', 'industriesPerCounty_kentucky_2021.csv');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const quiet = { lang: 'en' as const, format: 'json' as const, quiet: true, out: () => undefined, err: () => undefined, progress: false };

describe('fetch cbp', () => {
  it('builds the Census API request', () => {
    expect(cbpApiUrl({ year: 2021, level: 'county', state: '21' })).toBe('https://api.census.gov/data/2021/cbp?get=GEO_ID,NAME,NAICS2017,NAICS2017_LABEL,ESTAB,EMP,PAYANN&for=county:*&in=state:21');
    expect(cbpApiUrl({ year: 2019, level: 'state' })).toContain('for=state:*');
    expect(() => cbpApiUrl({ year: 2012, level: 'county' })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => cbpApiUrl({ year: 2021, level: 'county', state: 'KY' })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
  });

  it('keeps 3-digit cells, reads API JSON, and keeps withheld employment unknown', () => {
    const api = [
      ['GEO_ID', 'NAME', 'NAICS2017', 'NAICS2017_LABEL', 'ESTAB', 'EMP', 'PAYANN', 'state', 'county'],
      ['0500000US21001', 'Adair County, Kentucky', '00', 'Total', '300', '4000', '100000', '21', '001'],
      ['0500000US21001', 'Adair County, Kentucky', '31-33', 'Manufacturing', '20', '900', '30000', '21', '001'],
      ['0500000US21001', 'Adair County, Kentucky', '311', 'Food', '3', '', '5000', '21', '001'],
      ['0500000US21001', 'Adair County, Kentucky', '3116', 'Meat', '1', '50', '1000', '21', '001'],
      ['0500000US21003', 'Allen County, Kentucky', '336', 'Transport equipment', '4', '1200', '60000', '21', '003'],
    ];
    const p = parseCbpTable(api, 2021, 'test');
    expect(p.rows.map((r) => [r.region, r.naics, r.employment, r.establishments])).toEqual([['21001', '311', null, 3], ['21003', '336', 1200, 4]]);
    expect(p.withheld).toBe(1);
    expect(p.rows[0]).toMatchObject({ parent: '21', level: 'county' });
    // any NAICS level the files hold: 2 digits (with the sector ranges), 4 digits; never the total 00
    expect(parseCbpTable(api, 2021, 'test', 2).rows.map((r) => r.naics)).toEqual(['31-33']);
    expect(parseCbpTable(api, 2021, 'test', 4).rows.map((r) => [r.naics, r.employment])).toEqual([['3116', 50]]);
    for (const bad of [1, 7, 3.5]) expect(() => parseCbpTable(api, 2021, 'test', bad)).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'naics-digits' }) }));
    expect(() => parseCbpTable([['NAME', 'EMP']], 2021, 'x.json')).toThrow(expect.objectContaining({ code: 'E_PARSE', details: expect.objectContaining({ field: 'GEO_ID' }) }));
  });

  it.skipIf(!existsSync(KY))('converts the Kentucky 2021 extract into a project that ingests without rejects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cbp-'));
    dirs.push(dir);
    await runFetchCbp(quiet, { year: '2021', level: 'county', out: dir, fromCsv: [KY] });
    expect(readdirSync(dir).sort()).toEqual(['cluster-atlas.json', 'regional_stats.csv', 'regions.csv']);
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: () => new Date('2026-06-01T00:00:00Z') });
    expect(s.findings).toBe(0);
    const ws = await openWorkspace(s.workspace);
    const [r] = await ws.all<{ counties: number; unknown: number }>("SELECT count(DISTINCT region)::INT AS counties, count(*) FILTER (WHERE employment IS NULL)::INT AS unknown FROM regional_stats");
    ws.close();
    expect(r.counties).toBe(120); // SOURCE.txt: 120 Kentucky counties
  });

  it.skipIf(!existsSync(KY))('--naics-digits 6 keeps the 6-digit industries of the extract, and ingests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cbp-'));
    dirs.push(dir);
    let summary: any;
    await runFetchCbp({ ...quiet, out: (s: string) => { summary = JSON.parse(s); } }, { year: '2021', level: 'county', out: dir, fromCsv: [KY], naicsDigits: '6' });
    expect(summary.naicsDigits).toBe(6);
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: () => new Date('2026-06-01T00:00:00Z') });
    expect(s.findings).toBe(0);
    const ws = await openWorkspace(s.workspace);
    const [r] = await ws.all<{ short: number; n: number }>('SELECT count(*) FILTER (WHERE length(industry) <> 6)::INT AS short, count(*)::INT AS n FROM regional_stats');
    ws.close();
    expect(r.short).toBe(0);
    expect(r.n).toBeGreaterThan(1000);
    await expect(runFetchCbp(quiet, { year: '2021', level: 'county', out: dir, fromCsv: [KY], naicsDigits: '8' })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'naics-digits' } });
  });

  it('offline download fails with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cbp-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'x'), '');
    await expect(runFetchCbp(quiet, { year: '2099', level: 'county', out: dir })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'year' } });
  });
});

describe.skipIf(!existsSync(KY))('measure eg --source stats (regional statistics, as County Business Patterns)', () => {
  const REF = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'concentration', 'cbp-ky.json'), 'utf8')) as { eg: Record<string, { gamma: number; G: number; H: number; locationalGini: number }> };
  it('equals the independent reference (equal-sized establishments), states the assumption, and takes a Herfindahl file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cbp-eg-'));
    dirs.push(dir);
    await runFetchCbp(quiet, { year: '2021', level: 'county', out: dir, fromCsv: [KY] });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: () => new Date('2026-06-01T00:00:00Z') });
    const run = async (args: string[]) => {
      const { main } = await import('../src/cli/main.js');
      let stdout = '', stderr = '';
      const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { stdout += String(s); return true; });
      const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { stderr += String(s); return true; });
      try { return { code: await main(['node', 'cluster-atlas', ...args]), stdout, stderr }; } finally { o.mockRestore(); e.mockRestore(); }
    };
    const r = await run(['--format', 'json', 'measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--source', 'stats', '--missing', 'zero']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.plantSize).toMatch(/equal-sized establishments/);
    let compared = 0;
    for (const [code, ref] of Object.entries(REF.eg)) {
      const row = j.industries.find((x: any) => x.industry === code);
      expect(Math.abs(row.gamma - ref.gamma)).toBeLessThan(1e-9);
      expect(Math.abs(row.plantHerfindahl - ref.H)).toBeLessThan(1e-12);
      expect(Math.abs(row.locationalGini - ref.locationalGini)).toBeLessThan(1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3); // every industry of the reference
    // a Herfindahl per industry: H as given, G unchanged, γ = (G − (1 − Σx²)H)/((1 − Σx²)(1 − H)) recomputed here
    const hFile = join(dir, 'h.csv');
    writeFileSync(hFile, `industry,herfindahl\n${j.industries.map((x: any) => `${x.industry},0.05`).join('\n')}\n`);
    const h = JSON.parse((await run(['--format', 'json', 'measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--source', 'stats', '--missing', 'zero', '--herfindahl', hFile])).stdout);
    const first = h.industries.find((x: any) => x.industry === j.industries[0].industry);
    expect(first.plantHerfindahl).toBeCloseTo(0.05, 14);
    expect(first.rawConcentration).toBeCloseTo(j.industries[0].rawConcentration, 14);
    expect(first.zScore).toBeNull();
    expect(h.plantSize).toMatch(/h\.csv/);
    writeFileSync(hFile, 'industry,herfindahl\n311,1.5\n');
    const bad = await run(['measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--source', 'stats', '--herfindahl', hFile]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/h\.csv:2: herfindahl must be a number in \(0, 1\]/);
    const wrong = await run(['measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--herfindahl', hFile]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/--herfindahl needs --source stats/);
    const year = await run(['measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--source', 'stats', '--year', 'soon']);
    expect(year.code).toBe(1);
    expect(year.stderr).toMatch(/--year must be an integer/);
    const lo = await run(['measure', 'eg', '--project', join(dir, 'cluster-atlas.json'), '--source', 'stats', '--missing', 'leave-out']);
    expect(lo.code).toBe(1);
    expect(lo.stderr).toMatch(/leave-out applies to firms/);
  }, 60_000);
});
