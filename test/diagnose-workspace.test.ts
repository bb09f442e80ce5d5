import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import { parseCsvRecords } from '../src/core/csv.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import { diagnoseWorkspace, type DiagnoseWorkspaceResult } from '../src/diagnose/workspace.js';
import { ingest } from '../src/io/ingest.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { openWorkspace } from '../src/store/workspace.js';

// The diagnosis on the demo scenario must recover every planted structure of truth.json — its
// headline label, development stage, radiation level and each typology dimension — and its
// headline labels must survive another seed with 10% of the links removed and 10% noise on
// sizes. The diagnosis never sees truth.json: the test matches each planted structure to the
// discovered candidate that shares most of its firms (Jaccard index), or to the park candidate
// of the structure's park.

interface Structure {
  id: string;
  label: string;
  stage: string | null;
  radiation: string | null;
  typology: Record<string, string> | null;
  place: { park: string | null };
}

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function demo(seed: number, perturb?: (dir: string) => void): Promise<{ dir: string; result: DiagnoseWorkspaceResult; structures: Structure[]; members: Map<string, Set<string>> }> {
  const dir = mkdtempSync(join(tmpdir(), `atlas-diagnose-${seed}-`));
  dirs.push(dir);
  await writeScenario(generateScenario(seed, { scale: 1 }), dir);
  perturb?.(dir);
  await ingest({ project: join(dir, 'cluster-atlas.json') });
  const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
  try {
    const result = await diagnoseWorkspace(ws, { seed });
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { structures: Structure[] };
    const rows = parseCsvRecords(readFileSync(join(dir, 'truth_firms.csv'), 'utf8')).map((r) => r.cells);
    const members = new Map<string, Set<string>>();
    for (const r of rows.slice(1)) {
      if (r[2] === 'external') continue; // firms elsewhere that work for the structure are not in its place
      const set = members.get(r[1]) ?? new Set<string>();
      set.add(r[0]);
      members.set(r[1], set);
    }
    return { dir, result, structures: truth.structures, members };
  } finally {
    ws.close();
  }
}

function match(s: Structure, candidates: DiagnosedCandidate[], members: Map<string, Set<string>>): { candidate: DiagnosedCandidate; jaccard: number } {
  if (s.place.park !== null) {
    const c = candidates.find((x) => x.place.kind === 'park' && x.place.park === s.place.park);
    if (!c) throw new Error(`no park candidate for ${s.place.park}`);
    return { candidate: c, jaccard: 1 };
  }
  const set = members.get(s.id) ?? new Set<string>();
  let best: DiagnosedCandidate | undefined;
  let bestJ = -1;
  for (const c of candidates) {
    let inter = 0;
    for (const id of c.firmIds) if (set.has(id)) inter++;
    const j = inter / (set.size + c.firmIds.length - inter);
    if (j > bestJ) { bestJ = j; best = c; }
  }
  return { candidate: best!, jaccard: bestJ };
}

