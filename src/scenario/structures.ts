/**
 * The planted structures of the demo scenario, one function each, in a fixed order (firm
 * indices follow it). Counts are at scale 1 and go through `ctx.n` (× scale) or `ctx.nSqrt`
 * (× √scale, for leaders and the few plants of a chain, whose number is not what scale is about).
 */
import type { Rng } from '../core/rng.js';
import { haversineKm } from '../core/geo/haversine-km.js';
import type { Context } from './context.js';
import { F_ALL, F_MKT, F_PROD, LT, OWN, ROLE, type Located } from './drafts.js';
import { between, Picker } from './picker.js';
import { INDUSTRIES, industryIndex } from './industries.js';
import { buyFrom, institutionTies, makeFor, sellTo, spinoffs, transferTechnology } from './links.js';
import { shortPlaceName } from './names.js';
import { firmId } from './tables.js';
import type { ChainStageTruth, ConcentrationTruth, PorkGroupTruth } from './types.js';

type Pt = [number, number];

interface MemberSpec {
  code: string;
  n: number;
  median: number;
  sigma?: number;
  exportShare?: number;
  rd?: number;
  rdProb?: number;
  patentRate?: number;
  functions?: number;
  /** Share of firms that carry the cluster's regional brand. */
  brandShare?: number;
  center?: Pt;
  sigmaKm?: number;
  /** Share placed inside the cluster's park. */
  parkShare?: number;
}

interface LeaderSpec {
  code: string;
  brand: string;
  emp: [number, number];
  inPark?: boolean;
}

interface LocalSpec {
  structure: number;
  center: Pt;
  sigmaKm: number;
  maxKm: number;
  place: string;
  start: number;
  mode: number;
  own: [number, number, number, number];
  leaders: LeaderSpec[];
  leaderTraits: { exportShare: number; rd: number; patentRate: number; functions: number };
  members: MemberSpec[];
  regionalBrand?: string;
  park?: number;
}

interface LocalCluster {
  all: number[];
  leaders: number[];
  smes: number[];
  byCode: Map<string, number[]>;
}

const sizeWeight = (ctx: Context) => (i: number): number => Math.pow(ctx.employeesOf(i), 0.7) * (ctx.f.role.data[i] === ROLE.leader ? 4 : 1);

function codes(c: LocalCluster, ...list: string[]): number[] {
  return list.flatMap((code) => c.byCode.get(code) ?? []);
}

function plantLocal(ctx: Context, rng: Rng, s: LocalSpec): LocalCluster {
  const out: LocalCluster = { all: [], leaders: [], smes: [], byCode: new Map() };
  const push = (code: string, i: number): void => {
    out.all.push(i);
    const list = out.byCode.get(code) ?? [];
    list.push(i);
    out.byCode.set(code, list);
  };
  const regionalBrand = s.regionalBrand !== undefined ? ctx.brand(s.regionalBrand) : -1;
  for (const l of s.leaders) {
    const at = l.inPark && s.park !== undefined ? ctx.placeInPark(rng, s.park) : ctx.placeNear(rng, s.center, s.sigmaKm / 2, s.maxKm / 2);
    const word = INDUSTRIES[industryIndex(l.code)].word;
    const i = ctx.addFirm(rng, {
      code: l.code, at, employees: ctx.sizeBetween(rng, l.emp[0], l.emp[1]), founded: between(rng, s.start, s.start + 8),
      ownership: OWN.local, structure: s.structure, role: ROLE.leader, functions: s.leaderTraits.functions,
      exportShare: s.leaderTraits.exportShare, rd: s.leaderTraits.rd, patentRate: s.leaderTraits.patentRate,
      brand: ctx.brand(l.brand), name: `${s.place}${l.brand}${word}股份有限公司`,
      park: l.inPark && s.park !== undefined ? s.park : undefined,
    });
    out.leaders.push(i);
    push(l.code, i);
  }
  for (const m of s.members) {
    const count = ctx.n(m.n);
    for (let k = 0; k < count; k++) {
      const inPark = s.park !== undefined && m.parkShare !== undefined && rng.next() < m.parkShare;
      const at = inPark ? ctx.placeInPark(rng, s.park!) : ctx.placeNear(rng, m.center ?? s.center, m.sigmaKm ?? s.sigmaKm, s.maxKm);
      const i = ctx.addFirm(rng, {
        code: m.code, at, employees: ctx.size(rng, m.median, m.sigma ?? 1.0, 1, 3000), founded: ctx.founded(rng, s.start, s.mode),
        ownership: ctx.ownership(rng, s.own), structure: s.structure, role: ROLE.member,
        functions: m.functions ?? F_PROD, exportShare: m.exportShare, rd: m.rd, rdProb: m.rdProb, patentRate: m.patentRate,
        brand: m.brandShare !== undefined && regionalBrand >= 0 && rng.next() < m.brandShare ? regionalBrand : undefined,
        park: inPark ? s.park : undefined,
      });
      out.smes.push(i);
      push(m.code, i);
    }
  }
  return out;
}

/** Firms of a cluster's industries placed in far-away towns that make for its leaders (outward radiation). */
function plantExternals(ctx: Context, rng: Rng, structure: number, code: string, n: number, towns: Pt[], start: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < ctx.n(n); k++) {
    const at = ctx.placeNear(rng, towns[k % towns.length], 10, 30);
    out.push(ctx.addFirm(rng, {
      code, at, employees: ctx.size(rng, 120, 0.8, 5, 3000), founded: ctx.founded(rng, start, start + 12),
      ownership: OWN.local, structure, role: ROLE.external, functions: F_PROD, exportShare: 0.1,
    }));
  }
  return out;
}

/** Standard institutions of a cluster, placed around its centre. */
function near(ctx: Context, rng: Rng, c: Pt): Located {
  return ctx.placeNear(rng, c, 3, 8);
}

// ------------------------------------------------------------------------------------------

const TYPO = {
  wenzhou: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'innovative' },
  yueqing: { mechanism: 'market-led', factor: 'technology', industry: 'traditional', formation: 'spontaneous', structure: 'large-firm', innovation: 'innovative' },
  huangyan: { mechanism: 'market-led', factor: 'technology', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
  keqiao: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
  keqiaoPark: { mechanism: 'government-led', factor: 'labour', industry: 'traditional', formation: 'top-down', structure: 'SME', innovation: 'imitative' },
  haining: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
  kunshan: { mechanism: 'government-led', factor: 'technology', industry: 'high-tech', formation: 'top-down', structure: 'large-firm', innovation: 'imitative' },
  xianghe: { mechanism: 'market-led', factor: 'labour', industry: 'traditional', formation: 'spontaneous', structure: 'SME', innovation: 'imitative' },
  pork: { mechanism: 'market-led', factor: 'resource', industry: 'traditional', formation: 'bottom-up', structure: 'single-leader', innovation: 'imitative' },
} as const;

export interface Planted {
  wenzhou: LocalCluster;
  yueqing: LocalCluster;
  huangyan: LocalCluster;
  keqiao: LocalCluster;
}

