import { describe, expect, it } from 'vitest';
import { diagnoseIndicators, resolveThresholds, type Indicators } from '../src/diagnose/index.js';
import { NEXT_STEP_THRESHOLDS, nextSteps, type Condition, type NextStepContext } from '../src/diagnose/path/next-step.js';

const T = resolveThresholds();
const CTX: NextStepContext = { institutionsPer100Firms: 3, institutionKinds: ['association', 'bank'], baseLq: 1.5, baseYear: 2000 };

/** An agglomeration that is not yet a cluster: LQ 2, γ 0.06, SMEs supplying each other, few local ties, no institutions. */
const AGGLOMERATION: Indicators = {
  firms: 100, employment: 2000, cr4: 0.1, hhi: 0.02, lq: 2, egGamma: 0.06, egPValue: 0.001, kdLocalised: true,
  localTiesPerFirm: 0.4, localLinkShare: 0.6, innovationTiesPerFirm: 0, localOwnershipShare: 0.9, smeShare: 1, supplierShare: 0.3,
  patentsPerFirm: 0, benchmarkPatentsPerFirm: 1, rndShare: 0, memberShare: 0, spinoffShare: 0, entryRate: 0,
  dominantFieldShare: 0.9, institutionTypes: 0, institutionLinkedShare: 0, chainStagesLinked: 3, brandShare: 0.05,
  techInflow: 2, techOutflow: 0, leaders: 2, leaderLocalTies: 4, oemInboundShare: 0,
};

function step(x: Indicators, ctx: NextStepContext = CTX): ReturnType<typeof nextSteps> {
  return nextSteps(x, diagnoseIndicators('c', x, T), T, ctx);
}
const find = (cs: Condition[], en: string): Condition => {
  const c = cs.find((k) => k.element.en === en);
  if (!c) throw new Error(`no condition ${en} in ${cs.map((k) => k.element.en).join(', ')}`);
  return c;
};

