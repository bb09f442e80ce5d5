/**
 * Haining leather: a cluster still at the agglomeration stage — tanneries supply garment and bag
 * makers, and the bigger makers hand work to small ones, but there are few institutions (one
 * association, one bank), no leader with R&D and marketing and no regional brand; technology
 * flows in from an institute in Shanghai, some 110 km away: a receiving centre (seed essay 5).
 */
import { firms, principals, tie, type StructureEntry } from '../structure-spec.js';

export const HAINING: StructureEntry = {
  truth: {
    id: 'haining-leather',
    name: { zh: '海宁皮革产业集群', en: 'Haining leather cluster' },
    label: 'cluster', stage: 'agglomeration', radiation: 'receiving',
    typology: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
    industries: ['1921', '1922', '1910'], supportIndustries: ['1923'],
    park: null, center: [120.68, 30.51], radiusKm: 20, growth: 0.02, regionalBrand: null,
    why: {
      zh: '处于集聚阶段的集群：皮革企业在海宁集聚，制革厂与皮衣、箱包企业之间已有分工与供货联系，但机构少（一个协会、一家银行）、没有兼具研发营销职能的龙头企业、没有区域品牌，技术主要从外部（上海的研究所）流入——集聚阶段（种子文章五：产业协作增强、分工提升效率）与辐射接受中心（只有生产加工功能，依赖外部技术流入）。',
      en: 'A cluster at the agglomeration stage: leather firms concentrate in Haining and tanneries supply garment and bag makers, but there are few institutions (one association, one bank), no leader with R&D and marketing, no regional brand, and technology flows in from outside (an institute in Shanghai): the agglomeration stage (seed essay 5: cooperation grows, division of labour raises efficiency) and a receiving centre (production only, upgrading depends on technology flowing in).',
    },
  },
  site: { sigmaKm: 6, start: 1990, mode: 2008, own: [0.93, 0.06, 0.01, 0] },
  firms: [
    { code: '1910', n: 60, median: 60, exportShare: 0.2, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
    { code: '1921', n: 230, median: 30, exportShare: 0.4, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
    { code: '1922', n: 110, median: 25, exportShare: 0.4, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
    { code: '1923', n: 30, median: 15, exportShare: 0.3 },
  ],
  ties: [
    tie.buyFrom(firms('1921', '1922', '1923'), firms('1910'), 1, 1, 0.6),
    tie.makeFor({ groups: ['1921'], below: 100 }, principals(100, '1921'), 1, 1, 0.35),
    tie.makeFor({ groups: ['1922'], below: 80 }, principals(80, '1922'), 1, 1, 0.25),
  ],
  institutions: [
    { type: 'association', name: '海宁市皮革行业协会', industry: '1921', ties: [[firms(), 0.3, 'membership']] },
    { type: 'bank', name: '海宁潮城农村商业银行', ties: [[firms(), 0.1, 'finance']] },
    // Technology flows in from outside: an institute in Shanghai.
    { type: 'research', name: '上海皮革化工技术研究所', industry: '1910', at: { near: [121.48, 31.22], sigmaKm: 2, maxKm: 5 }, ties: [[firms(), 0.12, 'technology']] },
  ],
};
