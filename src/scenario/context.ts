/**
 * The generator's working state: growable firm and link columns, institutions, parks, the
 * structures being planted, and the helpers every planting step uses (placing points, sizing
 * firms, adding ties). Its vocabulary (codes, drafts, columns) is in drafts.ts; weighted drawing
 * of partners in picker.ts.
 */
import { InternalError } from '../core/errors.js';
import { haversineKm } from '../core/geo/haversine-km.js';
import type { Rng } from '../core/rng.js';
import type { InstitutionType } from '../model/institution.js';
import type { ParkLevel } from '../model/park.js';
import {
  firmColumns, linkColumns, type FirmParams, type InstitutionDraft, type Located, type ParkDraft, type StructureDraft, type StructureSpec,
} from './drafts.js';
import { kmPerDegree, type Geography } from './geography.js';
import { INDUSTRIES, industryIndex } from './industries.js';
import { drawCumulative } from './picker.js';
import { institutionId } from './tables.js';

const round1 = (v: number): number => Math.round(v * 10) / 10;
export const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

export class Context {
  readonly geo: Geography;
  readonly scale: number;
  readonly currentYear: number;
  /** Last year the data describe (currentYear − 1). */
  readonly lastYear: number;
  readonly firstYear: number;
  readonly population: Float64Array;
  /** Place word used in firm names, per region. */
  readonly placeWord: string[];

  readonly f: ReturnType<typeof firmColumns>;
  readonly l: ReturnType<typeof linkColumns>;
  readonly specialNames = new Map<number, string>();
  readonly brands: string[] = [];
  private readonly brandIndex = new Map<string, number>();
  readonly institutions: InstitutionDraft[] = [];
  readonly parks: ParkDraft[] = [];
  readonly structures: StructureDraft[] = [];
  private popCumulative: Float64Array;

  constructor(geo: Geography, scale: number, currentYear: number, population: Float64Array, placeWord: string[]) {
    this.geo = geo;
    this.scale = scale;
    this.currentYear = currentYear;
    this.lastYear = currentYear - 1;
    this.firstYear = currentYear - 10;
    this.population = population;
    this.placeWord = placeWord;
    // About 20,000 firms and 32,000 links per unit of scale; columns grow if needed.
    this.f = firmColumns(Math.ceil(21000 * scale));
    this.l = linkColumns(Math.ceil(34000 * scale));
    this.popCumulative = new Float64Array(population.length);
    let s = 0;
    for (let i = 0; i < population.length; i++) {
      s += population[i];
      this.popCumulative[i] = s;
    }
  }

  private nFirms = 0;
  private nLinks = 0;

  get firmCount(): number {
    return this.nFirms;
  }

  /** A base count at scale 1, scaled (at least `min`). */
  n(base: number, min = 1): number {
    return Math.max(min, Math.round(base * this.scale));
  }

  /** A count that grows with √scale (leaders, chain plants): their number is not what scale is about. */
  nSqrt(base: number, min = 1): number {
    return Math.max(min, Math.round(base * Math.sqrt(this.scale)));
  }

  brand(name: string): number {
    let i = this.brandIndex.get(name);
    if (i === undefined) {
      i = this.brands.length;
      this.brands.push(name);
      this.brandIndex.set(name, i);
    }
    return i;
  }

  addStructure(spec: StructureSpec, firmFilter?: (i: number) => boolean): number {
    const { park, center, radiusKm, ...rest } = spec;
    this.structures.push({
      truth: {
        id: rest.id,
        name: rest.name,
        label: rest.label,
        stage: rest.stage,
        radiation: rest.radiation,
        typology: rest.typology,
        industries: rest.industries,
        supportIndustries: rest.supportIndustries,
        place: { park, center, radiusKm },
        institutions: [],
        growth: rest.growth,
        regionalBrand: rest.regionalBrand,
        why: rest.why,
      },
      firmFilter,
    });
    return this.structures.length - 1;
  }

