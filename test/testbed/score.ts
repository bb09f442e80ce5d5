/**
 * Running the diagnosis on a test-bed economy and scoring its discovery against what was
 * planted. A planted structure is **found** when some candidate's firms overlap its firms with
 * Jaccard ≥ 0.8 (the best such candidate is its match); its **label is right** when that
 * candidate's headline label is the kind's (params.ts EXPECTED_LABEL). A candidate **claims** a
 * kind by its label (claimedKind); it is a true positive of that kind when it is the match of a
 * planted structure of that kind. Precision of a kind = true positives / candidates claiming it,
 * over the economies with planted structures; pure-noise economies are scored apart (no
 * candidate may claim a cluster, an agglomeration or a chain).
 *
 * The background is drawn at random, so a background class can come out concentrated by chance —
 * four firms with over 40% of the class's output, Shepherd's (1982) loose oligopoly. Such a class
 * is a real concentration in the data, computed here from the generator's own firms (not by the
 * diagnosis): a candidate claiming concentration that matches one (Jaccard ≥ 0.8) is counted as
 * **incidental** — right, but not a recall of a planted structure — and not as a false positive.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnoseWorkspace } from '../../src/diagnose/workspace.js';
import { ingest } from '../../src/io/ingest.js';
import { openWorkspace } from '../../src/store/workspace.js';
import { drawEconomy } from './economy.js';
import { claimedKind, EXPECTED_LABEL, KINDS, STRUCTURE_LABELS, type EconomyParams, type Kind } from './params.js';
import { writeEconomy } from './write.js';

export const JACCARD_FOUND = 0.8;

export interface CandidateSummary { id: string; label: string; firmIds: string[] }

export interface PlantedOutcome { kind: Kind; name: string; firms: number; jaccard: number; found: boolean; label: string | null; labelRight: boolean; candidate: string | null }

export interface EconomyOutcome {
  seed: number;
  strength: string;
  noiseOnly: boolean;
  planted: PlantedOutcome[];
  /**
   * Candidates by claimed kind: how many, how many are the match of a planted structure of that
   * kind, and (concentration) how many match a background class concentrated by chance.
   */
  claims: Record<Kind, { candidates: number; truePositives: number; incidental: number }>;
  labels: Record<string, number>;
  /** Pure noise: candidates labelled cluster, park hosting a cluster, agglomeration or chain. */
  structureLabels: number;
  rejectedRows: number;
  firms: number;
  seconds: number;
}

const jaccard = (a: ReadonlySet<string>, b: readonly string[]): number => {
  let both = 0;
  for (const x of b) if (a.has(x)) both++;
  return both / (a.size + b.length - both);
};

/** Shepherd (1982): a four-firm share above 40% is a (loose) oligopoly. */
export const INCIDENTAL_CR4 = 0.4;

/**
 * The background classes concentrated by chance: among the study area's firms (a county of the
 * world) of classes no planted structure uses, those whose four largest firms (by output; the
 * test bed has no enterprise groups) hold more than INCIDENTAL_CR4 of the class's output.
 */
export function incidentalConcentrations(world: { firms: readonly { id: string; industry: string; region: string; output: number }[]; counties: readonly { code: string }[] }, planted: readonly { firmIds: readonly string[] }[]): { name: string; firmIds: string[] }[] {
  const inArea = new Set(world.counties.map((c) => c.code));
  const plantedIds = new Set(planted.flatMap((p) => p.firmIds));
  const plantedClasses = new Set(world.firms.filter((f) => plantedIds.has(f.id)).map((f) => f.industry));
  const byClass = new Map<string, { id: string; output: number }[]>();
  for (const f of world.firms) {
    if (!inArea.has(f.region) || plantedClasses.has(f.industry)) continue;
    (byClass.get(f.industry) ?? byClass.set(f.industry, []).get(f.industry)!).push({ id: f.id, output: f.output });
  }
  const out: { name: string; firmIds: string[] }[] = [];
  for (const [industry, firms] of [...byClass].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = firms.reduce((a, f) => a + f.output, 0);
    const top4 = [...firms].sort((a, b) => b.output - a.output).slice(0, 4).reduce((a, f) => a + f.output, 0);
    if (firms.length > 4 && total > 0 && top4 / total > INCIDENTAL_CR4) out.push({ name: `background class ${industry}`, firmIds: firms.map((f) => f.id) });
  }
  return out;
}

/** Score candidates against the planted structures (pure function: the tests check it by hand). */
export function scoreCandidates(planted: readonly { kind: Kind; name: string; firmIds: readonly string[] }[], candidates: readonly CandidateSummary[], incidental: readonly { name: string; firmIds: readonly string[] }[] = []):
  Pick<EconomyOutcome, 'planted' | 'claims' | 'labels' | 'structureLabels'> {
  const matchOf = new Map<string, Kind>();
  const outcomes: PlantedOutcome[] = planted.map((p) => {
    const set = new Set(p.firmIds);
    let best: CandidateSummary | null = null;
    let bestJ = 0;
    for (const c of candidates) {
      const j = jaccard(set, c.firmIds);
      if (j > bestJ) { bestJ = j; best = c; }
    }
    const found = best !== null && bestJ >= JACCARD_FOUND;
    if (found) matchOf.set(best!.id, p.kind);
    return {
      kind: p.kind, name: p.name, firms: p.firmIds.length, jaccard: Math.round(bestJ * 1000) / 1000, found,
      label: found ? best!.label : null, labelRight: found && best!.label === EXPECTED_LABEL[p.kind], candidate: found ? best!.id : null,
    };
  });
  const claims = Object.fromEntries(KINDS.map((k) => [k, { candidates: 0, truePositives: 0, incidental: 0 }])) as EconomyOutcome['claims'];
  const incidentalSets = incidental.map((x) => new Set(x.firmIds));
  const labels: Record<string, number> = {};
  let structureLabels = 0;
  for (const c of candidates) {
    labels[c.label] = (labels[c.label] ?? 0) + 1;
    if (STRUCTURE_LABELS.includes(c.label)) structureLabels++;
    const k = claimedKind(c.label);
    if (!k) continue;
    claims[k].candidates++;
    if (matchOf.get(c.id) === k) claims[k].truePositives++;
    else if (k === 'concentration' && incidentalSets.some((set) => jaccard(set, c.firmIds) >= JACCARD_FOUND)) claims[k].incidental++;
  }
  return { planted: outcomes, claims, labels, structureLabels };
}

/** Draw, write, ingest and diagnose one economy (in a temporary directory, removed after), and score it. */
export async function runEconomy(params: EconomyParams, keepDir?: string): Promise<EconomyOutcome> {
  const t0 = performance.now();
  const e = drawEconomy(params);
  const dir = keepDir ?? mkdtempSync(join(tmpdir(), 'testbed-'));
  try {
    const project = writeEconomy(e, dir);
    const summary = await ingest({ project });
    const ws = await openWorkspace(summary.workspace, { readOnly: true });
    let candidates: CandidateSummary[];
    try {
      const r = await diagnoseWorkspace(ws, {});
      candidates = r.candidates.map((c) => ({ id: c.id, label: c.diagnosis.concepts.label, firmIds: c.firmIds }));
    } finally {
      ws.close();
    }
    return {
      seed: params.seed, strength: params.strength, noiseOnly: params.kinds.length === 0,
      ...scoreCandidates(e.planted, candidates, incidentalConcentrations(e.world, e.planted)),
      rejectedRows: summary.rejectedRows, firms: e.world.firms.length, seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}
