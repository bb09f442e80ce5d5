/**
 * Columnar tables of the demo scenario. A million firms as objects would cost gigabytes; as
 * typed columns they cost about 100 bytes each. Each table also hands out model objects
 * (`Firm`, `Link`, `RegionalStat`) one at a time, built on demand.
 */
import type { Firm, FirmFunction, Ownership } from '../model/firm.js';
import type { Link, LinkType } from '../model/link.js';
import type { RegionalStat } from '../model/regional-stat.js';

export const OWNERSHIPS: readonly Ownership[] = ['local', 'external_domestic', 'foreign', 'state'];
export const LINK_TYPES: readonly LinkType[] = ['supply', 'subcontract', 'technology', 'joint_rnd', 'finance', 'membership', 'service', 'spinoff'];
/** Bit of each firm function in `FirmTable.functions`. */
export const FUNCTION_BITS: ReadonlyArray<readonly [FirmFunction, number]> = [['production', 1], ['rnd', 2], ['marketing', 4]];

/** Role of a firm in the planted structure it belongs to. */
export const ROLES = ['background', 'member', 'leader', 'external', 'branch', 'headquarters', 'dispersed'] as const;
export type Role = (typeof ROLES)[number];

export const firmId = (i: number): string => `F${String(i + 1).padStart(7, '0')}`;
export const institutionId = (k: number): string => `I${String(k + 1).padStart(4, '0')}`;

type Typed = Float64Array | Int32Array | Int16Array | Uint8Array | Uint16Array | Uint32Array;
type TypedCtor<T extends Typed> = { new (n: number): T };

/**
 * A typed column that grows by doubling. Writers `reserve` room and assign `data[i]` at their own
 * call sites, which stay monomorphic (a shared generic `push` is several times slower on a
 * million rows); `length` is set when the writer is done.
 */
