/**
 * Issue 15 (remaining input items) and issue 16's columns item:
 * - `init` and the IO-table reader go through the capped XLSX reader (zip directory first, size
 *   and row caps), like ingest: before, they handed the file to exceljs directly, so the caps did
 *   not apply (a zip bomb was read whole, a truncated file was not named).
 * - chain templates (read by structured.ts, not through the tabular readers) refuse a directory
 *   and a FIFO before reading (before: EISDIR as "not valid JSON", and a FIFO blocked forever).
 * - a project input without a `columns` block maps the headers that are field names.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sniffFile } from '../src/io/init.js';
import { ingest } from '../src/io/ingest.js';
import { readGrid } from '../src/load/io-table-file.js';
import { XLSX_LIMIT_ENV } from '../src/io/sources/xlsx.js';
import { codeOf } from './safety-helpers.js';
import { editJson, fixtureCopies, NOW } from './helpers.js';

const copy = fixtureCopies();

async function workbook(path: string, sheets: Record<string, (string | number | null)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const s = wb.addWorksheet(name);
    for (const r of rows) s.addRow(r);
  }
  await wb.xlsx.writeFile(path);
  return readFileSync(path);
}

const IO: (string | number | null)[][] = [
  ['sector', 'A', 'B', 'final_demand', 'total_output'],
  ['A', 10, 20, 70, 100],
  [],
  ['B', 30, 40, 130, 200],
];

describe('init and the IO-table reader use the capped XLSX reader', () => {
  afterEach(() => { delete process.env[XLSX_LIMIT_ENV.maxUncompressedBytes]; delete process.env[XLSX_LIMIT_ENV.maxRows]; });

  it('readGrid keeps rows, blank rows and the chosen sheet as before', async () => {
    const dir = copy();
    const file = join(dir, 'io.xlsx');
    await workbook(file, { notes: [['not this one']], io: IO });
    expect(await readGrid(file, 'io')).toEqual([
      ['sector', 'A', 'B', 'final_demand', 'total_output'], ['A', '10', '20', '70', '100'], [], ['B', '30', '40', '130', '200'],
    ]);
    expect(await readGrid(file, 0)).toEqual([['not this one']]);
    await expect(readGrid(file, 'nope')).rejects.toMatchObject({ code: 'E_OPTION', message: expect.stringContaining('"notes", "io"') });
  });

  it('readGrid: the size and row caps apply, and a truncated workbook is E_PARSE naming the file', async () => {
    const dir = copy();
    const file = join(dir, 'io.xlsx');
    const bytes = await workbook(file, { io: IO });
    process.env[XLSX_LIMIT_ENV.maxRows] = '2';
    expect(await codeOf(readGrid(file, 'io'))).toMatchObject({ code: 'E_FILE', details: { file, limit: 'maxRows', max: 2 } });
    delete process.env[XLSX_LIMIT_ENV.maxRows];
    process.env[XLSX_LIMIT_ENV.maxUncompressedBytes] = '100';
    expect(await codeOf(readGrid(file, 'io'))).toMatchObject({ code: 'E_FILE', details: { file, limit: 'maxUncompressedBytes' } });
    delete process.env[XLSX_LIMIT_ENV.maxUncompressedBytes];
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const e = await codeOf(readGrid(file, 'io'));
    expect(e).toMatchObject({ code: 'E_PARSE', details: { file } });
  });

  it('init: the size cap applies to the sniffed header, and a truncated workbook is E_PARSE naming the file', async () => {
    const dir = copy();
    const file = join(dir, 'firms.xlsx');
    const bytes = await workbook(file, { firms: [['id', 'industry', 'lon', 'lat'], ['F1', '1811', 120.5, 30.5]] });
    expect(await sniffFile(file)).toMatchObject({ format: 'xlsx', headers: ['id', 'industry', 'lon', 'lat'], sample: { id: 'F1', lon: '120.5' } });
    process.env[XLSX_LIMIT_ENV.maxUncompressedBytes] = '100';
    expect(await codeOf(sniffFile(file))).toMatchObject({ code: 'E_FILE', details: { file, limit: 'maxUncompressedBytes' } });
    delete process.env[XLSX_LIMIT_ENV.maxUncompressedBytes];
    writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    const e = await codeOf(sniffFile(file));
    expect(e.code).toBe('E_PARSE');
    expect(e.details.file).toBe(file);
  });
});

describe('chain templates that are not a regular file', () => {
  it('a directory is E_FILE not_a_file', async () => {
    const dir = copy();
    rmSync(join(dir, 'chains.json'));
    mkdirSync(join(dir, 'chains.json'));
    expect(await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }))).toMatchObject({ code: 'E_FILE', details: { reason: 'not_a_file' } });
  });
  it('a FIFO is refused without blocking', async () => {
    const dir = copy();
    rmSync(join(dir, 'chains.json'));
    execFileSync('mkfifo', [join(dir, 'chains.json')]);
    expect(await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }))).toMatchObject({ code: 'E_FILE', details: { reason: 'not_a_file' } });
  }, 20_000);
  it('a missing file is E_FILE naming where it was looked for', async () => {
    const dir = copy();
    rmSync(join(dir, 'chains.json'));
    const e = await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }));
    expect(e.code).toBe('E_FILE');
    expect(String(e.details.file)).toContain('chains.json');
  });
});

describe('a project input without a columns block', () => {
  it('headers equal to field names are mapped; loaded as with an explicit block', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'own.csv'), 'id,name,industry,lon,lat,region,employees\nF1,甲,1811,120.5,30.5,330001,12\nF2,乙,1811,120.6,30.4,330001,abc\n');
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs = { regions: p.inputs.regions, firms: { file: 'own.csv' } }; });
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(s.inputs.find((i) => i.kind === 'firms')).toMatchObject({ rows: 2, loaded: 1, rejected: 1 });
    expect(s.examples).toMatchObject([{ line: 3, field: 'employees', value: 'abc', reason: 'not_a_number' }]);
    // an empty block is the same as none; a block given is used as it is (no name guessing)
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.columns = {}; });
    expect((await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW })).findings).toBe(1);
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.columns = { id: 'id', industry: 'industry', region: 'region' }; });
    expect((await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW })).findings).toBe(0);
  });
  it('a file whose headers are not field names still says which required field is unmapped', async () => {
    const dir = copy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => { delete p.inputs.firms.columns; });
    expect(await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }))).toMatchObject({ code: 'E_MAPPING', details: { field: 'id' } });
  });
});
