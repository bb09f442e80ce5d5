/**
 * ReportData: everything `renderReport` draws, as plain JSON (no typed arrays, no NaN: a value
 * that could not be measured is `null`). It is embedded verbatim in report.html, so the page
 * renders its charts offline from it, and it is what `collectReportData` builds from a workspace
 * and a list of diagnosed candidates. Documented field by field in docs/report.md.
 *
 * Every chart is a `Chart<T>`: either `{ available: true, data, params }` or
 * `{ available: false, reason }` — a missing input never fails the report, the chart says why.
 */
import type { z } from 'zod';
import type { PathSchema } from '../diagnose/path/schema.js';
import type { Characteristic, Stage } from '../diagnose/stage.js';
import type { EvidenceRow } from '../diagnose/evidence.js';
import type { HeadlineLabel } from '../diagnose/concepts.js';
import type { RadiationLevel } from '../diagnose/radiation.js';
import type { Typology } from '../diagnose/typology.js';
import type { PlaceKind } from '../diagnose/candidate.js';

export const REPORT_DATA_VERSION = 3;

export type ReportLang = 'zh' | 'en';

/** A text in both languages. */
export interface Bilingual { zh: string; en: string }

/** A chart that could be drawn: its data and the parameters quoted in its caption. */
export interface ChartOk<T> {
  available: true;
  data: T;
  /** Parameters shown in the caption (name → value), e.g. { simulations: 99, seed: 42 }. */
  params: Record<string, string | number | boolean | null>;
  /** Data source quoted in the caption (e.g. "firms (employees)"). */
  source: Bilingual;
  /** Things the reader should know about this chart (e.g. "showing 400 of 1,066 firms"). */
  notes: Bilingual[];
}

/** A chart that could not be drawn, and why (shown in its place as "not available: …"). */
export interface ChartUnavailable {
  available: false;
  reason: Bilingual;
}

export type Chart<T> = ChartOk<T> | ChartUnavailable;

