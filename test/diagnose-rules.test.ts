import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { thresholdsMarkdown } from '../src/diagnose/thresholds-doc.js';
import {
  characteristicScores, DEFAULT_THRESHOLDS, developmentStage, diagnoseIndicators, discriminate, radiationLevel, resolveThresholds, typology,
  type Indicators,
} from '../src/diagnose/index.js';

const T = resolveThresholds();

/** A textbook cluster (every Porter element comfortably met). */
const CLUSTER: Indicators = {
  firms: 800, employment: 40_000, cr4: 0.12, hhi: 0.02, lq: 4.1, egGamma: 0.06, egPValue: 0.001, kdLocalised: true,
  chainLinksPerFirm: 1.2, chainStagesLinked: 4, parkShare: 0.1, externalShare: 0.1, outflowShare: 0.2,
  dominantFieldShare: 0.8, localTiesPerFirm: 1.6, localLinkShare: 0.7, institutionTypes: 5, institutionLinkedShare: 0.4,
  localOwnershipShare: 0.9, smeShare: 0.9, supplierShare: 0.35, innovationTiesPerFirm: 0.15, patentsPerFirm: 2, benchmarkPatentsPerFirm: 0.8,
  rndShare: 0.15, memberShare: 0.4, spinoffShare: 0.08, entryRate: 0.07,
  techInflow: 10, techOutflow: 30, leaders: 4, leaderLocalTies: 60, oemInboundShare: 0.08, brandShare: 0.05,
};