export function plantWenzhou(ctx: Context, rng: Rng): LocalCluster {
  const center: Pt = [120.66, 27.99];
  const structure = ctx.addStructure({
    id: 'wenzhou-footwear-apparel',
    name: { zh: '温州鞋服产业集群', en: 'Wenzhou footwear and apparel cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'outward', typology: { ...TYPO.wenzhou },
    industries: ['1952', '1819'], supportIndustries: ['2925', '3552', '2231', '5133', '5132'],
    park: null, center, radiusKm: 30, growth: -0.015, regionalBrand: '温州鞋',
    why: {
      zh: '波特意义上的产业集群：同一产业领域（鞋、服装）的企业在温州密集集聚，本地外包与供货联系稠密，商会、协会、银行、中介、检测中心、院校嵌入其中，构成有机整体（种子文章一）；龙头企业兼有研发、营销职能和自主品牌，外地企业为其代工，品牌与技术向外输出——向外辐射中心（种子文章五）。',
      en: 'A cluster in Porter\'s sense: firms of one field (footwear, apparel) packed around Wenzhou, densely tied by local subcontracting and supply, with a chamber, an association, banks, an intermediary, a test centre and schools embedded — an organic whole (seed essay 1). Leaders have R&D, marketing and own brands, and firms in other provinces make for them: an outward-radiating centre (seed essay 5).',
    },
  });
  const c = plantLocal(ctx, rng, {
    structure, center, sigmaKm: 9, maxKm: 30, place: '温州', start: 1980, mode: 2001, own: [0.95, 0.04, 0.01, 0],
    leaders: [
      { code: '1952', brand: '瓯步', emp: [2500, 9000] }, { code: '1952', brand: '红鹿', emp: [2000, 7000] }, { code: '1952', brand: '金瓯', emp: [1500, 5000] },
      { code: '1819', brand: '瓯雅', emp: [1800, 6000] }, { code: '1819', brand: '鹿派', emp: [1500, 5000] }, { code: '1819', brand: '江心', emp: [1200, 4000] },
    ],
    leaderTraits: { exportShare: 0.3, rd: 0.025, patentRate: 1.5, functions: F_ALL },
    members: [
      // innovative (truth): design patents are common among Wenzhou's shoe and apparel SMEs
      { code: '1952', n: 500, median: 40, exportShare: 0.3, rd: 0.006, rdProb: 0.3, patentRate: 1, brandShare: 0.35 },
      { code: '1819', n: 340, median: 35, exportShare: 0.25, rd: 0.005, rdProb: 0.25, patentRate: 0.8 },
      { code: '2925', n: 80, median: 60, exportShare: 0.1, rd: 0.006, rdProb: 0.3, patentRate: 0.1 },
      { code: '3552', n: 30, median: 30, rd: 0.02, rdProb: 0.5, patentRate: 0.5 },
      { code: '2231', n: 30, median: 25 },
      { code: '5133', n: 45, median: 8, functions: F_MKT, exportShare: 0.2 },
      { code: '5132', n: 35, median: 8, functions: F_MKT, exportShare: 0.2 },
    ],
    regionalBrand: '温州鞋',
  });
  const w = sizeWeight(ctx);
  const shoes = codes(c, '1952');
  const apparel = codes(c, '1819');
  const isLeader = new Set(c.leaders);
  const shoeLeaders = c.leaders.filter((i) => ctx.f.industry.data[i] === industryIndex('1952'));
  const apparelLeaders = c.leaders.filter((i) => ctx.f.industry.data[i] === industryIndex('1819'));
  const principals = (list: number[]) => new Picker(list.filter((i) => ctx.f.role.data[i] === ROLE.leader || ctx.employeesOf(i) >= 150), w);
  const shoeSmes = shoes.filter((i) => !isLeader.has(i));
  const apparelSmes = apparel.filter((i) => !isLeader.has(i));
  makeFor(ctx, rng, shoeSmes, principals(shoes), 1, 3, 0.7);
  makeFor(ctx, rng, apparelSmes, principals(apparel), 1, 2, 0.6);
  buyFrom(ctx, rng, shoes, new Picker(codes(c, '2925'), w), 1, 2, 0.8);
  buyFrom(ctx, rng, [...shoes, ...apparel], new Picker(codes(c, '2231'), w), 1, 1, 0.4);
  sellTo(ctx, rng, codes(c, '3552'), new Picker(shoes, w), 3, 6);
  buyFrom(ctx, rng, codes(c, '5133'), new Picker(shoes, w), 3, 8);
  buyFrom(ctx, rng, codes(c, '5132'), new Picker(apparel, w), 3, 8);
  transferTechnology(ctx, rng, new Picker(c.leaders, w), [...shoeSmes, ...apparelSmes], 0.15);
  spinoffs(ctx, rng, [...shoeSmes, ...apparelSmes], new Picker([...shoes, ...apparel], w), 0.15);
  // Outward radiation: firms in other provinces make for the leaders, which pass them technology.
  const extShoes = plantExternals(ctx, rng, structure, '1952', 36, [[115.81, 32.89], [116.97, 33.64], [117.97, 28.45], [106.23, 29.59], [113.03, 28.19]], 2000);
  const extApparel = plantExternals(ctx, rng, structure, '1819', 22, [[115.81, 32.89], [115.9, 28.68], [115.65, 34.44]], 2000);
  makeFor(ctx, rng, extShoes, new Picker(shoeLeaders, w), 1, 2);
  makeFor(ctx, rng, extApparel, new Picker(apparelLeaders, w), 1, 2);
  transferTechnology(ctx, rng, new Picker(shoeLeaders, w), extShoes, 0.6);
  transferTechnology(ctx, rng, new Picker(apparelLeaders, w), extApparel, 0.6);
  // Institutions.
  const exporters = c.all.filter((i) => ctx.f.exports.data[i] > 0);
  const makers = [...shoes, ...apparel, ...codes(c, '2925', '3552', '2231')];
  const assoc = ctx.addInstitution(structure, 'association', '温州市鞋革行业协会', '1952', near(ctx, rng, center));
  institutionTies(ctx, rng, assoc, shoeLeaders, 1, LT.membership);
  institutionTies(ctx, rng, assoc, [...shoeSmes, ...codes(c, '2925', '3552')], 0.55, LT.membership);
  const chamber = ctx.addInstitution(structure, 'chamber', '温州市服装商会', '1819', near(ctx, rng, center));
  institutionTies(ctx, rng, chamber, apparelLeaders, 1, LT.membership);
  institutionTies(ctx, rng, chamber, [...apparelSmes, ...codes(c, '5132')], 0.45, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '温州瓯江农村商业银行', undefined, near(ctx, rng, center)), c.all, 0.2, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '浙南商业银行温州分行', undefined, near(ctx, rng, center)), c.all, 0.1, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'intermediary', '温州鞋服外贸综合服务中心', '1952', near(ctx, rng, center)), exporters, 0.15, LT.service);
  const school = ctx.addInstitution(structure, 'university', '浙南鞋服职业技术学院', '1952', near(ctx, rng, center));
  institutionTies(ctx, rng, school, c.leaders, 1, LT.joint_rnd);
  institutionTies(ctx, rng, school, makers, 0.03, LT.joint_rnd);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'research', '温州鞋革产业研究院', '1952', near(ctx, rng, center)), makers, 0.05, LT.technology);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'public_service', '温州鞋类产品质量检测中心', '1952', near(ctx, rng, center)), makers, 0.3, LT.service);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'training', '温州鞋服技工培训中心', '1952', near(ctx, rng, center)), makers, 0.1, LT.service);
  return c;
}

