import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from './helpers.js';
import { haversineKm } from '../src/core/geo/haversine-km.js';
import { ingest } from '../src/io/ingest.js';
import { industryProximity } from '../src/measures/relatedness/industry-proximity.js';
import { relatednessDensity } from '../src/measures/relatedness/relatedness-density.js';
import { chainGaps } from '../src/plan/gaps/chain-gaps.js';

// test/fixtures/gaps: 18 firms in 4 counties; the place is region:3201 (counties 320101, 320102),
// a five-stage chain (feed → farming → slaughter → processing, packaging as support), a 3-sector
// IO table by GB/T division ('03', '13', '23'). Every expected number below is derived by hand
// in the comments from those files (sizes = employees).
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-plan-gaps-'));
  cpSync(join(import.meta.dirname, 'fixtures', 'gaps'), dir, { recursive: true });
  await ingest({ project: join(dir, 'cluster-atlas.json') });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = runPlan;

interface Out {
  stages: { id: string; status: string; firmsInside: number; lq: number | null; leakage: number | null; shareOfNation: number | null; purchases: { inside: number; outside: number } }[];
  targets: { stage: string; rank: number; score: number; parts: { io: { backward: number; forward: number; raw: number; value: number } | null; relatedness: number | null; leakage: number | null }; candidates: { id: string; linkValue: number; size: number; distanceKm: number }[] }[];
  strong: string[]; center: [number, number]; warnings: string[];
}

