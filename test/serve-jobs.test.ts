/**
 * The server's jobs and security beyond the route table: a token when bound beyond loopback
 * (missing, wrong, bearer, one-time URL → cookie, a code spent twice), a crashed job reports its
 * error without a stack, jobs survive a server restart (queued ones run on the next start, one a
 * killed server left "running" is queued again), and `cluster-atlas serve` stops on SIGTERM with
 * its running job cancelled and the workspace whole.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Launcher } from '../src/serve/jobs.js';
import type { RunningServer } from '../src/serve/server.js';
import { openWorkspace } from '../src/store/workspace.js';
import { Client, demoFiles, testServer } from './serve-helpers.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'cluster-atlas.js');
const haveDist = existsSync(join(import.meta.dirname, '..', 'dist', 'src', 'serve', 'server.js'));
const scripts = mkdtempSync(join(tmpdir(), 'atlas-serve-scripts-'));
afterAll(() => rmSync(scripts, { recursive: true, force: true }));

/** A launcher running a script of this test instead of the pipeline. */
function scriptLauncher(body: string): Launcher {
  const file = join(scripts, `s-${Math.random().toString(16).slice(2)}.mjs`);
  writeFileSync(file, body);
  return () => ({ module: file, args: [] });
}
const SLOW = "setTimeout(() => process.send({ type: 'done', result: { slow: true } }, () => process.exit(0)), 1500);";
const FAST = "process.send({ type: 'done', result: { fast: true } }, () => process.exit(0));";

async function mapped(api: Client): Promise<string> {
  const { body: p } = await api.json('POST', '/api/projects', {}, { name: 'x' });
  await api.upload(p.id, 'firms.csv', '企业代码,行业代码,经度,纬度\nF1,1811,120.1,30.1\n');
  const { body: m } = await api.json('GET', '/api/projects/:project/mapping', { project: p.id });
  await api.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: m.guess.project });
  return p.id;
}

