/**
 * Industry classifications: the shipped code lists (GB/T 4754-2017, ISIC Rev.4, NACE Rev.2 to
 * division; NAICS 2017 to subsector), code normalisation / roll-up / validation, loading a full
 * code list or a crosswalk table from CSV, industry names → codes, the ISIC ↔ GB/T and NAICS → ISIC
 * division crosswalks, chaining crosswalks (NAICS → ISIC → GB/T) with the loss reported.
 * See docs/classifications.md.
 */
export type { Classification, IndustryCode, ValidationResult, IsicGbtRow, NaicsIsicRow, CrosswalkRow } from './types.js';
export { builtinClassification } from './builtin.js';
export { crosswalkIsicGbt } from './crosswalk-isic-gbt.js';
export { crosswalkNaicsIsic, resolveNaicsIsic, naicsIsicCrosswalk, type NaicsIsicResolution } from './crosswalk-naics-isic.js';
export { naicsGbtChain } from './crosswalk-naics-gbt.js';
export {
  allocateThrough, chainCrosswalks, crosswalkShares, isicGbtCrosswalk, translateCategories,
  type Allocation, type Chained, type ShareLink, type TranslatedCode,
} from './crosswalk-chain.js';
export { GBT_SECTIONS, GBT_DIVISIONS } from './gbt4754-2017.js';
export { resolveIndustryText, industryNameKey, looksLikeName, type IndustryTextResolution, type IndustryNameReason } from './industry-names.js';
export { ISIC_SECTIONS, ISIC_DIVISIONS } from './isic-rev4.js';
export { NACE_SECTIONS, NACE_DIVISIONS } from './nace-rev2.js';
export { NAICS_SECTORS, NAICS_SUBSECTORS } from './naics-2017.js';
