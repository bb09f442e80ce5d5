/**
 * Development paths (seed essay 5: 集中 → 集聚 → 集群, and receiving → inward → outward
 * radiation, "the basic logical trajectory" of a park's cluster): a candidate's diagnosis at a
 * series of past years, each reconstructed from what the data dates (snapshot.ts) by the same
 * measurement (measure.ts measureCandidate) and the same rules (diagnoseIndicators: concepts,
 * stage, radiation, typology) as today's diagnosis, on the candidate's firms that existed then.
 *
 * Per snapshot: firms, stage, radiation, the six characteristic scores, the headline label, and
 * how much rests on dated evidence (the share of its firms with a founding year, of its ties
 * with a year). Transitions between consecutive snapshots are dated by the interval in which
 * they happened ("集中 → 集聚 between 2008 and 2013"). Snapshots are built one year at a time and
 * shared by every candidate that needs that year.
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import type { RawCandidate } from '../discover/types.js';
import { diagnoseIndicators, type Characteristic, type HeadlineLabel, type RadiationLevel, type Stage } from '../index.js';
import { measureCandidate, measureContext, type MeasureOptions } from '../measure.js';
import { defaultYears, earliestYear, snapshotData } from './snapshot.js';

export interface PathCandidate {
  id: string;
  name: string;
  /** The candidate with firm indices into the full data. */
  raw: RawCandidate;
}

export interface PathSnapshot {
  year: number;
  /** The candidate's firms that existed in that year (founded by then, or undated). */
  firms: number;
  stage: Stage | null;
  radiation: RadiationLevel | null;
  scores: Record<Characteristic, number | null>;
  label: HeadlineLabel;
  /** The candidate's location quotient that year (null: not measured). */
  lq: number | null;
  /** Share of the snapshot's firms with a known founding year (null without firms). */
  datedFirmShare: number | null;
  /** Share of the ties incident to the snapshot's firms with a known year (null without ties). */
  datedTieShare: number | null;
  /** Firms registered closed without a closure date, counted present. */
  closedUndated: number;
}

export interface Transition {
  kind: 'stage' | 'radiation';
  from: string | null;
  to: string | null;
  /** The change happened after `after` and by `by` (two consecutive snapshot years). */
  after: number;
  by: number;
  sentence: { zh: string; en: string };
}

export interface Trajectory {
  years: number[];
  snapshots: PathSnapshot[];
  transitions: Transition[];
  /** The survivor-bias statement and what the reconstruction cannot date. */
  caveats: { zh: string; en: string };
}

export interface TrajectoryOptions extends MeasureOptions {
  /** Snapshot years (ascending after sorting); default every `step` years back from the data's current year to the candidate's earliest dated firm. */
  years?: number[];
  step?: number;
  /** 1 for a firm the register lists as closed (no closure date); absent when the data has no status. */
  closed?: Uint8Array;
}

const STAGE_TEXT: Record<string, { zh: string; en: string }> = {
  concentration: { zh: '集中', en: 'concentration (集中)' },
  agglomeration: { zh: '集聚', en: 'agglomeration (集聚)' },
  cluster: { zh: '集群', en: 'cluster (集群)' },
};
const RADIATION_TEXT: Record<string, { zh: string; en: string }> = {
  receiving: { zh: '辐射接受中心', en: 'receiving centre' },
  inward: { zh: '向内辐射中心', en: 'inward-radiating centre' },
  outward: { zh: '向外辐射中心', en: 'outward-radiating centre' },
};
const NONE = { stage: { zh: '未成集聚', en: 'not agglomerated' }, radiation: { zh: '无辐射', en: 'no radiation level' } };

function transitionSentence(kind: 'stage' | 'radiation', from: string | null, to: string | null, after: number, by: number): { zh: string; en: string } {
  const text = kind === 'stage' ? STAGE_TEXT : RADIATION_TEXT;
  const name = (v: string | null): { zh: string; en: string } => (v === null ? NONE[kind] : text[v]);
  return { zh: `${name(from).zh} → ${name(to).zh}：${after}—${by} 年间`, en: `${name(from).en} → ${name(to).en} between ${after} and ${by}` };
}

export function transitionsOf(snapshots: PathSnapshot[]): Transition[] {
  const out: Transition[] = [];
  for (let i = 1; i < snapshots.length; i++) {
    const a = snapshots[i - 1];
    const b = snapshots[i];
    if (a.stage !== b.stage) out.push({ kind: 'stage', from: a.stage, to: b.stage, after: a.year, by: b.year, sentence: transitionSentence('stage', a.stage, b.stage, a.year, b.year) });
    if (a.radiation !== b.radiation) out.push({ kind: 'radiation', from: a.radiation, to: b.radiation, after: a.year, by: b.year, sentence: transitionSentence('radiation', a.radiation, b.radiation, a.year, b.year) });
  }
  return out;
}

