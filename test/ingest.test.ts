import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, fixtureCopy, NOW, readRejectsCsv, setLine } from './helpers.js';

const dirs: string[] = [];
function copy(): string {
  const d = fixtureCopy();
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function run(dir: string, extra: Partial<Parameters<typeof ingest>[0]> = {}) {
  return ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW, ...extra });
}

async function query<T = Record<string, unknown>>(dir: string, sql: string): Promise<T[]> {
  const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
  try { return await ws.all<T>(sql); } finally { ws.close(); }
}

describe('ingest of the clean fixture', () => {
  it('loads every input, converts units and synonyms, and rejects nothing', async () => {
    const dir = copy();
    const s = await run(dir);
    expect(s.findings).toBe(0);
    expect(Object.fromEntries(s.inputs.map((i) => [i.kind, [i.rows, i.loaded, i.rejected]]))).toEqual({
      regions: [2, 2, 0], parks: [1, 1, 0], firms: [5, 5, 0], institutions: [2, 2, 0], links: [4, 4, 0],
      regionalStats: [3, 3, 0], ioTable: [2, 2, 0], chainTemplates: [1, 1, 0],
    });
    const firms = await query(dir, 'SELECT * FROM firms ORDER BY id');
    expect(firms[0]).toMatchObject({ id: 'F1', industry: '1811', lon: 120.5, lat: 30.5, revenue: 5000 * 1e4, founded: 2005, ownership: 'local', park: 'P1', functions: ['production', 'rnd'] });
    expect(firms[1]).toMatchObject({ id: 'F2', industry: '1811' }); // 'C1811' normalised
    expect(firms[2]).toMatchObject({ id: 'F3', revenue: 120000 * 1e4, ownership: 'foreign', functions: ['production', 'rnd', 'marketing'] });
    expect(firms[3]).toMatchObject({ id: 'F4', lon: null, region: '330001', ownership: 'external_domestic', functions: null });
    // F5 has coordinates but no region code: it gets the region whose polygon holds it
    expect(firms[4]).toMatchObject({ id: 'F5', ownership: 'state', region: '330002', park: null });
    expect(s.warnings).toContain('firms: 1 without a region code got one from the regions polygon they lie in');
    const links = await query(dir, 'SELECT type, value FROM links ORDER BY source, target');
    expect(links.map((l) => l.type)).toEqual(['membership', 'supply', 'subcontract', 'finance']);
    const regions = await query(dir, 'SELECT code, gdp, min_lon, max_lat, centroid_lon, centroid_lat FROM regions ORDER BY code');
    expect(regions[0]).toMatchObject({ code: '330001', gdp: 3e10, min_lon: 120, max_lat: 31 });
    expect(regions[0].centroid_lon).toBeCloseTo(120.5, 12);
    const stages = await query(dir, 'SELECT stage_id, industries FROM chain_stages ORDER BY ord, stage_id');
    expect(stages.find((s) => s.stage_id === 'textile')?.industries).toEqual(['1751', '1713']);
    const io = await query(dir, 'SELECT sum(value) AS z FROM io_flows');
    expect(io[0].z).toBe(100);
    const csv = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(csv).toEqual([]);
  });
});

interface Case {
  reason: string;
  file: 'firms.csv' | 'links.csv' | 'institutions.csv' | 'stats.csv';
  line: number;
  text: string;
  field?: string;
}

