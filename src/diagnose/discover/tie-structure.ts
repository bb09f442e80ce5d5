/**
 * Business ties tested against chance: which industry-group pairs are joined by more ties than
 * random ties among the same firms would give. A chain verdict and a tie-network candidate rest
 * only on ties of such pairs (`structured` ties).
 *
 * Test. O(a → b): business ties (supply, subcontract, technology, spin-off, joint R&D; source →
 * target) from firms of industry group a (GB/T 中类, the code's first three digits) to firms of
 * group b, over every firm of the data (in and outside the study area). Null: the configuration
 * model — the ties rewired at random with every firm's out- and in-degree kept; the expected
 * count of a pair is then E(a → b) = Out(a) · In(b) / L (Out(a): tie-ends leaving group a's
 * firms, In(b): arriving at b's, L: ties with two firm ends of known industry), and O(a → b) is
 * approximately Poisson(E) (the stub matching of L ties, each falling in (a, b) with probability
 * Out(a)·In(b)/L², L large). A pair is significant when
 *   - P(X ≥ O | Poisson(E)) ≤ alpha / m, Bonferroni over the m pairs that could hold a tie
 *     (Out(a) > 0 and In(b) > 0, a = b included): family-wise error alpha, so that a whole
 *     economy of random ties yields no significant pair in 1 − alpha of draws;
 *   - O / E ≥ tiePairLift (materiality: the effect size, so that at a million firms a pair 10%
 *     above chance is not "structure" merely because it is significant), and
 *   - O ≥ tiePairMinTies (a single tie is one transaction, not a pattern).
 * Within-group pairs (a = b) can be significant (a multi-plant group's plants, subcontracting
 * among one trade); chain stages are the different groups of significant pairs a ≠ b.
 *
 * Known inter-industry structure: when the data comes with an IO table (and its industry →
 * sector map) or chain templates (`DiagnosisData.chainKnowledge`), a significant pair of two
 * different groups that the knowledge covers (both groups in a template stage or mapped to an IO
 * sector) is structure only when it is also IO-linked — the technical coefficient of the
 * supplier's sector in the buyer's, aᵢⱼ = zᵢⱼ / xⱼ, at least ioCoefficientMin — or runs
 * downstream in a template (a vertical stage to any later vertical stage: a template lists its
 * stages in one order, but a stage may supply more than the next — feed goes to breeding and to
 * farming; a support stage joins any stage of its template); with both, either suffices. Pairs
 * dropped so are counted (`unlinked`). A pair with a group the knowledge says nothing of (a
 * template of one chain says nothing of the region's other chains) stands on the test alone and
 * is counted (`unjudged`). diagnose and analyze pass the workspace's templates and IO table
 * (chain-knowledge.ts).
 *
 * Power (docs/diagnosis.md): a chain of k stages is found when each of its k − 1 consecutive
 * stage pairs carries at least max(tiePairMinTies, lift · E, the Poisson critical count of E at
 * alpha / m) ties.
 *
 * The result is computed once per data and thresholds (cached).
 */
import { poissonUpperTail } from '../../core/poisson-tail.js';
import type { IoData } from '../../data/io-data.js';
import type { ChainTemplate } from '../../model/chain-template.js';
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import { forEachBusinessTie, industryGroup } from './firm-sets.js';

export interface SignificantPair {
  from: string;
  to: string;
  observed: number;
  expected: number;
  p: number;
}

export interface TieStructure {
  /** Industry group codes; groupOf[k] indexes them (−1: unknown industry). */
  groups: string[];
  groupOf: Int32Array;
  /** Significant directed pairs, keyed a · groups.length + b. */
  significant: Map<number, SignificantPair>;
  /** Pairs tested (the Bonferroni family) and the ties tested. */
  tested: number;
  ties: number;
  /** Significant pairs of two covered groups left out because neither the IO table nor a chain template links them. */
  unlinked: number;
  /** Significant pairs kept on the test alone because the IO table and the templates say nothing of one of their groups. */
  unjudged: number;
}

/** What the data says of which industries trade: an IO table with its industry → sector map, chain templates. */
export interface ChainKnowledge {
  io?: { table: IoData; sectorOf: ReadonlyMap<string, string> };
  templates?: readonly ChainTemplate[];
}

const groupsOfCode = (code: string, groups: string[]): string[] => {
  const c = code.replace(/^[A-Z]/, '');
  return c.length >= 3 ? [c.slice(0, 3)] : groups.filter((g) => g.startsWith(c));
};

interface LinkTest {
  /** Whether the knowledge says anything of group g (a template stage holds it, or it maps to an IO sector). */
  covered: (g: string) => boolean;
  /** Whether groups a → b are IO-linked or run downstream in a template. */
  linked: (a: string, b: string) => boolean;
}

