/**
 * Industry classifications: the shipped code lists (GB/T 4754-2017, ISIC Rev.4, NACE Rev.2 to
 * division; NAICS 2017 to subsector), code normalisation / roll-up / validation, loading a full
 * code list or a crosswalk table from CSV, industry names → codes, and the ISIC ↔ GB/T division crosswalk.
 * See docs/classifications.md.
 */
export type { Classification, IndustryCode, ValidationResult, IsicGbtRow, CrosswalkRow } from './types.js';
export { builtinClassification } from './builtin.js';
export { crosswalkIsicGbt } from './crosswalk-isic-gbt.js';
export { GBT_SECTIONS, GBT_DIVISIONS } from './gbt4754-2017.js';
export { resolveIndustryText, industryNameKey, looksLikeName, type IndustryTextResolution, type IndustryNameReason } from './industry-names.js';
export { ISIC_SECTIONS, ISIC_DIVISIONS } from './isic-rev4.js';
export { NACE_SECTIONS, NACE_DIVISIONS } from './nace-rev2.js';
export { NAICS_SECTORS, NAICS_SUBSECTORS } from './naics-2017.js';
