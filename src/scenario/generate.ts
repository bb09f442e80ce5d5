/**
 * generateScenario: the deterministic demo study area (see docs/demo-scenario.md).
 *
 * The same seed and options always give the same scenario, to the byte once written; the only
 * randomness is `createRng(seed)`, forked once per planting step in a fixed order. The map
 * (regions, parks) does not depend on the seed; populations, GDP and everything about firms do.
 */
import { InputError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Institution } from '../model/institution.js';
import type { Park } from '../model/park.js';
import type { Region } from '../model/region.js';
import { chainTemplates } from './chains.js';
import { Context } from './context.js';
import { ROLE } from './drafts.js';
import { getGeography } from './geography.js';
import { INDUSTRIES } from './industries.js';
import { buildIoTable } from './io-table.js';
import { makeFirmNamer, shortPlaceName } from './names.js';
import { PROVINCES } from './places.js';
import { buildRegionalStats } from './stats.js';
import { plantBackground, plantDispersed } from './economy.js';
import { plantStructure, runTies, type Registry } from './planter.js';
import { CROSS_CLUSTER_TIES, PARKS, STRUCTURES } from './structures/index.js';
import { FirmTable, LinkTable } from './tables.js';
import type { Scenario, ScenarioOptions, ScenarioTruth, TruthStructure } from './types.js';

export const SCENARIO_GENERATOR = 'cluster-atlas demo scenario v1';

const KIND_FACTOR = { district: 1.5, city: 1.15, county: 0.9 } as const;
const KIND_BONUS = { district: 250000, city: 120000, county: 0 } as const;
const KIND_GDP = { district: 1.4, city: 1.1, county: 0.85 } as const;

function checkOptions(seed: number, options: ScenarioOptions): { scale: number; currentYear: number } {
  if (!Number.isFinite(seed)) throw new InputError('E_OPTION', `generateScenario: seed must be a finite number, got ${seed}`, { field: 'seed', value: seed });
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 200) {
    throw new InputError('E_OPTION', `generateScenario: scale must be in (0, 200], got ${scale}`, { field: 'scale', value: scale });
  }
  const currentYear = options.currentYear ?? 2025;
  if (!Number.isInteger(currentYear) || currentYear < 2010 || currentYear > 2100) {
    throw new InputError('E_OPTION', `generateScenario: currentYear must be an integer in [2010, 2100], got ${currentYear}`, { field: 'currentYear', value: currentYear });
  }
  return { scale, currentYear };
}

/**
 * The demo scenario for a seed.
 *
 * @param seed any finite number; different seeds give different firms, links and statistics.
 * @param options.scale multiplies firm counts (1 ≈ 20,000 firms, 50 ≈ 1,000,000).
 * @param options.currentYear the year "now" (default 2025): data describe currentYear − 1,
 *   statistics the ten years before. Nothing reads the clock.
 * @throws InputError E_OPTION for a non-finite seed, a scale outside (0, 200] or a bad year.
 */
