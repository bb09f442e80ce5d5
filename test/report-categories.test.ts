/**
 * The report's category portfolio (src/report/collect/categories.ts) on the demo scenario, whose
 * project declares the illustrative GB/T division categories:
 *
 * - employment per region × category and its growth are recomputed here from the raw CSV files
 *   (regional_stats.csv and categories.csv, summed by division prefix in plain arithmetic), and so
 *   is the traded LQ (e[r,c]/Σ_traded e[r,·]) / (e[·,c]/Σ_traded e[·,·]) — independent of our loaders;
 * - LQ and strong flags equal `cluster-atlas measure clusters --csv` on the same workspace (one
 *   number, one path: the CLI and the report call `categoryStrength`);
 * - a candidate's categories count its firms; related categories come only from its principal
 *   categories, both directions of the relatedness file;
 * - without a category file, without statistics, and with a bad category file (an error before
 *   any work, naming file and line).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze/pipeline.js';
import { main } from '../src/cli/main.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { collectReportData } from '../src/report/collect.js';
import { openWorkspace } from '../src/store/workspace.js';
import type { CategoryPortfolioData, ReportData } from '../src/report/types.js';
import { demoProject, handMadeCandidates, NOW } from './report-fixture.js';

const FAST = { simulations: 0, permutations: 0, seed: 3, now: NOW };

function rows(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => { const c = l.split(','); return Object.fromEntries(cols.map((k, i) => [k, c[i] ?? ''])); });
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => { out += s; return true; }) as never;
  process.stderr.write = ((s: string) => { err += s; return true; }) as never;
  try {
    const code = await main(['node', 'cluster-atlas', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = o; process.stderr.write = e;
  }
}

describe('category portfolio of the report', () => {
  let dir: string;
  let data: ReportData;
  let d: CategoryPortfolioData;

  beforeAll(async () => {
    dir = await demoProject();
    const categories = readCategoryFile(join(dir, 'categories.csv'), { relatedFile: join(dir, 'categories_related.csv') });
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      data = await collectReportData(ws, handMadeCandidates(dir), { ...FAST, categories, threads: 1 });
    } finally {
      ws.close();
    }
    expect(data.categories.available).toBe(true);
    if (data.categories.available) d = data.categories.data;
  }, 180_000);

  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('employment, growth and traded LQ equal a computation from the raw CSV files', () => {
    const catOf = new Map(rows(join(dir, 'categories.csv')).map((r) => [r.industry, r]));
    const stats = rows(join(dir, 'regional_stats.csv'));
    const years = stats.map((r) => Number(r.year));
    const lo = Math.min(...years), hi = Math.max(...years);
    expect([d.baseYear, d.year]).toEqual([lo, hi]);
    const emp = new Map<string, number>(); // `${year}|${region}|${category}`
    for (const r of stats) {
      const c = catOf.get(r.industry.slice(0, 2))!;
      const key = `${r.year}|${r.region}|${c.category}`;
      emp.set(key, (emp.get(key) ?? 0) + Number(r.employment));
    }
    const types = new Map([...catOf.values()].map((r) => [r.category, r.type]));
    // traded LQ from the final year's sums
    const regionTraded = new Map<string, number>();
    const catTotal = new Map<string, number>();
    let traded = 0;
    for (const [key, v] of emp) {
      const [y, region, cat] = key.split('|');
      if (Number(y) !== hi || types.get(cat) !== 'traded') continue;
      regionTraded.set(region, (regionTraded.get(region) ?? 0) + v);
      catTotal.set(cat, (catTotal.get(cat) ?? 0) + v);
      traded += v;
    }
    let checked = 0;
    for (const region of d.regions) {
      for (const [k, lq, e, growth] of region.cells) {
        const cat = d.categories[k];
        expect(e, `${region.code} ${cat.code}`).toBe(emp.get(`${hi}|${region.code}|${cat.code}`));
        const e0 = emp.get(`${lo}|${region.code}|${cat.code}`) ?? 0;
        // the report rounds to 6 significant digits
        if (e0 > 0) expect(Math.abs(growth! - (e / e0 - 1)), `${region.code} ${cat.code} growth`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(e / e0 - 1)));
        else expect(growth).toBe(null);
        if (cat.type === 'traded') {
          const ref = (e / regionTraded.get(region.code)!) / (catTotal.get(cat.code)! / traded);
          expect(lq! / ref, `${region.code} ${cat.code} LQ`).toBeCloseTo(1, 5);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
    // ranked by traded employment; the cap noted
    const tradedOf = d.regions.map((r) => r.traded);
    expect(tradedOf).toEqual([...tradedOf].sort((a, b) => b - a));
    expect(d.regions.length).toBe(Math.min(400, d.totalRegions));
  });

  it('LQ and strong flags are those of `measure clusters --csv` (one path)', async () => {
    const r = await cli(['measure', 'clusters', '--workspace', join(dir, '.cluster-atlas', 'workspace.duckdb'), '--categories', join(dir, 'categories.csv'), '--region-level', 'county', '--year', String(d.year), '--missing', 'zero', '--csv']);
    expect(r.code, r.err).toBe(0);
    const [, ...lines] = r.out.trim().split('\n');
    const byKey = new Map(lines.map((l) => l.split(',')).map((c) => [`${c[0]}|${c[1]}`, c]));
    let strong = 0;
    for (const region of d.regions) {
      for (const [k, lq, , , flag] of region.cells) {
        const c = byKey.get(`${region.code}|${d.categories[k].code}`)!;
        expect(c, `${region.code} ${d.categories[k].code}`).toBeDefined();
        if (lq === null) expect(c[6]).toBe('');
        else expect(Number(c[6]) / lq).toBeCloseTo(1, 5);
        expect(c[7]).toBe(flag === 2 ? 'strong10' : flag === 1 ? 'strong' : '');
        if (flag) strong++;
      }
      expect(region.strong).toBe(region.cells.filter((x) => x[4] !== null && x[4] >= 1).length);
    }
    expect(strong).toBeGreaterThan(0);
  });

  it('a candidate\'s categories count its firms; related ones come from its principal categories', () => {
    const cands = handMadeCandidates(dir);
    const related = new Map<string, Set<string>>();
    for (const r of rows(join(dir, 'categories_related.csv'))) {
      for (const [a, b] of [[r.category_a, r.category_b], [r.category_b, r.category_a]]) related.set(a, (related.get(a) ?? new Set()).add(b));
    }
    let withRelated = 0;
    for (const [k, c] of data.candidates.entries()) {
      if (cands[k].firmIds.length === 0) { expect(c.categories).toMatchObject({ available: false, reason: { en: "none of the candidate's firms is in the workspace" } }); continue; }
      expect(c.categories.available, `${c.id}: ${c.categories.available ? '' : c.categories.reason.en}`).toBe(true);
      if (!c.categories.available) continue;
      const x = c.categories.data;
      expect(x.own.reduce((a, o) => a + o.firms, 0) + x.uncategorised).toBe(cands[k].firmIds.length);
      const principal = x.own.filter((o) => o.principal).map((o) => o.code);
      expect(principal[0]).toBe(x.own[0].code);
      const expected = new Set(principal.flatMap((p) => [...(related.get(p) ?? [])]).filter((cat) => !x.own.some((o) => o.code === cat) && d.categories.some((dc) => dc.code === cat)));
      expect(new Set(x.related.map((r) => r.code))).toEqual(expected);
      for (const r of x.related) expect(principal).toContain(r.of);
      if (x.related.length) withRelated++;
    }
    expect(withRelated).toBeGreaterThan(3);
  });

  it('the report shows the section, the chooser and the strong clusters', async () => {
    const { renderReport } = await import('../src/report/render.js');
    const html = renderReport(data, 'zh');
    expect(html).toContain('<section id="categories"><h2>集群类别组合</h2>');
    expect(html).toContain('<select id="category-region"');
    expect(html).toMatch(/data-kind="categories"/);
    expect(html).toMatch(/data-kind="category-network"/);
    expect(html).toContain('data-table="strong-clusters"');
    expect(html).toContain('data-table="C01-categories"');
  });
});

describe('category portfolio: what it needs', () => {
  let dir: string;
  beforeAll(async () => { dir = await demoProject(); }, 120_000);
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('no category file: both charts say so', async () => {
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      const r = await collectReportData(ws, handMadeCandidates(dir).slice(0, 1), { ...FAST, threads: 1 });
      expect(r.categories).toMatchObject({ available: false });
      expect(r.candidates[0].categories).toMatchObject({ available: false });
      if (!r.categories.available) expect(r.categories.reason.en).toMatch(/no cluster categories/);
    } finally {
      ws.close();
    }
  }, 120_000);

  it('a category file whose codes miss the statistics: unavailable with the reason', async () => {
    writeFileSync(join(dir, 'cats-other.csv'), 'industry,category,type\n999999,X,traded\n');
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      const r = await collectReportData(ws, handMadeCandidates(dir).slice(0, 1), { ...FAST, threads: 1, categories: readCategoryFile(join(dir, 'cats-other.csv')) });
      expect(r.categories.available).toBe(false);
      if (!r.categories.available) expect(r.categories.reason.en).toMatch(/E_DEGENERATE.*no industry code of the regional statistics lies in a category/);
      expect(r.candidates[0].categories).toMatchObject({ available: false });
    } finally {
      ws.close();
    }
  }, 120_000);

  it('a category listed by a section letter owns its classes: the loaders\' ancestor rule, not string prefixes', async () => {
    writeFileSync(join(dir, 'cats-sections.csv'), 'industry,category,category_name,type\nC,MFG,Manufacturing,traded\nF,TRADE,Trade,local\n');
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      const cands = handMadeCandidates(dir).slice(0, 1); // C01: footwear and apparel (GB/T 18, 19: section C)
      const r = await collectReportData(ws, cands, { ...FAST, threads: 1, categories: readCategoryFile(join(dir, 'cats-sections.csv')) });
      expect(r.categories.available).toBe(true);
      const c = r.candidates[0].categories;
      expect(c.available).toBe(true);
      if (c.available) expect(c.data.own[0]).toMatchObject({ code: 'MFG', principal: true });
    } finally {
      ws.close();
    }
  }, 120_000);

  it('analyze: a bad category file is an error naming file and line, before any work', async () => {
    const project = join(dir, 'cluster-atlas.json');
    const p = JSON.parse(readFileSync(project, 'utf8'));
    writeFileSync(join(dir, 'cats-bad.csv'), 'industry,category,type\n13,FOOD,traded\n14,FOOD,tradd\n');
    writeFileSync(project, JSON.stringify({ ...p, categories: { file: 'cats-bad.csv' } }));
    const out = join(dir, 'out-bad');
    let stages = 0;
    await expect(analyze({ project, out, ...FAST, onStage: (s) => { if (s !== 'ingest') stages++; } }, { diagnose: async () => ({ candidates: [], warnings: [] }) }))
      .rejects.toThrow(/cats-bad\.csv:3: type "tradd"/);
    expect(stages).toBe(0);
  }, 120_000);
});

describe('the demo\'s categories', () => {
  it('put every GB/T 4754-2017 division in exactly one category, with a type, and relate only known categories', async () => {
    const { DEMO_CATEGORIES, DEMO_RELATEDNESS } = await import('../src/scenario/categories.js');
    const { GBT_DIVISIONS } = await import('../src/model/classifications/gbt4754-2017.js');
    const listed = DEMO_CATEGORIES.flatMap(([, , , , divisions]) => divisions);
    expect([...listed].sort()).toEqual(GBT_DIVISIONS.map((d) => d[0]).sort());
    const codes = new Set(DEMO_CATEGORIES.map((c) => c[0]));
    for (const [a, b2, r] of DEMO_RELATEDNESS) {
      expect(codes.has(a) && codes.has(b2) && a !== b2, `${a}–${b2}`).toBe(true);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(1);
    }
  });
});
