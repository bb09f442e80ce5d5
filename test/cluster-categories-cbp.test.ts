/**
 * CMP strong clusters at category level on County Business Patterns 2021 (6-digit NAICS 2017),
 * with the U.S. Cluster Mapping definitions (NAICS 2012) converted by `categories from-cmp`,
 * checked against an independent numpy computation (test/reference/cmp-strong-clusters.py) for
 * Kentucky and Tennessee (each state's counties are the universe of the percentiles).
 *
 * The definitions carry no open licence, so nothing derived from them is committed: the reference
 * runs at test time. Skipped, with a message, when the definitions or the CBP extracts are absent
 * (../shared/data, $CLUSTER_ATLAS_SHARED_DATA) or /usr/bin/python3 has no numpy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCbpTables } from '../src/load/concentration-cbp.js';
import { loadCategoryMatrices } from '../src/load/category-matrix.js';
import { readCategoryFile } from '../src/load/cluster-categories.js';
import { convertCmpDefinitions } from '../src/load/cmp-definitions.js';
import { categoryStrength } from '../src/measures/cluster-strength/category-strength.js';
import { lit, openMemory } from '../src/store/workspace.js';
import { SHARED_DATA } from './shared-data.js';

const CMP = join(SHARED_DATA, 'us-cluster-mapping-dps2016');
const DEFS = join(CMP, 'cmp_clusters_naics2012.csv');
const CBP = join(SHARED_DATA, 'cbp2021-county-naics', 'county');
const STATES = ['kentucky', 'tennessee'];
const PY = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, 'reference', 'cmp-strong-clusters.py');
const numpy = existsSync(PY) && spawnSync(PY, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const data = existsSync(DEFS) && STATES.every((s) => existsSync(join(CBP, `industriesPerCounty_${s}_2021.csv`)));
const why = !data ? `the CMP definitions (${CMP}) or the CBP 2021 county extracts (${CBP}) are absent` : !numpy ? `${PY} with numpy is not available` : '';
if (why) console.warn(`cluster-categories-cbp: skipped — ${why}`);

const dir = mkdtempSync(join(tmpdir(), 'atlas-cmp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ref {
  regions: number;
  clusters: number;
  strong: { region: string; cluster: string; lq: number; employment: number; establishments: number; strong10: boolean }[];
  thresholds: { cluster: string; regions: number; lq: number; lqTop: number; employment: number; establishments: number }[];
  lq: { region: string; cluster: string; lq: number | null }[];
  unmapped: Record<string, number>;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe.skipIf(Boolean(why))('CMP strong clusters on CBP 2021 counties against numpy', () => {
  const converted = data ? convertCmpDefinitions(CMP, 'matrix') : undefined;
  it('the converter accounts for every definition row (978 codes, 51 traded + 16 local)', () => {
    expect(converted!.rows).toBe(978);
    expect(converted!.clusters).toEqual({ traded: 51, local: 16 });
    const cats = readCategoryFile(join(writeTo('cmp.csv', converted!.categories)), { relatedFile: writeTo('cmp-related.csv', converted!.related!) });
    expect(cats.rows).toHaveLength(978);
    expect(cats.related.length).toBe(converted!.pairs);
    expect(cats.related.every((r) => r.a !== r.b)).toBe(true);
  });

  it.each(STATES)('%s: strong clusters, LQs, cut-offs and unmapped codes agree with the reference', async (state) => {
    const file = join(CBP, `industriesPerCounty_${state}_2021.csv`);
    const py = spawnSync(PY, [SCRIPT, DEFS, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(py.status, py.stderr).toBe(0);
    const ref = JSON.parse(py.stdout) as Ref;
    const cats = readCategoryFile(writeTo('cmp.csv', converted!.categories));
    const ws = await openMemory();
    try {
      await createCbpTables(ws);
      await ws.run(`CREATE TABLE raw AS SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true, null_padding = true)`);
      await ws.run("INSERT INTO regional_stats SELECT substr(GEO_ID, 10), NAICS2017, CAST(YEAR AS INTEGER), TRY_CAST(EMP AS DOUBLE), NULL, TRY_CAST(ESTAB AS DOUBLE) FROM raw WHERE regexp_matches(NAICS2017, '^[0-9]{6}$')");
      await ws.run("INSERT INTO regions SELECT substr(GEO_ID, 10), any_value(NAME), any_value(state), 'county' FROM raw GROUP BY 1");
      const m = await loadCategoryMatrices(ws, cats, { regionLevel: 'county' });
      expect(m.employment.regions.length).toBe(ref.regions);
      expect(m.employment.industries.length).toBe(ref.clusters);
      const s = categoryStrength(m.employment, new Map(cats.categories.map((c) => [c.code, c.type])), { establishments: m.establishments });
      const key = (r: string, c: string) => `${r}|${c}`;
      const ours = new Map(s.value.strong.map((c) => [key(c.region, c.industry), c]));
      expect([...ours.keys()].sort()).toEqual(ref.strong.map((c) => key(c.region, c.cluster)).sort());
      expect(ref.strong.length).toBeGreaterThan(10);
      for (const c of ref.strong) {
        const o = ours.get(key(c.region, c.cluster))!;
        expect(rel(o.lq, c.lq)).toBeLessThan(1e-9);
        expect(o.employment).toBe(c.employment);
        expect(o.establishments).toBe(c.establishments);
        expect(o.strong10).toBe(c.strong10);
      }
      const th = new Map(s.value.thresholds.map((t) => [t.industry, t]));
      for (const t of ref.thresholds) {
        const o = th.get(t.cluster)!;
        expect(o.regions).toBe(t.regions);
        for (const f of ['lq', 'lqTop', 'employment', 'establishments'] as const) expect(rel(o[f] as number, t[f])).toBeLessThan(1e-9);
      }
      const lq = new Map(s.value.cells.map((c) => [key(c.region, c.category), c.lq]));
      for (const c of ref.lq) {
        const o = lq.get(key(c.region, c.cluster))!;
        if (c.lq === null) expect(Number.isNaN(o)).toBe(true);
        else expect(rel(o, c.lq)).toBeLessThan(1e-9);
      }
      // NAICS 2017 codes absent from the 2012 definitions are reported with their employment
      expect(Object.fromEntries(m.coverage.unmapped.map((u) => [u.industry, u.employment]))).toEqual(ref.unmapped);
      expect(m.coverage.unmapped.map((u) => u.industry)).toContain('454110'); // 2017: electronic shopping (2012: 454111–454113)
      expect(m.coverage.mappedEmployment + m.coverage.unmappedEmployment).toBe(m.coverage.dataEmployment);
      expect(m.coverage.mappedEmployment).toBe(m.employment.values.reduce((a, b) => a + b, 0));
    } finally {
      ws.close();
    }
  });
});

function writeTo(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
