/**
 * Household appliances dominated by three groups (a Qingdao-style three-brand pattern):
 * concentration only. About three quarters of the output of refrigerators, air conditioners and
 * washing machines belongs to three groups headquartered in Qingdao (high CR3), but their plants
 * are spread over the country, Qingdao has no web of local suppliers, and parts come from far
 * away — concentration measures the dominance of the largest firms and "has no direct relation to
 * the spatial distribution of the industry" (seed essay 1). A synthetic stand-in, not a
 * description of Qingdao's industry.
 *
 * Its own procedure (`afterFirms`): the groups' output is set so that they hold a drawn CR3 of
 * 72–76 % against the small firms, and the concentration actually planted goes into the truth.
 */
import type { Rng } from '../../core/rng.js';
import type { Context } from '../context.js';
import { F_ALL, F_PROD, LT, OWN, ROLE } from '../drafts.js';
import { INDUSTRIES, industryIndex } from '../industries.js';
import { shortPlaceName } from '../names.js';
import { between } from '../picker.js';
import type { PlantedStructure } from '../planter.js';
import { firms, tie, type FirmGroup, type Pt, type StructureEntry } from '../structure-spec.js';
import type { ConcentrationTruth } from '../types.js';

const CORE = ['3851', '3852', '3855'];

/** Small firms everywhere, in proportion to population: [code, firms at scale 1, median employees]. */
const SMALL: ReadonlyArray<readonly [string, number, number]> = [['3851', 30, 60], ['3852', 25, 70], ['3855', 35, 60], ['3854', 110, 40], ['3857', 95, 40]];

/** The three groups: brand, headquarters, core class, ownership of HQ and plants, share of the groups' output, plants. */
const GROUPS: ReadonlyArray<{ brand: string; hq: Pt; code: string; own: number; plantOwn: number; share: number; plants: ReadonlyArray<readonly [string, Pt]> }> = [
  { brand: '琴岛', hq: [120.47, 36.12], code: '3851', own: OWN.local, plantOwn: OWN.external_domestic, share: 0.44,
    plants: [['3851', [117.26, 31.85]], ['3855', [113.29, 22.81]], ['3851', [106.63, 29.72]], ['3855', [114.38, 30.88]]] },
  { brand: '海岳', hq: [120.4, 36.09], code: '3852', own: OWN.state, plantOwn: OWN.state, share: 0.33,
    plants: [['3852', [113.12, 23.02]], ['3851', [123.42, 41.79]], ['3852', [113.61, 34.75]], ['3852', [118.84, 31.95]]] },
  { brand: '胶澳', hq: [120.43, 36.16], code: '3855', own: OWN.local, plantOwn: OWN.external_domestic, share: 0.23,
    plants: [['3855', [119.94, 31.7]], ['3851', [103.92, 30.57]], ['3855', [113.16, 27.83]], ['3851', [108.71, 34.33]]] },
];

/** Headquarters and branch plants of the three groups, with output set to reach the drawn CR3. */
function plantGroups(ctx: Context, rng: Rng, planted: PlantedStructure): void {
  const { structure } = planted;
  const small = CORE.flatMap((code) => planted.groups.get(code)!);
  const smallOutput = small.reduce((s, i) => s + ctx.f.output.data[i], 0);
  const cr3Target = 0.72 + 0.04 * rng.next();
  const leaderOutput = (smallOutput * cr3Target) / (1 - cr3Target);
  const plants: number[] = [];
  const hqs: number[] = [];
  for (const g of GROUPS) {
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
    plants.push(hq);
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
      plants.push(plant);
      ctx.addLink(hq, plant, LT.technology, 50 + 200 * rng.next(), ctx.tieYear(rng, hq, plant));
      ctx.addLink(plant, hq, LT.supply, ctx.revenueOf(plant) * 0.6, ctx.lastYear);
    });
  }
  planted.groups.set('group establishments', plants);
  planted.groups.set('headquarters', hqs);
  ctx.structures[structure].truth.concentration = concentration(ctx);
}

/** Concentration of the three core classes, by establishment and by group (plants rolled up to their parent). */
function concentration(ctx: Context): ConcentrationTruth {
  const core = new Set(CORE.map(industryIndex));
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
    industries: [...CORE],
    cr3Groups: r4(groupShares[0] + groupShares[1] + groupShares[2]),
    cr3Establishments: r4((estab[0] + estab[1] + estab[2]) / total),
    hhiGroups: r4(groupShares.reduce((s, v) => s + v * v, 0)),
    brands: GROUPS.map((g) => g.brand),
  };
}

export const APPLIANCES: StructureEntry = {
  truth: {
    id: 'qingdao-style-appliances',
    name: { zh: '家电业三巨头（青岛式品牌格局）', en: 'Household appliances dominated by three groups (Qingdao-style)' },
    label: 'concentration_only', stage: null, radiation: null, typology: null,
    industries: [...CORE], supportIndustries: ['3854', '3857'],
    park: null, center: [120.43, 36.12], radiusKm: 10, growth: 0.02, regionalBrand: null,
    why: {
      zh: '只有产业集中：冰箱、空调、洗衣机产出的约四分之三属于三家企业集团（CR3高），但其生产分布在全国多地的分厂，青岛本地没有配套中小企业网络，配件供货多来自外地——产业集中反映的是少数企业的垄断程度，“与产业的空间分布没有直接关系，同时也没有对产业内企业间联系进行特别关注”（种子文章一）。这是“青岛式三大品牌”格局的合成替身，并不描述青岛家电业本身（种子文章二称之为产业集群）。',
      en: 'Concentration only: about three quarters of the output of refrigerators, air conditioners and washing machines belongs to three groups (high CR3), but their plants are spread over the country, Qingdao has no web of local suppliers, and parts come from far away. Concentration measures the dominance of the largest firms and "has no direct relation to the spatial distribution of the industry, nor to links between its firms" (seed essay 1). A synthetic stand-in for the Qingdao three-brand pattern, not a description of Qingdao\'s industry, which seed essay 2 calls a cluster.',
    },
  },
  firms: SMALL.map(([code, n, median]): FirmGroup => ({
    code, n, at: 'population', median, min: 3, start: 1992, mode: 2010, own: [0.85, 0.1, 0.04, 0.01], exportShare: 0.1, rd: 0.01, rdProb: 0.3, patentRate: 0.2,
  })),
  afterFirms: plantGroups,
  // Parts makers sell to whichever establishment of the groups, mostly far away; some small makers make for them.
  ties: [
    tie.sellTo(firms('3857'), firms('group establishments'), 1, 2, 0.6, 'output'),
    tie.makeFor(firms(...CORE), firms('group establishments'), 1, 1, 0.2, 'output'),
  ],
  institutions: [{ type: 'association', name: '青岛市家电行业协会', industry: '3851', at: { near: [120.4, 36.09], sigmaKm: 3, maxKm: 8 }, ties: [[firms('headquarters'), 1, 'membership']] }],
};