export function plantYueqing(ctx: Context, rng: Rng): LocalCluster {
  const center: Pt = [120.93, 28.04];
  const structure = ctx.addStructure({
    id: 'yueqing-low-voltage-electrical',
    name: { zh: '乐清（柳市）低压电器产业集群', en: 'Yueqing (Liushi) low-voltage electrical cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'outward', typology: { ...TYPO.yueqing },
    industries: ['3823', '3829', '3824'], supportIndustries: ['3831', '3834', '2929', '3360'],
    park: null, center, radiusKm: 25, growth: 0.04, regionalBrand: '柳市电器',
    why: {
      zh: '产业集群：低压电器企业在柳市高度集聚，大量中小企业为两家大型龙头和一批骨干企业配套加工，电缆、绝缘材料、塑料件与表面处理企业就近供货，协会、商会、银行、检测中心、研究院和高校参与其中（种子文章一）；龙头企业技术与品牌输出，外地企业成为其代工配套——向外辐射中心（种子文章五），大企业主导型（种子文章二）。',
      en: 'A cluster: low-voltage electrical firms crowd Liushi; many SMEs make parts for two large leaders and a ring of core firms, cable, insulation, plastic-part and plating firms supply them nearby, and an association, a chamber, banks, a test centre, an institute and a college take part (seed essay 1). Leaders export technology and brands and firms elsewhere become their OEM suppliers: an outward-radiating centre (seed essay 5), dominated by large firms (seed essay 2).',
    },
  });
  const c = plantLocal(ctx, rng, {
    structure, center, sigmaKm: 7, maxKm: 25, place: '乐清', start: 1984, mode: 2003, own: [0.95, 0.04, 0.01, 0],
    leaders: [
      { code: '3823', brand: '雁翔', emp: [8000, 20000] }, { code: '3823', brand: '清江', emp: [6000, 15000] },
      { code: '3823', brand: '柳峰', emp: [800, 2500] }, { code: '3829', brand: '乐达', emp: [800, 2500] },
      { code: '3823', brand: '华甬', emp: [800, 2000] }, { code: '3824', brand: '东雁', emp: [600, 1800] },
      { code: '3831', brand: '清泰', emp: [800, 2200] }, { code: '3829', brand: '江柳', emp: [600, 1500] },
    ],
    leaderTraits: { exportShare: 0.2, rd: 0.04, patentRate: 4, functions: F_ALL },
    members: [
      { code: '3823', n: 650, median: 30, exportShare: 0.1, rd: 0.012, rdProb: 0.5, patentRate: 0.4, brandShare: 0.3 },
      { code: '3829', n: 150, median: 30, exportShare: 0.1, rd: 0.01, rdProb: 0.4, patentRate: 0.3, brandShare: 0.3 },
      { code: '3824', n: 90, median: 35, rd: 0.015, rdProb: 0.5, patentRate: 0.5 },
      { code: '3831', n: 110, median: 45, rd: 0.005, rdProb: 0.2, patentRate: 0.1 },
      { code: '3834', n: 60, median: 30 },
      { code: '2929', n: 90, median: 30 },
      { code: '3360', n: 45, median: 20 },
    ],
    regionalBrand: '柳市电器',
  });
  const w = sizeWeight(ctx);
  const equipment = codes(c, '3823', '3829', '3824');
  const eqSmes = equipment.filter((i) => !c.leaders.includes(i));
  const principals = new Picker(equipment.filter((i) => ctx.f.role.data[i] === ROLE.leader || ctx.employeesOf(i) >= 200), w);
  makeFor(ctx, rng, eqSmes, principals, 1, 3, 0.75);
  sellTo(ctx, rng, codes(c, '3831', '3834', '2929'), new Picker(codes(c, '3823', '3829'), w), 2, 6, 0.9);
  sellTo(ctx, rng, codes(c, '3360'), new Picker(codes(c, '3823', '3829', '3824', '2929'), w), 3, 6);
  buyFrom(ctx, rng, codes(c, '3823').filter((i) => !c.leaders.includes(i)), new Picker(codes(c, '3824'), w), 1, 2, 0.3);
  transferTechnology(ctx, rng, new Picker(c.leaders, w), c.smes, 0.2);
  spinoffs(ctx, rng, c.smes, new Picker(c.all, w), 0.18);
  const bigTwo = new Picker(c.leaders.slice(0, 2), w);
  const ext = plantExternals(ctx, rng, structure, '3823', 45, [[118.31, 32.3], [115.9, 28.68], [113.91, 30.92], [118.76, 30.94]], 2002);
  makeFor(ctx, rng, ext, bigTwo, 1, 2);
  transferTechnology(ctx, rng, bigTwo, ext, 0.8);
  const makers = c.all.filter((i) => INDUSTRIES[ctx.f.industry.data[i]].kind === 'manufacturing');
  const assoc = ctx.addInstitution(structure, 'association', '乐清市电气行业协会', '3823', near(ctx, rng, center));
  institutionTies(ctx, rng, assoc, c.leaders, 1, LT.membership);
  institutionTies(ctx, rng, assoc, c.smes, 0.6, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'chamber', '柳市镇电器商会', '3823', near(ctx, rng, center)), c.smes, 0.4, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '乐清雁荡农村商业银行', undefined, near(ctx, rng, center)), c.all, 0.2, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '浙东商业银行乐清支行', undefined, near(ctx, rng, center)), c.all, 0.1, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'intermediary', '乐清电气知识产权服务中心', '3823', near(ctx, rng, center)), makers, 0.1, LT.service);
  const school = ctx.addInstitution(structure, 'university', '浙南电气职业学院', '3823', near(ctx, rng, center));
  institutionTies(ctx, rng, school, c.leaders, 1, LT.joint_rnd);
  institutionTies(ctx, rng, school, makers, 0.05, LT.joint_rnd);
  const inst = ctx.addInstitution(structure, 'research', '乐清低压电器研究院', '3823', near(ctx, rng, center));
  institutionTies(ctx, rng, inst, c.leaders, 1, LT.joint_rnd);
  institutionTies(ctx, rng, inst, makers, 0.08, LT.technology);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'public_service', '乐清电器产品质量检测中心', '3823', near(ctx, rng, center)), makers, 0.35, LT.service);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'training', '柳市电工技能培训中心', '3823', near(ctx, rng, center)), makers, 0.1, LT.service);
  return c;
}

export function plantHuangyan(ctx: Context, rng: Rng): LocalCluster {
  const center: Pt = [121.25, 28.64];
  const structure = ctx.addStructure({
    id: 'huangyan-moulds',
    name: { zh: '台州黄岩模具产业集群', en: 'Taizhou Huangyan mould and die cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'inward', typology: { ...TYPO.huangyan },
    industries: ['3525'], supportIndustries: ['2929', '2927', '3523', '3360'],
    park: null, center, radiusKm: 22, growth: 0.03, regionalBrand: '黄岩模具',
    why: {
      zh: '产业集群：模具企业在黄岩集聚，模具厂与下游塑料制品厂、热处理厂、塑机厂分工协作，行业协会、银行、公共技术服务平台、技工学校嵌入其中（种子文章一）；龙头企业向本地中小企业转移技术，形成“黄岩模具”区域品牌——向内辐射中心（种子文章五）。',
      en: 'A cluster: mould makers concentrate in Huangyan and divide work with plastic-product makers, heat treaters and plastics-machinery makers; an association, a bank, a public technology platform and a technical school are embedded (seed essay 1). Leaders pass technology to local SMEs and a regional brand has formed: an inward-radiating centre (seed essay 5).',
    },
  });
  const c = plantLocal(ctx, rng, {
    structure, center, sigmaKm: 6, maxKm: 22, place: '黄岩', start: 1985, mode: 2005, own: [0.96, 0.03, 0.01, 0],
    leaders: [
      { code: '3525', brand: '黄精', emp: [600, 1500] }, { code: '3525', brand: '岩华', emp: [500, 1200] }, { code: '3525', brand: '永模', emp: [400, 1000] },
      { code: '3525', brand: '凯岩', emp: [400, 900] }, { code: '3525', brand: '台模', emp: [300, 800] },
    ],
    leaderTraits: { exportShare: 0.2, rd: 0.03, patentRate: 3, functions: F_ALL },
    members: [
      { code: '3525', n: 560, median: 25, sigma: 0.9, exportShare: 0.1, rd: 0.01, rdProb: 0.4, patentRate: 0.3, brandShare: 0.25 },
      { code: '2929', n: 140, median: 30 },
      { code: '2927', n: 100, median: 35, exportShare: 0.2 },
      { code: '3523', n: 30, median: 40, rd: 0.015, rdProb: 0.5, patentRate: 0.4 },
      { code: '3360', n: 30, median: 15 },
    ],
    regionalBrand: '黄岩模具',
  });
  const w = sizeWeight(ctx);
  const moulds = codes(c, '3525');
  const mouldSmes = moulds.filter((i) => !c.leaders.includes(i));
  const plastics = codes(c, '2929', '2927');
  makeFor(ctx, rng, mouldSmes, new Picker(moulds.filter((i) => ctx.f.role.data[i] === ROLE.leader || ctx.employeesOf(i) >= 100), w), 1, 2, 0.55);
  buyFrom(ctx, rng, plastics, new Picker(moulds, w), 1, 3, 0.9);
  makeFor(ctx, rng, codes(c, '3360'), new Picker(moulds, w), 3, 8);
  sellTo(ctx, rng, codes(c, '3523'), new Picker(plastics, w), 3, 6);
  transferTechnology(ctx, rng, new Picker(c.leaders, w), mouldSmes, 0.25);
  spinoffs(ctx, rng, mouldSmes, new Picker(moulds, w), 0.2);
  const assoc = ctx.addInstitution(structure, 'association', '台州市黄岩模具行业协会', '3525', near(ctx, rng, center));
  institutionTies(ctx, rng, assoc, c.leaders, 1, LT.membership);
  institutionTies(ctx, rng, assoc, mouldSmes, 0.6, LT.membership);
  institutionTies(ctx, rng, assoc, plastics, 0.3, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '黄岩永宁农村商业银行', undefined, near(ctx, rng, center)), c.all, 0.2, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'public_service', '黄岩模具公共技术服务平台', '3525', near(ctx, rng, center)), moulds, 0.35, LT.service);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'training', '黄岩模具技工学校', '3525', near(ctx, rng, center)), moulds, 0.15, LT.service);
  const inst = ctx.addInstitution(structure, 'research', '台州模塑技术研究院', '3525', near(ctx, rng, center));
  institutionTies(ctx, rng, inst, c.leaders, 1, LT.joint_rnd);
  institutionTies(ctx, rng, inst, moulds, 0.05, LT.technology);
  return c;
}

export interface ParkIndices {
  keqiao: number;
  kunshan: number;
}

/** The parks come first, so that no firm planted before a park is found inside it by chance. */
export function createParks(ctx: Context): ParkIndices {
  return {
    keqiao: ctx.addPark('P01', '柯桥印染产业园', 'provincial', 2010, [120.53, 30.15], 3),
    kunshan: ctx.addPark('P02', '昆山经济技术开发区', 'national', 1992, [120.99, 31.34], 4.5),
  };
}

