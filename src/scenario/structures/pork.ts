/**
 * The Runfeng regional pork cluster network (the Yurun model, seed essay 4): seven regional
 * clusters, each holding within a 200 km logistics radius of its hub the whole vertical chain
 * (planting → feed → breeding → pig farming → slaughter → processing → retail) and the horizontal
 * support (machinery, veterinary medicines, cold-chain logistics, packaging); the leader's
 * slaughter and processing plants buy from the local SMEs, which grow with it — a win-win,
 * single-leader-driven type (seed essay 2).
 *
 * Its own procedure (`afterFirms`): the same regional cluster is planted around each hub, with
 * the leader's branch plants at its core; the regional groups go into the truth.
 */
import type { Rng } from '../../core/rng.js';
import type { Context } from '../context.js';
import { F_ALL, F_MKT, F_PROD, LT, OWN, ROLE } from '../drafts.js';
import { shortPlaceName } from '../names.js';
import { between, Picker } from '../picker.js';
import { plantGroup, plantInstitutions, runTies, sizeWeight, type PlantedStructure } from '../planter.js';
import { firms, tie, type FirmGroup, type InstitutionSpec, type Pt, type StructureEntry, type Tie } from '../structure-spec.js';
import { firmId } from '../tables.js';
import type { PorkGroupTruth } from '../types.js';

const REGIONS: ReadonlyArray<{ id: string; zh: string; en: string; hub: Pt }> = [
  { id: 'northeast', zh: '东北', en: 'Northeast', hub: [125.35, 43.86] },
  { id: 'north', zh: '华北', en: 'North', hub: [114.54, 38.04] },
  { id: 'central', zh: '中原', en: 'Central Plains', hub: [113.61, 34.75] },
  { id: 'northwest', zh: '西北', en: 'Northwest', hub: [108.96, 34.27] },
  { id: 'south', zh: '华南', en: 'South', hub: [113.22, 23.4] },
  { id: 'southwest', zh: '西南', en: 'Southwest', hub: [104.08, 30.66] },
  { id: 'east', zh: '华东', en: 'East', hub: [118.8, 32.05] },
];
const HOME = REGIONS[6];
/** Logistics radius of a regional cluster (truth), and the radius its SMEs are placed within. */
const RADIUS_KM = 200;
const INNER_KM = 195;

/**
 * Local SMEs of a regional cluster: [code, firms at scale 1, median employees, radial shape
 * (0.5 uniform over the disc; 1 towards the hub)], the vertical chain first, then the support.
 */
const SMES: ReadonlyArray<readonly [string, number, number, number]> = [
  ['0113', 20, 8, 0.5], ['1329', 9, 60, 0.6], ['0531', 6, 25, 0.5], ['0313', 65, 15, 0.5], ['1351', 2, 120, 0.6], ['1353', 6, 60, 0.6], ['5224', 45, 5, 1],
  ['3532', 4, 40, 0.8], ['2750', 3, 60, 0.8], ['5930', 3, 30, 0.8], ['5432', 4, 20, 0.8], ['2319', 4, 30, 0.8],
];

function smeGroup([code, n, median, shape]: readonly [string, number, number, number], hub: Pt): FirmGroup {
  return {
    code, n, at: { disc: hub, maxKm: INNER_KM, shape }, median, sigma: 0.9, max: 2000, start: 1995, mode: 2010, own: [0.95, 0.05, 0, 0],
    functions: code === '5224' ? F_MKT : F_PROD, rd: code === '2750' || code === '3532' ? 0.02 : undefined, rdProb: 0.5, patentRate: code === '2750' ? 0.5 : 0,
  };
}

const FARMS = firms('0313');
const LEADER_PLANTS = firms('leader slaughter', 'leader processing');
const PLANTS = firms('leader slaughter', 'leader processing', '1351', '1353');

/** The institutions of a regional cluster, near its hub. */
function institutions(prefecture: string, city: string, hub: Pt): InstitutionSpec[] {
  const at = { disc: hub, maxKm: 10, shape: 0.5 };
  return [
    { type: 'association', name: `${prefecture}生猪产业协会`, industry: '0313', at, ties: [[LEADER_PLANTS, 1, 'membership'], [FARMS, 0.4, 'membership']] },
    { type: 'bank', name: `${city}农村商业银行`, at, ties: [[FARMS, 0.15, 'finance'], [firms('1351', '1353'), 0.3, 'finance']] },
    { type: 'public_service', name: `${city}食品安全检测中心`, industry: '1353', at, ties: [[PLANTS, 1, 'service'], [firms('5224'), 0.1, 'service']] },
  ];
}

/**
 * Each firm of the list trades with the leader's plant with probability `share`, else with a
 * local plant (the leader's when there is none): supplies it (listSells) or buys from it.
 */
function mostlyWithLeader(ctx: Context, rng: Rng, list: readonly number[], leader: number, local: Picker, share: number, listSells: boolean): void {
  for (const f of list) {
    const other = rng.next() < share || local.size === 0 ? leader : local.pick(rng);
    const [source, target] = listSells ? [f, other] : [other, f];
    ctx.addLink(source, target, LT.supply, ctx.tradeValue(rng, source, target), ctx.lastYear);
  }
}

