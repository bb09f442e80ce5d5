/**
 * One number, one path: a candidate's LQ, CR4, HHI and Ellison–Glaeser γ are the same in the
 * diagnosis (`diagnoseWorkspace`), in the report (`collectReportData`: evidence rows, portfolio,
 * the LQ map) and from the `measure` verbs of the command line (`measure lq`, `measure
 * concentration --unit group`, `measure eg`), on the demo and on the demo with the employees of
 * every seventh firm blanked out (the missing-size policy: left out and counted, everywhere).
 *
 * The three paths build their inputs differently — the diagnosis a {place, rest} × {group, other}
 * table from its typed columns, the report a region × {group, other} table over every region, the
 * verbs a region × industry table in SQL — so agreement to 1e-12 is a real check, not a tautology.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, requireBuild, runCli } from './helpers.js';

const TOL = 1e-12;
/** The report embeds numbers to 6 significant digits (report/collect/util.ts `num`). */
const shown = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x === 0 ? 0 : Number(x.toPrecision(6)));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** Blank the employees of every `every`-th firm of a written demo's firms.csv; returns how many. */
function blankEmployees(dir: string, every: number): number {
  const path = join(dir, 'firms.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const header = lines[0].split(',');
  const col = header.indexOf('从业人员');
  if (col < 0) throw new Error('firms.csv has no 从业人员 column');
  let blanked = 0;
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l] || l % every !== 0) continue;
    const cells = lines[l].split(',');
    if (cells.length !== header.length) continue; // a quoted comma: leave the row as it is
    cells[col] = '';
    lines[l] = cells.join(',');
    blanked++;
  }
  writeFileSync(path, lines.join('\n'));
  return blanked;
}

interface Case { name: string; dir: string; missing: number }

async function prepare(name: string, every: number | null): Promise<Case> {
  const dir = await demoWorkspace(7, 0.3, `atlas-onepath-${name}-`);
  dirs.push(dir);
  let missing = 0;
  if (every) {
    missing = blankEmployees(dir, every);
    const { ingest } = await import('../src/io/ingest.js');
    await ingest({ project: join(dir, 'cluster-atlas.json') });
  }
  return { name, dir, missing };
}

function json<T>(dir: string, args: string[]): T {
  const r = runCli(dir, ['--format', 'json', ...args]);
  if (r.code !== 0) throw new Error(`cluster-atlas ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

function evidenceValue(rows: { indicator: string; value: number | boolean | null }[], indicator: string): number | null {
  const row = rows.find((r) => r.indicator === indicator);
  return row && typeof row.value === 'number' ? row.value : null;
}

const cases: Case[] = [];

beforeAll(async () => {
  requireBuild();
  cases.push(await prepare('demo', null));
  cases.push(await prepare('missing', 7));
}, 240_000);

describe.each([0, 1])('one number, one path (case %i: 0 = demo, 1 = employees missing for every 7th firm)', (which) => {
  it('LQ, CR4, HHI and EG γ agree across the diagnosis, the report and the measure verbs', async () => {
    const { dir, missing, name } = cases[which];
    if (which === 1) expect(missing).toBeGreaterThan(100);
    const { openWorkspace } = await import('../src/store/workspace.js');
    const { diagnoseWorkspace } = await import('../src/diagnose/workspace.js');
    const { collectReportData } = await import('../src/report/index.js');
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      // the largest class × region cell and its class: chosen from the data, not from the demo's truth
      const [cell] = await ws.all<{ industry: string; region: string }>(
        'SELECT industry, region FROM firms WHERE region IS NOT NULL GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1');
      const { industry, region } = cell;
      const diagnosis = await diagnoseWorkspace(ws, {
        discover: false,
        candidates: [
          { name: 'one class in one region', industries: [industry], regions: [region] },
          { name: 'the class everywhere', industries: [industry] },
        ],
      });
      const [local, national] = diagnosis.candidates;
      expect(local.firmIds.length).toBeGreaterThan(0);
      if (missing > 0) expect(diagnosis.warnings.join('\n')).toMatch(/have no employ/);

      // the measure verbs, with the same missing-size policy where employees are unknown
      const leaveOut = missing > 0 ? ['--missing', 'leave-out'] : [];
      const lq = json<{ cells: { region: string; industry: string; lq: number | null }[] }>(dir, ['measure', 'lq', '--source', 'firms', '--variable', 'employees', ...leaveOut]);
      const lqCell = lq.cells.find((c) => c.region === region && c.industry === industry);
      expect(lqCell?.lq).toBeTypeOf('number');
      expect(Math.abs(local.indicators.lq! - lqCell!.lq!)).toBeLessThan(TOL);

      const conc = json<{ industries: { industry: string; cr: { n: number; value: number }[]; hhi: number }[] }>(dir, ['measure', 'concentration', '--industry', industry, '--size', 'output', '--unit', 'group', '--n', '1,4']);
      const [c] = conc.industries;
      expect(Math.abs(national.indicators.cr4! - c.cr.find((r) => r.n === 4)!.value)).toBeLessThan(TOL);
      expect(Math.abs(national.indicators.hhi! - c.hhi)).toBeLessThan(TOL);

      const eg = json<{ industries: { industry: string; gamma: number }[] }>(dir, ['measure', 'eg', ...leaveOut]);
      const egRow = eg.industries.find((r) => r.industry === industry)!;
      expect(Math.abs(national.indicators.egGamma! - egRow.gamma)).toBeLessThan(TOL);

      // the report: evidence rows and portfolio carry the diagnosis's numbers; the LQ map's value
      // in the candidate's region is computed on another matrix and must agree
      const report = await collectReportData(ws, diagnosis.candidates, { seed: 7, simulations: 0, permutations: 0 });
      const rc = report.candidates.find((r) => r.id === local.id)!;
      expect(evidenceValue(rc.evidence, 'lq')).toBe(shown(local.indicators.lq));
      const rn = report.candidates.find((r) => r.id === national.id)!;
      expect(evidenceValue(rn.evidence, 'cr4')).toBe(shown(national.indicators.cr4));
      expect(evidenceValue(rn.evidence, 'egGamma')).toBe(shown(national.indicators.egGamma));
      expect(rc.map.available).toBe(true);
      if (rc.map.available) {
        const mapRegion = rc.map.data.regions.find((r) => r.code === region);
        // computed on the region × {group, other} table of every region, shown to 6 digits
        expect(mapRegion?.lq).toBe(shown(local.indicators.lq));
      }
      if (report.portfolio.available) {
        const point = report.portfolio.data.points.find((p) => p.id === local.id);
        if (point) expect(point.lq).toBe(shown(local.indicators.lq));
      }
      if (missing > 0) expect(report.warnings.join('\n')).toMatch(/have no employ/);
      expect(name).toBeTruthy();
    } finally {
      ws.close();
    }
  }, 240_000);
});
