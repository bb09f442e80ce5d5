/**
 * The report must not attack its reader. A hand-made ReportData whose every name and label field
 * (candidate and industry names, region, park, firm, institution and chain-stage names, ids, the
 * chain template, shift-share regions, title, warnings, input files) carries script-injection
 * payloads, terminal escapes and `javascript:` is rendered in both languages and checked:
 *
 * - in Node: a Content-Security-Policy that allows scripts only by the SHA-256 of each inline
 *   script (no 'unsafe-inline', no inline handlers, no base/form/object/connect), no inline event
 *   handler or payload tag anywhere in the markup, colours in style attributes only from the
 *   label table, no raw C0 control character in the file (ESC shown as ␛);
 * - in headless Chromium (Debian's `chromium`, playwright-core; skipped without it, like
 *   test/report-browser.test.ts): the mouse is moved for real over every shape of every chart and
 *   across each chart's area so tooltips appear; `window.__pwned` is never set, no dialog opens,
 *   no request but the file is made, no console error (a CSP violation is one), the tooltips show
 *   the payloads as text, no element has an event-handler attribute or a `javascript:` link, and
 *   an exported SVG is well-formed XML without script.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import { renderReport } from '../src/report/render.js';
import { REPORT_DATA_VERSION, type AreaFeature, type CandidateReport, type ReportData, type ReportLang } from '../src/report/types.js';

const CHROMIUM = process.env.CLUSTER_ATLAS_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const ESCAPES = '\u001b[31m\u001b]8;;javascript:window.__pwned=1\u001b\\';
const PAYLOADS = ['<img src=x onerror=window.__pwned=1>', '"><svg onload=window.__pwned=1>', "'><svg/onload=window.__pwned=1>", '</script><script>window.__pwned=1</script>', '<!--<script>', 'javascript:window.__pwned=1', ESCAPES];
/** A field value: its tag (to find it again) and every payload. */
const evil = (tag: string): string => `${tag} ${PAYLOADS.join(' ')}`;
/** How the page shows a payload: as text, control characters as Control Pictures (ESC → ␛). */
const shown = (s: string): string => s.replace(/\u001b/g, '\u241b');
/** The part of a payload every tooltip shows whole (long labels on the charts are cut). */
const head = (tag: string): string => `${tag} ${PAYLOADS[0]} ${PAYLOADS[1]}`;

const square = (code: string, name: string, x: number, y: number): AreaFeature => ({
  type: 'Feature', properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]] },
});