describe('plan gaps on a hand-built workspace', () => {
  let out: Out;
  beforeAll(async () => {
    out = JSON.parse((await plan(['gaps', '--project', join(dir, 'cluster-atlas.json'), '--chain', 'mini-pork', '--place', 'region:3201'])).out);
  });
  const stage = (id: string) => out.stages.find((s) => s.id === id)!;
  const target = (id: string) => out.targets.find((t) => t.stage === id)!;

  it('stage status by firms, LQ and leakage', () => {
    // e(P) = 100 + 200 + 40 + 20 + 5 = 365 (farming, slaughter, processing, furniture, feed inside); e(N) = 705
    expect(stage('farming').lq).toBeCloseTo((100 / 365) / (150 / 705), 12); // 1.2877
    expect(stage('slaughter').lq).toBeCloseTo((200 / 365) / (220 / 705), 12); // 1.7559
    expect(stage('processing').lq).toBeCloseTo((40 / 365) / (100 / 705), 12); // 0.7726 < 1 → weak
    expect(stage('feed').lq).toBeCloseTo((5 / 365) / (85 / 705), 12); // 0.1136
    expect(stage('slaughter').shareOfNation).toBeCloseTo(200 / 220, 12);
    // purchases of the place: feed F1→A2 20 inside, F2→A1 60 + F3→A3 20 outside → leakage 0.8
    expect(stage('feed').purchases).toEqual({ inside: 20, outside: 80, links: 3 });
    expect(stage('feed').leakage).toBeCloseTo(0.8, 12);
    expect(stage('farming').leakage).toBeCloseTo(10 / 110, 12); // A4→S1 10 of 110
    expect(stage('slaughter').leakage).toBeCloseTo(10 / 50, 12); // S4→P1 10 of 50 (S2→P2 is a sale, not a purchase)
    expect(stage('processing').leakage).toBeNull(); // the place buys nothing from processing
    expect(stage('packaging').leakage).toBe(1); // K1→P1 15 and K2→S1 5 (subcontract), both from outside
    expect(Object.fromEntries(out.stages.map((s) => [s.id, s.status]))).toEqual({ feed: 'weak', farming: 'strong', slaughter: 'strong', processing: 'weak', packaging: 'missing' });
    expect(out.strong.sort()).toEqual(['farming', 'slaughter']);
  });

  it('attraction scores decomposed into IO linkage, relatedness density and leakage', () => {
    // strong stages: farming (sector 03, π = 100/300), slaughter (13, π = 200/300)
    // feed (13): backward = ⅓·z[13,03]/x03 + ⅔·z[13,13]/x13 = ⅓·0.2 + ⅔·0.2 = 0.2
    //            forward  = ⅓·z[03,13]/x03 + ⅔·z[13,13]/x13 = ⅓·0.6 + ⅔·0.2 = 1/3
    expect(target('feed').parts.io!.backward).toBeCloseTo(0.2, 12);
    expect(target('feed').parts.io!.forward).toBeCloseTo(1 / 3, 12);
    expect(target('feed').parts.io!.raw).toBeCloseTo(4 / 15, 12);
    // packaging (23): backward = ⅔·z[23,13]/x13 = ⅔·0.1; forward = 0 → raw 1/30, normalised by 4/15 → 0.125
    expect(target('packaging').parts.io!.raw).toBeCloseTo(1 / 30, 12);
    expect(target('packaging').parts.io!.value).toBeCloseTo(0.125, 12);
    expect(target('processing').parts.io!.value).toBeCloseTo(1, 12);
    // relatedness: RCA 320101 {0313,1351,1353}, 320102 {0313,1351,2110}, 330101 {1329,2110,2319},
    // 340101 {1353,2319}; the place {0313,1351}. φ(1353,·): 0313 ½, 1351 ½, 2319 ½ → density 1/1.5;
    // 1329 relates to 2110 and 2319 only, 2319 to 1329, 1353, 2110: neither is in the place → 0
    expect(target('processing').parts.relatedness).toBeCloseTo(2 / 3, 12);
    expect(target('feed').parts.relatedness).toBe(0);
    expect(target('packaging').parts.relatedness).toBe(0);
    // score = mean of the available parts: processing (1 + ⅔)/2, feed (1 + 0 + 0.8)/3, packaging (0.125 + 0 + 1)/3
    expect(out.targets.map((t) => [t.stage, t.rank])).toEqual([['processing', 1], ['feed', 2], ['packaging', 3]]);
    expect(target('processing').score).toBeCloseTo(5 / 6, 12);
    expect(target('feed').score).toBeCloseTo(0.6, 12);
    expect(target('packaging').score).toBeCloseTo(0.375, 12);
  });

  it('candidates: outside firms of the stage, already-selling first, with distances from the place centre', () => {
    expect(target('feed').candidates.map((c) => [c.id, c.linkValue])).toEqual([['F2', 60], ['F3', 20]]);
    expect(target('packaging').candidates.map((c) => [c.id, c.linkValue])).toEqual([['K1', 15], ['K2', 5]]);
    expect(target('processing').candidates.map((c) => [c.id, c.size, c.linkValue])).toEqual([['P2', 60, 0]]);
    // centre = mean position of the 9 firms inside
    const lon = [118.7, 118.8, 118.9, 118.75, 118.85, 118.95, 118.8, 118.9, 118.7];
    const lat = [32.0, 32.1, 31.9, 32.05, 32.0, 32.05, 31.95, 32.1, 32.1];
    const c: [number, number] = [lon.reduce((a, b) => a + b) / 9, lat.reduce((a, b) => a + b) / 9];
    expect(out.center[0]).toBeCloseTo(c[0], 12);
    expect(target('processing').candidates[0].distanceKm).toBeCloseTo(haversineKm(c[0], c[1], 117.25, 31.85), 9);
  });

  it('--no-io leaves the IO part out; a sector map gives the same IO parts as the code prefixes', async () => {
    const noIo = JSON.parse((await plan(['gaps', '--project', join(dir, 'cluster-atlas.json'), '--chain', 'mini-pork', '--place', 'region:3201', '--no-io'])).out) as Out;
    // processing (⅔ alone), packaging (0 + 1)/2, feed (0 + 0.8)/2
    expect(noIo.targets.map((t) => t.stage)).toEqual(['processing', 'packaging', 'feed']);
    [2 / 3, 0.5, 0.4].forEach((v, k) => expect(noIo.targets[k].score).toBeCloseTo(v, 12));
    expect(noIo.targets.every((t) => t.parts.io === null)).toBe(true);
    writeFileSync(join(dir, 'map.csv'), 'industry,sector\n0313,03\n13,13\n2319,23\n');
    const mapped = JSON.parse((await plan(['gaps', '--project', join(dir, 'cluster-atlas.json'), '--chain', 'mini-pork', '--place', 'region:3201', '--sector-map', join(dir, 'map.csv')])).out) as Out;
    mapped.targets.forEach((t, k) => expect(t.parts.io!.raw).toBeCloseTo(out.targets[k].parts.io!.raw, 12));
  });

  it('table output and clear errors for bad options', async () => {
    const { out: table } = await plan(['gaps', '--project', join(dir, 'cluster-atlas.json'), '--chain', 'mini-pork', '--place', 'region:3201'], 'table');
    expect(table).toMatch(/packaging\s+support\s+0\s+0\.000\s+100\.0\s+missing/);
    const p = join(dir, 'cluster-atlas.json');
    await expect(plan(['gaps', '--project', p, '--chain', 'mini-pork', '--place', 'county 5'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'place' } });
    await expect(plan(['gaps', '--project', p, '--chain', 'mini-pork', '--place', 'region:3201', '--max-leakage', '2'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'max-leakage', value: '2' } });
    await expect(plan(['gaps', '--project', p, '--chain', 'nope', '--place', 'region:3201'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'chain' } });
    await expect(plan(['gaps', '--project', p, '--chain', 'mini-pork', '--place', 'region:99'])).rejects.toMatchObject({ code: 'E_DEGENERATE', details: { field: 'place' } });
    writeFileSync(join(dir, 'bad-map.csv'), 'industry,sector\n1351,S99\n');
    await expect(plan(['gaps', '--project', p, '--chain', 'mini-pork', '--place', 'region:3201', '--sector-map', join(dir, 'bad-map.csv')])).rejects.toMatchObject({ code: 'E_MAPPING', details: { value: 'S99' } });
  });
});

