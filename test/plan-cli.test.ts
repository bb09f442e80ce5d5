import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cluster-atlas.js');
let dir: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
  dir = mkdtempSync(join(tmpdir(), 'atlas-plan-'));
  // two markets near Nanjing, two near Zhengzhou; three candidate sites; a two-stage chain
  writeFileSync(join(dir, 'markets.csv'), 'id,lon,lat,weight\nnj1,118.8,32.05,10\nnj2,118.7,31.95,5\nzz1,113.6,34.75,8\nzz2,113.7,34.7,4\n');
  writeFileSync(join(dir, 'sites.csv'), 'id,lon,lat\nnanjing,118.78,32.04\nzhengzhou,113.65,34.76\nhefei,117.27,31.86\n');
  writeFileSync(join(dir, 'facilities.csv'), 'id,lon,lat,stage\nf1,118.9,32.1,feed\nf2,118.5,31.9,slaughter\nf3,113.5,34.8,feed\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cluster-atlas plan', () => {
  it('hubs: LSCP picks Nanjing and Zhengzhou and writes GeoJSON', () => {
    const r = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--radius', '100', '--geojson', 'out.geojson']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hubs).toEqual(['nanjing', 'zhengzhou']);
    expect(out.coveredWeight).toBe(27);
    const g = JSON.parse(readFileSync(join(dir, 'out.geojson'), 'utf8'));
    expect(g.features.filter((f: { properties: { kind: string } }) => f.properties.kind === 'assignment')).toHaveLength(4);
  });

  it('hubs with facilities: only chain-complete sites can be hubs', () => {
    const r = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--facilities', 'facilities.csv', '--model', 'mclp', '--p', '1', '--radius', '100']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.hubs).toEqual(['nanjing']);
    expect(out.excluded).toEqual(['zhengzhou', 'hefei']);
  });

  it('chain: names the missing stage per site', () => {
    const r = cli(['--format', 'json', 'plan', 'chain', '--sites', 'sites.csv', '--facilities', 'facilities.csv', '--radius', '100']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { site: string; missing: string[] }[];
    expect(out.map((c) => [c.site, c.missing])).toEqual([['nanjing', []], ['zhengzhou', ['slaughter']], ['hefei', ['feed', 'slaughter']]]);
  });

  it('an unreachable market is explained (exit 1) with the radius that would work', () => {
    const r = cli(['plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--radius', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/smallest radius that covers every point is \d+\.\d km/);
  });

  it('--format json: an infeasible LSCP is a JSON diagnosis; its radius, rounded up, works when passed back', () => {
    const r = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--radius', '5']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.error).toBe('E_INFEASIBLE');
    expect(j.field).toBe('radiusKm');
    expect(j.unreachable.length).toBeGreaterThan(0);
    expect(j.suggestedRadiusKm).toBeGreaterThanOrEqual(j.minimumRadiusKm);
    expect(j.suggestedRadiusKm - j.minimumRadiusKm).toBeLessThan(0.1 + 1e-9);
    expect(r.stderr).toContain(`--radius ${j.suggestedRadiusKm.toFixed(1)}`);
    const again = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--radius', j.suggestedRadiusKm.toFixed(1)]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).coveredWeight).toBe(27);
  });

  it('p-median: the objective is the weighted distance, unrounded; --mip-gap is checked', () => {
    const r = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--model', 'p-median', '--p', '2', '--mip-gap', '0']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.objective).toBe(j.totalDistanceKm);
    expect(j.gapTolerance).toBe(0);
    const text = cli(['plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--model', 'p-median', '--p', '2']);
    expect(text.stdout).toContain(`objective ${j.objective} `);
    for (const bad of ['-1', '1', 'x']) {
      const b = cli(['plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--model', 'p-median', '--p', '2', '--mip-gap', bad]);
      expect(b.code).toBe(1);
      expect(b.stderr).toMatch(/--mip-gap must be/);
    }
    const pc = cli(['plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--model', 'p-center', '--p', '2', '--mip-gap', '0.01']);
    expect(pc.code).toBe(1);
    expect(pc.stderr).toMatch(/does not apply to p-center/);
  });

  it('p-center is exact (binary search) and reports its lower bound', () => {
    const r = cli(['--format', 'json', 'plan', 'hubs', '--sites', 'sites.csv', '--demands', 'markets.csv', '--model', 'p-center', '--p', '2']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.hubs).toEqual(['nanjing', 'zhengzhou']);
    expect(j.status).toBe('Optimal');
    expect(j.lowerBound).toBe(j.objective);
    expect(j.maxDistanceKm).toBe(j.objective);
  });

  it('a bad row names the file, line and field', () => {
    writeFileSync(join(dir, 'bad.csv'), 'id,lon,lat,weight\na,118,32,1\nb,118,north,2\n');
    const r = cli(['plan', 'hubs', '--sites', 'sites.csv', '--demands', 'bad.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:3: lat must be a number, got "north"/);
  });
});