describe('concept discrimination at the edges of its thresholds', () => {
  it('the textbook cluster is a cluster', () => {
    const v = discriminate(CLUSTER, T);
    expect(v.label).toBe('cluster');
    expect(v.cluster).toMatchObject({ field: true, links: true, whole: true, holds: true });
    expect(v.missing).toEqual([]);
  });

  it('concentration: CR4 exactly at 40% holds, just below does not (HHI low)', () => {
    expect(discriminate({ firms: 50, cr4: 0.4, hhi: 0.05 }, T).concentration.holds).toBe(true);
    expect(discriminate({ firms: 50, cr4: 0.3999, hhi: 0.05 }, T).concentration.holds).toBe(false);
    expect(discriminate({ firms: 50, cr4: 0.1, hhi: 0.15 }, T).concentration.holds).toBe(true);
    expect(discriminate({ firms: 50, cr4: 0.5 }, T).label).toBe('concentration_only');
  });
  it('concentration needs industryMinFirms (50) establishments: among 49, CR4 1 is arithmetic, not concentration', () => {
    expect(discriminate({ firms: 49, cr4: 1, hhi: 0.5 }, T).concentration.holds).toBe(false);
    expect(discriminate({ firms: 49, cr4: 1, hhi: 0.5 }, T).label).toBe('none');
  });

  it('agglomeration needs enough firms, LQ and a localisation that is not a few big plants', () => {
    const base = { ...CLUSTER, localTiesPerFirm: 0, localLinkShare: 0 };
    expect(discriminate(base, T).label).toBe('agglomeration_without_cluster');
    expect(discriminate({ ...base, firms: 9 }, T).agglomeration.holds).toBe(false);
    expect(discriminate({ ...base, lq: 1.2499 }, T).agglomeration.holds).toBe(false);
    // high LQ from a few big plants: γ below 0.02 and no K-density evidence → not agglomerated
    expect(discriminate({ ...base, egGamma: 0.019, kdLocalised: false }, T).agglomeration.holds).toBe(false);
    // either γ or K-density suffices
    expect(discriminate({ ...base, egGamma: 0.019, kdLocalised: true }, T).agglomeration.holds).toBe(true);
    expect(discriminate({ ...base, egGamma: 0.02, kdLocalised: false }, T).agglomeration.holds).toBe(true);
    // a γ that is not significant does not count
    expect(discriminate({ ...base, egGamma: 0.03, egPValue: 0.2, kdLocalised: false }, T).agglomeration.holds).toBe(false);
  });

  it('each Porter element can fail on its own, leaving an agglomeration', () => {
    for (const broken of [{ dominantFieldShare: 0.49 }, { localTiesPerFirm: 0.49 }, { localLinkShare: 0.24 }, { institutionTypes: 1 }, { institutionLinkedShare: 0.09 }]) {
      const v = discriminate({ ...CLUSTER, ...broken }, T);
      expect(v.label, JSON.stringify(broken)).toBe('agglomeration_without_cluster');
    }
  });

  it('parks: hosting a cluster or not', () => {
    expect(discriminate({ ...CLUSTER, parkShare: 0.5 }, T).label).toBe('park_hosting_cluster');
    const foreignPark = { ...CLUSTER, parkShare: 0.9, externalShare: 0.78, outflowShare: 0.997, localLinkShare: 0.003, localTiesPerFirm: 0.01, institutionTypes: 0 };
    const v = discriminate(foreignPark, T);
    expect(v.label).toBe('park_without_cluster');
    expect(v.park.externallyDriven).toBe(true);
    expect(discriminate({ ...CLUSTER, parkShare: 0.49 }, T).label).toBe('cluster');
  });

  it('a chain without agglomeration: linked stages far apart', () => {
    const chain: Indicators = { firms: 6, lq: 0.8, egGamma: 0.001, kdLocalised: false, chainLinksPerFirm: 0.8, chainStagesLinked: 3, cr4: 0.7 };
    expect(discriminate(chain, T).label).toBe('chain_without_agglomeration');
    // one stage: no chain; and six firms are too few for CR4 0.7 to mean concentration
    expect(discriminate({ ...chain, chainStagesLinked: 1 }, T).label).toBe('none');
    expect(discriminate({ ...chain, firms: 60, chainStagesLinked: 1 }, T).label).toBe('concentration_only');
    expect(discriminate({ ...chain, chainLinksPerFirm: 0.19, cr4: 0.1, hhi: 0.01 }, T).label).toBe('none');
  });

  it('missing indicators are reported, never guessed, and the rule fails', () => {
    const v = discriminate({ firms: 100, lq: 3, egGamma: 0.05 }, T);
    expect(v.label).toBe('agglomeration_without_cluster');
    expect(v.missing).toEqual(expect.arrayContaining(['localTiesPerFirm', 'institutionTypes', 'cr4']));
  });

  it('thresholds can be overridden and unknown ones are rejected', () => {
    const strict = resolveThresholds({ lqAgglomerated: 5 });
    expect(discriminate(CLUSTER, strict).agglomeration.holds).toBe(false);
    expect(() => resolveThresholds({ lqAgglomerate: 5 })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    expect(() => resolveThresholds({ lqAgglomerated: Number.NaN })).toThrow(expect.objectContaining({ code: 'E_OPTION' }));
    for (const t of Object.values(DEFAULT_THRESHOLDS)) expect(t.reason.length).toBeGreaterThan(20);
  });
});

describe('development stage', () => {
  it('scores saturate at their configured values and clamp to [0, 1]', () => {
    const s = characteristicScores({ firms: 10, lq: 3, localLinkShare: 1, localOwnershipShare: 1, localTiesPerFirm: 4, innovationTiesPerFirm: 0.1 }, T);
    expect(s.geographic).toBe(1);
    expect(s.embeddedness).toBe(1);
    expect(s.cooperative).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(s.innovation).toBeNull();
    expect(characteristicScores({ firms: 10, lq: 0.5 }, T).geographic).toBe(0);
  });

  it('the textbook cluster is at the cluster stage; co-location without ties is concentration', () => {
    expect(developmentStage(CLUSTER, T).stage).toBe('cluster');
    const colocated: Indicators = { firms: 450, lq: 6, egGamma: 0.08, localTiesPerFirm: 0, localLinkShare: 0, innovationTiesPerFirm: 0, smeShare: 0.2, supplierShare: 0 };
    expect(developmentStage(colocated, T).stage).toBe('concentration');
  });

  it('division of labour without innovation or self-organisation is agglomeration', () => {
    const x: Indicators = { ...CLUSTER, patentsPerFirm: 0, rndShare: 0, memberShare: 0, spinoffShare: 0, entryRate: 0 };
    expect(developmentStage(x, T).stage).toBe('agglomeration');
  });
});

describe('radiation level', () => {
  it('outward needs brand, inbound OEM and a net technology outflow', () => {
    expect(radiationLevel(CLUSTER, 'cluster', T).level).toBe('outward');
    expect(radiationLevel({ ...CLUSTER, techOutflow: 5 }, 'cluster', T).level).toBe('inward');
    expect(radiationLevel({ ...CLUSTER, oemInboundShare: 0.02 }, 'cluster', T).level).toBe('outward');
    expect(radiationLevel({ ...CLUSTER, oemInboundShare: 0.0199 }, 'cluster', T).level).toBe('inward');
  });
  it('inward needs leaders tied to local SMEs; otherwise receiving; none at the concentration stage', () => {
    const x = { ...CLUSTER, brandShare: 0 };
    expect(radiationLevel({ ...x, leaderLocalTies: 20 }, 'cluster', T).level).toBe('inward'); // 5 per leader
    expect(radiationLevel({ ...x, leaderLocalTies: 19 }, 'cluster', T).level).toBe('receiving');
    expect(radiationLevel({ ...x, leaders: 0 }, 'agglomeration', T).level).toBe('receiving');
    expect(radiationLevel(x, 'concentration', T).level).toBeNull();
    expect(radiationLevel(x, null, T).level).toBeNull();
  });
});

describe('the full diagnosis of one candidate', () => {
  it('explains the verdict in both languages with the numbers that decided it', () => {
    const park = { ...CLUSTER, parkShare: 0.9, externalShare: 0.78, localLinkShare: 0.08, institutionTypes: 0, institutionLinkedShare: 0 };
    const d = diagnoseIndicators('昆山园区', park);
    expect(d.concepts.label).toBe('park_without_cluster');
    expect(d.sentence.en).toContain('昆山园区 is a park without a cluster');
    expect(d.sentence.en).toContain("8% of the firms' ties are local (threshold ≥ 25%)");
    expect(d.sentence.zh).toContain('昆山园区为未形成产业集群的工业园区');
    expect(d.sentence.zh).toContain('本地联系占比 8%（阈值 ≥ 25%）');
    expect(d.evidence.some((r) => r.indicator === 'institutionTypes' && r.pass === false)).toBe(true);
  });
  it('is deterministic', () => {
    expect(diagnoseIndicators('x', CLUSTER)).toEqual(diagnoseIndicators('x', CLUSTER));
  });
});

describe('documentation', () => {
  it('docs/diagnosis-thresholds.md is current (run `npm run schema` after changing a threshold)', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'docs', 'diagnosis-thresholds.md'), 'utf8')).toBe(thresholdsMarkdown());
  });
});

