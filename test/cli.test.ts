import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../src/store/workspace.js';
import { fixtureCopy } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'cluster-atlas.js');
const dirs: string[] = [];
const copy = (): string => { const d = fixtureCopy(); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
});

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the cluster-atlas command', () => {
  it('--help lists the commands and exits 0', () => {
    const r = cli(['--help'], ROOT);
    expect(r.code).toBe(0);
    for (const c of ['init', 'ingest', 'info', 'codes', 'demo']) expect(r.stdout).toContain(c);
  });

  it('--version prints the version of package.json (read in one place, src/core/version.ts)', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = cli(['--version'], ROOT);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    const { VERSION } = await import('../src/index.js');
    expect(VERSION).toBe(pkg.version);
  });

  it('ingest then info (json) on the fixture', () => {
    const dir = copy();
    const a = cli(['ingest', '--format', 'json'], dir);
    expect(a.code, a.stderr).toBe(0);
    const summary = JSON.parse(a.stdout);
    expect(summary.inputs.find((i: { kind: string }) => i.kind === 'firms').loaded).toBe(5);
    const b = cli(['info', '--format', 'json', '--level', 'section'], dir);
    expect(b.code, b.stderr).toBe(0);
    const info = JSON.parse(b.stdout);
    expect(info.tables.firms).toBe(5);
    expect(info.industries.map((i: { code: string }) => i.code)).toContain('C');
  });

  it('speaks Chinese with --lang zh', () => {
    const dir = copy();
    const r = cli(['--lang', 'zh', 'ingest'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导入工作区');
  });

  it('a user error exits 1 with a one-line reason', () => {
    const dir = copy();
    const r = cli(['ingest', '--project', 'nope.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no project file at nope\.json/);
  });

  it('--strict with rejects exits 1', () => {
    const dir = copy();
    writeFileSync(join(dir, 'stats.csv'), 'region,industry,year,employment,output,establishments\n330001,18,2022,many,1,1\n');
    const r = cli(['ingest', '--strict'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--strict: 1 row\(s\) rejected/);
  });

  it('an unknown option exits 1', () => {
    expect(cli(['ingest', '--frobnicate'], ROOT).code).toBe(1);
  });

  it('info without a workspace explains what to do', () => {
    const dir = copy();
    const r = cli(['info'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run `cluster-atlas ingest` first/);
  });

  it('codes lists GB/T divisions and NAICS sectors', () => {
    const r = cli(['codes', '--format', 'json', '--search', '纺织'], ROOT);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['17', '18']));
    const n = cli(['codes', '--system', 'NAICS 2017', '--level', 'sector', '--format', 'json'], ROOT);
    expect(JSON.parse(n.stdout).length).toBeGreaterThanOrEqual(17);
  });
});

describe('init guesses a project from headers', () => {
  it('maps Chinese and English headers, units, and says what it could not map', () => {
    const dir = copy();
    rmSync(join(dir, 'cluster-atlas.json'));
    writeFileSync(join(dir, 'firms.csv'), `${readFileSync(join(dir, 'firms.csv'), 'utf8').replace('专利数', '专利数,神秘列').replace(/\n(F\d,[^\n]*)/g, '\n$1,x')}`);
    const r = cli(['init', '.', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const p = out.project;
    expect(p.industryCodeSystem).toBe('GB/T 4754-2017');
    expect(p.inputs.firms.columns).toMatchObject({ id: '企业代码', industry: '行业代码', lon: '经度', lat: '纬度', employees: '从业人员', revenue: '营业收入(万元)', founded: '成立年份', ownership: '所有制' });
    expect(p.inputs.firms.units).toEqual({ revenue: '万元' });
    expect(p.inputs.links.file).toBe('links.csv');
    expect(p.inputs.institutions.columns.type).toBe('type');
    expect(p.inputs.regions.file).toBe('regions.geojson');
    expect(p.inputs.parks.file).toBe('parks.geojson');
    expect(p.inputs.regionalStats.file).toBe('stats.csv');
    expect(p.inputs.ioTable.file).toBe('io.csv');
    expect(p.inputs.chainTemplates.file).toBe('chains.json');
    const firms = out.files.find((f: { file: string }) => f.file === 'firms.csv');
    expect(firms.unmappedColumns).toEqual(['神秘列']);
    // the guessed project ingests (regions need their code mapped from "adcode")
    const ing = cli(['ingest'], dir);
    expect(ing.code, ing.stderr).toBe(0);
  });

  it('does not take a two-column industry → sector map for the IO table, even when it sorts first', () => {
    const dir = copy();
    rmSync(join(dir, 'cluster-atlas.json'));
    writeFileSync(join(dir, 'io-map.csv'), 'industry,sector\n1811,S1\n3823,S2\n'); // sorts before io.csv
    const r = cli(['init', '.', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).project.inputs.ioTable.file).toBe('io.csv');
  });

  it('refuses to overwrite without --force', () => {
    const dir = copy();
    const r = cli(['init', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--force/);
  });

  it('a directory without a firm table is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-empty-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'notes.csv'), 'a,b\n1,2\n');
    const r = cli(['init', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no file that looks like a firm/);
  });
});

describe('interrupted ingest (a real process, killed)', () => {
  function bigFixture(): string {
    const dir = copy();
    const lines = ['企业代码,企业名称,行业代码,经度,纬度,区划代码,从业人员,营业收入(万元),成立年份,所有制,园区,专利数,职能'];
    for (let i = 0; i < 400_000; i++) lines.push(`B${i},企业${i},1811,${(120.1 + (i % 800) / 1000).toFixed(4)},30.5,330001,${i % 300},${i % 999},2010,本地,,0,生产`);
    return dir + '|' + lines.join('\n');
  }

  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`${signal} in the middle leaves the previous workspace readable`, async () => {
      const [dir, big] = bigFixture().split('|');
      expect(cli(['ingest', '--quiet'], dir).code).toBe(0);
      writeFileSync(join(dir, 'firms.csv'), `${big}\n`);
      const child = spawn(process.execPath, [BIN, 'ingest', '--quiet'], { cwd: dir, stdio: 'ignore' });
      const wsDir = join(dir, '.cluster-atlas');
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      // wait until the new workspace is being built, then interrupt
      const started = Date.now();
      while (!readdirSync(wsDir).some((f) => f.includes('.building-')) && Date.now() - started < 20_000) {
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill(signal);
      const code = await exited;
      expect(code).not.toBe(0);
      const ws = await openWorkspace(join(wsDir, 'workspace.duckdb'));
      const rows = await ws.all<{ n: number }>('SELECT count(*)::INT AS n FROM firms');
      ws.close();
      expect(rows[0].n).toBe(5);
      if (signal === 'SIGINT') expect(readdirSync(wsDir).filter((f) => f.includes('.building-'))).toEqual([]);
      // the next ingest succeeds and sweeps any stale partial build
      expect(cli(['ingest', '--quiet'], dir).code).toBe(0);
      expect(readdirSync(wsDir).filter((f) => f.includes('.building-'))).toEqual([]);
    });
  }
});
