import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, requireBuild, runCli } from './helpers.js';

// End to end on the demo: the planted Huangyan mould cluster (GB/T 3525) is localised by
// K-density and its footprint sits at Taizhou — read from the workspace through the CLI.
let dir: string;
beforeAll(async () => {
  requireBuild();
  dir = await demoWorkspace(7, 0.5, 'atlas-pp-demo-');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(dir, args);

describe('point-pattern verbs on a workspace (the demo)', () => {
  it('K-density of moulds leaves the global band upwards at short distances', () => {
    const r = cli(['measure', 'kdensity', '--project', 'cluster-atlas.json', '--industry', '3525', '--simulations', '19', '--seed', '3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { localisationIndex: number; departures: { from: number; to: number; kind: string }[]; distanceUnit: string };
    expect(out.distanceUnit).toBe('km');
    expect(out.localisationIndex).toBeGreaterThan(0);
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
