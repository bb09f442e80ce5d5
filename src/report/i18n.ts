/**
 * Every piece of UI text of the report, in Chinese and English. The renderer uses it for the
 * static HTML and embeds the chosen language's table for the chart script.
 */
import type { ReportLang } from './types.js';

export const UI = {
  reportSubtitle: { en: 'Industrial cluster diagnosis', zh: '产业集群诊断报告' },
  generated: { en: 'Generated', zh: '生成时间' },
  seed: { en: 'seed', zh: '随机种子' },
  contents: { en: 'Contents', zh: '目录' },
  showDetails: { en: 'Show charts and evidence', zh: '展开图表与证据' },
  hideDetails: { en: 'Hide charts and evidence', zh: '收起图表与证据' },
  expandAll: { en: 'Expand all', zh: '全部展开' },
  collapseAll: { en: 'Collapse all', zh: '全部收起' },
  overview: { en: 'Overview', zh: '总览' },
  overviewMap: { en: 'Candidates found', zh: '识别出的候选集群' },
  overviewCaption: { en: 'Each candidate at its employment-weighted centre (bubble area = employment) with the circle holding 90% of its firms (not drawn beyond 150 km: networks and industries spread over many regions); colour = verdict.', zh: '各候选位于其就业加权中心（气泡面积 = 就业人数），圆圈为容纳其 90% 企业的范围（半径超过 150 千米的网络与行业候选不画圆）；颜色表示诊断结论。' },
  candidates: { en: 'Candidates', zh: '候选' },
  candidatesUnit: { en: 'candidates', zh: '个候选' },
  portfolio: { en: 'Cluster portfolio', zh: '集群组合图' },
  portfolioCaption: { en: 'Location quotient against employment growth; bubble area = employment (as in the U.S. Cluster Mapping Project). Lines: LQ = 1 and the growth of total employment.', zh: '区位商与就业增长率；气泡面积 = 就业人数（参照美国集群地图项目）。参考线：区位商 = 1，全部就业的增长率。' },
  lq: { en: 'Location quotient', zh: '区位商' },
  growth: { en: 'Employment growth (%)', zh: '就业增长率（%）' },
  employment: { en: 'Employment', zh: '就业人数' },
  firms: { en: 'Firms', zh: '企业' },
  firmsCount: { en: 'firms', zh: '企业数' },
  firmsUnit: { en: 'firms', zh: '家企业' },
  leaders: { en: 'Leader firms', zh: '龙头企业' },
  parks: { en: 'Parks', zh: '园区' },
  hull: { en: 'Candidate hull', zh: '候选范围（凸包）' },
  radius90: { en: 'Circle holding 90% of the firms', zh: '容纳 90% 企业的圆' },
  allEmployment: { en: 'all employment', zh: '全部就业' },
  id: { en: 'id', zh: '编号' },
  name: { en: 'name', zh: '名称' },
  label: { en: 'verdict', zh: '结论' },
  stage: { en: 'stage', zh: '发展阶段' },
  radiation: { en: 'radiation', zh: '辐射层级' },
  industries: { en: 'Industries', zh: '行业' },
  place: { en: 'Place', zh: '地点' },
  regions: { en: 'regions', zh: '地区' },
  park: { en: 'park', zh: '园区' },
  verdict: { en: 'Verdict', zh: '诊断结论' },
  concepts: { en: 'Concepts that hold', zh: '成立的概念' },
  evidence: { en: 'Evidence', zh: '证据' },
  rule: { en: 'rule', zh: '规则' },
  indicator: { en: 'indicator', zh: '指标' },
  value: { en: 'value', zh: '测得值' },
  threshold: { en: 'threshold', zh: '阈值' },
  pass: { en: 'pass', zh: '是否满足' },
  notMeasured: { en: 'not measured', zh: '未测得' },
  notApplicable: { en: 'not applicable (not agglomerated)', zh: '不适用（未形成集聚）' },
  role: { en: 'Role in regional development', zh: '在区域发展中的作用' },
  pillar: { en: 'pillar industry', zh: '支柱产业' },
  mapTitle: { en: 'Location quotient and LISA clusters', zh: '区位商与局部空间自相关（LISA）' },
  mapLq: { en: 'LQ of the industry group', zh: '产业组区位商' },
  mapLisa: { en: 'LISA of the LQ', zh: '区位商的 LISA 聚类' },
  noData: { en: 'no firms', zh: '无企业' },
  notSignificant: { en: 'not significant', zh: '不显著' },
  island: { en: 'no neighbours', zh: '无邻接' },
  lorenzTitle: { en: 'Lorenz curve of firm sizes', zh: '企业规模洛伦兹曲线' },
  lorenzX: { en: 'Cumulative share of firms (%)', zh: '企业累计占比（%）' },
  lorenzY: { en: 'Cumulative share of employment (%)', zh: '就业累计占比（%）' },
  equality: { en: 'Equal sizes', zh: '完全均等线' },
  lorenz: { en: 'Lorenz curve', zh: '洛伦兹曲线' },
  kdTitle: { en: 'K-density of distances between the firms', zh: '企业间距离的 K 密度' },
  kdX: { en: 'Distance (km)', zh: '距离（千米）' },
  kdY: { en: 'Density (per km)', zh: '密度（每千米）' },
  kd: { en: 'K-density', zh: 'K 密度' },
  globalBand: { en: 'Global confidence band', zh: '全局置信带' },
  localBand: { en: 'Pointwise band', zh: '逐点置信带' },
  localised: { en: 'localised', zh: '显著集聚' },
  notLocalised: { en: 'not localised', zh: '未显著集聚' },
  networkTitle: { en: 'Network of firms and institutions', zh: '企业与机构网络' },
  community: { en: 'Community', zh: '社群' },
  isolated: { en: 'Unlinked / singletons', zh: '孤立节点' },
  institution: { en: 'Institution', zh: '机构' },
  modularity: { en: 'modularity', zh: '模块度' },
  degree: { en: 'links (in + out)', zh: '联系数（入 + 出）' },
  communities: { en: 'communities', zh: '个社群' },
  chainTitle: { en: 'Value-chain completeness', zh: '产业链完整度' },
  present: { en: 'present', zh: '具备' },
  weak: { en: 'weak', zh: '薄弱' },
  missing: { en: 'missing', zh: '缺失' },
  vertical: { en: 'vertical stages', zh: '纵向环节' },
  support: { en: 'support', zh: '横向配套' },
  completeness: { en: 'completeness', zh: '完整度' },
  localFlow: { en: 'local share of links', zh: '本地联系占比' },
  radarTitle: { en: 'Development stage radar', zh: '发展阶段雷达图' },
  pathTitle: { en: 'Development path', zh: '发展路径' },
  pathScores: { en: 'characteristic scores by year', zh: '各年份特征得分' },
  pathNone: { en: 'none', zh: '无' },
  radiationAxis: { en: 'radiation', zh: '辐射' },
  nextStepTitle: { en: 'Next step', zh: '下一步' },
  condition: { en: 'condition', zh: '条件' },
  proxy: { en: 'measured by', zh: '衡量方式' },
  gap: { en: 'gap', zh: '差距' },
  status: { en: 'status', zh: '状态' },
  met: { en: 'met', zh: '已具备' },
  unmet: { en: 'unmet', zh: '尚缺' },
  notMeasurable: { en: 'not measurable from these data', zh: '现有数据无法衡量' },
  missingKinds: { en: 'missing kinds of institution', zh: '缺少的机构类型' },
  chainTargets: { en: 'chain-gap targets within 200 km (plan gaps, ranked)', zh: '200 公里内的补链目标（按 plan gaps 排序）' },
  fillStage: { en: 'fill (补链)', zh: '补链' },
  extendStage: { en: 'extend (延链)', zh: '延链' },
  strengthenStage: { en: 'strengthen (强链)', zh: '强链' },
  typologyTitle: { en: 'Typology', zh: '类型划分' },
  dimension: { en: 'dimension', zh: '维度' },
  type: { en: 'type', zh: '类型' },
  shiftShareTitle: { en: 'Shift-share of employment', zh: '就业的偏离—份额分解' },
  region: { en: 'region', zh: '地区' },
  base: { en: 'base', zh: '基期' },
  final: { en: 'final', zh: '末期' },
  change: { en: 'change', zh: '变化量' },
  nationalShare: { en: 'national share', zh: '全国份额分量' },
  industryMix: { en: 'industry mix', zh: '产业结构分量' },
  regionalShift: { en: 'regional shift', zh: '竞争力分量' },
  competitive: { en: 'EM competitive', zh: 'EM 竞争效应' },
  allocation: { en: 'EM allocation', zh: 'EM 配置效应' },
  total: { en: 'total', zh: '合计' },
  source: { en: 'Source', zh: '数据来源' },
  parameters: { en: 'Parameters', zh: '参数' },
  notAvailable: { en: 'Not available', zh: '无法绘制' },
  saveSvg: { en: 'Save as SVG', zh: '保存为 SVG' },
  savePng: { en: 'Save as PNG', zh: '保存为 PNG' },
  warnings: { en: 'Warnings', zh: '警告' },
  inputs: { en: 'Inputs', zh: '输入数据' },
  file: { en: 'file', zh: '文件' },
  yes: { en: 'yes', zh: '是' },
  no: { en: 'no', zh: '否' },
  none: { en: 'none', zh: '无' },
  noCandidates: { en: 'No candidates were found.', zh: '未识别出候选集群。' },
  chartFailed: { en: 'Chart failed', zh: '图表绘制失败' },
  fromSimulations: { en: 'simulations', zh: '次模拟' },
  categories: { en: 'Cluster categories', zh: '集群类别组合' },
  categoriesCaption: { en: 'Each category of the project\'s category file in the chosen region: location quotient (over the employment of the category\'s type, traded or local) against employment growth; bubble area = employment; filled: strong cluster (U.S. Cluster Mapping rule: LQ ≥ 75th percentile of the regions and ≥ 1, employment and establishments above the 25th percentile), dark outline: in the top 10%.', zh: '所选地区项目类别文件中的各类别：区位商（按类别类型——贸易型或本地型——的就业计算）与就业增长率；气泡面积 = 就业人数；实心：强集群（美国集群地图项目规则：区位商不低于各地区第 75 百分位且 ≥ 1，就业与机构数高于第 25 百分位），深色边框：前 10%。' },
  categoryRegion: { en: 'Region', zh: '地区' },
  categoryNetwork: { en: 'Related categories', zh: '相关类别网络' },
  categoryNetworkCaption: { en: 'Categories linked by the relatedness file (line width = relatedness); node area = employment in the chosen region; filled: strong cluster there; grey: not present in the region.', zh: '按相关性文件连接的类别（线宽 = 相关度）；节点面积 = 所选地区的就业人数；实心：该地区的强集群；灰色：该地区没有。' },
  strongClusters: { en: 'Strong clusters', zh: '强集群' },
  strongCluster: { en: 'strong cluster', zh: '强集群' },
  strong10: { en: 'top 10%', zh: '前 10%' },
  notStrong: { en: 'not strong', zh: '非强集群' },
  traded: { en: 'traded', zh: '贸易型' },
  local: { en: 'local', zh: '本地型' },
  category: { en: 'Category', zh: '类别' },
  relatedness: { en: 'relatedness', zh: '相关度' },
  candidateCategories: { en: 'Cluster categories', zh: '集群类别' },
  relatedCategories: { en: 'Related categories in its regions', zh: '所在地区的相关类别' },
  relatedTo: { en: 'related to', zh: '相关于' },
  strongIn: { en: 'strong cluster in', zh: '为强集群的地区' },
  uncategorised: { en: 'firms in no category', zh: '不属于任何类别的企业' },
  regionsShown: { en: 'regions with statistics', zh: '有统计的地区' },
  noGrowthLeftOut: { en: 'not drawn, no base-year employment', zh: '基期无就业、未绘制' },
} as const satisfies Record<string, Record<ReportLang, string>>;

