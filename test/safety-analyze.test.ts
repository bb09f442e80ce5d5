/**
 * Issue 15, analyze's outputs: one run at a time per --out (the lock
 * DIR/.cluster-atlas-analyze/lock), the files written as one set with a manifest (outputs of an
 * earlier run that this run no longer produces are removed, files we never wrote are kept),
 * --out on a regular file is a user error, payload names are neutralised in the CSV tables and
 * escaped in the printed table, and --confine. On the demo with hand-made candidates
 * (test/report-fixture.ts).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitOutputs } from '../src/analyze/outputs.js';
import { analyze, type DiagnoseFn } from '../src/analyze/pipeline.js';
import { registerAnalyze } from '../src/cli/commands/analyze.js';
import { runDiagnose } from '../src/cli/commands/diagnose.js';
import type { CliContext } from '../src/cli/output.js';
import { parseCsvRecords } from '../src/core/csv.js';
import type { InputError } from '../src/core/errors.js';
import { codeOf } from './safety-helpers.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import { editJson, requireBuild, runCli } from './helpers.js';
import { demoProject, handMadeCandidates, NOW } from './report-fixture.js';

const FAST = { simulations: 0, permutations: 9, seed: 3, now: NOW };
const ESC = '\u001b]0;pwned\u0007\u001b[2J';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

let dir: string;
let project: string;
let all: DiagnosedCandidate[];
const diagnoseWith = (cs: DiagnosedCandidate[]): DiagnoseFn => async () => ({ candidates: cs, warnings: [] });

beforeAll(async () => {
  requireBuild();
  dir = await demoProject();
  project = join(dir, 'cluster-atlas.json');
  all = handMadeCandidates(dir);
}, 120_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });


describe('analyze outputs as one set', () => {
  it('a rerun with fewer candidates removes the stale evidence tables and layers, keeps files we never wrote', async () => {
    const out = join(dir, 'out-stale');
    await analyze({ project, out, ...FAST }, { diagnose: diagnoseWith(all) });
    expect(existsSync(join(out, 'tables', 'evidence-C11.csv'))).toBe(true);
    writeFileSync(join(out, 'tables', 'my-notes.csv'), 'mine\n');
    writeFileSync(join(out, 'notes.txt'), 'mine\n');
    const s = await analyze({ project, out, ...FAST, force: true }, { diagnose: diagnoseWith(all.slice(0, 3)) });
    expect(readdirSync(join(out, 'tables')).sort()).toEqual(['candidates.csv', 'categories.csv', 'evidence-C01.csv', 'evidence-C02.csv', 'evidence-C03.csv', 'my-notes.csv']);
    expect(readdirSync(join(out, 'layers')).filter((f) => f.startsWith('regions-')).sort()).toEqual(['regions-C01.geojson', 'regions-C02.geojson', 'regions-C03.geojson']);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine\n');
    const manifest = JSON.parse(readFileSync(join(out, '.cluster-atlas-analyze', 'manifest.json'), 'utf8'));
    expect([...manifest.files].sort()).toEqual([...s.files].sort());
    // no staging directory, no lock left behind
    expect(readdirSync(join(out, '.cluster-atlas-analyze')).sort()).toEqual(['cache.json', 'manifest.json']);
  }, 120_000);

  it('a failure while writing the set leaves the previous outputs as they were and no staging files', () => {
    const out = join(dir, 'out-commit');
    mkdirSync(out);
    commitOutputs(out, [{ rel: 'results.json', text: 'old' }, { rel: 'tables/candidates.csv', text: 'old' }], [], 'first');
    const failing = { rel: 'tables/candidates.csv', get text(): string { throw new Error('disk full'); } };
    expect(() => commitOutputs(out, [{ rel: 'results.json', text: 'new' }, failing], [], 'second')).toThrow('disk full');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
    expect(readFileSync(join(out, 'tables', 'candidates.csv'), 'utf8')).toBe('old');
    expect(readdirSync(join(out, '.cluster-atlas-analyze'))).toEqual(['manifest.json']);
  });

  it('a manifest naming paths that are not our outputs removes nothing outside them', () => {
    const out = join(dir, 'out-manifest');
    mkdirSync(join(out, '.cluster-atlas-analyze'), { recursive: true });
    writeFileSync(join(dir, 'precious.txt'), 'x');
    writeFileSync(join(out, 'keep.txt'), 'x');
    writeFileSync(join(out, '.cluster-atlas-analyze', 'manifest.json'), JSON.stringify({ format: 'cluster-atlas-analyze-manifest/1', files: ['../precious.txt', 'keep.txt', 'tables/../../precious.txt'] }));
    commitOutputs(out, [{ rel: 'results.json', text: '{}' }], [], 'x');
    expect(existsSync(join(dir, 'precious.txt'))).toBe(true);
    expect(existsSync(join(out, 'keep.txt'))).toBe(true);
  });

  it('two analyze runs into one --out: the second fails with E_LOCKED; results.json and cache.json come from one run', async () => {
    const out = join(dir, 'out-race');
    const [a, b] = await Promise.allSettled([
      analyze({ project, out, ...FAST, seed: 5 }, { diagnose: diagnoseWith(all.slice(0, 2)) }),
      analyze({ project, out, ...FAST, seed: 6 }, { diagnose: diagnoseWith(all.slice(0, 4)) }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const e = (b as PromiseRejectedResult).reason as InputError;
    expect(e.code).toBe('E_LOCKED');
    expect(e.details).toMatchObject({ file: join(out, '.cluster-atlas-analyze', 'lock'), pid: process.pid, command: 'analyze' });
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const cache = JSON.parse(readFileSync(join(out, '.cluster-atlas-analyze', 'cache.json'), 'utf8'));
    expect(results.key).toBe(cache.key);
    expect(results.candidates).toHaveLength(2);
    expect(existsSync(join(out, '.cluster-atlas-analyze', 'lock'))).toBe(false);
  }, 120_000);

  it('with wait, the second run waits for the first and then runs: no mix, both complete; --wait refuses a bad value', async () => {
    const out = join(dir, 'out-wait');
    const [a, b] = await Promise.allSettled([
      analyze({ project, out, ...FAST, seed: 5 }, { diagnose: diagnoseWith(all.slice(0, 2)) }),
      analyze({ project, out, ...FAST, seed: 6, wait: 120 }, { diagnose: diagnoseWith(all.slice(0, 4)) }),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('fulfilled');
    // the waiting run finished last: its four candidates are the outputs, results and cache from one run
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    const cache = JSON.parse(readFileSync(join(out, '.cluster-atlas-analyze', 'cache.json'), 'utf8'));
    expect(results.candidates).toHaveLength(4);
    expect(results.key).toBe(cache.key);
    const r = runCli(dir, ['analyze', '--out', 'out-wait', '--wait', 'soon']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/--wait must be a number of seconds/);
  }, 180_000);

  it('--out on a regular file is a user error (E_FILE, exit 1), not an internal error', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'mine');
    const e = await codeOf(analyze({ project, out: file, ...FAST }, { diagnose: diagnoseWith(all) }));
    expect(e).toMatchObject({ code: 'E_FILE', details: { file, field: 'out' } });
    const r = runCli(dir, ['analyze', '--out', 'a-file']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
  }, 60_000);
});

describe('payload names', () => {
  it('are neutralised in tables/candidates.csv and escaped in the printed table', async () => {
    const named = all.slice(0, 2).map((c, i) => ({ ...c, name: i === 0 ? { zh: FORMULA, en: FORMULA } : { zh: ESC, en: ESC } }));
    const out = join(dir, 'out-payload');
    const lines: string[] = [];
    const ctx: CliContext = { lang: 'en', format: 'table', quiet: true, out: (s) => lines.push(s), err: (s) => lines.push(s), progress: false };
    const program = new Command('cluster-atlas').exitOverride();
    registerAnalyze(program, () => ctx, async () => diagnoseWith(named));
    await program.parseAsync(['analyze', '--project', project, '--out', out, '--simulations', '0', '--permutations', '9'], { from: 'user' });
    const printed = lines.join('\n');
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(printed).toContain('\\u001b]0;pwned');
    const rows = parseCsvRecords(readFileSync(join(out, 'tables', 'candidates.csv'), 'utf8'));
    const [head, first, second] = rows.map((r) => r.cells);
    expect(first[head.indexOf('name_en')]).toBe(`'${FORMULA}`);
    expect(second[head.indexOf('name_en')]).toBe(ESC); // in a file, the text stays as it is
    expect(Number(first[head.indexOf('employment')])).toBe(named[0].employment);
  }, 120_000);
});

describe('diagnose prints names escaped', () => {
  it('a candidate named with ESC sequences reaches the table and the sentences spelled out', async () => {
    const lines: string[] = [];
    const ctx: CliContext = { lang: 'en', format: 'table', quiet: false, out: (s) => lines.push(s), err: (s) => lines.push(s), progress: false };
    const evidence = join(dir, 'evidence-payload.csv');
    await runDiagnose(ctx, { project, discover: false, industries: all[0].industries.join(','), name: `${FORMULA}${ESC}`, evidence });
    const printed = lines.join('\n');
    expect(printed).toContain('\\u001b]0;pwned');
    expect(printed).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const [head, ...rows] = parseCsvRecords(readFileSync(evidence, 'utf8')).map((r) => r.cells);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r[head.indexOf('name')].startsWith(`'${FORMULA}`)).toBe(true);
  }, 120_000);
});

describe('--confine', () => {
  it('refuses an input outside the project directory before writing anything', async () => {
    const sub = join(dir, 'confined');
    mkdirSync(sub);
    const p = join(sub, 'cluster-atlas.json');
    writeFileSync(p, readFileSync(project));
    editJson(p, (doc) => { for (const spec of Object.values(doc.inputs) as { file: string }[]) spec.file = `../${spec.file}`; doc.workspace = 'ws.duckdb'; });
    const out = join(sub, 'out');
    const e = await codeOf(analyze({ project: p, out, confine: true, ...FAST }, { diagnose: diagnoseWith(all) }));
    expect(e.code).toBe('E_FILE');
    expect(String(e.details.field)).toMatch(/^inputs\.\w+\.file$/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(sub, 'ws.duckdb'))).toBe(false);
  });
});
