/**
 * Chain covering — the Yurun condition (seed essay 4): every hub has every stage of the value
 * chain within the logistics radius (200 km by default), so the whole chain closes inside each
 * regional cluster. A site is *chain-complete* when, for every stage s, some facility of stage s
 * lies within R of it. Hubs are then chosen among chain-complete sites with any of the location
 * models (fewest hubs covering every market, p hubs covering the most demand, …).
 *
 * `chainCoverage` reports, for each site, the nearest facility of every stage and the stages it
 * lacks; it is also how a planner checks an existing network ("which group lacks a stage
 * within 200 km?"). O(sites × facilities).
 */
import { haversineKm } from '../../core/geo/index.js';
import { InputError } from '../../core/errors.js';
import { locateHubs, type LocationOptions } from './models.js';
import type { Demand, Facility, LocationSolution, Site } from './types.js';

export interface StageReach {
  stage: string;
  /** Nearest facility of this stage and its distance; null when the stage has no facility at all. */
  facility: string | null;
  distanceKm: number | null;
  withinRadius: boolean;
}

export interface SiteCoverage {
  site: string;
  stages: StageReach[];
  missing: string[];
  complete: boolean;
}

export function chainCoverage(sites: readonly Site[], facilities: readonly Facility[], stages: readonly string[], radiusKm = 200): SiteCoverage[] {
  if (stages.length === 0) throw new InputError('E_OPTION', 'chain covering: no chain stages given', { field: 'stages' });
  const known = new Set(facilities.map((f) => f.stage));
  const unknown = [...known].filter((s) => !stages.includes(s));
  if (unknown.length) throw new InputError('E_OPTION', `chain covering: facilities name stages not in the chain: ${unknown.join(', ')}`, { field: 'stage', value: unknown[0] });
  return sites.map((site) => {
    const reach = stages.map((stage): StageReach => {
      let best: Facility | null = null;
      let bestKm = Number.POSITIVE_INFINITY;
      for (const f of facilities) {
        if (f.stage !== stage) continue;
        const km = haversineKm(site.lon, site.lat, f.lon, f.lat);
        if (km < bestKm) { bestKm = km; best = f; }
      }
      return { stage, facility: best?.id ?? null, distanceKm: best ? bestKm : null, withinRadius: best !== null && bestKm <= radiusKm };
    });
    const missing = reach.filter((r) => !r.withinRadius).map((r) => r.stage);
    return { site: site.id, stages: reach, missing, complete: missing.length === 0 };
  });
}

export interface ChainHubSolution extends LocationSolution {
  coverage: SiteCoverage[];
  /** Sites left out because they are not chain-complete. */
  excluded: string[];
}

/** Choose hubs among chain-complete sites with one of the location models. */
export async function locateChainHubs(
  sites: readonly Site[], demands: readonly Demand[], facilities: readonly Facility[], stages: readonly string[], options: LocationOptions,
): Promise<ChainHubSolution> {
  const radiusKm = options.radiusKm ?? 200;
  const coverage = chainCoverage(sites, facilities, stages, radiusKm);
  const eligible = sites.filter((_, j) => coverage[j].complete);
  if (eligible.length === 0) {
    const counts = new Map<string, number>();
    for (const c of coverage) for (const s of c.missing) counts.set(s, (counts.get(s) ?? 0) + 1);
    const worst = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} (${n} sites)`);
    throw new InputError('E_INFEASIBLE', `chain covering: no candidate site has every chain stage within ${radiusKm} km; stages most often out of reach: ${worst.slice(0, 5).join(', ')}`, {
      field: 'radiusKm', value: radiusKm, missing: Object.fromEntries(counts),
    });
  }
  if (options.p !== undefined && options.p > eligible.length) {
    throw new InputError('E_INFEASIBLE', `chain covering: only ${eligible.length} chain-complete site(s), fewer than p = ${options.p}`, { field: 'p', value: options.p });
  }
  const solution = await locateHubs(eligible, demands, { ...options, distances: undefined });
  return { ...solution, coverage, excluded: coverage.filter((c) => !c.complete).map((c) => c.site) };
}
