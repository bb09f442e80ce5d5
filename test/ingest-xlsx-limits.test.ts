/**
 * XLSX resource limits: a workbook whose parts uncompress to more than the size limit (a zip
 * bomb: 261 MB → 3.5 GB of sheet XML ran for 9.5 minutes and left a 3.5 GB temporary file) or
 * a sheet with more rows than the row limit is refused at once with E_FILE naming the file and
 * the limit; a part that inflates to more than its zip entry declares is refused too; no
 * temporary file is left. The limits are lowered for the test (option, environment variable).
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx, XLSX_LIMITS, XLSX_LIMIT_ENV, xlsxLimits } from '../src/io/sources/xlsx.js';
import { openMemory } from '../src/store/workspace.js';
import { BIN, editJson, fixtureCopy, requireBuild } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
beforeAll(() => requireBuild());

/** A workbook (exceljs order: the sheet before the shared strings) of `rows` repetitive firm rows. */
async function workbook(dir: string, rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('firms');
  sheet.addRow(['id', 'name', 'industry', 'lon', 'lat']);
  for (let i = 0; i < rows; i++) sheet.addRow([`F${i}`, '甲服装有限公司', '1811', 120.5, 30.5]);
  const file = join(dir, 'firms.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

function project(): string {
  const dir = fixtureCopy();
  dirs.push(dir);
  return dir;
}

/** Set the uncompressed size that the zip central directory declares for `part`. */
function declareSize(file: string, part: string, size: number): void {
  const b = readFileSync(file);
  for (let p = b.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1')); p >= 0; p = b.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'), p - 1)) {
    const name = b.subarray(p + 46, p + 46 + b.readUInt16LE(p + 28)).toString('utf8');
    if (name === part) { b.writeUInt32LE(size, p + 24); writeFileSync(file, b); return; }
  }
  throw new Error(`no ${part} in ${file}`);
}

/** ExcelJS's temporary sheet copies are named tmp-<pid>-…; this process made none that survive. */
const leftovers = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`));

async function read(file: string, limits = XLSX_LIMITS) {
  const ws = await openMemory();
  try {
    const raw = await readXlsx({ ws, table: 'raw_firms', file, label: 'firms.xlsx', limits: { ...limits } });
    return { rows: raw.rowCount, tables: await ws.all('SELECT table_name FROM duckdb_tables()') };
  } catch (e) {
    expect(await ws.all('SELECT table_name FROM duckdb_tables()')).toEqual([]); // the staging table is dropped
    throw e;
  } finally {
    ws.close();
  }
}

describe('XLSX limits', () => {
  it('the defaults: 2 GiB uncompressed, 1,048,576 rows (the XLSX maximum); environment variables override them', () => {
    expect(XLSX_LIMITS).toEqual({ maxUncompressedBytes: 2 * 1024 ** 3, maxRows: 1_048_576 });
    expect(xlsxLimits({})).toEqual(XLSX_LIMITS);
    expect(xlsxLimits({ [XLSX_LIMIT_ENV.maxUncompressedBytes]: '1000', [XLSX_LIMIT_ENV.maxRows]: '5' })).toEqual({ maxUncompressedBytes: 1000, maxRows: 5 });
    for (const bad of ['0', '-3', '1.5', 'lots']) {
      expect(() => xlsxLimits({ CLUSTER_ATLAS_XLSX_MAX_ROWS: bad })).toThrow(expect.objectContaining({ code: 'E_OPTION', details: { field: 'CLUSTER_ATLAS_XLSX_MAX_ROWS', value: bad } }));
    }
  });

  it('a workbook whose parts uncompress to more than the limit is refused before anything is parsed', async () => {
    const dir = project();
    const file = await workbook(dir, 3000);
    const sheetBytes = 200_000; // the sheet alone is larger: ~3000 rows × ~120 bytes of XML
    await expect(read(file, { ...XLSX_LIMITS, maxUncompressedBytes: sheetBytes })).rejects.toMatchObject({
      code: 'E_FILE', details: { file: 'firms.xlsx', field: 'xl/worksheets/sheet1.xml', limit: 'maxUncompressedBytes', max: sheetBytes },
    });
    expect(leftovers()).toEqual([]);
    expect((await read(file)).rows).toBe(3000);
  });

  it('a sheet that inflates to more than its zip entry declares is refused (the limit cannot be dodged by lying)', async () => {
    const dir = project();
    const file = await workbook(dir, 3000);
    declareSize(file, 'xl/worksheets/sheet1.xml', 1000);
    await expect(read(file, { ...XLSX_LIMITS, maxUncompressedBytes: 200_000 })).rejects.toMatchObject({
      code: 'E_PARSE', details: { file: 'firms.xlsx', field: 'xl/worksheets/sheet1.xml' },
    });
    expect(leftovers()).toEqual([]);
  });

  it('a sheet with more rows than the limit is refused at the first row over it, leaving no temporary file', async () => {
    const dir = project();
    const file = await workbook(dir, 300);
    await expect(read(file, { ...XLSX_LIMITS, maxRows: 100 })).rejects.toMatchObject({
      code: 'E_FILE', details: { file: 'firms.xlsx', line: 101, field: 'sheet', value: 'firms', limit: 'maxRows', max: 100 },
    });
    expect(leftovers()).toEqual([]);
    expect((await read(file, { ...XLSX_LIMITS, maxRows: 301 })).rows).toBe(300);
  });

  it('through the command line, with the limit lowered by the environment: exit 1 naming the file, no .building-* file', async () => {
    const dir = project();
    await workbook(dir, 3000);
    editJson(join(dir, 'cluster-atlas.json'), (p) => {
      p.inputs.firms = { file: 'firms.xlsx', columns: { id: 'id', name: 'name', industry: 'industry', lon: 'lon', lat: 'lat' } };
      delete p.inputs.links;
    });
    const r = spawnSync(process.execPath, [BIN, 'ingest'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', [XLSX_LIMIT_ENV.maxUncompressedBytes]: '200000' }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('firms.xlsx');
    expect(r.stderr).toContain(XLSX_LIMIT_ENV.maxUncompressedBytes);
    expect(readdirSync(join(dir, '.cluster-atlas'), { withFileTypes: true }).filter((e) => e.name.includes('.building-'))).toEqual([]);
    const ok = spawnSync(process.execPath, [BIN, 'ingest'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
    expect(ok.status, ok.stderr).toBe(0);
  }, 60_000);
});
