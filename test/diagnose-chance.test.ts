import { describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { resolveThresholds } from '../src/diagnose/config.js';
import { discoverCandidates } from '../src/diagnose/discover.js';
import { tieStructure } from '../src/diagnose/discover/tie-structure.js';
import { kdLocalisedVerdict, KD_LOCAL_RANGE_KM } from '../src/diagnose/kd-verdict.js';
import { measureCandidate, measureContext } from '../src/diagnose/measure.js';
import { economy, type FirmSpec } from './diagnose-helpers.js';

// The rules of issue 14 at their edges: ties tested against chance, concentration at every
// classification level, park members by field, firms outside the study area, one K-density verdict.

const T = resolveThresholds();

/** G groups of `per` firms each (class codes 1011, 1021, …: distinct 3-digit groups), spread over ≈ 200 km. */
function groups(G: number, per: number, seed: number): FirmSpec[] {
  const rng = createRng(seed);
  const out: FirmSpec[] = [];
  for (let g = 0; g < G; g++) for (let q = 0; q < per; q++) out.push({ industry: `1${String(g + 1).padStart(2, '0')}1`, lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next() });
  return out;
}

/** Exactly r ties on every ordered group pair (a = b included), between random firms of the two groups. */
function uniformTies(G: number, per: number, r: number, seed: number): Array<[number, number, 'supply']> {
  const rng = createRng(seed);
  const out: Array<[number, number, 'supply']> = [];
  for (let a = 0; a < G; a++) {
    for (let b = 0; b < G; b++) {
      for (let q = 0; q < r; q++) {
        const x = a * per + Math.floor(rng.next() * per);
        let y = b * per + Math.floor(rng.next() * per);
        if (y === x) y = b * per + ((y - b * per + 1) % per);
        out.push([x, y, 'supply']);
      }
    }
  }
  return out;
}

describe('ties tested against chance (configuration model, Bonferroni, lift)', () => {
  // G = 16 groups, r = 3 ties on every ordered pair: L = 768, m = 256. test/reference/
  // tie-structure-power.py (scipy 1.10.1): x = 12 extra ties on one pair give O = 15, E = 4.615,
  // P(X ≥ 15) = 9.69e-5 ≤ 0.05 / 256 = 1.95e-4 (significant); x = 11 give O = 14, E = 4.469,
  // P = 2.35e-4 (not).
  const G = 16;
  const per = 20;
  const firms = groups(G, per, 3);
  const noise = uniformTies(G, per, 3, 4);
  // a two-stage chain: one supplier of group 1 (firm 0) selling to firms of group 2
  const planted = (x: number): Array<[number, number, 'supply']> => Array.from({ length: x }, (_, q) => [0, per + (q % per), 'supply']);

  it('a chain just above detectability (12 extra ties on the pair) is a significant pair and a network candidate', () => {
    const d = economy(firms, [...noise, ...planted(12)]);
    const s = tieStructure(d, T);
    expect(s.tested).toBe(256);
    expect([...s.significant.values()].map((p) => `${p.from}>${p.to}`)).toEqual(['101>102']);
    const pair = [...s.significant.values()][0];
    expect(pair.observed).toBe(15);
    expect(pair.expected).toBeCloseTo(4.615385, 5);
    const nets = discoverCandidates(d, T).candidates.filter((c) => c.kind === 'network');
    expect(nets).toHaveLength(1);
    expect([...nets[0].industries].sort()).toEqual(['1011', '1021']);
  });

  it('just below (11 extra ties) it is chance: no significant pair, no network, one "no structure" note', () => {
    const d = economy(firms, [...noise, ...planted(11)]);
    expect(tieStructure(d, T).significant.size).toBe(0);
    const disc = discoverCandidates(d, T);
    expect(disc.candidates.filter((c) => c.kind === 'network')).toHaveLength(0);
    const notes = disc.stats.dropped.filter((x) => x.startsWith('no structure'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/0 of 256 pairs significant/);
  });

  it('materiality: a pair far above chance by significance but below tiePairLift × E is not structure', () => {
    // with the lift raised to 4, O = 15 against E = 4.6 (lift 3.25) no longer counts
    const d = economy(firms, [...noise, ...planted(12)]);
    expect(tieStructure(d, resolveThresholds({ tiePairLift: 4 })).significant.size).toBe(0);
  });

  it('pure noise (6,000 firms of 16 unrelated groups, 4,000 random ties): no significant pair, no network, in each of 5 draws', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(100 + seed);
      const f = groups(16, 375, seed);
      const ties: Array<[number, number, 'supply']> = [];
      while (ties.length < 4000) {
        const a = Math.floor(rng.next() * f.length);
        const b = Math.floor(rng.next() * f.length);
        if (a !== b) ties.push([a, b, 'supply']);
      }
      const d = economy(f, ties);
      expect(tieStructure(d, T).significant.size, `seed ${seed}`).toBe(0);
      const disc = discoverCandidates(d, T);
      expect(disc.candidates.filter((c) => c.kind === 'network'), `seed ${seed}`).toHaveLength(0);
    }
  });

  it('a chain candidate reports its stages upstream first and passes the chain rule only on structured ties', () => {
    // three stages 101 → 102 → 103, 12 extra ties on each pair: each pair significant
    const chain: Array<[number, number, 'supply']> = [...planted(12), ...Array.from({ length: 12 }, (_, q): [number, number, 'supply'] => [per + (q % per), 2 * per + (q % per), 'supply'])];
    const d = economy(firms, [...noise, ...chain]);
    const members = Int32Array.from({ length: 3 * per }, (_, k) => k);
    const m = measureCandidate(measureContext(d, T), { kind: 'network', firms: members, industries: ['1011', '1021', '1031'], park: -1, hull: null });
    expect(m.chainStages).toEqual(['101', '102', '103']);
    expect(m.indicators.chainStagesLinked).toBe(3);
    // the same firms with only the random ties: nothing is structured
    const n = measureCandidate(measureContext(economy(firms, noise), T), { kind: 'network', firms: members, industries: ['1011', '1021', '1031'], park: -1, hull: null });
    expect(n.indicators.chainStagesLinked).toBe(0);
    expect(n.indicators.chainLinksPerFirm).toBe(0);
  });
});

