/** `cluster-atlas measure kd|m|footprints|ripley` on a points CSV (needs dist/: npm test builds it). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow } from '../src/data/point-pattern.js';
import { ripleyK } from '../src/measures/pointpattern/ripley-k.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cluster-atlas.js');
const dir = mkdtempSync(join(tmpdir(), 'pp-cli-'));
const csv = join(dir, 'points.csv');
const xs: number[] = [], ys: number[] = [], ts: string[] = [];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  const rng = createRng(12);
  for (let i = 0; i < 300; i++) {
    const a = i < 60;
    xs.push(a ? 30 + 3 * rng.normal() : 100 * rng.next());
    ys.push(a ? 40 + 3 * rng.normal() : 100 * rng.next());
    ts.push(a ? 'A' : 'B');
  }
  writeFileSync(csv, `px,py,ind\n${xs.map((x, i) => `${x},${ys[i]},${ts[i]}`).join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('measure (point patterns)', () => {
  it('kd writes r, value, envelopes, localisationIndex, dispersionIndex and bandwidth', () => {
    const r = cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '19', '--seed', '3', '--threads', '1']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.r).toHaveLength(512);
    for (const k of ['value', 'lower', 'upper', 'globalLower', 'globalUpper']) expect(j[k]).toHaveLength(512);
    expect(j.localisationIndex).toBeGreaterThan(0);
    expect(j.dispersionIndex).toBe(0);
    expect([j.gamma, j.psi]).toEqual([j.localisationIndex, j.dispersionIndex]); // deprecated aliases (issue 5's keys)
    expect(j.bandwidth).toBeGreaterThan(0);
    expect(j.envelope.simulations).toBe(19);
  });
  it('kd with --simulations 0 gives the curve alone; worker threads give the same envelope as one thread', () => {
    const a = JSON.parse(cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0']).stdout);
    expect(a.lower).toBeUndefined();
    const one = JSON.parse(cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '9', '--threads', '1']).stdout);
    const two = JSON.parse(cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '9', '--threads', '2']).stdout);
    expect(two.upper).toEqual(one.upper);
    expect(two.globalLower).toEqual(one.globalLower);
  });
  it('kd --window: the default rmax is a third of the window diameter (dbmss ThirdW); a bad --window is an InputError', () => {
    const j = JSON.parse(cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0', '--window', '-100,200,-100,200']).stdout);
    expect(j.rmax).toBeCloseTo(Math.hypot(300, 300) / 3, 10);
    expect(j.r[511]).toBeCloseTo(Math.hypot(300, 300) / 3, 10);
    expect(j.allPairs).toBe(60 * 59 / 2);
    const half = JSON.parse(cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0', '--window', '-100,200,-100,200', '--rmax', 'half-window']).stdout);
    expect(half.rmax).toBeCloseTo(Math.hypot(300, 300) / 2, 10);
    const bad = cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0', '--window', '0,1,2']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--window 0,1,2/);
    const flat = cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0', '--window', '0,0,0,1']);
    expect(flat.code).toBe(1);
    expect(flat.stderr).toMatch(/zero or negative width/);
  });
  it('ripley equals the library call', () => {
    const r = cli(['measure', 'ripley', '--points', csv, '--x', 'px', '--y', 'py', '--window', '0,100,0,100', '--correction', 'translate', '--function', 'K']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const lib = ripleyK(pointPattern({ x: xs.map((v) => +String(v)), y: ys.map((v) => +String(v)), window: rectangleWindow(0, 100, 0, 100) }), { correction: 'translate' }).value;
    expect(j.value[300]).toBeCloseTo(lib.value[300], 9);
  });
  it('footprints returns GeoJSON, m returns 64 distances', () => {
    const f = JSON.parse(cli(['measure', 'footprints', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--eps', '3']).stdout);
    expect(f.type).toBe('FeatureCollection');
    expect(f.features.length).toBeGreaterThan(0);
    const m = JSON.parse(cli(['measure', 'm', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'A', '--simulations', '0']).stdout);
    expect(m.r).toHaveLength(64);
  });
  it('a bad reference is a one-line user error with exit code 1', () => {
    const r = cli(['measure', 'kd', '--points', csv, '--x', 'px', '--y', 'py', '--type', 'ind', '--reference', 'Z']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