describe('next stage: agglomeration → cluster', () => {
  it('the base case is an agglomeration whose next stage is 集群', () => {
    const s = step(AGGLOMERATION).stage;
    expect([s.from, s.to]).toEqual(['agglomeration', 'cluster']);
  });

  it('cooperative network score at 0.5 is met, just below is not (the stage rule’s own threshold)', () => {
    // cooperative = mean(localTiesPerFirm / 2, innovationTiesPerFirm / 0.2): with no innovation part measured, localTies 1.0 → 0.5
    const at = find(step({ ...AGGLOMERATION, localTiesPerFirm: 1, innovationTiesPerFirm: undefined }).stage.conditions, 'cooperative network score');
    expect(at).toMatchObject({ status: 'met', value: 0.5, threshold: T.stageCluster, gap: 0 });
    const below = find(step({ ...AGGLOMERATION, localTiesPerFirm: 0.98, innovationTiesPerFirm: undefined }).stage.conditions, 'cooperative network score');
    expect(below.status).toBe('unmet');
    expect(below.gap).toBeCloseTo(0.01, 12);
  });

  it('cultural environment: local ownership 50% met, 49% unmet, unknown not measurable', () => {
    const e = 'cultural environment and embeddedness';
    expect(find(step({ ...AGGLOMERATION, localOwnershipShare: 0.5 }).stage.conditions, e)).toMatchObject({ status: 'met', threshold: NEXT_STEP_THRESHOLDS.localOwnershipShare.value });
    expect(find(step({ ...AGGLOMERATION, localOwnershipShare: 0.49 }).stage.conditions, e).gap).toBeCloseTo(0.01, 12);
    expect(find(step({ ...AGGLOMERATION, localOwnershipShare: undefined }).stage.conditions, e)).toMatchObject({ status: 'not_measurable', value: null, gap: null });
  });

  it('identity: brand share at brandShare (2%) met, below unmet, unknown not measurable', () => {
    const e = 'cluster identity (regional brand)';
    expect(find(step({ ...AGGLOMERATION, brandShare: 0.02 }).stage.conditions, e).status).toBe('met');
    expect(find(step({ ...AGGLOMERATION, brandShare: 0.0199 }).stage.conditions, e).status).toBe('unmet');
    expect(find(step({ ...AGGLOMERATION, brandShare: undefined }).stage.conditions, e).status).toBe('not_measurable');
  });

  it('supporting industries: two chain stages met, one unmet, unknown not measurable', () => {
    const e = 'supporting industries';
    expect(find(step({ ...AGGLOMERATION, chainStagesLinked: 2 }).stage.conditions, e).status).toBe('met');
    expect(find(step({ ...AGGLOMERATION, chainStagesLinked: 1 }).stage.conditions, e)).toMatchObject({ status: 'unmet', gap: 1 });
    expect(find(step({ ...AGGLOMERATION, chainStagesLinked: undefined }).stage.conditions, e).status).toBe('not_measurable');
  });

  it('innovative entrepreneurs: spin-off share 5% met, below unmet, unknown not measurable', () => {
    const e = 'innovative entrepreneurs';
    expect(find(step({ ...AGGLOMERATION, spinoffShare: 0.05 }).stage.conditions, e).status).toBe('met');
    expect(find(step({ ...AGGLOMERATION, spinoffShare: 0.049 }).stage.conditions, e).status).toBe('unmet');
    expect(find(step({ ...AGGLOMERATION, spinoffShare: undefined }).stage.conditions, e).status).toBe('not_measurable');
  });

  it('service support: one institution per 100 firms met, 0.99 unmet naming the missing kinds, unknown not measurable', () => {
    const e = 'service support';
    expect(find(step(AGGLOMERATION, { ...CTX, institutionsPer100Firms: 1, institutionKinds: ['bank'] }).stage.conditions, e).status).toBe('met');
    const unmet = find(step(AGGLOMERATION, { ...CTX, institutionsPer100Firms: 0.99, institutionKinds: ['bank', 'research'] }).stage.conditions, e);
    expect(unmet.status).toBe('unmet');
    expect(unmet.missingKinds).toEqual(['chamber', 'association', 'intermediary', 'university', 'training', 'public_service']);
    expect(find(step(AGGLOMERATION, { ...CTX, institutionsPer100Firms: null, institutionKinds: [] }).stage.conditions, e).status).toBe('not_measurable');
  });

  it('one ordered list in both languages: unmet by relative gap, then not measurable, then met', () => {
    const s = step(AGGLOMERATION).stage;
    const status = s.conditions.map((c) => c.status);
    expect(status).toEqual([...status].sort((a, b) => ['unmet', 'not_measurable', 'met'].indexOf(a) - ['unmet', 'not_measurable', 'met'].indexOf(b)));
    const unmet = s.conditions.filter((c) => c.status === 'unmet');
    for (let i = 1; i < unmet.length; i++) expect(unmet[i - 1].gap! / unmet[i - 1].threshold!).toBeGreaterThanOrEqual(unmet[i].gap! / unmet[i].threshold!);
    expect(s.sentence.en).toMatch(/^To become a cluster \(集群\), this candidate lacks: 1\. /);
    expect(s.sentence.zh).toMatch(/^要成为集群，尚缺：1\. /);
  });
});

