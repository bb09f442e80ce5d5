export { industryProximity } from './industry-proximity.js';
export { relatednessDensity } from './relatedness-density.js';
