/**
 * The independent test bed (test/testbed/): its generator plants what its parameters say, its
 * scorer counts by hand-checkable rules, and on a few seeds today's discovery gives the figures
 * stated in test/testbed/current-figures.ts (the full run is `npm run bench:discovery`;
 * docs/diagnosis.md, "Independent test bed"). When the diagnosis changes, those figures change:
 * update current-figures.ts from the run, and the table in docs/diagnosis.md from the bench.
 */
import { describe, expect, it } from 'vitest';
import { CURRENT_FIGURES, CURRENT_RUN } from './testbed/current-figures.js';
import { drawEconomy } from './testbed/economy.js';
import { figures } from './testbed/figures.js';
import { economyParams, STRENGTHS, type Kind } from './testbed/params.js';
import { incidentalConcentrations, runEconomy, scoreCandidates, type EconomyOutcome } from './testbed/score.js';
import { ELSEWHERE, PROVINCE, World, type Firm } from './testbed/world.js';

const economy = (seed: number, strength: 'weak' | 'medium' | 'strong' = 'medium') => drawEconomy(economyParams(seed, strength));
const members = (e: ReturnType<typeof economy>, kind: Kind): Firm[] => {
  const ids = new Set(e.planted.find((p) => p.kind === kind)!.firmIds);
  return e.world.firms.filter((f) => ids.has(f.id));
};
const pt = (f: Firm): [number, number] => [f.lon, f.lat];