describe('diagnose: the demo scenario (seed 42)', () => {
  let run: Awaited<ReturnType<typeof demo>>;
  beforeAll(async () => { run = await demo(42); }, 180_000);

  it('finds a candidate for every planted structure (most of its firms)', () => {
    for (const s of run.structures) {
      const { jaccard } = match(s, run.result.candidates, run.members);
      expect(jaccard, s.id).toBeGreaterThanOrEqual(0.85);
    }
  });

  const expectStructure = (id: string) => () => {
    const s = run.structures.find((x) => x.id === id)!;
    expect(s, id).toBeDefined();
    const { candidate } = match(s, run.result.candidates, run.members);
    const d = candidate.diagnosis;
    expect(d.concepts.label, `${id}: label\n${d.sentence.en}`).toBe(s.label);
    expect(d.stage.stage, `${id}: stage ${JSON.stringify(d.stage.scores)}`).toBe(s.stage);
    if (s.radiation !== null) expect(d.radiation.level, `${id}: radiation`).toBe(s.radiation);
    if (s.typology !== null) {
      for (const [dim, want] of Object.entries(s.typology)) {
        expect(d.typology.typology[dim as keyof typeof d.typology.typology], `${id}: typology.${dim}`).toBe(want);
      }
    }
  };
  // one test per planted structure, so a failure names it
  for (const id of [
    'wenzhou-footwear-apparel', 'yueqing-low-voltage-electrical', 'huangyan-moulds', 'keqiao-textiles', 'keqiao-dyeing-park',
    'haining-leather', 'qingdao-style-appliances', 'kunshan-electronics-park', 'fibre-knitwear-chain', 'xianghe-furniture', 'pork-regional-clusters',
  ]) it(`recovers ${id}: label, stage, radiation and typology`, expectStructure(id));

  it('covers every structure of truth.json (no structure left untested)', () => {
    expect(run.structures.map((s) => s.id).sort()).toEqual([
      'fibre-knitwear-chain', 'haining-leather', 'huangyan-moulds', 'keqiao-dyeing-park', 'keqiao-textiles', 'kunshan-electronics-park',
      'pork-regional-clusters', 'qingdao-style-appliances', 'wenzhou-footwear-apparel', 'xianghe-furniture', 'yueqing-low-voltage-electrical',
    ]);
  });

  it('explains each verdict with evidence rows and sentences in both languages', () => {
    for (const c of run.result.candidates) {
      expect(c.diagnosis.evidence.length).toBeGreaterThan(10);
      for (const r of c.diagnosis.evidence) expect(['rule', 'indicator', 'value', 'comparison', 'threshold', 'pass'].every((k) => k in r)).toBe(true);
      expect(c.diagnosis.sentence.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.diagnosis.sentence.en).toMatch(/[a-z]/);
      expect(c.role.sentence.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('judges the role in regional development: the Wenzhou cluster is a pillar of its regions, with growth from the regional statistics', () => {
    const s = run.structures.find((x) => x.id === 'wenzhou-footwear-apparel')!;
    const { candidate } = match(s, run.result.candidates, run.members);
    expect(candidate.role.pillar).toBe(true);
    expect(candidate.role.employmentShare!).toBeGreaterThan(0.05);
    expect(candidate.role.growth).not.toBeNull();
    expect(candidate.role.competitiveEffect).not.toBeNull();
    expect(candidate.role.relativeProductivity).not.toBeNull();
  });

  it('is deterministic: a second run gives the same candidates and verdicts', async () => {
    const ws = await openWorkspace(join(run.dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      const again = await diagnoseWorkspace(ws, { seed: 42 });
      expect(JSON.stringify(again.candidates)).toBe(JSON.stringify(run.result.candidates));
    } finally {
      ws.close();
    }
  });

  it('diagnoses a candidate the user names, and rejects one that matches nothing, naming the field', async () => {
    const ws = await openWorkspace(join(run.dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      const r = await diagnoseWorkspace(ws, { discover: false, candidates: [{ name: 'Liushi electrical', industries: ['382'], regions: ['330382'] }] });
      expect(r.candidates).toHaveLength(1);
      expect(r.candidates[0].place.kind).toBe('explicit');
      expect(r.candidates[0].name.en).toBe('Liushi electrical');
      expect(r.candidates[0].diagnosis.concepts.label).toBe('cluster');
      await expect(diagnoseWorkspace(ws, { discover: false, candidates: [{ industries: ['9999'] }] })).rejects.toThrow(/diagnosis\.candidates\[0\]\.industries/);
      await expect(diagnoseWorkspace(ws, { discover: false, candidates: [{ industries: ['382'], park: 'P99' }] })).rejects.toThrow(/no park "P99"/);
      await expect(diagnoseWorkspace(ws, { thresholds: { lqAgglomerated: 'high' } })).rejects.toThrow(/lqAgglomerated must be a finite number/);
    } finally {
      ws.close();
    }
  });
});

describe('diagnose: perturbed scenario (seed 7, 10% of links removed, 10% noise on sizes, 2% of employee counts blanked)', () => {
  it('keeps every headline label, and counts the firms of unknown employment in the warnings', async () => {
    const rng = createRng(2024);
    const blankRng = createRng(5);
    let blanked = 0;
    const run = await demo(7, (dir) => {
      const links = readFileSync(join(dir, 'links.csv'), 'utf8').split('\n');
      const kept = [links[0], ...links.slice(1).filter((l) => l !== '' && rng.next() >= 0.1)];
      writeFileSync(join(dir, 'links.csv'), `${kept.join('\n')}\n`);
      const rows = parseCsvRecords(readFileSync(join(dir, 'firms.csv'), 'utf8')).map((r) => r.cells);
      const header = rows[0];
      const cols = ['从业人员', '营业收入(万元)', '总产值(万元)'].map((h) => header.indexOf(h));
      expect(cols.every((c) => c >= 0)).toBe(true);
      const noisy = rows.map((r, i) => (i === 0 ? r : r.map((v, c) => (cols.includes(c) && v !== '' ? String(Math.max(1, Math.round(Number(v) * (0.9 + 0.2 * rng.next())))) : v))));
      // unknown employees are left out of the employment-based measures and reported, never taken as 0
      for (const r of noisy.slice(1)) if (r.length > cols[0] && blankRng.next() < 0.02) { r[cols[0]] = ''; blanked++; }
      writeFileSync(join(dir, 'firms.csv'), `${noisy.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n')}\n`);
    });
    expect(blanked).toBeGreaterThan(0);
    expect(run.result.warnings.join('\n')).toContain(`diagnose: ${blanked} of `);
    expect(run.result.candidates.some((c) => c.diagnosis.warnings.some((w) => /firm\(s\) have no employment/.test(w)))).toBe(true);
    for (const s of run.structures) {
      const { candidate, jaccard } = match(s, run.result.candidates, run.members);
      expect(jaccard, s.id).toBeGreaterThanOrEqual(0.8);
      expect(candidate.diagnosis.concepts.label, `${s.id}\n${candidate.diagnosis.sentence.en}`).toBe(s.label);
    }
  }, 180_000);
});
