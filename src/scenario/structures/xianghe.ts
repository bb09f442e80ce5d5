/**
 * Xianghe furniture: agglomeration without a cluster — wooden-furniture makers crowd Xianghe
 * (spatial agglomeration, Weber) but have no supply, subcontracting, technology or finance ties
 * and no chamber or association (seed essay 1); by the stages of seed essay 5, at the
 * concentration stage. The entry is what the clusters are, minus ties and institutions.
 */
import type { StructureEntry } from '../structure-spec.js';

export const XIANGHE: StructureEntry = {
  truth: {
    id: 'xianghe-furniture',
    name: { zh: '香河家具企业集聚区', en: 'Xianghe furniture agglomeration' },
    label: 'agglomeration_without_cluster', stage: 'concentration', radiation: null,
    typology: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
    industries: ['2110'], supportIndustries: [],
    park: null, center: [117.01, 39.76], radiusKm: 22, growth: -0.03, regionalBrand: null,
    why: {
      zh: '有集聚、无集群：木质家具企业在香河高度集中（产业集聚，韦伯），彼此之间却没有任何供货、外包、技术或金融联系，也没有商会、协会——“虽然有的产业集聚在一起，但是相互之间没有联系，就不能形成产业集群”（种子文章一）。按种子文章五的阶段划分，产业关联极其薄弱，属于集中阶段。',
      en: 'Agglomeration without a cluster: wooden-furniture makers crowd Xianghe (spatial agglomeration, Weber) but have no supply, subcontracting, technology or finance ties among them and no chamber or association — "some industries gather in one place without links between them, and then they cannot form a cluster" (seed essay 1). By the stages of seed essay 5, with almost no industrial linkage it is at the concentration stage.',
    },
  },
  site: { sigmaKm: 7, start: 1995, mode: 2008, own: [0.9, 0.1, 0, 0] },
  firms: [{ code: '2110', n: 450, median: 30, sigma: 0.9, min: 2, max: 2000, alsoMarketing: 0.1, exportShare: 0.05, rd: 0.003, rdProb: 0.1 }],
};