  // ---------------------------------------------------------------- placing points

  /** True when the point is within a park's circumscribed circle (plus 200 m). */
  private nearPark(lon: number, lat: number): boolean {
    for (const p of this.parks) {
      const k = kmPerDegree(p.center[1]);
      const dx = (lon - p.center[0]) * k.lon;
      const dy = (lat - p.center[1]) * k.lat;
      if (dx * dx + dy * dy < (p.radiusKm + 0.2) ** 2) return true;
    }
    return false;
  }

  /** Rounded, on land, in a region, and — unless placing a park's firm — outside every park. */
  private locateRounded(lon: number, lat: number, hint: number, inPark = false): Located | undefined {
    const x = round6(lon);
    const y = round6(lat);
    if (!this.geo.isLand(x, y)) return undefined;
    if (!inPark && this.nearPark(x, y)) return undefined;
    const region = this.geo.locate(x, y, hint);
    return region < 0 ? undefined : { lon: x, lat: y, region };
  }

  private hintFor(lon: number, lat: number): number {
    return Math.max(0, this.geo.locate(lon, lat));
  }

  /** Normal scatter (σ km) around a centre, truncated at maxKm, on land. */
  placeNear(rng: Rng, center: readonly [number, number], sigmaKm: number, maxKm: number): Located {
    const k = kmPerDegree(center[1]);
    const hint = this.hintFor(center[0], center[1]);
    for (let tries = 0; tries < 500; tries++) {
      const dx = rng.normal() * sigmaKm;
      const dy = rng.normal() * sigmaKm;
      if (dx * dx + dy * dy > maxKm * maxKm) continue;
      const p = this.locateRounded(center[0] + dx / k.lon, center[1] + dy / k.lat, hint);
      if (p) return p;
    }
    throw new InternalError(`scenario: cannot place a point near ${center.join(',')}`);
  }

  /**
   * A point in the disc of radius maxKm (great-circle, strictly inside) around a centre, on
   * land; `shape` < 1 pulls points towards the centre (0.5 = uniform over the disc's area).
   */
  placeInDisc(rng: Rng, center: readonly [number, number], maxKm: number, shape = 0.5): Located {
    const k = kmPerDegree(center[1]);
    const hint = this.hintFor(center[0], center[1]);
    for (let tries = 0; tries < 500; tries++) {
      const r = maxKm * Math.pow(rng.next(), shape);
      const a = rng.next() * 2 * Math.PI;
      const p = this.locateRounded(center[0] + (r * Math.cos(a)) / k.lon, center[1] + (r * Math.sin(a)) / k.lat, hint);
      if (p && haversineKm(center[0], center[1], p.lon, p.lat) < maxKm) return p;
    }
    throw new InternalError(`scenario: cannot place a point in the disc around ${center.join(',')}`);
  }

  /** A point in a region, scattered around its seat. */
  placeInRegion(rng: Rng, region: number): Located {
    const r = this.geo.regions[region];
    const sigmaKm = 0.35 * Math.sqrt((r.areaKm2 * r.landFraction) / Math.PI);
    const k = kmPerDegree(r.lat);
    for (let tries = 0; tries < 60; tries++) {
      const p = this.locateRounded(r.lon + (rng.normal() * sigmaKm) / k.lon, r.lat + (rng.normal() * sigmaKm) / k.lat, region);
      if (p && p.region === region) return p;
    }
    if (this.nearPark(r.lon, r.lat)) throw new InternalError(`scenario: region ${r.code} has no room outside its park`);
    return { lon: r.lon, lat: r.lat, region };
  }

  /** A region drawn with probability proportional to population. */
  regionByPopulation(rng: Rng): number {
    return drawCumulative(rng, this.popCumulative);
  }

