/**
 * The plan compiler (src/store/engine/compile.ts) and the plans of the diagnosis's screening
 * tables on the embedded engine: the SQL both dialects get, the refusals, literal escaping, and
 * the region × class and grid-cell counts against the discovery's own counting in JavaScript.
 * (ClickHouse against DuckDB: engine-clickhouse-measures.test.ts.)
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace } from './helpers.js';
import { clickhouseDialect, compilePlan, duckdbDialect } from '../src/store/engine/compile.js';
import { col, countRows, join as joinOn, out, str, sum, table, values, eq, fn, div, num } from '../src/store/engine/plan.js';
import { duckdbEngine } from '../src/store/engine/engine.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { loadGridCells, loadRegionClassCells, cellDegrees } from '../src/load/diagnosis-cells.js';
import { loadDiagnosisData } from '../src/diagnose/data.js';

describe('plan compiler', () => {
  const mapping = values([{ name: 'industry', type: 'string' }, { name: 'target', type: 'string' }], [['1811', '181'], ['1812', '181']]);
  const plan = {
    from: joinOn(table('firms'), mapping, ['industry']),
    columns: [out('region', col('region'), 'string' as const), out('cell_industry', col('target'), 'string' as const), out('v', sum(col('employees'))), out('rows', countRows())],
    groupBy: [col('region'), col('target')],
  };

  it('compiles one join per level: USING on DuckDB, GLOBAL ALL INNER JOIN with typed keys on ClickHouse', () => {
    const duck = compilePlan(duckdbDialect(), plan);
    expect(duck).toContain('JOIN (SELECT * FROM (VALUES');
    expect(duck).toContain('USING ("industry")');
    expect(duck).toContain('count(*)');
    const ch = compilePlan(clickhouseDialect('atlas', (c) => (c === 'industry' ? 'Nullable(String)' : undefined)), plan);
    expect(ch).toContain('`atlas`.`firms` GLOBAL ALL INNER JOIN');
    expect(ch).toContain('CAST(tupleElement(atlas_row, 1) AS Nullable(String)) AS `industry`');
    expect(ch).toContain('CAST(tupleElement(atlas_row, 2) AS String) AS `target`');
    expect(ch).toContain('count()');
    expect(ch).not.toMatch(/\bWITH\b|\bOVER\b|\bFILTER\b|\btrue\b/);
  });

  it('maps the functions whose names differ (ln, integer casts, string casts)', () => {
    const p = { from: table('firms'), columns: [out('a', fn('ln', col('employees'))), out('b', fn('toInt', div(col('lon'), num(0.5)))), out('c', fn('toStr', col('id')), 'string' as const)] };
    expect(compilePlan(duckdbDialect(), p)).toContain('ln("employees")');
    expect(compilePlan(clickhouseDialect('d'), p)).toContain('log(`employees`)');
    expect(compilePlan(duckdbDialect(), p)).toContain('CAST(floor(("lon" / 0.50000000000000000::DOUBLE)) AS BIGINT)');
    expect(compilePlan(clickhouseDialect('d'), p)).toContain('toInt64(floor((`lon` / 0.50000000000000000)))');
    expect(compilePlan(clickhouseDialect('d'), p)).toContain('toString(`id`)');
  });

  it('refuses an output named like a source column it is not', () => {
    const bad = { from: table('firms'), columns: [out('employees', sum(col('employees')))], groupBy: [col('region')] };
    expect(() => compilePlan(duckdbDialect(), bad)).toThrow(/has the name of a source column/);
    const bad2 = { from: joinOn(table('firms'), mapping, ['industry']), columns: [out('target', countRows())] };
    expect(() => compilePlan(clickhouseDialect('d'), bad2)).toThrow(/has the name of a source column/);
  });

  it('escapes every literal: quotes, backslashes, newlines and tabs cannot leave the string', () => {
    const hostile = "x' OR 1=1 --\\'\n\t);DROP TABLE firms;";
    const p = { from: table('firms'), columns: [out('n', countRows())], where: eq(col('industry'), str(hostile)) };
    const ch = compilePlan(clickhouseDialect('d'), p);
    expect(ch).toContain("'x\\' OR 1=1 --\\\\\\'\\n\\t);DROP TABLE firms;'");
    const duck = compilePlan(duckdbDialect(), p);
    expect(duck).toContain("'x'' OR 1=1 --\\''");
  });

  it('refuses names that are not identifiers and a join of joins', () => {
    expect(() => compilePlan(duckdbDialect(), { from: table('firms; DROP'), columns: [out('n', countRows())] })).toThrow(/identifier/);
    const nested = joinOn(joinOn(table('firms'), mapping, ['industry']), mapping, ['industry']);
    expect(() => compilePlan(duckdbDialect(), { from: nested, columns: [out('n', countRows())] })).toThrow(/one JOIN per level/);
  });
});

describe('screening tables on DuckDB equal the discovery\'s own counting', () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(async () => {
    dir = await demoWorkspace(11, 0.3, 'atlas-plans-');
    ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
  }, 240_000);
  afterAll(() => { ws?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('region × class cells', async () => {
    const d = await loadDiagnosisData(ws);
    const expected = new Map<string, number>();
    for (let k = 0; k < d.firmCount; k++) {
      if (d.region[k] < 0 || d.industry[k] < 0) continue;
      const key = `${d.regions.code[d.region[k]]}|${d.industries[d.industry[k]]}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = await loadRegionClassCells(duckdbEngine(ws));
    expect(got.region.length).toBe(expected.size);
    expect(got.region.length).toBeGreaterThan(50);
    got.region.forEach((r, k) => expect(got.firms[k]).toBe(expected.get(`${r}|${got.industry[k]}`)));
  });

  it('class × grid-cell counts of the hotspot search (5 km)', async () => {
    const d = await loadDiagnosisData(ws);
    const deg = cellDegrees(5);
    const expected = new Map<string, number>();
    for (let k = 0; k < d.firmCount; k++) {
      if (d.industry[k] < 0 || !d.inArea[k] || !Number.isFinite(d.lon[k]) || !Number.isFinite(d.lat[k])) continue;
      const key = `${d.industries[d.industry[k]]}|${Math.floor(d.lon[k] / deg)}|${Math.floor(d.lat[k] / deg)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = await loadGridCells(ws, 5);
    expect(got.industry.length).toBe(expected.size);
    got.industry.forEach((i, k) => expect(got.firms[k]).toBe(expected.get(`${i}|${got.cx[k]}|${got.cy[k]}`)));
  });
});
