import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, demoWorkspace, requireBuild, runCli } from './helpers.js';
import { parseCsvRecords } from '../src/core/csv.js';
import { DiagnosisOutputSchema } from '../src/diagnose/schema.js';

// `cluster-atlas diagnose` end to end on the demo: exit codes, the JSON against its published
// schema, the GeoJSON and evidence CSV files, the project's diagnosis settings, and bad input.
let dir: string;

beforeAll(async () => {
  requireBuild();
  dir = await demoWorkspace(3, 0.5, 'atlas-diagnose-cli-');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(dir, args);

describe('cluster-atlas diagnose', () => {
  it('stops quietly when the reader closes the pipe early (cluster-atlas … | head)', () => {
    // the JSON of a demo diagnosis is far larger than a pipe's buffer, so the writer meets EPIPE
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" --format json diagnose | head -c 100 > /dev/null`], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('writes JSON that validates against docs/schema/diagnosis.json (zod twin), plus GeoJSON and the evidence CSV', () => {
    const r = cli(['diagnose', '--format', 'json', '--out', 'diagnosis.json', '--geojson', 'candidates.geojson', '--evidence', 'evidence.csv']);
    expect(r.code, r.stderr).toBe(0);
    const out = DiagnosisOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.candidates.length).toBeGreaterThanOrEqual(10);
    expect(JSON.parse(readFileSync(join(dir, 'diagnosis.json'), 'utf8'))).toEqual(JSON.parse(r.stdout));
    const labels = new Set(out.candidates.map((c) => c.diagnosis.concepts.label));
    for (const l of ['cluster', 'park_hosting_cluster', 'park_without_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration', 'concentration_only']) expect(labels.has(l as never), l).toBe(true);

    const geo = JSON.parse(readFileSync(join(dir, 'candidates.geojson'), 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(out.candidates.length);
    for (const f of geo.features) {
      expect(['Polygon', 'Point']).toContain(f.geometry.type);
      expect(f.properties.label).toBe(out.candidates.find((c) => c.id === f.id)!.diagnosis.concepts.label);
      if (f.geometry.type === 'Polygon') expect(f.geometry.coordinates[0][0]).toEqual(f.geometry.coordinates[0].at(-1));
    }

    const rows = parseCsvRecords(readFileSync(join(dir, 'evidence.csv'), 'utf8')).map((x) => x.cells);
    expect(rows[0]).toEqual(['candidate', 'name', 'rule', 'indicator', 'value', 'comparison', 'threshold', 'threshold_name', 'pass']);
    const perCandidate = out.candidates.reduce((s, c) => s + c.diagnosis.evidence.length + c.role.rows.length, 0);
    expect(rows.length - 1).toBe(perCandidate);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('prints a table and one sentence per candidate, in Chinese with --lang zh', () => {
    const en = cli(['diagnose']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/park hosting a cluster/);
    expect(en.stdout).toMatch(/C01 .* is /);
    const zh = cli(['--lang', 'zh', 'diagnose']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/园区内形成集群/);
    expect(zh.stdout).toMatch(/产业集群/);
  });

  it('diagnoses a named candidate alone, and reads thresholds and candidates from the project file', () => {
    const one = cli(['diagnose', '--no-discover', '--industries', '3525', '--regions', '3310', '--name', 'moulds', '--format', 'json']);
    expect(one.code, one.stderr).toBe(0);
    const out = DiagnosisOutputSchema.parse(JSON.parse(one.stdout));
    expect(out.candidates.map((c) => c.name.en)).toEqual(['moulds']);
    expect(out.discovery).toBeNull();

    const project = JSON.parse(readFileSync(join(dir, 'cluster-atlas.json'), 'utf8'));
    project.diagnosis = { discover: false, thresholds: { lqAgglomerated: 1e6 }, candidates: [{ name: 'moulds', industries: ['3525'], regions: ['3310'] }] };
    writeFileSync(join(dir, 'strict.json'), JSON.stringify(project));
    const strict = cli(['diagnose', '--project', 'strict.json', '--format', 'json']);
    expect(strict.code, strict.stderr).toBe(0);
    const s = DiagnosisOutputSchema.parse(JSON.parse(strict.stdout));
    expect(s.thresholds.lqAgglomerated).toBe(1e6);
    expect(s.candidates).toHaveLength(1);
    // no LQ reaches a million: the same moulds are no longer agglomerated, hence no cluster
    expect(s.candidates[0].diagnosis.concepts.agglomeration.holds).toBe(false);
    // a flag overrides the project
    const flag = cli(['diagnose', '--project', 'strict.json', '--threshold', 'lqAgglomerated=1.25', '--format', 'json']);
    expect(DiagnosisOutputSchema.parse(JSON.parse(flag.stdout)).candidates[0].diagnosis.concepts.label).toBe('cluster');
  });

  it('diagnoses cluster categories (--category) as industry groups: the same verdict as their --industries', () => {
    const byCategory = cli(['diagnose', '--no-discover', '--category', 'ELEC,FOOD', '--format', 'json']);
    expect(byCategory.code, byCategory.stderr).toBe(0);
    const cats = DiagnosisOutputSchema.parse(JSON.parse(byCategory.stdout)).candidates;
    expect(cats.map((c) => c.name.en)).toEqual(['ELEC 电气与电子信息', 'FOOD 食品饮料加工']);
    // the demo's categories.csv lists ELEC = divisions 38, 39, 40
    const elec = readFileSync(join(dir, 'categories.csv'), 'utf8').split('\n').filter((l) => l.split(',')[1] === 'ELEC').map((l) => l.split(',')[0]);
    expect(elec).toEqual(['38', '39', '40']);
    const byIndustries = cli(['diagnose', '--no-discover', '--industries', elec.join(','), '--format', 'json']);
    const same = DiagnosisOutputSchema.parse(JSON.parse(byIndustries.stdout)).candidates[0];
    expect(cats[0].industries).toEqual(same.industries);
    expect(cats[0].firms).toBe(same.firms);
    expect(cats[0].diagnosis.concepts.label).toBe(same.diagnosis.concepts.label);
    // another category file, and a place
    writeFileSync(join(dir, 'my-cats.csv'), 'industry,category,category_name,type\n3525,MOULD,Moulds,traded\n');
    const mould = cli(['diagnose', '--no-discover', '--categories', 'my-cats.csv', '--category', 'MOULD', '--regions', '3310', '--format', 'json']);
    expect(mould.code, mould.stderr).toBe(0);
    expect(DiagnosisOutputSchema.parse(JSON.parse(mould.stdout)).candidates.map((c) => [c.name.en, c.industries])).toEqual([['MOULD Moulds', ['3525']]]);
  });

  it('rejects bad input with exit 1 and a reason naming the field', () => {
    const cases: Array<[string[], RegExp]> = [
      [['diagnose', '--threshold', 'lqAgglomerated'], /--threshold must be name=number/],
      [['diagnose', '--threshold', 'noSuchThreshold=1'], /unknown threshold "noSuchThreshold"/],
      [['diagnose', '--kdensity', '-3'], /--kdensity must be an integer ≥ 0/],
      [['diagnose', '--regions', '3310'], /--regions and --park name the place of a candidate given by --industries or --category/],
      [['diagnose', '--industries', '3525', '--park', 'P01', '--regions', '33'], /give --regions or --park, not both/],
      [['diagnose', '--no-discover', '--industries', '0000'], /diagnosis\.candidates\[0\]\.industries: no firm has an industry code starting with 0000/],
      [['diagnose', '--workspace', 'nowhere.duckdb'], /no workspace at .*nowhere\.duckdb/],
      [['diagnose', '--category', 'NOPE'], /--category "NOPE": no such category in .*categories\.csv \(24 categories: AGR, MIN/],
      [['diagnose', '--category', 'ELEC', '--industries', '38'], /give --industries or --category, not both/],
      [['diagnose', '--category', 'ELEC', '--name', 'x'], /a --category candidate is named after its category/],
      [['diagnose', '--categories', 'categories.csv'], /--categories names the category file of --category/],
      [['diagnose', '--category', ' , '], /--category needs at least one category code/],
      [['diagnose', '--category', 'ELEC', '--categories', 'missing.csv'], /missing\.csv/],
      [['diagnose', '--workspace', '.cluster-atlas/workspace.duckdb', '--category', 'ELEC'], /give --categories FILE or a "categories" block in the project file \(with --workspace no project file is read\)/],
    ];
    for (const [args, re] of cases) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(re);
    }
  });
});
