/**
 * NACE Rev.2 (Statistical classification of economic activities in the European Community,
 * Regulation (EC) No 1893/2006): sections A–U and divisions 01–99.
 *
 * NACE Rev.2 was derived from ISIC Rev.4 and is identical to it at section and division level
 * (same 21 letters, same 88 two-digit codes, same scope); the titles differ only in British
 * spelling ('organisation', 'specialised'). We therefore alias the ISIC Rev.4 lists and respell.
 * The two systems part ways below division level (NACE adds or splits some groups and classes,
 * written with a dot: 10.11), so a NACE list of groups/classes must be loaded from a file.
 * Source: Eurostat, NACE Rev.2 — Statistical classification of economic activities in the
 * European Community (2008), https://ec.europa.eu/eurostat/web/nace.
 */
import { ISIC_DIVISIONS, ISIC_SECTIONS } from './isic-rev4.js';

/** ISIC's American spellings → NACE's British ones (only these occur in section/division titles). */
function respell(title: string): string {
  return title.replace(/organization/g, 'organisation').replace(/Specialized/g, 'Specialised');
}

/** [letter, English title, first division, last division] */
export const NACE_SECTIONS: ReadonlyArray<readonly [string, string, number, number]> = ISIC_SECTIONS.map(
  ([code, title, first, last]) => [code, respell(title), first, last] as const,
);

/** [code, English title] */
export const NACE_DIVISIONS: ReadonlyArray<readonly [string, string]> = ISIC_DIVISIONS.map(
  ([code, title]) => [code, respell(title)] as const,
);
