/**
 * Regional cluster network check (the Yurun model, seed essay 4): split a value chain's firms into
 * regional groups with hub regionalisation (`hubRegions`, p-median hubs on great-circle
 * distance), then apply the chain-covering condition to every group's hub: which stages of the
 * chain have no firm within the logistics radius (default 200 km) of the hub.
 *
 *   group(f) = the hub nearest firm f, hubs = the p-median of the chain's firms (k groups)
 *   lacksₛ(g) ⇔ min_{f serves s} d(hub_g, f) > R
 *
 * A firm serves stage s when its industry code equals or starts with one of s's codes (a leading
 * section letter, 'C1351', is ignored), as in `chainCompleteness`. The facilities checked are all
 * the chain's firms, not only the group's own: a stage within reach of the hub counts wherever
 * the regionalisation put the firm. Each group also reports how many of its own firms serve each
 * stage, so "present in the group" and "within reach of the hub" can be told apart.
 * Degenerate: no firm, or a template with no stage, throws E_DEGENERATE/E_OPTION.
 * Complexity: that of `hubRegions` plus O(k · firms).
 * Checked: test/plan-network.test.ts (the demo's seven planted pork groups; a stage removed from
 * one group is reported for exactly that group).
 */
import { InputError } from '../../core/errors.js';
import type { ChainFirms } from '../../data/chain-firms.js';
import { chainCoverage, type StageReach } from '../location/chain-covering.js';
import { hubRegions, type HubRegionsOptions, type HubRegionsResult } from '../regionalisation/hub-regions.js';

export type { ChainFirms } from '../../data/chain-firms.js';

export interface ClusterNetworkStage { id: string; name?: string; industries: readonly string[] }

export interface ClusterNetworkOptions extends HubRegionsOptions {
  radiusKm?: number;
}

export interface ClusterNetworkGroup {
  /** 'G1', 'G2', … numbered west to east by hub. */
  id: string;
  hub: { id: string; lon: number; lat: number };
  firms: number;
  weight: number;
  /** Weight share of the group's firms within the radius of its hub. */
  withinRadius: number;
  /** Farthest member from the hub (km). */
  maxDistanceKm: number;
  /** The group's own firms serving each stage. */
  stageFirms: Record<string, number>;
  /** Nearest firm of each stage to the hub (any group) and whether it is within the radius. */
  reach: StageReach[];
  /** Stages with no firm within the radius of the hub. */
  lacking: string[];
}

export interface ClusterNetworkResult {
  radiusKm: number;
  stages: string[];
  groups: ClusterNetworkGroup[];
  /** Firm id → group id. */
  assignment: Record<string, string>;
  /** Σ weight × km from every firm to its group's hub (the p-median objective, a logistics cost). */
  totalDistanceKm: number;
  selection: HubRegionsResult['selection'];
  warnings: string[];
  provenance: { method: 'planClusterNetwork'; options: Record<string, unknown>; references: string[] };
}

const strip = (code: string): string => code.trim().replace(/^[A-Za-z](?=\d)/, '');

/** Stage indices each industry code serves (prefix match). */
export function stagesOf(code: string, stages: readonly ClusterNetworkStage[]): number[] {
  const c = strip(code);
  const out: number[] = [];
  stages.forEach((s, k) => { if (s.industries.some((p) => c.startsWith(strip(p)))) out.push(k); });
  return out;
}

export function planClusterNetwork(firms: ChainFirms, stages: readonly ClusterNetworkStage[], options: ClusterNetworkOptions = {}): ClusterNetworkResult {
  const radiusKm = options.radiusKm ?? 200;
  const n = firms.ids.length;
  if (!stages.length) throw new InputError('E_OPTION', 'planClusterNetwork: the chain has no stages', { field: 'stages' });
  if (firms.industry.length !== n || firms.lon.length !== n || firms.lat.length !== n || firms.weight.length !== n) {
    throw new InputError('E_OPTION', `planClusterNetwork: ids, industry, lon, lat and weight must have one entry per firm (${n})`, { field: 'firms' });
  }
  if (n === 0) throw new InputError('E_DEGENERATE', 'planClusterNetwork: no firm of the chain\'s industries', { field: 'firms', value: 0 });
  const serves = firms.industry.map((c) => stagesOf(c, stages));
  const unmatched = serves.filter((s) => s.length === 0).length;
  if (unmatched) throw new InputError('E_OPTION', `planClusterNetwork: ${unmatched} firm(s) serve no stage of the chain (first: ${firms.ids[serves.findIndex((s) => !s.length)]})`, { field: 'industry' });
  const regions = hubRegions(firms.lon, firms.lat, firms.weight, { ...options, radiusKm });
  const facilities: { id: string; stage: string; lon: number; lat: number }[] = [];
  for (let i = 0; i < n; i++) for (const s of serves[i]) facilities.push({ id: firms.ids[i], stage: stages[s].id, lon: firms.lon[i], lat: firms.lat[i] });
  const stageIds = stages.map((s) => s.id);
  const hubs = Array.from(regions.hubs, (h) => ({ id: firms.ids[h], lon: firms.lon[h], lat: firms.lat[h] }));
  const coverage = chainCoverage(hubs, facilities, stageIds, radiusKm);
  const groups: ClusterNetworkGroup[] = hubs.map((hub, g) => ({
    id: `G${g + 1}`, hub, firms: 0, weight: 0, withinRadius: regions.withinRadius[g], maxDistanceKm: 0,
    stageFirms: Object.fromEntries(stageIds.map((s) => [s, 0])), reach: coverage[g].stages, lacking: coverage[g].missing,
  }));
  const assignment: Record<string, string> = {};
  let totalDistanceKm = 0;
  for (let i = 0; i < n; i++) {
    totalDistanceKm += firms.weight[i] * regions.distanceKm[i];
    const g = groups[regions.groups[i]];
    g.firms++;
    g.weight += firms.weight[i];
    g.maxDistanceKm = Math.max(g.maxDistanceKm, regions.distanceKm[i]);
    for (const s of serves[i]) g.stageFirms[stageIds[s]]++;
    assignment[firms.ids[i]] = g.id;
  }
  return {
    radiusKm, stages: stageIds, groups, assignment, totalDistanceKm, selection: regions.selection, warnings: regions.warnings,
    provenance: {
      method: 'planClusterNetwork', options: { ...regions.provenance.options, radiusKm },
      references: [...regions.provenance.references, 'Toregas, C. et al. (1971) Operations Research 19(6):1363–1373, doi:10.1287/opre.19.6.1363'],
    },
  };
}
