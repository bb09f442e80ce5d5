/**
 * The dashboard on a register export with no regions file, in headless Chromium: the firms are
 * placed by address, the regions come from the built-in division table (src/io/builtin-regions.ts)
 * and the overview map draws the built-in prefecture polygons with their caption visible, in
 * English and in Chinese ("for analysis, not for publication"). No console errors, no request
 * leaves the server. Skipped (with a message) without Chromium or the built dashboard, as
 * test/serve-browser.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_BASE_MAP_CAPTION } from '../src/report/i18n.js';
import { generateScenario, REGISTER_FILE, writeRegisterVariant, writeScenario } from '../src/scenario/index.js';
import { dashboardDir } from '../src/serve/app.js';
import { Client, testServer } from './serve-helpers.js';

const CHROMIUM = process.env.CLUSTER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const ARTIFACTS = join(import.meta.dirname, '..', 'test-artifacts');
const haveChromium = existsSync(CHROMIUM);
const dash = dashboardDir();
if (!haveChromium) console.warn(`serve-browser-basemap: skipped, no Chromium at ${CHROMIUM}`);
if (!dash) console.warn('serve-browser-basemap: skipped, the dashboard is not built (npm run build builds dist/dashboard)');
// the register variant's files, without regions.geojson and without the located firms.csv
const UPLOADS = [REGISTER_FILE, 'institutions.csv', 'links.csv', 'parks.geojson', 'regional_stats.csv', 'io_table.csv', 'chain_templates.json'];

describe.skipIf(!haveChromium || !dash)('the dashboard on a register export without regions', () => {
  let demo: string;
  let srv: Awaited<ReturnType<typeof testServer>>;
  let browser: Browser;

  beforeAll(async () => {
    demo = mkdtempSync(join(tmpdir(), 'atlas-serve-register-'));
    const scenario = generateScenario(42, { scale: 0.1 });
    await writeScenario(scenario, demo);
    await writeRegisterVariant(scenario, demo);
    srv = await testServer({ dashboard: dash });
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.done();
    if (demo) rmSync(demo, { recursive: true, force: true });
  });

  it('draws the built-in base map with its caption shown', async () => {
    const api = new Client(srv.server);
    const { body: p } = await api.json('POST', '/api/projects', {}, { name: '企业名录' });
    for (const f of UPLOADS) expect((await api.upload(p.id, f, readFileSync(join(demo, f)))).status).toBe(201);
    const { body: m } = await api.json('GET', '/api/projects/:project/mapping', { project: p.id });
    expect(m.guess.project.inputs.firms.file).toBe(REGISTER_FILE);
    expect(m.guess.project.inputs.regions).toBeUndefined();
    expect((await api.json('PUT', '/api/projects/:project/mapping', { project: p.id }, { project: m.guess.project })).status).toBe(200);
    const ingestJob = await api.waitJob(p.id, (await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'ingest' })).body.id);
    expect(ingestJob.state).toBe('done');
    const analyzeJob = await api.waitJob(p.id, (await api.json('POST', '/api/projects/:project/jobs', { project: p.id }, { type: 'analyze', params: { simulations: 9, permutations: 49, seed: 7 } })).body.id, 240_000);
    expect(analyzeJob.state).toBe('done');

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (x) => { if (x.type() === 'error' || x.type() === 'warning') problems.push(`console.${x.type()}: ${x.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(srv.server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
    const caption = () => page.evaluate(() => {
      const el = (globalThis as any).document.getElementById('map-caption');
      const box = el?.getBoundingClientRect();
      return { hidden: el?.hidden, text: el?.textContent ?? '', visible: !!box && box.width > 0 && box.height > 0 };
    });
    for (const lang of ['en', 'zh'] as const) {
      await page.goto(`${srv.server.url}/?project=${p.id}&view=overview&lang=${lang}`);
      await page.waitForSelector('#map[data-map-ready="true"]', { timeout: 60_000 });
      const c = await caption();
      expect(c.hidden).toBe(false);
      expect(c.visible).toBe(true);
      expect(c.text).toContain(BUILTIN_BASE_MAP_CAPTION[lang].slice(0, 12));
      expect(c.text).toContain(lang === 'en' ? 'not for publication' : '仅供分析');
      // candidates are listed with places (not "unlocated")
      const names = await page.$$eval('#candidate-list a[data-candidate]', (as) => as.map((a) => a.textContent ?? ''));
      expect(names.length).toBeGreaterThan(3);
      expect(names.some((n) => /unlocated|未定位/.test(n))).toBe(false);
      // the typology column in the page's language (market-led → 市场主导型)
      const cells = (await page.$$eval('#candidate-list tbody tr', (rows) => rows.map((r) => r.children[3]?.textContent ?? ''))).join(' ');
      expect(cells).toMatch(lang === 'en' ? /market-led|government-led/ : /市场主导型|政府主导型/);
      if (lang === 'zh') expect(cells).not.toMatch(/market-led|government-led/);
      await page.screenshot({ path: join(ARTIFACTS, `serve-basemap-${lang}.png`) });
    }
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  }, 360_000);
});