  /** A point inside a park (uniform over 85 % of its radius). */
  placeInPark(rng: Rng, park: number): Located {
    const p = this.parks[park];
    const k = kmPerDegree(p.center[1]);
    for (let tries = 0; tries < 200; tries++) {
      const r = 0.85 * p.radiusKm * Math.sqrt(rng.next());
      const a = rng.next() * 2 * Math.PI;
      const loc = this.locateRounded(p.center[0] + (r * Math.cos(a)) / k.lon, p.center[1] + (r * Math.sin(a)) / k.lat, p.region, true);
      if (loc && loc.region === p.region) return loc;
    }
    throw new InternalError(`scenario: cannot place a point in park ${p.id}`);
  }

  /** Add a park: an octagon of radius km around a centre, wholly inside one region. */
  addPark(id: string, name: string, level: ParkLevel, designated: number, center: [number, number], radiusKm: number): number {
    const k = kmPerDegree(center[1]);
    const region = this.geo.locate(center[0], center[1]);
    const ring: [number, number][] = [];
    for (let v = 0; v < 8; v++) {
      const a = (v * Math.PI) / 4 + Math.PI / 8;
      const pt: [number, number] = [round6(center[0] + (radiusKm * Math.cos(a)) / k.lon), round6(center[1] + (radiusKm * Math.sin(a)) / k.lat)];
      if (this.geo.locate(pt[0], pt[1], region) !== region) throw new InternalError(`scenario: park ${id} crosses the edge of its region`);
      ring.push(pt);
    }
    ring.push([ring[0][0], ring[0][1]]);
    this.parks.push({ id, name, level, designated, region, center, radiusKm, ring });
    return this.parks.length - 1;
  }

  // ---------------------------------------------------------------- firms