describe('concentration at every classification level', () => {
  const rng = createRng(21);
  const spread = (n: number, industry: string, output: number): FirmSpec[] => Array.from({ length: n }, () => ({ industry, lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next(), output }));
  // class 3851: three giants far apart and unlinked among 57 small plants; class 3855 of the same group: 400 equal plants
  const giants: FirmSpec[] = [{ industry: '3851', lon: 119.1, lat: 29.1, output: 1000 }, { industry: '3851', lon: 120.9, lat: 30.9, output: 1000 }, { industry: '3851', lon: 119.1, lat: 30.9, output: 1000 }];
  const bg = spread(1000, '5212', 10);

  it('a class concentrated inside a spread-out group is found as the class (the group is not)', () => {
    // group 385: CR4 = (3000 + 10) / (3570 + 20000) = 0.13 — spread; class 3851: CR4 = 3010 / 3570 = 0.84
    const d = economy([...bg, ...giants, ...spread(57, '3851', 10), ...spread(400, '3855', 50)]);
    const ind = discoverCandidates(d, T).candidates.filter((c) => c.kind === 'industry');
    expect(ind.map((c) => [c.industries, c.level, c.firms.length])).toEqual([[['3851'], 'class', 60]]);
  });

  it('no double counting: a group concentrated only through its concentrated class is not a second candidate', () => {
    // with 100 tiny plants in 3855 the whole group has CR4 0.82, but only because of class 3851
    const d = economy([...bg, ...giants, ...spread(57, '3851', 10), ...spread(100, '3855', 1)]);
    const ind = discoverCandidates(d, T).candidates.filter((c) => c.kind === 'industry');
    expect(ind.map((c) => [c.industries, c.level])).toEqual([[['3851'], 'class']]);
  });

  it('the same groups dominating two classes make the group the concentrated industry (one candidate)', () => {
    // plants of three enterprise groups (roots 1000, 1001, 1002 of bg) hold most of both 3851 and 3852
    const heads: FirmSpec[] = [0, 1, 2].map(() => ({ industry: '3851', lon: 119.5, lat: 29.5, output: 1000 }));
    const h0 = bg.length;
    const plants = [0, 1, 2].map((g): FirmSpec => ({ industry: '3852', lon: 120.5, lat: 30.5, output: 1000, parent: h0 + g }));
    const d = economy([...bg, ...heads, ...plants, ...spread(57, '3851', 10), ...spread(57, '3852', 10)]);
    const ind = discoverCandidates(d, T).candidates.filter((c) => c.kind === 'industry');
    expect(ind.map((c) => [c.industries, c.level, c.firms.length])).toEqual([[['385'], 'group', 120]]);
    const m = measureCandidate(measureContext(d, T), ind[0]);
    expect(m.indicators.concentrationLevel).toBe(3);
  });
});

