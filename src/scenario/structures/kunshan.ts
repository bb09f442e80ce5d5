/**
 * Kunshan-style foreign-invested electronics park: a park without a cluster — computer
 * assemblers and component makers drawn in by policy and facilities, barely tied to one another,
 * buying from and selling to firms hundreds of kilometres away, with no chamber or association:
 * externally driven and "lacking links with local firms" (seed essay 1); the concentration stage
 * of seed essay 5, production functions only.
 */
import { OWN, ROLE } from '../drafts.js';
import { firms, leaders, members, tie, type FirmGroup, type StructureEntry } from '../structure-spec.js';

const traits = { at: 'park', exportShare: 0.85, rd: 0.003, rdProb: 0.3, patentRate: 0.01, sigma: 0.9, min: 20, max: 5000 } as const;
const inPark = (code: string, n: number, median: number): FirmGroup => ({ ...traits, code, n, median });
const ASSEMBLERS = leaders('3911');
const OTHERS = members();
const FAR = firms('remote suppliers');

export const KUNSHAN: StructureEntry = {
  truth: {
    id: 'kunshan-electronics-park',
    name: { zh: '昆山电子信息外资园区', en: 'Kunshan foreign-invested electronics park' },
    label: 'park_without_cluster', stage: 'concentration', radiation: null,
    typology: { mechanism: 'government-led', factor: 'technology', industry: 'high-tech', formation: 'top-down', structure: 'large-firm', innovation: 'imitative' },
    industries: ['3911', '3912', '3982'], supportIndustries: ['3913', '3981', '3989'],
    park: 'P02', center: [120.99, 31.34], radiusKm: 4.5, growth: 0.02, regionalBrand: null,
    why: {
      zh: '没有集群的工业园区：以利用外资为主，外资电子整机与零部件企业由政策和设施吸引入园，园内企业之间几乎没有联系，供货与销售都指向数百公里外的企业，没有商会、协会等本地机构——外力驱动、“缺少与当地企业的联系”（种子文章一）；按种子文章五处于集中阶段（产业关联极其薄弱、根植性不强），只有生产加工功能。',
      en: 'A park without a cluster: foreign-invested computer assemblers and component makers drawn in by policy and facilities; firms inside barely link to one another, buy from and sell to firms hundreds of kilometres away, and no chamber or association is present — externally driven and "lacking links with local firms" (seed essay 1); in the concentration stage of seed essay 5 (almost no industrial linkage, weak embeddedness), production functions only.',
    },
  },
  park: 'P02',
  countsParkFirms: true,
  site: { start: 1995, mode: 2006, own: [0.05, 0.17, 0.78, 0] },
  firms: [
    // The first few computer makers are the big foreign assemblers (√scale of them).
    { ...inPark('3911', 45, 150), head: { n: 4, between: [4000, 15000], own: OWN.foreign, role: ROLE.leader } },
    inPark('3912', 150, 100), inPark('3913', 60, 80), inPark('3982', 130, 110), inPark('3981', 60, 80), inPark('3989', 40, 70),
  ],
  partners: [{
    code: ['3912', '3981', '3982', '3989', '3913'], key: 'remote suppliers', n: 180,
    at: {
      towns: [[113.88, 22.56], [114.25, 22.72], [113.75, 23.02], [106.63, 29.72], [103.92, 30.57], [108.91, 34.16],
        [114.32, 30.38], [118.08, 24.45], [117.2, 39.12], [117.26, 31.85], [115.9, 28.68], [113.03, 28.19]],
      sigmaKm: 12, maxKm: 35,
    },
    median: 80, min: 10, max: 5000, start: 1995, mode: 2008, own: [0.5, 0.2, 0.3, 0],
    role: ROLE.external, exportShare: 0.4, rd: 0.01, rdProb: 0.4, patentRate: 0.2,
  }],
  partnerTies: [
    tie.buyFrom(ASSEMBLERS, FAR, 10, 30),
    tie.buyFrom(ASSEMBLERS, OTHERS, 1, 2, 0.3),
    tie.buyFrom(OTHERS, FAR, 1, 2, 0.7),
    tie.sellTo(OTHERS, FAR, 1, 2, 0.8),
  ],
};
