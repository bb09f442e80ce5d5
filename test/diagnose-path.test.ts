import { describe, expect, it } from 'vitest';
import { resolveThresholds } from '../src/diagnose/config.js';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import { measureCandidate, measureContext } from '../src/diagnose/measure.js';
import { defaultYears, earliestYear, snapshotData } from '../src/diagnose/path/snapshot.js';
import { trajectories, transitionsOf, type PathSnapshot } from '../src/diagnose/path/trajectory.js';
import { economy } from './diagnose-helpers.js';
import { plantPathBed } from './pathbed/plant.js';
import { scoreSeed, YEARS } from './pathbed/score.js';

const T = resolveThresholds();

describe('snapshots: the data as it stood in a year', () => {
  // firms 0–3 of one industry; firm 2 founded 2010, firm 3 undated (NaN), firm 1 a child of firm 2
  const d = economy(
    [{ industry: 'A', lon: 0, lat: 0, founded: 1990 }, { industry: 'A', lon: 0, lat: 0, founded: 2012 }, { industry: 'A', lon: 0, lat: 0, founded: 2010 }, { industry: 'A', lon: 0, lat: 0, founded: 2000 }],
    [[0, 2, 'supply'], [0, 3, 'supply'], [3, 0, 'technology'], [0, -1, 'membership'], [2, 1, 'spinoff']], 0, 1, [{ type: 'association', region: 0 }],
  );
  d.founded[3] = Number.NaN;
  d.parent[1] = 2;
  d.links.year.set([2005, 2001, Number.NaN, 1995, 2012]);

  it('keeps firms founded by the year and undated firms; links dated by the year between existing firms, and undated links', () => {
    const s = snapshotData(d, 2005);
    expect(s.data.id).toEqual(['F00000', 'F00003']); // firm 2 (2010) and firm 1 (2012) did not exist yet
    expect(Array.from(s.firmIndex)).toEqual([0, -1, -1, 1]);
    // link 0 (0→2, 2005) has an endpoint that did not exist; links 1 (2001), 2 (undated) and 3 (to the institution, 1995) are kept
    expect(Array.from(s.linkIndex)).toEqual([-1, 0, 1, 2, -1]);
    expect(Array.from(s.data.links.source)).toEqual([0, 1, 0]);
    expect(Array.from(s.data.links.target)).toEqual([1, 0, -1]); // the institution stays −1 (institutions are not re-indexed)
    expect(s.data.currentYear).toBe(2005);
    expect(s.data.institutions).toBe(d.institutions);
  });

  it('a link dated after the year is left out even when both firms exist; parents are re-indexed or dropped', () => {
    const s = snapshotData(d, 2011);
    expect(s.data.id).toEqual(['F00000', 'F00002', 'F00003']);
    expect(Array.from(s.linkIndex)).toEqual([0, 1, 2, 3, -1]);
    expect(snapshotData(d, 2012).data.parent[1]).toBe(2); // firm 1 → its parent firm 2, both present
    expect(Array.from(snapshotData(d, 2012).data.links.source)).toEqual([0, 0, 3, 0, 2]);
  });

  it('default years: every five years back from the current year while not before the earliest dated firm', () => {
    expect(defaultYears(2024, 2009)).toEqual([2009, 2014, 2019, 2024]);
    expect(defaultYears(2024, 2010)).toEqual([2014, 2019, 2024]);
    expect(defaultYears(2024, Number.NaN)).toEqual([2024]);
    expect(defaultYears(2024, 2030)).toEqual([2024]);
    expect(earliestYear(d, [1, 2, 3])).toBe(2010);
    expect(earliestYear(d, [3])).toBeNaN();
  });
});

describe('transitions', () => {
  const snap = (year: number, stage: PathSnapshot['stage'], radiation: PathSnapshot['radiation']): PathSnapshot => ({
    year, firms: 10, stage, radiation, scores: { geographic: 0, embeddedness: 0, flexible: 0, cooperative: 0, innovation: 0, selfOrganisation: 0 }, label: 'none', lq: null, datedFirmShare: 1, datedTieShare: 1, closedUndated: 0,
  });
  it('dates each change of stage or radiation by the two snapshots around it, in both languages', () => {
    const t = transitionsOf([snap(2003, null, null), snap(2008, 'concentration', null), snap(2013, 'agglomeration', 'receiving'), snap(2018, 'agglomeration', 'receiving')]);
    expect(t.map((x) => [x.kind, x.from, x.to, x.after, x.by])).toEqual([
      ['stage', null, 'concentration', 2003, 2008], ['stage', 'concentration', 'agglomeration', 2008, 2013], ['radiation', null, 'receiving', 2008, 2013],
    ]);
    expect(t[1].sentence.zh).toBe('集中 → 集聚：2008—2013 年间');
    expect(t[1].sentence.en).toBe('concentration (集中) → agglomeration (集聚) between 2008 and 2013');
  });
});