function candidate(id: string, k: number): CandidateReport {
  const d = diagnoseIndicators(evil(`DIAG${k}`), { firms: 40, employment: 1200, lq: 3, cr4: 0.2, hhi: 0.05, egGamma: 0.03, kdLocalised: true, chainLinksPerFirm: 1.5, chainStagesLinked: 3 });
  const params = { seed: 1, note: evil(`PARAM${k}`) };
  const source = { en: evil(`SOURCE${k}`), zh: evil(`SOURCE${k}`) };
  const notes = [{ en: evil(`NOTE${k}`), zh: evil(`NOTE${k}`) }];
  const bi = (tag: string) => ({ en: evil(tag), zh: evil(tag) });
  return {
    id, name: bi(`CANDIDATE${k}`),
    industries: [{ code: evil(`CODE${k}`), name: bi(`INDUSTRY${k}`) }],
    place: { kind: 'park', regions: [evil(`PLACEREGION${k}`)], park: evil(`PLACEPARK${k}`), center: [120.25, 30.25], radiusKm: 20 },
    firms: 40, employment: 1200,
    verdict: { label: d.concepts.label, stage: d.stage.stage, radiation: d.radiation.level, sentence: bi(`SENTENCE${k}`), concepts: { concentration: true, agglomeration: true, chain: true, park: false, cluster: true } },
    // a comparison and an indicator the evidence table does not know
    evidence: [...d.evidence, { rule: evil(`RULE${k}`), indicator: evil(`INDICATOR${k}`), value: 1, comparison: evil(`COMPARISON${k}`) as never, threshold: 1, thresholdName: evil(`THRESHOLD${k}`) as never, pass: true }],
    role: { pillar: true, growth: 0.1, employmentShare: 0.2, sentence: bi(`ROLE${k}`), rows: [] },
    radar: { scores: d.stage.scores }, typology: d.typology,
    map: {
      available: true, params, source, notes,
      data: {
        bbox: [120, 30, 121, 31],
        regions: [
          { code: '330001', name: evil(`REGION${k}`), lq: 3.2, lisa: 'HH', pValue: 0.01, inCandidate: true },
          { code: '330002', name: evil(`REGIONB${k}`), lq: 0.7, lisa: 'ns', pValue: 0.4, inCandidate: true },
          { code: '330003', name: null, lq: null, lisa: null, pValue: null, inCandidate: false },
        ],
        firms: [
          { id: evil(`FIRM${k}`), lon: 120.15, lat: 30.15, employees: 500, leader: true },
          { id: evil(`FIRMB${k}`), lon: 120.7, lat: 30.3, employees: 80, leader: false },
        ],
        parks: [{ id: evil(`PARKID${k}`), name: evil(`PARK${k}`), ring: [[120.1, 30.1], [120.3, 30.1], [120.3, 30.3], [120.1, 30.1]] }],
        hull: [[120.1, 30.1], [120.8, 30.2], [120.6, 30.4], [120.1, 30.1]], moranI: 0.31,
      },
    },
    lorenz: { available: true, params, source, notes, data: { population: [0, 0.5, 1], share: [0, 0.1, 1], gini: 0.55, firms: 3, size: 'employees' } },
    kDensity: {
      available: true, params: { simulations: 19, alpha: 0.05, seed: 1 }, source, notes,
      data: { r: [0, 1, 2, 3], value: [0.3, 0.2, 0.1, 0.05], globalLower: [0, 0.05, 0.05, 0.05], globalUpper: [0.1, 0.15, 0.15, 0.1], lower: null, upper: null, bandwidth: 0.4, departures: [{ from: 0, to: 1.5, kind: 'localisation' }], localised: true },
    },
    network: {
      available: true, params, source, notes,
      data: {
        nodes: [
          { id: evil(`NODEID${k}`), name: evil(`LEADER${k}`), kind: 'firm', institutionType: null, community: 0, leader: true, strength: 3, x: 0, y: 0 },
          { id: 'F2', name: evil(`NODE${k}`), kind: 'firm', institutionType: null, community: 0, leader: false, strength: 1, x: 6, y: 3 },
          { id: 'I1', name: evil(`INSTITUTION${k}`), kind: 'institution', institutionType: evil(`INSTTYPE${k}`), community: 0, leader: false, strength: 2, x: -4, y: 4 },
        ],
        links: [{ source: evil(`NODEID${k}`), target: 'F2', type: 'supply', value: 10 }, { source: 'I1', target: evil(`NODEID${k}`), type: 'membership', value: null }],
        communities: 1, modularity: 0.12, leaders: [evil(`NODEID${k}`)], totalNodes: 3,
      },
    },
    chain: {
      available: true, params, source, notes,
      data: {
        template: evil(`TEMPLATEID${k}`), templateName: evil(`TEMPLATE${k}`), completeness: 0.5, missing: ['sole'], weak: [], radiusKm: 200,
        stages: [
          { id: evil(`STAGEID${k}`), name: evil(`STAGE${k}`), order: 1, role: 'vertical', firmsInside: 5, status: 'present' },
          { id: 'sole', name: evil(`STAGEB${k}`), order: 2, role: 'vertical', firmsInside: 0, status: 'missing' },
          { id: 'design', name: evil(`SUPPORT${k}`), order: 0, role: 'support', firmsInside: 2, status: 'present' },
        ],
        flows: [{ from: evil(`STAGEID${k}`), to: 'sole', localShare: 0.75, links: 4 }],
      },
    },
    shiftShare: {
      available: true, params: { baseYear: 2020, finalYear: 2023 }, source, notes,
      data: {
        baseYear: 2020, finalYear: 2023, variable: 'employment', industries: [evil(`SSINDUSTRY${k}`)], nationalGrowth: 0.05,
        rows: [{ region: evil(`SSCODE${k}`), name: evil(`SSREGION${k}`), base: 1000, final: 1200, change: 200, nationalShare: 50, industryMix: 30, regionalShift: 120, competitiveEffect: 100, allocationEffect: 20 }],
        total: { region: 'total', name: null, base: 1000, final: 1200, change: 200, nationalShare: 50, industryMix: 30, regionalShift: 120, competitiveEffect: 100, allocationEffect: 20 },
      },
    },
    path: {
      available: true, params: { years: '2015, 2020' }, source, notes,
      data: {
        years: [2015, 2020],
        snapshots: [2015, 2020].map((year, j) => ({
          year, firms: 20 + j * 20, stage: j ? 'cluster' as const : 'concentration' as const, radiation: j ? 'inward' as const : null, scores: d.stage.scores,
          label: d.concepts.label, lq: 2, datedFirmShare: 1, datedTieShare: 1, closedUndated: 0,
        })),
        transitions: [{ kind: 'stage', from: 'concentration', to: 'cluster', after: 2015, by: 2020, sentence: bi(`TRANSITION${k}`) }],
        caveats: bi(`CAVEAT${k}`),
        nextStep: {
          stage: { from: 'cluster', to: null, conditions: [], sentence: bi(`NEXTSTAGE${k}`) },
          radiation: {
            from: 'inward', to: 'outward', sentence: bi(`NEXTRADIATION${k}`),
            conditions: [{ element: bi(`ELEMENT${k}`), proxy: evil(`PROXY${k}`), value: 0.1, comparison: '>=', threshold: 0.5, status: 'unmet', gap: 0.4, missingKinds: [evil(`KIND${k}`)], targets: [{ stage: evil(`TSTAGE${k}`), name: evil(`TNAME${k}`), action: 'fill', rank: 1, score: 0.5 }] }],
          },
        },
      },
    },
    categories: {
      available: true, params: { categories: 1 }, source: bi(`CSOURCE${k}`), notes: [bi(`CNOTE${k}`)],
      data: {
        own: [{ code: evil(`OWNCAT${k}`), name: evil(`OWNCATNAME${k}`), type: 'traded', firms: 40, principal: true }], uncategorised: 2,
        related: [{ code: evil(`RELCAT${k}`), name: evil(`RELCATNAME${k}`), type: 'local', relatedness: 0.5, of: evil(`OWNCAT${k}`), employment: 300, strongIn: [evil(`STRONGIN${k}`)] }],
      },
    },
  };
}