export function generateScenario(seed: number, options: ScenarioOptions = {}): Scenario {
  const { scale, currentYear } = checkOptions(seed, options);
  const geo = getGeography();
  const root = createRng(seed);

  // Population and GDP of the regions.
  const popRng = root.fork();
  const province = new Map(PROVINCES.map((p) => [p[0], p]));
  const population = new Float64Array(geo.regions.length);
  const gdp = new Float64Array(geo.regions.length);
  geo.regions.forEach((r, i) => {
    const [, , density, gdpPerHead] = province.get(r.province.slice(0, 2))!;
    const base = density * r.areaKm2 * r.landFraction * KIND_FACTOR[r.kind] + KIND_BONUS[r.kind];
    population[i] = Math.round(base * Math.exp(0.08 * popRng.normal()));
    gdp[i] = Math.round(population[i] * gdpPerHead * KIND_GDP[r.kind] * Math.exp(0.1 * popRng.normal()));
  });
  const placeWord = geo.regions.map((r) => (r.kind === 'district' ? shortPlaceName(r.prefectureName) : shortPlaceName(r.name)));

  const ctx = new Context(geo, scale, currentYear, population, placeWord);
  for (const p of PARKS) ctx.addPark(p.id, p.name, p.level, p.designated, [...p.center], p.radiusKm);
  const planted: Registry = new Map();
  for (const entry of STRUCTURES) plantStructure(ctx, root.fork(), entry, planted);
  plantDispersed(ctx, root.fork());
  plantBackground(ctx, root.fork());
  runTies(ctx, root.fork(), CROSS_CLUSTER_TIES, undefined, planted);
  const ioRng = root.fork();
  ctx.seal();

  const regionCodes = geo.regions.map((r) => r.code);
  const f = ctx.f;
  const firms = new FirmTable(
    {
      industry: f.industry.finish(), lon: f.lon.finish(), lat: f.lat.finish(), region: f.region.finish(), employees: f.employees.finish(),
      revenue: f.revenue.finish(), output: f.output.finish(), founded: f.founded.finish(), ownership: f.ownership.finish(),
      parent: f.parent.finish(), patents: f.patents.finish(), rdSpend: f.rdSpend.finish(), exports: f.exports.finish(),
      park: f.park.finish(), functions: f.functions.finish(), brand: f.brand.finish(), structure: f.structure.finish(),
      role: f.role.finish(), nameKey: f.nameKey.finish(),
    },
    {
      industryCodes: INDUSTRIES.map((d) => d.code), regionCodes, parkIds: ctx.parks.map((p) => p.id), brands: ctx.brands,
      name: makeFirmNamer((r) => placeWord[r], ctx.specialNames),
    },
  );
  const l = ctx.l;
  const links = new LinkTable({ source: l.source.finish(), target: l.target.finish(), type: l.type.finish(), value: l.value.finish(), year: l.year.finish() });

  const regions: Region[] = geo.regions.map((r, i) => ({
    code: r.code, name: r.name, parent: r.prefecture, level: 'county', population: population[i], gdp: gdp[i],
    geometry: { type: 'Polygon', coordinates: [r.ring] },
  }));
  const admin = new Map<string, Region>();
  geo.regions.forEach((r, i) => {
    for (const [code, name, parent, level] of [[r.prefecture, r.prefectureName, r.province, 'prefecture'], [r.province, r.provinceName, undefined, 'province']] as const) {
      let a = admin.get(code);
      if (!a) {
        a = { code, name, level, population: 0, gdp: 0 };
        if (parent !== undefined) a.parent = parent;
        admin.set(code, a);
      }
      a.population! += population[i];
      a.gdp! += gdp[i];
    }
  });
  const adminAreas = [...admin.values()].sort((a, b) => (a.code < b.code ? -1 : 1));

  const parks: Park[] = ctx.parks.map((p) => ({
    id: p.id, name: p.name, level: p.level, designated: p.designated, region: regionCodes[p.region],
    geometry: { type: 'Polygon', coordinates: [p.ring] },
  }));
  const institutions: Institution[] = ctx.institutions.map(({ structure: _s, ...inst }) => inst);

  // Truth: who is where.
  const S = ctx.structures.length;
  const counts = ctx.structures.map(() => new Map<number, { n: number; output: number }>());
  const totals = ctx.structures.map(() => ({ n: 0, output: 0 }));
  const partners = new Int32Array(S);
  for (let i = 0; i < firms.length; i++) {
    const s = f.structure.data[i];
    if (s >= 0 && f.role.data[i] === ROLE.external) partners[s]++;
    for (let k = 0; k < S; k++) {
      const filter = ctx.structures[k].firmFilter;
      const member = filter ? filter(i) : s === k && f.role.data[i] !== ROLE.external;
      if (!member) continue;
      const r = f.region.data[i];
      const c = counts[k].get(r) ?? { n: 0, output: 0 };
      c.n++;
      c.output += f.output.data[i];
      counts[k].set(r, c);
      totals[k].n++;
      totals[k].output += f.output.data[i];
    }
  }
  const structures: TruthStructure[] = ctx.structures.map((d, k) => {
    const t = d.truth;
    let regionList = [...counts[k].entries()]
      .filter(([, c]) => c.n >= 0.05 * totals[k].n || c.output >= 0.05 * totals[k].output)
      // Most firms first; for an aspatial concentration, most output first (where the leaders sit).
      .sort((a, b) => (t.label === 'concentration_only' ? b[1].output - a[1].output : b[1].n - a[1].n) || (regionCodes[a[0]] < regionCodes[b[0]] ? -1 : 1))
      .map(([r]) => regionCodes[r]);
    if (t.groups) regionList = t.groups.map((g) => g.hubRegion);
    const out: TruthStructure = {
      id: t.id, name: t.name, label: t.label, stage: t.stage, radiation: t.radiation, typology: t.typology,
      industries: t.industries, supportIndustries: t.supportIndustries,
      place: { regions: regionList, park: t.place.park, center: t.place.center, radiusKm: t.place.radiusKm },
      firmCount: totals[k].n,
      institutions: t.institutions, growth: t.growth, regionalBrand: t.regionalBrand, why: t.why,
    };
    if (partners[k] > 0) out.partnerFirmCount = partners[k];
    if (t.groups) out.groups = t.groups;
    if (t.chainStages) out.chainStages = t.chainStages;
    if (t.chainDistancesKm) out.chainDistancesKm = t.chainDistancesKm;
    if (t.concentration) out.concentration = t.concentration;
    return out;
  });
  const truth: ScenarioTruth = {
    generator: SCENARIO_GENERATOR, seed, scale, currentYear, years: [ctx.firstYear, ctx.lastYear], structures,
  };

  const regionalStats = buildRegionalStats(ctx);
  const ioTable = buildIoTable(ctx, ioRng);
  return {
    seed, scale, currentYear, bbox: [...geo.bbox] as [number, number, number, number],
    firms, institutions, links, regions, adminAreas, parks, regionalStats, chainTemplates: chainTemplates(), ioTable, truth,
    counts: {
      firms: firms.length, institutions: institutions.length, links: links.length, regions: regions.length, parks: parks.length,
      regionalStats: regionalStats.length,
    },
  };
}
