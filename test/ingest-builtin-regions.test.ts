/**
 * Regions from the built-in division table (src/io/builtin-regions.ts): a register export without
 * a regions file gets the divisions its firms were placed at, with their names, levels and
 * parents; a user's regions file is never touched; codes of another system write nothing; codes
 * outside the table are counted. The expected divisions were read off the fixture's addresses and
 * the MCA list by hand (海淀区 110108 under 北京市, 浦东新区 310115 under 上海市, 相山区 340603 under
 * 淮北市 340600, 莱芜市 371200 abolished in 2019 → 济南市 370100, 江苏省鼓楼区 ambiguous → 江苏省).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnoseWorkspace } from '../src/diagnose/workspace.js';
import { guessProject } from '../src/io/init.js';
import { ingest } from '../src/io/ingest.js';
import { generateScenario, writeRegisterVariant, writeScenario } from '../src/scenario/index.js';
import { openWorkspace } from '../src/store/workspace.js';
import { editJson, NOW } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'register', '企业名录.csv');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'atlas-builtin-regions-'));
  dirs.push(d);
  return d;
}

async function regionsOf(workspace: string) {
  const ws = await openWorkspace(workspace);
  try {
    return await ws.all<{ code: string; name: string; parent: string | null; level: string; geometry: string | null }>('SELECT code, name, parent, level, geometry FROM regions ORDER BY code');
  } finally { ws.close(); }
}

describe('regions from the built-in division table', () => {
  it('writes the divisions a register export was placed at, when no regions file is given', async () => {
    const dir = scratch();
    copyFileSync(FIXTURE, join(dir, '企业名录.csv'));
    const { project } = await guessProject(dir);
    expect(project.inputs.regions).toBeUndefined();
    const path = join(dir, 'cluster-atlas.json');
    writeFileSync(path, JSON.stringify(project, null, 2));
    const summary = await ingest({ project: path, now: NOW });
    expect(await regionsOf(summary.workspace)).toEqual([
      { code: '110108', name: '海淀区', parent: '110000', level: 'county', geometry: null },
      { code: '310115', name: '浦东新区', parent: '310000', level: 'county', geometry: null },
      { code: '320000', name: '江苏省', parent: null, level: 'province', geometry: null },
      { code: '340603', name: '相山区', parent: '340600', level: 'county', geometry: null },
      { code: '370100', name: '济南市', parent: '370000', level: 'prefecture', geometry: null },
    ]);
    expect(summary.warnings).toContain('regions: no regions file; 5 divisions the data refers to taken from the built-in GB/T 2260 table (2024 vintage): 3 counties, 1 prefecture, 1 province; without polygons of their own, maps draw the built-in base map where it has them (provinces, prefectures)');
    expect(summary.warnings.some((w) => w.includes('not current divisions'))).toBe(false);
  });

  it('counts region codes outside the table and leaves their rows as they are', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'firms.csv'), 'id,industry,region,employees\nA,1711,330302,10\nB,1711,330302,5\nC,1711,330399,7\n');
    writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify({ version: 1, industryCodeSystem: 'GB/T 4754-2017', inputs: { firms: { file: 'firms.csv' } } }));
    const summary = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect((await regionsOf(summary.workspace)).map((r) => r.code)).toEqual(['330302']);
    expect(summary.warnings).toContain('regions: 1 region code(s) on 1 row(s) are not current divisions of the built-in table: those rows are in no region (give a regions file, or correct the codes)');
    const ws = await openWorkspace(summary.workspace);
    try {
      expect(await ws.all('SELECT id, region FROM firms ORDER BY id')).toEqual([{ id: 'A', region: '330302' }, { id: 'B', region: '330302' }, { id: 'C', region: '330399' }]);
    } finally { ws.close(); }
  });

  it('writes nothing when most codes are of another system (U.S. FIPS counties)', async () => {
    const dir = scratch();
    // 110108 happens to be a Chinese code too; the three FIPS codes outweigh it
    writeFileSync(join(dir, 'firms.csv'), 'id,industry,region,employees\nA,311,21111,10\nB,311,21067,5\nC,311,47037,7\nD,311,110108,1\n');
    writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify({ version: 1, industryCodeSystem: 'NAICS 2017', inputs: { firms: { file: 'firms.csv' } } }));
    const summary = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await regionsOf(summary.workspace)).toEqual([]);
    expect(summary.warnings.some((w) => w.startsWith('regions:'))).toBe(false);
  });

  it('never touches a regions file of the user\'s, even an empty one', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'firms.csv'), 'id,industry,region,employees\nA,1711,330302,10\n');
    writeFileSync(join(dir, 'regions.csv'), 'code,name\n');
    writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify({ version: 1, industryCodeSystem: 'GB/T 4754-2017', inputs: { firms: { file: 'firms.csv' }, regions: { file: 'regions.csv', allowEmpty: true } } }));
    const summary = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    expect(await regionsOf(summary.workspace)).toEqual([]);
    expect(summary.warnings.some((w) => w.startsWith('regions: no regions file'))).toBe(false);
  });

  it('lets the register demo without its regions file diagnose as with it', { timeout: 180_000 }, async () => {
    const labels = async (dir: string) => {
      const summary = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
      const ws = await openWorkspace(summary.workspace);
      try {
        const r = await diagnoseWorkspace(ws, { seed: 7 });
        return { warnings: summary.warnings, labels: r.candidates.map((c) => c.diagnosis.concepts.label).sort(), unlocated: r.candidates.filter((c) => c.name.en.startsWith('unlocated')).length, lq: r.candidates.filter((c) => c.indicators.lq !== undefined && Number.isFinite(c.indicators.lq)).length };
      } finally { ws.close(); }
    };
    const withFile = scratch();
    const scenario = generateScenario(7, { scale: 0.1 });
    await writeScenario(scenario, withFile);
    await writeRegisterVariant(scenario, withFile);
    const without = scratch();
    await writeScenario(scenario, without);
    await writeRegisterVariant(scenario, without);
    editJson(join(without, 'cluster-atlas.json'), (p) => { delete p.inputs.regions; });
    const a = await labels(withFile);
    const b = await labels(without);
    expect(b.unlocated).toBe(0);
    expect(b.labels).toEqual(a.labels);
    expect(b.lq).toBe(a.lq);
    // with the county regions file, the firms placed only at a prefecture or province are said to be in no region
    const unlisted = a.warnings.find((w) => w.includes('divisions the regions file does not list'));
    expect(unlisted).toMatch(/^regions: \d+ firm\(s\) placed by address or credit code at divisions the regions file does not list \((\d+ at county level, )?\d+ at prefecture level, \d+ at province level\)/);
    expect(b.warnings.some((w) => w.includes('divisions the regions file does not list'))).toBe(false);
  });
});