// One case per class of bad input: the row at `line` is replaced by `text`, and the reject must
// name that line, the reason and the field.
const FIRM = (cols: Partial<Record<string, string>>): string => {
  const base: Record<string, string> = { id: 'FX', name: '测试企业', industry: '1811', lon: '120.3', lat: '30.2', region: '330001', emp: '10', rev: '100', year: '2010', own: '本地', park: '', pat: '0', fn: '生产' };
  const v = { ...base, ...cols };
  return [v.id, v.name, v.industry, v.lon, v.lat, v.region, v.emp, v.rev, v.year, v.own, v.park, v.pat, v.fn].join(',');
};
const CASES: Case[] = [
  { reason: 'missing_required', file: 'firms.csv', line: 3, text: FIRM({ industry: '' }), field: '行业代码 (industry)' },
  { reason: 'missing_required', file: 'firms.csv', line: 4, text: FIRM({ id: '' }), field: '企业代码 (id)' },
  { reason: 'missing_location', file: 'firms.csv', line: 3, text: FIRM({ lon: '', lat: '', region: '' }) },
  { reason: 'partial_coordinates', file: 'firms.csv', line: 3, text: FIRM({ lat: '' }), field: '纬度 (lat)' },
  { reason: 'not_a_number', file: 'firms.csv', line: 3, text: FIRM({ emp: '约200人' }), field: '从业人员 (employees)' },
  { reason: 'not_finite', file: 'firms.csv', line: 3, text: FIRM({ rev: 'inf' }) },
  { reason: 'negative', file: 'firms.csv', line: 5, text: FIRM({ emp: '-5' }), field: '从业人员 (employees)' },
  { reason: 'not_an_integer', file: 'firms.csv', line: 3, text: FIRM({ pat: '1.5' }) },
  { reason: 'future_year', file: 'firms.csv', line: 3, text: FIRM({ year: '2030' }), field: '成立年份 (founded)' },
  { reason: 'implausible_year', file: 'firms.csv', line: 3, text: FIRM({ year: '1492' }) },
  { reason: 'invalid_value', file: 'firms.csv', line: 3, text: FIRM({ own: '神秘资本' }), field: '所有制 (ownership)' },
  { reason: 'invalid_value', file: 'firms.csv', line: 3, text: FIRM({ fn: '生产;跳舞' }), field: '职能 (functions)' },
  { reason: 'lon_out_of_range', file: 'firms.csv', line: 3, text: FIRM({ lon: '200', lat: '30' }) },
  { reason: 'lat_out_of_range', file: 'firms.csv', line: 3, text: FIRM({ lon: '120.5', lat: '95' }) },
  { reason: 'zero_location', file: 'firms.csv', line: 3, text: FIRM({ lon: '0', lat: '0' }) },
  { reason: 'lonlat_swapped', file: 'firms.csv', line: 3, text: FIRM({ lon: '30.5', lat: '120.5' }) },
  { reason: 'outside_study_area', file: 'firms.csv', line: 3, text: FIRM({ lon: '100', lat: '40' }) },
  { reason: 'bad_industry_code', file: 'firms.csv', line: 3, text: FIRM({ industry: 'ABC' }) },
  { reason: 'unknown_industry_code', file: 'firms.csv', line: 3, text: FIRM({ industry: '9999' }) },
  { reason: 'duplicate_id', file: 'firms.csv', line: 6, text: FIRM({ id: 'F1' }), field: '企业代码 (id)' },
  { reason: 'unknown_region', file: 'firms.csv', line: 3, text: FIRM({ region: '999999' }) },
  { reason: 'unknown_park', file: 'firms.csv', line: 3, text: FIRM({ park: 'P9' }) },
  { reason: 'malformed_row', file: 'firms.csv', line: 3, text: `${FIRM({})},extra` },
  { reason: 'malformed_row', file: 'firms.csv', line: 4, text: 'F9,too,few' },
  { reason: 'unknown_link_end', file: 'links.csv', line: 3, text: 'F2,NOPE,supply,10,2023', field: 'target' },
  { reason: 'self_link', file: 'links.csv', line: 2, text: 'F1,F1,supply,10,2023' },
  { reason: 'invalid_value', file: 'links.csv', line: 2, text: 'F2,F1,friendship,10,2023', field: 'type' },
  { reason: 'duplicate_id', file: 'institutions.csv', line: 3, text: 'F1,same id as a firm,bank,121.4,30.6,330002' },
  { reason: 'duplicate_key', file: 'stats.csv', line: 3, text: '330001,18,2022,1,1,1' },
  { reason: 'unknown_region', file: 'stats.csv', line: 4, text: '999999,38,2023,1,1,1' },
];

