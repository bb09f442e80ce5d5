/**
 * The shape of one entry of the table of planted structures (structures/index.ts), and the small
 * constructors the entries are written with. An entry says what a structure is — its truth
 * record, where and how big its firms are, who ties to whom, which institutions sit in it — and
 * `plantStructure` (planter.ts) plants any entry.
 *
 * Counts are at scale 1 and are multiplied by the scale (or by √scale for `few` groups: leaders
 * and the few plants of a chain, whose number is not what scale is about).
 */
import type { Rng } from '../core/rng.js';
import type { InstitutionType } from '../model/institution.js';
import type { Context } from './context.js';
import { LT, OWN, ROLE, type StructureSpec } from './drafts.js';
import type { PlantedStructure } from './planter.js';

export type Pt = readonly [number, number];

/** Ownership: a fixed code of OWN, or weights [local, external_domestic, foreign, state] to draw from. */
export type Own = number | readonly [number, number, number, number];

/** Where a group's firms (or an institution) are placed. */
export type Placement =
  /** Normal scatter of σ km around a point, truncated at maxKm. */
  | { near: Pt; sigmaKm: number; maxKm: number }
  /** The k-th firm scattered around towns[k mod n]. */
  | { towns: readonly Pt[]; sigmaKm: number; maxKm: number }
  /** Inside a disc around a point; shape < 1 pulls points to the centre (0.5 = uniform over the area). */
  | { disc: Pt; maxKm: number; shape: number }
  /** Inside the entry's park. */
  | 'park'
  /** In a region drawn in proportion to population, around its seat. */
  | 'population';

/** Where a structure's own firms gather, and what they share unless a group says otherwise. */
export interface Site {
  /** Scatter (km) around the truth's centre; firms stay within the truth's radius. */
  sigmaKm?: number;
  /** Founding years: triangular from `start` to the last data year, peaking at `mode`. */
  start: number;
  mode: number;
  own: Own;
}

/** A group of firms planted alike. */
export interface FirmGroup {
  /** Industry code; a list is cycled firm by firm. */
  code: string | readonly string[];
  /** Key the ties and institutions select the group by (default: the code). */
  key?: string;
  /** Firms at scale 1. */
  n: number;
  /** Count grows with √scale instead of scale. */
  few?: boolean;
  /** Default: scattered around the site (σ = the site's sigmaKm, within the truth's radius). */
  at?: Placement;
  /** Share placed inside the entry's park instead (drawn firm by firm). */
  parkShare?: number;
  /** Log-normal size: median employees, σ of the log (default 1), clamped to [min, max] (default [1, 3000]). */
  median?: number;
  sigma?: number;
  min?: number;
  max?: number;
  /** Size drawn log-uniformly in [lo, hi] instead. */
  between?: readonly [number, number];
  /** Founding years and ownership, if not the site's. */
  start?: number;
  mode?: number;
  own?: Own;
  /** Default ROLE.member. */
  role?: number;
  /** Function flags (default F_PROD). */
  functions?: number;
  /** Share of firms that also market their goods (F_PROD | F_MKT, drawn firm by firm). */
  alsoMarketing?: number;
  /** Exports as a share of revenue, R&D as a share of revenue, P(does R&D), patents per 100 employees. */
  exportShare?: number;
  rd?: number;
  rdProb?: number;
  patentRate?: number;
  /** Share of firms that carry the structure's regional brand. */
  brandShare?: number;
  /** The first ⌈n·√scale⌉ firms of the group are big ones, sized and owned like this. */
  head?: { n: number; between: readonly [number, number]; own: number; role: number };
}

/** A named leader firm of a local cluster (`${place}${brand}${industry word}股份有限公司`). */
export interface LeaderSpec {
  code: string;
  brand: string;
  emp: readonly [number, number];
  /** Placed in the entry's park. */
  inPark?: boolean;
}

export interface Leaders {
  /** Place word of the leaders' names. */
  place: string;
  traits: { exportShare: number; rd: number; patentRate: number; functions: number };
  firms: readonly LeaderSpec[];
}

/** Firms of a structure picked by group and filter, in planting order. */
export interface Pick {
  /** Id of another, already planted structure (default: the one being planted). */
  of?: string;
  /** Group keys, concatenated in this order (default: all the structure's own firms, leaders first). */
  groups?: readonly string[];
  only?: 'leaders' | 'members' | 'exporters' | 'makers' | 'inPark';
  /** Leaders and firms with at least this many employees: the principals that hand out work. */
  principals?: number;
  /** Firms with fewer employees than this. */
  below?: number;
  /** The first n of what is left. */
  first?: number;
}

