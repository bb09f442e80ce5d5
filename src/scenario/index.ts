/**
 * The deterministic demo scenario: a synthetic study area modelled on the clusters the seed
 * essays name (Wenzhou, Yueqing, Huangyan, Keqiao, Haining, Qingdao-style appliances, a
 * Kunshan-style park, a long-distance chain, a link-less agglomeration and a Yurun-style pork
 * network), with its ground truth. See docs/demo-scenario.md.
 */
export { generateScenario, SCENARIO_GENERATOR } from './generate.js';
export { writeScenario, scenarioProject, FIRM_COLUMNS } from './write.js';
export { writeRegisterVariant, registerVariant, demoCreditCode, REGISTER_FILE } from './register.js';
export { FirmTable, LinkTable, RegionalStatTable, LINK_TYPES, OWNERSHIPS, ROLES, firmId, institutionId } from './tables.js';
export { INDUSTRIES, IO_SECTORS, type IndustryInfo } from './industries.js';
export { getGeography, LOCATE_MARGIN, type Geography, type RegionShape } from './geography.js';
export type * from './types.js';
