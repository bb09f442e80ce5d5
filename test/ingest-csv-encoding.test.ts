import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, fixtureCopies, NOW } from './helpers.js';

const copy = fixtureCopies();
const run = (dir: string, extra: Partial<Parameters<typeof ingest>[0]> = {}) => ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW, ...extra });
const INSTITUTIONS = 'id,name,type,lon,lat,region\n';
const scratchCopies = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('cluster-atlas-')).sort();

describe('implausible decodings are reported with the file and line', () => {
  it('UTF-8 declared gbk (ASCII header) is an error naming the first non-ASCII line and suggesting utf-8', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), `${INSTITUTIONS}I1,Chamber,chamber,120.5,30.5,330001\nI2,乙县商会,商会,121.4,30.6,330002\n`);
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.institutions.encoding = 'gbk'; });
    await expect(run(dir)).rejects.toMatchObject({
      code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), line: 3, field: 'encoding', value: 'gbk', reason: 'utf8_declared_gbk' },
    });
  });

  it('Latin-1 read as auto (Café → replacement character as GB18030) is an error naming the line', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), Buffer.concat([
      Buffer.from(`${INSTITUTIONS}I1,Plain,chamber,120.5,30.5,330001\nI2,Caf`), Buffer.from([0xe9]), Buffer.from(',chamber,121.4,30.6,330002\n'),
    ]));
    await expect(run(dir)).rejects.toMatchObject({
      code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), line: 3, field: 'encoding', reason: 'invalid_gb18030' },
    });
  });

  it('Latin-1 that happens to decode as GB18030 (rare characters only) loads with a warning naming the line', async () => {
    const dir = copy();
    // "Hôtel étés": ô+t, é+t and é+s are valid but rare GBK pairs
    writeFileSync(join(dir, 'institutions.csv'), Buffer.concat([
      Buffer.from(`${INSTITUTIONS}I1,Plain,chamber,120.5,30.5,330001\nI2,H`), Buffer.from([0xf4]), Buffer.from('tel '), Buffer.from([0xe9]), Buffer.from('t'), Buffer.from([0xe9]), Buffer.from('s,chamber,121.4,30.6,330002\n'),
    ]));
    const s = await run(dir);
    const w = s.warnings.find((x) => x.includes('implausible_gb18030'));
    expect(w).toContain('institutions.csv:3:');
  });

  it('a real GBK file still loads without warnings', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'firms.csv'), readFileSync(join(import.meta.dirname, 'fixtures', 'ingest-gbk', 'firms_gbk.csv')));
    const s = await run(dir);
    expect(s.warnings.filter((x) => x.includes('gb18030'))).toEqual([]);
  });
});

describe('UTF-16, NUL bytes and mixed line endings', () => {
  for (const [name, encode] of [
    ['utf-16le', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['utf-16be', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
  ] as const) {
    it(`${name} with a BOM is decoded (and no temporary copy is left)`, async () => {
      const dir = copy();
      const before = scratchCopies();
      writeFileSync(join(dir, 'institutions.csv'), encode(readFileSync(join(dir, 'institutions.csv'), 'utf8')));
      const s = await run(dir);
      expect(s.inputs.find((i) => i.kind === 'institutions')).toMatchObject({ encoding: name, rows: 2, loaded: 2 });
      const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
      try { expect((await ws.all<{ name: string }>("SELECT name FROM institutions WHERE id = 'I1'"))[0].name).toBe('甲县服装商会'); } finally { ws.close(); }
      expect(scratchCopies()).toEqual(before);
    });
  }

  it('UTF-16 without a BOM (NUL bytes) is refused naming the file, line and reason', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), Buffer.from(readFileSync(join(dir, 'institutions.csv'), 'utf8'), 'utf16le'));
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), line: 1, reason: 'nul_byte' } });
  });

  it('mixed CRLF/LF line endings load every row at its line, no temporary copy in any message', async () => {
    const dir = copy();
    const before = scratchCopies();
    const lines = readFileSync(join(dir, 'institutions.csv'), 'utf8').trimEnd().split('\n');
    lines.push('I3,丙,商会,x,30.6,330002');
    writeFileSync(join(dir, 'institutions.csv'), `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\n`);
    const s = await run(dir);
    expect(s.inputs.find((i) => i.kind === 'institutions')).toMatchObject({ rows: 3, loaded: 2, rejected: 1 });
    expect(s.examples.map((r) => [r.file.split('/').pop(), r.line, r.reason])).toEqual([['institutions.csv', 4, 'not_a_number']]);
    expect(scratchCopies()).toEqual(before);
  });

  it('a transcoded temporary copy is removed when the input fails (a mapping error after the read)', async () => {
    const dir = copy();
    const before = scratchCopies();
    writeFileSync(join(dir, 'institutions.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\nI1,x\n', 'utf16le')]));
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_MAPPING' });
    expect(scratchCopies()).toEqual(before);
  });
});
