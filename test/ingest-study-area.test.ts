/**
 * Firms outside the study area are kept, flagged, with their ties (or rejected with
 * --strict-area, and then their links say why), and park codes from park polygons are reported
 * and can be turned off. docs/ingest.md, "Outside the study area" and "Park codes from polygons".
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, fixtureCopies, NOW, readRejectsCsv, requireBuild, runCli, setLine } from './helpers.js';

const copy = fixtureCopies();

const run = (dir: string, extra: Partial<Parameters<typeof ingest>[0]> = {}) => ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW, ...extra });
async function query<T = Record<string, unknown>>(dir: string, sql: string): Promise<T[]> {
  const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
  try { return await ws.all<T>(sql); } finally { ws.close(); }
}

// F2 (line 3) becomes a supplier in Gansu, far outside the regions' extent, with no region code.
const OUTSIDE_F2 = 'F2,乙纺织(兰州),1811,103.8,36.1,,45,800,2011,外地,,0,生产';

describe('firms outside the study area', () => {
  it('are kept by default, flagged in_study_area = false, with their ties, and counted in the summary', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, OUTSIDE_F2);
    const s = await run(dir);
    expect(s.findings).toBe(0);
    expect(s.outsideStudyArea).toEqual({ firms: 1, institutions: 0 });
    expect(s.strictArea).toBe(false);
    const firms = await query<{ id: string; in_study_area: boolean; region: string | null }>(dir, 'SELECT id, in_study_area, region FROM firms ORDER BY id');
    expect(firms.map((f) => [f.id, f.in_study_area])).toEqual([['F1', true], ['F2', false], ['F3', true], ['F4', true], ['F5', true]]);
    expect(firms[1].region).toBeNull();
    const links = await query<{ source: string; target: string }>(dir, "SELECT source, target FROM links WHERE source = 'F2'");
    expect(links).toEqual([{ source: 'F2', target: 'F1' }]);
    expect(s.warnings).toContain('firms: 1 outside the study area kept with their ties (in_study_area = false)');
  });

  it('a point in no region polygon (inside the extent) is outside the study area too', async () => {
    const dir = copy();
    editJson(join(dir, 'regions.geojson'), (doc) => { doc.features[1].geometry.coordinates[0] = [[121, 30], [121.9, 30], [121.9, 30.7], [121, 30.7], [121, 30]]; });
    const s = await run(dir);
    const f5 = await query<{ in_study_area: boolean; region: string | null }>(dir, "SELECT in_study_area, region FROM firms WHERE id = 'F5'");
    expect(f5).toEqual([{ in_study_area: false, region: null }]);
    expect(s.outsideStudyArea.firms).toBe(1);
    expect(s.warnings).toContain('firms: 1 without a region code lie in no region polygon (region left empty, outside the study area)');
  });

  it('a point outside the extent whose region code is a study region is still rejected: the two disagree', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, 'F2,乙服装厂,1811,103.8,36.1,330001,45,800,2011,本地,,0,生产');
    const s = await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
    const hit = rejects.find((r) => r.reason === 'outside_study_area')!;
    expect(hit).toMatchObject({ line: '3', value: '103.8,36.1' });
    expect(hit.detail).toContain('but its region 330001 is a study region');
    expect(s.outsideStudyArea.firms).toBe(0);
  });

  for (const how of ['option', 'project'] as const) {
    it(`strict area (${how}) rejects them, and the tie to a rejected firm names the firm's line and reason`, async () => {
      const dir = copy();
      setLine(join(dir, 'firms.csv'), 3, OUTSIDE_F2);
      if (how === 'project') editJson(join(dir, 'cluster-atlas.json'), (p) => { p.ingest = { strictArea: true }; });
      const s = await run(dir, how === 'option' ? { strictArea: true } : {});
      expect(s.strictArea).toBe(true);
      expect(s.outsideStudyArea.firms).toBe(0);
      const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv'));
      expect(rejects.map((r) => r.reason)).toEqual(['outside_study_area', 'unknown_link_end']);
      const link = rejects[1];
      expect(link).toMatchObject({ line: '2', field: 'source', value: 'F2' });
      expect(link.detail).toMatch(/^the firm on line 3 of .*firms\.csv was rejected: outside_study_area \(outside the regions' extent \[.*\] \(strict area\)\)$/);
    });
  }

  it('the option overrides the project: strictArea false in the call keeps them', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, OUTSIDE_F2);
    editJson(join(dir, 'cluster-atlas.json'), (p) => { p.ingest = { strictArea: true }; });
    const s = await run(dir, { strictArea: false });
    expect(s.outsideStudyArea.firms).toBe(1);
  });

  it('a link to an id that is nowhere keeps the plain reason', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, 'F2,乙服装厂,1811,120.6,30.4,330001,约45,800,2011,本地,,0,生产');
    setLine(join(dir, 'links.csv'), 3, 'F1,NOPE,supply,10,2023');
    await run(dir);
    const rejects = readRejectsCsv(join(dir, '.cluster-atlas', 'rejects.csv')).filter((r) => r.reason === 'unknown_link_end');
    expect(rejects.map((r) => [r.line, r.value, r.detail])).toEqual([
      ['2', 'F2', expect.stringMatching(/^the firm on line 3 of .*firms\.csv was rejected: not_a_number \(expected a number\)$/)],
      ['3', 'NOPE', 'no firm or institution with this id'],
    ]);
  });
});

describe('park codes from park polygons', () => {
  // F1 loses its park code; it lies in P1's polygon.
  const NO_PARK_F1 = 'F1,甲服装有限公司,1811,120.5,30.5,330001,120,5000,2005,本地,,3,生产';
  it('are given by default and counted in the summary', async () => {
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 2, NO_PARK_F1);
    const s = await run(dir);
    expect(s.parkPolygons).toBe(true);
    expect(s.parkFromPolygon).toEqual({ firms: 1, institutions: expect.any(Number) });
    expect((await query(dir, "SELECT park FROM firms WHERE id = 'F1'"))[0].park).toBe('P1');
  });
  for (const how of ['option', 'project'] as const) {
    it(`can be turned off (${how}): only the input's park codes`, async () => {
      const dir = copy();
      setLine(join(dir, 'firms.csv'), 2, NO_PARK_F1);
      if (how === 'project') editJson(join(dir, 'cluster-atlas.json'), (p) => { p.ingest = { parkPolygons: false }; });
      const s = await run(dir, how === 'option' ? { parkPolygons: false } : {});
      expect(s.parkPolygons).toBe(false);
      expect(s.parkFromPolygon).toEqual({ firms: 0, institutions: 0 });
      const parks = await query<{ id: string; park: string | null }>(dir, 'SELECT id, park FROM firms ORDER BY id');
      expect(parks.map((f) => f.park)).toEqual([null, 'P1', null, null, null]);
      expect(s.warnings).toContain('firms: park polygons not used (parkPolygons off): only the park codes of the input');
    });
  }
});

describe('bad settings of the new options', () => {
  const cases: [string, (p: any) => void, string][] = [
    ['strictArea not a boolean', (p) => { p.ingest = { strictArea: 'yes' }; }, 'ingest.strictArea'],
    ['parkPolygons not a boolean', (p) => { p.ingest = { parkPolygons: 0 }; }, 'ingest.parkPolygons'],
    ['a misspelt key', (p) => { p.ingest = { parkPolygon: false }; }, 'ingest'],
    ['ingest not an object', (p) => { p.ingest = true; }, 'ingest'],
  ];
  for (const [name, edit, field] of cases) {
    it(`${name} is an E_PROJECT error naming ${field}`, async () => {
      const dir = copy();
      editJson(join(dir, 'cluster-atlas.json'), edit);
      await expect(run(dir)).rejects.toMatchObject({ code: 'E_PROJECT', details: { field } });
    });
  }
});

describe('command line', () => {
  it('--strict-area and --no-park-polygons reach the ingest, and the summary says what was kept and assigned', () => {
    requireBuild();
    const dir = copy();
    setLine(join(dir, 'firms.csv'), 3, OUTSIDE_F2);
    setLine(join(dir, 'firms.csv'), 2, 'F1,甲服装有限公司,1811,120.5,30.5,330001,120,5000,2005,本地,,3,生产');
    const plain = runCli(dir, ['--lang', 'en', 'ingest']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toContain('Outside the study area, kept with their ties: 1 firm(s), 0 institution(s)');
    expect(plain.stdout).toContain('Park codes from park polygons: 1 firm(s)');
    const strict = runCli(dir, ['--lang', 'en', '--format', 'json', 'ingest', '--strict-area', '--no-park-polygons']);
    expect(strict.code, strict.stderr).toBe(0);
    const s = JSON.parse(strict.stdout);
    expect(s).toMatchObject({ strictArea: true, parkPolygons: false, outsideStudyArea: { firms: 0 }, parkFromPolygon: { firms: 0 } });
    expect(s.rejectsByReason).toEqual({ outside_study_area: 1, unknown_link_end: 1 });
    const bad = runCli(dir, ['ingest', '--strict-area=yes']);
    expect(bad.code).not.toBe(0);
  });
});
