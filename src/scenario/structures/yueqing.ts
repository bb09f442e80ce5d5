/**
 * Yueqing (Liushi) low-voltage electrical equipment: a cluster dominated by large firms — many
 * SMEs make parts for two large leaders and a ring of core firms, cable, insulation, plastic-part
 * and plating firms supply them nearby, and an association, a chamber, banks, a test centre, an
 * institute and a college take part (seed essays 1, 2). The two largest leaders pass technology
 * and brands to OEM suppliers in other provinces: an outward-radiating centre (seed essay 5).
 */
import { F_ALL } from '../drafts.js';
import { firms, leaders, makers, members, oemPartners, principals, tie, type StructureEntry } from '../structure-spec.js';

const EQUIPMENT = ['3823', '3829', '3824'];
const BIG_TWO = { ...leaders(), first: 2 };

export const YUEQING: StructureEntry = {
  truth: {
    id: 'yueqing-low-voltage-electrical',
    name: { zh: '乐清（柳市）低压电器产业集群', en: 'Yueqing (Liushi) low-voltage electrical cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'outward',
    typology: { mechanism: 'market-led', factor: 'technology', industry: 'traditional', formation: 'spontaneous', structure: 'large-firm', innovation: 'innovative' },
    industries: ['3823', '3829', '3824'], supportIndustries: ['3831', '3834', '2929', '3360'],
    park: null, center: [120.93, 28.04], radiusKm: 25, growth: 0.04, regionalBrand: '柳市电器',
    why: {
      zh: '产业集群：低压电器企业在柳市高度集聚，大量中小企业为两家大型龙头和一批骨干企业配套加工，电缆、绝缘材料、塑料件与表面处理企业就近供货，协会、商会、银行、检测中心、研究院和高校参与其中（种子文章一）；龙头企业技术与品牌输出，外地企业成为其代工配套——向外辐射中心（种子文章五），大企业主导型（种子文章二）。',
      en: 'A cluster: low-voltage electrical firms crowd Liushi; many SMEs make parts for two large leaders and a ring of core firms, cable, insulation, plastic-part and plating firms supply them nearby, and an association, a chamber, banks, a test centre, an institute and a college take part (seed essay 1). Leaders export technology and brands and firms elsewhere become their OEM suppliers: an outward-radiating centre (seed essay 5), dominated by large firms (seed essay 2).',
    },
  },
  site: { sigmaKm: 7, start: 1984, mode: 2003, own: [0.95, 0.04, 0.01, 0] },
  leaders: {
    place: '乐清',
    traits: { exportShare: 0.2, rd: 0.04, patentRate: 4, functions: F_ALL },
    firms: [
      { code: '3823', brand: '雁翔', emp: [8000, 20000] }, { code: '3823', brand: '清江', emp: [6000, 15000] },
      { code: '3823', brand: '柳峰', emp: [800, 2500] }, { code: '3829', brand: '乐达', emp: [800, 2500] },
      { code: '3823', brand: '华甬', emp: [800, 2000] }, { code: '3824', brand: '东雁', emp: [600, 1800] },
      { code: '3831', brand: '清泰', emp: [800, 2200] }, { code: '3829', brand: '江柳', emp: [600, 1500] },
    ],
  },
  firms: [
    { code: '3823', n: 650, median: 30, exportShare: 0.1, rd: 0.012, rdProb: 0.5, patentRate: 0.4, brandShare: 0.3 },
    { code: '3829', n: 150, median: 30, exportShare: 0.1, rd: 0.01, rdProb: 0.4, patentRate: 0.3, brandShare: 0.3 },
    { code: '3824', n: 90, median: 35, rd: 0.015, rdProb: 0.5, patentRate: 0.5 },
    { code: '3831', n: 110, median: 45, rd: 0.005, rdProb: 0.2, patentRate: 0.1 },
    { code: '3834', n: 60, median: 30 },
    { code: '2929', n: 90, median: 30 },
    { code: '3360', n: 45, median: 20 },
  ],
  ties: [
    tie.makeFor(members(...EQUIPMENT), principals(200, ...EQUIPMENT), 1, 3, 0.75),
    tie.sellTo(firms('3831', '3834', '2929'), firms('3823', '3829'), 2, 6, 0.9),
    tie.sellTo(firms('3360'), firms('3823', '3829', '3824', '2929'), 3, 6),
    tie.buyFrom(members('3823'), firms('3824'), 1, 2, 0.3),
    tie.technology(leaders(), members(), 0.2),
    tie.spinoff(members(), firms(), 0.18),
  ],
  partners: [oemPartners('3823', 45, [[118.31, 32.3], [115.9, 28.68], [113.91, 30.92], [118.76, 30.94]], 2002)],
  partnerTies: [
    tie.makeFor(firms('partners 3823'), BIG_TWO, 1, 2),
    tie.technology(BIG_TWO, firms('partners 3823'), 0.8),
  ],
  institutions: [
    { type: 'association', name: '乐清市电气行业协会', industry: '3823', ties: [[leaders(), 1, 'membership'], [members(), 0.6, 'membership']] },
    { type: 'chamber', name: '柳市镇电器商会', industry: '3823', ties: [[members(), 0.4, 'membership']] },
    { type: 'bank', name: '乐清雁荡农村商业银行', ties: [[firms(), 0.2, 'finance']] },
    { type: 'bank', name: '浙东商业银行乐清支行', ties: [[firms(), 0.1, 'finance']] },
    { type: 'intermediary', name: '乐清电气知识产权服务中心', industry: '3823', ties: [[makers, 0.1, 'service']] },
    { type: 'university', name: '浙南电气职业学院', industry: '3823', ties: [[leaders(), 1, 'joint_rnd'], [makers, 0.05, 'joint_rnd']] },
    { type: 'research', name: '乐清低压电器研究院', industry: '3823', ties: [[leaders(), 1, 'joint_rnd'], [makers, 0.08, 'technology']] },
    { type: 'public_service', name: '乐清电器产品质量检测中心', industry: '3823', ties: [[makers, 0.35, 'service']] },
    { type: 'training', name: '柳市电工技能培训中心', industry: '3823', ties: [[makers, 0.1, 'service']] },
  ],
};
