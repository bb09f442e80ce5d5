/** Distance-based agglomeration: K-density, Ripley's K/L, cross-type K, Marcon–Puech M, footprints. */
export { kDensity, kDensityAsync, kDensitySimulate, type KDensityCurve, type KDensityOptions, type KdNullModel, type KdTask, type MaxRange, type SimulationRunner } from './k-density.js';
export { ripleyK, type RipleyCurve, type RipleyKOptions } from './ripley-k.js';
export { ripleyL } from './ripley-l.js';
export { crossK, type CrossKOptions } from './cross-k.js';
export { mFunction, type MFunctionOptions } from './m-function.js';
export { dbscan, type DbscanOptions, type DbscanResult } from './dbscan.js';
export { footprints, convexHull, type FootprintCollection, type FootprintFeature, type FootprintsOptions } from './footprints.js';
export { bandwidthNrd0 } from './bandwidth.js';
export type { Curve } from './curve.js';
export type { Correction } from './k-engine.js';
