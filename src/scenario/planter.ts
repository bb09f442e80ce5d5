/**
 * The one planter of the table of structures: `plantStructure` plants any StructureEntry
 * (structure-spec.ts) — its truth record, leaders, firm groups, ties, far-away partners and
 * institutions, in that fixed order, drawing from one random stream. `plantGroup`, `runTies`
 * and `plantInstitutions` are also used by the structures with a procedure of their own (pork)
 * and by the economy outside the structures.
 */
import { InternalError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Context } from './context.js';
import { F_MKT, F_PROD, LT, OWN, ROLE, type Located } from './drafts.js';
import { INDUSTRIES, industryIndex } from './industries.js';
import { buyFrom, institutionTies, makeFor, sellTo, spinoffs, transferTechnology } from './links.js';
import { between, Picker } from './picker.js';
import type { FirmGroup, InstitutionSpec, Leaders, Placement, Pt, Selection, Site, StructureEntry, Tie, Weight } from './structure-spec.js';

/** Where a group's firms belong: their structure (−1: none), its park, centre, radius and regional brand. */
export interface GroupHome {
  structure: number;
  park?: number;
  center?: Pt;
  radiusKm?: number;
  site?: Site;
  /** Brand index of the regional brand, −1 if none. */
  regionalBrand: number;
}

/** A structure once planted: its firms by group, for its own ties and for later ones. */
export interface PlantedStructure extends GroupHome {
  id: string;
  /** Index of the structure of the park it hosts, −1 if none. */
  hosted: number;
  /** The structure's own firms: leaders, then the firm groups (not partners, not afterFirms' firms). */
  all: number[];
  /** Firms by group key (leaders and firm groups under their industry code). */
  groups: Map<string, number[]>;
}

/** Planted structures by id. */
export type Registry = Map<string, PlantedStructure>;

function parkIndex(ctx: Context, id: string): number {
  const k = ctx.parks.findIndex((p) => p.id === id);
  if (k < 0) throw new InternalError(`scenario: no park ${id}`);
  return k;
}

function addTo(groups: Map<string, number[]>, key: string, i: number): void {
  const list = groups.get(key);
  if (list) list.push(i);
  else groups.set(key, [i]);
}

/** Plant one entry of the table (and file it in the registry, for the ties planted after it). */
export function plantStructure(ctx: Context, rng: Rng, entry: StructureEntry, registry: Registry): PlantedStructure {
  const park = entry.park !== undefined ? parkIndex(ctx, entry.park) : undefined;
  const inPark = (i: number): boolean => ctx.f.park.data[i] === park;
  const structure = ctx.addStructure(structuredClone(entry.truth), entry.countsParkFirms ? inPark : undefined);
  const hosted = entry.hostedPark ? ctx.addStructure(structuredClone(entry.hostedPark), inPark) : -1;
  const { center, radiusKm, regionalBrand } = entry.truth;
  const p: PlantedStructure = {
    id: entry.truth.id, structure, hosted, park, center, radiusKm, site: entry.site,
    regionalBrand: regionalBrand !== null ? ctx.brand(regionalBrand) : -1, all: [], groups: new Map(),
  };
  registry.set(p.id, p);
  if (entry.leaders) plantLeaders(ctx, rng, entry.leaders, p);
  for (const g of entry.firms ?? []) for (const i of plantGroup(ctx, rng, g, p, p.groups)) p.all.push(i);
  entry.afterFirms?.(ctx, rng, p);
  runTies(ctx, rng, entry.ties ?? [], p, registry);
  for (const g of entry.partners ?? []) plantGroup(ctx, rng, g, p, p.groups);
  runTies(ctx, rng, entry.partnerTies ?? [], p, registry);
  plantInstitutions(ctx, rng, entry.institutions ?? [], p, registry);
  return p;
}

