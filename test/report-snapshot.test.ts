/**
 * Snapshots of the report: `renderReport` of a small hand-made ReportData (every chart available,
 * two candidates, data strings with markup) in both languages, and the option object of every
 * chart from the pure builders of src/report/client/. Stored under test/fixtures/report/
 * (`*.html`, `options/*.json`): the inlined ECharts and chart-script bundles are replaced by
 * placeholders, functions in options by "[function]", numbers rounded to 4 significant digits.
 *
 * Regenerated only on purpose: `REGEN=1 npx vitest run test/report-snapshot.test.ts` rewrites
 * them; otherwise a missing or different snapshot fails (also in CI).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import { clientScript } from '../src/report/client-script.js';
import { buildChart, CANDIDATE_BUILDERS, REPORT_BUILDERS } from '../src/report/client/builders.js';
import type { BuildContext } from '../src/report/client/context.js';
import { clientLabels } from '../src/report/i18n.js';
import { echartsBundle, renderReport } from '../src/report/render.js';
import { REPORT_DATA_VERSION, type AreaFeature, type CandidateReport, type ReportData, type ReportLang } from '../src/report/types.js';

const DIR = join(import.meta.dirname, 'fixtures', 'report');
const REGEN = process.env.REGEN === '1';

/** Compare `text` with the stored snapshot `name` (REGEN=1 writes it). */
function snapshot(name: string, text: string): void {
  const file = join(DIR, name);
  if (REGEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `${name} is missing: REGEN=1 npx vitest run test/report-snapshot.test.ts`).toBe(true);
  expect(text, `${name} differs: inspect, then REGEN=1 to accept`).toBe(readFileSync(file, 'utf8'));
}

/** JSON of an option: functions named, numbers at 4 significant digits. */
function stable(x: unknown): string {
  return `${JSON.stringify(x, (_, v: unknown) => (typeof v === 'function' ? '[function]' : typeof v === 'number' && Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(4)) : v), 2)}\n`;
}

const square = (code: string, name: string, x: number, y: number): AreaFeature => ({
  type: 'Feature', properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.5, y], [x + 0.5, y + 0.5], [x, y + 0.5], [x, y]]] },
});