/** GeoJSON (RFC 7946) polygons of regions or parks, with the properties the report reads. */
export interface AreaFeature {
  type: 'Feature';
  /** `boundarySource` 'builtin-echarts4-2016': drawn from the built-in base map (load/basemap.ts), absent for the user's own polygons. */
  properties: { code: string; name: string | null; boundarySource?: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}
export interface AreaCollection { type: 'FeatureCollection'; features: AreaFeature[] }

/** One candidate on the overview map and in the portfolio. */
export interface OverviewCandidate {
  id: string;
  name: Bilingual;
  label: HeadlineLabel;
  /** Development stage; null when the stages do not apply (not agglomerated). */
  stage: Stage | null;
  /** Employment-weighted centre [lon, lat]; null without located firms. */
  center: [number, number] | null;
  /** Radius (km) holding 90% of the firms around the centre (drawn as a circle on the overview map). */
  radiusKm: number | null;
  /** Convex hull of the firm points (closed ring), null below 3 points. */
  hull: [number, number][] | null;
  firms: number;
  employment: number;
}

export type LisaClass = 'HH' | 'LL' | 'HL' | 'LH' | 'ns' | 'island';

/** One region in a candidate's map view. */
export interface MapRegion {
  code: string;
  name: string | null;
  /** Location quotient of the candidate's industry group (employment in firms); null: no firms. */
  lq: number | null;
  /** LISA class of the LQ at the chosen α ('ns': not significant), null when the region has no LQ. */
  lisa: LisaClass | null;
  /** Pseudo p-value of the local Moran Iᵢ (conditional permutations). */
  pValue: number | null;
  /** The region is one of the candidate's regions. */
  inCandidate: boolean;
}

export interface MapFirm { id: string; lon: number; lat: number; employees: number | null; leader: boolean }
export interface MapPark { id: string; name: string | null; ring: [number, number][] }

export interface CandidateMap {
  /** View extent [minLon, minLat, maxLon, maxLat] (the candidate's firms and regions, padded). */
  bbox: [number, number, number, number];
  /** Regions drawn (those meeting the view extent), with LQ and LISA class. */
  regions: MapRegion[];
  firms: MapFirm[];
  parks: MapPark[];
  hull: [number, number][] | null;
  /** Global Moran's I of the LQ with the same weights (context for the LISA map). */
  moranI: number | null;
}

export interface LorenzData {
  /** Cumulative share of firms (smallest first) and of their size, from (0,0) to (1,1). */
  population: number[];
  share: number[];
  gini: number;
  firms: number;
  size: 'employees';
}

export interface KDensityData {
  /** Distance (km) and the candidate's K-density (per km). */
  r: number[];
  value: number[];
  globalLower: number[] | null;
  globalUpper: number[] | null;
  lower: number[] | null;
  upper: number[] | null;
  bandwidth: number;
  /** Distance intervals where the curve leaves the global band. */
  departures: { from: number; to: number; kind: 'localisation' | 'dispersion' }[];
  localised: boolean;
}

export interface NetworkNode {
  id: string;
  name: string | null;
  kind: 'firm' | 'institution';
  /** Institution type (chamber, bank, …) or null for firms. */
  institutionType: string | null;
  /** Louvain community index (0 = the largest), −1 when isolated. */
  community: number;
  leader: boolean;
  /** Weighted degree (in + out strength) over the candidate's network. */
  strength: number;
  /** Layout position (unitless, deterministic). */
  x: number;
  y: number;
}
export interface NetworkLink { source: string; target: string; type: string; value: number | null }
export interface NetworkData {
  nodes: NetworkNode[];
  links: NetworkLink[];
  communities: number;
  modularity: number | null;
  leaders: string[];
  /** Firms and institutions before display truncation. */
  totalNodes: number;
}

export type StageStatus = 'present' | 'weak' | 'missing';
export interface ChainStage {
  id: string;
  name: string | null;
  order: number;
  role: 'vertical' | 'support';
  firmsInside: number;
  status: StageStatus;
}
export interface ChainData {
  template: string;
  templateName: string | null;
  stages: ChainStage[];
  /** Share of vertical stages present (weak counts as present). */
  completeness: number;
  missing: string[];
  weak: string[];
  radiusKm: number;
  flows: { from: string; to: string; localShare: number | null; links: number }[];
}

export interface ShiftShareRow {
  region: string;
  name: string | null;
  base: number;
  final: number;
  change: number;
  nationalShare: number;
  industryMix: number;
  regionalShift: number;
  /** Esteban-Marquillas split of the regional shift. */
  competitiveEffect: number | null;
  allocationEffect: number | null;
}
export interface ShiftShareData {
  baseYear: number;
  finalYear: number;
  variable: 'employment';
  /** Statistics industries summed for the group (may be coarser than the candidate's codes). */
  industries: string[];
  rows: ShiftShareRow[];
  total: ShiftShareRow;
  nationalGrowth: number;
}

export interface PortfolioPoint {
  id: string;
  name: Bilingual;
  label: HeadlineLabel;
  lq: number;
  /** Employment growth of the group in the candidate's regions between the first and last year of the regional statistics (fraction, 0.1 = +10%); the diagnosis' `role.growth` without statistics. */
  growth: number;
  employment: number;
}
export interface PortfolioData {
  points: PortfolioPoint[];
  /** Reference growth of total employment (the horizontal line). */
  referenceGrowth: number | null;
  /** Candidates left out, and why. */
  excluded: { id: string; reason: Bilingual }[];
}

/** A cluster category of the project's category file that the regional statistics have. */
export interface PortfolioCategory {
  code: string;
  name: string;
  type: 'traded' | 'local';
  /** Related categories (the relatedness file, both directions), strongest first; relatedness null: related without a strength. */
  related: { code: string; relatedness: number | null }[];
}
/** One region's categories: [category index, LQ (null: not measured), employment, growth (null: no base-year employment), strong (0 no, 1 strong, 2 strong10, null: local)]. */
export type CategoryCellRow = [number, number | null, number, number | null, 0 | 1 | 2 | null];
export interface PortfolioRegion {
  code: string;
  name: string | null;
  /** Employment of the region's traded categories (final year). */
  traded: number;
  strong: number;
  strong10: number;
  cells: CategoryCellRow[];
}
/**
 * The U.S. Cluster Mapping-style category portfolio: every region × category of the project's
 * category file, LQ over the employment of the category's type (traded over traded, local over
 * local) and the strong-cluster flags from `categoryStrength`, employment growth between the
 * statistics' first and last year. Regions ranked by strong clusters, then traded employment.
 */
export interface CategoryPortfolioData {
  source: string;
  year: number;
  baseYear: number | null;
  regionLevel: string | null;
  categories: PortfolioCategory[];
  regions: PortfolioRegion[];
  /** Regions with statistics (before the cap of the embedded regions). */
  totalRegions: number;
  /** Employment of the data, and of its codes in no category (with the largest of them). */
  coverage: { dataEmployment: number; unmappedEmployment: number; unmapped: { industry: string; employment: number }[] };
}
/** A candidate's industries as categories, and the categories related to them in its regions. */
export interface CandidateCategories {
  /** The categories of the candidate's firms, largest first; `principal`: the largest, or ≥ 20% of the categorised firms (their related categories are listed). */
  own: { code: string; name: string; type: 'traded' | 'local'; firms: number; principal: boolean }[];
  /** Firms of the candidate whose industry lies in no category. */
  uncategorised: number;
  related: {
    code: string; name: string; type: 'traded' | 'local'; relatedness: number | null; of: string;
    /** Employment of the category in the candidate's regions (final year), and in how many of them it is a strong cluster. */
    employment: number; strongIn: string[];
  }[];
}

export interface CandidateReport {
  id: string;
  name: Bilingual;
  industries: { code: string; name: Bilingual }[];
  place: { kind: PlaceKind; regions: string[]; park: string | null; center: [number, number] | null; radiusKm: number | null };
  firms: number;
  employment: number;
  verdict: {
    label: HeadlineLabel;
    /** null when the stages do not apply (not agglomerated). */
    stage: Stage | null;
    radiation: RadiationLevel | null;
    sentence: Bilingual;
    concepts: { concentration: boolean; agglomeration: boolean; chain: boolean; park: boolean; cluster: boolean };
  };
  evidence: EvidenceRow[];
  role: { pillar: boolean; growth: number | null; employmentShare: number | null; sentence: Bilingual; rows: EvidenceRow[] };
  radar: { scores: Record<Characteristic, number | null> };
  typology: { typology: Typology; rows: EvidenceRow[] };
  map: Chart<CandidateMap>;
  lorenz: Chart<LorenzData>;
  kDensity: Chart<KDensityData>;
  network: Chart<NetworkData>;
  chain: Chart<ChainData>;
  shiftShare: Chart<ShiftShareData>;
  /** The development path (diagnose --trajectory): stage, radiation and scores per snapshot year, and the next step's conditions. */
  path: Chart<PathData>;
  /** The candidate's cluster categories and their related categories in its regions (project `categories`). */
  categories: Chart<CandidateCategories>;
}

/** A candidate's `path` block (src/diagnose/path/workspace.ts PathBlock): trajectory and next step. */
export type PathData = z.infer<typeof PathSchema>;

export interface ReportData {
  version: typeof REPORT_DATA_VERSION;
  title: Bilingual;
  /** ISO time the report was made (from the injected clock). */
  generatedAt: string;
  generator: { name: 'cluster-atlas'; version: string };
  seed: number;
  /** Analysis parameters quoted in the captions. */
  parameters: { simulations: number; permutations: number; alpha: number; weights: string; kdRmaxKm: number; chainRadiusKm: number };
  /** Input files and their hashes (provenance). */
  inputs: { kind: string; file: string; sha256: string }[];
  /** All region polygons (registered once as the base map); null when the workspace has none. */
  regions: AreaCollection | null;
  parks: AreaCollection | null;
  overview: { candidates: OverviewCandidate[]; bbox: [number, number, number, number] | null };
  portfolio: Chart<PortfolioData>;
  /** The category portfolio (project `categories` + regional statistics). */
  categories: Chart<CategoryPortfolioData>;
  candidates: CandidateReport[];
  warnings: string[];
}
