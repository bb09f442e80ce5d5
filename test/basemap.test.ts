/**
 * The built-in base map of China (src/model/basemap/, load/basemap.ts): the shipped files parse
 * with the counts of their SOURCE.txt (34 provinces, 498 prefecture-level features) and known
 * codes; older codes map through the change history; counties and unknown codes get none. In the
 * report (collect/basemap.ts) a prefecture region without geometry is drawn from it with the
 * caption, a region with its own polygon keeps it (the user's boundaries win), an unknown code
 * gets nothing and breaks nothing, county regions without polygons get the prefecture outline
 * under the firms; the regions layers carry `boundarySource`; the caption is escaped in the HTML;
 * in headless Chromium (when present) the maps draw the built-in polygons without errors.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBaseMapCaption } from '../dashboard/src/caption.js';
import { writeOutputs } from '../src/analyze/outputs.js';
import type { Results } from '../src/analyze/results-schema.js';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import { ingest } from '../src/io/ingest.js';
import { baseMapFiles, BUILTIN_BOUNDARY_SOURCE, builtinBaseMap, builtinOutline } from '../src/load/basemap.js';
import { collectReportData } from '../src/report/collect.js';
import { BUILTIN_BASE_MAP_CAPTION } from '../src/report/i18n.js';
import { renderReport } from '../src/report/render.js';
import type { MapRegion, ReportData } from '../src/report/types.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { fixtureCopy, NOW } from './helpers.js';

describe('the shipped base map', () => {
  it('parses with the counts and codes of its SOURCE.txt', () => {
    const f = baseMapFiles();
    expect(f.provinces).toHaveLength(34);
    expect(f.prefectures).toHaveLength(498);
    const levels = new Map<string, number>();
    for (const x of f.prefectures) levels.set(x.properties.level, (levels.get(x.properties.level) ?? 0) + 1);
    expect(Object.fromEntries(levels)).toEqual({ prefecture: 334, county: 115, sar_or_tw_subdivision: 49 });
    expect(f.prefectures.find((x) => x.properties.code === '330300')?.properties.name).toBe('温州市');
    expect(f.provinces.find((x) => x.properties.code === '110000')?.properties.name).toBe('北京市');
    for (const x of [...f.provinces, ...f.prefectures]) expect(['Polygon', 'MultiPolygon']).toContain(x.geometry.type);
  });

  it('gives provinces, prefectures and prefecture-less county-level units their polygon', () => {
    const { polygons, missing } = builtinBaseMap(['330300', '110000', '110101', '370100', '810000']);
    expect(missing).toEqual([]);
    expect(polygons.get('330300')).toMatchObject({ name: '温州市', level: 'prefecture', via: '330300' });
    expect(polygons.get('110000')).toMatchObject({ name: '北京市', level: 'province' });
    expect(polygons.get('110101')).toMatchObject({ name: '东城区', level: 'county' }); // a municipality's district
    // 济南 + the former 莱芜 (two source polygons) dissolved into one MultiPolygon
    expect(polygons.get('370100')?.geometry.type).toBe('MultiPolygon');
    // Wenzhou's box (SOURCE.txt bbox is the whole country: 73.50–135.09E, 18.14–53.56N)
    const b = polygons.get('330300')!.bbox;
    expect(b[0]).toBeGreaterThan(119); expect(b[2]).toBeLessThan(122); expect(b[1]).toBeGreaterThan(27); expect(b[3]).toBeLessThan(29);
  });

  it('maps an older code through the change history, and says why counties and unknown codes get none', () => {
    // 652200 哈密地区 became 650500 哈密市 (2016)
    // (its counties are exactly today's 650502, 650521, 650522); 371200 莱芜市 (2019) is only two
    // districts of 370100 济南市: no polygon rather than all of 济南
    const { polygons, missing } = builtinBaseMap(['652200', '371200', '330302', '999999']);
    expect(polygons.get('652200')).toMatchObject({ via: '650500', name: '哈密市' });
    expect(missing).toEqual([{ code: '371200', reason: 'split' }, { code: '330302', reason: 'county' }, { code: '999999', reason: 'unknown' }]);
  });

  it('outlines prefectures around a point, provinces over the whole country', () => {
    const near = builtinOutline([120.5, 30.2, 120.9, 30.6]);
    expect(near.map((u) => u.code)).toContain('330100');
    expect(near.every((u) => u.level === 'prefecture' || u.level === 'county')).toBe(true);
    const all = builtinOutline([73, 18, 135, 54]);
    expect(all).toHaveLength(34);
    expect(all.every((u) => u.level === 'province')).toBe(true);
  });
});

function candidate(regions: string[]): DiagnosedCandidate {
  const indicators = { firms: 2 };
  return {
    id: 'C01', name: { zh: '测试', en: 'Test' }, industries: ['1811'],
    place: { kind: 'region', regions, park: null, hull: null, center: [120.55, 30.45], radiusKm: 10 },
    firms: 2, employment: 165, firmIds: ['F1', 'F2'], institutionIds: [], indicators,
    diagnosis: diagnoseIndicators('Test', indicators),
    role: {
      pillar: false, employmentShare: null, outputShare: null, growth: null, competitiveEffect: null, relativeProductivity: null, entryRate: null,
      snowball: false, spinoffShare: null, innovationRatio: null, institutionsPer100Firms: null, rows: [], sentence: { zh: '无', en: 'none' },
    },
  };
}

async function workspace(edit: (ws: Workspace) => Promise<void>): Promise<Workspace> {
  const dir = fixtureCopy();
  const s = await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
  const rw = await openWorkspace(s.workspace, { readOnly: false });
  try { await edit(rw); } finally { rw.close(); }
  return openWorkspace(s.workspace);
}

async function collect(ws: Workspace, regions: string[]): Promise<{ data: ReportData; rows: MapRegion[] }> {
  let rows: MapRegion[] = [];
  const data = await collectReportData(ws, [candidate(regions)], { seed: 1, simulations: 0, permutations: 0, now: NOW, onRegions: (_, r) => { rows = r; } });
  return { data, rows };
}

describe('the report with regions that have no polygons', () => {
  let prefectures: Workspace;
  let counties: Workspace;
  const OWN = { type: 'Polygon', coordinates: [[[120, 30], [121, 30], [121, 31], [120, 31], [120, 30]]] };

  beforeAll(async () => {
    // prefecture regions: 杭州 without geometry, 嘉兴 with its own square, 999999 unknown without geometry
    prefectures = await workspace(async (ws) => {
      await ws.run("UPDATE firms SET region = CASE region WHEN '330001' THEN '330100' ELSE '330400' END WHERE region IS NOT NULL");
      await ws.run("UPDATE regions SET code = '330100', name = '杭州', geometry = NULL, min_lon = NULL, min_lat = NULL, max_lon = NULL, max_lat = NULL WHERE code = '330001'");
      await ws.run(`UPDATE regions SET code = '330400', name = '嘉兴', geometry = '${JSON.stringify(OWN)}', min_lon = 120, min_lat = 30, max_lon = 121, max_lat = 31 WHERE code = '330002'`);
      await ws.run("INSERT INTO regions (code, name) VALUES ('999999', 'nowhere')");
    });
    // county regions (the fixture's synthetic 330001/330002) with their polygons removed
    counties = await workspace(async (ws) => {
      await ws.run('UPDATE regions SET geometry = NULL, min_lon = NULL, min_lat = NULL, max_lon = NULL, max_lat = NULL');
    });
  }, 120_000);

  afterAll(() => { prefectures?.close(); counties?.close(); });

  it('draws a prefecture without geometry from the base map, keeps the user\'s own polygon, skips an unknown code', async () => {
    const { data, rows } = await collect(prefectures, ['330100']);
    const byCode = new Map(data.regions!.features.map((f) => [f.properties.code, f]));
    expect([...byCode.keys()].sort()).toEqual(['330100', '330400']);
    expect(byCode.get('330100')!.properties).toEqual({ code: '330100', name: '杭州', boundarySource: BUILTIN_BOUNDARY_SOURCE });
    expect(byCode.get('330400')!.properties.boundarySource).toBeUndefined();
    expect(byCode.get('330400')!.geometry).toEqual(OWN); // the user's boundaries win over the built-in 嘉兴
    const map = data.candidates[0].map;
    expect(map.available).toBe(true);
    if (!map.available) return;
    expect(map.data.regions.map((r) => r.code).sort()).toEqual(['330100', '330400']);
    expect(map.notes.map((n) => n.en)).toContain(BUILTIN_BASE_MAP_CAPTION.en);
    expect(map.notes.map((n) => n.zh)).toContain(BUILTIN_BASE_MAP_CAPTION.zh);
    expect(BUILTIN_BASE_MAP_CAPTION.zh).toContain('审图号');
    expect(rows.map((r) => r.code)).toEqual(['330100', '330400', '999999']);
    expect(data.warnings.some((w) => w.includes('built-in base map'))).toBe(true);
  }, 60_000);

  it('writes boundarySource into the regions layer, and the escaped caption into the HTML', async () => {
    const { data, rows } = await collect(prefectures, ['330100']);
    const out = mkdtempSync(join(tmpdir(), 'atlas-basemap-'));
    writeOutputs(out, 'en', data, { candidates: [] } as unknown as Results, { C01: rows }, { stagingId: 't1' });
    const layer = JSON.parse(readFileSync(join(out, 'layers', 'regions-C01.geojson'), 'utf8')) as { features: { properties: Record<string, unknown> }[] };
    const props = new Map(layer.features.map((f) => [f.properties.code, f.properties]));
    expect([...props.keys()].sort()).toEqual(['330100', '330400']);
    expect(props.get('330100')!.boundarySource).toBe('builtin-echarts4-2016');
    expect(props.get('330400')!.boundarySource).toBeUndefined();
    // the dashboard's caption under a map of that layer (and none for the user's own polygons only)
    const el = { textContent: null as string | null, hidden: true };
    setBaseMapCaption(el, layer, 'caption <b>');
    expect(el).toEqual({ textContent: 'caption <b>', hidden: false });
    setBaseMapCaption(el, { features: layer.features.filter((f) => !f.properties.boundarySource) }, 'caption');
    expect(el).toEqual({ textContent: '', hidden: true });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    // in the candidate map's and the overview map's captions, through the renderer's escaping (esc: & < > ")
    const esc = (x: string): string => x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const inCaption = [...html.matchAll(/<figcaption>([^]*?)<\/figcaption>/g)].filter((m) => m[1].includes(esc(BUILTIN_BASE_MAP_CAPTION.en)));
    expect(inCaption.length).toBe(2);
    // a hostile note on the same path comes out escaped (the caption shares it)
    const hostile = structuredClone(data);
    if (hostile.candidates[0].map.available) hostile.candidates[0].map.notes.push({ en: '<img src=x onerror=alert(1)>', zh: '<img src=x onerror=alert(1)>' });
    const h2 = renderReport(hostile, 'en');
    expect(h2).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(h2).not.toContain('<img src=x onerror');
    const zh = renderReport(data, 'zh');
    expect(zh).toContain('仅供分析，不可用于出版或公开展示');
  }, 60_000);

  const CHROMIUM = process.env.CLUSTER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';
  it.skipIf(!existsSync(CHROMIUM))('draws the built-in polygons in Chromium without errors', async () => {
    const { data } = await collect(prefectures, ['330100']);
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-basemap-html-')), 'report.html');
    writeFileSync(file, renderReport(data, 'zh'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => (globalThis as never as { document: { documentElement: { getAttribute(n: string): string | null } } }).document.documentElement.getAttribute('data-ready') === 'true', undefined, { timeout: 60_000 });
      const stats = await page.evaluate(() => Array.from((globalThis as never as { document: { querySelectorAll(q: string): ArrayLike<{ getAttribute(n: string): string; classList: { contains(c: string): boolean }; querySelectorAll(q: string): { length: number } }> } }).document.querySelectorAll('.chart[data-chart]'))
        .map((el) => ({ id: el.getAttribute('data-chart'), failed: el.classList.contains('chart-failed'), paths: el.querySelectorAll('svg path').length })));
      expect(errors).toEqual([]);
      for (const id of ['overview-map', 'C01-map']) {
        const s = stats.find((x) => x.id === id);
        expect(s, id).toBeDefined();
        expect(s!.failed, id).toBe(false);
        expect(s!.paths, id).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);

  it('draws the prefecture outline under the firms when county regions have no polygons', async () => {
    const { data, rows } = await collect(counties, ['330001']);
    const feats = data.regions!.features;
    expect(feats.length).toBeGreaterThan(0);
    expect(feats.every((f) => f.properties.boundarySource === BUILTIN_BOUNDARY_SOURCE)).toBe(true);
    expect(feats.map((f) => f.properties.code)).toContain('330100'); // the fixture's firms lie around 120.5E 30.5N
    expect(feats.map((f) => f.properties.code)).not.toContain('330001');
    const map = data.candidates[0].map;
    expect(map.available).toBe(true);
    if (!map.available) return;
    expect(map.data.regions.length).toBeGreaterThan(0);
    expect(map.data.regions.every((r) => r.lq === null && !r.inCandidate)).toBe(true);
    expect(map.notes.map((n) => n.en)).toContain(BUILTIN_BASE_MAP_CAPTION.en);
    // the outline goes into the regions layer too (the dashboard draws and captions it)
    expect(rows.some((r) => r.code === '330100')).toBe(true);
  }, 60_000);
});
