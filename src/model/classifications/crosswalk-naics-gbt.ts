/**
 * NAICS 2017 → GB/T 4754-2017 division through ISIC Rev.4: the shipped NAICS → ISIC division table
 * (`crosswalk-naics-isic.ts`) chained with the shipped ISIC ↔ GB/T division table
 * (`crosswalk-isic-gbt.ts`) by `chainCrosswalks`, so that a category file, an IO table's sector
 * map or sizes defined on NAICS codes can be moved to GB/T divisions without a user table.
 *
 *   share(n → g) = Σ_i share(n → i) · share(i → g)
 *
 * n: a NAICS code as given; i: an ISIC division; g: a GB/T division. Neither table has weights, so
 * every split is an equal split (1/k over a code's k links) and marked `weightsKnown: false`: the
 * shares say where a code may go, not how much of it goes there. Both tables are approximate at
 * division level; so is the chain. A NAICS code that resolves to no ISIC division gets no link
 * (`allocateThrough` counts it as unmapped). Every ISIC division the NAICS table reaches has a
 * GB/T row, so nothing is lost in the middle (`lost` is empty; tested).
 * Time O(codes · rows of both tables).
 *
 * @example
 *   naicsGbtChain(['336111']).links // [{ from: '336111', to: '36', share: 1, weightsKnown: true }]
 */
import { chainCrosswalks, isicGbtCrosswalk, type Chained } from './crosswalk-chain.js';
import { crosswalkIsicGbt } from './crosswalk-isic-gbt.js';
import { naicsIsicCrosswalk } from './crosswalk-naics-isic.js';

/** The NAICS → ISIC → GB/T division chain for the given NAICS codes (links keyed by the codes as given). */
export function naicsGbtChain(codes: Iterable<string>): Chained {
  return chainCrosswalks(naicsIsicCrosswalk(codes), isicGbtCrosswalk(crosswalkIsicGbt(), 'isic-to-gbt'));
}
