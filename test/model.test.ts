import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Firm, Project } from '../src/model/index.js';
import { jsonSchemas } from '../src/schemas.js';
import { createRng } from '../src/core/rng.js';

describe('model schemas', () => {
  it('the committed JSON Schemas in docs/schema are current (run `npm run schema` after changing a model)', () => {
    for (const [name, text] of Object.entries(jsonSchemas())) {
      expect(readFileSync(join(import.meta.dirname, '..', 'docs', 'schema', `${name}.json`), 'utf8'), name).toBe(text);
    }
  });
  it('a firm needs coordinates or a region', () => {
    expect(Firm.safeParse({ id: 'a', industry: '1811' }).success).toBe(false);
    expect(Firm.safeParse({ id: 'a', industry: '1811', region: '330001' }).success).toBe(true);
    expect(Firm.safeParse({ id: 'a', industry: '1811', lon: 120, lat: 30 }).success).toBe(true);
    expect(Firm.safeParse({ id: 'a', industry: '1811', lon: 200, lat: 30 }).success).toBe(false);
  });
  it('project defaults are filled in', () => {
    const p = Project.parse({ version: 1, industryCodeSystem: 'NAICS 2017', inputs: { firms: { file: 'f.csv', columns: { id: 'x' } } } });
    expect(p).toMatchObject({ crs: 'WGS84', currency: 'CNY', workspace: '.cluster-atlas/workspace.duckdb' });
    expect(p.inputs.firms!.encoding).toBe('auto');
    expect(Project.safeParse({ version: 1, industryCodeSystem: 'NAICS 2017', crs: 'EPSG:abc', inputs: { firms: { file: 'f', columns: {} } } }).success).toBe(false);
  });
});

describe('seeded rng', () => {
  it('is reproducible and seed-sensitive', () => {
    const a = createRng(7); const b = createRng(7); const c = createRng(8);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });
  it('is uniform enough: mean and variance of 100,000 draws (U(0,1): 1/2, 1/12)', () => {
    const r = createRng(1);
    let s = 0; let s2 = 0; const n = 100_000;
    for (let i = 0; i < n; i++) { const x = r.next(); s += x; s2 += x * x; }
    const mean = s / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(s2 / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });
  it('normal deviates have mean 0 and variance 1', () => {
    const r = createRng(2);
    let s = 0; let s2 = 0; const n = 100_000;
    for (let i = 0; i < n; i++) { const x = r.normal(); s += x; s2 += x * x; }
    expect(s / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });
});
