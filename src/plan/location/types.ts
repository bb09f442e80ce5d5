/** Inputs and outputs of hub siting (facility location) in the regional cluster network design. */

export interface Site {
  id: string;
  lon: number;
  lat: number;
  /** Optional capacity in demand-weight units (capacitated p-median/MCLP). */
  capacity?: number;
}

export interface Demand {
  id: string;
  lon: number;
  lat: number;
  /** Demand weight (e.g. market size); default 1. */
  weight?: number;
}

/** An existing facility of one chain stage (the Yurun condition checks hubs against these). */
export interface Facility {
  id: string;
  stage: string;
  lon: number;
  lat: number;
}

export type LocationModel = 'lscp' | 'mclp' | 'p-median' | 'p-center';

export interface LocationSolution {
  model: LocationModel;
  /** Chosen site ids, in input order. */
  hubs: string[];
  /** Demand id → assigned site id (the nearest chosen hub, or the model's assignment); null when uncovered. */
  assignment: Record<string, string | null>;
  /** The objective value as the model defines it (hub count, covered weight, weighted km, max km). */
  objective: number;
  /** Covered demand weight within the radius (when a radius applies), and total weight. */
  coveredWeight: number;
  totalWeight: number;
  /** Weighted sum of demand-to-hub distances (km) over assigned demand. */
  totalDistanceKm: number;
  maxDistanceKm: number;
  /** Solver status ('Optimal', …). */
  status: string;
  /** The relative MIP gap HiGHS was asked to close (it stops once the incumbent is proven within it; 0 for the exact p-center). */
  gapTolerance: number;
  /** p-center: the proven lower bound on the radius (equal to the objective when optimal). */
  lowerBound?: number;
}