describe('trajectories', () => {
  it('the latest snapshot is today’s diagnosis (same measurement, same rules)', () => {
    const bed = plantPathBed(7);
    const d = bed.data;
    const ctx = measureContext(d, T);
    for (const s of bed.structures) {
      const raw = { kind: s.kind, firms: Int32Array.from(s.firms).sort(), industries: [], park: s.park, hull: null };
      const today = diagnoseIndicators(s.name, measureCandidate(ctx, raw).indicators, T);
      const [path] = trajectories(d, [{ id: s.name, name: s.name, raw }], T, { years: [d.currentYear] });
      const last = path.snapshots.at(-1)!;
      expect(last.firms).toBe(s.firms.length);
      expect([last.stage, last.radiation, last.label]).toEqual([today.stage.stage, today.radiation.level, today.concepts.label]);
      expect(last.scores).toEqual(today.stage.scores);
    }
  });

  it('default years run from the candidate’s earliest firm; a snapshot before the first firm is empty; closed firms and undated firms are stated', () => {
    const bed = plantPathBed(3);
    const s = bed.structures[0];
    const raw = { kind: s.kind, firms: Int32Array.from(s.firms).sort(), industries: [], park: s.park, hull: null };
    const [auto] = trajectories(bed.data, [{ id: 'g', name: 'g', raw }], T);
    const first = earliestYear(bed.data, s.firms);
    expect(auto.years[0]).toBeGreaterThanOrEqual(first);
    expect(auto.years[0] - 5).toBeLessThan(first);
    expect(auto.years.at(-1)).toBe(bed.currentYear);
    const closed = new Uint8Array(bed.data.firmCount);
    closed[s.firms[0]] = 1;
    const [early] = trajectories(bed.data, [{ id: 'g', name: 'g', raw }], T, { years: [1970, 2025], closed });
    expect(early.snapshots[0]).toMatchObject({ year: 1970, firms: 0, stage: null, radiation: null, label: 'none', datedFirmShare: null });
    expect(early.snapshots[1].closedUndated).toBe(1);
    expect(early.snapshots[1].datedFirmShare).toBe(1);
    expect(early.snapshots[1].datedTieShare).toBe(1);
    expect(early.caveats.en).toMatch(/^Survivor bias: firms that closed without a recorded date are missing/);
    expect(early.caveats.en).toMatch(/1 of the candidate's firms are registered closed/);
    expect(early.caveats.zh).toMatch(/幸存者偏差/);
  });

  it('dated-evidence shares count undated firms and ties', () => {
    const bed = plantPathBed(5);
    const s = bed.structures[2];
    bed.data.founded[s.firms[5]] = Number.NaN;
    // undate every tie of the structure's first leader
    for (let l = 0; l < bed.data.links.source.length; l++) if (bed.data.links.source[l] === s.firms[0] || bed.data.links.target[l] === s.firms[0]) bed.data.links.year[l] = Number.NaN;
    const raw = { kind: s.kind, firms: Int32Array.from(s.firms).sort(), industries: [], park: s.park, hull: null };
    const [path] = trajectories(bed.data, [{ id: 'o', name: 'o', raw }], T, { years: [2025] });
    const snap = path.snapshots[0];
    expect(snap.datedFirmShare).toBeCloseTo((s.firms.length - 1) / s.firms.length, 12);
    expect(snap.datedTieShare).toBeGreaterThan(0);
    expect(snap.datedTieShare).toBeLessThan(1);
    expect(path.caveats.en).toMatch(/1 firm\(s\) have no founding year/);
  });
});

describe('test bed: planted histories against reconstructed trajectories (20 seeds × 3 structures × 6 snapshots)', () => {
  it('stage and radiation equal the planted ones in ≥ 90% of (structure, year) pairs; every transition is dated within one snapshot interval', () => {
    const pairs = [];
    const transitions = [];
    for (let seed = 1; seed <= 20; seed++) {
      const r = scoreSeed(seed);
      pairs.push(...r.pairs);
      transitions.push(...r.transitions);
    }
    expect(pairs).toHaveLength(20 * 3 * YEARS.length);
    const agree = pairs.filter((p) => p.match).length / pairs.length;
    const inInterval = transitions.filter((t) => t.inInterval).length / transitions.length;
    const withinOne = transitions.filter((t) => t.withinOneInterval).length / transitions.length;
    console.log(`path test bed: ${pairs.filter((p) => p.match).length}/${pairs.length} (structure, year) pairs agree (${(100 * agree).toFixed(1)}%); `
      + `${transitions.length} planted transitions: ${(100 * inInterval).toFixed(1)}% in the reconstructed interval, ${(100 * withinOne).toFixed(1)}% within one snapshot interval`);
    expect(agree).toBeGreaterThanOrEqual(0.9);
    expect(withinOne).toBe(1);
    // the stalled park never leaves 集中
    expect(pairs.filter((p) => p.structure === 'stall').every((p) => p.got.stage === 'concentration' && p.got.radiation === null)).toBe(true);
    // a disagreement only ever falls in the two build-up years before a planted transition
    for (const p of pairs.filter((x) => !x.match)) {
      const r = scoreSeed(p.seed);
      const s = r.structures.find((x) => x.name === p.structure)!;
      expect(s.phases.some((ph) => ph.year > p.year && ph.year - 2 <= p.year), JSON.stringify(p)).toBe(true);
    }
  });
});
