/** Spatial weights: CSR structure, builders (contiguity, knn, distance), styles and structure reports. */
export type { NeighbourLists, SpatialWeights, WeightsKind, WeightsStyle } from './spatial-weights.js';
export { cardinalities, fromNeighbourLists, includeSelf, isSymmetric, neighbourSets, restyle, spatialLag, subsetWeights, weightOf } from './spatial-weights.js';
export type { ContiguityOptions, RegionPolygon } from './contiguity.js';
export { contiguityWeights, DEFAULT_SNAP } from './contiguity.js';
export type { DistanceMetric, RegionPoints } from './points.js';
export type { KnnOptions } from './knn.js';
export { knnWeights } from './knn.js';
export type { DistanceBandOptions } from './distance-band.js';
export { distanceBandWeights } from './distance-band.js';
export { regionPoints } from './region-points.js';
export type { WeightsReport } from './weights-report.js';
export { weightsReport } from './weights-report.js';
