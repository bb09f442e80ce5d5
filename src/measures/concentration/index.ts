/** Market concentration of an industry over its firms' sizes (产业集中: aspatial). */
export { concentrationRatio, type ConcentrationRatioOptions } from './concentration-ratio.js';
export { herfindahl, type HerfindahlOptions, type HerfindahlValue } from './herfindahl.js';
export { lorenzCurve, type LorenzCurveOptions } from './lorenz-curve.js';
export { gini, type GiniOptions } from './gini.js';
export { theil, type TheilOptions } from './theil.js';
export { hallTideman, type HallTidemanOptions } from './hall-tideman.js';
export type { SizeMissing } from './check-sizes.js';
