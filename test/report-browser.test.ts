/**
 * The report in a real browser: the demo scenario's workspace → the real diagnosis
 * (diagnoseWorkspace) → collectReportData → renderReport (zh and en)
 * → headless Chromium (Debian's `chromium`, driven by playwright-core). Asserts: no console
 * errors or warnings and no page errors, no request other than the file itself, every chart container holds a
 * drawn SVG, each unavailable chart says why, both languages render their own labels, and the
 * SVG/PNG exports work. Screenshots go to test-artifacts/ (git-ignored).
 *
 * Skips (with a message) when no Chromium is installed: set CLUSTER_ATLAS_CHROMIUM to its path;
 * .ci/run installs Debian's package when /usr/bin/chromium is missing.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectReportData } from '../src/report/collect.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { renderReport } from '../src/report/render.js';
import type { ReportData, ReportLang } from '../src/report/types.js';
import { openWorkspace } from '../src/store/workspace.js';
import { diagnoseWorkspace } from '../src/diagnose/workspace.js';
import { workspacePaths } from '../src/diagnose/path/workspace.js';
import { demoProject, NOW } from './report-fixture.js';

const CHROMIUM = process.env.CLUSTER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const CHART_KEYS = ['map', 'lorenz', 'kDensity', 'network', 'chain', 'path'] as const;
/* Browser-side functions, serialised by playwright (so self-contained: no outer names). The test
   is compiled without the DOM library, hence `globalThis as any`; functions, not strings: the
   page's CSP forbids eval. */
type Doc = { document: { documentElement: { getAttribute(n: string): string | null }; querySelectorAll(q: string): ArrayLike<El> } };
type El = { getAttribute(n: string): string; classList: { contains(c: string): boolean }; querySelectorAll(q: string): { length: number } };
const READY = (): boolean => (globalThis as never as Doc).document.documentElement.getAttribute('data-ready') === 'true';
const CHART_STATS = (): { id: string; failed: boolean; svgs: number; drawn: number }[] =>
  Array.from((globalThis as never as Doc).document.querySelectorAll('.chart[data-chart]')).map((el) => ({
    id: el.getAttribute('data-chart'),
    failed: el.classList.contains('chart-failed'),
    svgs: el.querySelectorAll('svg').length,
    drawn: el.querySelectorAll('svg path, svg circle, svg rect, svg polygon, svg polyline, svg text').length,
  }));