/** The named leaders, around the centre (σ and radius halved) or in the park, founded in the site's first eight years. */
function plantLeaders(ctx: Context, rng: Rng, leaders: Leaders, p: PlantedStructure): void {
  const site = siteOf(p);
  const center = required(p.center, 'a centre');
  const radiusKm = required(p.radiusKm, 'a radius');
  for (const l of leaders.firms) {
    const parked = l.inPark === true && p.park !== undefined;
    const i = ctx.addFirm(rng, {
      code: l.code, at: parked ? ctx.placeInPark(rng, p.park!) : ctx.placeNear(rng, center, required(site.sigmaKm, 'site.sigmaKm') / 2, radiusKm / 2),
      employees: ctx.sizeBetween(rng, l.emp[0], l.emp[1]), founded: between(rng, site.start, site.start + 8),
      ownership: OWN.local, structure: p.structure, role: ROLE.leader, ...leaders.traits, brand: ctx.brand(l.brand),
      name: `${leaders.place}${l.brand}${INDUSTRIES[industryIndex(l.code)].word}股份有限公司`, park: parked ? p.park : undefined,
    });
    p.all.push(i);
    addTo(p.groups, l.code, i);
  }
}

function siteOf(home: GroupHome): Site {
  if (!home.site) throw new InternalError('scenario: a structure with default-placed firms needs a site');
  return home.site;
}

function required<T>(v: T | undefined, what: string): NonNullable<T> {
  if (v === undefined || v === null) throw new InternalError(`scenario: ${what} is required here`);
  return v;
}

function place(ctx: Context, rng: Rng, at: Exclude<Placement, 'park'>, k: number): Located {
  if (at === 'population') return ctx.placeInRegion(rng, ctx.regionByPopulation(rng));
  if ('towns' in at) return ctx.placeNear(rng, at.towns[k % at.towns.length], at.sigmaKm, at.maxKm);
  if ('disc' in at) return ctx.placeInDisc(rng, at.disc, at.maxKm, at.shape);
  return ctx.placeNear(rng, at.near, at.sigmaKm, at.maxKm);
}

/** Plant one group of firms (filed under its key in `groups` when given); returns them in order. */
export function plantGroup(ctx: Context, rng: Rng, g: FirmGroup, home: GroupHome, groups?: Map<string, number[]>): number[] {
  const count = g.few ? ctx.nSqrt(g.n) : ctx.n(g.n);
  const heads = g.head ? ctx.nSqrt(g.head.n) : 0;
  const codes = typeof g.code === 'string' ? [g.code] : g.code;
  const key = g.key ?? (typeof g.code === 'string' ? g.code : required(g.key, 'the key of a group of several industries'));
  const at: Placement = g.at ?? { near: required(home.center, 'a centre'), sigmaKm: required(siteOf(home).sigmaKm, 'site.sigmaKm'), maxKm: required(home.radiusKm, 'a radius') };
  const start = g.start ?? siteOf(home).start;
  const mode = g.mode ?? siteOf(home).mode;
  const own = g.own ?? siteOf(home).own;
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const head = k < heads ? g.head : undefined;
    const inPark = at === 'park' || (g.parkShare !== undefined && home.park !== undefined && rng.next() < g.parkShare);
    const loc = inPark ? ctx.placeInPark(rng, required(home.park, 'a park')) : place(ctx, rng, at as Exclude<Placement, 'park'>, k);
    const size = head?.between ?? g.between;
    const employees = size ? ctx.sizeBetween(rng, size[0], size[1]) : ctx.size(rng, required(g.median, 'median'), g.sigma ?? 1, g.min ?? 1, g.max ?? 3000);
    const founded = ctx.founded(rng, start, mode);
    const o = head ? head.own : own;
    const ownership = typeof o === 'number' ? o : ctx.ownership(rng, o);
    const functions = g.alsoMarketing !== undefined ? (rng.next() < g.alsoMarketing ? F_PROD | F_MKT : F_PROD) : (g.functions ?? F_PROD);
    const brand = g.brandShare !== undefined && home.regionalBrand >= 0 && rng.next() < g.brandShare ? home.regionalBrand : undefined;
    const i = ctx.addFirm(rng, {
      code: codes[k % codes.length], at: loc, employees, founded, ownership, structure: home.structure, role: head?.role ?? g.role ?? ROLE.member,
      functions, exportShare: g.exportShare, rd: g.rd, rdProb: g.rdProb, patentRate: g.patentRate, brand, park: inPark ? home.park : undefined,
    });
    out.push(i);
    if (groups) addTo(groups, key, i);
  }
  return out;
}

