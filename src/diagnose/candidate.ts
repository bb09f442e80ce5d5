/**
 * A diagnosed candidate: an industry group in a place, with the indicators measured for it, the
 * verdicts of the rules and its role in regional development. This is what
 * `cluster-atlas diagnose` writes (one per candidate) and what the report draws.
 */
import type { Diagnosis } from './index.js';
import type { Indicators } from './indicators.js';
import type { EvidenceRow } from './evidence.js';

/** How the candidate's place was found. */
export type PlaceKind =
  /** A designated park polygon and the industries of its firms. */
  | 'park'
  /** A grid hotspot: dense spots of one industry class (grid density clustering), merged across tied industries. */
  | 'hotspot'
  /** One or more administrative regions where the group is specialised. */
  | 'region'
  /** Firms joined by business ties outside any park or hotspot (multi-plant groups, inter-regional chains). */
  | 'network'
  /** The industry group wherever its firms are (aspatial: national concentration). */
  | 'industry'
  /** Given by the user in the project file. */
  | 'explicit';

export interface CandidatePlace {
  kind: PlaceKind;
  /** Region codes holding the candidate's firms, most firms first. */
  regions: string[];
  /** Park id when the place is (mostly) a designated park. */
  park: string | null;
  /** Convex hull of the candidate's firm points (lon/lat, GeoJSON ring closed), null below 3 distinct points. */
  hull: [number, number][] | null;
  /** Employment-weighted centre of the firms [lon, lat]. */
  center: [number, number] | null;
  /** Radius (km) holding 90% of the candidate's firms around the centre. */
  radiusKm: number | null;
}

export interface RoleVerdict {
  /** pillar: the group's share of its regions' employment or output ≥ pillarShare. */
  pillar: boolean;
  /** Share of the regions' employment (and output when known) in the candidate. */
  employmentShare: number | null;
  outputShare: number | null;
  /** Employment growth over the data's years and the shift-share competitive effect (null without regional statistics). */
  growth: number | null;
  competitiveEffect: number | null;
  /** Output (or revenue) per employee over the same industries outside the place. */
  relativeProductivity: number | null;
  /** New firms per year over incumbents (snowball effect), and whether it reaches entryRate. */
  entryRate: number | null;
  snowball: boolean;
  spinoffShare: number | null;
  /** Patents per firm over the region's benchmark. */
  innovationRatio: number | null;
  /** Institutions per 100 firms (service thickness). */
  institutionsPer100Firms: number | null;
  rows: EvidenceRow[];
  sentence: { zh: string; en: string };
}

export interface DiagnosedCandidate {
  /** Stable id within one run (C01, C02, … in discovery order). */
  id: string;
  /** Generated name, e.g. "330302 等 5 区 · 制鞋, 服装" / "330302 and 4 more regions · footwear, apparel". */
  name: { zh: string; en: string };
  /** Industry codes of the group (as ingested), dominant first. */
  industries: string[];
  place: CandidatePlace;
  firms: number;
  employment: number;
  /** Ids of the candidate's firms (sorted). */
  firmIds: string[];
  /** Ids of institutions located in the place or linked to the firms. */
  institutionIds: string[];
  indicators: Indicators;
  diagnosis: Diagnosis;
  role: RoleVerdict;
}
