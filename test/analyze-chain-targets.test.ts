/**
 * The chain-gap targets of a development path's unmet "supporting industries" condition
 * (src/analyze/chain-targets.ts): on the ingest fixture with a fibre maker (stage 1) and garment
 * makers (stage 3) of its apparel template near the candidate, the missing textile stage between
 * them is to fill (补链); the targets are `plan gaps`' own for the same place (radius 200 km around
 * the centre), in rank order; a met condition, a candidate without a centre and one no template
 * covers get none.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChainTargets } from '../src/analyze/chain-targets.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import type { Condition } from '../src/diagnose/path/next-step.js';
import type { PathBlock } from '../src/diagnose/path/workspace.js';
import { ingest } from '../src/io/ingest.js';
import { openWorkspace, type Workspace } from '../src/store/workspace.js';
import { fixtureCopy, NOW, runPlan, setLine } from './helpers.js';

let ws: Workspace;
let project: string;
beforeAll(async () => {
  const dir = fixtureCopy();
  setLine(join(dir, 'firms.csv'), 6, 'F5,戊化纤,2822,121.2,30.8,,60,1500,2009,国有,,1,生产'); // a fibre maker: stage 1 of the template
  project = join(dir, 'cluster-atlas.json');
  const s = await ingest({ project, now: NOW });
  ws = await openWorkspace(s.workspace, { readOnly: true });
}, 60_000);
afterAll(() => ws?.close());

const CENTER: [number, number] = [120.55, 30.45];

function candidate(id: string, industries: string[], center: [number, number] | null): DiagnosedCandidate {
  return { id, industries, place: { center }, firmIds: [], institutionIds: [] } as unknown as DiagnosedCandidate;
}

function pathWith(status: Condition['status']): PathBlock {
  const supporting: Condition = { element: { zh: '产业配套', en: 'supporting industries' }, proxy: 'chainStagesLinked', value: 0, comparison: '>=', threshold: 2, status, gap: status === 'unmet' ? 2 : 0 };
  return { nextStep: { stage: { from: 'agglomeration', to: 'cluster', conditions: [supporting], sentence: { zh: '', en: '' } }, radiation: { from: null, to: null, conditions: [], sentence: { zh: '', en: '' } } } } as unknown as PathBlock;
}

describe('chain-gap targets of an unmet supporting-industries condition', () => {
  it('are plan gaps\' ranked targets for the place, the stage between present ones to fill', async () => {
    const paths = new Map([['C01', pathWith('unmet')], ['C02', pathWith('met')], ['C03', pathWith('unmet')], ['C04', pathWith('unmet')]]);
    const warnings: string[] = [];
    await addChainTargets(ws, [candidate('C01', ['1811'], CENTER), candidate('C02', ['1811'], CENTER), candidate('C03', ['1811'], null), candidate('C04', ['9999'], CENTER)], paths, 200, warnings);
    const targets = paths.get('C01')!.nextStep.stage.conditions[0].targets!;
    expect(targets.length).toBeGreaterThan(0);
    const textile = targets.find((t) => t.stage === 'textile');
    expect(textile).toMatchObject({ action: 'fill', name: '纺织' }); // missing, between fibre (1) and garment (3)
    expect(targets.find((t) => t.stage === 'fibre')).toMatchObject({ action: 'strengthen' }); // one fibre maker: weak (fewer than 3 firms)
    // the same targets, in the same order, as `cluster-atlas plan gaps` on that place
    const cli = JSON.parse((await runPlan(['gaps', '--project', project, '--chain', 'apparel', '--place', `radius:${CENTER[0]},${CENTER[1]},200`])).out) as { targets: { stage: string; rank: number; score: number }[] };
    expect(targets.map((t) => [t.stage, t.rank, t.score])).toEqual(cli.targets.slice(0, 5).map((t) => [t.stage, t.rank, t.score]));
    for (const id of ['C02', 'C03', 'C04']) expect(paths.get(id)!.nextStep.stage.conditions[0].targets, id).toBeUndefined();
    expect(warnings).toEqual([]);
  });
});