function plantNetwork(ctx: Context, rng: Rng, planted: PlantedStructure): void {
  const { structure, regionalBrand: brand } = planted;
  const w = sizeWeight(ctx);
  const hq = ctx.addFirm(rng, {
    code: '1353', at: ctx.placeNear(rng, HOME.hub, 3, 8), employees: ctx.sizeBetween(rng, 2500, 4000), founded: 1993,
    ownership: OWN.local, structure, role: ROLE.headquarters, functions: F_ALL, exportShare: 0.02, rd: 0.01, patentRate: 2,
    brand, name: '润丰食品集团股份有限公司',
  });
  const truth: PorkGroupTruth[] = [];
  for (const g of REGIONS) {
    const first = ctx.firmCount;
    const hubRegion = ctx.geo.regions[ctx.geo.locate(g.hub[0], g.hub[1])];
    const city = shortPlaceName(hubRegion.prefectureName);
    const own = g === HOME ? OWN.local : OWN.external_domestic;
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
    const region: PlantedStructure = {
      id: `${planted.id} ${g.id}`, structure, hosted: -1, center: g.hub, radiusKm: INNER_KM, regionalBrand: -1, all: [],
      groups: new Map([['leader slaughter', [slaughter]], ['leader processing', [processing]]]),
    };
    for (const row of SMES) for (const i of plantGroup(ctx, rng, smeGroup(row, g.hub), region, region.groups)) region.all.push(i);
    const get = (code: string): number[] => region.groups.get(code)!;
    const run = (list: readonly Tie[]): void => runTies(ctx, rng, list, region, new Map());
    run([tie.buyFrom(firms('1329'), firms('0113'), 3, 8), tie.buyFrom(FARMS, firms('1329'), 1, 2), tie.buyFrom(FARMS, firms('0531'), 1, 1, 0.8)]);
    // The large firm buys from local SMEs: most farms sell to the leader's slaughter plant, most shops buy from its processing plant.
    mostlyWithLeader(ctx, rng, get('0313'), slaughter, new Picker(get('1351'), w), 0.7, true);
    ctx.addLink(slaughter, processing, LT.supply, ctx.revenueOf(slaughter) * 0.5, ctx.lastYear);
    run([tie.sellTo(firms('1351'), firms('1353'), 1, 2)]);
    mostlyWithLeader(ctx, rng, get('5224'), processing, new Picker(get('1353'), w), 0.7, false);
    run([tie.sellTo(firms('3532'), PLANTS, 1, 3), tie.buyFrom(firms('0313', '0531'), firms('2750'), 1, 1, 0.4)]);
    // Veterinary services serve the processors; cold-chain logistics serve the processing plant and retail.
    const processors = new Picker([processing, ...get('1353')], w);
    for (const s of get('5930')) for (const t of processors.pickDistinct(rng, between(rng, 1, 3))) ctx.addLink(s, t, LT.service, ctx.tradeValue(rng, s, t), ctx.lastYear);
    const retail = new Picker(get('5224'));
    for (const s of get('5432')) {
      ctx.addLink(s, processing, LT.service, ctx.tradeValue(rng, s, processing), ctx.lastYear);
      for (const t of retail.pickDistinct(rng, between(rng, 3, 8))) ctx.addLink(s, t, LT.service, ctx.tradeValue(rng, s, t), ctx.lastYear);
    }
    run([tie.sellTo(firms('2319'), firms('leader processing', '1353'), 1, 3)]);
    plantInstitutions(ctx, rng, institutions(hubRegion.prefectureName, city, g.hub), region, new Map());
    truth.push({
      id: g.id, name: { zh: `${g.zh}区域产业集群`, en: `${g.en} regional cluster` }, hubRegion: hubRegion.code, hub: [...g.hub],
      radiusKm: RADIUS_KM, firmCount: ctx.firmCount - first + (g === HOME ? 1 : 0), leaderPlants: [slaughter, processing].map(firmId),
    });
  }
  ctx.structures[structure].truth.groups = truth;
}

export const PORK: StructureEntry = {
  truth: {
    id: 'pork-regional-clusters',
    name: { zh: '润丰生猪区域产业集群网络（雨润模式）', en: 'Runfeng regional pork cluster network (Yurun model)' },
    label: 'cluster', stage: 'cluster', radiation: 'inward',
    typology: { mechanism: 'market-led', factor: 'resource', industry: 'traditional', formation: 'bottom-up', structure: 'single-leader', innovation: 'imitative' },
    industries: ['0113', '1329', '0531', '0313', '1351', '1353', '5224'], supportIndustries: ['3532', '2750', '5930', '5432', '2319'],
    park: null, center: [...HOME.hub], radiusKm: RADIUS_KM, growth: 0.03, regionalBrand: '润丰',
    why: {
      zh: '区域产业集群网络（种子文章四，雨润模式）：七个区域集群各自在枢纽200公里半径物流圈内拥有完整的纵向产业链（种植→饲料→育种→养殖→屠宰→精深加工→终端销售）和横向配套（机械制造、兽药、冷链物流、包装印刷），龙头企业就近采购中小企业的产品，中小企业依附龙头发展，实现双赢——单个龙头企业带动型（种子文章二）。',
      en: 'A network of regional clusters (seed essay 4, the Yurun model): each of seven regional clusters holds, within a 200 km logistics radius of its hub, the whole vertical chain (planting → feed → breeding → pig farming → slaughter → processing → retail) and the horizontal support (machinery, veterinary medicines, cold-chain logistics, packaging); the leader buys from local SMEs, which grow with it — a win-win, single-leader-driven type (seed essay 2).',
    },
  },
  afterFirms: plantNetwork,
};
