/**
 * Load check of `cluster-atlas serve` on loopback, beside a bare `node:http` server handing out
 * the same files from disk in the same run (the floor a Node server can reach on this machine):
 *
 *   npm run bench:serve                          # demo at scale 0.25, 50 clients, 30 s per side
 *   npm run bench:serve -- --scale 1 --clients 50 --seconds 30
 *
 * 1. The time from "upload done" to "first candidate on the map": save init's mapping, ingest,
 *    run the analysis (default parameters) and fetch the candidates layer, through the API.
 * 2. 50 concurrent clients (keep-alive) reading results.json, the layer list and GeoJSON layers
 *    for 30 s: requests, errors (must be 0), p50/p99 latency and throughput, for each server.
 * Bounded: it stops after the given seconds and removes its temporary files. The load generator
 * runs in this process, so it shares the 2 cores with the server: figures are upper bounds.
 * Not a test: it prints figures and never fails on them (errors are reported, exit 1 if any).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { startServer } from '../src/serve/server.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`--${name} must be a positive number`);
  return v;
}

const SCALE = arg('scale', 0.25);
const CLIENTS = Math.min(200, Math.round(arg('clients', 50)));
const SECONDS = Math.min(120, arg('seconds', 30));
const UPLOADS = ['firms.csv', 'institutions.csv', 'links.csv', 'regions.geojson', 'parks.geojson', 'regional_stats.csv', 'io_table.csv', 'chain_templates.json'];

async function json(url: string, init?: RequestInit): Promise<any> {
  const r = await fetch(url, init);
  const body = await r.json();
  if (!r.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}

async function waitJob(base: string, project: string, id: string): Promise<any> {
  for (;;) {
    const j = await json(`${base}/api/projects/${project}/jobs/${id}`);
    if (j.state === 'done') return j;
    if (j.state === 'failed' || j.state === 'cancelled') throw new Error(`job ${id}: ${JSON.stringify(j.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Load { requests: number; errors: number; p50: number; p99: number; max: number; perSecond: number; bytes: number }

async function load(urls: string[]): Promise<Load> {
  const lat: number[] = [];
  let errors = 0;
  let bytes = 0;
  const until = Date.now() + SECONDS * 1000;
  let k = 0;
  const client = async (): Promise<void> => {
    while (Date.now() < until) {
      const url = urls[k++ % urls.length];
      const t0 = performance.now();
      try {
        const r = await fetch(url);
        const b = await r.arrayBuffer();
        if (!r.ok) errors++;
        bytes += b.byteLength;
      } catch {
        errors++;
      }
      lat.push(performance.now() - t0);
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const secs = (Date.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  return { requests: lat.length, errors, p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1], perSecond: lat.length / secs, bytes };
}

async function main(): Promise<void> {
  const demo = mkdtempSync(join(tmpdir(), 'atlas-bench-serve-demo-'));
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-serve-'));
  let bare: Server | undefined;
  const s = await startServer({ port: 0, dir, dashboard: null });
  try {
    const scenario = generateScenario(42, { scale: SCALE });
    await writeScenario(scenario, demo);
    console.log(`demo scale ${SCALE}: ${scenario.firms.length} firms; ${CLIENTS} clients × ${SECONDS} s per server; node ${process.version}`);
    const base = s.url;
    const p = await json(`${base}/api/projects`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }) });
    const tu = performance.now();
    for (const f of UPLOADS) await json(`${base}/api/projects/${p.id}/files/${f}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: readFileSync(join(demo, f)) });
    const uploadMs = performance.now() - tu;
    // upload done → first candidate on the map
    const t0 = performance.now();
    const m = await json(`${base}/api/projects/${p.id}/mapping`);
    await json(`${base}/api/projects/${p.id}/mapping`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ project: m.guess.project }) });
    const ing = await json(`${base}/api/projects/${p.id}/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'ingest' }) });
    await waitJob(base, p.id, ing.id);
    const tIngest = performance.now() - t0;
    const an = await json(`${base}/api/projects/${p.id}/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'analyze' }) });
    await waitJob(base, p.id, an.id);
    const layer = await json(`${base}/api/projects/${p.id}/layers/candidates`);
    const tFirst = performance.now() - t0;
    console.log(`upload of ${UPLOADS.length} files: ${(uploadMs / 1000).toFixed(2)} s`);
    console.log(`upload done → first candidate on the map: ${(tFirst / 1000).toFixed(1)} s (mapping + ingest ${(tIngest / 1000).toFixed(1)} s, analysis with default parameters ${((tFirst - tIngest) / 1000).toFixed(1)} s; ${layer.features.length} candidates)`);

    const { layers } = await json(`${base}/api/projects/${p.id}/layers`);
    const paths = ['results', 'layers', ...(layers as string[]).slice(0, 4).map((l) => `layers/${l}`), 'layers/candidates', 'layers/candidate-hulls'];
    const ours = await load(paths.map((x) => `${base}/api/projects/${p.id}/${x}`));

    // the floor: a bare node:http server answering the same files from disk
    const out = join(dir, p.id, 'out');
    const files: Record<string, string> = { results: join(out, 'results.json'), layers: '' };
    for (const x of paths.slice(2)) files[x] = join(out, `${x}.geojson`);
    bare = createServer((req, res) => {
      const key = (req.url ?? '').slice(1);
      if (key === 'layers') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ layers })); return; }
      const f = files[key];
      if (!f) { res.statusCode = 404; res.end(); return; }
      res.setHeader('content-type', 'application/json');
      res.end(readFileSync(f));
    });
    await new Promise<void>((r) => bare!.listen(0, '127.0.0.1', () => r()));
    const port = (bare.address() as { port: number }).port;
    const floor = await load(paths.map((x) => `http://127.0.0.1:${port}/${x}`));
    const line = (name: string, l: Load): string => `${name.padEnd(28)} ${String(l.requests).padStart(8)} req  ${String(l.errors).padStart(4)} errors  p50 ${l.p50.toFixed(1).padStart(7)} ms  p99 ${l.p99.toFixed(1).padStart(7)} ms  max ${l.max.toFixed(0).padStart(6)} ms  ${l.perSecond.toFixed(0).padStart(6)} req/s  ${(l.bytes / 1e6 / SECONDS).toFixed(1)} MB/s`;
    console.log(`reading ${paths.join(', ')}`);
    console.log(line('cluster-atlas serve', ours));
    console.log(line('bare node:http (same files)', floor));
    if (ours.errors > 0) process.exitCode = 1;
  } finally {
    await new Promise<void>((r) => (bare ? bare.close(() => r()) : r()));
    await s.stop();
    rmSync(demo, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
