import ExcelJS from 'exceljs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { openMemory, openWorkspace } from '../src/store/workspace.js';
import { editJson, fixtureCopy, NOW, readRejectsCsv } from './helpers.js';

const dirs: string[] = [];
function copy(): string {
  const d = fixtureCopy();
  dirs.push(d);
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function firms(dir: string) {
  const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
  try { return await ws.all('SELECT id, name, industry, lon, lat, region, employees, revenue, ownership FROM firms ORDER BY id'); } finally { ws.close(); }
}

const CSV_FIRMS = async (): Promise<unknown[]> => {
  const dir = copy();
  await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
  return firms(dir);
};

describe('every input format loads the same firms', () => {
  let expected: unknown[];
  it('CSV (UTF-8) baseline', async () => {
    expected = await CSV_FIRMS();
    expect(expected).toHaveLength(5);
  });

  it('GBK-encoded CSV is detected and decoded', async () => {
    const dir = copy();
    copyFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv'), join(dir, 'firms.csv'));
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(s.inputs.find((i) => i.kind === 'firms')?.encoding).toBe('gb18030');
    expect(await firms(dir)).toEqual(expected);
  });

  it('GBK with "encoding": "gbk" declared', async () => {
    const dir = copy();
    copyFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv'), join(dir, 'firms.csv'));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.encoding = 'gbk'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await firms(dir)).toEqual(expected);
  });

  it('--encoding gbk over every input stops at the UTF-8 file with Chinese text (it would load as mojibake)', async () => {
    const dir = copy();
    copyFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv'), join(dir, 'firms.csv'));
    await expect(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW, encoding: 'gbk' })).rejects.toMatchObject({
      code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), line: 2, field: 'encoding', value: 'gbk', reason: 'utf8_declared_gbk' },
    });
  });

  it('UTF-8 with BOM', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'firms.csv'), `\uFEFF${readFileSync(join(dir, 'firms.csv'), 'utf8')}`);
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await firms(dir)).toEqual(expected);
  });

  it('TSV', async () => {
    const dir = copy();
    const text = readFileSync(join(dir, 'firms.csv'), 'utf8').replace('"120,000"', '120000').replaceAll(',', '\t');
    writeFileSync(join(dir, 'firms.tsv'), text);
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.file = 'firms.tsv'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await firms(dir)).toEqual(expected);
  });

  it('Parquet', async () => {
    const dir = copy();
    const ws = await openMemory();
    await ws.run(`COPY (SELECT * FROM read_csv('${join(dir, 'firms.csv')}', all_varchar = true)) TO '${join(dir, 'firms.parquet')}' (FORMAT parquet)`);
    ws.close();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.file = 'firms.parquet'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await firms(dir)).toEqual(expected);
  });

  it('XLSX (numbers as numbers, a second sheet chosen by name), line = Excel row', async () => {
    const dir = copy();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这张表不是数据']);
    const sheet = wb.addWorksheet('企业');
    const lines = readFileSync(join(dir, 'firms.csv'), 'utf8').trim().split('\n');
    sheet.addRow(lines[0].split(','));
    const numeric = new Set([3, 4, 6, 7, 8, 11]);
    for (const l of lines.slice(1)) {
      const cells = l.replace('"120,000"', '120000').split(',');
      sheet.addRow(cells.map((c, i) => (c !== '' && numeric.has(i) ? Number(c) : c === '' ? null : c)));
    }
    sheet.addRow([]);
    sheet.addRow(['F6', '己企业', '1811', 120.2, 30.1, '330001', '约50人', 10, 2010, '本地', null, 0, '生产']);
    await wb.xlsx.writeFile(join(dir, 'firms.xlsx'));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.file = 'firms.xlsx'; p.inputs.firms.sheet = '企业'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await firms(dir)).toEqual(expected);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([['8', 'not_a_number']]);
  });

  it('XLSX naming a missing sheet lists the sheets', async () => {
    const dir = copy();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['a']);
    await wb.xlsx.writeFile(join(dir, 'firms.xlsx'));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.file = 'firms.xlsx'; p.inputs.firms.sheet = 'firms'; });
    await expect(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'sheet' } });
  });

  it('GeoJSON points give lon/lat', async () => {
    const dir = copy();
    const features = [
      { type: 'Feature', properties: { 企业代码: 'F1', 行业代码: '1811' }, geometry: { type: 'Point', coordinates: [120.5, 30.5] } },
      { type: 'Feature', properties: { 企业代码: 'F2', 行业代码: '1811' }, geometry: { type: 'Point', coordinates: [0, 0] } },
    ];
    writeFileSync(join(dir, 'firms.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    editJson(join(dir, 'cluster-atlas.json'), (p) => {
      p.inputs.firms = { file: 'firms.geojson', columns: { id: '企业代码', industry: '行业代码' } };
      delete p.inputs.links;
    });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    const rows = await firms(dir);
    expect(rows).toEqual([expect.objectContaining({ id: 'F1', lon: 120.5, lat: 30.5 })]);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([['2', 'zero_location']]);
  });
});

