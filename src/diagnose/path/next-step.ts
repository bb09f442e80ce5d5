/**
 * The next step of a candidate along seed essay 5's trajectory: the conditions of its next
 * stage (集中 → 集聚 → 集群) and of its next radiation level (receiving → inward → outward), each
 * operationalised from the data with a proxy and a threshold, and listed as met, unmet or not
 * measurable from these data, with the measured value, the threshold and the gap.
 *
 * Two kinds of condition:
 * - the rules' own conditions (stage.ts, radiation.ts, concepts.ts agglomeration): the next
 *   verdict is reached exactly when all of these are met;
 * - the essay's carriers of each step (what brings a place from one step to the next), each by a
 *   documented proxy (NEXT_STEP_THRESHOLDS and the configuration's thresholds):
 *   · to 集中: policy environment and infrastructure attracting firms from outside — not in the
 *     data (not measurable);
 *   · to 集聚 (四大要素): industrial base — the place's LQ in the field at the candidate's earliest
 *     snapshot (the nearest the data comes to "before it formed") ≥ industrialBaseLq; service support —
 *     institutions tied to the firms per 100 firms ≥ servicePer100Firms (unmet: the kinds of
 *     institution missing are named); location advantage and market order — not measurable;
 *   · to 集群: cultural environment and embeddedness — local ownership share ≥
 *     localOwnershipShare; the cluster's identity (集群特色) — brand share ≥ brandShare;
 *     supporting industries (产业配套) — industry groups joined by significant chain ties ≥
 *     chainMinStages; innovative entrepreneurs (创新企业家群体) — the larger of the spin-off share
 *     and the share of young firms (founded in the five years to the data's year) holding patents
 *     ≥ spinoffShareEntrepreneurs.
 * The list is ordered: unmet first (largest relative gap first), then not measurable, then met.
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import type { EvidenceRow } from '../evidence.js';
import type { Diagnosis, Indicators, RadiationLevel, Stage } from '../index.js';

/** Thresholds of the essay's carriers that the diagnosis configuration does not already hold. */
export const NEXT_STEP_THRESHOLDS = {
  industrialBaseLq: { value: 1, reason: 'essay 5 (industrial base, 产业基础, one of the four elements of 集聚): at the earliest snapshot the field was at least as present in the place as in the reference economy (LQ ≥ 1), a base to build on rather than a transplant' },
  servicePer100Firms: { value: 1, reason: 'essay 5 (service support, 服务支撑, one of the four elements of 集聚): at least one service institution (bank, intermediary, training, research, public-service platform, association) tied to the firms per 100 firms of the field' },
  localOwnershipShare: { value: 0.5, reason: 'essay 5 (cultural environment, 人文环境, and embeddedness): most of the firms are locally owned — the place’s own entrepreneurs, not branch plants' },
  spinoffShareEntrepreneurs: { value: 0.05, reason: 'essay 5 (a group of innovative entrepreneurs, 创新企业家群体): one firm in twenty is a local spin-off or a young firm holding patents (half the saturation of the self-organisation score’s spin-off part)' },
} as const;

export const INSTITUTION_KINDS = ['chamber', 'association', 'bank', 'intermediary', 'university', 'research', 'training', 'public_service'] as const;

export type ConditionStatus = 'met' | 'unmet' | 'not_measurable';

export interface Condition {
  /** The essay's element or the rule it serves. */
  element: { zh: string; en: string };
  /** How it is measured (indicator or proxy). */
  proxy: string;
  value: number | null;
  comparison: '>=' | 'is';
  threshold: number | null;
  status: ConditionStatus;
  /** threshold − value when unmet (≥ comparisons), 0 when met, null when not measurable. */
  gap: number | null;
  /** Unmet institutional conditions: the kinds of institution the candidate's firms are tied to none of. */
  missingKinds?: string[];
  /** Unmet supporting industries: the ranked chain-gap targets of the place (`plan gaps` within the chain radius): 补链 fill a missing stage inside the chain, 延链 extend it with a missing stage beyond its ends, 强链 strengthen a weak one. */
  targets?: { stage: string; name: string | null; action: 'fill' | 'extend' | 'strengthen'; rank: number; score: number | null }[];
}

