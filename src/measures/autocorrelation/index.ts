/** Spatial autocorrelation: global Moran's I and Geary's C, local Moran (LISA), Getis–Ord Gᵢ/G*ᵢ. */
export type { MoranOptions } from './moran.js';
export type { GlobalTestInference, LocalTestInference, NormalTest, PermutationTest, TestAlternative } from '../result.js';
export { moran } from './moran.js';
export type { GearyOptions } from './geary.js';
export { geary } from './geary.js';
export type { LocalValue, MoranLocalOptions, MoranLocalValue, Quadrant } from './moran-local.js';
export { moranLocal } from './moran-local.js';
export type { GetisOrdLocalOptions, GetisOrdLocalValue } from './getis-ord-local.js';
export { getisOrdLocal } from './getis-ord-local.js';
export type { IslandPolicy, LocalPermutationTests, LocalTests } from './common.js';
export { normalPValue, normalUpperTail } from '../../core/normal-tail.js';
