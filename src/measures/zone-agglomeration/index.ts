/** Zone-based agglomeration of industries (产业集聚 over areal units): locational Gini, EG γ, EG co-agglomeration, Maurel–Sédillot. */
export { locationalGini, type LocationalGiniOptions } from './locational-gini.js';
export { ellisonGlaeser, type EllisonGlaeserOptions, type EllisonGlaeserValue } from './ellison-glaeser.js';
export { coagglomeration, type CoagglomerationOptions } from './coagglomeration.js';
export { maurelSedillot, type MaurelSedillotOptions } from './maurel-sedillot.js';