/** The survivor-bias statement every trajectory carries (the run's one line in the terminal). */
export const SURVIVOR_BIAS = {
  en: 'Survivor bias: firms that closed without a recorded date are missing from every past snapshot, so the past holds only the firms that survived (or were recorded). ',
  zh: '幸存者偏差：未记录注销日期而已关闭的企业不在任何过去的快照中，过去只剩存活（或有记录）的企业。',
};

function caveats(closed: number, undatedFirms: number): { zh: string; en: string } {
  return {
    en: SURVIVOR_BIAS.en
      + `${closed > 0 ? `${closed} of the candidate's firms are registered closed with no closure date and are counted present from their founding on. ` : ''}`
      + `${undatedFirms > 0 ? `${undatedFirms} firm(s) have no founding year and are counted in every snapshot. ` : ''}`
      + 'Institutions and parks carry no year and are present throughout (they count through their dated ties); firm attributes (employees, patents, R&D, functions, brand, ownership) are today\'s values.',
    zh: SURVIVOR_BIAS.zh
      + `${closed > 0 ? `候选中 ${closed} 家企业登记为注销/吊销但无日期，自成立起计为存在。` : ''}`
      + `${undatedFirms > 0 ? `${undatedFirms} 家企业无成立年份，计入每个快照。` : ''}`
      + '机构与园区无年份，视为始终存在（通过其有年份的联系计入）；企业属性（人数、专利、研发、职能、品牌、所有制）为现值。',
  };
}

const EMPTY_SCORES: Record<Characteristic, number | null> = { geographic: null, embeddedness: null, flexible: null, cooperative: null, innovation: null, selfOrganisation: null };

/** Trajectories of the candidates over their snapshot years, in the candidates' order. */
export function trajectories(d: DiagnosisData, candidates: PathCandidate[], t: Thresholds, options: TrajectoryOptions = {}): Trajectory[] {
  const step = options.step ?? 5;
  const given = options.years === undefined ? undefined : [...new Set(options.years)].sort((a, b) => a - b);
  const yearsOf = candidates.map((c) => given ?? defaultYears(d.currentYear, earliestYear(d, c.raw.firms), step));
  const allYears = [...new Set(yearsOf.flat())].sort((a, b) => a - b);
  const snaps = candidates.map(() => new Map<number, PathSnapshot>());
  for (const year of allYears) {
    const s = snapshotData(d, year);
    const ctx = measureContext(s.data, t, options);
    candidates.forEach((c, ci) => {
      if (!yearsOf[ci].includes(year)) return;
      const firms = Array.from(c.raw.firms, (k) => s.firmIndex[k]).filter((k) => k >= 0);
      let closedUndated = 0;
      let dated = 0;
      for (const k of c.raw.firms) {
        if (s.firmIndex[k] < 0) continue;
        if (options.closed?.[k]) closedUndated++;
        if (Number.isFinite(d.founded[k])) dated++;
      }
      if (firms.length === 0) {
        snaps[ci].set(year, { year, firms: 0, stage: null, radiation: null, scores: { ...EMPTY_SCORES }, label: 'none', lq: null, datedFirmShare: null, datedTieShare: null, closedUndated: 0 });
        return;
      }
      const raw: RawCandidate = { ...c.raw, firms: Int32Array.from(firms).sort() };
      const m = measureCandidate(ctx, raw);
      const dx = diagnoseIndicators(c.name, m.indicators, t);
      let ties = 0;
      let datedTies = 0;
      const seen = new Set<number>();
      for (const k of raw.firms) {
        for (let q = ctx.adjStart[k]; q < ctx.adjStart[k + 1]; q++) {
          const l = ctx.adjLinks[q];
          if (seen.has(l)) continue;
          seen.add(l);
          ties++;
          if (Number.isFinite(s.data.links.year[l])) datedTies++;
        }
      }
      snaps[ci].set(year, {
        year, firms: firms.length, stage: dx.stage.stage, radiation: dx.radiation.level, scores: dx.stage.scores, label: dx.concepts.label, lq: m.indicators.lq ?? null,
        datedFirmShare: dated / firms.length, datedTieShare: ties > 0 ? datedTies / ties : null, closedUndated,
      });
    });
  }
  return candidates.map((c, ci) => {
    const snapshots = yearsOf[ci].map((y) => snaps[ci].get(y)!);
    let closed = 0;
    let undated = 0;
    for (const k of c.raw.firms) { if (options.closed?.[k]) closed++; if (!Number.isFinite(d.founded[k])) undated++; }
    return { years: yearsOf[ci], snapshots, transitions: transitionsOf(snapshots), caveats: caveats(closed, undated) };
  });
}