describe('every class of bad input is rejected with its reason, line and field', () => {
  for (const c of CASES) {
    it(`${c.reason} in ${c.file} at line ${c.line}`, async () => {
      const dir = copy();
      setLine(join(dir, c.file), c.line, c.text);
      const s = await run(dir);
      const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
      const hit = rejects.filter((r) => r.reason === c.reason);
      expect(hit.length, JSON.stringify(rejects)).toBeGreaterThan(0);
      expect(hit[0].line).toBe(String(c.line));
      expect(hit[0].file).toContain(c.file);
      if (c.field) expect(hit[0].field).toBe(c.field);
      expect(s.rejectsByReason[c.reason]).toBeGreaterThan(0);
      // nothing is lost: loaded + rejected = rows read
      const inp = s.inputs.find((i) => i.file.endsWith(c.file))!;
      expect(inp.loaded + inp.rejected).toBe(inp.rows);
      const inWs = await query<{ n: number }>(dir, `SELECT count(*)::INT AS n FROM rejects WHERE reason = '${c.reason}'`);
      expect(inWs[0].n).toBe(hit.length);
    });
  }

  it('names physical lines across quoted multi-line fields and blank lines', async () => {
    const dir = copy();
    const path = join(dir, 'firms.csv');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, 'F7,"多行\n名称",1811,120.3,30.2,330001,10,100,2010,本地,,0,生产', '');
    lines.push('F8,坏企业,1811,120.3,30.2,330001,约30人,100,2010,本地,,0,生产');
    writeFileSync(path, `${lines.join('\n')}\n`);
    await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    // header 1, F1 2, F7 3-4, blank 5, F2 6, F3 7, F4 8, F5 9, F8 10
    expect(rejects.map((r) => [r.reason, r.line])).toEqual([['not_a_number', '10']]);
  });

  it('rejects invalid polygons and non-GeoJSON geometry, by feature number', async () => {
    const dir = copy();
    editJson(join(dir, 'regions.geojson'), (doc) => {
      doc.features.push({ type: 'Feature', properties: { adcode: '330003', name: 'bow-tie' }, geometry: { type: 'Polygon', coordinates: [[[122, 30], [123, 31], [123, 30], [122, 31], [122, 30]]] } });
    });
    editJson(join(dir, 'parks.geojson'), (doc) => {
      doc.features.push({ type: 'Feature', properties: { park_id: 'P2' }, geometry: { type: 'Polygon', coordinates: [[[120, 30], [120.1, 30], [120.1, 30.1]]] } });
    });
    const s = await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.file.split('/').pop(), r.line, r.reason])).toEqual([
      ['regions.geojson', '3', 'invalid_geometry'],
      ['parks.geojson', '2', 'invalid_geometry'],
    ]);
    expect(rejects[0].detail).toMatch(/self_intersection/);
    expect(s.inputs.find((i) => i.kind === 'regions')).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });
  });

  it('rejects chain templates with unknown codes and IO tables with bad cells', async () => {
    const dir = copy();
    editJson(join(dir, 'chains.json'), (doc) => { doc.push({ id: 'bad', stages: [{ id: 's', order: 1, industries: ['9999'] }] }); });
    setLine(join(dir, 'io.csv'), 3, 'B,工业,30,abc,130,200');
    const s = await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.file.split('/').pop(), r.line, r.field, r.reason])).toEqual([
      ['io.csv', '3', 'B', 'not_a_number'],
      ['chains.json', '2', 'stages.s.industries', 'unknown_industry_code'],
    ]);
    expect(s.warnings.join('\n')).toMatch(/ioTable .* not loaded/);
  });

  it('warns about an unbalanced IO table and names the sector', async () => {
    const dir = copy();
    setLine(join(dir, 'io.csv'), 2, 'A,农业,10,20,70,150');
    const s = await run(dir);
    expect(s.warnings.join('\n')).toMatch(/A \(Σz\+f=100/);
  });
});

describe('areas from coordinates', () => {
  it('a firm in a park polygon without a park id gets the park; one outside every region stays without a region', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 2, 'F1,甲服装有限公司,1811,120.5,30.5,330001,120,5000,2005,本地,,3,生产');
    editJson(join(dir, 'regions.geojson'), (doc) => { doc.features[1].geometry.coordinates[0] = [[121, 30], [121.9, 30], [121.9, 30.7], [121, 30.7], [121, 30]]; });
    const s = await run(dir);
    const firms = await query<{ id: string; park: string | null; region: string | null }>(dir, 'SELECT id, park, region FROM firms ORDER BY id');
    expect(firms.find((f) => f.id === 'F1')?.park).toBe('P1');
    expect(firms.find((f) => f.id === 'F5')?.region).toBeNull(); // (121.2, 30.8) is now outside both regions
    expect(s.warnings).toContain('firms: 1 without a region code lie in no region polygon (region left empty, outside the study area)');
  });
});

describe('project and mapping errors are clear', () => {
  it('a mapping to a missing column names the column and lists the real ones', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.columns.industry = '行业'; });
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_MAPPING', details: { field: 'industry', value: '行业' } });
  });
  it('an unknown monetary unit is a project error', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.units.revenue = '万两'; });
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PROJECT', details: { field: 'revenue' } });
  });
  it('an invalid project file names the path of the bad setting', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.industryCodeSystem = 'SIC 1987'; });
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PROJECT', details: { field: 'industryCodeSystem' } });
  });
  it('a missing input file is an E_FILE error', async () => {
    const dir = copy();
    rmSync(join(dir, 'links.csv'));
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_FILE' });
  });
  it('an empty CSV is an E_PARSE error naming the file', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), '');
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { line: 1 } });
  });
  it('declared UTF-8 on GBK bytes names the first bad line', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), Buffer.concat([Buffer.from('id,name,type,lon,lat,region\nI1,'), Buffer.from([0xc9, 0xcc, 0xbb, 0xe1]), Buffer.from(',chamber,120.5,30.5,330001\n')]));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.institutions.encoding = 'utf-8'; });
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { line: 2, field: 'encoding' } });
  });
});

