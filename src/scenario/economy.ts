/**
 * The economy outside the planted structures: firms of the planted industries dispersed in
 * proportion to population, and the background economy of other industries (the denominators of
 * location quotients), with a few institutions in large cities.
 */
import type { Rng } from '../core/rng.js';
import type { Context } from './context.js';
import { F_MKT, F_PROD, ROLE } from './drafts.js';
import { INDUSTRIES, industryIndex } from './industries.js';
import { drawCumulative } from './picker.js';
import { plantGroup, plantInstitutions, type PlantedStructure } from './planter.js';
import { firms, makers, type InstitutionSpec, type Pt } from './structure-spec.js';

const NO_STRUCTURE = { structure: -1, regionalBrand: -1 };

/** Dispersed firms of the planted industries: [code, firms at scale 1, median employees]. */
const DISPERSED: ReadonlyArray<readonly [string, number, number]> = [
  ['1952', 60, 30], ['1819', 120, 25], ['3823', 50, 30], ['3525', 60, 20], ['1751', 60, 30], ['1752', 30, 40], ['1921', 30, 20],
  ['1922', 30, 20], ['2110', 150, 25], ['2822', 15, 150], ['1761', 80, 40], ['1821', 150, 30], ['0313', 250, 10], ['0113', 150, 6],
  ['1351', 40, 60], ['1353', 50, 40], ['5224', 200, 4], ['1329', 30, 40], ['3911', 10, 200], ['3912', 20, 100], ['3982', 30, 100],
];

/** Firms of the planted industries outside any structure, spread in proportion to population. */
export function plantDispersed(ctx: Context, rng: Rng): void {
  for (const [code, n, median] of DISPERSED) {
    const kind = INDUSTRIES[industryIndex(code)].kind;
    plantGroup(ctx, rng, {
      code, n, at: 'population', median, max: 5000, start: 1990, mode: 2010, own: [0.85, 0.09, 0.03, 0.03], role: ROLE.dispersed,
      functions: kind === 'trade' ? F_MKT : F_PROD, exportShare: kind === 'manufacturing' ? 0.1 : 0, rd: 0.005, rdProb: 0.2, patentRate: 0.05,
    }, NO_STRUCTURE);
  }
}

/** Industries of the background economy and their relative weights. */
const BACKGROUND: ReadonlyArray<readonly [string, number]> = [
  ['5212', 10], ['5211', 3], ['5232', 8], ['5272', 4], ['6210', 12], ['6220', 8], ['6121', 3], ['4710', 6], ['7010', 3], ['6513', 4],
  ['5431', 6], ['6020', 3], ['1411', 3], ['1431', 3], ['1512', 1], ['2221', 1], ['2641', 1], ['2720', 1], ['3021', 3], ['3311', 3],
  ['3484', 4], ['3670', 4], ['3812', 2], ['7241', 3],
];

/** Cities with a bank (all) and a vocational college (the first three) outside the clusters, with a handful of ties. */
const CITIES: ReadonlyArray<readonly [string, Pt]> = [
  ['北京', [116.42, 39.93]], ['武汉', [114.31, 30.6]], ['长沙', [113.03, 28.19]], ['西安', [108.96, 34.27]], ['成都', [104.08, 30.66]], ['郑州', [113.66, 34.78]],
];
const CITY_INSTITUTIONS: readonly InstitutionSpec[] = [
  ...CITIES.map(([city, site]): InstitutionSpec => ({
    type: 'bank', name: `${city}城市商业银行`, at: { near: site, sigmaKm: 3, maxKm: 8 }, ties: [[firms(), 0.002, 'finance']],
  })),
  ...CITIES.slice(0, 3).map(([city, site]): InstitutionSpec => ({
    type: 'university', name: `${city}工商职业学院`, at: { near: site, sigmaKm: 4, maxKm: 10 }, ties: [[makers, 0.002, 'joint_rnd']],
  })),
];

/** The background economy: other industries in proportion to population (the denominators of LQs). */
export function plantBackground(ctx: Context, rng: Rng): void {
  const cum: number[] = [];
  let acc = 0;
  for (const [, v] of BACKGROUND) cum.push((acc += v));
  const count = ctx.n(11500);
  const all: number[] = [];
  for (let k = 0; k < count; k++) {
    const code = BACKGROUND[drawCumulative(rng, cum)][0];
    const kind = INDUSTRIES[industryIndex(code)].kind;
    const at = ctx.placeInRegion(rng, ctx.regionByPopulation(rng));
    all.push(ctx.addFirm(rng, {
      code, at, employees: ctx.size(rng, 25, 1.1, 1, 8000), founded: ctx.founded(rng, 1990, 2012),
      ownership: ctx.ownership(rng, [0.86, 0.08, 0.03, 0.03]), structure: -1, role: ROLE.background,
      functions: kind === 'manufacturing' ? F_PROD : kind === 'trade' ? F_MKT : 0,
      exportShare: kind === 'manufacturing' ? 0.05 : 0, rd: kind === 'manufacturing' ? 0.008 : code === '6513' ? 0.05 : undefined,
      rdProb: 0.3, patentRate: kind === 'manufacturing' || code === '6513' ? 0.05 : 0,
    }));
  }
  const background: PlantedStructure = { ...NO_STRUCTURE, id: 'background', hosted: -1, all, groups: new Map() };
  plantInstitutions(ctx, rng, CITY_INSTITUTIONS, background, new Map());
}