export class Column<T extends Typed> {
  data: T;
  length = 0;
  private readonly ctor: TypedCtor<T>;
  constructor(ctor: TypedCtor<T>, capacity = 1024) {
    this.ctor = ctor;
    this.data = new ctor(Math.max(16, capacity));
  }
  /** Make room for `n` values in total. */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = new this.ctor(Math.max(n, this.data.length * 2));
    next.set(this.data as never);
    this.data = next;
  }
  /** The filled part (a view on the buffer, no copy). */
  finish(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export function column<T extends Typed>(ctor: TypedCtor<T>, capacity = 1024): Column<T> {
  return new Column(ctor, capacity);
}

/** What `FirmTable` needs to name firms and resolve codes. */
export interface FirmTableDictionaries {
  industryCodes: readonly string[];
  regionCodes: readonly string[];
  parkIds: readonly string[];
  brands: readonly string[];
  /** name(i) for firm i (the generator's deterministic namer). */
  name: (table: FirmTable, i: number) => string;
}

export interface FirmColumns {
  industry: Uint16Array;
  lon: Float64Array;
  lat: Float64Array;
  region: Int32Array;
  employees: Int32Array;
  revenue: Float64Array;
  output: Float64Array;
  founded: Int16Array;
  ownership: Uint8Array;
  parent: Int32Array;
  patents: Int32Array;
  rdSpend: Float64Array;
  exports: Float64Array;
  park: Int16Array;
  functions: Uint8Array;
  brand: Int32Array;
  /** Index of the planted structure (truth.structures) the firm belongs to, −1 for none. */
  structure: Int16Array;
  /** Index into ROLES. */
  role: Uint8Array;
  /** Random bits that choose the firm's trade name. */
  nameKey: Uint32Array;
}

/** All firms, as typed columns; `get(i)` builds the model object of one firm. */
export class FirmTable implements Iterable<Firm> {
  readonly length: number;
  readonly columns: FirmColumns;
  readonly industryCodes: readonly string[];
  readonly regionCodes: readonly string[];
  readonly parkIds: readonly string[];
  readonly brands: readonly string[];
  private readonly namer: (table: FirmTable, i: number) => string;

  constructor(columns: FirmColumns, dict: FirmTableDictionaries) {
    this.columns = columns;
    this.length = columns.industry.length;
    this.industryCodes = dict.industryCodes;
    this.regionCodes = dict.regionCodes;
    this.parkIds = dict.parkIds;
    this.brands = dict.brands;
    this.namer = dict.name;
  }

  id(i: number): string {
    return firmId(i);
  }

  name(i: number): string {
    return this.namer(this, i);
  }

  industry(i: number): string {
    return this.industryCodes[this.columns.industry[i]];
  }

  functionsOf(i: number): FirmFunction[] {
    const bits = this.columns.functions[i];
    return FUNCTION_BITS.filter(([, b]) => (bits & b) !== 0).map(([f]) => f);
  }

  get(i: number): Firm {
    const c = this.columns;
    const firm: Firm = {
      id: firmId(i),
      name: this.name(i),
      industry: this.industry(i),
      lon: c.lon[i],
      lat: c.lat[i],
      region: this.regionCodes[c.region[i]],
      employees: c.employees[i],
      revenue: c.revenue[i],
      output: c.output[i],
      founded: c.founded[i],
      ownership: OWNERSHIPS[c.ownership[i]],
      patents: c.patents[i],
      rdSpend: c.rdSpend[i],
      exports: c.exports[i],
    };
    if (c.parent[i] >= 0) firm.parent = firmId(c.parent[i]);
    if (c.park[i] >= 0) firm.park = this.parkIds[c.park[i]];
    const functions = this.functionsOf(i);
    if (functions.length) firm.functions = functions;
    if (c.brand[i] >= 0) firm.brand = this.brands[c.brand[i]];
    return firm;
  }

  *[Symbol.iterator](): Iterator<Firm> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

export interface LinkColumns {
  /** A firm index (≥ 0) or an institution as −(k + 1). */
  source: Int32Array;
  target: Int32Array;
  /** Index into LINK_TYPES. */
  type: Uint8Array;
  /** 万元; NaN when the tie has no value. */
  value: Float64Array;
  year: Int16Array;
}

export const endId = (end: number): string => (end >= 0 ? firmId(end) : institutionId(-end - 1));

/** All links between firms and institutions. */
export class LinkTable implements Iterable<Link> {
  readonly length: number;
  readonly columns: LinkColumns;
  constructor(columns: LinkColumns) {
    this.columns = columns;
    this.length = columns.source.length;
  }
  get(i: number): Link {
    const c = this.columns;
    const link: Link = { source: endId(c.source[i]), target: endId(c.target[i]), type: LINK_TYPES[c.type[i]] };
    if (!Number.isNaN(c.value[i])) link.value = c.value[i];
    link.year = c.year[i];
    return link;
  }
  *[Symbol.iterator](): Iterator<Link> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

export interface StatColumns {
  region: Int32Array;
  industry: Uint16Array;
  year: Int16Array;
  employment: Float64Array;
  /** 万元 */
  output: Float64Array;
  establishments: Int32Array;
}

/** Regional statistics, region × industry × year (only cells with at least one establishment). */
export class RegionalStatTable implements Iterable<RegionalStat> {
  readonly length: number;
  readonly columns: StatColumns;
  readonly regionCodes: readonly string[];
  readonly industryCodes: readonly string[];
  constructor(columns: StatColumns, regionCodes: readonly string[], industryCodes: readonly string[]) {
    this.columns = columns;
    this.length = columns.region.length;
    this.regionCodes = regionCodes;
    this.industryCodes = industryCodes;
  }
  get(i: number): RegionalStat {
    const c = this.columns;
    return {
      region: this.regionCodes[c.region[i]],
      industry: this.industryCodes[c.industry[i]],
      year: c.year[i],
      employment: c.employment[i],
      output: c.output[i],
      establishments: c.establishments[i],
    };
  }
  *[Symbol.iterator](): Iterator<RegionalStat> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}
