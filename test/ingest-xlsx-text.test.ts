/**
 * exceljs decodes each chunk of sheet XML on its own, so a multi-byte UTF-8 character split
 * between two chunks became two U+FFFD — Chinese firm names silently damaged (28 of these 20,000
 * names before the fix). The reader now passes exceljs chunks that end on character boundaries.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx, utf8Boundary } from '../src/io/sources/xlsx.js';
import { openMemory } from '../src/store/workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-xlsx-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('XLSX text', () => {
  it('utf8Boundary cuts before an incomplete character only', () => {
    const b = Buffer.from('a甲𠀀', 'utf8'); // 1 + 3 + 4 bytes
    expect([...Array(b.length + 1).keys()].map((n) => utf8Boundary(b.subarray(0, n)))).toEqual([0, 1, 1, 1, 4, 4, 4, 4, 8]);
  });

  it('20,000 Chinese names (shared strings far beyond one chunk) come back unchanged', async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `甲乙丙丁服装有限公司${i}号`);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('firms');
    sheet.addRow(['id', 'name']);
    names.forEach((n, i) => sheet.addRow([`F${i}`, n]));
    const file = join(dir, 'names.xlsx');
    await wb.xlsx.writeFile(file);
    const ws = await openMemory();
    try {
      await readXlsx({ ws, table: 'raw', file, label: 'names.xlsx' });
      const rows = await ws.all<{ name: string }>('SELECT name FROM raw ORDER BY rowid');
      const damaged = rows.map((r, i) => [i, r.name]).filter(([i, n]) => n !== names[i as number]);
      expect(damaged).toEqual([]);
    } finally {
      ws.close();
    }
  }, 60_000);
});
