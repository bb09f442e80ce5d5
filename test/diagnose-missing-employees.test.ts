import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import { regionIndustryMatrix } from '../src/data/concentration-matrix.js';
import { resolveThresholds } from '../src/diagnose/config.js';
import type { RawCandidate } from '../src/diagnose/discover.js';
import { groupConcentration } from '../src/diagnose/enterprise-groups.js';
import { degenerateNote } from '../src/diagnose/measure/agglomeration.js';
import { measureCandidate, measureContext } from '../src/diagnose/measure.js';
import { concentrationRatio } from '../src/measures/concentration/concentration-ratio.js';
import { herfindahl } from '../src/measures/concentration/herfindahl.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { ellisonGlaeser } from '../src/measures/zone-agglomeration/ellison-glaeser.js';
import { economy, type FirmSpec } from './diagnose-helpers.js';

// One path from data to number: a candidate's LQ, EG γ, CR4 and HHI are the peer-checked
// measures called on the matrix a reader can derive by hand from the firms below, and firms of
// unknown employment are left out of them (never taken as 0) and counted in the notes.
//
// Regions R0, R1, R2. Industry 1952 (the candidate's): firms 0–5 in R0 (employees 10, 20, ?, 40,
// ?, 60), firm 6 in R1 (30), firm 7 in R2 (?). Others: 2231 in R0 (50, 70), 1819 in R1 (40, 80),
// 2231 in R2 (90), 1819 in R2 (?). "?" = unknown (NaN). Firms 0 and 1 are plants of firm 3's group.
const N = Number.NaN;
const firms: FirmSpec[] = [
  ...[10, 20, N, 40, N, 60].map((employees, k) => ({ industry: '1952', lon: 120, lat: 30, region: 0, employees, parent: k < 2 ? 3 : undefined, output: 100 * (k + 1) })),
  { industry: '1952', lon: 121, lat: 31, region: 1, employees: 30 },
  { industry: '1952', lon: 122, lat: 32, region: 2, employees: N },
  { industry: '2231', lon: 120, lat: 30, region: 0, employees: 50 },
  { industry: '2231', lon: 120, lat: 30, region: 0, employees: 70 },
  { industry: '1819', lon: 121, lat: 31, region: 1, employees: 40 },
  { industry: '1819', lon: 121, lat: 31, region: 1, employees: 80 },
  { industry: '2231', lon: 122, lat: 32, region: 2, employees: 90 },
  { industry: '1819', lon: 122, lat: 32, region: 2, employees: N },
];
const d = economy(firms, [], 0, 3);
const T = resolveThresholds();
const candidate: RawCandidate = { kind: 'hotspot', firms: Int32Array.of(0, 1, 2, 3, 4, 5), industries: ['1952'], park: -1, hull: null };

describe('diagnosis numbers with missing employees (hand-built economy)', () => {
  const ctx = measureContext(d, T);
  const m = measureCandidate(ctx, candidate);
  const x = m.indicators;

  it('LQ is locationQuotient of the {place, rest} × {group, other} matrix of the known employees', () => {
    // place R0: group 10 + 20 + 40 + 60 = 130, other 50 + 70 = 120; rest: group 30, other 40 + 80 + 90 = 210
    const matrix = regionIndustryMatrix(['place', 'rest'], ['group', 'other'], [[130, 120], [30, 210]]);
    const direct = locationQuotient(matrix).value.values[0];
    expect(direct).toBeCloseTo((130 / 250) / (160 / 490), 14);
    expect(x.lq).toBeCloseTo(direct, 14);
  });

  it('EG γ is ellisonGlaeser of the region × {group, other} matrix with the known plants', () => {
    const matrix = regionIndustryMatrix(['R0', 'R1', 'R2'], ['group', 'other'], [[130, 120], [30, 120], [0, 90]]);
    const g = [10, 20, 40, 60, 30];
    const o = [50, 70, 40, 80, 90];
    const moments = (v: number[], p: number): number => v.reduce((s, e) => s + e ** p, 0);
    const plants = {
      industries: ['group', 'other'],
      count: Float64Array.of(g.length, o.length),
      sum: Float64Array.of(moments(g, 1), moments(o, 1)),
      sumSquares: Float64Array.of(moments(g, 2), moments(o, 2)),
      sumFourth: Float64Array.of(moments(g, 4), moments(o, 4)),
    };
    const eg = ellisonGlaeser(matrix, plants).value;
    expect(Number.isFinite(eg.gamma[0])).toBe(true);
    expect(x.egGamma).toBeCloseTo(eg.gamma[0], 14);
    expect(x.egPValue).toBeCloseTo(eg.pValue[0], 14);
  });

  it('CR4 and HHI are concentrationRatio and herfindahl of the enterprise groups (output)', () => {
    // groups: {0, 1, 3} = 100 + 200 + 400, {2} = 300, {4} = 500, {5} = 600
    const sizes = Float64Array.of(700, 300, 500, 600);
    expect(x.cr4).toBeCloseTo(concentrationRatio(sizes, { n: [4] }).value[0].value, 14);
    expect(x.cr1).toBeCloseTo(700 / 2100, 14);
    expect(x.hhi).toBeCloseTo(herfindahl(sizes).value.hhi, 14);
  });

  it('employment and its shares are over the firms with known employees', () => {
    expect(x.employment).toBe(130);
    expect(x.smeShare).toBe(1); // 4 firms of known size, all below smeEmployees
    expect(x.smeEmploymentShare).toBe(1);
    expect(x.dominantFieldShare).toBe(1);
  });

  it('counts the missing firms in the candidate’s notes and in the run’s', () => {
    expect(m.notes.join('\n')).toMatch(/2 of 6 firm\(s\) have no employment/);
    expect(m.notes.join('\n')).toMatch(/over the 4 firm\(s\) with known employees/);
    expect(ctx.notes.join('\n')).toMatch(/4 of 14 firm\(s\) have no employment/);
  });
});

describe('conditions a measure refuses on are named; anything else propagates', () => {
  it('all employment in one region: EG γ not measured, with E_DEGENERATE in the note', () => {
    const one = economy([...Array(12)].map((_, k) => ({ industry: k < 6 ? '1952' : '2231', lon: 120, lat: 30, region: 0 })), [], 0, 2);
    const c: RawCandidate = { kind: 'hotspot', firms: Int32Array.of(0, 1, 2, 3, 4, 5), industries: ['1952'], park: -1, hull: null };
    const r = measureCandidate(measureContext(one, T), c);
    expect(r.indicators.egGamma).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/egGamma not measured \(E_DEGENERATE\): ellisonGlaeser: all activity is in one region/);
    expect(r.indicators.lq).toBeCloseTo(1, 14);
  });

  it('no known size at all: CR4 not measured (E_DEGENERATE), never 0', () => {
    const blank = economy([...Array(4)].map(() => ({ industry: '1952', lon: 120, lat: 30, employees: N, output: N })));
    const c = groupConcentration(blank, [0, 1, 2, 3]);
    expect(c.cr4).toBeNaN();
    expect(c.unknownSize).toBe(4);
    expect(c.notMeasured).toMatch(/E_DEGENERATE/);
  });

  it('degenerateNote passes other InputErrors and bugs through', () => {
    expect(degenerateNote(new InputError('E_DEGENERATE', 'x: empty'), 'lq')).toBe('lq not measured (E_DEGENERATE): x: empty');
    expect(() => degenerateNote(new InputError('E_OPTION', 'bad option'), 'lq')).toThrow('bad option');
    expect(() => degenerateNote(new TypeError('a bug'), 'lq')).toThrow(TypeError);
  });
});