describe('test-bed generator', () => {
  it('is deterministic in its seed', () => {
    const a = economy(3);
    const b = economy(3);
    const c = economy(4);
    expect(b.world.firms).toEqual(a.world.firms);
    expect(b.world.ties).toEqual(a.world.ties);
    expect(c.world.firms.map((f) => f.lon)).not.toEqual(a.world.firms.map((f) => f.lon));
  });

  it('plants one structure of each kind, in industries no other structure or the background uses', () => {
    const e = economy(5);
    expect(e.planted.map((p) => p.kind)).toEqual(['cluster', 'agglomeration', 'chain', 'park', 'concentration']);
    const divisions = e.planted.map((p) => new Set(p.industries.map((i) => i.slice(0, 2))));
    for (let i = 0; i < divisions.length; i++) {
      for (let j = i + 1; j < divisions.length; j++) expect([...divisions[i]].filter((d) => divisions[j].has(d))).toEqual([]);
    }
    const planted = new Set(e.planted.flatMap((p) => p.firmIds));
    const plantedDivisions = new Set(divisions.flatMap((d) => [...d]));
    const stray = e.world.firms.filter((f) => !planted.has(f.id) && plantedDivisions.has(f.industry.slice(0, 2)));
    // only the concentration's sibling class and the park's outside partners share a planted division
    const park = e.planted.find((p) => p.kind === 'park')!;
    const conc = e.planted.find((p) => p.kind === 'concentration')!;
    for (const f of stray) expect([park.industries[0].slice(0, 2), conc.industries[0].slice(0, 2)]).toContain(f.industry.slice(0, 2));
  });

  for (const strength of ['weak', 'strong'] as const) {
    it(`a ${strength} cluster has the spread, ties and institutions of its strength`, () => {
      const s = STRENGTHS[strength];
      const e = economy(11, strength);
      const m = members(e, 'cluster');
      const cx = m.reduce((a, f) => a + f.lon, 0) / m.length;
      const cy = m.reduce((a, f) => a + f.lat, 0) / m.length;
      // the mean distance from the centre of a 2-D normal with σ per axis is σ·√(π/2)
      const mean = m.reduce((a, f) => a + World.km(pt(f), [cx, cy]), 0) / m.length;
      expect(mean / (s.spreadKm * Math.sqrt(Math.PI / 2))).toBeGreaterThan(0.8);
      expect(mean / (s.spreadKm * Math.sqrt(Math.PI / 2))).toBeLessThan(1.2);
      const ids = new Set(m.map((f) => f.id));
      const internal = e.world.ties.filter((t) => ids.has(t.source) && ids.has(t.target) && t.type !== 'membership' && t.type !== 'service');
      expect(internal.length).toBeGreaterThanOrEqual(Math.round(s.tiesPerFirm * m.length * 0.95)); // a few self-pairs are dropped; noise adds a few
      const instIds = new Set(e.world.institutions.map((i) => i.id));
      const tiedToInst = new Set(e.world.ties.filter((t) => instIds.has(t.source) || instIds.has(t.target)).flatMap((t) => [t.source, t.target]).filter((x) => ids.has(x)));
      expect(Math.abs(tiedToInst.size / m.length - s.institutionLinkedShare)).toBeLessThan(0.12);
      const types = new Set(e.world.ties.filter((t) => ids.has(t.source) || ids.has(t.target)).flatMap((t) => [t.source, t.target])
        .map((x) => e.world.institutions.find((i) => i.id === x)?.type).filter((x) => x !== undefined && x !== 'bank' && x !== 'intermediary'));
      expect(types.size).toBe(s.institutionTypes);
    });
  }

  it('a chain ties each stage to the next only, and is spread over the province', () => {
    const e = economy(12, 'strong');
    const p = e.planted.find((x) => x.kind === 'chain')!;
    const stageOf = new Map(members(e, 'chain').map((f) => [f.id, p.industries.indexOf(f.industry)]));
    const chainTies = e.world.ties.filter((t) => stageOf.has(t.source) && stageOf.has(t.target));
    const planted = chainTies.filter((t) => stageOf.get(t.target)! - stageOf.get(t.source)! === 1);
    expect(planted.length).toBeGreaterThanOrEqual(Math.round(STRENGTHS.strong.tiesPerFirm * p.firmIds.length * 0.95));
    expect(new Set(members(e, 'chain').map((f) => f.region)).size).toBeGreaterThan(15);
  });

  it('a park holds its members, mostly owned from outside, trading with another province, plus unrelated firms without a park code', () => {
    const e = economy(13, 'medium');
    const park = e.world.parks[0];
    const xs = park.ring.map((r) => r[0]);
    const ys = park.ring.map((r) => r[1]);
    const inside = (f: Firm): boolean => f.lon > Math.min(...xs) && f.lon < Math.max(...xs) && f.lat > Math.min(...ys) && f.lat < Math.max(...ys);
    const m = members(e, 'park');
    expect(m.every(inside)).toBe(true);
    expect(m.every((f) => f.park === park.id)).toBe(true);
    const external = m.filter((f) => f.ownership !== 'local').length / m.length;
    expect(Math.abs(external - STRENGTHS.medium.externalShare)).toBeLessThan(0.15);
    const ids = new Set(m.map((f) => f.id));
    const noise = e.world.firms.filter((f) => inside(f) && !ids.has(f.id));
    expect(noise.length).toBeGreaterThanOrEqual(Math.round(0.15 * m.length));
    expect(noise.every((f) => f.park === '')).toBe(true);
    const outsideIds = new Set(e.world.firms.filter((f) => f.region === '').map((f) => f.id));
    const external_ties = e.world.ties.filter((t) => (ids.has(t.source) && outsideIds.has(t.target)) || (ids.has(t.target) && outsideIds.has(t.source)));
    expect(external_ties.length).toBeGreaterThanOrEqual(Math.round(STRENGTHS.medium.tiesPerFirm * m.length * 0.9));
  });

  it('a concentration: three far-apart giants hold the strength\'s share of the class output; a larger sibling class shares its group', () => {
    for (const strength of ['weak', 'strong'] as const) {
      const e = economy(14, strength);
      const m = members(e, 'concentration');
      const byOutput = [...m].sort((a, b) => b.output - a.output);
      const total = m.reduce((a, f) => a + f.output, 0);
      const giants = byOutput.slice(0, 3);
      expect(giants.reduce((a, f) => a + f.output, 0) / total).toBeCloseTo(STRENGTHS[strength].giantShare, 3);
      for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(World.km(pt(giants[i]), pt(giants[j]))).toBeGreaterThan(60);
      const cls = e.planted.find((p) => p.kind === 'concentration')!.industries[0];
      const sibling = e.world.firms.filter((f) => f.industry !== cls && f.industry.slice(0, 3) === cls.slice(0, 3));
      expect(sibling.length).toBe(Math.round(1.5 * m.length));
    }
  });

  it('firms outside the study area lie in another province, far beyond the regions\' extent', () => {
    const e = economy(15);
    const out = e.world.firms.filter((f) => f.region === '');
    expect(out.length).toBeGreaterThanOrEqual(Math.round(0.03 * 3000));
    expect(out.every((f) => f.lon >= ELSEWHERE.lon0 && f.lat <= ELSEWHERE.lat0 + ELSEWHERE.dLat)).toBe(true);
    expect(out.every((f) => f.lon > PROVINCE.lon0 + PROVINCE.cols * PROVINCE.dLon + 0.5)).toBe(true);
  });

  it('a pure-noise economy plants nothing and has no park', () => {
    const e = drawEconomy(economyParams(16, 'medium', { kinds: [] }));
    expect(e.planted).toEqual([]);
    expect(e.world.parks).toEqual([]);
  });
});

