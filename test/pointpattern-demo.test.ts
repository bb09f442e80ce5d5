import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';

// End to end on the demo: the planted Huangyan mould cluster (GB/T 3525) is localised by
// K-density and its footprint sits at Taizhou — read from the workspace through the CLI.
const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cluster-atlas.js');
let dir: string;
beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  dir = mkdtempSync(join(tmpdir(), 'atlas-pp-demo-'));
  await writeScenario(generateScenario(7, { scale: 0.5 }), dir);
  await ingest({ project: join(dir, 'cluster-atlas.json') });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('point-pattern verbs on a workspace (the demo)', () => {
  it('K-density of moulds leaves the global band upwards at short distances', () => {
    const r = cli(['measure', 'kdensity', '--project', 'cluster-atlas.json', '--industry', '3525', '--simulations', '19', '--seed', '3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { gamma: number; departures: { from: number; to: number; kind: string }[]; distanceUnit: string };
    expect(out.distanceUnit).toBe('km');
    expect(out.gamma).toBeGreaterThan(0);
    expect(out.departures[0]).toMatchObject({ from: 0, kind: 'localisation' });
  });
  it('the largest mould footprint is centred at Taizhou (Huangyan), 121.26°E 28.64°N', () => {
    const r = cli(['measure', 'footprints', '--project', 'cluster-atlas.json', '--industry', '3525', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const fc = JSON.parse(r.stdout) as { features: { properties: { count: number; centroid: [number, number] } }[] };
    const largest = [...fc.features].sort((a, b) => b.properties.count - a.properties.count)[0];
    expect(Math.abs(largest.properties.centroid[0] - 121.26)).toBeLessThan(0.3);
    expect(Math.abs(largest.properties.centroid[1] - 28.64)).toBeLessThan(0.3);
  });
});