/** Two candidates; the second one's id is itself a payload. */
function payloadReport(): ReportData {
  const cs = [candidate('C01', 1), candidate(`C02${PAYLOADS[1]}${PAYLOADS[5]}`, 2)];
  return {
    version: REPORT_DATA_VERSION,
    title: { zh: evil('TITLE'), en: evil('TITLE') },
    generatedAt: evil('GENERATED'),
    generator: { name: 'cluster-atlas', version: evil('VERSION') },
    seed: 1,
    parameters: { simulations: 19, permutations: 99, alpha: 0.05, weights: evil('WEIGHTS'), kdRmaxKm: 200, chainRadiusKm: 200 },
    inputs: [{ kind: evil('KIND'), file: evil('FILE'), sha256: evil('SHA').padEnd(64, '0') }],
    regions: { type: 'FeatureCollection', features: [square('330001', evil('GEOREGION'), 120, 30), square('330002', evil('GEOREGIONB'), 120.5, 30), square('330003', evil('GEOREGIONC'), 120, 30.5)] },
    parks: { type: 'FeatureCollection', features: [square('P1', evil('GEOPARK'), 120.1, 30.1)] },
    overview: {
      candidates: cs.map((c, k) => ({ id: c.id, name: c.name, label: c.verdict.label, stage: c.verdict.stage, center: [120.25 + 0.5 * k, 30.25 + 0.3 * k] as [number, number], radiusKm: 20, hull: null, firms: c.firms, employment: c.employment })),
      bbox: [120, 30, 121, 31],
    },
    portfolio: {
      available: true, params: { growth: evil('GROWTH') }, source: { en: evil('PSOURCE'), zh: evil('PSOURCE') }, notes: [],
      data: { points: cs.map((c, k) => ({ id: c.id, name: c.name, label: c.verdict.label, lq: 3.2 - 2 * k, growth: 0.2 - 0.25 * k, employment: 1200 })), referenceGrowth: 0.05, excluded: [] },
    },
    categories: {
      available: true, params: { year: 2024, level: evil('CLEVEL') }, source: { en: evil('CATSOURCE'), zh: evil('CATSOURCE') }, notes: [{ en: evil('CATNOTE'), zh: evil('CATNOTE') }],
      data: {
        source: evil('CATFILE'), year: 2024, baseYear: 2015, regionLevel: evil('CLEVEL'),
        categories: [
          { code: evil('CATA'), name: evil('CATNAMEA'), type: 'traded', related: [{ code: evil('CATB'), relatedness: 0.7 }] },
          { code: evil('CATB'), name: evil('CATNAMEB'), type: 'local', related: [{ code: evil('CATA'), relatedness: 0.7 }] },
        ],
        regions: [
          { code: evil('CATREGION1'), name: evil('CATREGIONNAME1'), traded: 500, strong: 1, strong10: 1, cells: [[0, 2.5, 500, 0.2, 2], [1, 0.8, 300, -0.1, null]] },
          { code: evil('CATREGION2'), name: null, traded: 100, strong: 0, strong10: 0, cells: [[0, 0.6, 100, null, 0]] },
        ],
        totalRegions: 2,
        coverage: { dataEmployment: 900, unmappedEmployment: 0, unmapped: [] },
      },
    },
    candidates: cs,
    warnings: [evil('WARNING')],
  };
}

