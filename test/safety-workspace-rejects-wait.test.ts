/**
 * Issue 15: rejects.csv belongs to the workspace it describes (it is swapped in with the
 * workspace, never written before it), and a run that finds the workspace locked can wait for
 * the lock (`--wait SECONDS`) instead of failing at once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest, REFUSED_REJECTS_FILE } from '../src/io/ingest.js';
import { acquireLock, buildWorkspace, openWorkspace, parseWaitOption, waitForLock } from '../src/store/workspace.js';
import { codeOf } from './safety-helpers.js';
import { fixtureCopies, NOW, readRejectsCsv, requireBuild, runCli, setLine } from './helpers.js';

const copy = fixtureCopies();
const ROOT = join(import.meta.dirname, '..');

/** The rejects table of the workspace, as rejects.csv would show it (line as text). */
async function tableRejects(ws: string): Promise<Record<string, string>[]> {
  const w = await openWorkspace(ws);
  const rows = await w.all<Record<string, string | number | null>>('SELECT file, line, field, value, reason, coalesce(detail, \'\') AS detail FROM rejects');
  w.close();
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v ?? '')])));
}

describe('rejects.csv belongs to the workspace beside it', () => {
  it('ingest --strict that refuses keeps the old workspace and its rejects.csv; the refused findings go to rejects-refused.csv', async () => {
    const dir = copy();
    const project = join(dir, 'cluster-atlas.json');
    const wsDir = join(dir, '.cluster-atlas');
    await ingest({ project, now: NOW });
    const before = readFileSync(join(wsDir, 'rejects.csv'), 'utf8');
    expect(readRejectsCsv(join(wsDir, 'rejects.csv'))).toEqual(await tableRejects(join(wsDir, 'workspace.duckdb')));
    setLine(join(dir, 'institutions.csv'), 2, 'I1,新的坏行,chamber,abc,30.5,330001'); // one more finding
    const e = await codeOf(ingest({ project, now: NOW, strict: true }));
    expect(e.code).toBe('E_REJECTS');
    expect(e.details.file).toBe(join(wsDir, REFUSED_REJECTS_FILE));
    expect(readFileSync(join(wsDir, 'rejects.csv'), 'utf8')).toBe(before);
    expect(readRejectsCsv(join(wsDir, 'rejects.csv'))).toEqual(await tableRejects(join(wsDir, 'workspace.duckdb')));
    const refused = readRejectsCsv(join(wsDir, REFUSED_REJECTS_FILE));
    expect(refused.find((r) => r.value === 'abc')).toMatchObject({ line: '2', reason: 'not_a_number' });
    expect(readdirSync(wsDir).sort()).toEqual([REFUSED_REJECTS_FILE, 'rejects.csv', 'workspace.duckdb']);
  });

  it('a build that fails after writing its companion leaves the old companion and no staged file', async () => {
    const dir = copy();
    const ws = join(dir, 'w.duckdb');
    const side = join(dir, 'side.csv');
    await buildWorkspace(ws, async (w, [staged]) => {
      await w.run('CREATE TABLE meta (key VARCHAR, value VARCHAR)');
      writeFileSync(staged, 'first\n');
    }, { companions: [side] });
    expect(readFileSync(side, 'utf8')).toBe('first\n');
    await expect(buildWorkspace(ws, async (w, [staged]) => {
      await w.run('CREATE TABLE meta (key VARCHAR, value VARCHAR)');
      writeFileSync(staged, 'second\n');
      throw new Error('boom');
    }, { companions: [side] })).rejects.toThrow('boom');
    expect(readFileSync(side, 'utf8')).toBe('first\n');
    expect(readdirSync(dir).filter((f) => f.includes('.building-'))).toEqual([]);
  });

  it('SIGKILL after the companion is written: the old workspace keeps its companion; the next run removes the dead run\'s staged file', async () => {
    const dir = copy();
    const ws = join(dir, 'w.duckdb');
    const side = join(dir, 'side.csv');
    const script = join(dir, 'kill.mts');
    writeFileSync(script, `
      const { buildWorkspace } = await import(${JSON.stringify(join(ROOT, 'src/store/workspace.ts'))});
      const { writeFileSync } = await import('node:fs');
      await buildWorkspace(${JSON.stringify(ws)}, async (w, [staged]) => {
        await w.run('CREATE TABLE meta (key VARCHAR, value VARCHAR)');
        writeFileSync(staged, process.argv[2] + '\\n');
        if (process.argv[3] === 'kill') process.kill(process.pid, 'SIGKILL');
      }, { companions: [${JSON.stringify(side)}] });
    `);
    const run = (text: string, kill: string) => spawnSync(process.execPath, ['--import', 'tsx', script, text, kill], { cwd: ROOT, encoding: 'utf8' });
    expect(run('first', '').status).toBe(0);
    const killed = run('second', 'kill');
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(side, 'utf8')).toBe('first\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('side.csv.building-'))).toHaveLength(1);
    expect(run('third', '').status).toBe(0);
    expect(readFileSync(side, 'utf8')).toBe('third\n');
    expect(readdirSync(dir).filter((f) => f.includes('.building-'))).toEqual([]);
  }, 60_000);
});

