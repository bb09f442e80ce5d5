/**
 * The vocabulary of the generator's working state: function flags, ownership, role and link-type
 * codes, the parameters of one firm, the drafts of parks, institutions and structures, and the
 * growable firm and link columns the Context writes into.
 */
import type { Institution } from '../model/institution.js';
import type { ParkLevel } from '../model/park.js';
import { column } from './tables.js';
import type { TruthPlace, TruthStructure } from './types.js';

export const F_PROD = 1;
export const F_RND = 2;
export const F_MKT = 4;
export const F_ALL = F_PROD | F_RND | F_MKT;

export const OWN = { local: 0, external_domestic: 1, foreign: 2, state: 3 } as const;
export const ROLE = { background: 0, member: 1, leader: 2, external: 3, branch: 4, headquarters: 5, dispersed: 6 } as const;
export const LT = { supply: 0, subcontract: 1, technology: 2, joint_rnd: 3, finance: 4, membership: 5, service: 6, spinoff: 7 } as const;

export interface Located {
  lon: number;
  lat: number;
  region: number;
}

export interface FirmParams {
  code: string;
  at: Located;
  employees: number;
  founded: number;
  ownership: number;
  structure: number;
  role: number;
  functions: number;
  /** Exports as a share of revenue (mean). */
  exportShare?: number;
  /** R&D spend as a share of revenue (mean), for firms that do R&D. */
  rd?: number;
  /** Probability that the firm does any R&D. */
  rdProb?: number;
  /** Patents per 100 employees (mean). */
  patentRate?: number;
  parent?: number;
  park?: number;
  brand?: number;
  /** Fixed name (leaders, branch plants). */
  name?: string;
  /** Fixed gross output (万元); revenue follows it. */
  output?: number;
}

export interface ParkDraft {
  id: string;
  name: string;
  level: ParkLevel;
  designated: number;
  region: number;
  center: [number, number];
  radiusKm: number;
  ring: [number, number][];
}

export interface InstitutionDraft extends Institution {
  structure: number;
}

/** What is known about a structure while it is planted; turned into TruthStructure at the end. */
export interface StructureDraft {
  truth: Omit<TruthStructure, 'place' | 'firmCount'> & { place: Omit<TruthStructure['place'], 'regions'> };
  /** Firms counted for place.regions and firmCount; defaults to the firms tagged with the structure. */
  firmFilter?: (i: number) => boolean;
}

/** What a structure is planted as: the truth known beforehand, its place given by park, centre and radius. */
export type StructureSpec = Pick<
  TruthStructure, 'id' | 'name' | 'label' | 'stage' | 'radiation' | 'typology' | 'industries' | 'supportIndustries' | 'growth' | 'regionalBrand' | 'why'
> & Omit<TruthPlace, 'regions'>;

/** Growable firm columns (see FirmColumns in tables.ts). */
export function firmColumns(cap: number) {
  return {
    industry: column(Uint16Array, cap),
    lon: column(Float64Array, cap),
    lat: column(Float64Array, cap),
    region: column(Int32Array, cap),
    employees: column(Int32Array, cap),
    revenue: column(Float64Array, cap),
    output: column(Float64Array, cap),
    founded: column(Int16Array, cap),
    ownership: column(Uint8Array, cap),
    parent: column(Int32Array, cap),
    patents: column(Int32Array, cap),
    rdSpend: column(Float64Array, cap),
    exports: column(Float64Array, cap),
    park: column(Int16Array, cap),
    functions: column(Uint8Array, cap),
    brand: column(Int32Array, cap),
    structure: column(Int16Array, cap),
    role: column(Uint8Array, cap),
    nameKey: column(Uint32Array, cap),
  };
}
/** Growable link columns (see LinkColumns in tables.ts). */
export function linkColumns(cap: number) {
  return {
    source: column(Int32Array, cap),
    target: column(Int32Array, cap),
    type: column(Uint8Array, cap),
    value: column(Float64Array, cap),
    year: column(Int16Array, cap),
  };
}
