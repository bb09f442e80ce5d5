/**
 * The dashboard end to end in headless Chromium (Debian's `chromium`, driven by playwright-core,
 * as test/report-browser.test.ts): create a project, upload the demo's files, map columns (init's
 * guess), ingest, run the analysis and watch its progress, open the overview map and a
 * candidate, run a chain-gap analysis and a network design, switch the language, reload and find
 * the same view, open a shared link. No console errors, no failed requests, no request leaves the
 * server; screenshots go to test-artifacts/. Browser-side functions use `globalThis` (the tests
 * compile without the DOM library). Skipped (with a message) without Chromium or without the
 * built dashboard (`npm run build` builds dist/dashboard).
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardDir } from '../src/serve/app.js';
import { demoFiles, testServer, UPLOADS } from './serve-helpers.js';

const CHROMIUM = process.env.CLUSTER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';
// WebGL for MapLibre comes from SwiftShader (software) in headless Chromium without a GPU
const ARGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
const dash = dashboardDir();
if (!haveChromium) console.warn(`serve-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLUSTER_ATLAS_CHROMIUM)`);
if (!dash) console.warn('serve-browser: skipped, the dashboard is not built (npm run build builds dist/dashboard)');

describe.skipIf(!haveChromium || !dash)('the dashboard in headless Chromium', () => {
  let demo: string;
  let srv: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;

  beforeAll(async () => {
    demo = await demoFiles();
    srv = await testServer({ dashboard: dash });
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.done();
    if (demo) rmSync(demo, { recursive: true, force: true });
  });

  it('takes a planner from upload to a candidate, a chain-gap analysis and back after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => { if (!r.url().includes('/events')) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(srv.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
    const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `serve-${name}.png`) });

    await page.goto(`${srv.server.url}/?lang=en`);
    await page.fill('#new-project', 'Demo province');
    await page.click('#create-project');
    await page.waitForURL(/project=p-/);
    // upload the demo's files
    await page.setInputFiles('#upload', UPLOADS.map((f) => join(demo, f)));
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('#upload-messages .ok').length === n, UPLOADS.length, { timeout: 30_000 });
    // map columns: init's guess, one field edited back and forth, saved
    await page.click('#guess');
    await page.waitForSelector('.mapping-file[data-file="firms.csv"]');
    expect(await page.inputValue('select[data-kind="firms"][data-field="industry"]')).toBe('行业代码');
    await page.selectOption('select[data-kind="firms"][data-field="industry"]', '行业代码');
    await page.click('#save-mapping');
    await page.waitForFunction(() => (globalThis as any).document.getElementById('mapping-status')?.textContent === 'Saved.');
    await shot('1-data');
    // ingest
    await page.click('#run-ingest');
    await page.waitForSelector('#ingest-summary', { timeout: 60_000 });
    // the analysis, watching its progress
    await page.fill('#simulations', '9');
    await page.fill('#permutations', '49');
    await page.click('#run-analyze');
    const stages = new Set<string>();
    for (let k = 0; k < 1200; k++) {
      const s = await page.evaluate(() => ({ state: (globalThis as any).document.querySelector('#analyze-job .job')?.getAttribute('data-state'), stage: (globalThis as any).document.querySelector('#analyze-job .job-stage')?.textContent ?? '' }));
      if (s.stage) stages.add(s.stage.split(' ')[0]);
      if (s.state === 'done' || s.state === 'failed') { expect(s.state).toBe('done'); break; }
      await page.waitForTimeout(100);
    }
    expect([...stages].some((s) => ['diagnose', 'measures', 'write'].includes(s))).toBe(true);
    await shot('2-analysis');
    // the overview map and the candidate list
    await page.click('#to-overview');
    await page.waitForSelector('#map[data-map-ready="true"]', { timeout: 60_000 });
    // the demo's regions have their own polygons: no built-in base map caption (src/load/basemap.ts)
    expect(await page.evaluate(() => (globalThis as any).document.getElementById('map-caption')?.hidden)).toBe(true);
    // "ready" means drawn: most of the map's canvas is regions, not the empty background
    const painted = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      const src = doc.querySelector('#map canvas');
      const probe = doc.createElement('canvas');
      probe.width = 100; probe.height = 100;
      const g = probe.getContext('2d');
      g.drawImage(src, 0, 0, 100, 100);
      const px = g.getImageData(0, 0, 100, 100).data;
      let other = 0;
      for (let k = 0; k < px.length; k += 4) if (Math.abs(px[k] - 0xf4) + Math.abs(px[k + 1] - 0xf6) + Math.abs(px[k + 2] - 0xf8) > 12) other++;
      return other / 10_000;
    });
    expect(painted).toBeGreaterThan(0.2);
    const candidates = await page.$$eval('#candidate-list a[data-candidate]', (as) => as.map((a) => a.getAttribute('data-candidate')));
    expect(candidates.length).toBeGreaterThan(3);
    await page.fill('#filter', candidates[1]!);
    expect(await page.$$eval('#candidate-list a[data-candidate]', (as) => as.length)).toBeGreaterThanOrEqual(1);
    await page.fill('#filter', '');
    await shot('3-overview');
    // a candidate: the report's charts and the evidence
    await page.click(`#candidate-list a[data-candidate="${candidates[0]}"]`);
    await page.waitForSelector(`#candidate[data-candidate="${candidates[0]}"]`);
    await page.waitForSelector('.chart[data-drawn="true"] svg', { timeout: 30_000 });
    expect(await page.$$eval('.chart.chart-failed', (e) => e.length)).toBe(0);
    expect(await page.$$eval('table.evidence tbody tr', (e) => e.length)).toBeGreaterThan(3);
    // its cluster categories (the demo's categories.csv, declared by the mapping's guess)
    await page.waitForSelector('#candidate-categories');
    expect(await page.textContent('#candidate-categories h3')).toBe('Cluster categories');
    await shot('4-candidate');
    // the categories page: the region's portfolio and related categories, drawn by the report's builders
    await page.click('nav a[data-view="categories"]');
    await page.waitForSelector('.chart[data-kind="categories"][data-drawn="true"] svg', { timeout: 30_000 });
    await page.waitForSelector('.chart[data-kind="category-network"][data-drawn="true"] svg');
    expect(await page.$$eval('#category-table tbody tr', (e) => e.length)).toBeGreaterThan(3);
    const regionsListed = await page.$$eval('#category-region option', (o) => o.map((x) => x.getAttribute('value')));
    expect(regionsListed.length).toBeGreaterThan(10);
    await page.selectOption('#category-region', regionsListed[2]!);
    await page.waitForURL(new RegExp(`region=${regionsListed[2]}`));
    await page.waitForFunction((code) => ((globalThis as any).document.querySelector('.chart[data-kind="categories"][data-drawn="true"] svg')?.textContent ?? '').includes(code), regionsListed[2]);
    expect(await page.textContent('#app h3')).toContain(regionsListed[2]!);
    expect(await page.$$eval('.chart.chart-failed', (e) => e.length)).toBe(0);
    await shot('4b-categories');
    // a chain-gap analysis
    await page.click('nav a[data-view="gaps"]');
    await page.waitForSelector('#run-gaps');
    await page.click('#run-gaps');
    await page.waitForSelector('#gap-stages', { timeout: 60_000 });
    await page.waitForSelector('#gaps-map[data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.$$eval('#gap-stages [data-status]', (e) => e.length)).toBeGreaterThan(1);
    await shot('5-gaps');
    // network design: regional groups, hubs and firms on the map
    await page.click('nav a[data-view="network"]');
    await page.waitForSelector('#run-network');
    await page.click('#run-network');
    await page.waitForSelector('#network-groups', { timeout: 60_000 });
    await page.waitForSelector('#network-map[data-map-ready="true"]', { timeout: 30_000 });
    expect(await page.$$eval('#network-groups tbody tr', (e) => e.length)).toBeGreaterThanOrEqual(1);
    await shot('5b-network');
    await page.click('nav a[data-view="gaps"]');
    await page.waitForSelector('#run-gaps');
    // the language switch, remembered; a reload finds the same view
    await page.click('button[data-lang="zh"]');
    await page.waitForFunction(() => (globalThis as any).document.querySelector('header h1')?.textContent === 'Cluster Atlas 产业集群工作台');
    await page.waitForSelector('#run-gaps');
    await page.waitForLoadState('networkidle');
    const url = page.url();
    expect(url).toMatch(/view=gaps/);
    expect(url).toMatch(/lang=zh/);
    await page.reload();
    await page.waitForSelector('#run-gaps');
    await page.waitForLoadState('networkidle');
    expect(await page.textContent('header h1')).toBe('Cluster Atlas 产业集群工作台');
    expect(await page.getAttribute('nav a.active', 'data-view')).toBe('gaps');
    // a shared link to the candidate opens it in the linked language
    const link = `${srv.server.url}/?project=${new URL(url).searchParams.get('project')}&view=candidate&candidate=${candidates[0]}&layer=lisa&lang=en`;
    await page.goto(link);
    await page.waitForSelector(`#candidate[data-candidate="${candidates[0]}"] .chart[data-drawn="true"] svg`);
    expect(await page.textContent('header h1')).toBe('Cluster Atlas workbench');
    await shot('6-shared-link');
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    expect(readdirSync(ARTIFACTS).filter((f) => f.startsWith('serve-')).length).toBeGreaterThanOrEqual(8);
  }, 300_000);
});
