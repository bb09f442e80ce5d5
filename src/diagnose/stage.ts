/**
 * Development stage (seed essay 5): 集中 concentration → 集聚 agglomeration → 集群 cluster, from
 * scores in [0, 1] of the six characteristics the essay gives a true cluster: geographic
 * concentration (地理集中性), embeddedness (根植性), flexible specialisation (柔性精专),
 * cooperative network (合作网络性), innovation (创新性) and self-organisation (自组织性).
 *
 * Each score is the mean of its available parts, each part clamped to [0, 1] by a saturation
 * value from the configuration (geographic concentration takes the strongest of its
 * alternative evidences: LQ, EG γ, K-density):
 *   geographic   = max((LQ − 1)/(lqSaturation − 1), γ/egGammaSaturation, 1 if K-density localised)
 *   embeddedness = mean(localLinkShare/localLinkShareSaturation, localOwnershipShare)
 *   flexible     = √(smeShare × supplierShare/supplierShareSaturation)  (both needed: SMEs that
 *                  do not supply one another are not a division of labour)
 *   cooperative  = mean(localTiesPerFirm/localTiesSaturation, innovationTiesPerFirm/innovationTiesSaturation)
 *   innovation   = mean((patentsPerFirm/benchmark)/patentRatioSaturation, rndShare/rndShareSaturation)
 *   selfOrg      = max(memberShare/memberShareSaturation, spinoffShare/spinoffShareSaturation, entryRate/entryRateSaturation)
 *                  (self-organisation shows in any of its forms: associations, spin-offs or new firms)
 * A characteristic with no measured part is null (shown as missing, counted as 0 in the rule).
 *
 * Stage rule: cluster when cooperative ≥ stageCluster, embeddedness ≥ stageCluster, innovation
 * or self-organisation ≥ stageCluster, and the mean of the six ≥ stageCluster; agglomeration
 * when geographic ≥ stageAgglomeration and (cooperative or flexible) ≥ stageAgglomeration;
 * otherwise concentration (co-location without linkage). The stages describe how a place's
 * industry clusters: a candidate that is not agglomerated (the concept verdict) is at none of
 * them (stage null: a chain spread over provinces, an industry concentrated in a few firms).
 */
import type { Thresholds } from './config.js';
import type { EvidenceRow } from './evidence.js';
import type { Indicators } from './indicators.js';

export type Stage = 'concentration' | 'agglomeration' | 'cluster';

export const CHARACTERISTICS = ['geographic', 'embeddedness', 'flexible', 'cooperative', 'innovation', 'selfOrganisation'] as const;
export type Characteristic = (typeof CHARACTERISTICS)[number];

export interface StageVerdict {
  /** null when the candidate is not agglomerated (the stages do not apply). */
  stage: Stage | null;
  /** Radar: one score in [0, 1] per characteristic (null: not measurable). */
  scores: Record<Characteristic, number | null>;
  rows: EvidenceRow[];
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

function mean(parts: (number | undefined)[]): number | null {
  const xs = parts.filter((p): p is number => p !== undefined && Number.isFinite(p));
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

function maxOf(parts: (number | undefined)[]): number | null {
  const xs = parts.filter((p): p is number => p !== undefined && Number.isFinite(p));
  return xs.length ? Math.max(...xs) : null;
}

function ratio(v: number | undefined, saturation: number): number | undefined {
  return v === undefined || !Number.isFinite(v) ? undefined : clamp01(v / saturation);
}

export function characteristicScores(x: Indicators, t: Thresholds): Record<Characteristic, number | null> {
  const geo = [
    x.lq === undefined ? undefined : clamp01((x.lq - 1) / (t.lqSaturation - 1)),
    ratio(x.egGamma, t.egGammaSaturation),
    x.kdLocalised === undefined ? undefined : x.kdLocalised ? 1 : 0,
  ].filter((v): v is number => v !== undefined);
  const patentRatio = x.patentsPerFirm !== undefined && x.benchmarkPatentsPerFirm !== undefined
    ? (x.benchmarkPatentsPerFirm > 0 ? x.patentsPerFirm / x.benchmarkPatentsPerFirm : x.patentsPerFirm > 0 ? t.patentRatioSaturation : 0)
    : undefined;
  return {
    geographic: geo.length ? Math.max(...geo) : null,
    embeddedness: mean([ratio(x.localLinkShare, t.localLinkShareSaturation), x.localOwnershipShare]),
    // many SMEs AND a division of labour among them: the geometric mean, so that either alone scores 0
    flexible: x.smeShare === undefined || x.supplierShare === undefined ? null : Math.sqrt(x.smeShare * ratio(x.supplierShare, t.supplierShareSaturation)!),
    cooperative: mean([ratio(x.localTiesPerFirm, t.localTiesSaturation), ratio(x.innovationTiesPerFirm, t.innovationTiesSaturation)]),
    innovation: mean([ratio(patentRatio, t.patentRatioSaturation), ratio(x.rndShare, t.rndShareSaturation)]),
    selfOrganisation: maxOf([ratio(x.memberShare, t.memberShareSaturation), ratio(x.spinoffShare, t.spinoffShareSaturation), ratio(x.entryRate, t.entryRateSaturation)]),
  };
}

export function developmentStage(x: Indicators, t: Thresholds, agglomerated = true): StageVerdict {
  const scores = characteristicScores(x, t);
  const s = (c: Characteristic): number => scores[c] ?? 0;
  const row = (c: Characteristic, name: 'stageCluster' | 'stageAgglomeration', rule: string): EvidenceRow => ({
    rule, indicator: `score.${c}`, value: scores[c], comparison: '>=', threshold: t[name], thresholdName: name, pass: scores[c] === null ? null : s(c) >= t[name],
  });
  const radarMean = CHARACTERISTICS.reduce((a, c) => a + s(c), 0) / CHARACTERISTICS.length;
  const clusterRows: EvidenceRow[] = [
    row('cooperative', 'stageCluster', 'stage.cluster'),
    row('embeddedness', 'stageCluster', 'stage.cluster'),
    row('innovation', 'stageCluster', 'stage.cluster'),
    row('selfOrganisation', 'stageCluster', 'stage.cluster'),
    { rule: 'stage.cluster', indicator: 'score.mean', value: radarMean, comparison: '>=', threshold: t.stageCluster, thresholdName: 'stageCluster', pass: radarMean >= t.stageCluster },
  ];
  const agglomerationRows: EvidenceRow[] = [
    row('geographic', 'stageAgglomeration', 'stage.agglomeration'),
    row('cooperative', 'stageAgglomeration', 'stage.agglomeration'),
    row('flexible', 'stageAgglomeration', 'stage.agglomeration'),
  ];
  const isCluster = s('cooperative') >= t.stageCluster && s('embeddedness') >= t.stageCluster
    && (s('innovation') >= t.stageCluster || s('selfOrganisation') >= t.stageCluster) && radarMean >= t.stageCluster;
  const isAgglomeration = s('geographic') >= t.stageAgglomeration
    && (s('cooperative') >= t.stageAgglomeration || s('flexible') >= t.stageAgglomeration);
  const stage: Stage | null = !agglomerated ? null : isCluster ? 'cluster' : isAgglomeration ? 'agglomeration' : 'concentration';
  return { stage, scores, rows: [...agglomerationRows, ...clusterRows] };
}
