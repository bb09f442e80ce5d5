import { describe, expect, it } from 'vitest';
import { diagnoseIndicators, resolveThresholds, type Indicators } from '../src/diagnose/index.js';
import { NEXT_STEP_THRESHOLDS, nextSteps, youngPatentedShare, type Condition, type NextStepContext } from '../src/diagnose/path/next-step.js';
import { economy } from './diagnose-helpers.js';

const T = resolveThresholds();
const CTX: NextStepContext = { institutionsPer100Firms: 3, institutionKinds: ['association', 'bank'], baseLq: 1.5, baseYear: 2000, youngPatentedShare: 0 };

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

  it('innovative entrepreneurs: the larger of spin-off share and young patented share, 5% met, below unmet, both unknown not measurable', () => {
    const e = 'innovative entrepreneurs';
    expect(find(step({ ...AGGLOMERATION, spinoffShare: 0.05 }).stage.conditions, e).status).toBe('met');
    expect(find(step({ ...AGGLOMERATION, spinoffShare: 0.049 }).stage.conditions, e).status).toBe('unmet');
    expect(find(step({ ...AGGLOMERATION, spinoffShare: 0.01 }, { ...CTX, youngPatentedShare: 0.05 }).stage.conditions, e)).toMatchObject({ status: 'met', value: 0.05 });
    expect(find(step({ ...AGGLOMERATION, spinoffShare: undefined }, { ...CTX, youngPatentedShare: 0.049 }).stage.conditions, e).status).toBe('unmet');
    expect(find(step({ ...AGGLOMERATION, spinoffShare: undefined }, { ...CTX, youngPatentedShare: null }).stage.conditions, e).status).toBe('not_measurable');
  });

  it('young patented share: firms founded after currentYear − 5 with patents, over the firms; null without founding years or patent counts', () => {
    // currentYear 2024: founded 2020 is young (> 2019), 2019 is not
    const d = economy([
      { industry: 'A', lon: 0, lat: 0, founded: 2020, patents: 1 }, { industry: 'A', lon: 0, lat: 0, founded: 2019, patents: 3 },
      { industry: 'A', lon: 0, lat: 0, founded: 2022, patents: 0 }, { industry: 'A', lon: 0, lat: 0, founded: 2023, patents: 2 },
    ]);
    expect(youngPatentedShare(d, [0, 1, 2, 3])).toBe(0.5);
    d.patents.fill(Number.NaN);
    expect(youngPatentedShare(d, [0, 1, 2, 3])).toBeNull();
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
    expect(out.sentence.en).toBe('Already an outward-radiating centre: the highest level.');
    const unknown = step({ ...inward, oemInboundShare: undefined }).radiation;
    expect(find(unknown.conditions, 'OEM makers outside working for the place').status).toBe('not_measurable');
  });
  it('radiation does not apply below 集聚; 集群 has no next stage', () => {
    expect(step({ ...AGGLOMERATION, supplierShare: 0, localTiesPerFirm: 0 }).radiation).toMatchObject({ from: null, to: null, conditions: [] });
    const cluster: Indicators = { ...AGGLOMERATION, localTiesPerFirm: 2, innovationTiesPerFirm: 0.2, memberShare: 0.3, spinoffShare: 0.1, rndShare: 0.2, patentsPerFirm: 4 };
    const s = step(cluster).stage;
    expect([s.from, s.to, s.conditions]).toEqual(['cluster', null, []]);
    expect(s.sentence.zh).toBe('已是集群，为最后一级。');
  });
});

