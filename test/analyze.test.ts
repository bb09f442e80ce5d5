/**
 * The analyze pipeline on the demo scenario with hand-made candidates standing in for the
 * diagnosis (test/report-fixture.ts): the outputs and their formats, results.json against its
 * published JSON Schema, reuse of unchanged results (content hashes), re-ingest when an input
 * changes, determinism with a seed, option errors, and the CLI command with its summary.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { analyze, type AnalyzeStage, type DiagnoseFn } from '../src/analyze/pipeline.js';
import { resultsJsonSchema, ResultsSchema } from '../src/analyze/results-schema.js';
import { registerAnalyze } from '../src/cli/commands/analyze.js';
import type { CliContext } from '../src/cli/output.js';
import { demoProject, handMadeCandidates, NOW } from './report-fixture.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', 'docs', 'schema', 'results.schema.json');
const FAST = { simulations: 9, permutations: 49, seed: 3, now: NOW };

describe('analyze pipeline', () => {
  let dir: string;
  let project: string;
  let diagnose: DiagnoseFn;
  let calls = 0;

  beforeAll(async () => {
    dir = await demoProject();
    project = join(dir, 'cluster-atlas.json');
    const candidates = handMadeCandidates(dir);
    diagnose = async () => { calls++; return { candidates, warnings: ['hand-made candidates'] }; };
  }, 120_000);

  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('writes the report, results.json, GeoJSON layers and CSV tables', async () => {
    const out = join(dir, 'out');
    const stages: AnalyzeStage[] = [];
    const s = await analyze({ project, out, lang: 'zh', ...FAST, onStage: (st) => { if (stages[stages.length - 1] !== st) stages.push(st); } }, { diagnose });
    expect(stages).toEqual(['ingest', 'diagnose', 'measures', 'write']);
    expect(s.reused).toEqual({ workspace: true, analysis: false });
    expect(s.candidates.map((c) => c.id)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10', 'C11']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN" data-lang="zh">');
    for (const f of ['candidates', 'candidate-hulls', 'parks', 'regions-C01', 'regions-C11']) {
      const g = JSON.parse(readFileSync(join(out, 'layers', `${f}.geojson`), 'utf8'));
      expect(g.type).toBe('FeatureCollection');
      expect(g.features.length, f).toBeGreaterThan(0);
    }
    const regions = JSON.parse(readFileSync(join(out, 'layers', 'regions-C01.geojson'), 'utf8'));
    const wenzhou = regions.features.find((f: { properties: { code: string } }) => f.properties.code === '330302').properties;
    expect(wenzhou.lq).toBeGreaterThan(2); // the footwear cluster's home district
    expect(wenzhou.lisa).toBe('HH');
    expect(wenzhou.in_candidate).toBe(true);
    const labels = JSON.parse(readFileSync(join(out, 'layers', 'candidates.geojson'), 'utf8'));
    expect(labels.features[0].properties).toMatchObject({ id: 'C01', label: 'cluster', label_zh: '产业集群', label_en: 'Industrial cluster' });
    // the demo declares cluster categories: the category portfolio in results.json and as a table
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.categories.available).toBe(true);
    expect(results.categories.data.strong.length).toBeGreaterThan(0);
    for (const x of results.categories.data.strong) expect(x.lq).toBeGreaterThanOrEqual(1);
    expect(results.candidates[0].measures.categories.available).toBe(true);
    const cats = readFileSync(join(out, 'tables', 'categories.csv'), 'utf8').split('\n').filter(Boolean);
    expect(cats[0]).toBe('\uFEFFregion,region_name,category,category_name,type,year,employment,growth,lq,strong');
    expect(cats.slice(1).filter((l) => /,strong(10)?$/.test(l)).length).toBe(results.categories.data.strong.length);
    expect(results.files.csv).toContain('tables/categories.csv');
    const evidence = readFileSync(join(out, 'tables', 'evidence-C01.csv'), 'utf8');
    expect(evidence.startsWith('\uFEFFcandidate,section,rule,indicator,value,comparison,threshold,threshold_name,pass\n')).toBe(true);
    expect(evidence.split('\n').length).toBeGreaterThan(20);
    expect(readFileSync(join(out, 'tables', 'candidates.csv'), 'utf8').split('\n').filter(Boolean).length).toBe(12);
  }, 120_000);

  it('results.json validates against docs/schema/results.schema.json', () => {
    const published = readFileSync(SCHEMA_FILE, 'utf8');
    if (process.env.REGEN) writeFileSync(SCHEMA_FILE, resultsJsonSchema());
    else expect(published, 'docs/schema/results.schema.json is stale: run npm run schema').toBe(resultsJsonSchema());
    const results = JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'));
    const validator = z.fromJSONSchema(JSON.parse(published));
    const check = validator.safeParse(results);
    expect(check.success, check.success ? '' : JSON.stringify(check.error.issues.slice(0, 3))).toBe(true);
    expect(ResultsSchema.safeParse(results).success).toBe(true);
    expect(results.format).toBe('cluster-atlas-results');
    expect(results.version).toBe(1);
    expect(results.files.geojson).toContain('layers/regions-C01.geojson');
    // a broken document is refused by the published schema
    expect(validator.safeParse({ ...results, version: 2 }).success).toBe(false);
    expect(validator.safeParse({ ...results, candidates: [{ ...results.candidates[0], verdict: { ...results.candidates[0].verdict, label: 'cluster?' } }] }).success).toBe(false);
    const c01 = results.candidates[0];
    expect(c01.measures.kDensity.available).toBe(true);
    expect(c01.measures.kDensity.data.localised).toBe(true);
    expect(c01.measures.chain.data.template).toBe('apparel-footwear');
  });

  it('reuses unchanged results; a new language only re-renders', async () => {
    const out = join(dir, 'out');
    const before = readFileSync(join(out, 'results.json'), 'utf8');
    const n = calls;
    const s = await analyze({ project, out, lang: 'en', ...FAST }, { diagnose });
    expect(s.reused).toEqual({ workspace: true, analysis: true });
    expect(calls).toBe(n);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<html lang="en" data-lang="en">');
  }, 60_000);

  it('is deterministic: a forced recomputation gives the same results', async () => {
    const out = join(dir, 'out');
    const before = readFileSync(join(out, 'results.json'), 'utf8');
    const s = await analyze({ project, out, lang: 'en', ...FAST, force: true }, { diagnose });
    expect(s.reused.analysis).toBe(false);
    expect(s.ingestReason).toBe('forced');
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(before);
  }, 120_000);

  it('recomputes for new parameters and re-ingests when an input changes', async () => {
    const out = join(dir, 'out');
    const key0 = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).key;
    const s1 = await analyze({ project, out, ...FAST, seed: 4 }, { diagnose });
    expect(s1.reused).toEqual({ workspace: true, analysis: false });
    expect(s1.key).not.toBe(key0);
    appendFileSync(join(dir, 'institutions.csv'), 'I9999,新建行业协会,association,1952,120.65,27.99,330302,\n');
    const s2 = await analyze({ project, out, ...FAST, seed: 4 }, { diagnose });
    expect(s2.ingestReason).toBe('inputs changed');
    expect(s2.reused).toEqual({ workspace: false, analysis: false });
    expect(s2.ingest?.inputs.find((i) => i.kind === 'institutions')?.loaded).toBeGreaterThan(0);
    const s3 = await analyze({ project, out, ...FAST, seed: 4 }, { diagnose });
    expect(s3.reused).toEqual({ workspace: true, analysis: true });
  }, 180_000);

  it('builds the workspace when it is missing', async () => {
    rmSync(join(dir, '.cluster-atlas'), { recursive: true, force: true });
    const s = await analyze({ project, out: join(dir, 'out2'), ...FAST }, { diagnose });
    expect(s.ingestReason).toBe('missing');
    expect(existsSync(join(dir, '.cluster-atlas', 'workspace.duckdb'))).toBe(true);
  }, 120_000);

  it('refuses bad options and a diagnosis with duplicate ids, with codes', async () => {
    await expect(analyze({ project, out: join(dir, 'bad'), seed: 1.5 }, { diagnose })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'seed' } });
    await expect(analyze({ project, out: join(dir, 'bad'), weights: 'rook-ish' }, { diagnose })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'weights' } });
    await expect(analyze({ project, out: join(dir, 'bad'), lang: 'fr' as never }, { diagnose })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'lang' } });
    await expect(analyze({ project: join(dir, 'nope.json'), out: join(dir, 'bad') }, { diagnose })).rejects.toMatchObject({ code: 'E_FILE' });
    const twice: DiagnoseFn = async () => { const c = handMadeCandidates(dir).slice(0, 1); return { candidates: [c[0], c[0]], warnings: [] }; };
    await expect(analyze({ project, out: join(dir, 'bad'), ...FAST }, { diagnose: twice })).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'id', value: 'C01' } });
  }, 60_000);

  it('the CLI command runs the pipeline and prints a summary', async () => {
    const lines: string[] = [];
    const errs: string[] = [];
    const ctx: CliContext = { lang: 'en', format: 'table', quiet: false, out: (s) => lines.push(s), err: (s) => errs.push(s), progress: false };
    const program = new Command('cluster-atlas').exitOverride();
    registerAnalyze(program, () => ctx, async () => diagnose);
    const out = join(dir, 'cli-out');
    await program.parseAsync(['node', 'cluster-atlas', 'analyze', '--project', project, '--out', out, '--lang', 'zh', '--seed', '3', '--simulations', '9', '--permutations', '49', '--threshold', 'lqAgglomerated=1.5'], { from: 'node' });
    const text = lines.join('\n');
    expect(text).toContain('Report: ');
    expect(text).toContain('report.html');
    expect(text).toMatch(/C01\s+温州鞋服产业集群|C01\s+Wenzhou footwear/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-lang="zh"');
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.parameters.thresholds).toEqual({ lqAgglomerated: 1.5 });

    const bad = new Command('cluster-atlas').exitOverride();
    registerAnalyze(bad, () => ctx, async () => diagnose);
    await expect(bad.parseAsync(['node', 'cluster-atlas', 'analyze', '--project', project, '--out', out, '--simulations', '-3'], { from: 'node' }))
      .rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'simulations' } });
    await expect(bad.parseAsync(['node', 'cluster-atlas', 'analyze', '--project', project, '--out', out, '--threshold', 'lq'], { from: 'node' }))
      .rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'threshold' } });
    const unwired = new Command('cluster-atlas').exitOverride();
    registerAnalyze(unwired, () => ctx);
    await expect(unwired.parseAsync(['node', 'cluster-atlas', 'analyze', '--out', out], { from: 'node' })).rejects.toMatchObject({ code: 'E_INTERNAL', details: { field: 'diagnosis' } });
  }, 120_000);
});
