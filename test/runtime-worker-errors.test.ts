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

  it('cluster-atlas demo (the README command) writes the report', () => {
    requireBuild();
    const out = join(scratch, 'demo');
    const r = runCli(scratch, ['--quiet', 'demo', '-o', out]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'report', 'report.html'))).toBe(true);
  }, 300_000);
});