describe('typology', () => {
  it('a spontaneous SME labour-intensive traditional cluster (Wenzhou-like)', () => {
    const x: Indicators = { firms: 900, parkShare: 0.05, stateShare: 0, technologyShare: 0.05, resourceShare: 0, highTechShare: 0, rdIntensity: 0.005,
      affiliateShare: 0.05, cr1: 0.05, cr4: 0.15, smeEmploymentShare: 0.7, patentsPerFirm: 0.3, benchmarkPatentsPerFirm: 0.5, rndShare: 0.04 };
    expect(typology(x, T).typology).toEqual({ mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' });
  });

  it('a foreign-invested park promoted top-down; electronics assembly is high-tech by industry but labour-intensive by factor use', () => {
    const x: Indicators = { firms: 485, parkShare: 0.95, foundedAfterDesignationShare: 0.9, stateShare: 0, technologyShare: 0.9, highTechShare: 0.85,
      rdIntensity: 0.004, labourIntensityRatio: 1.6, cr1: 0.2, cr4: 0.55, smeEmploymentShare: 0.2, patentsPerFirm: 0.1, benchmarkPatentsPerFirm: 0.4, rndShare: 0.02 };
    const ty = typology(x, T).typology;
    expect(ty).toMatchObject({ mechanism: 'government-led', formation: 'top-down', industry: 'high-tech', factor: 'labour', structure: 'large-firm', innovation: 'imitative' });
    // with real R&D it is technology-intensive
    expect(typology({ ...x, rdIntensity: 0.05 }, T).typology.factor).toBe('technology');
    expect(typology({ ...x, labourIntensityRatio: 1.49 }, T).typology.factor).toBe('technology');
  });

  it('a designated park is government-led and top-down whenever its firms came; a leader with its affiliates or its tied suppliers is bottom-up', () => {
    // attracted after designation or relocated into the park: both promoted top-down
    expect(typology({ firms: 100, parkShare: 0.8, foundedAfterDesignationShare: 0.2 }, T).typology).toMatchObject({ formation: 'top-down', mechanism: 'government-led' });
    expect(typology({ firms: 100, parkShare: 0.8, foundedAfterDesignationShare: 0.9 }, T).typology).toMatchObject({ formation: 'top-down', mechanism: 'government-led' });
    expect(typology({ firms: 100, parkShare: 0.49, stateShare: 0 }, T).typology).toMatchObject({ formation: 'spontaneous', mechanism: 'market-led' });
    expect(typology({ firms: 100, parkShare: 0, affiliateShare: 0.3, cr1: 0.45 }, T).typology).toMatchObject({ formation: 'bottom-up', structure: 'single-leader' });
    expect(typology({ firms: 100, parkShare: 0, affiliateShare: 0.29, cr1: 0.45 }, T).typology.formation).toBe('spontaneous');
    // many firms working for the largest group: bottom-up only when that group leads (cr1 ≥ 0.4)
    expect(typology({ firms: 100, parkShare: 0, affiliateShare: 0, coreTiedShare: 0.3, cr1: 0.4 }, T).typology.formation).toBe('bottom-up');
    expect(typology({ firms: 100, parkShare: 0, affiliateShare: 0, coreTiedShare: 0.3, cr1: 0.39 }, T).typology.formation).toBe('spontaneous');
    expect(typology({ firms: 100, parkShare: 0, affiliateShare: 0, coreTiedShare: 0.29, cr1: 0.6 }, T).typology.formation).toBe('spontaneous');
  });

  it('firm structure: single leader at CR1 40%, large firms from CR4 30% (Bain), else SME', () => {
    expect(typology({ firms: 100, cr1: 0.4, cr4: 0.5 }, T).typology.structure).toBe('single-leader');
    expect(typology({ firms: 100, cr1: 0.39, cr4: 0.3 }, T).typology.structure).toBe('large-firm');
    expect(typology({ firms: 100, cr1: 0.1, cr4: 0.299 }, T).typology.structure).toBe('SME');
  });

  it('innovation needs both patents at twice the study area’s and R&D firms; resource intensity; missing dimensions are null', () => {
    expect(typology({ firms: 10, patentsPerFirm: 2, benchmarkPatentsPerFirm: 1, rndShare: 0.1 }, T).typology.innovation).toBe('innovative');
    expect(typology({ firms: 10, patentsPerFirm: 1.99, benchmarkPatentsPerFirm: 1, rndShare: 0.1 }, T).typology.innovation).toBe('imitative');
    expect(typology({ firms: 10, patentsPerFirm: 2, benchmarkPatentsPerFirm: 1, rndShare: 0.09 }, T).typology.innovation).toBe('imitative');
    expect(typology({ firms: 10, technologyShare: 0.1, resourceShare: 0.7 }, T).typology.factor).toBe('resource');
    expect(typology({ firms: 10 }, T).typology).toEqual({ mechanism: null, factor: null, industry: null, formation: null, structure: null, innovation: null });
    expect(typology({ firms: 10, stateShare: 0.3 }, T).typology.mechanism).toBe('government-led');
  });
});