function candidate(id: string, name: string, lqs: number[]): CandidateReport {
  const d = diagnoseIndicators(name, { firms: 40, employment: 1200, lq: lqs[0], cr4: 0.2, hhi: 0.05, egGamma: 0.03, kdLocalised: true, chainLinksPerFirm: 1.5, chainStagesLinked: 3 });
  const params = { seed: 1 };
  const source = { en: 'hand-made', zh: '手工' };
  return {
    id, name: { zh: `${name}集群 <b>`, en: `${name} cluster <b>` },
    industries: [{ code: '1952', name: { zh: '制鞋', en: 'Footwear' } }],
    place: { kind: 'region', regions: ['330001', '330002'], park: 'P1', center: [120.25, 30.25], radiusKm: 20 },
    firms: 40, employment: 1200,
    verdict: { label: d.concepts.label, stage: d.stage.stage, radiation: d.radiation.level, sentence: d.sentence, concepts: { concentration: d.concepts.concentration.holds, agglomeration: d.concepts.agglomeration.holds, chain: d.concepts.chain.holds, park: d.concepts.park.holds, cluster: d.concepts.cluster.holds } },
    evidence: d.evidence, role: { pillar: true, growth: 0.1, employmentShare: 0.2, sentence: { zh: '支柱产业', en: 'a pillar' }, rows: [] },
    radar: { scores: d.stage.scores }, typology: d.typology,
    map: {
      available: true, params, source, notes: [{ en: 'a note <i>', zh: '注 <i>' }],
      data: {
        bbox: [120, 30, 121, 31],
        regions: [
          { code: '330001', name: 'North <script>', lq: lqs[0], lisa: 'HH', pValue: 0.01, inCandidate: true },
          { code: '330002', name: 'East', lq: lqs[1], lisa: 'ns', pValue: 0.4, inCandidate: true },
          { code: '330003', name: null, lq: null, lisa: null, pValue: null, inCandidate: false },
        ],
        firms: [{ id: 'F1', lon: 120.1, lat: 30.1, employees: 500, leader: true }, { id: 'F2 <x>', lon: 120.3, lat: 30.2, employees: 20, leader: false }, { id: 'F3', lon: 120.6, lat: 30.3, employees: null, leader: false }],
        parks: [{ id: 'P1', name: 'Park', ring: [[120.1, 30.1], [120.2, 30.1], [120.2, 30.2], [120.1, 30.1]] }],
        hull: [[120.1, 30.1], [120.3, 30.2], [120.6, 30.3], [120.1, 30.1]], moranI: 0.31,
      },
    },
    lorenz: { available: true, params, source, notes: [], data: { population: [0, 0.5, 1], share: [0, 0.1, 1], gini: 0.55, firms: 3, size: 'employees' } },
    kDensity: {
      available: true, params: { simulations: 19, alpha: 0.05, seed: 1 }, source, notes: [],
      data: { r: [0, 1, 2, 3], value: [0.3, 0.2, 0.1, 0.05], globalLower: [0, 0.05, 0.05, 0.05], globalUpper: [0.1, 0.15, 0.15, 0.1], lower: [0, 0.06, 0.06, 0.06], upper: [0.09, 0.14, 0.14, 0.09], bandwidth: 0.4, departures: [{ from: 0, to: 1.5, kind: 'localisation' }], localised: true },
    },
    network: {
      available: true, params, source, notes: [],
      data: {
        nodes: [
          { id: 'F1', name: 'Leader & Co <img src=x>', kind: 'firm', institutionType: null, community: 0, leader: true, strength: 3, x: 0, y: 0 },
          { id: 'F2', name: null, kind: 'firm', institutionType: null, community: 0, leader: false, strength: 1, x: 5, y: 1 },
          { id: 'F3', name: 'Third', kind: 'firm', institutionType: null, community: -1, leader: false, strength: 0, x: 9, y: 4 },
          { id: 'I1', name: 'Chamber', kind: 'institution', institutionType: 'chamber', community: 0, leader: false, strength: 2, x: -3, y: 2 },
        ],
        links: [{ source: 'F1', target: 'F2', type: 'supply', value: 10 }, { source: 'I1', target: 'F1', type: 'membership', value: null }],
        communities: 1, modularity: 0.12, leaders: ['F1'], totalNodes: 4,
      },
    },
    chain: {
      available: true, params, source, notes: [],
      data: {
        template: 'shoes', templateName: 'Shoes <chain>', completeness: 0.5, missing: ['sole'], weak: ['upper'], radiusKm: 200,
        stages: [
          { id: 'leather', name: 'Leather', order: 1, role: 'vertical', firmsInside: 5, status: 'present' },
          { id: 'sole', name: null, order: 2, role: 'vertical', firmsInside: 0, status: 'missing' },
          { id: 'upper', name: 'Upper', order: 2, role: 'vertical', firmsInside: 1, status: 'weak' },
          { id: 'design', name: 'Design', order: 0, role: 'support', firmsInside: 2, status: 'present' },
        ],
        flows: [{ from: 'leather', to: 'upper', localShare: 0.75, links: 4 }],
      },
    },
    shiftShare: {
      available: true, params: { baseYear: 2020, finalYear: 2023 }, source, notes: [],
      data: {
        baseYear: 2020, finalYear: 2023, variable: 'employment', industries: ['1952'], nationalGrowth: 0.05,
        rows: [{ region: '330001', name: 'North <script>', base: 1000, final: 1200, change: 200, nationalShare: 50, industryMix: 30, regionalShift: 120, competitiveEffect: 100, allocationEffect: 20 }],
        total: { region: 'total', name: null, base: 1000, final: 1200, change: 200, nationalShare: 50, industryMix: 30, regionalShift: 120, competitiveEffect: 100, allocationEffect: 20 },
      },
    },
    path: {
      available: true, params: { years: '2010, 2015, 2020' }, source, notes: [],
      data: {
        years: [2010, 2015, 2020],
        snapshots: [
          { year: 2010, firms: 12, stage: 'concentration', radiation: null, scores: { geographic: 0.5, embeddedness: 0.2, flexible: 0.1, cooperative: 0.1, innovation: null, selfOrganisation: 0.1 }, label: 'concentration_only', lq: 1.4, datedFirmShare: 1, datedTieShare: null, closedUndated: 0 },
          { year: 2015, firms: 30, stage: 'agglomeration', radiation: 'receiving', scores: { geographic: 0.7, embeddedness: 0.4, flexible: 0.3, cooperative: 0.3, innovation: 0.2, selfOrganisation: 0.2 }, label: 'agglomeration_without_cluster', lq: 2.1, datedFirmShare: 1, datedTieShare: 0.9, closedUndated: 0 },
          { year: 2020, firms: 40, stage: 'cluster', radiation: 'inward', scores: { geographic: 0.8, embeddedness: 0.6, flexible: 0.5, cooperative: 0.6, innovation: 0.5, selfOrganisation: 0.5 }, label: 'cluster', lq: 3.2, datedFirmShare: 1, datedTieShare: 1, closedUndated: 0 },
        ],
        transitions: [{ kind: 'stage', from: 'concentration', to: 'agglomeration', after: 2010, by: 2015, sentence: { en: 'concentration → agglomeration between 2010 and 2015', zh: '集中 → 集聚（2010—2015 年间）' } }],
        caveats: { en: 'Firms that closed without a recorded date are missing from the past <b>', zh: '已关闭且无关闭日期的企业不在历史快照中 <b>' },
        nextStep: {
          stage: { from: 'cluster', to: null, conditions: [], sentence: { en: 'Already a cluster.', zh: '已是集群。' } },
          radiation: {
            from: 'inward', to: 'outward', sentence: { en: 'To radiate outward it lacks: 1. OEM outflow <i>', zh: '要向外辐射，尚缺：1. 外包 <i>' },
            conditions: [{ element: { en: 'outflow <i>', zh: '外包 <i>' }, proxy: 'outflowShare', value: 0.1, comparison: '>=', threshold: 0.5, status: 'unmet', gap: 0.4, missingKinds: ['bank'] }],
          },
        },
      },
    },
    categories: {
      available: true, params: { categories: 1, related: 1 }, source, notes: [],
      data: { own: [{ code: 'TEXT', name: '纺织服装 <b>', type: 'traded', firms: 38, principal: true }], uncategorised: 2, related: [{ code: 'CHEM', name: 'Chemicals', type: 'traded', relatedness: 0.4, of: 'TEXT', employment: 900, strongIn: ['330002'] }] },
    },
  };
}