export function plantKeqiao(ctx: Context, rng: Rng, park: number): LocalCluster {
  const center: Pt = [120.5, 30.1];
  const parkId = ctx.parks[park].id;
  const structure = ctx.addStructure({
    id: 'keqiao-textiles',
    name: { zh: '绍兴柯桥纺织产业集群', en: 'Shaoxing Keqiao textile cluster' },
    label: 'cluster', stage: 'cluster', radiation: 'inward', typology: { ...TYPO.keqiao },
    industries: ['1751', '1752'], supportIndustries: ['5131', '3551', '2645'],
    park: null, center, radiusKm: 28, growth: 0.01, regionalBrand: '柯桥面料',
    why: {
      zh: '产业集群：化纤织造、印染、纺机、染料企业与轻纺城市场商户构成完整的本地分工网络，印染企业为织造企业代加工，商会、协会、银行、外贸中介、检测中心、研究院和集中治污设施嵌入其中（种子文章一、二）；龙头企业带动本地企业，区域品牌“柯桥面料”——向内辐射中心（种子文章五）。',
      en: 'A cluster: weaving, dyeing, textile-machinery and dyestuff firms and the traders of the textile market form a complete local division of labour; dyers finish fabric for weavers, and a chamber, an association, banks, an export intermediary, a test centre, an institute and a shared wastewater plant are embedded (seed essays 1, 2). Leaders lift local firms and a regional brand has formed: an inward-radiating centre (seed essay 5).',
    },
  });
  const parkStructure = ctx.addStructure({
    id: 'keqiao-dyeing-park',
    name: { zh: '柯桥印染产业园', en: 'Keqiao dyeing and finishing park' },
    label: 'park_hosting_cluster', stage: 'cluster', radiation: 'inward', typology: { ...TYPO.keqiaoPark },
    industries: ['1752'], supportIndustries: ['1751', '2645'],
    park: parkId, center: [120.53, 30.15], radiusKm: 3, growth: 0.01, regionalBrand: '柯桥面料',
    why: {
      zh: '承载集群的工业园区：印染企业经政府推动集中入园（自上而下推动型），园内企业与园外织造企业之间联系密切，并共享集中污水处理——“在有的工业园区内，企业之间的联系非常密切，形成了产业集群”（种子文章一）；集中治理污染是集群的特点之一（种子文章二）。',
      en: 'A park that hosts a cluster: dyeing firms were moved into the park by government (top-down), and firms inside are tightly tied to weavers outside and share a wastewater plant — "in some parks firms are very closely linked and have formed a cluster" (seed essay 1); shared pollution control is one of a cluster\'s traits (seed essay 2).',
    },
  }, (i) => ctx.f.park.data[i] === park);
  const c = plantLocal(ctx, rng, {
    structure, center, sigmaKm: 8, maxKm: 28, place: '柯桥', start: 1985, mode: 2005, own: [0.94, 0.05, 0.01, 0],
    leaders: [
      { code: '1751', brand: '鉴湖', emp: [1500, 4000] }, { code: '1751', brand: '越纺', emp: [1200, 3000] },
      { code: '1751', brand: '柯锦', emp: [1000, 2500] }, { code: '1751', brand: '兰亭', emp: [800, 2000] },
      { code: '1752', brand: '越丝', emp: [800, 2000], inPark: true }, { code: '1752', brand: '柯美', emp: [600, 1500], inPark: true },
      { code: '1752', brand: '稽山', emp: [500, 1200], inPark: true },
    ],
    leaderTraits: { exportShare: 0.3, rd: 0.015, patentRate: 1, functions: F_ALL },
    members: [
      { code: '1751', n: 500, median: 40, exportShare: 0.25, rd: 0.004, rdProb: 0.25, patentRate: 0.1, brandShare: 0.2 },
      { code: '1752', n: 250, median: 60, exportShare: 0.1, rd: 0.004, rdProb: 0.2, patentRate: 0.05, parkShare: 0.65 },
      { code: '5131', n: 280, median: 6, functions: F_MKT, exportShare: 0.15, center: [120.5, 30.08], sigmaKm: 2.5 },
      { code: '3551', n: 35, median: 30, rd: 0.02, rdProb: 0.5, patentRate: 0.4 },
      { code: '2645', n: 30, median: 80, rd: 0.02, rdProb: 0.5, patentRate: 0.3, center: [120.87, 30.03], sigmaKm: 5 },
    ],
    regionalBrand: '柯桥面料',
    park,
  });
  const w = sizeWeight(ctx);
  const weavers = codes(c, '1751');
  const dyers = codes(c, '1752');
  const weaverSmes = weavers.filter((i) => !c.leaders.includes(i));
  makeFor(ctx, rng, dyers, new Picker(weavers, w), 2, 5, 0.95);
  makeFor(ctx, rng, weaverSmes, new Picker(weavers.filter((i) => ctx.f.role.data[i] === ROLE.leader || ctx.employeesOf(i) >= 150), w), 1, 2, 0.4);
  sellTo(ctx, rng, weavers, new Picker(codes(c, '5131')), 1, 4, 0.85);
  sellTo(ctx, rng, codes(c, '3551'), new Picker(weavers, w), 3, 8);
  sellTo(ctx, rng, codes(c, '2645'), new Picker(dyers, w), 4, 10);
  transferTechnology(ctx, rng, new Picker(c.leaders, w), [...weaverSmes, ...dyers.filter((i) => !c.leaders.includes(i))], 0.12);
  spinoffs(ctx, rng, weaverSmes, new Picker(weavers, w), 0.12);
  const makers = [...weavers, ...dyers, ...codes(c, '3551', '2645')];
  const exporters = c.all.filter((i) => ctx.f.exports.data[i] > 0);
  const assoc = ctx.addInstitution(structure, 'association', '绍兴市柯桥区纺织行业协会', '1751', near(ctx, rng, center));
  institutionTies(ctx, rng, assoc, c.leaders, 1, LT.membership);
  institutionTies(ctx, rng, assoc, [...weaverSmes, ...dyers], 0.5, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'chamber', '中国轻纺城市场商会', '5131', near(ctx, rng, [120.5, 30.08])), codes(c, '5131'), 0.6, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '柯桥鉴湖农村商业银行', undefined, near(ctx, rng, center)), c.all, 0.2, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '越州商业银行柯桥支行', undefined, near(ctx, rng, center)), c.all, 0.1, LT.finance);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'intermediary', '柯桥纺织品外贸服务中心', '1751', near(ctx, rng, center)), exporters, 0.15, LT.service);
  const parkDyers = dyers.filter((i) => ctx.f.park.data[i] === park);
  const plant = ctx.addInstitution(structure, 'public_service', '柯桥印染集中污水处理中心', '1752', ctx.placeInPark(rng, park), park);
  ctx.structures[parkStructure].truth.institutions.push(ctx.institutions[-plant - 1].id);
  institutionTies(ctx, rng, plant, parkDyers, 1, LT.service);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'public_service', '柯桥纺织品检测中心', '1751', near(ctx, rng, center)), makers, 0.3, LT.service);
  const inst = ctx.addInstitution(structure, 'research', '绍兴纺织科技研究院', '1751', near(ctx, rng, center));
  institutionTies(ctx, rng, inst, c.leaders, 1, LT.joint_rnd);
  institutionTies(ctx, rng, inst, makers, 0.05, LT.technology);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'training', '柯桥纺织技工培训学校', '1751', near(ctx, rng, center)), makers, 0.08, LT.service);
  return c;
}