describe('next stage: concentration → agglomeration, and not agglomerated → 集中', () => {
  const CONC: Indicators = { ...AGGLOMERATION, supplierShare: 0, localTiesPerFirm: 0 };
  it('a concentration lacks a division of labour; location advantage and market order are not measurable', () => {
    const s = step(CONC).stage;
    expect([s.from, s.to]).toEqual(['concentration', 'agglomeration']);
    expect(find(s.conditions, 'division of labour (cooperative network or flexible specialisation score)')).toMatchObject({ status: 'unmet', value: 0, gap: T.stageAgglomeration });
    expect(find(s.conditions, 'location advantage').status).toBe('not_measurable');
    expect(find(s.conditions, 'market order').status).toBe('not_measurable');
    expect(s.sentence.en).toMatch(/Not measurable from these data: location advantage, market order\./);
  });
  it('industrial base: the LQ of the earliest snapshot at 1 met, 0.99 unmet, unknown not measurable', () => {
    expect(find(step(CONC, { ...CTX, baseLq: 1 }).stage.conditions, 'industrial base')).toMatchObject({ status: 'met', threshold: 1, proxy: 'lq in 2000' });
    expect(find(step(CONC, { ...CTX, baseLq: 0.99 }).stage.conditions, 'industrial base').gap).toBeCloseTo(0.01, 12);
    expect(find(step(CONC, { ...CTX, baseLq: null, baseYear: null }).stage.conditions, 'industrial base')).toMatchObject({ status: 'not_measurable', proxy: 'lq at the earliest snapshot' });
  });
  it('not agglomerated: the next stage is 集中, with the agglomeration rule’s conditions at their edges', () => {
    const few = step({ ...CONC, firms: 9 }).stage;
    expect([few.from, few.to]).toEqual([null, 'concentration']);
    expect(find(few.conditions, 'number of firms')).toMatchObject({ status: 'unmet', value: 9, threshold: 10, gap: 1 });
    expect(find(few.conditions, 'policy environment and infrastructure').status).toBe('not_measurable');
    const lowLq = step({ ...CONC, lq: 1.2499 }).stage;
    expect(find(lowLq.conditions, 'location quotient (industrial base)').status).toBe('unmet');
    // localisation: γ below 0.02 but K-density localised counts
    const kd = step({ ...CONC, lq: 1.2, egGamma: 0.01, kdLocalised: true }).stage;
    expect(find(kd.conditions, 'localisation (EG γ, or K-density)').status).toBe('met');
    const none = step({ ...CONC, lq: 1.2, egGamma: undefined, egPValue: undefined, kdLocalised: undefined }).stage;
    expect(find(none.conditions, 'localisation (EG γ, or K-density)').status).toBe('not_measurable');
  });
});

describe('next radiation level', () => {
  it('receiving → inward: leader ties per leader at 5 met (then the candidate is inward), 4 unmet', () => {
    const r = step(AGGLOMERATION).radiation;
    expect([r.from, r.to]).toEqual(['receiving', 'inward']);
    expect(find(r.conditions, 'leader firms tied to local SMEs')).toMatchObject({ status: 'unmet', value: 2, threshold: 5, gap: 3 });
    expect(step({ ...AGGLOMERATION, leaderLocalTies: 10 }).radiation.from).toBe('inward');
    expect(step({ ...AGGLOMERATION, leaders: undefined, leaderLocalTies: undefined }).radiation.conditions[0].status).toBe('not_measurable');
  });
  it('inward → outward: brand, OEM makers outside and technology balance, each at its edge', () => {
    const inward = { ...AGGLOMERATION, leaderLocalTies: 10 };
    const r = step({ ...inward, oemInboundShare: 0.0199 }).radiation;
    expect([r.from, r.to]).toEqual(['inward', 'outward']);
    expect(find(r.conditions, 'OEM makers outside working for the place').status).toBe('unmet');
    expect(find(r.conditions, 'brand').status).toBe('met');
    expect(find(r.conditions, 'technology exported (out − in)')).toMatchObject({ status: 'unmet', value: -1, threshold: 0 });
    const out = step({ ...inward, oemInboundShare: 0.02, techOutflow: 2 }).radiation;
    expect([out.from, out.to]).toEqual(['outward', null]);
    expect(out.sentence.en).toBe('Already at the top of the ladder.');
    const unknown = step({ ...inward, oemInboundShare: undefined }).radiation;
    expect(find(unknown.conditions, 'OEM makers outside working for the place').status).toBe('not_measurable');
  });
  it('radiation does not apply below 集聚; 集群 has no next stage', () => {
    expect(step({ ...AGGLOMERATION, supplierShare: 0, localTiesPerFirm: 0 }).radiation).toMatchObject({ from: null, to: null, conditions: [] });
    const cluster: Indicators = { ...AGGLOMERATION, localTiesPerFirm: 2, innovationTiesPerFirm: 0.2, memberShare: 0.3, spinoffShare: 0.1, rndShare: 0.2, patentsPerFirm: 4 };
    const s = step(cluster).stage;
    expect([s.from, s.to, s.conditions]).toEqual(['cluster', null, []]);
    expect(s.sentence.zh).toBe('已处于最高一级。');
  });
});