function smallReport(): ReportData {
  const c1 = candidate('C01', '鞋业', [3.2, 1.1]);
  const c2 = { ...candidate('C02', '眼镜', [0.8, 1.6]), map: { available: false as const, reason: { en: 'no polygons <here>', zh: '没有边界 <此处>' } } };
  return {
    version: REPORT_DATA_VERSION,
    title: { zh: '小样例 <省>', en: 'Small sample <province>' },
    generatedAt: '2026-06-01T00:00:00.000Z',
    generator: { name: 'cluster-atlas', version: '0.0.0-snapshot' },
    seed: 1,
    parameters: { simulations: 19, permutations: 99, alpha: 0.05, weights: 'queen', kdRmaxKm: 200, chainRadiusKm: 200 },
    inputs: [{ kind: 'firms', file: 'firms.csv', sha256: '0'.repeat(64) }],
    regions: { type: 'FeatureCollection', features: [square('330001', 'North <script>', 120, 30), square('330002', 'East', 120.5, 30), square('330003', 'South', 120, 30.5)] },
    parks: { type: 'FeatureCollection', features: [square('P1', 'Park', 120.1, 30.1)] },
    overview: {
      candidates: [c1, c2].map((c) => ({ id: c.id, name: c.name, label: c.verdict.label, stage: c.verdict.stage, center: c.place.center, radiusKm: c.place.radiusKm, hull: null, firms: c.firms, employment: c.employment })),
      bbox: [120, 30, 121, 31],
    },
    portfolio: {
      available: true, params: { growth: '2020–2023', bubble: 'employment' }, source: { en: 'candidates', zh: '候选' }, notes: [],
      data: { points: [{ id: 'C01', name: c1.name, label: c1.verdict.label, lq: 3.2, growth: 0.2, employment: 1200 }, { id: 'C02', name: c2.name, label: c2.verdict.label, lq: 0.8, growth: -0.05, employment: 300 }], referenceGrowth: 0.05, excluded: [] },
    },
    categories: {
      available: true, params: { categories: 3, year: 2023, base: 2020, level: 'county' }, source: { en: 'regional statistics', zh: '地区统计' }, notes: [],
      data: {
        source: 'categories.csv', year: 2023, baseYear: 2020, regionLevel: 'county',
        categories: [
          { code: 'TEXT', name: 'Textiles <b>', type: 'traded', related: [{ code: 'CHEM', relatedness: 0.4 }] },
          { code: 'CHEM', name: 'Chemicals', type: 'traded', related: [{ code: 'TEXT', relatedness: 0.4 }] },
          { code: 'RETAIL', name: 'Retail', type: 'local', related: [] },
        ],
        regions: [
          { code: '330001', name: 'North <script>', traded: 1500, strong: 1, strong10: 1, cells: [[0, 3.1, 1200, 0.2, 2], [1, 0.4, 300, -0.1, 0], [2, 1, 800, 0.05, null]] },
          { code: '330002', name: 'East', traded: 1100, strong: 1, strong10: 0, cells: [[0, 0.5, 200, null, 0], [1, 2.2, 900, 0.3, 1], [2, 1, 700, 0.02, null]] },
        ],
        totalRegions: 2,
        coverage: { dataEmployment: 4100, unmappedEmployment: 0, unmapped: [] },
      },
    },
    candidates: [c1, c2],
    warnings: ['a warning <with markup>'],
  };
}

const data = smallReport();
const context = (lang: ReportLang): BuildContext => ({ data, labels: clientLabels(lang), lang, font: 'sans-serif' });

