import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../src/diagnose/config.js';
import type { RawCandidate } from '../src/diagnose/discover.js';
import { measureCandidate, measureContext } from '../src/diagnose/measure.js';
import { economy, type FirmSpec } from './diagnose-helpers.js';

// The indicators of one candidate on a seven-firm economy, every number derived by hand.
//
// Candidate: firms 0–3 (class 1952, region R0). Others: 4 (1952, R1), 5 (2231, R0), 6 (1819, R1).
// Institutions: I0 association in R0 (endpoint −1), I1 bank in R1 (endpoint −2).
// Ties: 0→1 supply; 2→5 supply; 3→4 subcontract (3 makes for 4); 6→0 subcontract (6 makes for 0);
// 1→6 technology; 0→2 spin-off (2 spun off from 0); 0→I0 membership; 1→I1 finance; I0→3 service.
const firms: FirmSpec[] = [
  ...[0, 1, 2, 3].map(() => ({ industry: '1952', lon: 120, lat: 30, region: 0 })),
  { industry: '1952', lon: 121, lat: 31, region: 1 },
  { industry: '2231', lon: 120, lat: 30, region: 0 },
  { industry: '1819', lon: 121, lat: 31, region: 1 },
];
const d = economy(firms, [
  [0, 1, 'supply'], [2, 5, 'supply'], [3, 4, 'subcontract'], [6, 0, 'subcontract'], [1, 6, 'technology'], [0, 2, 'spinoff'],
  [0, -1, 'membership'], [1, -2, 'finance'], [-1, 3, 'service'],
], 0, 2, [{ type: 'association', region: 0 }, { type: 'bank', region: 1 }]);
const candidate: RawCandidate = { kind: 'hotspot', firms: Int32Array.of(0, 1, 2, 3), industries: ['1952'], park: -1, hull: null };
// Every industry-group pair counts as structured here (the tie-structure test is made vacuous:
// it is tested on its own in test/diagnose-tie-structure.test.ts), so the hand counts stay small.
const T = resolveThresholds({ tiePairLift: 0, tiePairMinTies: 1, alpha: 1e12 });

describe('measureCandidate (hand-derived)', () => {
  const { indicators: x, place, institutions } = measureCandidate(measureContext(d, T), candidate);

  it('takes the regions of its firms as the place', () => {
    expect(place.regions).toEqual([0]);
    expect(institutions).toEqual([0]);
  });
  it('local ties: 8 tie-ends of business ties, 5 with a partner in R0 (ties between two candidate firms count at both ends)', () => {
    expect(x.localTiesPerFirm).toBeCloseTo(5 / 4, 12);
    expect(x.localLinkShare).toBeCloseTo(5 / 8, 12);
  });
  it('chain: supply/subcontract ties with a firm of the candidate’s industries anywhere (0–1 and 3→4), within one industry group', () => {
    expect(x.chainLinksPerFirm).toBeCloseTo(2 / 4, 12);
    expect(x.chainStagesLinked).toBe(0);
    // of the supply/subcontract value (four ties of value 1), 3→4 and 6→0 have a partner outside R0
    expect(x.outflowShare).toBeCloseTo(2 / 4, 12);
    expect(x.supplierShare).toBeCloseTo(2 / 4, 12); // 0 supplies 1, 2 supplies 5
  });
  it('radiation parts: one outside OEM maker (6), one technology tie out (1→6), none in', () => {
    expect(x.oemInboundShare).toBeCloseTo(1 / 4, 12);
    expect(x.techOutflow).toBe(1);
    expect(x.techInflow).toBe(0);
    expect(x.innovationTiesPerFirm).toBe(0);
    expect(x.leaders).toBe(0);
  });
  it('institutions: only the association in R0 counts (the bank is in R1); two firms tied to it; one member', () => {
    expect(x.institutionTypes).toBe(1);
    expect(x.institutionLinkedShare).toBeCloseTo(2 / 4, 12);
    expect(x.memberShare).toBeCloseTo(1 / 4, 12);
    expect(x.spinoffShare).toBeCloseTo(1 / 4, 12);
  });
  it('location quotient: (80 / 100) / (100 / 140) with 20 employees per firm', () => {
    expect(x.lq).toBeCloseTo((80 / 100) / (100 / 140), 12);
    expect(x.dominantFieldShare).toBe(1);
    expect(x.cr1).toBeCloseTo(0.25, 12);
    expect(x.cr4).toBeCloseTo(1, 12);
    expect(x.hhi).toBeCloseTo(0.25, 12);
    expect(x.smeShare).toBe(1);
  });
  it('a tie crossing to a second industry group is a chain stage pair', () => {
    const d2 = economy([...firms.slice(0, 4), { industry: '2231', lon: 120, lat: 30, region: 0 }], [[4, 0, 'supply']], 0, 1);
    const both: RawCandidate = { kind: 'hotspot', firms: Int32Array.of(0, 1, 2, 3, 4), industries: ['1952', '2231'], park: -1, hull: null };
    const y = measureCandidate(measureContext(d2, T), both).indicators;
    expect(y.chainStagesLinked).toBe(2); // groups 195 and 223
    expect(y.chainLinksPerFirm).toBeCloseTo(1 / 5, 12);
  });
});

// Localisation (LQ, EG γ, K-density) is of the candidate's industries, over the study area:
// a periphery firm of another industry (attached for its ties) and a firm outside the study area
// change neither. Issue 14: a planted agglomeration of one class lost its label when three
// periphery firms of large background classes were measured as part of its "industry".
describe('the localisation measures of a candidate', () => {
  const base = measureCandidate(measureContext(d, T), candidate).indicators;
  it('leave out the industries of its periphery firms: (80 / 100) / (100 / 140), not (100 / 100) / (120 / 140)', () => {
    const withPeriphery: RawCandidate = { ...candidate, firms: Int32Array.of(0, 1, 2, 3, 5) };
    const y = measureCandidate(measureContext(d, T), withPeriphery).indicators;
    expect(y.lq).toBeCloseTo((80 / 100) / (100 / 140), 12);
    expect(y.egGamma).toBe(base.egGamma);
    expect(y.firms).toBe(5);
  });
  it('leave out firms outside the study area: a 40-employee plant of 1952 beyond it changes no LQ denominator', () => {
    const dOut = economy([...firms, { industry: '1952', lon: 125, lat: 35, region: -1, employees: 40, outside: true }], [], 0, 2);
    const y = measureCandidate(measureContext(dOut, T), candidate).indicators;
    expect(y.lq).toBeCloseTo((80 / 100) / (100 / 140), 12);
    expect(y.egGamma).toBeCloseTo(base.egGamma as number, 12);
  });
});