/** The firms a selection names, in order. */
export function select(ctx: Context, sel: Selection, self: PlantedStructure | undefined, registry: Registry): number[] {
  if (Array.isArray(sel)) return sel.flatMap((s: Selection) => select(ctx, s, self, registry));
  const s = sel as Exclude<Selection, readonly unknown[]>;
  const from = s.of === undefined ? self : registry.get(s.of);
  if (!from) throw new InternalError(`scenario: structure ${s.of ?? '(own)'} is not planted yet`);
  const list = s.groups
    ? s.groups.flatMap((key) => {
      const g = from.groups.get(key);
      if (!g) throw new InternalError(`scenario: ${from.id} has no group ${key}`);
      return g;
    })
    : from.all;
  const f = ctx.f;
  const kept = list.filter((i) => {
    const role = f.role.data[i];
    if (s.only === 'leaders' && role !== ROLE.leader) return false;
    if (s.only === 'members' && role === ROLE.leader) return false;
    if (s.only === 'exporters' && !(f.exports.data[i] > 0)) return false;
    if (s.only === 'makers' && INDUSTRIES[f.industry.data[i]].kind !== 'manufacturing') return false;
    if (s.only === 'inPark' && f.park.data[i] !== from.park) return false;
    if (s.principals !== undefined && role !== ROLE.leader && ctx.employeesOf(i) < s.principals) return false;
    if (s.below !== undefined && !(ctx.employeesOf(i) < s.below)) return false;
    return true;
  });
  return s.first !== undefined ? kept.slice(0, s.first) : kept;
}

/** Partner-drawing weight: employees^0.7, leaders ×4 (bigger firms and leaders are drawn more often). */
export function sizeWeight(ctx: Context): (i: number) => number {
  return (i) => Math.pow(ctx.employeesOf(i), 0.7) * (ctx.f.role.data[i] === ROLE.leader ? 4 : 1);
}

function weightFn(ctx: Context, weight: Weight = 'size'): ((i: number) => number) | undefined {
  if (weight === 'even') return undefined;
  if (weight === 'output') return (i) => ctx.f.output.data[i];
  return sizeWeight(ctx);
}

/** Draw the ties of a list of patterns, in order (`self`: the structure a pick without `of` means). */
export function runTies(ctx: Context, rng: Rng, ties: readonly Tie[], self: PlantedStructure | undefined, registry: Registry): void {
  const sel = (s: Selection): number[] => select(ctx, s, self, registry);
  const size = sizeWeight(ctx);
  for (const t of ties) {
    switch (t.op) {
      case 'makeFor':
      case 'buyFrom':
      case 'sellTo': {
        const draw = t.op === 'makeFor' ? makeFor : t.op === 'buyFrom' ? buyFrom : sellTo;
        draw(ctx, rng, sel(t.each), new Picker(sel(t.pick), weightFn(ctx, t.weight)), t.k[0], t.k[1], t.p);
        break;
      }
      case 'technology':
        transferTechnology(ctx, rng, new Picker(sel(t.from), size), sel(t.to), t.p);
        break;
      case 'spinoff':
        spinoffs(ctx, rng, sel(t.each), new Picker(sel(t.parents), size), t.share);
        break;
    }
  }
}

/** Place each institution (default: around the structure's centre) and draw its ties, in order. */
export function plantInstitutions(ctx: Context, rng: Rng, specs: readonly InstitutionSpec[], self: PlantedStructure, registry: Registry): void {
  for (const s of specs) {
    const parked = s.at === 'park';
    const at = s.at === undefined
      ? ctx.placeNear(rng, required(self.center, 'a centre'), 3, 8)
      : parked ? ctx.placeInPark(rng, required(self.park, 'a park')) : place(ctx, rng, s.at as Exclude<Placement, 'park'>, 0);
    const inst = ctx.addInstitution(self.structure, s.type, s.name, s.industry, at, parked ? self.park : undefined);
    if (parked && self.hosted >= 0) ctx.structures[self.hosted].truth.institutions.push(ctx.institutions[-inst - 1].id);
    for (const [which, p, kind] of s.ties) institutionTies(ctx, rng, inst, select(ctx, which, self, registry), p, LT[kind]);
  }
}
