/** Shift-share decompositions of regional growth between two years. */
export { shiftShare, type ShiftShareOptions, type ShiftShareValue } from './shift-share.js';
export { estebanMarquillas, type EstebanMarquillasOptions, type EstebanMarquillasValue } from './esteban-marquillas.js';
