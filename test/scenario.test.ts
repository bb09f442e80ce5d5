/**
 * The demo scenario: determinism to the byte, seed sensitivity, valid codes, geometry that agrees
 * with the coordinates, link ends that exist, a project file that parses, ground truth that covers
 * every kind of structure, and planted structures that really look like what the truth says.
 *
 * Most checks read the written files (what a user gets), not the in-memory objects.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAtlasError } from '../src/core/errors.js';
import { GBT_DIVISIONS } from '../src/model/classifications/gbt4754-2017.js';
import { ChainTemplate, Firm, Institution, IOTable, Link, LinkType, Park, Project, Region, RegionalStat } from '../src/model/index.js';
import { generateScenario, writeScenario, type Scenario, type ScenarioTruth } from '../src/scenario/index.js';
import { SHARED_DATA } from './shared-data.js';

/** Full copy of GB/T 4754-2017 (read only; never copied into the repo). */
const SHARED = SHARED_DATA;
const GBT_CSV = join(SHARED, 'gbt4754-2017', 'gbt4754_2017_codes.csv');

const scratch = mkdtempSync(join(tmpdir(), 'cluster-atlas-scenario-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Great-circle distance in km (haversine, mean Earth radius 6371.0088 km). */
function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dPhi = (lat2 - lat1) * rad;
  const dLambda = (lon2 - lon1) * rad;
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLambda / 2) ** 2;
  return 2 * 6371.0088 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

/** Even–odd ray casting (a point on no edge: the generator keeps points 1e-5° off every edge). */
function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A CSV without quoted cells (the scenario writes none; asserted below) as header + rows. */
function readCsv(path: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(path, 'utf8');
  expect(text.includes('"')).toBe(false);
  const lines = text.split('\n');
  expect(lines.pop()).toBe('');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function column(t: { header: string[]; rows: string[][] }, name: string): string[] {
  const k = t.header.indexOf(name);
  expect(k, `column ${name}`).toBeGreaterThanOrEqual(0);
  return t.rows.map((r) => r[k]);
}

const VERTICAL = ['0113', '1329', '0531', '0313', '1351', '1353', '5224'];
const SUPPORT = ['3532', '2750', '5930', '5432', '2319'];

describe('generateScenario + writeScenario', () => {
  let scenario: Scenario;
  let dir: string;
  let truth: ScenarioTruth;
  let firms: { header: string[]; rows: string[][] };
  let firmIndex: Map<string, number>;
  let membership: Map<string, { structure: string; role: string }>;

  beforeAll(async () => {
    scenario = generateScenario(42, { scale: 1 });
    dir = join(scratch, 'seed42');
    await writeScenario(scenario, dir);
    truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
    firms = readCsv(join(dir, 'firms.csv'));
    firmIndex = new Map(column(firms, '企业代码').map((id, i) => [id, i]));
    const tf = readCsv(join(dir, 'truth_firms.csv'));
    membership = new Map(tf.rows.map(([id, structure, role]) => [id, { structure, role }]));
  });

  it('writes every promised file and about 20,000 firms at scale 1', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'README.md', 'categories.csv', 'categories_related.csv', 'chain_templates.json', 'cluster-atlas.json', 'firms.csv', 'institutions.csv', 'io_sector_map.csv', 'io_table.csv',
      'links.csv', 'parks.geojson', 'regional_stats.csv', 'regions.geojson', 'truth.json', 'truth_firms.csv',
    ]);
    expect(scenario.firms.length).toBeGreaterThan(17000);
    expect(scenario.firms.length).toBeLessThan(23000);
    expect(firms.rows.length).toBe(scenario.firms.length);
    expect(scenario.counts.links).toBeGreaterThan(scenario.firms.length * 0.8);
  });

  it('is byte-identical for the same seed and options, and differs for another seed', async () => {
    const a = join(scratch, 'det-a');
    const b = join(scratch, 'det-b');
    const c = join(scratch, 'det-c');
    await writeScenario(generateScenario(7, { scale: 0.25, currentYear: 2025 }), a);
    await writeScenario(generateScenario(7, { scale: 0.25 }), b);
    await writeScenario(generateScenario(8, { scale: 0.25 }), c);
    const names = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
    for (const name of ['firms.csv', 'links.csv', 'regional_stats.csv', 'institutions.csv', 'truth.json', 'io_table.csv', 'regions.geojson']) {
      expect(readFileSync(join(c, name)).equals(readFileSync(join(a, name))), name).toBe(false);
    }
  });

  it('uses 4-digit GB/T 4754-2017 codes whose division exists', () => {
    const divisions = new Set(GBT_DIVISIONS.map((d) => d[0]));
    const codes = new Set([
      ...column(firms, '行业代码'),
      ...scenario.institutions.flatMap((x) => (x.industry ? [x.industry] : [])),
      ...scenario.chainTemplates.flatMap((t) => t.stages.flatMap((s) => s.industries)),
      ...scenario.ioTable.sectors.flatMap((s) => s.industries ?? []),
      ...truth.structures.flatMap((s) => [...s.industries, ...s.supportIndustries]),
    ]);
    for (const code of codes) {
      expect(code).toMatch(/^\d{4}$/);
      expect(divisions.has(code.slice(0, 2)), code).toBe(true);
    }
  });

  it.skipIf(!existsSync(GBT_CSV))('uses only classes listed in the full GB/T 4754-2017 table', () => {
    const classes = new Set(
      readFileSync(GBT_CSV, 'utf8').split('\n').slice(1).filter((l) => l.startsWith('4,')).map((l) => l.split(',')[5]),
    );
    expect(classes.size).toBeGreaterThan(1300);
    const used = new Set([
      ...column(firms, '行业代码'),
      ...scenario.chainTemplates.flatMap((t) => t.stages.flatMap((s) => s.industries)),
    ]);
    for (const code of used) expect(classes.has(code), code).toBe(true);
  });

  it('puts every firm, institution and park inside the polygon of its region', () => {
    const geo = JSON.parse(readFileSync(join(dir, 'regions.geojson'), 'utf8'));
    const rings = new Map<string, number[][]>();
    for (const f of geo.features) {
      expect(f.geometry.type).toBe('Polygon');
      const ring = f.geometry.coordinates[0] as number[][];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      rings.set(f.properties.code, ring);
    }
    expect(rings.size).toBe(geo.features.length);
    const [minLon, minLat, maxLon, maxLat] = scenario.bbox;
    const lon = column(firms, '经度').map(Number);
    const lat = column(firms, '纬度').map(Number);
    const region = column(firms, '区划代码');
    let outside = 0;
    for (let i = 0; i < lon.length; i++) {
      expect(lon[i] > minLon && lon[i] < maxLon && lat[i] > minLat && lat[i] < maxLat).toBe(true);
      const ring = rings.get(region[i]);
      expect(ring, region[i]).toBeDefined();
      if (!inRing(ring!, lon[i], lat[i])) outside++;
    }
    expect(outside).toBe(0);
    for (const x of scenario.institutions) expect(inRing(rings.get(x.region!)!, x.lon!, x.lat!), x.id).toBe(true);
    for (const p of scenario.parks) {
      const ring = (p.geometry as { coordinates: number[][][] }).coordinates[0];
      for (const [x, y] of ring) expect(inRing(rings.get(p.region!)!, x, y), p.id).toBe(true);
    }
  });

  it('puts park firms inside their park, and no other firm inside a park', () => {
    const geo = JSON.parse(readFileSync(join(dir, 'parks.geojson'), 'utf8'));
    const rings = new Map<string, number[][]>(geo.features.map((f: any) => [f.properties.id, f.geometry.coordinates[0]]));
    const lon = column(firms, '经度').map(Number);
    const lat = column(firms, '纬度').map(Number);
    const park = column(firms, '所在园区');
    const wrong: string[] = [];
    for (let i = 0; i < lon.length; i++) {
      for (const [id, ring] of rings) if (inRing(ring, lon[i], lat[i]) !== (park[i] === id)) wrong.push(`${i}:${id}`);
    }
    expect(wrong).toEqual([]);
  });

  it('links only firms and institutions that exist, with known types', () => {
    const ids = new Set([...firmIndex.keys(), ...scenario.institutions.map((x) => x.id)]);
    const links = readCsv(join(dir, 'links.csv'));
    expect(links.header).toEqual(['source', 'target', 'type', 'value', 'year']);
    const types = new Set<string>(LinkType.options);
    const bad = links.rows.filter(([source, target, type, value, year]) =>
      !ids.has(source) || !ids.has(target) || source === target || !types.has(type)
      || (type === 'spinoff' ? value !== '' : !(Number(value) > 0)) || !(Number(year) <= 2024));
    expect(bad).toEqual([]);
    expect(new Set(links.rows.map((r) => r[2]))).toEqual(types);
    const parents = column(firms, '母公司代码').filter((p) => p !== '');
    for (const p of parents) expect(firmIndex.has(p)).toBe(true);
  });

  it('writes a project file that parses and maps columns the files have', () => {
    const project = Project.parse(JSON.parse(readFileSync(join(dir, 'cluster-atlas.json'), 'utf8')));
    expect(project.industryCodeSystem).toBe('GB/T 4754-2017');
    expect(project.crs).toBe('WGS84');
    expect(project.inputs.firms!.units?.revenue).toBe('万元');
    for (const spec of Object.values(project.inputs)) {
      if (!spec) continue;
      expect(existsSync(join(dir, spec.file)), spec.file).toBe(true);
      if (spec.file.endsWith('.csv')) {
        const header = readFileSync(join(dir, spec.file), 'utf8').split('\n', 1)[0].split(',');
        for (const col of Object.values(spec.columns)) expect(header, spec.file).toContain(col);
      }
    }
    // Chinese values in the firm file are all mapped.
    const own = new Set(column(firms, '所有制'));
    for (const v of own) expect(Object.keys(project.inputs.firms!.values!.ownership)).toContain(v);
    const fns = new Set(column(firms, '业务环节').flatMap((v) => (v ? v.split(';') : [])));
    for (const v of fns) expect(Object.keys(project.inputs.firms!.values!.functions)).toContain(v);
  });

  it('produces objects that the model schemas accept', () => {
    for (let i = 0; i < scenario.firms.length; i += 97) expect(Firm.safeParse(scenario.firms.get(i)).success).toBe(true);
    for (const x of scenario.institutions) expect(Institution.safeParse(x).success).toBe(true);
    for (let i = 0; i < scenario.links.length; i += 101) expect(Link.safeParse(scenario.links.get(i)).success).toBe(true);
    for (const r of [...scenario.regions, ...scenario.adminAreas]) expect(Region.safeParse(r).success).toBe(true);
    for (const p of scenario.parks) expect(Park.safeParse(p).success).toBe(true);
    for (let i = 0; i < scenario.regionalStats.length; i += 211) expect(RegionalStat.safeParse(scenario.regionalStats.get(i)).success).toBe(true);
    expect(IOTable.safeParse(scenario.ioTable).success).toBe(true);
    const templates = JSON.parse(readFileSync(join(dir, 'chain_templates.json'), 'utf8'));
    for (const t of templates) expect(ChainTemplate.safeParse(t).success).toBe(true);
  });

  it('writes regional statistics that agree with the firms', () => {
    const stats = readCsv(join(dir, 'regional_stats.csv'));
    expect(stats.header).toEqual(['region', 'industry', 'year', 'employment', 'output', 'establishments']);
    const last = new Map<string, { emp: number; est: number }>();
    const years = new Set<number>();
    for (const [region, industry, year, employment, , establishments] of stats.rows) {
      years.add(Number(year));
      if (year !== '2024') continue;
      last.set(`${region}|${industry}`, { emp: Number(employment), est: Number(establishments) });
    }
    expect(Math.min(...years)).toBe(2015);
    expect(Math.max(...years)).toBe(2024);
    const fromFirms = new Map<string, { emp: number; est: number }>();
    const region = column(firms, '区划代码');
    const industry = column(firms, '行业代码');
    const employees = column(firms, '从业人员').map(Number);
    for (let i = 0; i < region.length; i++) {
      const k = `${region[i]}|${industry[i]}`;
      const c = fromFirms.get(k) ?? { emp: 0, est: 0 };
      c.emp += employees[i];
      c.est += 1;
      fromFirms.set(k, c);
    }
    expect(last.size).toBe(fromFirms.size);
    for (const [k, c] of fromFirms) expect(last.get(k), k).toEqual(c);
  });

  it('writes a square IO table whose rows balance', () => {
    const io = readCsv(join(dir, 'io_table.csv'));
    const sectors = io.rows.map((r) => r[0]);
    expect(io.header).toEqual(['sector', ...sectors, 'final_demand', 'total_output']);
    for (const row of io.rows) {
      const z = row.slice(1, 1 + sectors.length).map(Number);
      const f = Number(row[1 + sectors.length]);
      const x = Number(row[2 + sectors.length]);
      for (const v of z) expect(v).toBeGreaterThan(0);
      expect(f).toBeGreaterThan(0);
      expect(Math.abs(z.reduce((a, b) => a + b, 0) + f - x)).toBeLessThan(1e-6 * x);
    }
  });

  it('has ground truth for every kind of structure', () => {
    const labels = new Set(truth.structures.map((s) => s.label));
    for (const label of ['cluster', 'park_hosting_cluster', 'park_without_cluster', 'agglomeration_without_cluster', 'chain_without_agglomeration', 'concentration_only']) {
      expect(labels.has(label as never), label).toBe(true);
    }
    const institutionIds = new Set(scenario.institutions.map((x) => x.id));
    const parkIds = new Set(scenario.parks.map((p) => p.id));
    const regionCodes = new Set(scenario.regions.map((r) => r.code));
    for (const s of truth.structures) {
      expect(s.name.zh.length).toBeGreaterThan(0);
      expect(s.name.en.length).toBeGreaterThan(0);
      expect(s.why.zh.length).toBeGreaterThan(20);
      expect(['concentration', 'agglomeration', 'cluster', null]).toContain(s.stage);
      expect(['receiving', 'inward', 'outward', null]).toContain(s.radiation);
      for (const id of s.institutions) expect(institutionIds.has(id)).toBe(true);
      if (s.place.park !== null) expect(parkIds.has(s.place.park)).toBe(true);
      expect(s.place.regions.length).toBeGreaterThan(0);
      for (const r of s.place.regions) expect(regionCodes.has(r)).toBe(true);
      expect(s.firmCount).toBeGreaterThan(0);
    }
    // True clusters come with institutions; the others without (or with one association at most).
    for (const s of truth.structures) {
      if (s.label === 'cluster' || s.label === 'park_hosting_cluster') expect(s.institutions.length, s.id).toBeGreaterThan(0);
      else expect(s.institutions.length, s.id).toBeLessThanOrEqual(1);
    }
    const clusters = truth.structures.filter((s) => s.label === 'cluster');
    expect(new Set(clusters.map((s) => s.radiation))).toEqual(new Set(['receiving', 'inward', 'outward']));
  });

  it('gives each of the seven pork groups every vertical stage and support within 200 km of its hub', () => {
    const pork = truth.structures.find((s) => s.id === 'pork-regional-clusters')!;
    expect(pork.groups!.map((g) => g.name.en.split(' ')[0])).toEqual(['Northeast', 'North', 'Central', 'Northwest', 'South', 'Southwest', 'East']);
    const lon = column(firms, '经度').map(Number);
    const lat = column(firms, '纬度').map(Number);
    const industry = column(firms, '行业代码');
    const ids = column(firms, '企业代码');
    const porkFirms = ids.map((id, i) => [id, i] as const).filter(([id]) => membership.get(id)?.structure === pork.id).map(([, i]) => i);
    for (const g of pork.groups!) {
      expect(g.radiusKm).toBe(200);
      const within = new Set(porkFirms.filter((i) => haversine(g.hub[0], g.hub[1], lon[i], lat[i]) <= 200).map((i) => industry[i]));
      for (const code of [...VERTICAL, ...SUPPORT]) expect(within.has(code), `${g.id} ${code}`).toBe(true);
      for (const id of g.leaderPlants) expect(haversine(g.hub[0], g.hub[1], lon[firmIndex.get(id)!], lat[firmIndex.get(id)!])).toBeLessThan(200);
    }
    // Every firm of the network belongs to some group's 200 km circle.
    for (const i of porkFirms) expect(pork.groups!.some((g) => haversine(g.hub[0], g.hub[1], lon[i], lat[i]) < 200)).toBe(true);
  });

  it('plants structures that look like their labels', () => {
    const lon = column(firms, '经度').map(Number);
    const lat = column(firms, '纬度').map(Number);
    const park = column(firms, '所在园区');
    const ownership = column(firms, '所有制');
    const links = readCsv(join(dir, 'links.csv'));
    const of = (id: string) => membership.get(id)?.structure;
    const stats = new Map<string, { ties: number; local: number; far: number; internal: number }>();
    const parkTies = new Map<string, { ties: number; far: number }>();
    for (const [source, target] of links.rows) {
      const a = firmIndex.get(source);
      const b = firmIndex.get(target);
      if (a === undefined || b === undefined) continue;
      const d = haversine(lon[a], lat[a], lon[b], lat[b]);
      for (const s of new Set([of(source), of(target)])) {
        if (!s) continue;
        const c = stats.get(s) ?? { ties: 0, local: 0, far: 0, internal: 0 };
        c.ties++;
        if (d < 50) c.local++;
        if (d > 200) c.far++;
        if (of(source) === of(target)) c.internal++;
        stats.set(s, c);
      }
      for (const p of new Set([park[a], park[b]])) {
        if (!p) continue;
        const c = parkTies.get(p) ?? { ties: 0, far: 0 };
        c.ties++;
        if (d > 200) c.far++;
        parkTies.set(p, c);
      }
    }
    const byId = new Map(truth.structures.map((s) => [s.id, s]));
    for (const s of truth.structures.filter((x) => x.label === 'cluster' && !x.groups)) {
      const c = stats.get(s.id)!;
      expect(c.internal / s.firmCount, s.id).toBeGreaterThan(0.5);
      expect(c.local / c.ties, s.id).toBeGreaterThan(0.8);
    }
    // Agglomeration without cluster: no ties at all.
    expect(stats.get('xianghe-furniture')).toBeUndefined();
    // Park without cluster: foreign firms whose ties leave the place.
    const ks = byId.get('kunshan-electronics-park')!;
    expect(parkTies.get(ks.place.park!)!.far / parkTies.get(ks.place.park!)!.ties).toBeGreaterThan(0.9);
    const ksFirms = park.map((p, i) => [p, i] as const).filter(([p]) => p === ks.place.park).map(([, i]) => i);
    expect(ksFirms.filter((i) => ownership[i] === '外资').length / ksFirms.length).toBeGreaterThan(0.6);
    // Park hosting a cluster: its firms are tied to nearby firms.
    const kq = byId.get('keqiao-dyeing-park')!;
    const kqTies = parkTies.get(kq.place.park!)!;
    expect(kqTies.ties / kq.firmCount).toBeGreaterThan(2);
    expect(kqTies.far / kqTies.ties).toBeLessThan(0.1);
    // Chain without agglomeration: stages hundreds of km apart, ties spanning them.
    const chain = byId.get('fibre-knitwear-chain')!;
    for (const d of chain.chainDistancesKm!) expect(d).toBeGreaterThan(400);
    expect(stats.get(chain.id)!.far).toBe(stats.get(chain.id)!.ties);
    // Concentration only: three groups hold most of the output; their ties are mostly far away.
    const conc = byId.get('qingdao-style-appliances')!;
    expect(conc.concentration!.cr3Groups).toBeGreaterThan(0.6);
    expect(stats.get(conc.id)!.far / stats.get(conc.id)!.ties).toBeGreaterThan(0.8);
  });
});

describe('generateScenario options', () => {
  it('rejects bad options with E_OPTION', () => {
    for (const bad of [() => generateScenario(Number.NaN), () => generateScenario(1, { scale: 0 }), () => generateScenario(1, { scale: -2 }), () => generateScenario(1, { currentYear: 2020.5 })]) {
      let err: unknown;
      try {
        bad();
      } catch (e) {
        err = e;
      }
      expect(isAtlasError(err) && err.code).toBe('E_OPTION');
    }
  });

  it('takes "now" from currentYear, never from the clock', () => {
    for (const currentYear of [2031, 2012]) {
      const s = generateScenario(3, { scale: 0.05, currentYear });
      expect(s.truth.years).toEqual([currentYear - 10, currentYear - 1]);
      expect(Math.max(...s.firms.columns.founded)).toBeLessThanOrEqual(currentYear - 1);
      const years = new Set(Array.from(s.regionalStats.columns.year));
      expect(Math.min(...years)).toBe(currentYear - 10);
      expect(Math.max(...years)).toBe(currentYear - 1);
      expect(Math.max(...s.links.columns.year)).toBeLessThanOrEqual(currentYear - 1);
    }
  });
});