export function plantHaining(ctx: Context, rng: Rng): void {
  const center: Pt = [120.68, 30.51];
  const structure = ctx.addStructure({
    id: 'haining-leather',
    name: { zh: '海宁皮革产业集群', en: 'Haining leather cluster' },
    label: 'cluster', stage: 'agglomeration', radiation: 'receiving', typology: { ...TYPO.haining },
    industries: ['1921', '1922', '1910'], supportIndustries: ['1923'],
    park: null, center, radiusKm: 20, growth: 0.02, regionalBrand: null,
    why: {
      zh: '处于集聚阶段的集群：皮革企业在海宁集聚，制革厂与皮衣、箱包企业之间已有分工与供货联系，但机构少（一个协会、一家银行）、没有兼具研发营销职能的龙头企业、没有区域品牌，技术主要从外部（上海的研究所）流入——集聚阶段（种子文章五：产业协作增强、分工提升效率）与辐射接受中心（只有生产加工功能，依赖外部技术流入）。',
      en: 'A cluster at the agglomeration stage: leather firms concentrate in Haining and tanneries supply garment and bag makers, but there are few institutions (one association, one bank), no leader with R&D and marketing, no regional brand, and technology flows in from outside (an institute in Shanghai): the agglomeration stage (seed essay 5: cooperation grows, division of labour raises efficiency) and a receiving centre (production only, upgrading depends on technology flowing in).',
    },
  });
  const c = plantLocal(ctx, rng, {
    structure, center, sigmaKm: 6, maxKm: 20, place: '海宁', start: 1990, mode: 2008, own: [0.93, 0.06, 0.01, 0],
    leaders: [],
    leaderTraits: { exportShare: 0.4, rd: 0, patentRate: 0, functions: F_PROD },
    members: [
      { code: '1910', n: 60, median: 60, exportShare: 0.2, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
      { code: '1921', n: 230, median: 30, exportShare: 0.4, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
      { code: '1922', n: 110, median: 25, exportShare: 0.4, rd: 0.002, rdProb: 0.1, patentRate: 0.02 },
      { code: '1923', n: 30, median: 15, exportShare: 0.3 },
    ],
  });
  const w = sizeWeight(ctx);
  const goods = codes(c, '1921', '1922', '1923');
  buyFrom(ctx, rng, goods, new Picker(codes(c, '1910'), w), 1, 1, 0.6);
  const big = (code: string, min: number) => new Picker(codes(c, code).filter((i) => ctx.employeesOf(i) >= min), w);
  makeFor(ctx, rng, codes(c, '1921').filter((i) => ctx.employeesOf(i) < 100), big('1921', 100), 1, 1, 0.35);
  makeFor(ctx, rng, codes(c, '1922').filter((i) => ctx.employeesOf(i) < 80), big('1922', 80), 1, 1, 0.25);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'association', '海宁市皮革行业协会', '1921', near(ctx, rng, center)), c.all, 0.3, LT.membership);
  institutionTies(ctx, rng, ctx.addInstitution(structure, 'bank', '海宁潮城农村商业银行', undefined, near(ctx, rng, center)), c.all, 0.1, LT.finance);
  // Technology flows in from outside: an institute in Shanghai, some 110 km away.
  const inflow = ctx.addInstitution(structure, 'research', '上海皮革化工技术研究所', '1910', ctx.placeNear(rng, [121.48, 31.22], 2, 5));
  institutionTies(ctx, rng, inflow, c.all, 0.12, LT.technology);
}

/** The appliance industry: three dominant groups (HQ in Qingdao, plants across the country) and many small firms. */
export function plantAppliances(ctx: Context, rng: Rng): ConcentrationTruth {
  const structure = ctx.addStructure({
    id: 'qingdao-style-appliances',
    name: { zh: '家电业三巨头（青岛式品牌格局）', en: 'Household appliances dominated by three groups (Qingdao-style)' },
    label: 'concentration_only', stage: null, radiation: null, typology: null,
    industries: ['3851', '3852', '3855'], supportIndustries: ['3854', '3857'],
    park: null, center: [120.43, 36.12], radiusKm: 10, growth: 0.02, regionalBrand: null,
    why: {
      zh: '只有产业集中：冰箱、空调、洗衣机产出的约四分之三属于三家企业集团（CR3高），但其生产分布在全国多地的分厂，青岛本地没有配套中小企业网络，配件供货多来自外地——产业集中反映的是少数企业的垄断程度，“与产业的空间分布没有直接关系，同时也没有对产业内企业间联系进行特别关注”（种子文章一）。这是“青岛式三大品牌”格局的合成替身，并不描述青岛家电业本身（种子文章二称之为产业集群）。',
      en: 'Concentration only: about three quarters of the output of refrigerators, air conditioners and washing machines belongs to three groups (high CR3), but their plants are spread over the country, Qingdao has no web of local suppliers, and parts come from far away. Concentration measures the dominance of the largest firms and "has no direct relation to the spatial distribution of the industry, nor to links between its firms" (seed essay 1). A synthetic stand-in for the Qingdao three-brand pattern, not a description of Qingdao\'s industry, which seed essay 2 calls a cluster.',
    },
  });
  const small: number[] = [];
  const parts: number[] = [];
  const smallSpec: Array<[string, number, number]> = [['3851', 30, 60], ['3852', 25, 70], ['3855', 35, 60], ['3854', 110, 40], ['3857', 95, 40]];
  for (const [code, n, median] of smallSpec) {
    for (let k = 0; k < ctx.n(n); k++) {
      const at = ctx.placeInRegion(rng, ctx.regionByPopulation(rng));
      const i = ctx.addFirm(rng, {
        code, at, employees: ctx.size(rng, median, 1.0, 3, 3000), founded: ctx.founded(rng, 1992, 2010),
        ownership: ctx.ownership(rng, [0.85, 0.1, 0.04, 0.01]), structure, role: ROLE.member, functions: F_PROD,
        exportShare: 0.1, rd: 0.01, rdProb: 0.3, patentRate: 0.2,
      });
      if (code === '3857') parts.push(i);
      else if (code !== '3854') small.push(i);
    }
  }
  const smallOutput = small.reduce((s, i) => s + ctx.f.output.data[i], 0);
  const cr3Target = 0.72 + 0.04 * rng.next();
  const leaderOutput = (smallOutput * cr3Target) / (1 - cr3Target);
  const groups: Array<{ brand: string; hq: Pt; code: string; own: number; plantOwn: number; share: number; plants: Array<[string, Pt]> }> = [
    { brand: '琴岛', hq: [120.47, 36.12], code: '3851', own: OWN.local, plantOwn: OWN.external_domestic, share: 0.44,
      plants: [['3851', [117.26, 31.85]], ['3855', [113.29, 22.81]], ['3851', [106.63, 29.72]], ['3855', [114.38, 30.88]]] },
    { brand: '海岳', hq: [120.4, 36.09], code: '3852', own: OWN.state, plantOwn: OWN.state, share: 0.33,
      plants: [['3852', [113.12, 23.02]], ['3851', [123.42, 41.79]], ['3852', [113.61, 34.75]], ['3852', [118.84, 31.95]]] },
    { brand: '胶澳', hq: [120.43, 36.16], code: '3855', own: OWN.local, plantOwn: OWN.external_domestic, share: 0.23,
      plants: [['3855', [119.94, 31.7]], ['3851', [103.92, 30.57]], ['3855', [113.16, 27.83]], ['3851', [108.71, 34.33]]] },
  ];
  const leaders: number[] = [];
  const hqs: number[] = [];
  for (const g of groups) {
    const groupOutput = leaderOutput * g.share;
    const brand = ctx.brand(g.brand);
    const hqOut = groupOutput * 0.32;
    const hqInfo = INDUSTRIES[industryIndex(g.code)];
    const hq = ctx.addFirm(rng, {
      code: g.code, at: ctx.placeNear(rng, g.hq, 2, 6), employees: (hqOut / hqInfo.productivity) * (0.8 + 0.4 * rng.next()),
      founded: between(rng, 1984, 1990), ownership: g.own, structure, role: ROLE.headquarters, functions: F_ALL,
      exportShare: 0.2, rd: 0.035, patentRate: 8, brand, name: `青岛${g.brand}${hqInfo.word}股份有限公司`, output: hqOut,
    });
    hqs.push(hq);
    leaders.push(hq);
    const weights = g.plants.map(() => 0.7 + 0.6 * rng.next());
    const wsum = weights.reduce((a, b) => a + b, 0);
    g.plants.forEach(([code, site], k) => {
      const out = ((groupOutput - hqOut) * weights[k]) / wsum;
      const info = INDUSTRIES[industryIndex(code)];
      const at = ctx.placeNear(rng, site, 4, 10);
      const city = shortPlaceName(ctx.geo.regions[at.region].prefectureName);
      const plant = ctx.addFirm(rng, {
        code, at, employees: (out / info.productivity) * (0.8 + 0.4 * rng.next()), founded: between(rng, 1995, 2015),
        ownership: g.plantOwn, structure, role: ROLE.branch, functions: F_PROD, exportShare: 0.15, rd: 0.005, patentRate: 0.5,
        brand, parent: hq, name: `${g.brand}${info.word}（${city}）有限公司`, output: out,
      });
      leaders.push(plant);
      ctx.addLink(hq, plant, LT.technology, 50 + 200 * rng.next(), ctx.tieYear(rng, hq, plant));
      ctx.addLink(plant, hq, LT.supply, ctx.revenueOf(plant) * 0.6, ctx.lastYear);
    });
  }
  const w = (i: number): number => ctx.f.output.data[i];
  sellTo(ctx, rng, parts, new Picker(leaders, w), 1, 2, 0.6);
  makeFor(ctx, rng, small, new Picker(leaders, w), 1, 1, 0.2);
  const assoc = ctx.addInstitution(structure, 'association', '青岛市家电行业协会', '3851', ctx.placeNear(rng, [120.4, 36.09], 3, 8));
  institutionTies(ctx, rng, assoc, hqs, 1, LT.membership);
  // Concentration of the three core classes, by establishment and by group.
  const core = new Set(['3851', '3852', '3855'].map(industryIndex));
  const byGroup = new Map<number, number>();
  const estab: number[] = [];
  let total = 0;
  for (let i = 0; i < ctx.firmCount; i++) {
    if (!core.has(ctx.f.industry.data[i])) continue;
    const o = ctx.f.output.data[i];
    const g = ctx.f.parent.data[i] >= 0 ? ctx.f.parent.data[i] : i;
    byGroup.set(g, (byGroup.get(g) ?? 0) + o);
    estab.push(o);
    total += o;
  }
  const groupShares = [...byGroup.values()].map((v) => v / total).sort((a, b) => b - a);
  estab.sort((a, b) => b - a);
  const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;
  return {
    industries: ['3851', '3852', '3855'],
    cr3Groups: r4(groupShares[0] + groupShares[1] + groupShares[2]),
    cr3Establishments: r4((estab[0] + estab[1] + estab[2]) / total),
    hhiGroups: r4(groupShares.reduce((s, v) => s + v * v, 0)),
    brands: groups.map((g) => g.brand),
  };
}

