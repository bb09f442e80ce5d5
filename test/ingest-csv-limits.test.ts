import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { editJson, fixtureCopies, NOW, readRejectsCsv } from './helpers.js';

const copy = fixtureCopies();
const run = (dir: string) => ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
const header = (dir: string, file: string): string => readFileSync(join(dir, file), 'utf8').split('\n')[0];

describe('an input with no data rows', () => {
  it('a header-only firms file is an error naming the file', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'firms.csv'), `${header(dir, 'firms.csv')}\n`);
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { file: expect.stringContaining('firms.csv'), reason: 'no_data_rows' } });
  });
  it('a header-only institutions file is an error too, and a warning when the project marks it allowEmpty', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'institutions.csv'), `${header(dir, 'institutions.csv')}\n`);
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), reason: 'no_data_rows' } });
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.inputs.institutions.allowEmpty = true; });
    const s = await run(dir);
    expect(s.warnings.find((w) => w.startsWith('institutions (') && w.includes('institutions.csv'))).toContain('no data rows');
  });
});

describe('findings scale', () => {
  it('300,000 findings in one input: no stack overflow, every one in rejects.csv', async () => {
    const dir = copy();
    const lines = [header(dir, 'firms.csv')];
    for (let i = 0; i < 300_000; i++) lines.push(`B${i},n,1811,120.5,30.5,330001,many,100,2010,本地,,0,生产`);
    writeFileSync(join(dir, 'firms.csv'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'links.csv'), 'source,target,type,value,year\n');
    editJson(join(dir, 'cluster-atlas.json'), (p) => { delete p.inputs.links; });
    const s = await run(dir);
    expect(s.findings).toBe(300_000);
    expect(s.rejectsByReason).toEqual({ not_a_number: 300_000 });
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    expect(rejects).toHaveLength(300_000);
    expect(rejects[299_999]).toMatchObject({ line: '300001', reason: 'not_a_number', value: 'many' });
  }, 120_000);
});

describe('inputs that are not regular files', () => {
  it('a directory is E_FILE naming the path', async () => {
    const dir = copy();
    rmSync(join(dir, 'institutions.csv'));
    mkdirSync(join(dir, 'institutions.csv'));
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_FILE', details: { file: expect.stringContaining('institutions.csv'), reason: 'not_a_file' } });
  });
  it('a FIFO is refused without blocking', async () => {
    const dir = copy();
    rmSync(join(dir, 'institutions.csv'));
    execFileSync('mkfifo', [join(dir, 'institutions.csv')]);
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_FILE', details: { reason: 'not_a_file' } });
  }, 20_000);
});

describe('long lines', () => {
  it('a 3 MB field (over DuckDB\'s default 2 MB line limit) loads, at its line', async () => {
    const dir = copy();
    const lines = readFileSync(join(dir, 'institutions.csv'), 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, `I9,${'长'.repeat(1_000_000)},chamber,120.5,30.5,330001`);
    lines.push('I3,x,chamber,abc,30.5,330001');
    writeFileSync(join(dir, 'institutions.csv'), `${lines.join('\n')}\n`);
    const s = await run(dir);
    expect(s.inputs.find((i) => i.kind === 'institutions')).toMatchObject({ rows: 4, loaded: 3 });
    expect(s.examples.map((r) => [r.line, r.reason])).toEqual([[5, 'not_a_number']]);
  });
  it('a line over the 64 MiB maximum refuses the file, naming its line, reason line_too_long', async () => {
    const dir = copy();
    const lines = readFileSync(join(dir, 'institutions.csv'), 'utf8').trimEnd().split('\n');
    lines.splice(2, 0, `I9,${'x'.repeat(65 * 1024 * 1024)},chamber,120.5,30.5,330001`);
    writeFileSync(join(dir, 'institutions.csv'), `${lines.join('\n')}\n`);
    await expect(run(dir)).rejects.toMatchObject({ code: 'E_PARSE', details: { file: expect.stringContaining('institutions.csv'), line: 3, reason: 'line_too_long' } });
  }, 60_000);
});
