/**
 * The test bed's world: a province of 30 square counties, industry classes drawn from the
 * divisions of GB/T 4754-2017, a background economy spread like the population (county seats
 * denser than their countryside), random ties between any firms, and firms in another province.
 */
import { builtinClassification } from '../../src/model/classifications/index.js';
import type { Noise } from './params.js';
import type { Rng } from './rng.js';

export interface Firm {
  id: string; name: string; industry: string; lon: number; lat: number; region: string;
  employees: number; output: number; founded: number; ownership: string; park: string;
  patents: number; functions: string[];
}
export interface Tie { source: string; target: string; type: string; value: number }
export interface Institution { id: string; name: string; type: string; lon: number; lat: number; region: string }
export interface County { code: string; name: string; x0: number; y0: number; seat: [number, number]; weight: number }
export interface ParkArea { id: string; name: string; level: string; designated: number; region: string; ring: [number, number][] }

/** The province: 6 × 5 counties of 0.4° × 0.36° from (104.2° E, 26.1° N). */
export const PROVINCE = { lon0: 104.2, lat0: 26.1, cols: 6, rows: 5, dLon: 0.4, dLat: 0.36 };
/** Another province, far outside the study area's extent, where outside firms are. */
export const ELSEWHERE = { lon0: 112, lat0: 22.5, dLon: 1.5, dLat: 1 };
const KM_LAT = 110.57;
const KM_LON = 111.32 * Math.cos(((PROVINCE.lat0 + 0.9) * Math.PI) / 180);

export class World {
  readonly counties: County[] = [];
  readonly firms: Firm[] = [];
  readonly ties: Tie[] = [];
  readonly institutions: Institution[] = [];
  readonly parks: ParkArea[] = [];
  /** Divisions not yet given to an industry. */
  private readonly divisions: string[];
  private readonly cumulative: number[] = [];
  private nextFirm = 0;

  constructor(readonly rng: Rng) {
    const p = PROVINCE;
    for (let r = 0; r < p.rows; r++) {
      for (let c = 0; c < p.cols; c++) {
        const x0 = p.lon0 + c * p.dLon;
        const y0 = p.lat0 + r * p.dLat;
        const seat: [number, number] = [x0 + p.dLon * rng.range(0.3, 0.7), y0 + p.dLat * rng.range(0.3, 0.7)];
        const code = `52${String(r + 1).padStart(2, '0')}${String(c + 1).padStart(2, '0')}`;
        this.counties.push({ code, name: `县${code}`, x0, y0, seat, weight: rng.logNormal(1, 0.6) });
      }
    }
    let s = 0;
    for (const c of this.counties) this.cumulative.push((s += c.weight));
    const all = builtinClassification('GB/T 4754-2017').entries().filter((e) => e.level === 2).map((e) => e.code);
    // manufacturing first (13–43): planted structures draw from them; the background takes what is left
    const manufacturing = all.filter((d) => Number(d) >= 13 && Number(d) <= 43);
    this.divisions = [...rng.shuffled(manufacturing), ...rng.shuffled(all.filter((d) => !manufacturing.includes(d)))];
  }

  /** A division no industry has yet: manufacturing first for planted structures, the others first for the background. */
  takeDivision(use: 'planted' | 'background'): string {
    const d = use === 'planted' ? this.divisions.shift() : this.divisions.pop();
    if (d === undefined) throw new Error('test bed: out of divisions');
    return d;
  }
  /** A 4-digit class code of division `d` (group `g`, class `c` digits 1–9; drawn when absent). */
  classOf(d: string, g?: number, c?: number): string {
    return `${d}${g ?? 1 + this.rng.int(9)}${c ?? 1 + this.rng.int(9)}`;
  }

  countyAt(lon: number, lat: number): County | undefined {
    const p = PROVINCE;
    const c = Math.floor((lon - p.lon0) / p.dLon);
    const r = Math.floor((lat - p.lat0) / p.dLat);
    return c >= 0 && c < p.cols && r >= 0 && r < p.rows ? this.counties[r * p.cols + c] : undefined;
  }
  /** A county drawn by its weight (population), or uniformly among `among`. */
  drawCounty(among?: County[]): County {
    return among ? this.rng.pick(among) : this.counties[this.rng.weighted(this.cumulative)];
  }
  /** A point like the economy's: a county by weight, then 60% near its seat (σ 4 km), 40% anywhere in it. */
  economyPoint(): [number, number] {
    const c = this.drawCounty();
    if (this.rng.chance(0.6)) return this.clampTo(c, this.offset(c.seat, 4));
    return [c.x0 + PROVINCE.dLon * this.rng.u(), c.y0 + PROVINCE.dLat * this.rng.u()];
  }
  /** A point around `centre`, normal with σ `km` in each direction, kept inside the province. */
  offset(centre: [number, number], km: number): [number, number] {
    return [centre[0] + (km * this.rng.normal()) / KM_LON, centre[1] + (km * this.rng.normal()) / KM_LAT];
  }
  clampTo(c: County, pt: [number, number]): [number, number] {
    const e = 1e-4;
    return [Math.min(c.x0 + PROVINCE.dLon - e, Math.max(c.x0 + e, pt[0])), Math.min(c.y0 + PROVINCE.dLat - e, Math.max(c.y0 + e, pt[1]))];
  }
  insideProvince(pt: [number, number]): [number, number] {
    const p = PROVINCE;
    const e = 1e-4;
    return [Math.min(p.lon0 + p.cols * p.dLon - e, Math.max(p.lon0 + e, pt[0])), Math.min(p.lat0 + p.rows * p.dLat - e, Math.max(p.lat0 + e, pt[1]))];
  }
  /** Distance in km (equirectangular: the province is small). */
  static km(a: [number, number], b: [number, number]): number {
    return Math.hypot((a[0] - b[0]) * KM_LON, (a[1] - b[1]) * KM_LAT);
  }
  static kmToDegrees(km: number): [number, number] { return [km / KM_LON, km / KM_LAT]; }