export function plantKunshan(ctx: Context, rng: Rng, park: number): void {
  const structure = ctx.addStructure({
    id: 'kunshan-electronics-park',
    name: { zh: '昆山电子信息外资园区', en: 'Kunshan foreign-invested electronics park' },
    label: 'park_without_cluster', stage: 'concentration', radiation: null, typology: { ...TYPO.kunshan },
    industries: ['3911', '3912', '3982'], supportIndustries: ['3913', '3981', '3989'],
    park: ctx.parks[park].id, center: [120.99, 31.34], radiusKm: 4.5, growth: 0.02, regionalBrand: null,
    why: {
      zh: '没有集群的工业园区：以利用外资为主，外资电子整机与零部件企业由政策和设施吸引入园，园内企业之间几乎没有联系，供货与销售都指向数百公里外的企业，没有商会、协会等本地机构——外力驱动、“缺少与当地企业的联系”（种子文章一）；按种子文章五处于集中阶段（产业关联极其薄弱、根植性不强），只有生产加工功能。',
      en: 'A park without a cluster: foreign-invested computer assemblers and component makers drawn in by policy and facilities; firms inside barely link to one another, buy from and sell to firms hundreds of kilometres away, and no chamber or association is present — externally driven and "lacking links with local firms" (seed essay 1); in the concentration stage of seed essay 5 (almost no industrial linkage, weak embeddedness), production functions only.',
    },
  }, (i) => ctx.f.park.data[i] === park);
  const parkFirms: number[] = [];
  const assemblers: number[] = [];
  const bigCount = ctx.nSqrt(4);
  const spec: Array<[string, number, number]> = [['3911', 45, 150], ['3912', 150, 100], ['3913', 60, 80], ['3982', 130, 110], ['3981', 60, 80], ['3989', 40, 70]];
  for (const [code, n, median] of spec) {
    for (let k = 0; k < ctx.n(n); k++) {
      const big = code === '3911' && k < bigCount;
      const i = ctx.addFirm(rng, {
        code, at: ctx.placeInPark(rng, park), employees: big ? ctx.sizeBetween(rng, 4000, 15000) : ctx.size(rng, median, 0.9, 20, 5000),
        founded: ctx.founded(rng, 1995, 2006), ownership: big ? OWN.foreign : ctx.ownership(rng, [0.05, 0.17, 0.78, 0]),
        structure, role: big ? ROLE.leader : ROLE.member, functions: F_PROD, exportShare: 0.85, rd: 0.003, rdProb: 0.3, patentRate: 0.01, park,
      });
      parkFirms.push(i);
      if (big) assemblers.push(i);
    }
  }
  const towns: Pt[] = [[113.88, 22.56], [114.25, 22.72], [113.75, 23.02], [106.63, 29.72], [103.92, 30.57], [108.91, 34.16],
    [114.32, 30.38], [118.08, 24.45], [117.2, 39.12], [117.26, 31.85], [115.9, 28.68], [113.03, 28.19]];
  const remoteCodes = ['3912', '3981', '3982', '3989', '3913'];
  const remote: number[] = [];
  for (let k = 0; k < ctx.n(180); k++) {
    remote.push(ctx.addFirm(rng, {
      code: remoteCodes[k % remoteCodes.length], at: ctx.placeNear(rng, towns[k % towns.length], 12, 35),
      employees: ctx.size(rng, 80, 1.0, 10, 5000), founded: ctx.founded(rng, 1995, 2008), ownership: ctx.ownership(rng, [0.5, 0.2, 0.3, 0]),
      structure, role: ROLE.external, functions: F_PROD, exportShare: 0.4, rd: 0.01, rdProb: 0.4, patentRate: 0.2,
    }));
  }
  const w = sizeWeight(ctx);
  const far = new Picker(remote, w);
  const isAssembler = new Set(assemblers);
  const others = parkFirms.filter((i) => !isAssembler.has(i));
  buyFrom(ctx, rng, assemblers, far, 10, 30);
  buyFrom(ctx, rng, assemblers, new Picker(others, w), 1, 2, 0.3);
  buyFrom(ctx, rng, others, far, 1, 2, 0.7);
  sellTo(ctx, rng, others, far, 1, 2, 0.8);
}

export function plantChain(ctx: Context, rng: Rng): void {
  const stages: Array<{ stage: string; code: string; n: number; at: Pt; sigma: number; emp: [number, number]; own: number; export: number }> = [
    { stage: 'fibre', code: '2822', n: 1, at: [119.18, 32.27], sigma: 4, emp: [2000, 6000], own: OWN.state, export: 0.05 },
    { stage: 'fabric', code: '1761', n: 2, at: [114.25, 30.72], sigma: 12, emp: [300, 900], own: OWN.local, export: 0.1 },
    { stage: 'garment', code: '1821', n: 3, at: [114.85, 25.75], sigma: 10, emp: [200, 600], own: OWN.local, export: 0.3 },
  ];
  const distances: number[] = [];
  for (let k = 1; k < stages.length; k++) {
    distances.push(Math.round(haversineKm(stages[k - 1].at[0], stages[k - 1].at[1], stages[k].at[0], stages[k].at[1])));
  }
  const structure = ctx.addStructure({
    id: 'fibre-knitwear-chain',
    name: { zh: '化纤—针织面料—针织服装产业链', en: 'Polyester fibre → knitted fabric → knitwear chain' },
    label: 'chain_without_agglomeration', stage: null, radiation: null, typology: null,
    industries: stages.map((s) => s.code), supportIndustries: [],
    park: null, center: stages[1].at, radiusKm: Math.round(distances.reduce((a, b) => a + b, 0) / 2 + 30), growth: 0.02, regionalBrand: null,
    why: {
      zh: `没有集聚的产业链：涤纶纤维（仪征）→针织面料（武汉）→针织服装（赣州）之间有稳定的前后向供货联系（赫希曼，种子文章一），但相邻环节相距约${distances.join('、')}公里，每地只有少数大中型企业，没有商会、协会等机构——产业链“主要侧重于产业间联系”，“没有空间集聚的概念”（种子文章一）。`,
      en: `A chain without agglomeration: polyester fibre (Yizheng) → knitted fabric (Wuhan) → knitwear (Ganzhou), tied by steady backward and forward supply (Hirschman; seed essay 1), but consecutive stages sit ${distances.join(' and ')} km apart, each place holds only a few firms, and there is no chamber or association: a chain "stresses links between industries" and "has no notion of spatial agglomeration" (seed essay 1).`,
    },
  });
  const members: number[][] = [];
  const stageTruth: ChainStageTruth[] = [];
  for (const s of stages) {
    const list: number[] = [];
    for (let k = 0; k < ctx.nSqrt(s.n); k++) {
      list.push(ctx.addFirm(rng, {
        code: s.code, at: ctx.placeNear(rng, s.at, s.sigma, 2.5 * s.sigma), employees: ctx.sizeBetween(rng, s.emp[0], s.emp[1]),
        founded: ctx.founded(rng, 1988, 2003), ownership: s.own, structure, role: ROLE.member, functions: F_PROD,
        exportShare: s.export, rd: 0.008, rdProb: 0.6, patentRate: 0.2,
      }));
    }
    members.push(list);
    stageTruth.push({ stage: s.stage, industry: s.code, region: ctx.geo.regions[ctx.geo.locate(s.at[0], s.at[1])].code, center: s.at, firmCount: list.length });
  }
  const w = sizeWeight(ctx);
  buyFrom(ctx, rng, members[1], new Picker(members[0], w), 1, 2);
  buyFrom(ctx, rng, members[2], new Picker(members[1], w), 1, 2);
  const d = ctx.structures[structure].truth;
  d.chainStages = stageTruth;
  d.chainDistancesKm = distances;
}

