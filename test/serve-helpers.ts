/**
 * Helpers of the server tests: a small demo scenario's files (scale 0.1, about 2,000 firms), a
 * server on a free loopback port over a temp projects directory, a JSON client that records
 * which documented route answered with which status (so the tests can check every route is
 * covered and every status is in the OpenAPI document), a project brought to "ingested".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { startServer, type RunningServer, type ServeOptions } from '../src/serve/server.js';

/** The demo's files a planner uploads (truth files and the IO sector map left out: the first are the generator's answers, the second is an option of plan gaps). */
export const UPLOADS = ['firms.csv', 'institutions.csv', 'links.csv', 'regions.geojson', 'parks.geojson', 'regional_stats.csv', 'io_table.csv', 'chain_templates.json', 'categories.csv', 'categories_related.csv'];

export async function demoFiles(scale = 0.1): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-serve-demo-'));
  await writeScenario(generateScenario(42, { scale }), dir);
  return dir;
}

export interface Call { method: string; route: string; status: number }

export class Client {
  readonly calls: Call[] = [];
  constructor(readonly server: RunningServer, readonly headers: Record<string, string> = {}) {}

  url(route: string, params: Record<string, string> = {}): string {
    return this.server.url + route.replace(/:([A-Za-z]+)/g, (_m, k: string) => encodeURIComponent(params[k] ?? `:${k}`));
  }

  async raw(method: string, route: string, params: Record<string, string> = {}, init: RequestInit = {}, query = ''): Promise<Response> {
    const r = await fetch(this.url(route, params) + query, { method, redirect: 'manual', ...init, headers: { ...this.headers, ...(init.headers as Record<string, string> | undefined) } });
    this.calls.push({ method, route, status: r.status });
    return r;
  }

  async json(method: string, route: string, params: Record<string, string> = {}, body?: unknown, query = ''): Promise<{ status: number; body: any; headers: Headers }> {
    const r = await this.raw(method, route, params, body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, query);
    const text = await r.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed, headers: r.headers };
  }

  async upload(project: string, name: string, data: Buffer | string): Promise<{ status: number; body: any }> {
    const r = await this.raw('PUT', '/api/projects/:project/files/:name', { project, name }, { body: data, headers: { 'content-type': 'application/octet-stream' } });
    const text = await r.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, body: parsed };
  }

  async waitJob(project: string, job: string, timeoutMs = 120_000): Promise<any> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.json('GET', '/api/projects/:project/jobs/:job', { project, job });
      if (['done', 'failed', 'cancelled'].includes(body.state)) return body;
      if (Date.now() > until) throw new Error(`job ${job} still ${body.state}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** Create a project, upload the demo's files, save init's guess as the mapping. */
  async mappedProject(demo: string, name = 'demo'): Promise<string> {
    const { body: p } = await this.json('POST', '/api/projects', {}, { name });
    for (const f of UPLOADS) {
      const r = await this.upload(p.id, f, readFileSync(join(demo, f)));
      if (r.status !== 201) throw new Error(`upload ${f}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const { body: m } = await this.json('GET', '/api/projects/:project/mapping', { project: p.id });
    const saved = await this.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: m.guess.project });
    if (saved.status !== 200) throw new Error(`mapping: ${JSON.stringify(saved.body)}`);
    return p.id as string;
  }
}

export async function testServer(options: Partial<ServeOptions> = {}): Promise<{ server: RunningServer; dir: string; done(): Promise<void> }> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'atlas-serve-'));
  const logs: string[] = [];
  const server = await startServer({ port: 0, dashboard: null, log: (m) => logs.push(m), ...options, dir });
  return { server, dir, async done() { await server.stop(); if (!options.dir) rmSync(dir, { recursive: true, force: true }); } };
}

/** Every file under dir, relative paths. */
export function tree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r); else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/**
 * A zip archive (stored with deflate) of the given entries, written here so that a test can
 * build a zip bomb: `deflateRawSync` of many zeros is tiny, its declared uncompressed size huge.
 */
export function zipArchive(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const comp = deflateRawSync(e.data, { level: 9 });
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); local.writeUInt32LE(crc, 14); local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26); local.writeUInt16LE(0, 28);
    locals.push(local, name, comp);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0, 8); central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12); central.writeUInt32LE(crc, 16); central.writeUInt32LE(comp.length, 20); central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28); central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
