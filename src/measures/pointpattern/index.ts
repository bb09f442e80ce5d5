/** Distance-based agglomeration: K-density, Ripley's K/L, cross-type K, Marcon–Puech M and m, footprints. */
export { kDensity, kDensityAsync, kDensitySimulate, type KDensityCurve, type KDensityOptions, type KdNullModel, type KdTask, type MaxRange, type SimulationRunner } from './k-density.js';
export { ripleyK, ripleyKAsync, ripleySimulate, type RipleyCurve, type RipleyKOptions, type RipleySimulationRunner, type RipleyTask } from './ripley-k.js';
export { ripleyL, ripleyLAsync } from './ripley-l.js';
export { simulationRng } from './simulation-rng.js';
export { crossK, type CrossKOptions } from './cross-k.js';
export { mFunction, type MFunctionOptions } from './m-function.js';
export { mDensity, mDensityAsync, mDensitySimulate, type MDensityCurve, type MDensityOptions, type MDensitySimulationRunner, type MDensityTask } from './m-density.js';
export { dbscan, type DbscanOptions, type DbscanResult } from './dbscan.js';
export { footprints, type FootprintCollection, type FootprintFeature, type FootprintsOptions } from './footprints.js';
export { convexHull } from '../../core/geo/convex-hull.js';
export { concaveHull, type ConcaveHullOptions, type ConcaveHullResult } from './concave-hull.js';
export { bandwidthNrd0 } from './bandwidth.js';
export { kDensityFromHistogram, ripleyCountsFromHistogram, type KDensityFromHistogramOptions, type RipleyCounts } from './pair-histogram.js';
export type { Curve } from './curve.js';
export type { Correction } from './k-engine.js';
