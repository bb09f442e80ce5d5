/**
 * collectReportData on the small ingest fixture (test/fixtures/ingest) with its optional inputs
 * removed: every chart whose input is missing says why instead of failing; the LQ of the map
 * equals a hand computation from the firms; the result is deterministic for a seed; bad options
 * are refused with E_OPTION; a firm without employees is left out of the LQ map and counted in the
 * shared warning; only an InputError makes a chart "not computed"; the portfolio's LQ is the
 * diagnosis's only.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { candidateLq } from '../src/report/collect/portfolio.js';
import { notComputed } from '../src/report/collect/util.js';
import { loadContext } from '../src/report/collect/context.js';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import { ingest } from '../src/io/ingest.js';
import { collectReportData } from '../src/report/collect.js';
import type { MapRegion } from '../src/report/types.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { editJson, fixtureCopy, NOW, setLine } from './helpers.js';

function candidate(firmIds: string[], industries: string[]): DiagnosedCandidate {
  const indicators = { firms: firmIds.length };
  return {
    id: 'C01', name: { zh: '测试', en: 'Test' }, industries,
    place: { kind: 'region', regions: ['330001'], park: null, hull: null, center: [120.55, 30.45], radiusKm: 10 },
    firms: firmIds.length, employment: 165, firmIds, institutionIds: [], indicators,
    diagnosis: diagnoseIndicators('Test', indicators),
    role: {
      pillar: false, employmentShare: null, outputShare: null, growth: null, competitiveEffect: null, relativeProductivity: null, entryRate: null,
      snowball: false, spinoffShare: null, innovationRatio: null, institutionsPer100Firms: null, rows: [], sentence: { zh: '无', en: 'none' },
    },
  };
}

describe('collectReportData with missing inputs', () => {
  let ws: Workspace;

  beforeAll(async () => {
    const dir = fixtureCopy();
    editJson(join(dir, 'cluster-atlas.json'), (p) => {
      delete p.inputs.regionalStats;
      delete p.inputs.chainTemplates;
      delete p.inputs.links;
      delete p.inputs.ioTable;
    });
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    ws = await openWorkspace(s.workspace);
  }, 60_000);

  afterAll(() => ws?.close());

  it('says why each chart is not available, and draws the rest', async () => {
    const data = await collectReportData(ws, [candidate(['F1', 'F2'], ['1811'])], { seed: 1, simulations: 9, permutations: 49, now: NOW });
    const c = data.candidates[0];
    expect(c.shiftShare).toMatchObject({ available: false });
    expect(!c.shiftShare.available && c.shiftShare.reason.en).toMatch(/regional statistics/);
    expect(!c.shiftShare.available && c.shiftShare.reason.zh).toMatch(/地区统计/);
    expect(!c.chain.available && c.chain.reason.en).toMatch(/no value-chain templates/);
    expect(!c.network.available && c.network.reason.en).toMatch(/no links/);
    expect(c.lorenz.available).toBe(true);
    expect(c.map.available).toBe(true);
    expect(data.portfolio.available).toBe(false); // no growth without statistics or a diagnosis growth
    expect(data.regions?.features.length).toBe(2);
  });

  it('maps the LQ of the group as computed by hand from the firms', async () => {
    let rows: MapRegion[] = [];
    await collectReportData(ws, [candidate(['F1', 'F2'], ['1811'])], { seed: 1, simulations: 0, permutations: 0, now: NOW, onRegions: (_, r) => { rows = r; } });
    const firms = await ws.all<{ region: string | null; industry: string; employees: number | null }>('SELECT region, industry, employees FROM firms');
    const g = new Map<string, number>();
    const t = new Map<string, number>();
    let G = 0, T = 0;
    for (const f of firms) {
      if (!f.region || f.employees === null) continue;
      t.set(f.region, (t.get(f.region) ?? 0) + f.employees);
      T += f.employees;
      if (f.industry.startsWith('1811')) { g.set(f.region, (g.get(f.region) ?? 0) + f.employees); G += f.employees; }
    }
    expect(rows.length).toBe(2);
    for (const r of rows) {
      const expected = ((g.get(r.code) ?? 0) / t.get(r.code)!) / (G / T);
      expect(r.lq).toBeCloseTo(expected, 5);
    }
    expect(rows.find((r) => r.code === '330001')!.inCandidate).toBe(true);
  });

  it('is deterministic for a seed and refuses bad options', async () => {
    const a = await collectReportData(ws, [candidate(['F1', 'F2', 'F3'], ['18', '38'])], { seed: 5, simulations: 9, permutations: 49, now: NOW });
    const b = await collectReportData(ws, [candidate(['F1', 'F2', 'F3'], ['18', '38'])], { seed: 5, simulations: 9, permutations: 49, now: NOW });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    await expect(collectReportData(ws, [], { weights: 'hexagon' })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'weights' } });
    await expect(collectReportData(ws, [], { simulations: -1 })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'simulations' } });
    const none = await collectReportData(ws, [], { now: NOW });
    expect(none.candidates).toEqual([]);
    expect(none.portfolio.available).toBe(false);
  });
});

describe('collectReportData with a firm without employees', () => {
  let ws: Workspace;

  beforeAll(async () => {
    const dir = fixtureCopy();
    setLine(join(dir, 'firms.csv'), 3, 'F2,乙服装厂,C1811,120.6,30.4,330001,,800,2011,本地,P1,0,生产');
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    ws = await openWorkspace(s.workspace);
  }, 60_000);

  afterAll(() => ws?.close());

  it('leaves it out of the LQ map (groupRegionMatrix) and says so in the shared wording', async () => {
    let rows: MapRegion[] = [];
    const data = await collectReportData(ws, [candidate(['F1', 'F2'], ['1811'])], { seed: 1, simulations: 0, permutations: 0, now: NOW, onRegions: (_, r) => { rows = r; } });
    expect(data.warnings).toContain('report: LQ maps: 1 of 5 firm(s) have no employees and are left out of the employees-based measures (LQ, EG γ)');
    // 330001: F1 120 (group), F4 30; 330002: F3 900, F5 60 (placed in it by its point at ingest). LQ = (120/150) / (120/1110)
    expect(rows.find((r) => r.code === '330001')!.lq).toBeCloseTo((120 / 150) / (120 / 1110), 5);
    expect(rows.find((r) => r.code === '330002')!.lq).toBe(0);
  });
});

describe('what the report computes and what it takes from the diagnosis', () => {
  it('turns only an InputError into "not computed", quoting its code', () => {
    const reason = notComputed(new InputError('E_DEGENERATE', 'gini: all sizes are 0'), 'Lorenz curve not computed', '无法计算洛伦兹曲线');
    expect(reason).toEqual({ en: 'Lorenz curve not computed (E_DEGENERATE): gini: all sizes are 0', zh: '无法计算洛伦兹曲线（E_DEGENERATE）：gini: all sizes are 0' });
    expect(() => notComputed(new TypeError('x is undefined'), 'a', 'b')).toThrow(TypeError);
  });

  it('shows the diagnosis\'s LQ in the portfolio and never recomputes it', () => {
    const c = candidate(['F1'], ['1811']);
    expect(candidateLq({ ...c, indicators: { firms: 1, lq: 2.5 } })).toEqual({ lq: 2.5 });
    expect(candidateLq(c)).toMatchObject({ reason: { en: 'no location quotient in the diagnosis' } });
    expect(candidateLq({ ...c, indicators: { firms: 1, wholeEconomy: true } })).toMatchObject({ reason: { en: expect.stringMatching(/whole economy/) } });
  });
});

describe('collectReportData with a partner firm outside the study area', () => {
  let ws: Workspace;

  beforeAll(async () => {
    const dir = fixtureCopy();
    // far outside the regions' extent, no region code: kept by ingest with in_study_area = false
    appendFileSync(join(dir, 'firms.csv'), 'F6,己纺织,1811,100.0,40.0,,500,9000,2001,外地,,0,生产\n');
    const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
    ws = await openWorkspace(s.workspace);
  }, 60_000);

  afterAll(() => ws?.close());

  it('keeps it in the networks but out of the LQ maps and the K-density background', async () => {
    const [{ inside }] = await ws.all<{ inside: boolean }>("SELECT in_study_area AS inside FROM firms WHERE id = 'F6'");
    expect(inside).toBe(false);
    const ctx = await loadContext(ws);
    const k = ctx.firmIndex.get('F6')!;
    expect(k).toBeGreaterThanOrEqual(0);
    expect(ctx.firmRegion[k]).toBe(-1);
    expect(Array.from(ctx.locatedFirms).map((j) => ctx.firmIds[j])).toEqual(['F1', 'F2', 'F3', 'F5']);
    let rows: MapRegion[] = [];
    await collectReportData(ws, [candidate(['F1', 'F2', 'F6'], ['1811'])], { seed: 1, simulations: 0, permutations: 0, now: NOW, onRegions: (_, r) => { rows = r; } });
    // the same LQ as without F6: 330001 holds F1 120, F2 45 (group) and F4 30; 330002 F3 900 and F5 60
    expect(rows.find((r) => r.code === '330001')!.lq).toBeCloseTo((165 / 195) / (165 / 1155), 5);
  });
});