export interface NextStep {
  from: string | null;
  /** null when already at the top of the ladder (集群, or outward radiation). */
  to: string | null;
  conditions: Condition[];
  /** The ordered list, read aloud. */
  sentence: { zh: string; en: string };
}

export interface NextSteps { stage: NextStep; radiation: NextStep }

export interface NextStepContext {
  /** Institutions tied to the candidate's firms per 100 firms (the role's), null when unknown. */
  institutionsPer100Firms: number | null;
  /** Kinds of those institutions. */
  institutionKinds: string[];
  /** The candidate's LQ at its earliest snapshot with firms, and that year (trajectory.ts); null when not measured. */
  baseLq: number | null;
  baseYear: number | null;
  /** Share of the candidate's firms founded in the five years to the data's year that hold patents (youngPatentedShare); null when not measurable. */
  youngPatentedShare: number | null;
}

/** Young firms with patents: founded after currentYear − 5 (the entry-rate window) with patents > 0, over the firms; null when no firm has both a founding year and a patent count. */
export function youngPatentedShare(d: DiagnosisData, firms: ArrayLike<number>): number | null {
  let known = 0;
  let young = 0;
  for (let i = 0; i < firms.length; i++) {
    const k = firms[i];
    if (!Number.isFinite(d.founded[k]) || !Number.isFinite(d.patents[k])) continue;
    known++;
    if (d.founded[k] > d.currentYear - 5 && d.patents[k] > 0) young++;
  }
  return known > 0 ? young / firms.length : null;
}

const NOT_IN_DATA = (zh: string, en: string, proxy: string): Condition => ({ element: { zh, en }, proxy, value: null, comparison: 'is', threshold: null, status: 'not_measurable', gap: null });

function atLeast(element: { zh: string; en: string }, proxy: string, value: number | null | undefined, threshold: number): Condition {
  if (value === null || value === undefined || !Number.isFinite(value)) return { element, proxy, value: null, comparison: '>=', threshold, status: 'not_measurable', gap: null };
  const met = value >= threshold;
  return { element, proxy, value, comparison: '>=', threshold, status: met ? 'met' : 'unmet', gap: met ? 0 : threshold - value };
}

function fromRow(element: { zh: string; en: string }, r: EvidenceRow | undefined): Condition {
  const value = typeof r?.value === 'number' ? r.value : null;
  const threshold = typeof r?.threshold === 'number' ? r.threshold : null;
  if (r === undefined || threshold === null) return { element, proxy: r?.indicator ?? 'not measured', value, comparison: '>=', threshold, status: 'not_measurable', gap: null };
  return atLeast(element, r.indicator, value, threshold);
}

const rowOf = (rows: EvidenceRow[], rule: string, indicator: string): EvidenceRow | undefined => rows.find((r) => r.rule === rule && r.indicator === indicator);

const STAGE_NAME: Record<string, { zh: string; en: string }> = {
  concentration: { zh: '集中', en: 'a concentration (集中)' }, agglomeration: { zh: '集聚', en: 'an agglomeration (集聚)' }, cluster: { zh: '集群', en: 'a cluster (集群)' },
};
const RADIATION_NAME: Record<string, { zh: string; en: string }> = {
  receiving: { zh: '辐射接受中心', en: 'a receiving centre' }, inward: { zh: '向内辐射中心', en: 'an inward-radiating centre' }, outward: { zh: '向外辐射中心', en: 'an outward-radiating centre' },
};

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

function order(conditions: Condition[]): Condition[] {
  const rank = { unmet: 0, not_measurable: 1, met: 2 } as const;
  const rel = (c: Condition): number => (c.gap !== null && c.threshold ? c.gap / Math.abs(c.threshold) : 0);
  return conditions.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.status] - rank[b.c.status] || rel(b.c) - rel(a.c) || a.i - b.i).map((x) => x.c);
}

const TOP = {
  stage: { zh: '已是集群，为最后一级。', en: 'Already a cluster (集群): the last stage.' },
  radiation: { zh: '已是向外辐射中心，为最高一级。', en: 'Already an outward-radiating centre: the highest level.' },
};