describe('report snapshots', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`renderReport (${lang})`, () => {
      const html = renderReport(data, lang);
      expect(html).toContain(clientScript());
      // the CSP names each inline script by its SHA-256: the hashes follow the bundles, so they are
      // placeholders too (test/report-injection.test.ts recomputes them from the page)
      const stableHtml = html.replace(echartsBundle(), '/* echarts.min.js (inlined) */').replace(clientScript(), '/* the chart script: src/report/client/ bundled (inlined) */')
        .replace(/'sha256-[A-Za-z0-9+/=]+'/g, "'sha256-…'");
      snapshot(`report-${lang}.html`, stableHtml);
    });
  }

  it('the option of every chart, from the pure builders', () => {
    const ctx = context('en');
    for (const kind of Object.keys(REPORT_BUILDERS)) snapshot(`options/${kind}.json`, stable(buildChart(ctx, kind, null, 800)));
    for (const kind of Object.keys(CANDIDATE_BUILDERS)) snapshot(`options/${kind}-C01.json`, stable(buildChart(ctx, kind, 0, 800)));
    snapshot('options/radar-C01-zh.json', stable(buildChart(context('zh'), 'radar', 0, 800)));
  });

  it('tooltips escape every data string', () => {
    const ctx = context('en');
    type Series = { tooltip: { formatter: (p: unknown) => string } };
    const net = buildChart(ctx, 'network', 0, 800).option.series as { data: Series[] }[];
    expect(net[0].data[0].tooltip.formatter({})).toBe('Leader &amp; Co &lt;img src=x&gt; (F1)<br>Leader firms<br>links (in + out): 3');
    const map = buildChart(ctx, 'map', 0, 800).option.series as Series[];
    expect(map[0].tooltip.formatter({ name: '330001', value: 3.2 })).toBe('North &lt;script&gt; (330001)<br>Location quotient: 3.2');
    expect(map[2].tooltip.formatter({ data: { id: 'F2 <x>', value: [0, 0, 20] } })).toBe('F2 &lt;x&gt;<br>Employment: 20');
    const cats = buildChart(ctx, 'categories', null, 800).option.series as { data: unknown[]; tooltip: Series['tooltip'] }[];
    expect(cats[0].tooltip.formatter({ data: (cats[0].data as unknown[])[0] })).toBe('TEXT Textiles &lt;b&gt;<br>Location quotient: 3.1<br>Employment growth (%): 20<br>Employment: 1,200<br>strong cluster (top 10%)');
    // another region: the chart follows ctx.categoryRegion
    const east = buildChart({ ...ctx, categoryRegion: '330002' }, 'categories', null, 800).option as { title: { text: string } };
    expect(east.title.text).toBe('Cluster categories · 330002 East');
    // 330002's TEXT has no base-year employment: left out of the chart and counted, never drawn at 0 %
    const eastOption = east as unknown as { title: { subtext: string }; series: { data: { code: string }[] }[]; yAxis: { name: string } };
    expect(eastOption.title.subtext).toBe('2020–2023 · not drawn, no base-year employment: 1');
    expect(eastOption.series.flatMap((x) => x.data.map((p) => p.code))).toEqual(['CHEM', 'RETAIL']);
    // one year of statistics: employment on y instead of growth, every category drawn
    const cat = data.categories as Extract<typeof data.categories, { available: true }>;
    const oneYear = { ...data, categories: { ...cat, data: { ...cat.data, baseYear: null, regions: cat.data.regions.map((r) => ({ ...r, cells: r.cells.map((c) => [c[0], c[1], c[2], null, c[4]] as typeof c) })) } } };
    const y1 = buildChart({ ...ctx, data: oneYear, categoryRegion: '330002' }, 'categories', null, 800).option as unknown as typeof eastOption;
    expect(y1.yAxis.name).toBe('Employment');
    expect(y1.series.flatMap((x) => x.data.map((p) => p.code)).sort()).toEqual(['CHEM', 'RETAIL', 'TEXT']);
    const overview = buildChart(ctx, 'overview', null, 800).option.series as Series[];
    expect(overview[1].tooltip.formatter({ data: { id: 'C01', cname: 'Shoe <b>', value: [0, 0, 1200] } })).toMatch(/^C01 Shoe &lt;b&gt;<br>/);
  });

  it('a builder refuses a chart that is not available, and an unknown kind', () => {
    expect(() => buildChart(context('en'), 'map', 1, 800)).toThrow(/not available/);
    expect(() => buildChart(context('en'), 'pie', 0, 800)).toThrow(/unknown chart kind/);
    expect(() => buildChart(context('en'), 'lorenz', null, 800)).toThrow(/needs a candidate/);
  });
});