export function plantXianghe(ctx: Context, rng: Rng): void {
  const center: Pt = [117.01, 39.76];
  const structure = ctx.addStructure({
    id: 'xianghe-furniture',
    name: { zh: '香河家具企业集聚区', en: 'Xianghe furniture agglomeration' },
    label: 'agglomeration_without_cluster', stage: 'concentration', radiation: null, typology: { ...TYPO.xianghe },
    industries: ['2110'], supportIndustries: [],
    park: null, center, radiusKm: 22, growth: -0.03, regionalBrand: null,
    why: {
      zh: '有集聚、无集群：木质家具企业在香河高度集中（产业集聚，韦伯），彼此之间却没有任何供货、外包、技术或金融联系，也没有商会、协会——“虽然有的产业集聚在一起，但是相互之间没有联系，就不能形成产业集群”（种子文章一）。按种子文章五的阶段划分，产业关联极其薄弱，属于集中阶段。',
      en: 'Agglomeration without a cluster: wooden-furniture makers crowd Xianghe (spatial agglomeration, Weber) but have no supply, subcontracting, technology or finance ties among them and no chamber or association — "some industries gather in one place without links between them, and then they cannot form a cluster" (seed essay 1). By the stages of seed essay 5, with almost no industrial linkage it is at the concentration stage.',
    },
  });
  for (let k = 0; k < ctx.n(450); k++) {
    ctx.addFirm(rng, {
      code: '2110', at: ctx.placeNear(rng, center, 7, 22), employees: ctx.size(rng, 30, 0.9, 2, 2000), founded: ctx.founded(rng, 1995, 2008),
      ownership: ctx.ownership(rng, [0.9, 0.1, 0, 0]), structure, role: ROLE.member, functions: rng.next() < 0.1 ? F_PROD | F_MKT : F_PROD,
      exportShare: 0.05, rd: 0.003, rdProb: 0.1,
    });
  }
}

export function plantPork(ctx: Context, rng: Rng): void {
  const groups: Array<{ id: string; zh: string; en: string; hub: Pt }> = [
    { id: 'northeast', zh: '东北', en: 'Northeast', hub: [125.35, 43.86] },
    { id: 'north', zh: '华北', en: 'North', hub: [114.54, 38.04] },
    { id: 'central', zh: '中原', en: 'Central Plains', hub: [113.61, 34.75] },
    { id: 'northwest', zh: '西北', en: 'Northwest', hub: [108.96, 34.27] },
    { id: 'south', zh: '华南', en: 'South', hub: [113.22, 23.4] },
    { id: 'southwest', zh: '西南', en: 'Southwest', hub: [104.08, 30.66] },
    { id: 'east', zh: '华东', en: 'East', hub: [118.8, 32.05] },
  ];
  const radiusKm = 200;
  const inner = 195;
  const structure = ctx.addStructure({
    id: 'pork-regional-clusters',
    name: { zh: '润丰生猪区域产业集群网络（雨润模式）', en: 'Runfeng regional pork cluster network (Yurun model)' },
    label: 'cluster', stage: 'cluster', radiation: 'inward', typology: { ...TYPO.pork },
    industries: ['0113', '1329', '0531', '0313', '1351', '1353', '5224'], supportIndustries: ['3532', '2750', '5930', '5432', '2319'],
    park: null, center: groups[6].hub, radiusKm, growth: 0.03, regionalBrand: '润丰',
    why: {
      zh: '区域产业集群网络（种子文章四，雨润模式）：七个区域集群各自在枢纽200公里半径物流圈内拥有完整的纵向产业链（种植→饲料→育种→养殖→屠宰→精深加工→终端销售）和横向配套（机械制造、兽药、冷链物流、包装印刷），龙头企业就近采购中小企业的产品，中小企业依附龙头发展，实现双赢——单个龙头企业带动型（种子文章二）。',
      en: 'A network of regional clusters (seed essay 4, the Yurun model): each of seven regional clusters holds, within a 200 km logistics radius of its hub, the whole vertical chain (planting → feed → breeding → pig farming → slaughter → processing → retail) and the horizontal support (machinery, veterinary medicines, cold-chain logistics, packaging); the leader buys from local SMEs, which grow with it — a win-win, single-leader-driven type (seed essay 2).',
    },
  });
  const w = sizeWeight(ctx);
  const east = groups[6];
  const hq = ctx.addFirm(rng, {
    code: '1353', at: ctx.placeNear(rng, east.hub, 3, 8), employees: ctx.sizeBetween(rng, 2500, 4000), founded: 1993,
    ownership: OWN.local, structure, role: ROLE.headquarters, functions: F_ALL, exportShare: 0.02, rd: 0.01, patentRate: 2,
    brand: ctx.brand('润丰'), name: '润丰食品集团股份有限公司',
  });
  const groupTruth: PorkGroupTruth[] = [];
  const verticalSpec: Array<[string, number, number, number]> = [
    // code, count at scale 1, median employees, radial shape (0.5 uniform over the disc; 1 towards the hub)
    ['0113', 20, 8, 0.5], ['1329', 9, 60, 0.6], ['0531', 6, 25, 0.5], ['0313', 65, 15, 0.5], ['1351', 2, 120, 0.6], ['1353', 6, 60, 0.6], ['5224', 45, 5, 1],
    ['3532', 4, 40, 0.8], ['2750', 3, 60, 0.8], ['5930', 3, 30, 0.8], ['5432', 4, 20, 0.8], ['2319', 4, 30, 0.8],
  ];
  for (const g of groups) {
    const first = ctx.firmCount;
    const hubRegion = ctx.geo.locate(g.hub[0], g.hub[1]);
    const city = shortPlaceName(ctx.geo.regions[hubRegion].prefectureName);
    const brand = ctx.brand('润丰');
    const own = g.id === 'east' ? OWN.local : OWN.external_domestic;
    const slaughter = ctx.addFirm(rng, {
      code: '1351', at: ctx.placeInDisc(rng, g.hub, 15, 0.5), employees: ctx.sizeBetween(rng, 1500, 3000), founded: between(rng, 1998, 2012),
      ownership: own, structure, role: ROLE.branch, functions: F_PROD, parent: hq, brand, name: `润丰肉联（${city}）有限公司`,
    });
    const processing = ctx.addFirm(rng, {
      code: '1353', at: ctx.placeInDisc(rng, g.hub, 15, 0.5), employees: ctx.sizeBetween(rng, 800, 2000), founded: between(rng, 1998, 2012),
      ownership: own, structure, role: ROLE.branch, functions: F_PROD | F_MKT, parent: hq, brand, name: `润丰食品（${city}）有限公司`, rd: 0.005,
    });
    ctx.addLink(hq, slaughter, LT.technology, 30 + 100 * rng.next(), ctx.tieYear(rng, hq, slaughter));
    ctx.addLink(hq, processing, LT.technology, 30 + 100 * rng.next(), ctx.tieYear(rng, hq, processing));
    const by = new Map<string, number[]>();
    for (const [code, n, median, shape] of verticalSpec) {
      const list: number[] = [];
      for (let k = 0; k < ctx.n(n); k++) {
        list.push(ctx.addFirm(rng, {
          code, at: ctx.placeInDisc(rng, g.hub, inner, shape), employees: ctx.size(rng, median, 0.9, 1, 2000), founded: ctx.founded(rng, 1995, 2010),
          ownership: ctx.ownership(rng, [0.95, 0.05, 0, 0]), structure, role: ROLE.member,
          functions: code === '5224' ? F_MKT : F_PROD, rd: code === '2750' || code === '3532' ? 0.02 : undefined, rdProb: 0.5, patentRate: code === '2750' ? 0.5 : 0,
        }));
      }
      by.set(code, list);
    }
    const get = (code: string): number[] => by.get(code) ?? [];
    const farms = get('0313');
    buyFrom(ctx, rng, get('1329'), new Picker(get('0113'), w), 3, 8);
    buyFrom(ctx, rng, farms, new Picker(get('1329'), w), 1, 2);
    buyFrom(ctx, rng, farms, new Picker(get('0531'), w), 1, 1, 0.8);
    // Large firm buys from local SMEs: most farms sell to the leader's slaughter plant.
    const localSlaughter = new Picker(get('1351'), w);
    for (const f of farms) {
      const buyer = rng.next() < 0.7 || localSlaughter.size === 0 ? slaughter : localSlaughter.pick(rng);
      ctx.addLink(f, buyer, LT.supply, ctx.tradeValue(rng, f, buyer), ctx.lastYear);
    }
    ctx.addLink(slaughter, processing, LT.supply, ctx.revenueOf(slaughter) * 0.5, ctx.lastYear);
    const processors = new Picker([processing, ...get('1353')], w);
    sellTo(ctx, rng, get('1351'), new Picker(get('1353').length ? get('1353') : [processing], w), 1, 2);
    const localProcessing = new Picker(get('1353'), w);
    for (const r of get('5224')) {
      const seller = rng.next() < 0.7 || localProcessing.size === 0 ? processing : localProcessing.pick(rng);
      ctx.addLink(seller, r, LT.supply, ctx.tradeValue(rng, seller, r), ctx.lastYear);
    }
    const plants = new Picker([slaughter, processing, ...get('1351'), ...get('1353')], w);
    sellTo(ctx, rng, get('3532'), plants, 1, 3);
    buyFrom(ctx, rng, [...farms, ...get('0531')], new Picker(get('2750'), w), 1, 1, 0.4);
    for (const s of get('5930')) for (const t of processors.pickDistinct(rng, between(rng, 1, 3))) ctx.addLink(s, t, LT.service, ctx.tradeValue(rng, s, t), ctx.lastYear);
    const retail = new Picker(get('5224'));
    for (const s of get('5432')) {
      ctx.addLink(s, processing, LT.service, ctx.tradeValue(rng, s, processing), ctx.lastYear);
      for (const t of retail.pickDistinct(rng, between(rng, 3, 8))) ctx.addLink(s, t, LT.service, ctx.tradeValue(rng, s, t), ctx.lastYear);
    }
    sellTo(ctx, rng, get('2319'), processors, 1, 3);
    const at = () => ctx.placeInDisc(rng, g.hub, 10, 0.5);
    const prefName = ctx.geo.regions[hubRegion].prefectureName;
    const assoc = ctx.addInstitution(structure, 'association', `${prefName}生猪产业协会`, '0313', at());
    institutionTies(ctx, rng, assoc, [slaughter, processing], 1, LT.membership);
    institutionTies(ctx, rng, assoc, farms, 0.4, LT.membership);
    const bank = ctx.addInstitution(structure, 'bank', `${city}农村商业银行`, undefined, at());
    institutionTies(ctx, rng, bank, farms, 0.15, LT.finance);
    institutionTies(ctx, rng, bank, [...get('1351'), ...get('1353')], 0.3, LT.finance);
    const lab = ctx.addInstitution(structure, 'public_service', `${city}食品安全检测中心`, '1353', at());
    institutionTies(ctx, rng, lab, [slaughter, processing, ...get('1351'), ...get('1353')], 1, LT.service);
    institutionTies(ctx, rng, lab, get('5224'), 0.1, LT.service);
    const count = ctx.firmCount - first + (g.id === 'east' ? 1 : 0);
    groupTruth.push({
      id: g.id, name: { zh: `${g.zh}区域产业集群`, en: `${g.en} regional cluster` }, hubRegion: ctx.geo.regions[hubRegion].code, hub: g.hub,
      radiusKm, firmCount: count, leaderPlants: [slaughter, processing].map(firmId),
    });
  }
  ctx.structures[structure].truth.groups = groupTruth;
}