describe('serve beyond loopback: the token', () => {
  let srv: Awaited<ReturnType<typeof testServer>>;
  beforeAll(async () => { srv = await testServer({ host: '0.0.0.0' }); });
  afterAll(async () => { await srv?.done(); });

  it('generates a token and requires it on every route', async () => {
    const s = srv.server;
    expect(s.generatedToken).toBe(true);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const base = `http://127.0.0.1:${s.port}`;
    for (const path of ['/api/health', '/api/projects', '/api/openapi.json', '/', '/api/projects/p-0000000000/results']) {
      const none = await fetch(base + path);
      expect([path, none.status]).toEqual([path, 401]);
      const body = (await none.json()) as { error: string };
      expect(body.error).toBe('E_UNAUTHORIZED');
      const wrong = await fetch(base + path, { headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.status).toBe(401);
      expect(((await wrong.json()) as { message: string }).message).toBe('the token is wrong');
    }
    expect((await fetch(`${base}/api/projects`, { headers: { cookie: 'cluster_atlas_token=nope' } })).status).toBe(401);
    const ok = await fetch(`${base}/api/projects`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(ok.status).toBe(200);
    // the one-time URL sets the cookie once
    const login = await fetch(s.loginUrl.replace('0.0.0.0', '127.0.0.1'), { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cluster_atlas_token=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    const withCookie = await fetch(`${base}/api/health`, { headers: { cookie: cookie.split(';')[0] } });
    expect(await withCookie.json()).toEqual({ ok: true, tokenRequired: true });
    const spent = await fetch(s.loginUrl.replace('0.0.0.0', '127.0.0.1'), { redirect: 'manual' });
    expect(spent.status).toBe(401);
    // a new one-time link, for a colleague
    const link = await fetch(`${base}/api/auth/link`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
    const { path } = (await link.json()) as { path: string };
    expect((await fetch(base + path, { redirect: 'manual' })).status).toBe(302);
  });

  it('refuses a given token that is too short', async () => {
    await expect(testServer({ host: '0.0.0.0', token: 'short' })).rejects.toMatchObject({ code: 'E_OPTION' });
  });
});

describe('serve jobs: crashes and restarts', () => {
  it('reports a crashed job\'s error without its stack', async () => {
    const srv = await testServer({ launcher: scriptLauncher("throw new Error('boom at /secret/path');") });
    try {
      const api = new Client(srv.server);
      const p = await mapped(api);
      const j = await api.json('POST', '/api/projects/:project/jobs', { project: p }, { type: 'analyze' });
      const done = await api.waitJob(p, j.body.id);
      expect(done.state).toBe('failed');
      expect(done.error).toEqual({ error: 'E_INTERNAL', message: "the job's process ended with exit code 1; the server log has the details", details: { exitCode: 1, signal: null } });
      expect(JSON.stringify(done)).not.toContain('/secret/path');
    } finally {
      await srv.done();
    }
  });

  it('keeps queued jobs over a restart and re-queues one a killed server left running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-serve-restart-'));
    try {
      const a = await testServer({ dir, launcher: scriptLauncher(SLOW) });
      const api = new Client(a.server);
      const p = await mapped(api);
      const j1 = (await api.json('POST', '/api/projects/:project/jobs', { project: p }, { type: 'analyze' })).body;
      const j2 = (await api.json('POST', '/api/projects/:project/jobs', { project: p }, { type: 'ingest' })).body;
      expect((await api.json('GET', '/api/projects/:project/jobs/:job', { project: p, job: j1.id })).body.state).toBe('running');
      await a.server.stop(); // as on SIGTERM
      const jobFile = (id: string): any => JSON.parse(readFileSync(join(dir, p, 'jobs', `${id}.json`), 'utf8'));
      expect(jobFile(j1.id)).toMatchObject({ state: 'cancelled', error: { message: 'cancelled: the server shut down' } });
      expect(jobFile(j2.id).state).toBe('queued');
      // a server killed outright leaves a job "running": the next start queues it again
      const j3 = { ...jobFile(j2.id), id: 'j-ffffffffffffffff', state: 'running', created: new Date(Date.now() + 1000).toISOString() };
      writeFileSync(join(dir, p, 'jobs', `${j3.id}.json`), JSON.stringify(j3));
      const b = await testServer({ dir, launcher: scriptLauncher(FAST) });
      try {
        const api2 = new Client(b.server);
        const d2 = await api2.waitJob(p, j2.id);
        expect(d2).toMatchObject({ state: 'done', result: { fast: true } });
        const d3 = await api2.waitJob(p, j3.id);
        expect(d3).toMatchObject({ state: 'done', restarts: 1 });
        expect(JSON.parse(readFileSync(join(dir, p, 'jobs', `${j2.id}.result.json`), 'utf8'))).toEqual({ fast: true });
      } finally {
        await b.server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe.skipIf(!haveDist)('cluster-atlas serve (the CLI) on SIGTERM', () => {
  it('cancels the running analysis, leaves the workspace whole and exits 0', async () => {
    const demo = await demoFiles();
    const dir = mkdtempSync(join(tmpdir(), 'atlas-serve-cli-'));
    // --import: the demo's files and its cluster-atlas.json through the server's own API
    const child = spawn(process.execPath, [BIN, '--lang', 'en', 'serve', '--port', '0', '--dir', dir, '--import', demo], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const [url, p] = await new Promise<[string, string]>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => { out += c.toString(); const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?project=(p-[0-9a-f]+)&view=data/.exec(out); if (m) resolve([m[1], m[2]]); });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      expect(out).toMatch(/Imported .*: project p-[0-9a-f]+ \(\d+ files, column mapping from its cluster-atlas\.json\)/);
      const api = new Client({ url } as RunningServer);
      const saved = (await api.json('GET', '/api/projects/:project/mapping', { project: p })).body.saved;
      expect(saved.inputs).toMatchObject(JSON.parse(readFileSync(join(demo, 'cluster-atlas.json'), 'utf8')).inputs);
      const ing = await api.waitJob(p, (await api.json('POST', '/api/projects/:project/jobs', { project: p }, { type: 'ingest' })).body.id);
      expect(ing.state, JSON.stringify(ing.error)).toBe('done');
      const j = (await api.json('POST', '/api/projects/:project/jobs', { project: p }, { type: 'analyze', params: { simulations: 999, permutations: 9999, force: true } })).body;
      for (let k = 0; k < 200; k++) {
        const s = (await api.json('GET', '/api/projects/:project/jobs/:job', { project: p, job: j.id })).body;
        if (s.progress?.stage === 'diagnose' || s.progress?.stage === 'measures') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const state = JSON.parse(readFileSync(join(dir, p, 'jobs', `${j.id}.json`), 'utf8'));
      expect(state.state).toBe('cancelled');
      const ws = await openWorkspace(join(dir, p, 'data', '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
      try {
        const [{ n }] = await ws.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM firms');
        expect(n).toBe(ing.result.inputs.find((i: { kind: string }) => i.kind === 'firms').loaded);
      } finally {
        ws.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      rmSync(demo, { recursive: true, force: true });
    }
  }, 120_000);
});
