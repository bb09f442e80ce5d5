/**
 * `cluster-atlas measure moran|geary|lisa|gistar`, run in-process through `main` (no build
 * needed); numbers are checked against the spdep fixtures (see autocorrelation-helpers.ts).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { AC_DIR, close, load } from './autocorrelation-helpers.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s: any) => { stdout += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s: any) => { stderr += String(s); return true; });
  try {
    const code = await main(['node', 'cluster-atlas', ...args]);
    return { code, stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
afterEach(() => vi.restoreAllMocks());

const COLUMBUS = join(AC_DIR, 'columbus.geojson');
// columbus is in planar units that happen to look like lon/lat: say so
const base = ['--regions', COLUMBUS, '--id', 'POLYID', '--value', 'CRIME', '--planar'];

describe('cluster-atlas measure (autocorrelation)', () => {
  it('moran --format json: the library\'s words, with spdep\'s values', async () => {
    const r = await run(['--format', 'json', 'measure', 'moran', ...base, '--weights', 'queen', '--permutations', '99', '--seed', '7']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const ref = load('columbus').spdep.stats.CRIME.queen_W;
    expect(close(j.value, ref.moran_rand.value)).toBe(true);
    expect(close(j.expected, ref.moran_rand.expected)).toBe(true);
    expect(close(j.randomisation.variance, ref.moran_rand.variance)).toBe(true);
    expect(close(j.normality.zScore, ref.moran_norm.z)).toBe(true);
    expect(j.nullModel).toBe('randomisation');
    expect(j.zScore).toBe(j.randomisation.zScore);
    expect(j.permutations).toBe(99);
    expect(j.permutation.permutations).toBe(99);
    expect(j.permutation.pValue).toBeCloseTo(0.01, 10); // strongly clustered: no permutation reaches I
    expect(j.weights).toMatchObject({ kind: 'queen', style: 'W', links: 236, islands: [], components: 1 });
  });
  it('moran keeps issue 4\'s keys for one release, as deprecated aliases of the new ones', async () => {
    const j = JSON.parse((await run(['--format', 'json', 'measure', 'moran', ...base, '--permutations', '99', '--seed', '7'])).stdout);
    expect(j.I).toBe(j.value);
    expect([j.variance_norm, j.variance_rand, j.z_norm, j.z_rand, j.p_norm, j.p_rand, j.p_sim]).toEqual([
      j.normality.variance, j.randomisation.variance, j.normality.zScore, j.randomisation.zScore, j.normality.pValue, j.randomisation.pValue, j.permutation.pValue,
    ]);
  });
  it('geary with --style B and --format after the verb', async () => {
    const r = await run(['measure', 'geary', ...base, '--style', 'B', '--permutations', '0', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(close(j.value, load('columbus').spdep.stats.CRIME.queen_B.geary_rand.value)).toBe(true);
    expect(j.C).toBe(j.value);
    expect(j.permutation).toBeNull();
    expect(j.p_sim).toBeNull();
  });
  it('lisa: one entry per region with id, value, randomisation and permutation tests, quadrant', async () => {
    const r = await run(['--format', 'json', 'measure', 'lisa', ...base, '--permutations', '199', '--fdr']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.regions).toHaveLength(49);
    const ref = load('columbus').spdep.stats.CRIME.localmoran_W;
    j.regions.forEach((g: any, i: number) => {
      expect(Object.keys(g)).toEqual(expect.arrayContaining(['id', 'value', 'randomisation', 'permutation', 'quadrant']));
      expect(Object.keys(g.permutation)).toEqual(['expected', 'variance', 'zScore', 'pValue', 'qValue']);
      expect(close(g.value, ref.Ii[i])).toBe(true);
      expect(close(g.randomisation.zScore, ref.Z[i])).toBe(true);
      // issue 4's keys, deprecated
      expect([g.Ii, g.z, g.p, g.p_sim, g.z_sim, g.q_sim]).toEqual([g.value, g.randomisation.zScore, g.randomisation.pValue, g.permutation.pValue, g.permutation.zScore, g.permutation.qValue]);
    });
  });
  it('gistar on knn and distance weights', async () => {
    const r = await run(['--format', 'json', 'measure', 'gistar', ...base, '--weights', 'knn:4', '--permutations', '99']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.weights.selfIncluded).toBe(true);
    expect(j.regions[0].Gi).toBe(j.regions[0].value);
    expect(['hot', 'cold', 'none']).toContain(j.regions[0].spot);
    expect(j.regions[0].quadrant).toBe(j.regions[0].spot); // deprecated alias
    const d = await run(['--format', 'json', 'measure', 'moran', ...base, '--weights', 'distance:0.62:inverse', '--permutations', '0']);
    expect(d.code).toBe(0);
    expect(close(JSON.parse(d.stdout).value, load('columbus').spdep.stats.CRIME.idw_W.moran_rand.value)).toBe(true);
  });
  it('gi: plain Gᵢ (without self) beside G*ᵢ, as spdep localG on queen weights', async () => {
    const r = await run(['--format', 'json', 'measure', 'gi', ...base, '--permutations', '0']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.weights.selfIncluded).toBe(false);
    const ref = load('columbus').spdep.stats.CRIME.localG_W as number[];
    j.regions.forEach((g: any, i: number) => expect(close(g.randomisation.zScore, ref[i])).toBe(true));
    const star = JSON.parse((await run(['--format', 'json', 'measure', 'gistar', ...base, '--permutations', '0'])).stdout);
    expect(star.regions[0].value).not.toBe(j.regions[0].value);
  });
  it('projected coordinates read as lon/lat are refused without --planar; library wording becomes CLI flags', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'atlas-ac-crs-'));
    const doc = JSON.parse(readFileSync(COLUMBUS, 'utf8'));
    const declared = join(dir, 'declared.geojson');
    writeFileSync(declared, JSON.stringify({ ...doc, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32617' } } }));
    const noPlanar = ['--regions', declared, '--id', 'POLYID', '--value', 'CRIME', '--permutations', '0'];
    const a = await run(['measure', 'moran', ...noPlanar]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/EPSG::32617.*--planar/);
    expect((await run(['measure', 'moran', ...noPlanar, '--planar'])).code).toBe(0);
    const shifted = join(dir, 'metres.geojson');
    const scale = (c: any): any => (typeof c[0] === 'number' ? [c[0] * 1e5, c[1] * 1e5] : c.map(scale));
    writeFileSync(shifted, JSON.stringify({ ...doc, features: doc.features.map((f: any) => ({ ...f, geometry: { ...f.geometry, coordinates: scale(f.geometry.coordinates) } })) }));
    const b = await run(['measure', 'moran', '--regions', shifted, '--id', 'POLYID', '--value', 'CRIME', '--permutations', '0']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/outside lon\/lat ranges.*--planar/);
    const lonlat = join(dir, 'crs84.geojson');
    writeFileSync(lonlat, JSON.stringify({ ...doc, crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }));
    expect((await run(['measure', 'moran', '--regions', lonlat, '--id', 'POLYID', '--value', 'CRIME', '--permutations', '0'])).code).toBe(0);
    // an island: the message names the CLI flag
    const isl = await run(['measure', 'moran', ...base, '--weights', 'distance:0.3', '--permutations', '0']);
    expect(isl.code).toBe(1);
    expect(isl.stderr).toContain('--islands keep');
    expect(isl.stderr).not.toContain("islands: 'keep'");
  });
  it('a GAL file as weights', async () => {
    const r = await run(['--format', 'json', 'measure', 'moran', ...base, '--weights', join(AC_DIR, 'pysal-columbus.gal'), '--permutations', '0']);
    expect(r.code).toBe(0);
    expect(close(JSON.parse(r.stdout).value, load('columbus').spdep.stats.CRIME.queen_W.moran_rand.value)).toBe(true);
  });
  it('user errors exit 1 with a one-line reason', async () => {
    for (const args of [
      ['measure', 'moran', ...base, '--weights', 'hexagon'],
      ['measure', 'moran', ...base, '--permutations', '-3'],
      ['measure', 'moran', '--regions', COLUMBUS, '--id', 'POLYID', '--value', 'NOPE'],
      ['measure', 'moran', '--regions', '/nonexistent.geojson', '--id', 'POLYID', '--value', 'CRIME'],
      ['measure', 'moran', ...base, '--weights', 'distance:0.1'], // islands without --islands keep
    ]) {
      const r = await run(args);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const keep = await run(['--format', 'json', 'measure', 'moran', ...base, '--weights', 'distance:0.434', '--islands', 'keep', '--permutations', '0']);
    expect(keep.code).toBe(0);
    expect(JSON.parse(keep.stdout).weights.islands.length).toBeGreaterThan(0);
  });
  it('--threads 2 gives the same permutation p-values as one thread', async () => {
    const one = JSON.parse((await run(['--format', 'json', 'measure', 'lisa', ...base, '--permutations', '99', '--seed', '4'])).stdout);
    const two = JSON.parse((await run(['--format', 'json', 'measure', 'lisa', ...base, '--permutations', '99', '--seed', '4', '--threads', '2'])).stdout);
    expect(two.regions.map((g: any) => g.permutation.pValue)).toEqual(one.regions.map((g: any) => g.permutation.pValue));
  });
  it('--missing drop leaves out regions without a value and says which', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const doc = JSON.parse(readFileSync(COLUMBUS, 'utf8'));
    doc.features[4].properties.CRIME = null;
    doc.features[9].properties.CRIME = 'n/a';
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-ac-')), 'holes.geojson');
    writeFileSync(file, JSON.stringify(doc));
    const args = ['measure', 'moran', '--regions', file, '--id', 'POLYID', '--value', 'CRIME', '--planar', '--permutations', '0'];
    const err = await run(args);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('feature 4');
    for (const weights of ['queen', join(AC_DIR, 'pysal-columbus.gal')]) {
      const ok = await run(['--format', 'json', ...args, '--missing', 'drop', '--weights', weights]);
      expect(ok.code).toBe(0);
      const j = JSON.parse(ok.stdout);
      expect(j.n).toBe(47);
      expect(j.missing.dropped).toEqual(['5', '10']);
      expect(j.warnings[0]).toContain('2 region(s) dropped');
    }
  });
  it('table output', async () => {
    const r = await run(['measure', 'lisa', ...base, '--permutations', '9']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('quadrant');
    expect(r.stdout).toContain('HH');
    const g = await run(['measure', 'moran', ...base, '--permutations', '9']);
    expect(g.code).toBe(0);
    expect(g.stdout).toContain('pValue (permutation)');
  });
});
