/** Specialisation of regions: location quotients, Krugman and Hoover indices, regional Herfindahl. */
export { locationQuotient, type LocationQuotientOptions } from './location-quotient.js';
export { krugmanIndex, type KrugmanIndexOptions } from './krugman-index.js';
export { hooverIndex, type HooverIndexOptions } from './hoover-index.js';
export { regionalHerfindahl, type RegionalHerfindahlOptions } from './regional-herfindahl.js';