describe('park members by field', () => {
  it('a park with unrelated firms: its candidate is the field; the others are counted beside it, outside its indicators', () => {
    const rng = createRng(31);
    const bg: FirmSpec[] = Array.from({ length: 1500 }, (_, k) => ({ industry: ['5212', '6210', '5232', '4710'][k % 4], lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next() }));
    const dyers: FirmSpec[] = Array.from({ length: 40 }, (_, k) => ({ industry: k % 2 ? '1752' : '1751', lon: 120 + 0.01 * rng.next(), lat: 30 + 0.01 * rng.next(), park: 0 }));
    const unrelated: FirmSpec[] = Array.from({ length: 12 }, (_, k) => ({ industry: ['5212', '6210', '4710'][k % 3], lon: 120 + 0.01 * rng.next(), lat: 30 + 0.01 * rng.next(), park: 0 }));
    const d = economy([...bg, ...dyers, ...unrelated], [], 1);
    const parks = discoverCandidates(d, T).candidates.filter((c) => c.kind === 'park');
    expect(parks).toHaveLength(1);
    expect(parks[0].firms.length).toBe(40);
    expect([...parks[0].industries].sort()).toEqual(['1751', '1752']);
    expect(parks[0].alsoInPark).toBe(12);
    const m = measureCandidate(measureContext(d, T), parks[0]);
    expect(m.indicators.otherParkFirms).toBe(12);
    expect(m.indicators.dominantFieldShare).toBe(1);
    expect(m.notes.join(' ')).toMatch(/also in the park: 12 firm\(s\) of other industries/);
  });
});

describe('firms outside the study area', () => {
  it('form no candidate, even packed in one spot, but their ties count as outflow and OEM inbound', () => {
    const rng = createRng(41);
    const bg: FirmSpec[] = Array.from({ length: 1500 }, (_, k) => ({ industry: ['5212', '6210', '5232', '4710'][k % 4], lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next() }));
    const inside: FirmSpec[] = Array.from({ length: 30 }, () => ({ industry: '1952', lon: 120 + 0.01 * rng.next(), lat: 30 + 0.01 * rng.next() }));
    const outside: FirmSpec[] = Array.from({ length: 30 }, () => ({ industry: '1819', lon: 121 + 0.01 * rng.next(), lat: 30.5 + 0.01 * rng.next(), region: -1, outside: true }));
    const i0 = bg.length;
    const o0 = i0 + inside.length;
    // each outside firm makes for one inside firm (subcontract: source makes for target)
    const links = Array.from({ length: 30 }, (_, q): [number, number, 'subcontract'] => [o0 + q, i0 + q, 'subcontract']);
    const d = economy([...bg, ...inside, ...outside], links);
    const cands = discoverCandidates(d, T).candidates;
    expect(cands.some((c) => Array.from(c.firms).some((k) => k >= o0))).toBe(false);
    const hot = cands.filter((c) => c.kind === 'hotspot');
    expect(hot.map((c) => c.industries)).toEqual([['1952']]);
    const m = measureCandidate(measureContext(d, T), hot[0]);
    expect(m.indicators.outflowShare).toBe(1);
    expect(m.indicators.oemInboundShare).toBe(1);
  });
});

describe('one K-density verdict', () => {
  it(`localised only when the curve rises above the global band at ≤ ${KD_LOCAL_RANGE_KM} km`, () => {
    expect(kdLocalisedVerdict([{ from: 0, to: 12, kind: 'localisation' }])).toBe(true);
    expect(kdLocalisedVerdict([{ from: 50, to: 80, kind: 'localisation' }])).toBe(true);
    // the case: dispersed at 0–20 km, above the band at 170–200 km → not localised
    expect(kdLocalisedVerdict([{ from: 0, to: 20, kind: 'dispersion' }, { from: 170, to: 200, kind: 'localisation' }])).toBe(false);
    expect(kdLocalisedVerdict([{ from: 50.5, to: 90, kind: 'localisation' }])).toBe(false);
    expect(kdLocalisedVerdict([])).toBe(false);
    expect(kdLocalisedVerdict(undefined)).toBe(false);
  });
});

