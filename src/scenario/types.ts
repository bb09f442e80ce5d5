/** Types of the demo scenario and of its ground truth (what each planted structure is). */
import type { ChainTemplate } from '../model/chain-template.js';
import type { Institution } from '../model/institution.js';
import type { IOTable } from '../model/io-table.js';
import type { Park } from '../model/park.js';
import type { Region } from '../model/region.js';
import type { FirmTable, LinkTable, RegionalStatTable } from './tables.js';

export interface ScenarioOptions {
  /** Multiplies firm counts (1 → about 20,000 firms; 50 → about 1,000,000). Default 1. */
  scale?: number;
  /** The year the data describe is currentYear − 1; statistics cover the ten years before. Default 2025. */
  currentYear?: number;
}

/** What a planted structure is, in the seed's terms. */
export type TruthLabel =
  | 'cluster'
  | 'park_hosting_cluster'
  | 'park_without_cluster'
  | 'agglomeration_without_cluster'
  | 'chain_without_agglomeration'
  | 'concentration_only';

/** Development stage 集中 → 集聚 → 集群 (seed essay 5). */
export type TruthStage = 'concentration' | 'agglomeration' | 'cluster';

/** Radiation level 辐射接受中心 → 向内辐射中心 → 向外辐射中心 (seed essay 5). */
export type TruthRadiation = 'receiving' | 'inward' | 'outward';

/** The six typologies of seed essay 2. */
export interface TruthTypology {
  mechanism: 'market-led' | 'government-led';
  factor: 'labour' | 'resource' | 'technology';
  industry: 'traditional' | 'high-tech';
  formation: 'spontaneous' | 'bottom-up' | 'top-down';
  structure: 'large-firm' | 'SME' | 'single-leader';
  innovation: 'imitative' | 'innovative';
}

export interface BilingualText {
  zh: string;
  en: string;
}

export interface TruthPlace {
  /** Region codes holding at least 5 % of the structure's firms, most firms first. */
  regions: string[];
  park: string | null;
  /** [lon, lat] of the planted centre. */
  center: [number, number];
  /** Radius (km) inside which the structure's local firms were placed. */
  radiusKm: number;
}

export interface PorkGroupTruth {
  id: string;
  name: BilingualText;
  /** Region code of the hub. */
  hubRegion: string;
  /** [lon, lat] of the hub. */
  hub: [number, number];
  radiusKm: number;
  firmCount: number;
  /** Id of the group's slaughter plant and processing plant (the leader's establishments). */
  leaderPlants: string[];
}

export interface ChainStageTruth {
  stage: string;
  industry: string;
  region: string;
  center: [number, number];
  firmCount: number;
}

export interface ConcentrationTruth {
  /** Industries over which the shares are taken. */
  industries: string[];
  /** Share of the three largest enterprise groups (establishments summed by parent) in output. */
  cr3Groups: number;
  /** Share of the three largest establishments in output. */
  cr3Establishments: number;
  /** Herfindahl–Hirschman index of enterprise-group output shares (0–1). */
  hhiGroups: number;
  brands: string[];
}

export interface TruthStructure {
  id: string;
  name: BilingualText;
  label: TruthLabel;
  /** null where the stage ladder does not apply (a chain, an aspatial concentration). */
  stage: TruthStage | null;
  /** null below the cluster stage and where no local structure radiates. */
  radiation: TruthRadiation | null;
  typology: TruthTypology | null;
  /** Core industries (GB/T 4754-2017 classes). */
  industries: string[];
  /** Supplier, service and trade industries planted with the core. */
  supportIndustries: string[];
  place: TruthPlace;
  /** Firms of the structure in its place (for a park: the firms inside it); far-away partners excluded. */
  firmCount: number;
  /** Firms planted far away to trade with the structure (OEM suppliers, remote partners), if any. */
  partnerFirmCount?: number;
  /** Institution ids placed for this structure. */
  institutions: string[];
  /** Planted annual growth of employment and output, 2015–2024 (e.g. 0.04 = 4 %/year). */
  growth: number;
  regionalBrand: string | null;
  /** Why it carries its label, with the seed's definition. */
  why: BilingualText;
  groups?: PorkGroupTruth[];
  chainStages?: ChainStageTruth[];
  /** Great-circle distances (km) between consecutive chain stages. */
  chainDistancesKm?: number[];
  concentration?: ConcentrationTruth;
}

export interface ScenarioTruth {
  generator: string;
  seed: number;
  scale: number;
  currentYear: number;
  /** [first, last] year of the regional statistics. */
  years: [number, number];
  structures: TruthStructure[];
}

export interface ScenarioCounts {
  firms: number;
  institutions: number;
  links: number;
  regions: number;
  parks: number;
  regionalStats: number;
}

export interface Scenario {
  seed: number;
  scale: number;
  currentYear: number;
  /** Study box [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
  firms: FirmTable;
  institutions: Institution[];
  links: LinkTable;
  /** County-level regions (with polygons), sorted by code. */
  regions: Region[];
  /** Prefectures and provinces of those regions (no polygons), sorted by code. */
  adminAreas: Region[];
  parks: Park[];
  regionalStats: RegionalStatTable;
  chainTemplates: ChainTemplate[];
  ioTable: IOTable;
  truth: ScenarioTruth;
  counts: ScenarioCounts;
}