  /** Log-normal size, rounded, clamped to [min, max]. */
  size(rng: Rng, median: number, sigma: number, min = 1, max = 200000): number {
    return Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * rng.normal()))));
  }

  /** Size drawn log-uniformly between lo and hi. */
  sizeBetween(rng: Rng, lo: number, hi: number): number {
    return Math.round(lo * Math.pow(hi / lo, rng.next()));
  }

  /** Founding year, triangular on [start, lastYear] with the given mode. */
  founded(rng: Rng, start: number, mode: number, end = this.lastYear): number {
    const a = start;
    const b = Math.max(end, start + 1);
    const c = Math.min(Math.max(mode, a), b);
    const u = rng.next();
    const fc = (c - a) / (b - a);
    const v = u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    return Math.min(end, Math.max(start, Math.round(v)));
  }

  /** Index into OWNERSHIPS drawn from weights [local, external_domestic, foreign, state]. */
  ownership(rng: Rng, w: readonly [number, number, number, number]): number {
    const u = rng.next() * (w[0] + w[1] + w[2] + w[3]);
    let acc = 0;
    for (let i = 0; i < 4; i++) {
      acc += w[i];
      if (u < acc) return i;
    }
    return 0;
  }

  addFirm(rng: Rng, p: FirmParams): number {
    const ind = industryIndex(p.code);
    const info = INDUSTRIES[ind];
    const employees = Math.max(1, Math.round(p.employees));
    let revenue: number;
    let output: number;
    if (p.output !== undefined) {
      output = p.output;
      revenue = output * (1 + 0.08 * rng.next());
    } else {
      revenue = employees * info.productivity * Math.exp(0.3 * rng.normal());
      if (info.kind === 'trade') output = revenue * (0.12 + 0.13 * rng.next());
      else if (info.kind === 'service') output = revenue;
      else output = revenue * (0.9 + 0.15 * rng.next());
    }
    revenue = Math.max(0.1, round1(revenue));
    output = Math.max(0.1, round1(output));
    const exportShare = p.exportShare ?? 0;
    const exports = exportShare > 0 ? round1(Math.min(revenue, revenue * exportShare * (0.4 + 1.2 * rng.next()))) : 0;
    const rdSpend = p.rd && rng.next() < (p.rdProb ?? 1) ? round1(revenue * p.rd * (0.5 + rng.next())) : 0;
    const patents = p.patentRate ? Math.round((employees / 100) * p.patentRate * (0.2 + 1.6 * rng.next())) : 0;
    const f = this.f;
    const i = this.nFirms++;
    if (i >= f.industry.data.length) for (const col of Object.values(f)) col.reserve(i + 1);
    f.industry.data[i] = ind;
    f.lon.data[i] = p.at.lon;
    f.lat.data[i] = p.at.lat;
    f.region.data[i] = p.at.region;
    f.employees.data[i] = employees;
    f.revenue.data[i] = revenue;
    f.output.data[i] = output;
    f.founded.data[i] = Math.min(p.founded, this.lastYear);
    f.ownership.data[i] = p.ownership;
    f.parent.data[i] = p.parent ?? -1;
    f.patents.data[i] = patents;
    f.rdSpend.data[i] = rdSpend;
    f.exports.data[i] = exports;
    f.park.data[i] = p.park ?? -1;
    f.functions.data[i] = p.functions;
    f.brand.data[i] = p.brand ?? -1;
    f.structure.data[i] = p.structure;
    f.role.data[i] = p.role;
    f.nameKey.data[i] = Math.floor(rng.next() * 4294967296);
    if (p.name !== undefined) this.specialNames.set(i, p.name);
    return i;
  }

  revenueOf(i: number): number {
    return this.f.revenue.data[i];
  }

  foundedOf(i: number): number {
    return this.f.founded.data[i];
  }

  employeesOf(i: number): number {
    return this.f.employees.data[i];
  }

  // ---------------------------------------------------------------- institutions and links

  addInstitution(structure: number, type: InstitutionType, name: string, industry: string | undefined, at: Located, park?: number): number {
    const k = this.institutions.length;
    const inst: InstitutionDraft = {
      id: institutionId(k),
      name,
      type,
      lon: at.lon,
      lat: at.lat,
      region: this.geo.regions[at.region].code,
      structure,
    };
    if (industry !== undefined) inst.industry = industry;
    if (park !== undefined) inst.park = this.parks[park].id;
    this.institutions.push(inst);
    if (structure >= 0) this.structures[structure].truth.institutions.push(inst.id);
    return -(k + 1);
  }

  /** Add a tie; `end` ≥ 0 is a firm, < 0 an institution (−(k + 1)). NaN value = no value. */
  addLink(source: number, target: number, type: number, value: number, year: number): void {
    if (source === target) return;
    const l = this.l;
    const k = this.nLinks++;
    if (k >= l.source.data.length) for (const col of Object.values(l)) col.reserve(k + 1);
    l.source.data[k] = source;
    l.target.data[k] = target;
    l.type.data[k] = type;
    l.value.data[k] = Number.isNaN(value) ? Number.NaN : Math.max(0.1, round1(value));
    l.year.data[k] = year;
  }

  /** Close the columns: their `length` becomes the number of rows written. */
  seal(): void {
    for (const col of Object.values(this.f)) col.length = this.nFirms;
    for (const col of Object.values(this.l)) col.length = this.nLinks;
  }

  /** Value of a trade tie between two firms: a slice of the smaller firm's revenue (万元). */
  tradeValue(rng: Rng, a: number, b: number): number {
    return Math.min(this.revenueOf(a), this.revenueOf(b)) * (0.03 + 0.2 * rng.next());
  }

  /** A year for a tie that began after both ends existed. */
  tieYear(rng: Rng, a: number, b: number): number {
    const start = Math.max(a >= 0 ? this.foundedOf(a) : this.firstYear, b >= 0 ? this.foundedOf(b) : this.firstYear);
    const from = Math.min(this.lastYear, Math.max(start, this.firstYear));
    return from + rng.int(this.lastYear - from + 1);
  }
}
