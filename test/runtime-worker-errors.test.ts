/**
 * The simulation worker threads (src/runtime/simulation-worker.ts, compiled: threads need dist/)
 * carry a measure's InputError back as an InputError — a degenerate draw in a worker is a
 * "not computed" condition for the report, exactly as in one thread — and anything else as an
 * InternalError. And the README's first command, `cluster-atlas demo`, runs to the end with its
 * K-density simulations in worker threads.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli } from './helpers.js';

const DIST = resolve(import.meta.dirname, '..', 'dist', 'src');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-worker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('simulation worker errors', () => {
  it('an InputError in a worker is an InputError in the caller; another error is an InternalError', async () => {
    requireBuild();
    const errors = await import(pathToFileURL(join(DIST, 'core', 'errors.js')).href);
    const { workerRunner } = await import(pathToFileURL(join(DIST, 'runtime', 'simulation-worker.js')).href);
    const mod = join(scratch, 'failing-block.mjs');
    writeFileSync(mod, `import { InputError } from ${JSON.stringify(pathToFileURL(join(DIST, 'core', 'errors.js')).href)};
export function degenerate() { throw new InputError('E_DEGENERATE', 'kDensity: only 1 pair(s) within 2·rmax', { field: 'rmax', value: 400 }); }
export function broken() { throw new TypeError('x is undefined'); }
`);
    const run = workerRunner({ threads: 2 });
    const job = (exportName: string) => ({ module: pathToFileURL(mod).href, exportName, task: {}, simulations: 4, length: 3 });
    const e1 = await run(job('degenerate')).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(errors.InputError);
    expect(e1).toMatchObject({ code: 'E_DEGENERATE', details: { field: 'rmax', value: 400 } });
    const e2 = await run(job('broken')).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(errors.InternalError);
    expect((e2 as Error).message).toContain('TypeError');
  });

  it('a pool reuses its threads across jobs, survives a failed block and a dead thread, and refuses jobs once closed', async () => {
    requireBuild();
    const errors = await import(pathToFileURL(join(DIST, 'core', 'errors.js')).href);
    const { workerPool } = await import(pathToFileURL(join(DIST, 'runtime', 'simulation-worker.js')).href);
    const mod = join(scratch, 'pool-block.mjs');
    writeFileSync(mod, `import { InputError } from ${JSON.stringify(pathToFileURL(join(DIST, 'core', 'errors.js')).href)};
import { threadId } from 'node:worker_threads';
export function fill(task, from, to, out) { for (let s = from; s < to; s++) for (let j = 0; j < 3; j++) out[s * 3 + j] = task.base + s * 10 + j; }
export function thread(task, from, to, out) { for (let s = from; s < to; s++) out[s] = threadId; }
export function degenerate() { throw new InputError('E_DEGENERATE', 'too few pairs', { field: 'rmax', value: 1 }); }
export function die() { process.exit(3); }
`);
    const pool = workerPool({ threads: 2 });
    const job = (exportName: string, simulations: number, length: number, task: object = {}) => ({ module: pathToFileURL(mod).href, exportName, task, simulations, length });
    try {
      const a = await pool.run(job('fill', 5, 3, { base: 1000 }));
      expect(Array.from(a)).toEqual(Array.from({ length: 15 }, (_, k) => 1000 + Math.floor(k / 3) * 10 + (k % 3)));
      const t1 = Array.from(await pool.run(job('thread', 4, 1)));
      const t2 = Array.from(await pool.run(job('thread', 4, 1)));
      expect(t2).toEqual(t1); // the same two threads served both jobs
      expect(new Set(t1).size).toBe(2);
      await expect(pool.run(job('degenerate', 4, 1))).rejects.toBeInstanceOf(errors.InputError);
      const dead = await pool.run(job('die', 4, 1)).catch((e: unknown) => e);
      expect(dead).toBeInstanceOf(errors.InternalError);
      expect((dead as Error).message).toMatch(/exited \(code 3\)/);
      const b = await pool.run(job('fill', 2, 3, { base: 7 })); // a fresh thread replaces the dead one
      expect(Array.from(b)).toEqual([7, 8, 9, 17, 18, 19]);
    } finally {
      await pool.close();
    }
    await expect(pool.run(job('fill', 1, 3, { base: 0 }))).rejects.toThrow(/closed/);
  });

  it('cluster-atlas demo (the README command) writes the report', () => {
    requireBuild();
    const out = join(scratch, 'demo');
    const r = runCli(scratch, ['--quiet', 'demo', '-o', out]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'report', 'report.html'))).toBe(true);
  }, 300_000);
});
