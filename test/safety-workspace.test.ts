/**
 * Issue 15: ingest never overwrites what is not a workspace and never deletes files it did not
 * create; one ingest at a time per workspace (the lock `<workspace>.lock`, stale-lock takeover);
 * `--confine` keeps inputs and the workspace under the project directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../src/cli/commands/ingest.js';
import type { CliContext } from '../src/cli/output.js';
import type { InputError } from '../src/core/errors.js';
import { codeOf } from './safety-helpers.js';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, fixtureCopy, NOW, requireBuild, runCli } from './helpers.js';

const dirs: string[] = [];
beforeAll(() => requireBuild());
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function copy(): string {
  const d = fixtureCopy();
  dirs.push(d);
  return d;
}


/** The pid of a process that has exited (for stale locks). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const quiet: CliContext = { lang: 'en', format: 'json', quiet: true, out: () => undefined, err: () => undefined, progress: false };

describe('never overwrite what is not a workspace', () => {
  it('`ingest -w firms.csv` refuses (exit 1) and leaves the input file byte for byte', () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'firms.csv'));
    const r = runCli(dir, ['ingest', '-w', 'firms.csv']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('firms.csv');
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readFileSync(join(dir, 'firms.csv')).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('firms.csv.'))).toEqual([]);
  });

  it('"workspace": "../victim.txt" leaves the file and its neighbours .wal and .building-* untouched', async () => {
    const root = copy();
    const dir = join(root, 'project');
    mkdirSync(dir);
    for (const f of readdirSync(root)) if (f !== 'project') writeFileSync(join(dir, f), readFileSync(join(root, f)));
    const victims = { 'victim.txt': 'my notes\n', 'victim.txt.wal': 'not a wal\n', [`victim.txt.building-${deadPid()}`]: 'keep me\n' };
    for (const [f, text] of Object.entries(victims)) writeFileSync(join(root, f), text);
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.workspace = '../victim.txt'; });
    const e = await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }));
    expect(e.code).toBe('E_WORKSPACE');
    expect(e.details).toMatchObject({ file: join(root, 'victim.txt'), field: 'workspace' });
    for (const [f, text] of Object.entries(victims)) expect(readFileSync(join(root, f), 'utf8'), f).toBe(text);
    expect(existsSync(join(root, 'victim.txt.lock'))).toBe(false);
  });

  it('a DuckDB file that is not ours, a directory and an empty file are refused too', async () => {
    const dir = copy();
    const other = join(dir, 'other.duckdb');
    const db = await DuckDBInstance.create(other);
    const c = await db.connect();
    await c.run('CREATE TABLE t (x INTEGER)');
    c.closeSync();
    db.closeSync();
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'empty'), '');
    for (const ws of [other, join(dir, 'adir'), join(dir, 'empty')]) {
      const e = await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), workspace: ws, now: NOW }));
      expect(e.code, ws).toBe('E_WORKSPACE');
      expect(e.details.file).toBe(ws);
    }
    const again = await DuckDBInstance.create(other, { access_mode: 'READ_ONLY' });
    const rows = (await (await again.connect()).runAndReadAll("SELECT count(*)::INT n FROM duckdb_tables() WHERE table_name = 't'")).getRowObjects();
    again.closeSync();
    expect(rows[0].n).toBe(1);
  });

  it('replaces an existing workspace of ours as before', async () => {
    const dir = copy();
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    ws.close();
    expect(readdirSync(join(dir, '.cluster-atlas')).sort()).toEqual(['rejects.csv', 'workspace.duckdb']);
  });
});

describe('one ingest at a time per workspace', () => {
  it('two ingests at once: the second fails with E_LOCKED naming the holder; the first wins', async () => {
    const dir = copy();
    const project = join(dir, 'cluster-atlas.json');
    const [a, b] = await Promise.allSettled([ingest({ project, now: NOW }), ingest({ project, now: NOW })]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const e = (b as PromiseRejectedResult).reason as InputError;
    expect(e.code).toBe('E_LOCKED');
    expect(e.details).toMatchObject({ file: join(dir, '.cluster-atlas', 'workspace.duckdb.lock'), pid: process.pid, command: 'ingest' });
    expect(typeof e.details.started).toBe('string');
    expect(existsSync(join(dir, '.cluster-atlas', 'workspace.duckdb.lock'))).toBe(false);
  });

  it('a lock held by a live process of another run: exit 1 naming its pid; the lock stays', () => {
    const dir = copy();
    mkdirSync(join(dir, '.cluster-atlas'));
    const lock = join(dir, '.cluster-atlas', 'workspace.duckdb.lock');
    const holder = { pid: process.pid, started: '2020-01-01T00:00:00.000Z', host: hostname(), command: 'ingest', token: 'abc' };
    writeFileSync(lock, JSON.stringify(holder));
    const r = runCli(dir, ['ingest', '--quiet']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(String(process.pid));
    expect(r.stderr).toContain('2020-01-01T00:00:00.000Z');
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual(holder);
    expect(existsSync(join(dir, '.cluster-atlas', 'workspace.duckdb'))).toBe(false);
  });

  it('a stale lock (its process is dead) is taken over and that run\'s partial build removed; other files stay', async () => {
    const dir = copy();
    const wsDir = join(dir, '.cluster-atlas');
    mkdirSync(wsDir);
    const dead = deadPid();
    writeFileSync(join(wsDir, 'workspace.duckdb.lock'), JSON.stringify({ pid: dead, started: '2020-01-01T00:00:00.000Z', host: hostname(), command: 'ingest', token: 'dead' }));
    writeFileSync(join(wsDir, `workspace.duckdb.building-${dead}`), 'partial');
    writeFileSync(join(wsDir, `workspace.duckdb.building-${dead}.wal`), 'partial');
    writeFileSync(join(wsDir, 'workspace.duckdb.building-notes'), 'not ours');
    await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(readdirSync(wsDir).sort()).toEqual(['rejects.csv', 'workspace.duckdb', 'workspace.duckdb.building-notes']);
  });

  it('an unreadable lock file is not ours to delete: E_LOCKED, file kept', async () => {
    const dir = copy();
    mkdirSync(join(dir, '.cluster-atlas'));
    const lock = join(dir, '.cluster-atlas', 'workspace.duckdb.lock');
    writeFileSync(lock, 'my shopping list');
    const e = await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW }));
    expect(e.code).toBe('E_LOCKED');
    expect(e.details.file).toBe(lock);
    expect(readFileSync(lock, 'utf8')).toBe('my shopping list');
  });
});

describe('--confine', () => {
  it('refuses an input or a workspace outside the project directory, symlinks resolved', async () => {
    const root = copy();
    const dir = join(root, 'project');
    mkdirSync(dir);
    for (const f of readdirSync(root)) if (f !== 'project') writeFileSync(join(dir, f), readFileSync(join(root, f)));
    const project = join(dir, 'cluster-atlas.json');
    // inside: fine (and ingests)
    await runIngest(quiet, { project, confine: true });
    // an input through ../
    editJson(project, (p) => { p.inputs.firms.file = '../firms.csv'; });
    let e = await codeOf(runIngest(quiet, { project, confine: true }));
    expect(e.code).toBe('E_FILE');
    expect(e.details).toMatchObject({ field: 'inputs.firms.file', file: join(root, 'firms.csv') });
    // a symlink inside that points outside
    symlinkSync(join(root, 'firms.csv'), join(dir, 'link.csv'));
    editJson(project, (p) => { p.inputs.firms.file = 'link.csv'; });
    e = await codeOf(runIngest(quiet, { project, confine: true }));
    expect(e.details).toMatchObject({ field: 'inputs.firms.file', file: join(dir, 'link.csv') });
    // without --confine the same project ingests (a local tool reads what it is told)
    await runIngest(quiet, { project });
    // the workspace, from the project or -w
    editJson(project, (p) => { p.inputs.firms.file = 'firms.csv'; p.workspace = '../ws.duckdb'; });
    e = await codeOf(runIngest(quiet, { project, confine: true }));
    expect(e.details).toMatchObject({ field: 'workspace', file: join(root, 'ws.duckdb') });
    e = await codeOf(runIngest(quiet, { project, confine: true, workspace: join(root, 'elsewhere', 'ws.duckdb') }));
    expect(e.details).toMatchObject({ field: 'workspace' });
    expect(existsSync(join(root, 'ws.duckdb'))).toBe(false);
  });
});