describe('satellites: partner towns of a distant candidate', () => {
  const rng = createRng(51);
  const bg: FirmSpec[] = Array.from({ length: 2000 }, (_, k) => ({ industry: ['5212', '6210', '5232', '4710'][k % 4], lon: 119 + 2 * rng.next(), lat: 29 + 2 * rng.next(), region: k % 2 }));
  const dot = (n: number, industry: string, lon: number, lat: number, region: number): FirmSpec[] => Array.from({ length: n }, () => ({ industry, lon: lon + 0.01 * rng.next(), lat: lat + 0.01 * rng.next(), region }));
  const home = dot(60, '1952', 120, 30, 0);
  const town = dot(20, '1952', 120.8, 30.8, 1);
  const h0 = bg.length;
  const t0 = h0 + home.length;

  it('a spot whose ties mostly run to a cluster in another region is its outside partners, not a candidate', () => {
    // each town firm makes for a home firm (20 tie-ends of 20 leave to the home hotspot)
    const work = Array.from({ length: 20 }, (_, q): [number, number, 'subcontract'] => [t0 + q, h0 + q, 'subcontract']);
    const disc = discoverCandidates(economy([...bg, ...home, ...town], work, 0, 2), T);
    expect(disc.candidates.filter((c) => c.kind === 'hotspot').map((c) => c.firms.length)).toEqual([60]);
    expect(disc.stats.dropped.join(' ')).toMatch(/hotspot of 1952 \(20 firms\): 20 of its 20 tie-ends run to the larger hotspot of 1952 \(60 firms\) in other regions — its outside partners/);
  });

  it('a town tied mostly among itself is a candidate of its own, though it also sells to the cluster', () => {
    const work = Array.from({ length: 10 }, (_, q): [number, number, 'subcontract'] => [t0 + q, h0 + q, 'subcontract']);
    // 20 ties among the town's firms: 40 own tie-ends against 10 to the home hotspot
    const own = Array.from({ length: 20 }, (_, q): [number, number, 'supply'] => [t0 + q, t0 + ((q + 1) % 20), 'supply']);
    const disc = discoverCandidates(economy([...bg, ...home, ...town], [...work, ...own], 0, 2), T);
    expect(disc.candidates.filter((c) => c.kind === 'hotspot').map((c) => c.firms.length).sort()).toEqual([20, 60]);
  });
});

