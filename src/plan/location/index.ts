export type { Demand, Facility, LocationModel, LocationSolution, Site } from './types.js';
export { distanceMatrix } from './distances.js';
export { buildLocationLp, coverageGaps, locateHubs, type LocationOptions } from './models.js';
export { chainCoverage, locateChainHubs, type ChainHubSolution, type SiteCoverage, type StageReach } from './chain-covering.js';
export { solveLp, type LpResult, type SolveOptions } from './solve-lp.js';