const data = payloadReport();
const html: Record<ReportLang, string> = { en: renderReport(data, 'en'), zh: renderReport(data, 'zh') };

/** The markup outside the inline scripts and the JSON data blocks. */
const markup = (page: string): string => page.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
/** Each match of `re` in `s` with 40 characters either side (a short failure message). */
const hits = (re: RegExp, s: string): string[] => [...s.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].map((m) => s.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40));
const csp = (page: string): Map<string, string[]> => {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1];
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
};

describe('report.html with payloads in every name (no browser)', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: scripts run only by hash; no fetch, base, form, object or inline handler`, () => {
      const policy = csp(html[lang]);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      const inline = [...html[lang].matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
      expect(inline.length).toBe(2); // ECharts and the chart script
      expect(policy.get('script-src')).toEqual(inline);
      expect(policy.get('script-src-attr')).toEqual(["'none'"]);
      for (const d of ['connect-src', 'object-src', 'base-uri', 'form-action', 'font-src']) expect(policy.get(d), d).toEqual(["'none'"]);
      expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
      // the only other script elements are the two JSON data blocks
      expect(html[lang].match(/<script\b/g)!.length).toBe(4);
    });

    it(`${lang}: every data string is text, in element content and attributes`, () => {
      const m = markup(html[lang]);
      expect(hits(/<(img|svg|iframe|object|embed|base|form)\b/i, m)).toEqual([]);
      // no inline event handler: data reach the markup only as text, so every tag is ours
      const tags = [...m.matchAll(/<([a-z][\w-]*)([^>]*)>/gi)];
      expect(tags.filter((t) => t[2].replace(/\s[\w:-]+="[^"]*"/g, '').replace(/\s[\w-]+/g, '').trim() !== '').map((t) => t[0])).toEqual([]); // every attribute double-quoted
      expect(tags.flatMap((t) => [...t[2].matchAll(/\s([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1])).filter((a) => /^on/i.test(a))).toEqual([]);
      expect(hits(/<script>window|<!--/, m)).toEqual([]);
      for (const [, href] of m.matchAll(/\shref="([^"]*)"/g)) expect(href.startsWith('#'), href).toBe(true);
      for (const [, style] of m.matchAll(/\sstyle="([^"]*)"/g)) expect(style, 'a style attribute').toMatch(/^(border-left-color|background):#[0-9a-f]{3,8}$/i);
      expect(m).toContain('TITLE &lt;img src=x onerror=window.__pwned=1&gt; &quot;&gt;&lt;svg onload=window.__pwned=1&gt;');
      expect(m).toContain('COMPARISON1 &lt;img src=x'); // an unknown comparison is escaped too
      // the JSON blocks cannot end early or open a comment
      for (const [, json] of html[lang].matchAll(/<script type="application\/json" id="[^"]+">([\s\S]*?)<\/script>/g)) {
        expect(json).not.toMatch(/<\/script|<!--|\u2028|\u2029/i);
        expect(() => JSON.parse(json)).not.toThrow();
      }
    });

    it(`${lang}: no raw control character in the file (terminal escapes shown as ␛)`, () => {
      expect(hits(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/, html[lang]).length).toBe(0);
      expect(markup(html[lang])).toContain('␛[31m␛]8;;javascript:window.__pwned=1␛\\');
    });
  }

  it('a verdict label outside the label table gets the neutral colour, never an object key', () => {
    const odd = { ...data, candidates: data.candidates.map((c) => ({ ...c, verdict: { ...c.verdict, label: 'constructor' as never } })) };
    const m = markup(renderReport(odd, 'en'));
    for (const [, style] of m.matchAll(/\sstyle="([^"]*)"/g)) expect(style).toMatch(/^(border-left-color|background):#[0-9a-f]{3,8}$/i);
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`report-injection: browser part skipped, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CLUSTER_ATLAS_CHROMIUM)`);

/* Page-side functions, serialised by playwright (so self-contained: no outer names); functions,
   not strings: the page's CSP forbids eval. The test is compiled without the DOM library, so the
   page's globals are reached through `globalThis` typed loosely. */
type Loose = any;

const READY = (): boolean => (globalThis as Loose).document.documentElement.getAttribute('data-ready') === 'true';

/** Count the drawn charts (an SVG, not failed). */
const DRAWN = (): number => Array.from((globalThis as Loose).document.querySelectorAll('.chart[data-chart]') as ArrayLike<Loose>)
  .filter((el) => el.querySelector('svg') && !el.classList.contains('chart-failed')).length;

/** Record the text of every tooltip ECharts writes (a div it appends to a chart container), as "chart id NUL text". */
const WATCH_TOOLTIPS = (): void => {
  const g = globalThis as Loose;
  g.__tooltips = [];
  new g.MutationObserver((records: Loose[]) => {
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const box = el && el.closest('.chart[data-chart]');
      if (!box || el.closest('svg')) continue;
      const tip = (Array.from(box.children) as Loose[]).find((c) => c.contains(el) && !c.querySelector('svg'));
      if (tip && tip.textContent) g.__tooltips.push(`${box.getAttribute('data-chart')}\u0000${tip.textContent}`);
    }
  }).observe(g.document.body, { subtree: true, childList: true, characterData: true });
};
const TOOLTIPS = (): string[] => (globalThis as Loose).__tooltips;

/** Centres (viewport coordinates) of the drawn shapes of chart `k`, and its box, after scrolling it into view. */
const SHAPES = (k: number): { box: number[]; centres: number[][] } => {
  const box = (globalThis as Loose).document.querySelectorAll('.chart[data-chart]')[k];
  box.scrollIntoView({ block: 'center' });
  const b = box.getBoundingClientRect();
  const centres = (Array.from(box.querySelectorAll('svg path, svg circle, svg rect, svg polygon, svg polyline, svg text')) as Loose[]).map((s) => s.getBoundingClientRect())
    .filter((r) => r.width + r.height > 0 && r.width < 0.9 * b.width && r.height < 0.9 * b.height)
    .map((r) => [r.left + r.width / 2, r.top + r.height / 2]);
  return { box: [b.left, b.top, b.width, b.height], centres };
};

/** Elements with an event-handler attribute or a javascript: link, script elements (their type), embedded content, window.__pwned. */
const DOM_AUDIT = (): { handlers: string[]; links: string[]; scripts: string[]; images: number; pwned: string | null } => {
  const g = globalThis as Loose;
  const all = Array.from(g.document.querySelectorAll('*')) as Loose[];
  const attrs = (el: Loose): Loose[] => Array.from(el.attributes);
  return {
    handlers: all.flatMap((el) => attrs(el).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
    links: all.flatMap((el) => attrs(el).filter((a) => /href$/i.test(a.name) && /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.value}`)),
    scripts: (Array.from(g.document.scripts) as Loose[]).map((s) => s.type || 'classic'),
    images: g.document.querySelectorAll('img, iframe, object, embed').length,
    pwned: g.__pwned === undefined ? null : String(g.__pwned),
  };
};