describe('coordinate systems', () => {
  it('GCJ-02 input is converted to WGS84', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.crs = 'GCJ-02'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    const rows = (await firms(dir)) as { id: string; lon: number; lat: number }[];
    const f1 = rows.find((r) => r.id === 'F1')!;
    // GCJ-02 shifts by a few hundred metres in eastern China: WGS84 must differ but stay close.
    expect(Math.abs(f1.lon - 120.5)).toBeGreaterThan(1e-3);
    expect(Math.abs(f1.lon - 120.5)).toBeLessThan(1e-2);
    expect(Math.abs(f1.lat - 30.5)).toBeLessThan(1e-2);
  });

  it('an unsupported EPSG code is an E_CRS error', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.crs = 'EPSG:2154'; });
    await expect(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW })).rejects.toMatchObject({ code: 'E_CRS' });
  });
});

describe('more tabular sources', () => {
  it('regions from CSV with GeoJSON geometry text; non-GeoJSON text is bad_geometry_json', async () => {
    const dir = copy();
    const sq = (x: number) => JSON.stringify({ type: 'Polygon', coordinates: [[[x, 30], [x + 1, 30], [x + 1, 31], [x, 31], [x, 30]]] });
    const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
    writeFileSync(join(dir, 'regions.csv'), [
      'adcode,name,geom',
      `330001,甲县,${cell(sq(120))}`,
      `330002,乙县,${cell(sq(121))}`,
      '330003,丙县,"POLYGON((122 30, 123 30, 123 31, 122 30))"',
    ].join('\n'));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.regions = { file: 'regions.csv', columns: { code: 'adcode', name: 'name', geometry: 'geom' } }; });
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.field, r.reason])).toEqual([['4', 'geom (geometry)', 'bad_geometry_json']]);
    expect(s.inputs.find((i) => i.kind === 'regions')).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    const r = await ws.all<{ code: string; max_lon: number }>('SELECT code, max_lon FROM regions ORDER BY code');
    ws.close();
    expect(r).toEqual([{ code: '330001', max_lon: 121 }, { code: '330002', max_lon: 122 }]);
  });

  it('institutions from a JSON array of records', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.json'), JSON.stringify([
      { id: 'I1', name: '商会', type: '商会', lon: 120.55, lat: 30.45, region: '330001' },
      { id: 'I2', name: '银行', type: 'bank', lon: 121.4, lat: 30.6, region: '330002' },
      { id: 'I3', name: '无类型', type: '神庙', lon: 121.4, lat: 30.6, region: '330002' },
    ]));
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.institutions.file = 'institutions.json'; });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.field, r.value, r.reason])).toEqual([['3', 'type', '神庙', 'invalid_value']]);
  });
});
