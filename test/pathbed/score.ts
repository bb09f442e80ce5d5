/**
 * Scoring of the development-path test bed: trajectories of the planted structures (given as
 * candidates with their planted firms) against the planted stage and radiation of every
 * snapshot year, and each planted transition against the reconstructed one.
 */
import { resolveThresholds } from '../../src/diagnose/config.js';
import { trajectories, type Trajectory } from '../../src/diagnose/path/trajectory.js';
import { plantedAt, plantPathBed, type PlantedStructure } from './plant.js';

export interface PairResult { seed: number; structure: string; year: number; planted: { stage: string | null; radiation: string | null }; got: { stage: string | null; radiation: string | null }; match: boolean }
export interface TransitionResult { seed: number; structure: string; kind: 'stage' | 'radiation'; from: string | null; to: string; planted: number; after: number | null; by: number | null; inInterval: boolean; withinOneInterval: boolean }

export const YEARS = [2000, 2005, 2010, 2015, 2020, 2025];
const STEP = 5;

export function scoreSeed(seed: number): { pairs: PairResult[]; transitions: TransitionResult[]; paths: Trajectory[]; structures: PlantedStructure[] } {
  const bed = plantPathBed(seed);
  const t = resolveThresholds();
  const sorted = (xs: number[]): Int32Array => Int32Array.from(xs).sort();
  const paths = trajectories(bed.data, bed.structures.map((s) => ({
    id: s.name, name: s.name, raw: { kind: s.kind, firms: sorted(s.firms), industries: [], park: s.park, hull: null },
  })), t, { years: YEARS });
  const pairs: PairResult[] = [];
  const transitions: TransitionResult[] = [];
  bed.structures.forEach((s, i) => {
    for (const snap of paths[i].snapshots) {
      const planted = plantedAt(s, snap.year);
      const got = { stage: snap.stage, radiation: snap.radiation };
      pairs.push({ seed, structure: s.name, year: snap.year, planted, got, match: planted.stage === got.stage && planted.radiation === got.radiation });
    }
    for (let p = 1; p < s.phases.length; p++) {
      const a = s.phases[p - 1];
      const b = s.phases[p];
      for (const kind of ['stage', 'radiation'] as const) {
        const from = kind === 'stage' ? a.stage : a.radiation;
        const to = kind === 'stage' ? b.stage : b.radiation;
        if (from === to || to === null) continue;
        const found = paths[i].transitions.find((x) => x.kind === kind && x.to === to);
        const after = found?.after ?? null;
        const by = found?.by ?? null;
        const inInterval = after !== null && by !== null && b.year > after && b.year <= by;
        const gap = after === null || by === null ? Number.POSITIVE_INFINITY : b.year <= after ? after - b.year + 1 : b.year > by ? b.year - by : 0;
        transitions.push({ seed, structure: s.name, kind, from, to, planted: b.year, after, by, inInterval, withinOneInterval: gap <= STEP });
      }
    }
  });
  return { pairs, transitions, paths, structures: bed.structures };
}