/** The SVG export of chart `id` parsed as XML: parse errors, script elements, handler attributes, text. */
const SVG_AUDIT = (id: string): { parseErrors: number; errorText: string; scripts: number; handlers: number; text: string } => {
  const g = globalThis as Loose;
  const doc = new g.DOMParser().parseFromString(g.clusterAtlasReport.exportSvg(id), 'image/svg+xml');
  const all = Array.from(doc.querySelectorAll('*')) as Loose[];
  return {
    parseErrors: doc.getElementsByTagName('parsererror').length,
    errorText: doc.getElementsByTagName('parsererror')[0]?.textContent ?? '',
    scripts: doc.getElementsByTagName('script').length,
    handlers: all.filter((el) => (Array.from(el.attributes) as Loose[]).some((a) => /^on/i.test(a.name))).length,
    text: doc.documentElement.textContent,
  };
};

const EXPORT_PNG = (id: string): string => (globalThis as Loose).clusterAtlasReport.exportPng(id);

describe.skipIf(!haveChromium)('report.html with payloads in every name, in headless Chromium', () => {
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-injection-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Move the mouse over every shape of every chart and across its area on a grid. */
  async function hoverEverything(page: Page): Promise<void> {
    const count = await page.locator('.chart[data-chart]').count();
    for (let k = 0; k < count; k++) {
      const { box, centres } = await page.evaluate(SHAPES, k);
      const [x0, y0, w, h] = box;
      const grid: number[][] = [];
      for (let i = 1; i < 12; i++) for (let j = 1; j < 5; j++) grid.push([x0 + (w * i) / 12, y0 + (h * j) / 5]);
      for (const [x, y] of [...centres, ...grid]) await page.mouse.move(x, y);
      await page.mouse.move(1, 1);
    }
  }

  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: hovering every chart runs no payload, fetches nothing, and shows the payloads as text`, async () => {
      const file = join(dir, `report-${lang}.html`);
      writeFileSync(file, html[lang]);
      const url = pathToFileURL(file).href;
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      const requests: string[] = [];
      const dialogs: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(READY, null, { timeout: 60_000 });
      await page.click('[data-expand="all"]'); // candidates start collapsed: open them to hover their charts
      await page.evaluate(WATCH_TOOLTIPS);

      const drawn = await page.evaluate(DRAWN);
      expect(drawn).toBe(4 + 2 * 7); // overview, portfolio, categories, category network; per candidate map, Lorenz, K-density, radar, path, chain, network

      await hoverEverything(page);
      const tooltips = await page.evaluate(TOOLTIPS);
      const audit = await page.evaluate(DOM_AUDIT);

      expect(audit.pwned).toBe(null);
      expect(dialogs).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);
      expect(problems).toEqual([]);
      expect(audit.handlers).toEqual([]);
      expect(audit.links).toEqual([]);
      expect(audit.images).toBe(0);
      expect(audit.scripts.sort()).toEqual(['application/json', 'application/json', 'classic', 'classic']);

      // the tooltips appeared, and show the payloads as text
      const seen = (chart: RegExp, tag: string): boolean => tooltips.some((t) => chart.test(t.split('\u0000')[0]) && t.includes(head(tag)));
      expect(tooltips.length).toBeGreaterThan(10);
      expect(seen(/^overview-map$/, 'CANDIDATE1'), 'overview tooltip').toBe(true);
      expect(seen(/^portfolio$/, 'CANDIDATE2'), 'portfolio tooltip').toBe(true);
      expect(seen(/^categories$/, 'CATNAMEA'), 'category portfolio tooltip').toBe(true);
      expect(seen(/^category-network$/, 'CATNAMEB'), 'category network tooltip').toBe(true);
      expect(seen(/-map$/, 'REGION1'), 'map region tooltip').toBe(true);
      expect(seen(/-map$/, 'FIRM1'), 'map firm tooltip').toBe(true);
      expect(seen(/-network$/, 'LEADER2'), 'network firm tooltip').toBe(true);
      expect(seen(/-network$/, 'INSTITUTION1'), 'network institution tooltip').toBe(true);
      expect(seen(/-chain$/, 'STAGE1'), 'chain stage tooltip').toBe(true);
      expect(tooltips.some((t) => t.includes(shown(evil('REGION1'))) || t.includes(shown(evil('REGION2')))), 'a whole payload, ESC as ␛').toBe(true);

      // the page's own text shows the payloads as text
      const body = await page.locator('body').textContent() ?? '';
      for (const tag of ['TITLE', 'CANDIDATE1', 'INDUSTRY2', 'SSREGION1', 'WARNING', 'FILE', 'COMPARISON2', 'TRANSITION1', 'NEXTRADIATION1', 'ELEMENT1', 'PROXY1', 'KIND1', 'TNAME1', 'CATREGIONNAME1', 'CATNAMEA', 'OWNCATNAME1', 'RELCATNAME2', 'STRONGIN1', 'CATNOTE']) expect(body, tag).toContain(shown(evil(tag)));

      // exported SVG: well-formed XML (no raw ESC), no script, the names as text
      // the region chooser redraws the category charts for another region (its name a payload too)
      await page.selectOption('#category-region', { index: 1 });
      await page.waitForFunction(() => ((globalThis as any).document.querySelector('#chart-categories svg')?.textContent ?? '').includes('CATREGION2'));
      expect(await page.evaluate(DOM_AUDIT)).toMatchObject({ pwned: null, handlers: [] });

      for (const id of ['C01-network', 'C01-chain', 'overview-map', 'categories', 'category-network']) {
        const svg = await page.evaluate(SVG_AUDIT, id);
        expect(svg.errorText, id).toBe('');
        expect(svg.scripts, id).toBe(0);
        expect(svg.handlers, id).toBe(0);
        // the overview map labels each candidate by its id only (a payload in C02's id), the others carry names
        expect(svg.text, id).toContain(id === 'overview-map' ? '"><svg onload' : '<img src=x');
      }
      const png = await page.evaluate(EXPORT_PNG, 'C01-map');
      expect(png.startsWith('data:image/png;base64,')).toBe(true);

      expect(await page.evaluate(DOM_AUDIT)).toMatchObject({ pwned: null, handlers: [] });
      expect(problems).toEqual([]);
      expect(requests.filter((u) => u !== url)).toEqual([]);
      await page.close();
    }, 180_000);
  }
});
