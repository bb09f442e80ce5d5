/**
 * Issue 15: CSV files over 2 GiB were refused (read into one buffer). Files over
 * `CSV_STREAM.above` (1 GiB) are now streamed: encoding checks, transcoding, newline
 * unification and the naming of lines all work chunk by chunk. A multi-GiB file is too heavy for
 * a test, so the streamed path is run here on small files with tiny chunks (5, 64 and 4096
 * bytes, so that lines and quoted records cross chunk boundaries) and must give exactly what the
 * in-memory path gives: the same rows, rejects, lines, encoding, warnings and errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import type { Encoding } from '../src/model/project.js';
import { readCsv } from '../src/io/sources/csv.js';
import { structuralChunks } from '../src/io/sources/structural.js';
import { openMemory } from '../src/store/workspace.js';
import { fixtureCopies } from './helpers.js';

const copy = fixtureCopies();

/** Everything the validator sees of a CSV read, or the error. */
async function read(file: string, encoding: Encoding, streaming?: { above: number; chunk: number }): Promise<unknown> {
  const ws = await openMemory();
  try {
    const r = await readCsv({ ws, table: 'raw', file, label: 'f.csv', encoding, streaming });
    let rows = await ws.all('SELECT * FROM raw');
    if ((await r.settle!(rows.length)) === 'reread') {
      rows = await ws.all('SELECT * FROM raw');
      await r.settle!(rows.length);
    }
    const lines = await r.linesOf(rows.map((_, i) => i));
    const structural: unknown[] = [];
    for await (const chunk of structuralChunks(r)) structural.push(...chunk);
    const out = { columns: r.columns, rows, rowCount: r.rowCount, structural, lines, encoding: r.encoding, warnings: r.warnings };
    await r.drop();
    return out;
  } catch (e) {
    if (e instanceof InputError) return { error: e.code, message: e.message, details: e.details };
    throw e;
  } finally {
    ws.close();
  }
}

async function same(bytes: Buffer | string, encoding: Encoding = 'auto'): Promise<unknown> {
  const dir = copy();
  const file = join(dir, 'f.csv');
  writeFileSync(file, bytes);
  const whole = await read(file, encoding);
  for (const chunk of [5, 64, 4096]) expect(await read(file, encoding, { above: 0, chunk }), `chunk ${chunk}`).toEqual(whole);
  return whole;
}

const HEAD = 'id,name,type,lon,lat,region\n';

describe('the streamed CSV path gives what the in-memory path gives', () => {
  it('UTF-8 with blank lines, quoted multi-line fields, a malformed row and no final line feed', async () => {
    const r = await same(`${HEAD}I1,"two\nlines",chamber,1,2,3\n\nI2,x,chamber,1,2,3,extra\nI3,"a ""q"" b",chamber,1,2,3\n\n\nI4,四,chamber,1,2,3`) as { lines: number[]; structural: { line: number }[] };
    expect(r.lines).toEqual([2, 6, 9]); // blank lines before a rejected record: its own line (was the blank line, shifting later ones)
    expect(r.structural.map((x) => x.line)).toEqual([5]);
  });

  it('one record per line (the fast line path), with a BOM and a malformed row', async () => {
    const r = await same(`\uFEFF${HEAD}I1,a,chamber,1,2,3\nI2,b,chamber,1,2\nI3,c,chamber,1,2,3\n`) as { lines: number[] };
    expect(r.lines).toEqual([2, 4]);
  });

  it('GBK (auto and declared), UTF-16 LE and BE with a BOM, mixed CRLF and LF', async () => {
    const gbk = readFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv'));
    expect(await same(gbk)).toMatchObject({ encoding: 'gb18030', warnings: [] });
    expect(await same(gbk, 'gbk')).toMatchObject({ encoding: 'gb18030' });
    const text = `${HEAD}I1,乙县商会,chamber,1,2,3\nI2,"x\ny",chamber,1,2,3\n`;
    expect(await same(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toMatchObject({ encoding: 'utf-16le', rowCount: 2 });
    expect(await same(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toMatchObject({ encoding: 'utf-16be', rowCount: 2 });
    expect(await same(`${HEAD}I1,a,chamber,1,2,3\r\nI2,b,chamber,1,2,3\nI3,"c\r\nd",chamber,1,2,3\r\n`)).toMatchObject({ rowCount: 3, lines: [2, 3, 4] });
  });

  it('the same errors and warnings, at the same lines', async () => {
    const latin1 = (x: number[]) => Buffer.concat([Buffer.from(`${HEAD}I1,Plain,chamber,1,2,3\nI2,H`), Buffer.from(x), Buffer.from(',chamber,1,2,3\n')]);
    expect(await same(latin1([0xe9]))).toMatchObject({ error: 'E_PARSE', details: { line: 3, reason: 'invalid_gb18030' } });
    expect(await same(latin1([0xf4, 0x74, 0x65, 0x6c, 0x20, 0xe9, 0x74, 0xe9, 0x73]))).toMatchObject({ warnings: [expect.stringContaining('f.csv:3:')] });
    expect(await same(latin1([0xe9]), 'utf-8')).toMatchObject({ error: 'E_PARSE', details: { line: 3, reason: 'invalid_utf8' } });
    expect(await same(`${HEAD}I1,Chamber,chamber,1,2,3\nI2,乙县商会,商会,1,2,3\n`, 'gbk')).toMatchObject({ error: 'E_PARSE', details: { line: 3, reason: 'utf8_declared_gbk' } });
    expect(await same(Buffer.from(`${HEAD}I1,a,chamber,1,2,3\nI2,b\0,chamber,1,2,3\n`))).toMatchObject({ error: 'E_PARSE', details: { line: 3, reason: 'nul_byte' } });
    expect(await same('id,"name,type\nI1,a,b\n')).toMatchObject({ error: 'E_PARSE', details: { line: 1, reason: 'unclosed_quote' } });
    expect(await same('\n \n')).toMatchObject({ error: 'E_PARSE', message: expect.stringContaining('the file is empty') });
  });
});

describe('what only the streamed path does', () => {
  it('an unclosed quote that would swallow lines refuses the file at its line (the in-memory path skips the line)', async () => {
    const dir = copy();
    const file = join(dir, 'f.csv');
    writeFileSync(file, `${HEAD}I1,a,chamber,1,2,3\nI2,"open,chamber,1,2,3\nI3,c,chamber,1,2,3\nI4,d,chamber,1,2,3\n`);
    for (const chunk of [5, 4096]) {
      expect(await read(file, 'auto', { above: 0, chunk })).toMatchObject({ error: 'E_PARSE', details: { line: 3, reason: 'unclosed_quote_large_file' } });
    }
    expect(await read(file, 'auto')).toMatchObject({ rowCount: 3, structural: [{ line: 3, reason: 'unclosed_quote' }] });
  });
});