  /** Add a firm at `pt` (its region from the county grid; none outside the province). */
  addFirm(industry: string, pt: [number, number], f: Partial<Firm> = {}): Firm {
    const id = `T${String(++this.nextFirm).padStart(6, '0')}`;
    const employees = f.employees ?? Math.max(1, Math.round(this.rng.logNormal(20, 0.9)));
    const firm: Firm = {
      id, name: `企业${id}`, industry, lon: round6(pt[0]), lat: round6(pt[1]), region: this.countyAt(pt[0], pt[1])?.code ?? '',
      employees, output: f.output ?? round2(employees * this.rng.logNormal(40, 0.5)), founded: f.founded ?? 1985 + this.rng.int(40),
      ownership: f.ownership ?? this.backgroundOwnership(), park: f.park ?? '', patents: f.patents ?? (this.rng.chance(0.1) ? 1 + this.rng.int(3) : 0),
      functions: f.functions ?? ['production', ...(this.rng.chance(0.08) ? ['marketing'] : [])],
    };
    this.firms.push(firm);
    return firm;
  }
  backgroundOwnership(): string {
    const x = this.rng.u();
    return x < 0.8 ? 'local' : x < 0.92 ? 'external_domestic' : x < 0.97 ? 'foreign' : 'state';
  }
  tie(source: Firm | Institution, target: Firm | Institution, type: string): void {
    if (source.id === target.id) return;
    this.ties.push({ source: source.id, target: target.id, type, value: round2(this.rng.logNormal(50, 1)) });
  }
  addInstitution(type: string, pt: [number, number]): Institution {
    const id = `I${String(this.institutions.length + 1).padStart(4, '0')}`;
    const inst = { id, name: `机构${id}`, type, lon: round6(pt[0]), lat: round6(pt[1]), region: this.countyAt(pt[0], pt[1])?.code ?? '' };
    this.institutions.push(inst);
    return inst;
  }
  elsewherePoint(): [number, number] {
    return [ELSEWHERE.lon0 + ELSEWHERE.dLon * this.rng.u(), ELSEWHERE.lat0 + ELSEWHERE.dLat * this.rng.u()];
  }
}

/** The background economy: its industries (divisions no planted structure uses) and firms, spread like the population. */
export interface Background { industries: string[]; shares: number[] }

export function addBackgroundFirms(w: World, noise: Noise): Background {
  const rng = w.rng;
  const industries = Array.from({ length: noise.backgroundIndustries }, () => w.classOf(w.takeDivision('background')));
  const shares: number[] = [];
  let s = 0;
  for (let i = 0; i < industries.length; i++) shares.push((s += rng.logNormal(1, 0.5)));
  for (let i = 0; i < noise.backgroundFirms; i++) w.addFirm(industries[rng.weighted(shares)], w.economyPoint());
  return { industries, shares };
}

/**
 * Noise after planting: random ties among all firms of the study area (planted ones included),
 * firms in another province with random ties into it, and a few institutions tied to nobody.
 */
export function addNoise(w: World, noise: Noise, bg: Background): void {
  const rng = w.rng;
  const inside = w.firms.filter((f) => f.region !== '');
  const nTies = Math.round(noise.randomTiesPerFirm * noise.backgroundFirms);
  for (let i = 0; i < nTies; i++) w.tie(rng.pick(inside), rng.pick(inside), rng.chance(0.7) ? 'supply' : 'subcontract');
  const nOutside = Math.round(noise.outsideShare * noise.backgroundFirms);
  for (let i = 0; i < nOutside; i++) {
    const o = w.addFirm(bg.industries[rng.weighted(bg.shares)], w.elsewherePoint(), { ownership: 'local' });
    for (let k = 1 + rng.int(2); k > 0; k--) (rng.chance(0.5) ? w.tie(o, rng.pick(inside), 'supply') : w.tie(rng.pick(inside), o, 'supply'));
  }
  for (const type of ['bank', 'bank', 'training', 'intermediary']) w.addInstitution(type, w.economyPoint());
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
export const round2 = (x: number): number => Math.round(x * 100) / 100;
