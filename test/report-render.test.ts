/**
 * renderReport without a browser: the page is self-contained (no external script, style, font or
 * image; a CSP forbids fetches), the data is embedded safely, every UI text exists in both
 * languages, unavailable charts say why, and the output is deterministic.
 */
import { describe, expect, it } from 'vitest';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import { CHARACTERISTIC_NAMES, CONCEPTS, INSTITUTION_TYPES, LABELS, LISA_NAMES, PARAM_NAMES, PARAM_VALUES, RADIATION, STAGES, TYPOLOGY_DIMENSIONS, TYPOLOGY_VALUES, UI } from '../src/report/i18n.js';
import { renderReport } from '../src/report/render.js';
import { REPORT_DATA_VERSION, type ReportData } from '../src/report/types.js';

function handMade(): ReportData {
  const d = diagnoseIndicators('Test </script><b>', { firms: 40, lq: 3, cr4: 0.2, hhi: 0.05 });
  const na = (en: string, zh: string) => ({ available: false as const, reason: { en, zh } });
  return {
    version: REPORT_DATA_VERSION,
    title: { zh: '测试 <省>', en: 'Test <province>' },
    generatedAt: '2026-06-01T00:00:00.000Z',
    generator: { name: 'cluster-atlas', version: '0.1.0' },
    seed: 1,
    parameters: { simulations: 9, permutations: 49, alpha: 0.05, weights: 'queen', kdRmaxKm: 200, chainRadiusKm: 200 },
    inputs: [{ kind: 'firms', file: 'firms.csv', sha256: 'a'.repeat(64) }],
    regions: null,
    parks: null,
    overview: { candidates: [], bbox: null },
    portfolio: na('no candidate has both a location quotient and an employment growth rate', '没有同时具有区位商和就业增长率的候选'),
    categories: na('the project declares no cluster categories', '项目未声明集群类别'),
    candidates: [{
      id: 'C01', name: { zh: '测试集群 </script>', en: 'Test cluster </script>' },
      industries: [{ code: '1952', name: { zh: '制鞋', en: 'Footwear' } }],
      place: { kind: 'region', regions: ['330302'], park: null, center: [120.6, 28], radiusKm: 20 },
      firms: 40, employment: 1200,
      verdict: { label: d.concepts.label, stage: d.stage.stage, radiation: d.radiation.level, sentence: d.sentence, concepts: { concentration: true, agglomeration: false, chain: false, park: false, cluster: false } },
      evidence: d.evidence, role: { pillar: false, growth: null, employmentShare: null, sentence: { zh: '无', en: 'none' }, rows: [] },
      radar: { scores: d.stage.scores }, typology: d.typology,
      map: na('the workspace has no region polygons', '工作区没有地区边界'),
      lorenz: na('fewer than 2 firms with employees (1)', '有从业人员数据的企业少于 2 家（1 家）'),
      kDensity: na('fewer than 2 located firms in the candidate (1)', '候选内有坐标的企业少于 2 家（1 家）'),
      network: na('no links among the candidate\'s firms and institutions', '候选内企业与机构之间没有联系'),
      chain: na('no value-chain templates (chainTemplates) in the project', '项目中没有产业链模板（chainTemplates）'),
      shiftShare: na('the workspace has no regional statistics (regional_stats) with employment', '工作区没有含就业人数的地区统计（regional_stats）'),
      path: na('the development path was not computed for this candidate', '未计算该候选的发展路径'),
      categories: na('the project declares no cluster categories', '项目未声明集群类别'),
    }],
    warnings: ['a warning <with markup>'],
  };
}

describe('renderReport', () => {
  const data = handMade();
  const en = renderReport(data, 'en');
  const zh = renderReport(data, 'zh');

  it('is one self-contained file', () => {
    for (const html of [en, zh]) {
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href=/i);
      expect(html).not.toMatch(/@font-face|url\(\s*['"]?https?:/i);
      expect(html).not.toMatch(/<img[^>]+src=["']https?:/i);
      expect(html).toContain("default-src 'none'");
      expect(html).toContain('echarts'); // the bundle is inlined
      expect(html.length).toBeGreaterThan(1_000_000);
    }
  });

  it('embeds the data safely and escapes text', () => {
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(en)![1];
    expect(json).not.toContain('</script');
    expect(JSON.parse(json).candidates[0].name.en).toBe('Test cluster </script>');
    expect(en).toContain('Test &lt;province&gt;');
    expect(en).toContain('a warning &lt;with markup&gt;');
  });

  it('says why each chart is not available, in the page language', () => {
    expect(en.match(/data-chart-unavailable=/g)!.length).toBe(10); // overview, portfolio, categories, map, lorenz, K-density, chain, network, shift-share, path
    expect(en).toContain('Not available: the workspace has no region polygons');
    expect(zh).toContain('无法绘制: 工作区没有地区边界');
    expect(en).toContain('data-chart="C01-radar"'); // the radar needs no inputs beyond the diagnosis
  });

  it('has every UI text in both languages, and renders each language', () => {
    for (const [key, t] of Object.entries({ ...UI, ...LABELS, ...STAGES, ...RADIATION, ...CONCEPTS, ...CHARACTERISTIC_NAMES, ...TYPOLOGY_DIMENSIONS, ...TYPOLOGY_VALUES, ...LISA_NAMES, ...INSTITUTION_TYPES, ...PARAM_NAMES, ...PARAM_VALUES }) as [string, { en: string; zh: string }][]) {
      expect(t.en.trim().length, key).toBeGreaterThan(0);
      expect(t.zh.trim().length, key).toBeGreaterThan(0);
    }
    expect(zh).toContain('<html lang="zh-CN" data-lang="zh">');
    expect(zh).toContain('证据');
    expect(en).toContain('<html lang="en" data-lang="en">');
    expect(en).toContain('Evidence');
  });

  it('is deterministic and checks its language', () => {
    expect(renderReport(data, 'en')).toBe(en);
    expect(() => renderReport(data, 'fr' as never)).toThrow(RangeError);
  });
});