/** A live process other than this one (its pid holds a lock), stopped by the caller. */
function liveProcess(): { pid: number; stop(): void } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

function holdLock(lock: string, pid: number): void {
  mkdirSync(join(lock, '..'), { recursive: true });
  writeFileSync(lock, JSON.stringify({ pid, started: '2020-01-01T00:00:00.000Z', host: hostname(), command: 'ingest', token: 'other' }));
}

describe('waiting for a lock', () => {
  it('without --wait a held lock fails at once naming the holder; with --wait it fails after the wait, still naming it', async () => {
    const dir = copy();
    const lock = join(dir, 'x.lock');
    const holder = liveProcess();
    try {
      holdLock(lock, holder.pid);
      let t0 = Date.now();
      let e = await codeOf(waitForLock(lock, 'ingest'));
      expect(Date.now() - t0).toBeLessThan(500);
      expect(e).toMatchObject({ code: 'E_LOCKED', details: { pid: holder.pid, started: '2020-01-01T00:00:00.000Z' } });
      t0 = Date.now();
      const p = waitForLock(lock, 'ingest', 1);
      await expect(p).rejects.toThrow(new RegExp(`process ${holder.pid} \\(started 2020-01-01T00:00:00.000Z.*\\(waited 1 s\\)`));
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
      e = await codeOf(waitForLock(lock, 'ingest', 0.2));
      expect(e.details).toMatchObject({ pid: holder.pid });
    } finally {
      holder.stop();
    }
  });

  it('a lock released during the wait is taken', async () => {
    const dir = copy();
    const lock = join(dir, 'x.lock');
    const first = acquireLock(lock, 'ingest');
    setTimeout(() => first.release(), 300);
    const second = await waitForLock(lock, 'ingest', 10);
    expect(JSON.parse(readFileSync(lock, 'utf8')).token).toBe(second.token);
    second.release();
    expect(existsSync(lock)).toBe(false);
  });

  it('two ingests at once with wait: both succeed, one after the other', async () => {
    const dir = copy();
    const project = join(dir, 'cluster-atlas.json');
    const [a, b] = await Promise.allSettled([ingest({ project, now: NOW, wait: 60 }), ingest({ project, now: NOW, wait: 60 })]);
    expect([a.status, b.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(existsSync(join(dir, '.cluster-atlas', 'workspace.duckdb.lock'))).toBe(false);
  }, 60_000);

  it('ingest with a wait shorter than the holder\'s run fails with E_LOCKED naming the holder', async () => {
    const dir = copy();
    const holder = liveProcess();
    try {
      holdLock(join(dir, '.cluster-atlas', 'workspace.duckdb.lock'), holder.pid);
      const e = await codeOf(ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW, wait: 0.5 }));
      expect(e).toMatchObject({ code: 'E_LOCKED', details: { pid: holder.pid } });
    } finally {
      holder.stop();
    }
  });

  it('the command line: --wait SECONDS, and a bad value is exit 1 with the reason', () => {
    requireBuild();
    const dir = copy();
    const holder = liveProcess();
    try {
      holdLock(join(dir, '.cluster-atlas', 'workspace.duckdb.lock'), holder.pid);
      let r = runCli(dir, ['ingest', '--wait', '0.5']);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`process ${holder.pid} (started 2020-01-01T00:00:00.000Z`);
      expect(r.stderr).toContain('(waited 0.5 s)');
      r = runCli(dir, ['ingest', '--wait', 'soon']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('--wait must be a number of seconds ≥ 0, got "soon"');
    } finally {
      holder.stop();
    }
  }, 60_000);

  it('--wait takes seconds ≥ 0', () => {
    expect(parseWaitOption(undefined)).toBeUndefined();
    expect(parseWaitOption('2.5')).toBe(2.5);
    expect(parseWaitOption('0')).toBe(0);
    for (const bad of ['', 'soon', '-1', 'Infinity']) expect(() => parseWaitOption(bad), bad).toThrow(/--wait must be a number of seconds/);
  });
});