export type UiKey = keyof typeof UI;

export function ui(lang: ReportLang, key: UiKey): string {
  return UI[key][lang];
}

/** Headline labels of the diagnosis. */
export const LABELS: Record<string, Record<ReportLang, string>> = {
  cluster: { en: 'Industrial cluster', zh: '产业集群' },
  park_hosting_cluster: { en: 'Park hosting a cluster', zh: '形成集群的园区' },
  park_without_cluster: { en: 'Park without a cluster', zh: '未形成集群的园区' },
  agglomeration_without_cluster: { en: 'Agglomeration, not a cluster', zh: '集聚但非集群' },
  chain_without_agglomeration: { en: 'Chain without agglomeration', zh: '无集聚的产业链' },
  concentration_only: { en: 'Concentration only', zh: '仅产业集中' },
  none: { en: 'None of these', zh: '均不成立' },
};

export const LABEL_COLOURS: Record<string, string> = {
  cluster: '#1b9e77',
  park_hosting_cluster: '#66a61e',
  park_without_cluster: '#d95f02',
  agglomeration_without_cluster: '#7570b3',
  chain_without_agglomeration: '#e6ab02',
  concentration_only: '#a6761d',
  none: '#888888',
};

export const STAGES: Record<string, Record<ReportLang, string>> = {
  concentration: { en: 'concentration (集中)', zh: '集中' },
  agglomeration: { en: 'agglomeration (集聚)', zh: '集聚' },
  cluster: { en: 'cluster (集群)', zh: '集群' },
};

