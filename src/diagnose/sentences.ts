/**
 * The generated sentence of a verdict, in Chinese and English, built only from evidence rows,
 * e.g. "Kunshan park is a park without a cluster: only 3% of its firms' ties are local
 * (threshold 25%) and …".
 */
import type { ConceptVerdicts, HeadlineLabel } from './concepts.js';
import type { EvidenceRow } from './evidence.js';

type Lang = 'zh' | 'en';

const LABELS: Record<HeadlineLabel, Record<Lang, string>> = {
  cluster: { en: 'an industrial cluster', zh: '产业集群' },
  park_hosting_cluster: { en: 'a park hosting an industrial cluster', zh: '形成了产业集群的工业园区' },
  park_without_cluster: { en: 'a park without a cluster', zh: '未形成产业集群的工业园区' },
  agglomeration_without_cluster: { en: 'an agglomeration but not a cluster', zh: '产业集聚，但不是产业集群' },
  chain_without_agglomeration: { en: 'an industrial chain without agglomeration', zh: '没有空间集聚的产业链' },
  concentration_only: { en: 'a concentrated industry, neither agglomerated nor a chain', zh: '仅为产业集中，既无集聚也未成链' },
  none: { en: 'none of concentration, agglomeration, chain, park or cluster', zh: '不属于产业集中、集聚、产业链、园区或集群中的任何一种' },
};

/** Indicator names in words; `share` marks values shown as percentages. */
const INDICATORS: Record<string, { en: string; zh: string; share?: boolean }> = {
  cr4: { en: 'four-firm concentration ratio CR4', zh: '前四家企业份额', share: false },
  hhi: { en: 'HHI', zh: '赫芬达尔指数' },
  firms: { en: 'establishments', zh: '企业数' },
  lq: { en: 'location quotient', zh: '区位商' },
  egGamma: { en: 'Ellison–Glaeser γ', zh: 'EG 指数 γ' },
  egPValue: { en: 'p-value of γ', zh: 'γ 的 p 值' },
  kdLocalised: { en: 'K-density above its global band', zh: 'K 密度高于全局置信带' },
  chainLinksPerFirm: { en: 'supply ties per firm', zh: '每家企业的供应联系' },
  chainStagesLinked: { en: 'industries joined', zh: '连接的行业数' },
  parkShare: { en: 'of firms inside the park', zh: '园区内企业占比', share: true },
  externalShare: { en: 'of employment in external or foreign firms', zh: '外来及外资企业就业占比', share: true },
  outflowShare: { en: 'of supply ties leave the place', zh: '流向区外的供应联系占比', share: true },
  dominantFieldShare: { en: 'of employment in the dominant field', zh: '主导产业就业占比', share: true },
  localTiesPerFirm: { en: 'local ties per firm', zh: '每家企业的本地联系' },
  localLinkShare: { en: "of the firms' ties are local", zh: '本地联系占比', share: true },
  institutionTypes: { en: 'kinds of institution linked', zh: '有联系的机构类型' },
  institutionLinkedShare: { en: 'of firms tied to an institution', zh: '与机构有联系的企业占比', share: true },
};

const SYMBOL: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', is: '=' };

function number(x: number, share: boolean | undefined, p: boolean): string {
  if (share) return `${Math.round(x * 100)}%`;
  if (p && x < 0.001) return '<0.001';
  if (Number.isInteger(x)) return String(x);
  return Math.abs(x) < 0.01 ? x.toPrecision(2) : x.toFixed(2);
}

function fmt(row: EvidenceRow, lang: Lang): string {
  const info = INDICATORS[row.indicator] ?? { en: row.indicator, zh: row.indicator };
  const isP = row.indicator.endsWith('PValue');
  const v = (x: number | boolean | null): string => {
    if (x === null) return lang === 'zh' ? '未测得' : 'not measured';
    if (typeof x === 'boolean') return x ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    return number(x, info.share, isP);
  };
  if (typeof row.value === 'boolean' || row.comparison === 'is') return `${info[lang]}${lang === 'zh' ? '：' : ': '}${v(row.value)}`;
  const limit = row.threshold === null || typeof row.threshold === 'boolean' ? '' : `${SYMBOL[row.comparison]} ${number(row.threshold, info.share, false)}`;
  const th = limit === '' ? '' : lang === 'zh' ? `（阈值 ${limit}）` : ` (threshold ${limit})`;
  if (lang === 'zh') return `${info.zh} ${v(row.value)}${th}`;
  return info.share ? `${v(row.value)} ${info.en}${th}` : `${info.en} ${v(row.value)}${th}`;
}

function list(rows: EvidenceRow[], lang: Lang): string {
  const parts = rows.map((r) => fmt(r, lang));
  if (lang === 'zh') return parts.join('；');
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Why the label: the rows that decided it (failures for the negative labels). */
function decisive(v: ConceptVerdicts): { pass: EvidenceRow[]; fail: EvidenceRow[] } {
  // an alternative that was not measured (K-density off, no p-value) is not a reason
  const failed = (rows: EvidenceRow[]) => rows.filter((r) => r.pass !== true && r.indicator !== 'egPValue' && !(r.indicator === 'kdLocalised' && r.pass === null));
  const passed = (rows: EvidenceRow[]) => rows.filter((r) => r.pass === true);
  switch (v.label) {
    case 'cluster':
    case 'park_hosting_cluster':
      return { pass: [...passed(v.agglomeration.rows), ...passed(v.cluster.rows)], fail: [] };
    case 'park_without_cluster':
    case 'agglomeration_without_cluster':
      return { pass: passed(v.agglomeration.rows), fail: v.agglomeration.holds ? failed(v.cluster.rows) : failed(v.agglomeration.rows) };
    case 'chain_without_agglomeration':
      return { pass: passed(v.chain.rows), fail: failed(v.agglomeration.rows) };
    case 'concentration_only':
      return { pass: passed(v.concentration.rows), fail: [...failed(v.agglomeration.rows), ...failed(v.chain.rows)] };
    case 'none':
      return { pass: [], fail: [...failed(v.concentration.rows), ...failed(v.agglomeration.rows), ...failed(v.chain.rows)] };
  }
}

export function verdictSentence(name: string, v: ConceptVerdicts, lang: Lang): string {
  const { pass, fail } = decisive(v);
  const label = LABELS[v.label][lang];
  if (lang === 'zh') {
    const because = [pass.length ? list(pass, 'zh') : '', fail.length ? `但${list(fail, 'zh')}` : ''].filter(Boolean).join('，');
    return `${name}为${label}${because ? `：${because}` : ''}。`;
  }
  const because = [pass.length ? list(pass, 'en') : '', fail.length ? `${pass.length ? 'but ' : ''}${list(fail, 'en')}` : ''].filter(Boolean).join('; ');
  return `${name} is ${label}${because ? `: ${because}` : ''}.`;
}
