import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, requireBuild, runCli } from './helpers.js';
import { DiagnosisOutputSchema } from '../src/diagnose/schema.js';

// `cluster-atlas diagnose --trajectory` on the demo: every candidate gets a path block that
// validates against the schema, whose latest snapshot is the candidate's diagnosis of today.
let dir: string;

beforeAll(async () => {
  requireBuild();
  dir = await demoWorkspace(3, 0.5, 'atlas-diagnose-path-');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(dir, args);

describe('cluster-atlas diagnose --trajectory', () => {
  it('adds a path to every candidate; the latest snapshot is today’s stage, radiation, label and scores', () => {
    const r = cli(['diagnose', '--format', 'json', '--trajectory']);
    expect(r.code, r.stderr).toBe(0);
    const out = DiagnosisOutputSchema.parse(JSON.parse(r.stdout));
    expect(out.candidates.length).toBeGreaterThan(0);
    for (const c of out.candidates) {
      const path = c.path!;
      expect(path, c.id).toBeDefined();
      expect(path.years.at(-1)).toBe(out.currentYear);
      for (let i = 1; i < path.years.length; i++) expect(path.years[i] - path.years[i - 1]).toBe(5);
      const last = path.snapshots.at(-1)!;
      expect(last.firms, c.id).toBe(c.firms);
      expect([last.stage, last.radiation, last.label], c.id).toEqual([c.diagnosis.stage.stage, c.diagnosis.radiation.level, c.diagnosis.concepts.label]);
      expect(last.scores, c.id).toEqual(c.diagnosis.stage.scores);
      // firms only accumulate (the data has no closure dates)
      for (let i = 1; i < path.snapshots.length; i++) expect(path.snapshots[i].firms).toBeGreaterThanOrEqual(path.snapshots[i - 1].firms);
      expect(path.caveats.en).toMatch(/Survivor bias/);
      // the next step: the stage ladder's next rung (none above 集群), conditions ordered unmet → not measurable → met
      const next = { null: 'concentration', concentration: 'agglomeration', agglomeration: 'cluster', cluster: null } as Record<string, string | null>;
      expect(path.nextStep.stage.from).toBe(c.diagnosis.stage.stage);
      expect(path.nextStep.stage.to).toBe(next[String(c.diagnosis.stage.stage)]);
      const rank = path.nextStep.stage.conditions.map((k) => ['unmet', 'not_measurable', 'met'].indexOf(k.status));
      expect(rank).toEqual([...rank].sort((a, b) => a - b));
      expect(path.nextStep.stage.sentence.zh.length).toBeGreaterThan(0);
    }
    expect(out.candidates.some((c) => c.path!.transitions.length > 0)).toBe(true);
  }, 120_000);

  it('--years gives the snapshot years (and implies --trajectory); the table shows each path in either language', () => {
    const r = cli(['diagnose', '--format', 'json', '--years', '2010,2015']);
    expect(r.code, r.stderr).toBe(0);
    const out = DiagnosisOutputSchema.parse(JSON.parse(r.stdout));
    for (const c of out.candidates) expect(c.path!.years).toEqual([2010, 2015]);
    const en = cli(['diagnose', '--years', '2015,2020']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(/ {4}path: 2015 .* · 2020 /);
    expect(en.stdout).toMatch(/ {4}next step: (To become|Already a cluster)/);
    expect(en.stderr).toMatch(/Survivor bias/);
    const zh = cli(['--lang', 'zh', 'diagnose', '--years', '2015,2020']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/发展路径: 2015 /);
    expect(zh.stdout).toMatch(/ {4}下一步: (要成为|已是集群)/);
    expect(zh.stderr).toMatch(/幸存者偏差/);
  }, 120_000);

  it('bad --years: a clear error, exit 1', () => {
    const r = cli(['diagnose', '--years', '2010,abc']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--years must be comma-separated years/);
    const late = cli(['diagnose', '--years', '2999']);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/--years: 2999 is not a year up to the data's current year/);
    const none = cli(['diagnose', '--years', ',']);
    expect(none.code).toBe(1);
  }, 120_000);
});
