/**
 * A damaged XLSX is an error naming the file, never a silent success: a truncated workbook made
 * exceljs wait forever for the rest of the file, the event loop emptied, and `ingest`, `ingest
 * --strict` and `analyze` exited 0 with nothing printed, leaving `<workspace>.building-<pid>`.
 * The workbooks are written here with exceljs and then cut or damaged.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { BIN, editJson, fixtureCopy, NOW, requireBuild } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
beforeAll(() => requireBuild());

/**
 * The fixture project with firms in an XLSX written by exceljs (sheets before shared strings, as
 * Excel orders them) and padded with `extra` more firms, so that a cut falls inside the sheet.
 */
async function xlsxProject(extra: number): Promise<{ dir: string; xlsx: string; bytes: Buffer }> {
  const dir = fixtureCopy();
  dirs.push(dir);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('firms');
  const lines = readFileSync(join(dir, 'firms.csv'), 'utf8').trim().split('\n');
  sheet.addRow(lines[0].split(','));
  for (const l of lines.slice(1)) sheet.addRow(l.replace('"120,000"', '120000').split(','));
  for (let i = 0; i < extra; i++) sheet.addRow([`X${i}`, `填充企业${i}`, '1811', 120.5, 30.5, '330001', 10 + (i % 90), 100, 2010, '本地', 'P1', 0, '生产']);
  const xlsx = join(dir, 'firms.xlsx');
  await wb.xlsx.writeFile(xlsx);
  editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.firms.file = 'firms.xlsx'; });
  return { dir, xlsx, bytes: readFileSync(xlsx) };
}

const building = (dir: string): string[] => readdirSync(join(dir, '.cluster-atlas')).filter((n) => n.includes('.building-'));

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a damaged XLSX input', () => {
  it('cut to half its bytes: ingest throws E_PARSE naming the file, no .building-* file is left, the old workspace stays', async () => {
    const { dir, xlsx, bytes } = await xlsxProject(30_000);
    const project = join(dir, 'cluster-atlas.json');
    await ingest({ project, now: NOW });
    const before = readFileSync(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    writeFileSync(xlsx, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(ingest({ project, now: NOW })).rejects.toMatchObject({ name: 'InputError', code: 'E_PARSE', details: { file: relative(process.cwd(), xlsx) } });
    expect(building(dir)).toEqual([]);
    expect(readFileSync(join(dir, '.cluster-atlas', 'workspace.duckdb')).equals(before)).toBe(true);
  }, 60_000);

  it('cut at other points (inside the sheet, the shared strings, the directory) is always E_PARSE', async () => {
    const { dir, xlsx, bytes } = await xlsxProject(30_000);
    for (const f of [0.05, 0.3, 0.7, 0.95, 0.999]) {
      writeFileSync(xlsx, bytes.subarray(0, Math.floor(bytes.length * f)));
      await expect(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }), `cut at ${f}`).rejects.toMatchObject({ code: 'E_PARSE', details: { file: relative(process.cwd(), xlsx) } });
    }
  }, 120_000);

  it('damaged compressed data in the middle (length intact) is E_PARSE naming the file', async () => {
    const { dir, xlsx, bytes } = await xlsxProject(30_000);
    const damaged = Buffer.from(bytes);
    const middle = Math.floor(damaged.length / 3);
    for (let i = middle; i < middle + 400; i++) damaged[i] ^= 0x5a;
    writeFileSync(xlsx, damaged);
    await expect(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW })).rejects.toMatchObject({ code: 'E_PARSE', details: { file: relative(process.cwd(), xlsx) } });
    expect(building(dir)).toEqual([]);
  }, 60_000);

  it('through the command line: ingest, ingest --strict and analyze exit 1 naming the file, and leave no .building-* file', async () => {
    const { dir, xlsx, bytes } = await xlsxProject(30_000);
    writeFileSync(xlsx, bytes.subarray(0, Math.floor(bytes.length / 2)));
    for (const args of [['ingest'], ['ingest', '--strict'], ['analyze', '--out', 'out', '--simulations', '0', '--permutations', '0']]) {
      const r = cli(args, dir);
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(1);
      expect(r.stderr).toContain('firms.xlsx');
      expect(building(dir)).toEqual([]);
    }
  }, 180_000);
});
