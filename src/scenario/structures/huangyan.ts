/**
 * Taizhou Huangyan moulds and dies: a cluster — mould makers divide work with plastic-product
 * makers, heat treaters and plastics-machinery makers, with an association, a bank, a public
 * technology platform, a technical school and an institute embedded (seed essay 1). Leaders pass
 * technology to local SMEs, and a regional brand has formed: an inward-radiating centre (seed
 * essay 5), imitative rather than innovative.
 */
import { F_ALL } from '../drafts.js';
import { firms, leaders, members, principals, tie, type StructureEntry } from '../structure-spec.js';

const MOULDS = firms('3525');
const PLASTICS = firms('2929', '2927');

export const HUANGYAN: StructureEntry = {
  truth: {
    id: 'huangyan-moulds',
    name: { zh: '台州黄岩模具产业集群', en: 'Taizhou Huangyan mould and die cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'inward',
    typology: { mechanism: 'market-led', factor: 'technology', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
    industries: ['3525'], supportIndustries: ['2929', '2927', '3523', '3360'],
    park: null, center: [121.25, 28.64], radiusKm: 22, growth: 0.03, regionalBrand: '黄岩模具',
    why: {
      zh: '产业集群：模具企业在黄岩集聚，模具厂与下游塑料制品厂、热处理厂、塑机厂分工协作，行业协会、银行、公共技术服务平台、技工学校嵌入其中（种子文章一）；龙头企业向本地中小企业转移技术，形成“黄岩模具”区域品牌——向内辐射中心（种子文章五）。',
      en: 'A cluster: mould makers concentrate in Huangyan and divide work with plastic-product makers, heat treaters and plastics-machinery makers; an association, a bank, a public technology platform and a technical school are embedded (seed essay 1). Leaders pass technology to local SMEs and a regional brand has formed: an inward-radiating centre (seed essay 5).',
    },
  },
  site: { sigmaKm: 6, start: 1985, mode: 2005, own: [0.96, 0.03, 0.01, 0] },
  leaders: {
    place: '黄岩',
    traits: { exportShare: 0.2, rd: 0.03, patentRate: 3, functions: F_ALL },
    firms: [
      { code: '3525', brand: '黄精', emp: [600, 1500] }, { code: '3525', brand: '岩华', emp: [500, 1200] }, { code: '3525', brand: '永模', emp: [400, 1000] },
      { code: '3525', brand: '凯岩', emp: [400, 900] }, { code: '3525', brand: '台模', emp: [300, 800] },
    ],
  },
  firms: [
    { code: '3525', n: 560, median: 25, sigma: 0.9, exportShare: 0.1, rd: 0.01, rdProb: 0.4, patentRate: 0.3, brandShare: 0.25 },
    { code: '2929', n: 140, median: 30 },
    { code: '2927', n: 100, median: 35, exportShare: 0.2 },
    { code: '3523', n: 30, median: 40, rd: 0.015, rdProb: 0.5, patentRate: 0.4 },
    { code: '3360', n: 30, median: 15 },
  ],
  ties: [
    tie.makeFor(members('3525'), principals(100, '3525'), 1, 2, 0.55),
    tie.buyFrom(PLASTICS, MOULDS, 1, 3, 0.9),
    tie.makeFor(firms('3360'), MOULDS, 3, 8),
    tie.sellTo(firms('3523'), PLASTICS, 3, 6),
    tie.technology(leaders(), members('3525'), 0.25),
    tie.spinoff(members('3525'), MOULDS, 0.2),
  ],
  institutions: [
    {
      type: 'association', name: '台州市黄岩模具行业协会', industry: '3525',
      ties: [[leaders(), 1, 'membership'], [members('3525'), 0.6, 'membership'], [PLASTICS, 0.3, 'membership']],
    },
    { type: 'bank', name: '黄岩永宁农村商业银行', ties: [[firms(), 0.2, 'finance']] },
    { type: 'public_service', name: '黄岩模具公共技术服务平台', industry: '3525', ties: [[MOULDS, 0.35, 'service']] },
    { type: 'training', name: '黄岩模具技工学校', industry: '3525', ties: [[MOULDS, 0.15, 'service']] },
    { type: 'research', name: '台州模塑技术研究院', industry: '3525', ties: [[leaders(), 1, 'joint_rnd'], [MOULDS, 0.05, 'technology']] },
  ],
};