describe('test-bed scorer', () => {
  const ids = (a: number, b: number): string[] => Array.from({ length: b - a }, (_, i) => `F${a + i}`);
  it('found at Jaccard 0.8, not below; precision counts the candidates claiming a kind by label', () => {
    const planted = [{ kind: 'cluster' as const, name: 'c', firmIds: ids(0, 80) }, { kind: 'chain' as const, name: 'h', firmIds: ids(100, 180) }];
    const r = scoreCandidates(planted, [
      { id: 'C1', label: 'cluster', firmIds: [...ids(0, 80), ...ids(200, 220)] }, // 80 / 100 = 0.8: found
      { id: 'C2', label: 'chain_without_agglomeration', firmIds: ids(100, 163) }, // 63 / 80 = 0.7875: not found
      { id: 'C3', label: 'chain_without_agglomeration', firmIds: ids(300, 310) }, // spurious
      { id: 'C4', label: 'none', firmIds: ids(400, 410) },
    ]);
    expect(r.planted.map((p) => [p.found, p.jaccard, p.labelRight])).toEqual([[true, 0.8, true], [false, 0.788, false]]);
    expect(r.claims.cluster).toEqual({ candidates: 1, truePositives: 1, incidental: 0 });
    expect(r.claims.chain).toEqual({ candidates: 2, truePositives: 0, incidental: 0 });
    expect(r.structureLabels).toBe(3);
    expect(r.labels).toEqual({ cluster: 1, chain_without_agglomeration: 2, none: 1 });
  });
  it('a found structure with another label is found but wrongly labelled, and a false positive of the claimed kind', () => {
    const r = scoreCandidates([{ kind: 'cluster', name: 'c', firmIds: ids(0, 10) }], [{ id: 'C1', label: 'agglomeration_without_cluster', firmIds: ids(0, 10) }]);
    expect(r.planted[0]).toMatchObject({ found: true, labelRight: false, label: 'agglomeration_without_cluster' });
    expect(r.claims.agglomeration).toEqual({ candidates: 1, truePositives: 0, incidental: 0 });
  });
  it('a concentration claim on a background class concentrated by chance is incidental, not false; below CR4 0.4 it is false', () => {
    const counties = [{ code: '520101' }];
    const firm = (id: string, industry: string, output: number, region = '520101') => ({ id, industry, region, output });
    // class 5139: four of 10 firms hold 400 of 700 (0.571 > 0.4); class 5140: even sizes (CR4 0.4, not above); class 3311 is planted
    const firms = [
      ...['a', 'b', 'c', 'd'].map((x) => firm(`G${x}`, '5139', 100)), ...Array.from({ length: 6 }, (_, i) => firm(`S${i}`, '5139', 50)),
      ...Array.from({ length: 10 }, (_, i) => firm(`E${i}`, '5140', 10)), firm('Z0', '5139', 10_000, '999999'),
      ...Array.from({ length: 5 }, (_, i) => firm(`P${i}`, '3311', i === 0 ? 1000 : 1)),
    ];
    const planted = [{ kind: 'concentration' as const, name: 'p', firmIds: ['P0', 'P1', 'P2', 'P3', 'P4'] }];
    const inc = incidentalConcentrations({ firms, counties }, planted);
    expect(inc.map((x) => x.name)).toEqual(['background class 5139']); // outside firm Z0 is not counted
    expect(inc[0].firmIds).toHaveLength(10);
    const r = scoreCandidates(planted, [
      { id: 'C1', label: 'concentration_only', firmIds: ['P0', 'P1', 'P2', 'P3', 'P4'] },
      { id: 'C2', label: 'concentration_only', firmIds: inc[0].firmIds },
      { id: 'C3', label: 'concentration_only', firmIds: firms.filter((f) => f.industry === '5140').map((f) => f.id) },
    ], inc);
    expect(r.claims.concentration).toEqual({ candidates: 3, truePositives: 1, incidental: 1 });
  });
});

describe('today\'s discovery on a few test-bed seeds (figures in test/testbed/current-figures.ts)', () => {
  it('ingests every economy without a reject and gives the stated figures', async () => {
    const outcomes: EconomyOutcome[] = [];
    for (const seed of CURRENT_RUN.seeds) outcomes.push(await runEconomy(economyParams(seed, CURRENT_RUN.strength)));
    for (const seed of CURRENT_RUN.noiseSeeds) outcomes.push(await runEconomy(economyParams(seed, 'medium', { kinds: [] })));
    expect(outcomes.map((o) => o.rejectedRows)).toEqual(outcomes.map(() => 0));
    const f = figures(outcomes);
    const all = Object.fromEntries(f.rows.filter((r) => r.strength === 'all').map((r) => [r.kind, { recall: r.recall, precision: r.precision, labelAccuracy: r.labelAccuracy }]));
    expect({ kinds: all, noiseClean: f.noise.cleanShare }).toEqual(CURRENT_FIGURES);
  }, 120_000);
});