/** The gate of the knowledge; null when the data holds none. */
function linkTest(k: ChainKnowledge | undefined, groups: string[], d: DiagnosisData, t: Thresholds): LinkTest | null {
  if (k === undefined || (k.io === undefined && (k.templates ?? []).length === 0)) return null;
  const pairs = new Set<string>();
  const covered = new Set<string>();
  for (const tpl of k.templates ?? []) {
    const stageGroups = tpl.stages.map((s) => ({ s, g: s.industries.flatMap((code) => groupsOfCode(code, groups)) }));
    for (const x of stageGroups) for (const g of x.g) covered.add(g);
    for (const x of stageGroups) {
      for (const y of stageGroups) {
        if (x === y) continue;
        // upstream → downstream: any later vertical stage, not only the next (a template lists its
        // stages in one order, but feed supplies breeding and farming alike)
        const downstream = x.s.role === 'vertical' && y.s.role === 'vertical' && y.s.order > x.s.order;
        const support = x.s.role === 'support' || y.s.role === 'support';
        if (downstream || support) for (const a of x.g) for (const b of y.g) pairs.add(`${a}>${b}`);
      }
    }
  }
  if (k.io !== undefined) {
    const { table, sectorOf } = k.io;
    const n = table.sectors.length;
    const index = new Map(table.sectors.map((s, i) => [s, i]));
    const sectorsOfGroup = new Map<string, Set<number>>();
    for (const code of d.industries) {
      const s = index.get(sectorOf.get(code) ?? sectorOf.get(code.replace(/^[A-Z]/, '')) ?? '');
      if (s === undefined) continue;
      const g = industryGroup(code);
      const set = sectorsOfGroup.get(g) ?? new Set<number>();
      set.add(s);
      sectorsOfGroup.set(g, set);
      covered.add(g);
    }
    for (const [ga, sa] of sectorsOfGroup) {
      for (const [gb, sb] of sectorsOfGroup) {
        if (ga === gb) continue;
        for (const i of sa) for (const j of sb) if (table.totalOutput[j] > 0 && table.z[i * n + j] / table.totalOutput[j] >= t.ioCoefficientMin) pairs.add(`${ga}>${gb}`);
      }
    }
  }
  return { covered: (g) => covered.has(g), linked: (a, b) => pairs.has(`${a}>${b}`) };
}

const cache = new WeakMap<DiagnosisData, { t: Thresholds; s: TieStructure }>();

export function tieStructure(d: DiagnosisData, t: Thresholds): TieStructure {
  const hit = cache.get(d);
  if (hit !== undefined && hit.t === t) return hit.s;
  const index = new Map<string, number>();
  const groups: string[] = [];
  const byIndustry = d.industries.map((code) => {
    const g = industryGroup(code);
    if (!index.has(g)) { index.set(g, groups.length); groups.push(g); }
    return index.get(g)!;
  });
  const groupOf = Int32Array.from(d.industry, (i) => (i >= 0 ? byIndustry[i] : -1));
  const G = groups.length;
  const out = new Float64Array(G);
  const inn = new Float64Array(G);
  const observed = new Map<number, number>();
  let L = 0;
  forEachBusinessTie(d, (a, b) => {
    const ga = groupOf[a];
    const gb = groupOf[b];
    if (ga < 0 || gb < 0 || a === b) return;
    out[ga]++;
    inn[gb]++;
    L++;
    const key = ga * G + gb;
    observed.set(key, (observed.get(key) ?? 0) + 1);
  });
  let withOut = 0;
  let withIn = 0;
  for (let g = 0; g < G; g++) { if (out[g] > 0) withOut++; if (inn[g] > 0) withIn++; }
  const tested = withOut * withIn;
  const significant = new Map<number, SignificantPair>();
  const gate = linkTest(d.chainKnowledge, groups, d, t);
  let unlinked = 0;
  let unjudged = 0;
  for (const [key, o] of [...observed].sort((x, y) => x[0] - y[0])) {
    if (o < t.tiePairMinTies) continue;
    const a = Math.floor(key / G);
    const b = key % G;
    const e = (out[a] * inn[b]) / L;
    if (o < t.tiePairLift * e) continue;
    const p = poissonUpperTail(o, e);
    if (p > t.alpha / Math.max(1, tested)) continue;
    if (a !== b && gate !== null) {
      if (!gate.covered(groups[a]) || !gate.covered(groups[b])) unjudged++;
      else if (!gate.linked(groups[a], groups[b])) { unlinked++; continue; }
    }
    significant.set(key, { from: groups[a], to: groups[b], observed: o, expected: e, p });
  }
  const s = { groups, groupOf, significant, tested, ties: L, unlinked, unjudged };
  cache.set(d, { t, s });
  return s;
}

/** Whether the tie a → b (firm indices) falls on a significant industry-group pair. */
export function isStructured(s: TieStructure, a: number, b: number): boolean {
  const ga = s.groupOf[a];
  const gb = s.groupOf[b];
  return ga >= 0 && gb >= 0 && s.significant.has(ga * s.groups.length + gb);
}

/**
 * The chain stages of a set of directed stage ties (group → group, a ≠ b), ordered upstream
 * first: by the share of each group's stage tie-ends that leave it (raw material sells, sale
 * buys), then by code. Returns group codes.
 */
export function orderedStages(flows: Map<string, number>): string[] {
  const outEnds = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const [key, n] of flows) {
    const [a, b] = key.split('>');
    outEnds.set(a, (outEnds.get(a) ?? 0) + n);
    ends.set(a, (ends.get(a) ?? 0) + n);
    ends.set(b, (ends.get(b) ?? 0) + n);
  }
  const upstream = (g: string): number => (outEnds.get(g) ?? 0) / ends.get(g)!;
  return [...ends.keys()].sort((x, y) => upstream(y) - upstream(x) || (x < y ? -1 : 1));
}
