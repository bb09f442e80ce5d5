/**
 * A polyester fibre → knitted fabric → knitwear chain without agglomeration: a state-owned
 * fibre plant in Yizheng, knitting mills near Wuhan and garment makers near Ganzhou, tied by
 * steady backward and forward supply (Hirschman; seed essay 1), but hundreds of kilometres apart,
 * with a few firms in each place and no chamber or association: a chain "stresses links between
 * industries" and "has no notion of spatial agglomeration" (seed essay 1).
 */
import { haversineKm } from '../../core/geo/haversine-km.js';
import { OWN } from '../drafts.js';
import { firms, tie, type FirmGroup, type Pt, type StructureEntry } from '../structure-spec.js';

const STAGES: ReadonlyArray<{ stage: string; code: string; n: number; at: Pt; sigma: number; emp: readonly [number, number]; own: number; export: number }> = [
  { stage: 'fibre', code: '2822', n: 1, at: [119.18, 32.27], sigma: 4, emp: [2000, 6000], own: OWN.state, export: 0.05 },
  { stage: 'fabric', code: '1761', n: 2, at: [114.25, 30.72], sigma: 12, emp: [300, 900], own: OWN.local, export: 0.1 },
  { stage: 'garment', code: '1821', n: 3, at: [114.85, 25.75], sigma: 10, emp: [200, 600], own: OWN.local, export: 0.3 },
];
/** Distances (km) between consecutive stages. */
const DISTANCES = STAGES.slice(1).map((s, k) => Math.round(haversineKm(STAGES[k].at[0], STAGES[k].at[1], s.at[0], s.at[1])));

export const CHAIN: StructureEntry = {
  truth: {
    id: 'fibre-knitwear-chain',
    name: { zh: '化纤—针织面料—针织服装产业链', en: 'Polyester fibre → knitted fabric → knitwear chain' },
    label: 'chain_without_agglomeration', stage: null, radiation: null, typology: null,
    industries: STAGES.map((s) => s.code), supportIndustries: [],
    park: null, center: [...STAGES[1].at], radiusKm: Math.round(DISTANCES.reduce((a, b) => a + b, 0) / 2 + 30), growth: 0.02, regionalBrand: null,
    why: {
      zh: `没有集聚的产业链：涤纶纤维（仪征）→针织面料（武汉）→针织服装（赣州）之间有稳定的前后向供货联系（赫希曼，种子文章一），但相邻环节相距约${DISTANCES.join('、')}公里，每地只有少数大中型企业，没有商会、协会等机构——产业链“主要侧重于产业间联系”，“没有空间集聚的概念”（种子文章一）。`,
      en: `A chain without agglomeration: polyester fibre (Yizheng) → knitted fabric (Wuhan) → knitwear (Ganzhou), tied by steady backward and forward supply (Hirschman; seed essay 1), but consecutive stages sit ${DISTANCES.join(' and ')} km apart, each place holds only a few firms, and there is no chamber or association: a chain "stresses links between industries" and "has no notion of spatial agglomeration" (seed essay 1).`,
    },
  },
  firms: STAGES.map((s): FirmGroup => ({
    code: s.code, n: s.n, few: true, at: { near: s.at, sigmaKm: s.sigma, maxKm: 2.5 * s.sigma }, between: s.emp,
    start: 1988, mode: 2003, own: s.own, exportShare: s.export, rd: 0.008, rdProb: 0.6, patentRate: 0.2,
  })),
  // The truth: where each stage is and how many plants it has, and how far apart the stages are.
  afterFirms: (ctx, _rng, planted) => {
    const d = ctx.structures[planted.structure].truth;
    d.chainStages = STAGES.map((s) => ({
      stage: s.stage, industry: s.code, region: ctx.geo.regions[ctx.geo.locate(s.at[0], s.at[1])].code, center: [...s.at], firmCount: planted.groups.get(s.code)!.length,
    }));
    d.chainDistancesKm = [...DISTANCES];
  },
  ties: [tie.buyFrom(firms('1761'), firms('2822'), 1, 2), tie.buyFrom(firms('1821'), firms('1761'), 1, 2)],
};