/** One pick, or several concatenated. */
export type Selection = Pick | readonly Pick[];

/** How partners are weighted when drawn: by size (employees^0.7, leaders ×4; the default), evenly, or by output. */
export type Weight = 'size' | 'even' | 'output';

export type LinkKind = keyof typeof LT;

/** A tie pattern (links.ts): every firm of `each` draws partners from `pick`. */
export type Tie =
  | { op: 'makeFor' | 'buyFrom' | 'sellTo'; each: Selection; pick: Selection; k: readonly [number, number]; p?: number; weight?: Weight }
  | { op: 'technology'; from: Selection; to: Selection; p: number }
  | { op: 'spinoff'; each: Selection; parents: Selection; share: number };

export interface InstitutionSpec {
  type: InstitutionType;
  name: string;
  industry?: string;
  /** Default: scattered 3 km around the truth's centre, within 8 km. 'park': in the entry's park (and listed for its hosted park). */
  at?: Placement;
  /** [which firms, probability of a tie for each, kind of tie], drawn in this order. */
  ties: ReadonlyArray<readonly [Selection, number, LinkKind]>;
}

/**
 * One planted structure. Planting order: truth record(s), leaders, firms, `afterFirms`, ties,
 * partners (far-away firms working for the structure), partnerTies, institutions.
 */
export interface StructureEntry {
  truth: StructureSpec;
  /** Id of the park the entry's firms and institutions may be placed in. */
  park?: string;
  /** The truth counts the firms inside the park, not the firms tagged with the structure. */
  countsParkFirms?: boolean;
  /** A second structure: the park hosting part of this one (its truth counts the firms inside the park). */
  hostedPark?: StructureSpec;
  site?: Site;
  leaders?: Leaders;
  firms?: readonly FirmGroup[];
  /** A structure's own procedure, where it is not a table (runs after the firms). */
  afterFirms?: (ctx: Context, rng: Rng, planted: PlantedStructure) => void;
  ties?: readonly Tie[];
  partners?: readonly FirmGroup[];
  partnerTies?: readonly Tie[];
  institutions?: readonly InstitutionSpec[];
}

// ------------------------------------------------------------------ constructors for the table

/** Every firm of the groups (all the structure's own firms when none is named). */
export const firms = (...groups: string[]): Pick => (groups.length ? { groups } : {});
export const leaders = (...groups: string[]): Pick => ({ ...firms(...groups), only: 'leaders' });
/** The firms that are not leaders (a cluster's SMEs). */
export const members = (...groups: string[]): Pick => ({ ...firms(...groups), only: 'members' });
export const principals = (minEmployees: number, ...groups: string[]): Pick => ({ ...firms(...groups), principals: minEmployees });
export const exporters: Pick = { only: 'exporters' };
export const makers: Pick = { only: 'makers' };

export const tie = {
  /** Each maker (with probability p) makes for k principals (OEM / outsourced processing). */
  makeFor: (each: Selection, pick: Selection, kMin: number, kMax: number, p?: number, weight?: Weight): Tie =>
    ({ op: 'makeFor', each, pick, k: [kMin, kMax], p, weight }),
  /** Each buyer (with probability p) buys from k suppliers. */
  buyFrom: (each: Selection, pick: Selection, kMin: number, kMax: number, p?: number, weight?: Weight): Tie =>
    ({ op: 'buyFrom', each, pick, k: [kMin, kMax], p, weight }),
  /** Each supplier (with probability p) sells to k buyers. */
  sellTo: (each: Selection, pick: Selection, kMin: number, kMax: number, p?: number, weight?: Weight): Tie =>
    ({ op: 'sellTo', each, pick, k: [kMin, kMax], p, weight }),
  /** Each receiver (with probability p) gets technology from one source. */
  technology: (from: Selection, to: Selection, p: number): Tie => ({ op: 'technology', from, to, p }),
  /** A share of the firms were spun off from an older one among `parents`. */
  spinoff: (each: Selection, parents: Selection, share: number): Tie => ({ op: 'spinoff', each, parents, share }),
};

/** Firms elsewhere that make for a cluster's leaders (outward radiation), keyed `partners <code>`. */
export function oemPartners(code: string, n: number, towns: readonly Pt[], start: number): FirmGroup {
  return {
    code, key: `partners ${code}`, n, at: { towns, sigmaKm: 10, maxKm: 30 }, median: 120, sigma: 0.8, min: 5, max: 3000,
    start, mode: start + 12, own: OWN.local, role: ROLE.external, exportShare: 0.1,
  };
}
