/** Linkages family: input–output analysis (pure functions over typed arrays). */
export type { IoData } from './types.js';
export { technicalCoefficients } from './technical-coefficients.js';
export { allocationCoefficients } from './allocation-coefficients.js';
export { leontiefInverse } from './leontief-inverse.js';
export { ghoshInverse } from './ghosh-inverse.js';
export { outputMultipliers, type OutputMultipliersOptions } from './output-multipliers.js';
export { rasmussenHirschman, type RasmussenHirschmanOptions, type RasmussenHirschmanValue, type ForwardConvention, type KeySectorClass } from './rasmussen-hirschman.js';
export { hypotheticalExtraction, type HypotheticalExtractionValue } from './hypothetical-extraction.js';
export { regionaliseCoefficients, type RegionaliseOptions, type RegionalisedTable, type RegionalisationMethod } from './regionalise-coefficients.js';
