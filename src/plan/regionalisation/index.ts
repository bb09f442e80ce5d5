export { skater, type SkaterOptions, type SkaterResult } from './skater.js';
