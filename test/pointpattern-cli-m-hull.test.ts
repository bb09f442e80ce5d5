/**
 * `cluster-atlas measure m --density [--threads N]`, `measure footprints --hull concave
 * [--concavity X]` and `measure ripley --threads N` on a points CSV (needs dist/: npm test builds it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { pointPattern } from '../src/data/point-pattern.js';
import { mDensity } from '../src/measures/pointpattern/m-density.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cluster-atlas.js');
const dir = mkdtempSync(join(tmpdir(), 'pp-cli-mh-'));
const csv = join(dir, 'points.csv');
const xs: number[] = [], ys: number[] = [], ts: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  const rng = createRng(12);
  for (let i = 0; i < 300; i++) {
    const a = i < 60;
    // the reference type in an L: [20,40]×[20,24] ∪ [20,24]×[24,40]
    let x = 100 * rng.next(), y = 100 * rng.next();
    if (a) {
      for (;;) { x = 20 + 20 * rng.next(); y = 20 + 20 * rng.next(); if (y <= 24 || x <= 24) break; }
    }
    xs.push(x); ys.push(y); ts.push(a ? 'A' : 'B');
  }
  writeFileSync(csv, `px,py,ind\n${xs.map((x, i) => `${x},${ys[i]},${ts[i]}`).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const src = ['--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A'];

describe('measure m --density, footprints --hull concave, ripley --threads', () => {
  it('m --density writes 512 distances, the bandwidth and an envelope, equal to the library call', () => {
    const r = cli(['measure', 'm', ...src, '--density', '--simulations', '9', '--seed', '2']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.measure).toBe('mDensity');
    expect(j.r).toHaveLength(512);
    expect(j.bandwidth).toBeGreaterThan(0);
    expect(j.envelope.simulations).toBe(9);
    const lib = mDensity(pointPattern({ x: xs.map((v) => +String(v)), y: ys.map((v) => +String(v)), labels: ts }), { reference: 'A', simulations: 0 }).value;
    expect(j.value[100]).toBeCloseTo(lib.value[100], 9);
  });
  it('m --density --threads 2 gives the same envelope as --threads 1', () => {
    const args = ['measure', 'm', ...src, '--density', '--simulations', '5', '--seed', '3'];
    const one = JSON.parse(cli([...args, '--threads', '1']).stdout);
    const two = JSON.parse(cli([...args, '--threads', '2']).stdout);
    expect(two.upper).toEqual(one.upper);
    expect(two.globalUpper).toEqual(one.globalUpper);
  });
  it('m --adjust without --density, and a bad --adjust, are one-line user errors', () => {
    for (const extra of [['--adjust', '2'], ['--density', '--adjust', '0']]) {
      const r = cli(['measure', 'm', ...src, '--simulations', '0', ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('adjust');
    }
  });
  it('footprints --hull concave gives smaller polygons that still hold every firm', () => {
    const convex = JSON.parse(cli(['measure', 'footprints', ...src, '--eps', '4', '--min-points', '3']).stdout);
    const concave = JSON.parse(cli(['measure', 'footprints', ...src, '--eps', '4', '--min-points', '3', '--hull', 'concave', '--concavity', '0.1']).stdout);
    expect(concave.hull).toBe('concave');
    expect(concave.features.length).toBe(convex.features.length);
    const area = (ring: number[][]) => Math.abs(ring.slice(0, -1).reduce((s, [x0, y0], k) => s + x0 * ring[k + 1][1] - ring[k + 1][0] * y0, 0)) / 2;
    const total = (fc: { features: { geometry: { type: string; coordinates: number[][][] } }[] }) => fc.features.filter((f) => f.geometry.type === 'Polygon').reduce((s, f) => s + area(f.geometry.coordinates[0]), 0);
    expect(total(concave)).toBeLessThan(0.8 * total(convex));
    expect(concave.features.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0)).toBe(convex.features.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0));
  });
  it('--concavity outside [0, 1] or without --hull concave is a one-line user error naming it', () => {
    for (const extra of [['--hull', 'concave', '--concavity', '2'], ['--concavity', '0.2']]) {
      const r = cli(['measure', 'footprints', ...src, '--eps', '4', ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('concavity');
    }
  });
  it('ripley --threads 2 gives the same envelope as --threads 1', () => {
    const args = ['measure', 'ripley', '--points', csv, '--x', 'px', '--y', 'py', '--window', '0,100,0,100', '--correction', 'border', '--function', 'L', '--simulations', '9', '--seed', '4'];
    const one = JSON.parse(cli([...args, '--threads', '1']).stdout);
    const two = JSON.parse(cli([...args, '--threads', '2']).stdout);
    expect(one.upper).toHaveLength(513);
    expect(two.upper).toEqual(one.upper);
    expect(two.globalLower).toEqual(one.globalLower);
  });
});
