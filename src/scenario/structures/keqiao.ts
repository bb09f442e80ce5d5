/**
 * Shaoxing Keqiao textiles, and the dyeing park inside it. The cluster: weaving, dyeing,
 * textile-machinery and dyestuff firms and the traders of the textile market form a complete
 * local division of labour, dyers finish fabric for weavers, and a chamber, an association,
 * banks, an export intermediary, a test centre, an institute and a shared wastewater plant are
 * embedded (seed essays 1, 2); leaders lift local firms and a regional brand has formed: an
 * inward-radiating centre (seed essay 5). The park: dyers moved in by government (top-down),
 * tightly tied to the weavers outside and sharing the wastewater plant — a park that hosts a
 * cluster (seed essay 1).
 */
import { F_ALL, F_MKT } from '../drafts.js';
import { exporters, firms, leaders, members, principals, tie, type StructureEntry } from '../structure-spec.js';

const WEAVERS = firms('1751');
const DYERS = firms('1752');
const MAKERS = firms('1751', '1752', '3551', '2645');
const TEXTILE_MARKET: readonly [number, number] = [120.5, 30.08];

export const KEQIAO: StructureEntry = {
  truth: {
    id: 'keqiao-textiles',
    name: { zh: '绍兴柯桥纺织产业集群', en: 'Shaoxing Keqiao textile cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'inward',
    typology: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
    industries: ['1751', '1752'], supportIndustries: ['5131', '3551', '2645'],
    park: null, center: [120.5, 30.1], radiusKm: 28, growth: 0.01, regionalBrand: '柯桥面料',
    why: {
      zh: '产业集群：化纤织造、印染、纺机、染料企业与轻纺城市场商户构成完整的本地分工网络，印染企业为织造企业代加工，商会、协会、银行、外贸中介、检测中心、研究院和集中治污设施嵌入其中（种子文章一、二）；龙头企业带动本地企业，区域品牌“柯桥面料”——向内辐射中心（种子文章五）。',
      en: 'A cluster: weaving, dyeing, textile-machinery and dyestuff firms and the traders of the textile market form a complete local division of labour; dyers finish fabric for weavers, and a chamber, an association, banks, an export intermediary, a test centre, an institute and a shared wastewater plant are embedded (seed essays 1, 2). Leaders lift local firms and a regional brand has formed: an inward-radiating centre (seed essay 5).',
    },
  },
  park: 'P01',
  hostedPark: {
    id: 'keqiao-dyeing-park',
    name: { zh: '柯桥印染产业园', en: 'Keqiao dyeing and finishing park' },
    label: 'park_hosting_cluster', stage: 'cluster', radiation: 'inward',
    typology: { mechanism: 'government-led', factor: 'labour', industry: 'traditional', formation: 'top-down', structure: 'SME', innovation: 'imitative' },
    industries: ['1752'], supportIndustries: ['1751', '2645'],
    park: 'P01', center: [120.53, 30.15], radiusKm: 3, growth: 0.01, regionalBrand: '柯桥面料',
    why: {
      zh: '承载集群的工业园区：印染企业经政府推动集中入园（自上而下推动型），园内企业与园外织造企业之间联系密切，并共享集中污水处理——“在有的工业园区内，企业之间的联系非常密切，形成了产业集群”（种子文章一）；集中治理污染是集群的特点之一（种子文章二）。',
      en: 'A park that hosts a cluster: dyeing firms were moved into the park by government (top-down), and firms inside are tightly tied to weavers outside and share a wastewater plant — "in some parks firms are very closely linked and have formed a cluster" (seed essay 1); shared pollution control is one of a cluster\'s traits (seed essay 2).',
    },
  },
  site: { sigmaKm: 8, start: 1985, mode: 2005, own: [0.94, 0.05, 0.01, 0] },
  leaders: {
    place: '柯桥',
    traits: { exportShare: 0.3, rd: 0.015, patentRate: 1, functions: F_ALL },
    firms: [
      { code: '1751', brand: '鉴湖', emp: [1500, 4000] }, { code: '1751', brand: '越纺', emp: [1200, 3000] },
      { code: '1751', brand: '柯锦', emp: [1000, 2500] }, { code: '1751', brand: '兰亭', emp: [800, 2000] },
      { code: '1752', brand: '越丝', emp: [800, 2000], inPark: true }, { code: '1752', brand: '柯美', emp: [600, 1500], inPark: true },
      { code: '1752', brand: '稽山', emp: [500, 1200], inPark: true },
    ],
  },
  firms: [
    { code: '1751', n: 500, median: 40, exportShare: 0.25, rd: 0.004, rdProb: 0.25, patentRate: 0.1, brandShare: 0.2 },
    { code: '1752', n: 250, median: 60, exportShare: 0.1, rd: 0.004, rdProb: 0.2, patentRate: 0.05, parkShare: 0.65 },
    { code: '5131', n: 280, median: 6, functions: F_MKT, exportShare: 0.15, at: { near: TEXTILE_MARKET, sigmaKm: 2.5, maxKm: 28 } },
    { code: '3551', n: 35, median: 30, rd: 0.02, rdProb: 0.5, patentRate: 0.4 },
    { code: '2645', n: 30, median: 80, rd: 0.02, rdProb: 0.5, patentRate: 0.3, at: { near: [120.87, 30.03], sigmaKm: 5, maxKm: 28 } },
  ],
  ties: [
    tie.makeFor(DYERS, WEAVERS, 2, 5, 0.95),
    tie.makeFor(members('1751'), principals(150, '1751'), 1, 2, 0.4),
    tie.sellTo(WEAVERS, firms('5131'), 1, 4, 0.85, 'even'),
    tie.sellTo(firms('3551'), WEAVERS, 3, 8),
    tie.sellTo(firms('2645'), DYERS, 4, 10),
    tie.technology(leaders(), members('1751', '1752'), 0.12),
    tie.spinoff(members('1751'), WEAVERS, 0.12),
  ],
  institutions: [
    { type: 'association', name: '绍兴市柯桥区纺织行业协会', industry: '1751', ties: [[leaders(), 1, 'membership'], [[members('1751'), DYERS], 0.5, 'membership']] },
    { type: 'chamber', name: '中国轻纺城市场商会', industry: '5131', at: { near: TEXTILE_MARKET, sigmaKm: 3, maxKm: 8 }, ties: [[firms('5131'), 0.6, 'membership']] },
    { type: 'bank', name: '柯桥鉴湖农村商业银行', ties: [[firms(), 0.2, 'finance']] },
    { type: 'bank', name: '越州商业银行柯桥支行', ties: [[firms(), 0.1, 'finance']] },
    { type: 'intermediary', name: '柯桥纺织品外贸服务中心', industry: '1751', ties: [[exporters, 0.15, 'service']] },
    // In the park, and one of the park's own institutions too.
    { type: 'public_service', name: '柯桥印染集中污水处理中心', industry: '1752', at: 'park', ties: [[{ groups: ['1752'], only: 'inPark' }, 1, 'service']] },
    { type: 'public_service', name: '柯桥纺织品检测中心', industry: '1751', ties: [[MAKERS, 0.3, 'service']] },
    { type: 'research', name: '绍兴纺织科技研究院', industry: '1751', ties: [[leaders(), 1, 'joint_rnd'], [MAKERS, 0.05, 'technology']] },
    { type: 'training', name: '柯桥纺织技工培训学校', industry: '1751', ties: [[MAKERS, 0.08, 'service']] },
  ],
};
