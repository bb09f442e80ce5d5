/** The shapes candidate discovery produces and passes between its steps. */
import type { PlaceKind } from '../candidate.js';

/** A level of the industry classification (GB/T 4754: 小类 class, 中类 group, 大类 division). */
export type IndustryLevel = 'class' | 'group' | 'division';

export interface RawCandidate {
  kind: PlaceKind;
  /** Firm indices, ascending. */
  firms: Int32Array;
  /** Industry codes (classes, or the group prefix for industry candidates), dominant first. */
  industries: string[];
  /** Park index, −1 when none. */
  park: number;
  /** Convex hull [lon, lat] of the spots (hotspots) or firms; null when degenerate. */
  hull: [number, number][] | null;
  /** The classification level of an industry candidate's code. */
  level?: IndustryLevel;
  /** Firms in a park candidate's polygon that are not of its related field(s): reported beside it, not members. */
  alsoInPark?: number;
  /** Given name (explicit candidates). */
  label?: string;
}

/** How many spots each step found and kept, and what was dropped or merged and why, for the report. */
export interface DiscoveryStats {
  parks: number;
  spots: number;
  spotsKept: number;
  hotspots: number;
  regions: number;
  networks: number;
  industries: number;
  dropped: string[];
}

export interface Discovery {
  candidates: RawCandidate[];
  stats: DiscoveryStats;
}
