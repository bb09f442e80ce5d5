export { skater, type SkaterOptions, type SkaterResult } from './skater.js';
export { hubRegions, type HubRegionsOptions, type HubRegionsResult } from './hub-regions.js';