export const RADIATION: Record<string, Record<ReportLang, string>> = {
  receiving: { en: 'receiving centre', zh: '辐射接受中心' },
  inward: { en: 'inward-radiating centre', zh: '向内辐射中心' },
  outward: { en: 'outward-radiating centre', zh: '向外辐射中心' },
};

export const CONCEPTS: Record<string, Record<ReportLang, string>> = {
  concentration: { en: 'concentration', zh: '产业集中' },
  agglomeration: { en: 'agglomeration', zh: '产业集聚' },
  chain: { en: 'chain', zh: '产业链' },
  park: { en: 'park', zh: '工业园区' },
  cluster: { en: 'cluster', zh: '产业集群' },
  stage: { en: 'stage', zh: '发展阶段' },
  radiation: { en: 'radiation', zh: '辐射层级' },
  typology: { en: 'typology', zh: '类型' },
  role: { en: 'role', zh: '作用' },
};

export const CHARACTERISTIC_NAMES: Record<string, Record<ReportLang, string>> = {
  geographic: { en: 'Geographic concentration', zh: '地理集中性' },
  embeddedness: { en: 'Embeddedness', zh: '根植性' },
  flexible: { en: 'Flexible specialisation', zh: '柔性精专' },
  cooperative: { en: 'Cooperative network', zh: '合作网络性' },
  innovation: { en: 'Innovation', zh: '创新性' },
  selfOrganisation: { en: 'Self-organisation', zh: '自组织性' },
};