function sentence(kind: 'stage' | 'radiation', to: { zh: string; en: string } | null, conditions: Condition[]): { zh: string; en: string } {
  if (to === null) return TOP[kind];
  const unmet = conditions.filter((c) => c.status === 'unmet');
  const unknown = conditions.filter((c) => c.status === 'not_measurable');
  const item = (c: Condition, lang: 'zh' | 'en'): string => {
    const kinds = c.missingKinds?.length ? (lang === 'zh' ? `（缺少：${c.missingKinds.join('、')}）` : ` (missing: ${c.missingKinds.join(', ')})`) : '';
    return `${c.element[lang]} ${c.proxy} ${fmt(c.value!)} ${lang === 'zh' ? '需' : 'needs'} ≥ ${fmt(c.threshold!)}${kinds}`;
  };
  const zh = `要成为${to.zh}，尚缺：${unmet.length ? unmet.map((c, i) => `${i + 1}. ${item(c, 'zh')}`).join('；') : '无（条件均已满足）'}。`
    + (unknown.length ? `无法从现有数据测度：${unknown.map((c) => c.element.zh).join('、')}。` : '');
  const en = `To become ${to.en}, this candidate lacks: ${unmet.length ? unmet.map((c, i) => `${i + 1}. ${item(c, 'en')}`).join('; ') : 'nothing (every measured condition is met)'}.`
    + (unknown.length ? ` Not measurable from these data: ${unknown.map((c) => c.element.en).join(', ')}.` : '');
  return { zh, en };
}

const NEXT_STAGE: Record<string, Stage | null> = { none: 'concentration', concentration: 'agglomeration', agglomeration: 'cluster', cluster: null };
const NEXT_RADIATION: Record<string, RadiationLevel | null> = { receiving: 'inward', inward: 'outward', outward: null };

