export type { Demand, Facility, LocationModel, LocationSolution, Site } from './types.js';
export { distanceMatrix, greatCircleMatrix } from './distances.js';
export { pMedianHeuristic, type PMedianHeuristicOptions, type PMedianSolution } from './p-median-heuristic.js';
export { pMedianLagrangian, type PMedianBoundedSolution, type PMedianLagrangianOptions } from './p-median-lagrangian.js';
export { buildLocationLp, coverageGaps, locateHubs, type LocationOptions } from './models.js';
export { chainCoverage, locateChainHubs, type ChainHubSolution, type SiteCoverage, type StageReach } from './chain-covering.js';
export { solveLp, type LpResult, type SolveOptions } from './solve-lp.js';
export { greedyPCenter, pCenterExact, type PCenterResult } from './p-center.js';
