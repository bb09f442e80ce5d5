import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../src/core/csv.js';
import { InputError } from '../src/core/errors.js';
import { workspaceChainKnowledge } from '../src/diagnose/chain-knowledge.js';
import { diagnoseWorkspace } from '../src/diagnose/workspace.js';
import { readSectorMap } from '../src/load/sector-map.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { demoWorkspace, editJson, requireBuild, runCli } from './helpers.js';

// The chain gate from the workspace: the demo's chain templates and its IO table, whose sectors
// (S01 …) reach the firms' classes only through the demo's io_sector_map.csv (the project's
// diagnosis.ioSectorMap, or diagnose --sector-map).

let dir = '';
let ws: Workspace;
const wsPath = (): string => join(dir, '.cluster-atlas', 'workspace.duckdb');

beforeAll(async () => {
  requireBuild();
  dir = await demoWorkspace(42, 0.3, 'atlas-chain-gate-');
  ws = await openWorkspace(wsPath(), { readOnly: true });
}, 120_000);
afterAll(() => {
  ws?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cells = (file: string): string[][] => parseCsvRecords(readFileSync(join(dir, file), 'utf8')).map((r) => r.cells);

describe('the workspace as the chain gate', () => {
  it('without a sector map the S-coded IO table covers no class and is left out, with a note; the templates stay', async () => {
    const gate = await workspaceChainKnowledge(ws);
    expect(gate.knowledge?.templates?.length).toBeGreaterThan(0);
    expect(gate.knowledge?.io).toBeUndefined();
    expect(gate.notes.join(' ')).toMatch(/no industry code of the firms maps to a sector of IO table .*give a sector map/);
  });

  it('with the demo\'s sector map every class of the firms that the map lists gets its sector', async () => {
    const map = readSectorMap(join(dir, 'io_sector_map.csv'));
    const gate = await workspaceChainKnowledge(ws, { sectorMap: map });
    // expected from the files themselves: the firms' distinct classes that the map lists (it lists classes)
    const head = cells('firms.csv')[0];
    const col = head.indexOf('行业代码'); // the demo's header of the industry code
    expect(col).toBeGreaterThanOrEqual(0);
    const classes = new Set(cells('firms.csv').slice(1).map((r) => r[col]).filter(Boolean));
    const listed = new Map(cells('io_sector_map.csv').slice(1).map((r) => [r[0], r[1]]));
    const expected = [...classes].filter((c) => listed.has(c)).sort();
    expect([...gate.knowledge!.io!.sectorOf.keys()].sort()).toEqual(expected);
    for (const c of expected) expect(gate.knowledge!.io!.sectorOf.get(c)).toBe(listed.get(c));
    expect(gate.notes).toEqual([]);
  });

  it('the diagnosis gates by the IO table too when given the map, and reports the pairs it dropped', async () => {
    const map = readSectorMap(join(dir, 'io_sector_map.csv'));
    const withMap = await diagnoseWorkspace(ws, { sectorMap: map });
    expect(withMap.warnings.join(' ')).not.toMatch(/chain gate/);
    expect(withMap.chainKnowledge?.io).toBeDefined();
    const without = await diagnoseWorkspace(ws);
    expect(without.warnings.join(' ')).toMatch(/chain gate: no industry code/);
    // the IO table covers every class: no pair is left unjudged with the map
    expect(withMap.discovery!.dropped.join(' ')).not.toMatch(/neither the IO table nor a chain template covers/);
  });
});

describe('bad chain-gate input: one clear error', () => {
  it('a sector map naming a sector the IO table lacks is E_MAPPING', async () => {
    await expect(workspaceChainKnowledge(ws, { sectorMap: new Map([['1351', 'S99']]) })).rejects.toThrow(/--sector-map names sector\(s\) not in IO table .*: S99/);
  });

  it('an --io-table the workspace does not hold is E_OPTION, naming those it holds', async () => {
    const e = await workspaceChainKnowledge(ws, { ioTable: 'nope' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('E_OPTION');
    expect((e as Error).message).toMatch(/--io-table "nope": the workspace holds IO table\(s\) io_table\.csv/);
  });

  it('the sector-map file: missing, a directory, an empty field, a code mapped twice, a wrong header', () => {
    const d = join(dir, 'bad-maps');
    mkdirSync(d, { recursive: true });
    expect(() => readSectorMap(join(d, 'none.csv'))).toThrow(/--sector-map .*none\.csv: file not found/);
    expect(() => readSectorMap(d)).toThrow(/is a directory, not a CSV file/);
    writeFileSync(join(d, 'empty.csv'), 'industry,sector\n1351,S01\n\n1352,\n');
    expect(() => readSectorMap(join(d, 'empty.csv'))).toThrow(/empty\.csv:4: sector is empty/);
    writeFileSync(join(d, 'twice.csv'), 'industry,sector\n1351,S01\n1351,S02\n');
    expect(() => readSectorMap(join(d, 'twice.csv'), 'diagnosis.ioSectorMap')).toThrow(/diagnosis\.ioSectorMap .*twice\.csv:3: industry 1351 is mapped twice \(S01, S02\)/);
    writeFileSync(join(d, 'header.csv'), 'code,sector\n1351,S01\n');
    expect(() => readSectorMap(join(d, 'header.csv'))).toThrow(/needs columns industry, sector; header: code, sector/);
  });

  it('the CLI: exit 1 with one line, for --sector-map and for the project\'s diagnosis.ioSectorMap', () => {
    const r = runCli(dir, ['diagnose', '--sector-map', 'missing.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--sector-map missing\.csv: file not found/);
    const bad = join(dir, 'bad-maps', 'unknown-sector.csv');
    writeFileSync(bad, 'industry,sector\n13,S77\n');
    const u = runCli(dir, ['diagnose', '--sector-map', bad]);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/not in IO table .*S77/);
    const project = join(dir, 'cluster-atlas.json');
    const original = readFileSync(project, 'utf8');
    try {
      editJson(project, (p) => { p.diagnosis.ioSectorMap = 'no-such-map.csv'; });
      const q = runCli(dir, ['diagnose']);
      expect(q.code).toBe(1);
      expect(q.stderr).toMatch(/diagnosis\.ioSectorMap .*no-such-map\.csv: file not found/);
    } finally {
      writeFileSync(project, original);
    }
  });

  it('the demo project declares its sector map, so `diagnose` gates by the IO table without a warning', () => {
    const p = JSON.parse(readFileSync(join(dir, 'cluster-atlas.json'), 'utf8')) as { diagnosis?: { ioSectorMap?: string } };
    expect(p.diagnosis?.ioSectorMap).toBe('io_sector_map.csv');
    const r = runCli(dir, ['--format', 'json', 'diagnose']);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/chain gate/);
  });
});