describe('relatedness measures (hand-derived)', () => {
  // 3 regions × 4 industries: r0 {a, b}, r1 {a, b, c}, r2 {c, d}
  const M = { regions: ['r0', 'r1', 'r2'], industries: ['a', 'b', 'c', 'd'], values: Float64Array.of(1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1) };
  it('proximity φ = co-occurrence / max ubiquity, symmetric, zero diagonal', () => {
    const { phi, ubiquity } = industryProximity(M).value;
    expect(Array.from(ubiquity)).toEqual([2, 2, 2, 1]);
    // a–b: 2/2 = 1; a–c: 1/2; b–c: 1/2; c–d: 1/max(2,1) = 1/2; a–d, b–d: 0
    expect(Array.from(phi)).toEqual([0, 1, 0.5, 0, 1, 0, 0.5, 0, 0.5, 0.5, 0, 0.5, 0, 0, 0.5, 0]);
  });
  it('density of each industry for a place specialised in a only', () => {
    const { phi } = industryProximity(M).value;
    const d = relatednessDensity([1, 0, 0, 0], phi, M.industries).value;
    // b: φ(b,a)=1, φ(b,c)=½ → 1/1.5; c: φ(c,a)=½ of ½+½+½ → 1/3; d: φ(d,c)=½ only → 0; a: 0 (itself excluded)
    [0, 1 / 1.5, 0.5 / 1.5, 0].forEach((v, k) => expect(d[k]).toBeCloseTo(v, 12));
  });
  it('bad input is named', () => {
    expect(() => industryProximity({ ...M, values: Float64Array.of(2, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1) })).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'values', row: 0, value: 2 }) }));
    expect(() => relatednessDensity([1, 0], new Float64Array(16), M.industries)).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'specialised' }) }));
  });
  it('chainGaps leaves a firm of unknown size out of the sizes and LQs, counts it, and still counts it as a firm of its stage', () => {
    // four firms: a (0313, inside, 10), b (1351, inside, unknown), c (1351, inside, 30), d (1351, outside, 60)
    const firms = { ids: ['a', 'b', 'c', 'd'], industry: ['0313', '1351', '1351', '1351'], region: ['1', '1', '1', '2'], lon: Float64Array.of(1, 1, 1, 2), lat: Float64Array.of(1, 1, 1, 2), size: Float64Array.of(10, Number.NaN, 30, 60), inside: Uint8Array.of(1, 1, 1, 0) };
    const res = chainGaps(firms, { source: new Int32Array(0), target: new Int32Array(0), value: new Float64Array(0) }, [{ id: 's', order: 1, industries: ['1351'] }], null, { minFirms: 1 });
    const s = res.value.stages[0];
    expect(s.firmsInside).toBe(2);
    expect(s.sizeInside).toBe(30);
    // LQ over the known sizes: (30 / 40) / (90 / 100) = 5/6
    expect(s.lq).toBeCloseTo(5 / 6, 14);
    expect(res.warnings.join('\n')).toMatch(/1 of 4 firm\(s\) have no size/);
    expect(() => chainGaps({ ...firms, size: Float64Array.of(10, -1, 30, 60) }, { source: new Int32Array(0), target: new Int32Array(0), value: new Float64Array(0) }, [{ id: 's', order: 1, industries: ['1351'] }], null))
      .toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', details: expect.objectContaining({ field: 'size', row: 'b' }) }));
  });
  it('chainGaps refuses a link without a value, naming it', () => {
    const firms = { ids: ['x', 'y'], industry: ['0313', '1351'], region: ['1', '2'], lon: Float64Array.of(1, 2), lat: Float64Array.of(1, 2), size: Float64Array.of(1, 1), inside: Uint8Array.of(1, 0) };
    expect(() => chainGaps(firms, { source: Int32Array.of(1), target: Int32Array.of(0), value: Float64Array.of(Number.NaN) }, [{ id: 's', order: 1, industries: ['1351'] }], null))
      .toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', details: expect.objectContaining({ field: 'value', row: 0 }) }));
  });
});