export const TYPOLOGY_DIMENSIONS: Record<string, Record<ReportLang, string>> = {
  mechanism: { en: 'Formation mechanism', zh: '形成机制' },
  factor: { en: 'Factor intensity', zh: '要素配置' },
  industry: { en: 'Industry type', zh: '产业类型' },
  formation: { en: 'Formation mode', zh: '形成方式' },
  structure: { en: 'Firm structure', zh: '企业类型' },
  innovation: { en: 'Innovation', zh: '创新程度' },
};

export const TYPOLOGY_VALUES: Record<string, Record<ReportLang, string>> = {
  'market-led': { en: 'market-led', zh: '市场主导型' },
  'government-led': { en: 'government-led', zh: '政府主导型' },
  labour: { en: 'labour-intensive', zh: '劳动密集型' },
  resource: { en: 'resource-intensive', zh: '资源密集型' },
  technology: { en: 'technology-intensive', zh: '技术密集型' },
  traditional: { en: 'traditional', zh: '传统产业' },
  'high-tech': { en: 'high-tech', zh: '高新技术产业' },
  spontaneous: { en: 'spontaneous', zh: '自发型' },
  'bottom-up': { en: 'bottom-up cultivated', zh: '自下而上培育型' },
  'top-down': { en: 'top-down promoted', zh: '自上而下推动型' },
  'large-firm': { en: 'large-firm dominated', zh: '大企业主导型' },
  SME: { en: 'SME dominated', zh: '中小企业主导型' },
  'single-leader': { en: 'single leader-driven', zh: '龙头企业带动型' },
  imitative: { en: 'imitative', zh: '模仿型' },
  innovative: { en: 'innovative', zh: '创新型' },
};

export const LISA_NAMES: Record<string, Record<ReportLang, string>> = {
  HH: { en: 'High–High', zh: '高—高' },
  LL: { en: 'Low–Low', zh: '低—低' },
  HL: { en: 'High–Low', zh: '高—低' },
  LH: { en: 'Low–High', zh: '低—高' },
  ns: { en: 'not significant', zh: '不显著' },
  island: { en: 'no neighbours', zh: '无邻接' },
};

export const INSTITUTION_TYPES: Record<string, Record<ReportLang, string>> = {
  chamber: { en: 'chamber of commerce', zh: '商会' },
  association: { en: 'industry association', zh: '行业协会' },
  bank: { en: 'bank', zh: '银行' },
  intermediary: { en: 'intermediary', zh: '中介机构' },
  university: { en: 'university', zh: '高校' },
  research: { en: 'research institute', zh: '科研院所' },
  training: { en: 'training centre', zh: '培训机构' },
  public_service: { en: 'public service platform', zh: '公共服务平台' },
  other: { en: 'other', zh: '其他' },
};

