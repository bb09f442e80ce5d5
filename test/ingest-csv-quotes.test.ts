import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { editJson, fixtureCopy, NOW, readRejectsCsv } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** The fixture project with firms.csv replaced by `rows` generated rows (row i on line i + 2). */
function project(rows: number, line: (i: number) => string, eol = '\n'): string {
  const dir = fixtureCopy();
  dirs.push(dir);
  const header = readFileSync(join(dir, 'firms.csv'), 'utf8').split('\n')[0];
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(line(i));
  writeFileSync(join(dir, 'firms.csv'), `${lines.join(eol)}${eol}`);
  writeFileSync(join(dir, 'links.csv'), 'source,target,type,value,year\n');
  editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.links.allowEmpty = true; });
  return dir;
}
const firm = (i: number, name = `企业${i}`, rev = '100'): string => `Q${i},${name},1811,120.5,30.5,330001,10,${rev},2010,本地,,0,生产`;
const run = (dir: string) => ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });

describe('an unclosed quote loses no rows', () => {
  // Before the fix DuckDB read line 1502 as one record swallowing the rest of the file: 1,500
  // firms loaded and one reject, exit 0.
  for (const others of ['no other quotes', 'quoted fields after it'] as const) {
    it(`3,000 rows, a quote opened on line 1502 and never closed (${others}): one unclosed_quote reject there, every other row loaded`, async () => {
      const dir = project(3000, (i) => (i === 1500 ? firm(i, '"坏引号公司') : firm(i, i % 7 === 0 && others !== 'no other quotes' ? '"甲,乙 公司"' : `企业${i}`, i % 11 === 0 ? '"1,200"' : '100')));
      const s = await run(dir);
      const firms = s.inputs.find((i) => i.kind === 'firms')!;
      expect(firms).toMatchObject({ rows: 3000, loaded: 2999, rejected: 1 });
      const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
      expect(rejects.map((r) => [r.file.split('/').pop(), r.line, r.reason])).toEqual([['firms.csv', '1502', 'unclosed_quote']]);
      expect(rejects[0].value).toContain('Q1500');
    });
  }

  it('line numbers of later rejects stay exact after the repair (CRLF file, a bad value below the bad quote)', async () => {
    const dir = project(2000, (i) => (i === 300 ? firm(i, '"断开') : i === 1200 ? firm(i, `企业${i}`, 'abc') : firm(i, i === 1500 ? '"多行\n名称"' : `企业${i}`)), '\r\n');
    const s = await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects.map((r) => [r.line, r.reason])).toEqual([['302', 'unclosed_quote'], ['1202', 'not_a_number']]);
    expect(s.inputs.find((i) => i.kind === 'firms')).toMatchObject({ rows: 2000, loaded: 1998 });
  });

  it('an unclosed quote in the header refuses the file at line 1', async () => {
    const dir = project(10, (i) => firm(i));
    const path = join(dir, 'firms.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace('企业名称', '"企业名称'));
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { file: expect.stringContaining('firms.csv'), line: 1, reason: 'unclosed_quote' } });
  });
});
