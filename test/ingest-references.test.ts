/**
 * Parent references inside one input (docs/ingest.md, "Parent references"): self-parents,
 * parents naming no loaded firm, ownership cycles, and cycles of region parents were accepted
 * silently. They are now warnings naming the rows by source line; every row stays loaded.
 * Expected cases derived by hand from the small tables below.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/io/ingest.js';
import { parentFindings } from '../src/io/references.js';
import { editJson, fixtureCopy, NOW } from './helpers.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

// line 1 is the header
const FIRMS = [
  'id,industry,lon,lat,region,parent',
  'A1,1811,120.5,30.5,330001,A2', // 2  cycle A1 → A2 → A3
  'A2,1811,120.5,30.5,330001,A3', // 3
  'A3,1811,120.5,30.5,330001,A1', // 4
  'B1,1811,120.5,30.5,330001,B1', // 5  self-parent
  'C1,1811,120.5,30.5,330001,G9', // 6  unknown parent (a group outside the data)
  'C2,1811,120.5,30.5,330001,', //   7  no parent
  'C3,1811,120.5,30.5,330001,C2', // 8  fine
  'D1,1811,120.5,30.5,330001,D2', // 9  cycle D1 → D2
  'D2,1811,120.5,30.5,330001,D1', // 10
  'E1,1811,120.5,30.5,330001,A1', // 11 leads into a cycle, not part of it
  'X1,ABC,120.5,30.5,330001,', //    12 rejected: bad industry code
  'C4,1811,120.5,30.5,330001,X1', // 13 unknown parent: its parent was rejected
];

describe('parentFindings', () => {
  it('finds self-parents, unknown parents and each cycle once, starting at its smallest id', () => {
    const rows = FIRMS.slice(1).filter((l) => !l.startsWith('X1')).map((l) => l.split(',')).map(([id, , , , , p]) => [id, p === '' ? null : p] as const);
    expect(parentFindings(rows)).toEqual({
      selfParents: ['B1'],
      unknownParents: [['C1', 'G9'], ['C4', 'X1']],
      cycles: [['A1', 'A2', 'A3'], ['D1', 'D2']],
    });
  });

  it('a long chain, a chain into a cycle and a two-cycle entered from both ends', () => {
    const chain = Array.from({ length: 1000 }, (_, i) => [`n${i}`, i + 1 < 1000 ? `n${i + 1}` : null] as const);
    expect(parentFindings(chain)).toEqual({ selfParents: [], unknownParents: [], cycles: [] });
    expect(parentFindings([['z', 'y'], ['y', 'x'], ['x', 'y'], ['w', 'x']]).cycles).toEqual([['x', 'y']]);
  });

  it('`known` widens the table beyond the rows given', () => {
    expect(parentFindings([['a', 'b']], (id) => id === 'b').unknownParents).toEqual([]);
  });
});

describe('ingest reports parent references by line and keeps the rows', () => {
  it('firms: self_parent, unknown_parent, parent_cycle; regions: parent_cycle', async () => {
    const dir = fixtureCopy();
    dirs.push(dir);
    writeFileSync(join(dir, 'firms.csv'), `${FIRMS.join('\n')}\n`);
    const regions = JSON.parse(readFileSync(join(dir, 'regions.geojson'), 'utf8'));
    regions.features[0].properties.parent = '330002'; // feature 1
    regions.features[1].properties.parent = '330001'; // feature 2
    writeFileSync(join(dir, 'regions.geojson'), JSON.stringify(regions));
    editJson(join(dir, 'cluster-atlas.json'), (p) => {
      p.inputs = { regions: p.inputs.regions, firms: { file: 'firms.csv', columns: { id: 'id', industry: 'industry', lon: 'lon', lat: 'lat', region: 'region', parent: 'parent' } } };
    });
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(s.inputs.find((i) => i.kind === 'firms')).toMatchObject({ rows: 12, loaded: 11, rejected: 1 });
    const warning = (prefix: string): string => {
      const found = s.warnings.filter((w) => w.startsWith(prefix));
      expect(found, prefix).toHaveLength(1);
      return found[0];
    };
    expect(warning('firms: self_parent: 1 ')).toContain('B1 (line 5)');
    const unknown = warning('firms: unknown_parent: 2 ');
    expect(unknown).toContain('C1 (line 6) → G9');
    expect(unknown).toContain('C4 (line 13) → X1');
    const cycles = warning('firms: parent_cycle: 2 ');
    expect(cycles).toContain('A1 (line 2) → A2 (line 3) → A3 (line 4) → A1');
    expect(cycles).toContain('D1 (line 9) → D2 (line 10) → D1');
    expect(cycles).not.toContain('E1');
    expect(warning('regions: parent_cycle: 1 ')).toContain('330001 (feature 1) → 330002 (feature 2) → 330001');
    expect(s.warnings.filter((w) => w.startsWith('regions: unknown_parent'))).toEqual([]);
  });

  it('the fixture (parents outside the data for regions, no firm parents) gives no parent warning', async () => {
    const dir = fixtureCopy();
    dirs.push(dir);
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(s.warnings.filter((w) => /: (self_parent|unknown_parent|parent_cycle):/.test(w))).toEqual([]);
  });
});