describe('every condition taken from a rule’s evidence row: at its threshold met, just below unmet, missing not measurable', () => {
  // [indicators giving the step, the row's list, rule, indicator, the condition's element]
  const CONC: Indicators = { ...AGGLOMERATION, supplierShare: 0, localTiesPerFirm: 0 };
  const NOT_AGG: Indicators = { ...CONC, firms: 9 };
  const INWARD: Indicators = { ...AGGLOMERATION, leaderLocalTies: 10 };
  const cases: Array<[Indicators, 'stage' | 'radiation' | 'agglomeration', string, string, string]> = [
    [NOT_AGG, 'agglomeration', 'agglomeration', 'firms', 'number of firms'],
    [NOT_AGG, 'agglomeration', 'agglomeration', 'lq', 'location quotient (industrial base)'],
    [NOT_AGG, 'agglomeration', 'agglomeration.localisation', 'egGamma', 'localisation (EG γ, or K-density)'],
    [CONC, 'stage', 'stage.agglomeration', 'score.geographic', 'geographic concentration score'],
    [AGGLOMERATION, 'stage', 'stage.cluster', 'score.cooperative', 'cooperative network score'],
    [AGGLOMERATION, 'stage', 'stage.cluster', 'score.embeddedness', 'embeddedness score'],
    [AGGLOMERATION, 'stage', 'stage.cluster', 'score.mean', 'mean of the six characteristic scores'],
    [AGGLOMERATION, 'radiation', 'radiation.inward', 'leaderLocalTies / leaders', 'leader firms tied to local SMEs'],
    [INWARD, 'radiation', 'radiation.outward', 'brandShare', 'brand'],
    [INWARD, 'radiation', 'radiation.outward', 'oemInboundShare', 'OEM makers outside working for the place'],
    [INWARD, 'radiation', 'radiation.outward', 'techOutflow − techInflow', 'technology exported (out − in)'],
  ];
  for (const [x, list, rule, indicator, element] of cases) {
    it(`${element} (${indicator})`, () => {
      const at = (value: number | null): Condition => {
        const dx = diagnoseIndicators('c', x, T);
        if (kd(indicator)) dx.concepts.agglomeration.rows.find((r) => r.indicator === 'kdLocalised')!.pass = false;
        const rows = list === 'stage' ? dx.stage.rows : list === 'radiation' ? dx.radiation.rows : dx.concepts.agglomeration.rows;
        const row = rows.find((r) => r.rule === rule && r.indicator === indicator)!;
        row.value = value;
        const s = nextSteps(x, dx, T, CTX);
        const cs = list === 'radiation' ? s.radiation.conditions : s.stage.conditions;
        return find(cs, element);
      };
      const dx0 = diagnoseIndicators('c', x, T);
      const rows0 = list === 'stage' ? dx0.stage.rows : list === 'radiation' ? dx0.radiation.rows : dx0.concepts.agglomeration.rows;
      const threshold = rows0.find((r) => r.rule === rule && r.indicator === indicator)!.threshold as number;
      expect(at(threshold)).toMatchObject({ status: 'met', gap: 0, threshold });
      const below = at(threshold - 0.001);
      expect(below.status).toBe('unmet');
      expect(below.gap).toBeCloseTo(0.001, 12);
      expect(at(null)).toMatchObject({ status: 'not_measurable', value: null, gap: null });
    });
  }
  const kd = (indicator: string): boolean => indicator === 'egGamma';

  it('“or” conditions take the better of their two scores, and are not measurable only when both are missing', () => {
    const dx = diagnoseIndicators('c', CONC, T);
    const set = (ind: string, v: number | null): void => { dx.stage.rows.find((r) => r.rule === 'stage.agglomeration' && r.indicator === ind)!.value = v; };
    const division = (): Condition => find(nextSteps(CONC, dx, T, CTX).stage.conditions, 'division of labour (cooperative network or flexible specialisation score)');
    set('score.cooperative', 0.1); set('score.flexible', 0.3);
    expect(division()).toMatchObject({ status: 'met', value: 0.3 });
    set('score.flexible', null);
    expect(division()).toMatchObject({ status: 'unmet', value: 0.1 });
    set('score.cooperative', null);
    expect(division().status).toBe('not_measurable');
    const ag = diagnoseIndicators('c', AGGLOMERATION, T);
    const setC = (ind: string, v: number | null): void => { ag.stage.rows.find((r) => r.rule === 'stage.cluster' && r.indicator === ind)!.value = v; };
    const either = (): Condition => find(nextSteps(AGGLOMERATION, ag, T, CTX).stage.conditions, 'innovation or self-organisation score');
    setC('score.innovation', 0.5); setC('score.selfOrganisation', 0.2);
    expect(either()).toMatchObject({ status: 'met', value: 0.5 });
    setC('score.innovation', 0.499);
    expect(either().status).toBe('unmet');
    setC('score.innovation', null); setC('score.selfOrganisation', null);
    expect(either().status).toBe('not_measurable');
  });
});