/** Firms of the planted industries outside any structure, spread in proportion to population. */
export function plantDispersed(ctx: Context, rng: Rng): void {
  const spec: Array<[string, number, number]> = [
    ['1952', 60, 30], ['1819', 120, 25], ['3823', 50, 30], ['3525', 60, 20], ['1751', 60, 30], ['1752', 30, 40], ['1921', 30, 20],
    ['1922', 30, 20], ['2110', 150, 25], ['2822', 15, 150], ['1761', 80, 40], ['1821', 150, 30], ['0313', 250, 10], ['0113', 150, 6],
    ['1351', 40, 60], ['1353', 50, 40], ['5224', 200, 4], ['1329', 30, 40], ['3911', 10, 200], ['3912', 20, 100], ['3982', 30, 100],
  ];
  for (const [code, n, median] of spec) {
    const kind = INDUSTRIES[industryIndex(code)].kind;
    for (let k = 0; k < ctx.n(n); k++) {
      const at = ctx.placeInRegion(rng, ctx.regionByPopulation(rng));
      ctx.addFirm(rng, {
        code, at, employees: ctx.size(rng, median, 1.0, 1, 5000), founded: ctx.founded(rng, 1990, 2010),
        ownership: ctx.ownership(rng, [0.85, 0.09, 0.03, 0.03]), structure: -1, role: ROLE.dispersed,
        functions: kind === 'trade' ? F_MKT : F_PROD, exportShare: kind === 'manufacturing' ? 0.1 : 0, rd: 0.005, rdProb: 0.2, patentRate: 0.05,
      });
    }
  }
}

/** The background economy: other industries in proportion to population (the denominators of LQs). */
export function plantBackground(ctx: Context, rng: Rng): void {
  const weights: Array<[string, number]> = [
    ['5212', 10], ['5211', 3], ['5232', 8], ['5272', 4], ['6210', 12], ['6220', 8], ['6121', 3], ['4710', 6], ['7010', 3], ['6513', 4],
    ['5431', 6], ['6020', 3], ['1411', 3], ['1431', 3], ['1512', 1], ['2221', 1], ['2641', 1], ['2720', 1], ['3021', 3], ['3311', 3],
    ['3484', 4], ['3670', 4], ['3812', 2], ['7241', 3],
  ];
  const total = weights.reduce((s, [, v]) => s + v, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const [, v] of weights) cum.push((acc += v));
  const count = ctx.n(11500);
  const firms: number[] = [];
  for (let k = 0; k < count; k++) {
    const u = rng.next() * total;
    let j = 0;
    while (cum[j] <= u) j++;
    const code = weights[j][0];
    const kind = INDUSTRIES[industryIndex(code)].kind;
    const at = ctx.placeInRegion(rng, ctx.regionByPopulation(rng));
    firms.push(ctx.addFirm(rng, {
      code, at, employees: ctx.size(rng, 25, 1.1, 1, 8000), founded: ctx.founded(rng, 1990, 2012),
      ownership: ctx.ownership(rng, [0.86, 0.08, 0.03, 0.03]), structure: -1, role: ROLE.background,
      functions: kind === 'manufacturing' ? F_PROD : kind === 'trade' ? F_MKT : 0,
      exportShare: kind === 'manufacturing' ? 0.05 : 0, rd: kind === 'manufacturing' ? 0.008 : code === '6513' ? 0.05 : undefined,
      rdProb: 0.3, patentRate: kind === 'manufacturing' || code === '6513' ? 0.05 : 0,
    }));
  }
  // A few institutions outside the clusters, with a handful of ties.
  const cities: Array<[string, Pt]> = [['北京', [116.42, 39.93]], ['武汉', [114.31, 30.6]], ['长沙', [113.03, 28.19]], ['西安', [108.96, 34.27]], ['成都', [104.08, 30.66]], ['郑州', [113.66, 34.78]]];
  for (const [city, site] of cities) {
    const bank = ctx.addInstitution(-1, 'bank', `${city}城市商业银行`, undefined, ctx.placeNear(rng, site, 3, 8));
    institutionTies(ctx, rng, bank, firms, 0.002, LT.finance);
  }
  const makers = firms.filter((i) => INDUSTRIES[ctx.f.industry.data[i]].kind === 'manufacturing');
  for (const [city, site] of cities.slice(0, 3)) {
    const uni = ctx.addInstitution(-1, 'university', `${city}工商职业学院`, undefined, ctx.placeNear(rng, site, 4, 10));
    institutionTies(ctx, rng, uni, makers, 0.002, LT.joint_rnd);
  }
}

/** Ties between clusters: Keqiao fabric for Wenzhou apparel; Huangyan moulds for Yueqing. */
export function crossClusterLinks(ctx: Context, rng: Rng, p: Planted): void {
  const w = sizeWeight(ctx);
  buyFrom(ctx, rng, codes(p.wenzhou, '1819'), new Picker(codes(p.keqiao, '1751'), w), 1, 1, 0.25);
  const yqCore = p.yueqing.all.filter((i) => ctx.f.role.data[i] === ROLE.leader || ctx.employeesOf(i) >= 200);
  const isCore = new Set(yqCore);
  const moulds = new Picker(codes(p.huangyan, '3525'), w);
  buyFrom(ctx, rng, yqCore, moulds, 1, 3, 0.9);
  buyFrom(ctx, rng, codes(p.yueqing, '3823').filter((i) => !isCore.has(i)), moulds, 1, 1, 0.08);
}