/** The side contents' position, collapsed candidates with visible headlines, and overlapping labels of the overview map. */
const NAV_STATS = (): { position: string; collapsed: number; headlinesVisible: number; pageHeight: number; labels: number; overlaps: string[] } => {
  const doc = (globalThis as never as { document: any; getComputedStyle(e: unknown): { position: string } }).document;
  const g = globalThis as never as { getComputedStyle(e: unknown): { position: string } };
  const sections = Array.from(doc.querySelectorAll('section.candidate')) as any[];
  const texts = (Array.from(doc.querySelectorAll('#chart-overview-map svg text')) as any[])
    .filter((t) => /^C\d+$/.test(t.textContent ?? '') && !['opacity', 'fill-opacity'].some((a) => t.getAttribute(a) === '0') && !/rgba\(0, ?0, ?0, ?0\)|transparent|none/.test(t.getAttribute('fill') ?? '') && t.style.display !== 'none')
    .map((t) => ({ id: t.textContent as string, r: t.getBoundingClientRect() }));
  const overlaps: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      // glyph boxes (ascent to descent) are taller than the text: a sliver of shared box is not an overlap
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      const share = w > 0 && h > 0 ? (w * h) / Math.min(a.width * a.height, b.width * b.height) : 0;
      if (share > 0.15) overlaps.push(`${texts[i].id}/${texts[j].id} ${share.toFixed(2)}`);
    }
  }
  return {
    position: g.getComputedStyle(doc.querySelector('nav')).position,
    collapsed: sections.filter((s) => !s.classList.contains('open') && s.querySelector('.cand-body').getBoundingClientRect().height === 0).length,
    headlinesVisible: sections.filter((s) => s.querySelector('h2').getBoundingClientRect().height > 0 && s.querySelector('.sentence').getBoundingClientRect().height > 0).length,
    pageHeight: doc.documentElement.scrollHeight,
    labels: texts.length,
    overlaps,
  };
};

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`report-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLUSTER_ATLAS_CHROMIUM)`);

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  let dir: string;
  let data: ReportData;
  let browser: Browser;
  const files: Record<ReportLang, string> = { zh: '', en: '' };

  beforeAll(async () => {
    dir = await demoProject();
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    try {
      const result = await diagnoseWorkspace(ws, { seed: 7 });
      const paths = await workspacePaths(ws, result);
      // the demo project's cluster categories (categories.csv, categories_related.csv), as analyze reads them
      const categories = readCategoryFile(join(dir, 'categories.csv'), { relatedFile: join(dir, 'categories_related.csv') });
      data = await collectReportData(ws, result.candidates, { seed: 7, simulations: 19, permutations: 99, now: NOW, paths, categories });
    } finally {
      ws.close();
    }
    for (const lang of ['zh', 'en'] as const) {
      files[lang] = join(dir, `report-${lang}.html`);
      writeFileSync(files[lang], renderReport(data, lang));
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // the first candidate the diagnosis calls a cluster: its charts are checked one by one
  const top = (): string => data.candidates.find((c) => c.verdict.label === 'cluster')!.id;

  it('the demo gives most charts data, and says why for the rest', () => {
    expect(data.candidates.length).toBeGreaterThanOrEqual(11);
    for (const c of data.candidates) {
      for (const k of CHART_KEYS) {
        const chart = c[k];
        if (!chart.available) expect(chart.reason.en.length, `${c.id} ${k}`).toBeGreaterThan(5);
      }
    }
    // every candidate diagnosed a cluster has its map, Lorenz curve, K-density, network and shift-share
    const clusters = data.candidates.filter((c) => c.verdict.label === 'cluster');
    expect(clusters.length).toBeGreaterThanOrEqual(5);
    for (const c of clusters) {
      for (const k of ['map', 'lorenz', 'kDensity', 'network', 'shiftShare'] as const) expect(c[k].available, `${c.id} ${k}`).toBe(true);
    }
    // every candidate of the demo has its development path and a next-step list in both languages
    for (const c of data.candidates) {
      expect(c.path.available, `${c.id} path`).toBe(true);
      if (c.path.available) for (const l of ['zh', 'en'] as const) expect(c.path.data.nextStep.stage.sentence[l].length, `${c.id} next step ${l}`).toBeGreaterThan(5);
    }
    // and at least one of them matches a value-chain template
    expect(clusters.some((c) => c.chain.available)).toBe(true);
    expect(data.portfolio.available).toBe(true);
    expect(data.categories.available).toBe(true);
    expect(data.candidates.filter((c) => c.categories.available).length).toBeGreaterThanOrEqual(data.candidates.length - 1);
  });

  for (const lang of ['zh', 'en'] as const) {
    it(`renders in ${lang}: no console errors, no network, every chart drawn`, async () => {
      const t0 = Date.now();
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(files[lang]).href;
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(READY, null, { timeout: 60_000 });

      expect(problems).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);

      const charts = await page.evaluate(CHART_STATS);
      const expected = ['overview-map', 'portfolio', 'categories', 'category-network', ...data.candidates.flatMap((c) => [
        ...(c.map.available ? [`${c.id}-map`] : []), ...(c.lorenz.available ? [`${c.id}-lorenz`] : []), ...(c.kDensity.available ? [`${c.id}-kdensity`] : []),
        `${c.id}-radar`, ...(c.chain.available ? [`${c.id}-chain`] : []), ...(c.network.available ? [`${c.id}-network`] : []), ...(c.path.available ? [`${c.id}-path`] : []),
      ])];
      expect(charts.map((c) => c.id).sort()).toEqual([...expected].sort());
      for (const c of charts) {
        expect(c.failed, c.id).toBe(false);
        expect(c.svgs, c.id).toBeGreaterThanOrEqual(1);
        expect(c.drawn, c.id).toBeGreaterThan(10);
      }
      // maps: every region of the view is a drawn path, firms are drawn
      const c01 = data.candidates.find((c) => c.id === top())!;
      if (c01.map.available) {
        const paths = await page.locator(`#chart-${top()}-map svg path`).count();
        expect(paths).toBeGreaterThan(2 * c01.map.data.regions.length);
      }
      // unavailable charts say so, in the page's language
      const unavailable = await page.locator('[data-chart-unavailable]').allTextContents();
      const missing = data.candidates.flatMap((c) => [...CHART_KEYS, 'shiftShare'].filter((k) => !(c as never as Record<string, { available: boolean }>)[k].available));
      expect(unavailable.length).toBe(missing.length);
      for (const t of unavailable) expect(t).toContain(lang === 'zh' ? '无法绘制' : 'Not available');
      // the next-step panel of every candidate, in the page's language
      const nextSteps = await page.locator('[data-table$="-next-step"]').allTextContents();
      expect(nextSteps.length).toBe(data.candidates.length);
      for (const [k, t] of nextSteps.entries()) expect(t).toContain(data.candidates[k].path.available ? (data.candidates[k].path as { data: { nextStep: { stage: { sentence: Record<string, string> } } } }).data.nextStep.stage.sentence[lang] : '');

      // the category charts follow the region chooser
      const second = await page.locator('#category-region option').nth(1).getAttribute('value');
      const title = async (): Promise<string> => (await page.locator('#chart-categories svg').innerHTML());
      expect(await title()).not.toContain(`· ${second}`);
      await page.selectOption('#category-region', second!);
      await page.waitForFunction((code) => (globalThis as never as { document: { querySelector(q: string): { innerHTML: string } | null } }).document.querySelector('#chart-categories svg')?.innerHTML.includes(`· ${code}`) ?? false, second);
      expect(await page.locator('#chart-category-network svg').innerHTML()).toContain(`· ${second}`);
      expect(await page.locator('[data-table="strong-clusters"] tbody tr').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);

      // language
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      const body = await page.locator('body').innerText();
      if (lang === 'zh') {
        expect(body).toContain('总览');
        expect(body).toContain('产业集群');
        expect(body).toContain('区位商与局部空间自相关');
      } else {
        expect(body).toContain('Overview');
        expect(body).toContain('Industrial cluster');
        expect(body).toContain('Location quotient and LISA clusters');
      }
      const svgText = await page.locator(`#chart-${top()}-lorenz svg`).innerHTML();
      expect(svgText).toContain(lang === 'zh' ? '洛伦兹曲线' : 'Lorenz curve');

      // exports
      const svg: string = await page.evaluate((id) => (globalThis as never as { clusterAtlasReport: { exportSvg(id: string): string } }).clusterAtlasReport.exportSvg(id), `${top()}-kdensity`);
      expect(svg.startsWith('<svg')).toBe(true);
      // and it is well-formed XML (a font stack with double quotes inside style="…" once broke it)
      const svgErrors: number = await page.evaluate((text) => new (globalThis as never as { DOMParser: new () => { parseFromString(s: string, t: string): { getElementsByTagName(n: string): { length: number } } } }).DOMParser().parseFromString(text, 'image/svg+xml').getElementsByTagName('parsererror').length, svg);
      expect(svgErrors).toBe(0);
      const png: string = await page.evaluate((id) => (globalThis as never as { clusterAtlasReport: { exportPng(id: string): string } }).clusterAtlasReport.exportPng(id), `${top()}-map`);
      expect(png.startsWith('data:image/png;base64,')).toBe(true);
      expect(png.length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);

      // navigation: a side table of contents that stays on screen, candidates collapsed to their
      // headline until opened, overview labels that do not overlap
      const nav = await page.evaluate(NAV_STATS);
      expect(nav.position).toBe('fixed');
      expect(nav.collapsed).toBe(data.candidates.length);
      expect(nav.headlinesVisible).toBe(data.candidates.length);
      expect(nav.pageHeight).toBeLessThan(4000 + 1800 + 400 * data.candidates.length); // 1,800: the category section (two charts, the strong-cluster table)
      expect(nav.overlaps).toEqual([]);
      expect(nav.labels).toBeGreaterThan(3);
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-collapsed.png`) });
      await page.click(`nav a[href="#cand-${top()}"]`);
      await page.waitForFunction((id) => (globalThis as never as Doc).document.querySelectorAll(`#cand-${id}.open`).length === 1, top());
      await page.mouse.wheel(0, 400);
      expect(await page.locator('nav').isVisible()).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-candidate-open.png`) });
      await page.click('[data-expand="all"]');

      // screenshots (artifacts)
      await page.evaluate(() => (globalThis as never as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
      await page.screenshot({ path: join(ARTIFACTS, `report-${lang}-top.png`) });
      for (const id of ['portfolio', 'categories', 'category-network', ...['map', 'lorenz', 'kdensity', 'radar', 'path', 'network'].map((k) => `${top()}-${k}`)]) {
        await page.locator(`#chart-${id}`).screenshot({ path: join(ARTIFACTS, `report-${lang}-${id}.png`) });
      }
      await page.close();
      console.log(`report-browser: ${lang} page checked in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(Buffer.byteLength(renderReport(data, lang)) / 1e6).toFixed(1)} MB)`);
    }, 180_000);
  }

  it('a report with missing inputs still renders and says why', async () => {
    const bare: ReportData = {
      ...data,
      regions: null,
      parks: null,
      portfolio: { available: false, reason: { en: 'no candidate has both a location quotient and an employment growth rate', zh: '没有同时具有区位商和就业增长率的候选' } },
      candidates: [{
        ...data.candidates[0],
        map: { available: false, reason: { en: 'the workspace has no region polygons', zh: '工作区没有地区边界' } },
        shiftShare: { available: false, reason: { en: 'the workspace has no regional statistics', zh: '工作区没有地区统计' } },
      }],
    };
    const file = join(tmpdir(), `atlas-bare-${process.pid}.html`);
    writeFileSync(file, renderReport(bare, 'en'));
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(READY);
    expect(problems).toEqual([]);
    const texts = await page.locator('[data-chart-unavailable]').allTextContents();
    expect(texts.some((t) => t.includes('no region polygons'))).toBe(true);
    expect(texts.some((t) => t.includes('no regional statistics'))).toBe(true);
    expect(texts.length).toBe(4); // overview map, portfolio, map, shift-share
    await page.close();
    rmSync(file, { force: true });
  }, 60_000);
});
