/**
 * Issue 15: the parent checks name source lines from the validator's parsed staging table. That
 * table is built by the validator for every format, so the line (or row, feature) named must be
 * right whatever the source: CSV with blank lines and a quoted multi-line field, XLSX with blank
 * rows, GeoJSON, JSON records and Parquet. Expected lines counted by hand from the rows below.
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { openMemory } from '../src/store/workspace.js';
import { editJson, fixtureCopies, NOW } from './helpers.js';

const copy = fixtureCopies();

// [id, parent]; A1 → A2 → A1 is a cycle, B1 names itself, C1 names a firm outside the data.
const ROWS: [string, string][] = [['A1', 'A2'], ['Z1', ''], ['A2', 'A1'], ['B1', 'B1'], ['C1', 'G9']];
const COLUMNS = { id: 'id', industry: 'industry', lon: 'lon', lat: 'lat', region: 'region', parent: 'parent' };

async function run(dir: string, file: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  editJson(join(dir, 'cluster-atlas.json'), (p) => {
    p.inputs = { regions: p.inputs.regions, firms: { file, columns: COLUMNS, ...extra } };
  });
  const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
  expect(s.inputs.find((i) => i.kind === 'firms')).toMatchObject({ loaded: 5 });
  return s.warnings.filter((w) => w.startsWith('firms: '));
}

/** The three warnings, with the unit and the source positions of A1, A2, B1 and C1. */
function expected(unit: string, [a1, a2, b1, c1]: number[]): string[] {
  return [
    expect.stringContaining(`B1 (${unit} ${b1})`),
    expect.stringContaining(`C1 (${unit} ${c1}) → G9`),
    expect.stringContaining(`A1 (${unit} ${a1}) → A2 (${unit} ${a2}) → A1`),
  ] as unknown as string[];
}

describe('parent warnings name the right source position in every format', () => {
  it('CSV with a blank line and a quoted field over two lines', async () => {
    const dir = copy();
    const lines = ['id,industry,lon,lat,region,parent,name'];
    lines.push('A1,1811,120.5,30.5,330001,A2,"two\nlines"'); // 2-3
    lines.push(''); // 4
    lines.push('Z1,1811,120.5,30.5,330001,,z'); // 5
    lines.push('A2,1811,120.5,30.5,330001,A1,a'); // 6
    lines.push('B1,1811,120.5,30.5,330001,B1,b'); // 7
    lines.push('C1,1811,120.5,30.5,330001,G9,c'); // 8
    writeFileSync(join(dir, 'f.csv'), `${lines.join('\n')}\n`);
    expect(await run(dir, 'f.csv')).toEqual(expected('line', [2, 6, 7, 8]));
  });

  it('CSV whose reader rejects a row and repairs an unclosed quote (the file is read twice)', async () => {
    const dir = copy();
    const lines = ['id,industry,lon,lat,region,parent,name'];
    lines.push('A1,1811,120.5,30.5,330001,A2,a'); // 2
    lines.push('M1,1811,120.5,30.5,330001,,m,too,many'); // 3 malformed_row
    lines.push('Q1,1811,120.5,30.5,330001,,"open'); // 4 unclosed_quote, skipped
    lines.push('Z1,1811,120.5,30.5,330001,,z'); // 5
    lines.push('A2,1811,120.5,30.5,330001,A1,a'); // 6
    lines.push('B1,1811,120.5,30.5,330001,B1,b'); // 7
    lines.push('C1,1811,120.5,30.5,330001,G9,c'); // 8
    writeFileSync(join(dir, 'f.csv'), `${lines.join('\n')}\n`);
    expect(await run(dir, 'f.csv')).toEqual(expected('line', [2, 6, 7, 8]));
  });

  it('XLSX with blank rows: the Excel row', async () => {
    const dir = copy();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('firms');
    sheet.addRow([]); // row 1 blank, header on row 2
    sheet.addRow(Object.values(COLUMNS));
    for (const [i, [id, parent]] of ROWS.entries()) {
      if (i === 2) sheet.addRow([]); // a blank row before A2
      sheet.addRow([id, '1811', 120.5, 30.5, '330001', parent || null]);
    }
    await wb.xlsx.writeFile(join(dir, 'f.xlsx'));
    // rows: 3 A1, 4 Z1, 5 blank, 6 A2, 7 B1, 8 C1
    expect(await run(dir, 'f.xlsx')).toEqual(expected('row', [3, 6, 7, 8]));
  });

  it('JSON records and GeoJSON features: the 1-based record', async () => {
    const dir = copy();
    const records = ROWS.map(([id, parent]) => ({ id, industry: '1811', lon: 120.5, lat: 30.5, region: '330001', parent: parent || null }));
    writeFileSync(join(dir, 'f.json'), JSON.stringify(records));
    expect(await run(dir, 'f.json')).toEqual(expected('feature', [1, 3, 4, 5]));
    const features = records.map(({ lon, lat, ...p }) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [lon, lat] } }));
    writeFileSync(join(dir, 'f.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    const cols: Record<string, string> = { ...COLUMNS };
    delete cols.lon;
    delete cols.lat;
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms = { file: 'f.geojson', columns: cols }; });
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(s.warnings.filter((w) => w.startsWith('firms: '))).toEqual(expected('feature', [1, 3, 4, 5]));
  });

  it('Parquet: the 1-based row', async () => {
    const dir = copy();
    const ws = await openMemory();
    const values = ROWS.map(([id, parent]) => `('${id}', '1811', '120.5', '30.5', '330001', ${parent ? `'${parent}'` : 'NULL'})`).join(', ');
    await ws.run(`COPY (SELECT * FROM (VALUES ${values}) t(id, industry, lon, lat, region, parent)) TO '${join(dir, 'f.parquet')}' (FORMAT parquet)`);
    ws.close();
    expect(await run(dir, 'f.parquet')).toEqual(expected('row', [1, 3, 4, 5]));
  });
});