describe('significant pairs must be IO-linked or run downstream in a chain template, when the data says which industries trade', () => {
  const G = 16;
  const per = 20;
  const firms = groups(G, per, 3);
  const noise = uniformTies(G, per, 3, 4);
  // 16 extra ties 101 → 102 and 16 extra ties 101 → 103 (firm 0 supplies): O = 19 against
  // E = 80 · 64 / 800 = 6.4 on each pair, both significant
  const planted: Array<[number, number, 'supply']> = [
    ...Array.from({ length: 16 }, (_, q): [number, number, 'supply'] => [0, per + (q % per), 'supply']),
    ...Array.from({ length: 16 }, (_, q): [number, number, 'supply'] => [0, 2 * per + (q % per), 'supply']),
  ];
  const pairsOf = (d: ReturnType<typeof economy>): string[] => [...tieStructure(d, T).significant.values()].map((p) => `${p.from}>${p.to}`).sort();

  it('without an IO table or template both pairs are structure', () => {
    expect(pairsOf(economy(firms, [...noise, ...planted]))).toEqual(['101>102', '101>103']);
  });

  it('a chain template keeps upstream → downstream pairs, the next stage or a later one, and drops a pair against its order', () => {
    const d = economy(firms, [...noise, ...planted]);
    // 101 at stage 1, 102 at stage 2, 103 at stage 4: both pairs run downstream (101 → 103 skips stage 3)
    d.chainKnowledge = { templates: [{ id: 't', stages: [
      { id: 'a', order: 1, role: 'vertical', industries: ['1011'] }, { id: 'b', order: 2, role: 'vertical', industries: ['1021'] }, { id: 'c', order: 4, role: 'vertical', industries: ['1031'] },
    ] }] };
    expect(pairsOf(d)).toEqual(['101>102', '101>103']);
    expect(tieStructure(d, T).unlinked).toBe(0);
    // 103 upstream of 101: the 101 → 103 ties run against the chain's order and are not structure
    const e = economy(firms, [...noise, ...planted]);
    e.chainKnowledge = { templates: [{ id: 't', stages: [
      { id: 'c', order: 1, role: 'vertical', industries: ['1031'] }, { id: 'a', order: 2, role: 'vertical', industries: ['1011'] }, { id: 'b', order: 3, role: 'vertical', industries: ['1021'] },
    ] }] };
    expect(pairsOf(e)).toEqual(['101>102']);
    expect(tieStructure(e, T).unlinked).toBe(1);
    // 103 in no template: the template (of another chain) says nothing of it, so the pair stands
    // on the tie test alone, counted as not judged
    const f = economy(firms, [...noise, ...planted]);
    f.chainKnowledge = { templates: [{ id: 't', stages: [{ id: 'a', order: 1, role: 'vertical', industries: ['1011'] }, { id: 'b', order: 2, role: 'vertical', industries: ['1021'] }] }] };
    expect(pairsOf(f)).toEqual(['101>102', '101>103']);
    expect(tieStructure(f, T).unlinked).toBe(0);
    expect(tieStructure(f, T).unjudged).toBe(1);
  });

  it('an IO table judges only the groups its sector map covers', () => {
    // S1 (1011) → S2 (1021) at a = 0.02; 1031 maps to no sector: 101 → 103 is kept, not judged
    const z = new Float64Array(4);
    z[0 * 2 + 1] = 20;
    const d = economy(firms, [...noise, ...planted]);
    d.chainKnowledge = { io: { table: { sectors: ['S1', 'S2'], names: [null, null], z, totalOutput: Float64Array.of(1000, 1000) }, sectorOf: new Map([['1011', 'S1'], ['1021', 'S2']]) } };
    expect(pairsOf(d)).toEqual(['101>102', '101>103']);
    expect(tieStructure(d, T).unjudged).toBe(1);
    // map 1031 to S2 as well: now covered, and S1 → S2 links 101 → 103 too
    const e = economy(firms, [...noise, ...planted]);
    e.chainKnowledge = { io: { table: { sectors: ['S1', 'S2'], names: [null, null], z, totalOutput: Float64Array.of(1000, 1000) }, sectorOf: new Map([['1011', 'S1'], ['1021', 'S2'], ['1031', 'S2']]) } };
    expect(pairsOf(e)).toEqual(['101>102', '101>103']);
    expect(tieStructure(e, T).unjudged).toBe(0);
    // 1031 in a sector S1 buys nothing from (z(S1 → S3) = 0): covered and not linked, dropped
    const z3 = new Float64Array(9);
    z3[0 * 3 + 1] = 20;
    const f = economy(firms, [...noise, ...planted]);
    f.chainKnowledge = { io: { table: { sectors: ['S1', 'S2', 'S3'], names: [null, null, null], z: z3, totalOutput: Float64Array.of(1000, 1000, 1000) }, sectorOf: new Map([['1011', 'S1'], ['1021', 'S2'], ['1031', 'S3']]) } };
    expect(pairsOf(f)).toEqual(['101>102']);
    expect(tieStructure(f, T).unlinked).toBe(1);
  });

  it('an IO table keeps the pair whose technical coefficient reaches ioCoefficientMin (0.01)', () => {
    const d = economy(firms, [...noise, ...planted]);
    // sectors S1 (1011), S2 (1021), S3 (1031); output 1000 each; z(S1→S2) = 10 (a = 0.01), z(S1→S3) = 9.99 (a < 0.01)
    const z = new Float64Array(9);
    z[0 * 3 + 1] = 10;
    z[0 * 3 + 2] = 9.99;
    d.chainKnowledge = { io: { table: { sectors: ['S1', 'S2', 'S3'], names: [null, null, null], z, totalOutput: Float64Array.of(1000, 1000, 1000) }, sectorOf: new Map([['1011', 'S1'], ['1021', 'S2'], ['1031', 'S3']]) } };
    expect(pairsOf(d)).toEqual(['101>102']);
  });
});

describe('networks: enterprise groups and fragments', () => {
  const G = 16;
  const per = 20;
  const noise = uniformTies(G, per, 3, 4);
  // two separate stage stars 101 → 102 (firm 0 → 12 firms of 102) and 101 → 102 (firm 1 → 12 others)
  const star = (hub: number, from: number): Array<[number, number, 'supply']> => Array.from({ length: 8 }, (_, q): [number, number, 'supply'] => [hub, per + from + q, 'supply']);

  it('two structured components whose hubs are plants of one enterprise group are one network', () => {
    // the random ties of the 101 → 102 pair also become structured: take the pair only from the stars
    const firms = groups(G, per, 3);
    const ties = [...noise.filter(([a, b]) => !(a < per && b >= per && b < 2 * per)), ...star(0, 0), ...star(1, 8)];
    const apart = discoverCandidates(economy(firms, ties), T).candidates.filter((c) => c.kind === 'network');
    expect(apart.map((c) => c.firms.length).sort()).toEqual([9, 9]);
    firms[1] = { ...firms[1], parent: 0 };
    const joined = discoverCandidates(economy(firms, ties), T).candidates.filter((c) => c.kind === 'network');
    expect(joined.map((c) => c.firms.length)).toEqual([18]);
  });
});