describe('workspace safety', () => {
  it('re-ingesting is idempotent', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, FIRM({ emp: '约200人' }));
    await run(dir);
    const a = await query(dir, 'SELECT * FROM firms ORDER BY id');
    const ra = readFileSync(join(dir, '.cluster-atlas', 'rejects.csv'));
    await run(dir);
    const b = await query(dir, 'SELECT * FROM firms ORDER BY id');
    const rb = readFileSync(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(b).toEqual(a);
    expect(rb.equals(ra)).toBe(true);
    // F2 is rejected, and so is the link that names it (a cascade, reported, not silent)
    const rej = await query<{ reason: string }>(dir, 'SELECT reason FROM rejects ORDER BY reason');
    expect(rej.map((r) => r.reason)).toEqual(['not_a_number', 'unknown_link_end']);
  });

  it('a crash in the middle leaves the previous workspace intact and no partial file', async () => {
    const dir = copy();
    await run(dir);
    setLine(join(dir, 'firms.csv'), 2, FIRM({ id: 'NEW' }));
    await expect(run(dir, { afterStage: (kind, stage) => { if (kind === 'links' && stage === 'validate') throw new Error('simulated crash'); } }))
      .rejects.toThrow('simulated crash');
    const ids = await query<{ id: string }>(dir, 'SELECT id FROM firms ORDER BY id');
    expect(ids.map((r) => r.id)).toEqual(['F1', 'F2', 'F3', 'F4', 'F5']);
    expect(readdirSync(join(dir, '.cluster-atlas')).filter((f) => f.includes('building'))).toEqual([]);
  });

  it('--strict fails on any reject and keeps the previous workspace', async () => {
    const dir = copy();
    await run(dir);
    setLine(join(dir, 'firms.csv'), 2, FIRM({ id: 'NEW', emp: 'many' }));
    await expect(run(dir, { strict: true })).rejects.toMatchObject({ code: 'E_REJECTS' });
    const ids = await query<{ id: string }>(dir, 'SELECT id FROM firms ORDER BY id');
    expect(ids.map((r) => r.id)).toContain('F1');
    expect(existsSync(join(dir, '.cluster-atlas', 'rejects.csv'))).toBe(true);
  });
});

describe('line numbers stay exact on a large file read in parallel', () => {
  for (const quoted of [false, true]) {
    it(`300,000 rows, bad rows at known lines${quoted ? ', with quoted multi-line fields' : ''}`, async () => {
      const dir = copy();
      const header = readFileSync(join(dir, 'firms.csv'), 'utf8').split('\n')[0];
      const lines = [header];
      const bad: number[] = [];
      let line = 1;
      for (let i = 0; i < 300_000; i++) {
        const isBad = i % 9973 === 17;
        const name = quoted && i % 5000 === 3 ? '"名称\n第二行"' : `企业${i}`;
        lines.push(`B${i},${name},1811,120.${(i % 900) + 50},30.5,330001,${isBad ? '约200人' : String(i % 500)},100,2010,本地,,0,生产`);
        line += 1;
        if (isBad) bad.push(line);
        if (quoted && i % 5000 === 3) line += 1;
      }
      writeFileSync(join(dir, 'firms.csv'), `${lines.join('\n')}\n`);
      writeFileSync(join(dir, 'links.csv'), 'source,target,type,value,year\n');
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.links.allowEmpty = true; });
      editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.links.allowEmpty = true; });
      const s = await run(dir);
      const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
      expect(rejects.every((r) => r.reason === 'not_a_number')).toBe(true);
      expect(rejects.map((r) => Number(r.line))).toEqual(bad);
      expect(s.inputs.find((i) => i.kind === 'firms')).toMatchObject({ rows: 300_000, loaded: 300_000 - bad.length });
    });
  }
});

describe('CSV dialect', () => {
  it('a quoted field far past the sniffer sample still parses (RFC 4180 quoting is always on)', async () => {
    const dir = copy();
    const header = readFileSync(join(dir, 'firms.csv'), 'utf8').split('\n')[0];
    const lines = [header];
    for (let i = 0; i < 60_000; i++) {
      const name = i === 55_000 ? '"甲,乙 ""联合"" 公司"' : `企业${i}`;
      lines.push(`Q${i},${name},1811,120.5,30.5,330001,10,100,2010,本地,,0,生产`);
    }
    writeFileSync(join(dir, 'firms.csv'), `${lines.join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'links.csv'), 'source,target,type,value,year\n');
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.links.allowEmpty = true; });
    const s = await run(dir);
    expect(s.findings).toBe(0);
    const rows = await query<{ name: string }>(dir, "SELECT name FROM firms WHERE id = 'Q55000'");
    expect(rows[0].name).toBe('甲,乙 "联合" 公司');
  });
});