/** Names of the parameters quoted in captions. */
export const PARAM_NAMES: Record<string, Record<ReportLang, string>> = {
  weights: { en: 'spatial weights', zh: '空间权重' },
  permutations: { en: 'permutations', zh: '置换次数' },
  alpha: { en: 'α', zh: '显著性水平 α' },
  seed: { en: 'seed', zh: '随机种子' },
  size: { en: 'size', zh: '规模变量' },
  firms: { en: 'firms', zh: '企业数' },
  reference: { en: 'reference points', zh: '参照点' },
  background: { en: 'random locations drawn from', zh: '随机布点来源' },
  nullModel: { en: 'null model', zh: '零假设模型' },
  simulations: { en: 'simulations', zh: '模拟次数' },
  rmaxKm: { en: 'largest distance (km)', zh: '最大距离（千米）' },
  bandwidthKm: { en: 'bandwidth (km)', zh: '带宽（千米）' },
  communities: { en: 'communities', zh: '社群算法' },
  resolution: { en: 'resolution', zh: '分辨率' },
  weight: { en: 'link weight', zh: '联系权重' },
  leaders: { en: 'leaders shown', zh: '标出的龙头企业数' },
  template: { en: 'chain template', zh: '产业链模板' },
  radiusKm: { en: 'radius (km)', zh: '半径（千米）' },
  weakBelowFirms: { en: 'weak below (firms)', zh: '薄弱阈值（企业数）' },
  center: { en: 'centre (lon, lat)', zh: '中心（经度, 纬度）' },
  baseYear: { en: 'base year', zh: '基期' },
  finalYear: { en: 'final year', zh: '末期' },
  variable: { en: 'variable', zh: '变量' },
  method: { en: 'method', zh: '方法' },
  growth: { en: 'growth period', zh: '增长期间' },
  bubble: { en: 'bubble size', zh: '气泡大小' },
  candidates: { en: 'candidates', zh: '候选数' },
  scale: { en: 'scale', zh: '刻度' },
};

/** Parameter values that are words. */
export const PARAM_VALUES: Record<string, Record<ReportLang, string>> = {
  queen: { en: 'queen contiguity', zh: '后式邻接' },
  rook: { en: 'rook contiguity', zh: '车式邻接' },
  employees: { en: 'employees', zh: '从业人员' },
  employment: { en: 'employment', zh: '就业人数' },
  'random-location': { en: 'random location', zh: '随机布点' },
  Louvain: { en: 'Louvain', zh: 'Louvain 算法' },
  'link count': { en: 'link count', zh: '联系条数' },
  'classic + Esteban-Marquillas': { en: 'classic + Esteban-Marquillas', zh: '经典分解 + Esteban-Marquillas 分解' },
  diagnosis: { en: 'diagnosis', zh: '诊断结果' },
};

/** The label table of one language embedded in the page (#report-labels) for the chart script. */
export interface ClientLabels {
  ui: Record<UiKey, string>;
  labels: Record<string, string>;
  labelColours: Record<string, string>;
  stages: Record<string, string>;
  characteristics: Record<string, string>;
  lisa: Record<string, string>;
  institutionTypes: Record<string, string>;
  radiation: Record<string, string>;
  /** Typology values (market-led, SME, …), for the dashboard's candidate list. */
  typology: Record<string, string>;
}

export function clientLabels(lang: ReportLang): ClientLabels {
  const pick = (t: Record<string, Record<ReportLang, string>>): Record<string, string> => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v[lang]]));
  return {
    ui: pick(UI) as Record<UiKey, string>, labels: pick(LABELS), labelColours: LABEL_COLOURS, stages: pick(STAGES), characteristics: pick(CHARACTERISTIC_NAMES),
    lisa: pick(LISA_NAMES), institutionTypes: pick(INSTITUTION_TYPES), radiation: pick(RADIATION),
    typology: pick(TYPOLOGY_VALUES),
  };
}
/**
 * The caption of every map that draws the built-in base map of China (load/basemap.ts): its
 * vintage and source, and that it is for analysis, not for publication (a public map in China
 * needs an approval number, 审图号). Server-side only (not in the client labels).
 */
export const BUILTIN_BASE_MAP_CAPTION = { en: 'Boundaries: built-in base map (~2016 vintage, simplified ~500 m, from Apache ECharts 4.9.0), for analysis, not for publication; the regions\' own polygons, where given, take precedence.', zh: '边界：内置底图（约 2016 年版，简化约 500 米，来自 Apache ECharts 4.9.0），仅供分析，不可用于出版或公开展示；公开展示地图须依法取得审图号。用户提供的地区边界优先。' } as const;

