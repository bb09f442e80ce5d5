/**
 * Wenzhou footwear and apparel: a cluster in Porter's sense — shoe and apparel SMEs packed
 * around Wenzhou, making for the principals and buying from local sole, leather, machinery and
 * packaging firms, with a chamber, an association, banks, an intermediary, a test centre and
 * schools embedded (seed essay 1). The leaders have R&D, marketing and own brands, and firms in
 * other provinces make for them and learn from them: an outward-radiating centre (seed essay 5).
 */
import { F_ALL, F_MKT } from '../drafts.js';
import {
  exporters, firms, leaders, members, oemPartners, principals, tie, type StructureEntry,
} from '../structure-spec.js';

const MAKERS = firms('1952', '1819', '2925', '3552', '2231');

export const WENZHOU: StructureEntry = {
  truth: {
    id: 'wenzhou-footwear-apparel',
    name: { zh: '温州鞋服产业集群', en: 'Wenzhou footwear and apparel cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'outward',
    typology: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'innovative' },
    industries: ['1952', '1819'], supportIndustries: ['2925', '3552', '2231', '5133', '5132'],
    park: null, center: [120.66, 27.99], radiusKm: 30, growth: -0.015, regionalBrand: '温州鞋',
    why: {
      zh: '波特意义上的产业集群：同一产业领域（鞋、服装）的企业在温州密集集聚，本地外包与供货联系稠密，商会、协会、银行、中介、检测中心、院校嵌入其中，构成有机整体（种子文章一）；龙头企业兼有研发、营销职能和自主品牌，外地企业为其代工，品牌与技术向外输出——向外辐射中心（种子文章五）。',
      en: 'A cluster in Porter\'s sense: firms of one field (footwear, apparel) packed around Wenzhou, densely tied by local subcontracting and supply, with a chamber, an association, banks, an intermediary, a test centre and schools embedded — an organic whole (seed essay 1). Leaders have R&D, marketing and own brands, and firms in other provinces make for them: an outward-radiating centre (seed essay 5).',
    },
  },
  site: { sigmaKm: 9, start: 1980, mode: 2001, own: [0.95, 0.04, 0.01, 0] },
  leaders: {
    place: '温州',
    traits: { exportShare: 0.3, rd: 0.025, patentRate: 1.5, functions: F_ALL },
    firms: [
      { code: '1952', brand: '瓯步', emp: [2500, 9000] }, { code: '1952', brand: '红鹿', emp: [2000, 7000] }, { code: '1952', brand: '金瓯', emp: [1500, 5000] },
      { code: '1819', brand: '瓯雅', emp: [1800, 6000] }, { code: '1819', brand: '鹿派', emp: [1500, 5000] }, { code: '1819', brand: '江心', emp: [1200, 4000] },
    ],
  },
  firms: [
    // innovative (truth): design patents are common among Wenzhou's shoe and apparel SMEs
    { code: '1952', n: 500, median: 40, exportShare: 0.3, rd: 0.006, rdProb: 0.3, patentRate: 1, brandShare: 0.35 },
    { code: '1819', n: 340, median: 35, exportShare: 0.25, rd: 0.005, rdProb: 0.25, patentRate: 0.8 },
    { code: '2925', n: 80, median: 60, exportShare: 0.1, rd: 0.006, rdProb: 0.3, patentRate: 0.1 },
    { code: '3552', n: 30, median: 30, rd: 0.02, rdProb: 0.5, patentRate: 0.5 },
    { code: '2231', n: 30, median: 25 },
    { code: '5133', n: 45, median: 8, functions: F_MKT, exportShare: 0.2 },
    { code: '5132', n: 35, median: 8, functions: F_MKT, exportShare: 0.2 },
  ],
  ties: [
    tie.makeFor(members('1952'), principals(150, '1952'), 1, 3, 0.7),
    tie.makeFor(members('1819'), principals(150, '1819'), 1, 2, 0.6),
    tie.buyFrom(firms('1952'), firms('2925'), 1, 2, 0.8),
    tie.buyFrom(firms('1952', '1819'), firms('2231'), 1, 1, 0.4),
    tie.sellTo(firms('3552'), firms('1952'), 3, 6),
    tie.buyFrom(firms('5133'), firms('1952'), 3, 8),
    tie.buyFrom(firms('5132'), firms('1819'), 3, 8),
    tie.technology(leaders(), members('1952', '1819'), 0.15),
    tie.spinoff(members('1952', '1819'), firms('1952', '1819'), 0.15),
  ],
  // Outward radiation: firms in other provinces make for the leaders, which pass them technology.
  partners: [
    oemPartners('1952', 36, [[115.81, 32.89], [116.97, 33.64], [117.97, 28.45], [106.23, 29.59], [113.03, 28.19]], 2000),
    oemPartners('1819', 22, [[115.81, 32.89], [115.9, 28.68], [115.65, 34.44]], 2000),
  ],
  partnerTies: [
    tie.makeFor(firms('partners 1952'), leaders('1952'), 1, 2),
    tie.makeFor(firms('partners 1819'), leaders('1819'), 1, 2),
    tie.technology(leaders('1952'), firms('partners 1952'), 0.6),
    tie.technology(leaders('1819'), firms('partners 1819'), 0.6),
  ],
  institutions: [
    { type: 'association', name: '温州市鞋革行业协会', industry: '1952', ties: [[leaders('1952'), 1, 'membership'], [members('1952', '2925', '3552'), 0.55, 'membership']] },
    { type: 'chamber', name: '温州市服装商会', industry: '1819', ties: [[leaders('1819'), 1, 'membership'], [members('1819', '5132'), 0.45, 'membership']] },
    { type: 'bank', name: '温州瓯江农村商业银行', ties: [[firms(), 0.2, 'finance']] },
    { type: 'bank', name: '浙南商业银行温州分行', ties: [[firms(), 0.1, 'finance']] },
    { type: 'intermediary', name: '温州鞋服外贸综合服务中心', industry: '1952', ties: [[exporters, 0.15, 'service']] },
    { type: 'university', name: '浙南鞋服职业技术学院', industry: '1952', ties: [[leaders(), 1, 'joint_rnd'], [MAKERS, 0.03, 'joint_rnd']] },
    { type: 'research', name: '温州鞋革产业研究院', industry: '1952', ties: [[MAKERS, 0.05, 'technology']] },
    { type: 'public_service', name: '温州鞋类产品质量检测中心', industry: '1952', ties: [[MAKERS, 0.3, 'service']] },
    { type: 'training', name: '温州鞋服技工培训中心', industry: '1952', ties: [[MAKERS, 0.1, 'service']] },
  ],
};