export function nextSteps(x: Indicators, dx: Diagnosis, t: Thresholds, ctx: NextStepContext): NextSteps {
  const stage = dx.stage.stage;
  const to = NEXT_STAGE[stage ?? 'none'];
  const stageRows = dx.stage.rows;
  const conditions: Condition[] = [];
  const service = (): Condition => {
    const c = atLeast({ zh: '服务支撑', en: 'service support' }, 'institutions tied per 100 firms', ctx.institutionsPer100Firms, NEXT_STEP_THRESHOLDS.servicePer100Firms.value);
    if (c.status === 'unmet') c.missingKinds = INSTITUTION_KINDS.filter((k) => !ctx.institutionKinds.includes(k));
    return c;
  };
  if (to === 'concentration') {
    // the stages apply once the candidate is agglomerated in place (concepts.ts)
    const rows = dx.concepts.agglomeration.rows;
    conditions.push(fromRow({ zh: '企业数量', en: 'number of firms' }, rowOf(rows, 'agglomeration', 'firms')));
    if (!x.wholeEconomy) conditions.push(fromRow({ zh: '区位商（产业基础）', en: 'location quotient (industrial base)' }, rowOf(rows, 'agglomeration', 'lq')));
    const gamma = rowOf(rows, 'agglomeration.localisation', 'egGamma');
    const kd = rowOf(rows, 'agglomeration.localisation', 'kdLocalised');
    const localised = fromRow({ zh: '地理集中（EG γ 或 K 密度）', en: 'localisation (EG γ, or K-density)' }, gamma);
    if (kd?.pass === true) { localised.status = 'met'; localised.gap = 0; localised.proxy = 'egGamma or kdLocalised'; }
    conditions.push(localised);
    conditions.push(NOT_IN_DATA('政策环境与基础设施', 'policy environment and infrastructure', 'not in the data'));
  } else if (to === 'agglomeration') {
    conditions.push(fromRow({ zh: '地理集中性', en: 'geographic concentration score' }, rowOf(stageRows, 'stage.agglomeration', 'score.geographic')));
    const coop = rowOf(stageRows, 'stage.agglomeration', 'score.cooperative');
    const flex = rowOf(stageRows, 'stage.agglomeration', 'score.flexible');
    const best = [coop, flex].filter((r) => typeof r?.value === 'number').sort((a, b) => (b!.value as number) - (a!.value as number))[0] ?? coop;
    const division = fromRow({ zh: '分工协作（合作网络或柔性精专）', en: 'division of labour (cooperative network or flexible specialisation score)' }, best);
    division.proxy = 'max(score.cooperative, score.flexible)';
    conditions.push(division);
    conditions.push(atLeast({ zh: '产业基础', en: 'industrial base' }, ctx.baseYear === null ? 'lq at the earliest snapshot' : `lq in ${ctx.baseYear}`, ctx.baseLq, NEXT_STEP_THRESHOLDS.industrialBaseLq.value));
    conditions.push(service());
    conditions.push(NOT_IN_DATA('区位优势', 'location advantage', 'not in the data'));
    conditions.push(NOT_IN_DATA('市场秩序', 'market order', 'not in the data'));
  } else if (to === 'cluster') {
    conditions.push(fromRow({ zh: '合作网络性', en: 'cooperative network score' }, rowOf(stageRows, 'stage.cluster', 'score.cooperative')));
    conditions.push(fromRow({ zh: '根植性', en: 'embeddedness score' }, rowOf(stageRows, 'stage.cluster', 'score.embeddedness')));
    const innov = rowOf(stageRows, 'stage.cluster', 'score.innovation');
    const self = rowOf(stageRows, 'stage.cluster', 'score.selfOrganisation');
    const best = [innov, self].filter((r) => typeof r?.value === 'number').sort((a, b) => (b!.value as number) - (a!.value as number))[0] ?? innov;
    const c = fromRow({ zh: '创新性或自组织性', en: 'innovation or self-organisation score' }, best);
    c.proxy = 'max(score.innovation, score.selfOrganisation)';
    conditions.push(c);
    conditions.push(fromRow({ zh: '六项特征均值', en: 'mean of the six characteristic scores' }, rowOf(stageRows, 'stage.cluster', 'score.mean')));
    conditions.push(atLeast({ zh: '人文环境与根植性', en: 'cultural environment and embeddedness' }, 'localOwnershipShare', x.localOwnershipShare, NEXT_STEP_THRESHOLDS.localOwnershipShare.value));
    conditions.push(atLeast({ zh: '集群特色（区域品牌）', en: 'cluster identity (regional brand)' }, 'brandShare', x.brandShare, t.brandShare));
    conditions.push(atLeast({ zh: '产业配套', en: 'supporting industries' }, 'chainStagesLinked', x.chainStagesLinked, t.chainMinStages));
    const parts = [x.spinoffShare, ctx.youngPatentedShare].filter((v): v is number => v !== undefined && v !== null && Number.isFinite(v));
    conditions.push(atLeast({ zh: '创新企业家群体', en: 'innovative entrepreneurs' }, 'max(spinoffShare, youngPatentedShare)', parts.length ? Math.max(...parts) : null, NEXT_STEP_THRESHOLDS.spinoffShareEntrepreneurs.value));
    conditions.push(service());
  }
  const stageTo = to === null ? null : STAGE_NAME[to];
  const ordered = order(conditions);
  const stageStep: NextStep = { from: stage, to, conditions: ordered, sentence: sentence('stage', stageTo, ordered) };

  const level = dx.radiation.level;
  const rto = level === null ? null : NEXT_RADIATION[level];
  const rrows = dx.radiation.rows;
  const rc: Condition[] = [];
  if (rto === 'inward') rc.push(fromRow({ zh: '龙头企业带动本地中小企业', en: 'leader firms tied to local SMEs' }, rowOf(rrows, 'radiation.inward', 'leaderLocalTies / leaders')));
  if (rto === 'outward') {
    rc.push(fromRow({ zh: '品牌输出', en: 'brand' }, rowOf(rrows, 'radiation.outward', 'brandShare')));
    rc.push(fromRow({ zh: '外地代工（OEM）', en: 'OEM makers outside working for the place' }, rowOf(rrows, 'radiation.outward', 'oemInboundShare')));
    rc.push(fromRow({ zh: '技术输出（输出 − 输入）', en: 'technology exported (out − in)' }, rowOf(rrows, 'radiation.outward', 'techOutflow − techInflow')));
  }
  const rOrdered = order(rc);
  const radiationStep: NextStep = level === null
    ? { from: null, to: null, conditions: [], sentence: { zh: '辐射等级自集聚阶段起适用：先满足阶段条件。', en: 'Radiation levels apply from 集聚 (agglomeration) on: meet the stage conditions first.' } }
    : { from: level, to: rto, conditions: rOrdered, sentence: sentence('radiation', rto === null ? null : RADIATION_NAME[rto], rOrdered) };
  return { stage: stageStep, radiation: radiationStep };
}
