/**
 * Code-shape rules of each industry classification: which strings are codes, at which level,
 * and how a code rolls up. Nothing here looks at a code list except the map from a two-digit
 * prefix to its level-1 code (a GB/T/ISIC division's section letter, a NAICS sector), which
 * cannot be read off the digits.
 *
 *   GB/T 4754-2017  section A–T | division 2 digits | group 3 | class 4       ('C1811' = '1811')
 *   ISIC Rev.4      section A–U | division 2 digits | group 3 | class 4
 *   NACE Rev.2      as ISIC; groups and classes may be written with a dot: '10.1', '10.11'
 *   NAICS 2017      sector 2 digits (31-33, 44-45, 48-49 as ranges) | subsector 3 | industry
 *                   group 4 | NAICS industry 5 | national industry 6
 *
 * Raw codes are cleaned before parsing: Unicode NFKC (full-width ＣＩ８ → ASCII, common in
 * Chinese spreadsheets), all whitespace removed, letters upper-cased, dash variants → '-'.
 */
import type { CodeSystem } from '../project.js';

/** A parsed raw code, or why it cannot be a code of the system. */
export type Parsed = { code: string; level: number } | { error: string };

export interface Scheme {
  readonly system: CodeSystem;
  readonly levels: readonly string[];
  /** Level number (1-based) of a level name or alias; undefined when unknown. */
  levelNumber(level: number | string): number | undefined;
  /** Parse a raw code; `top` maps a two-digit prefix to its level-1 code when known. */
  parse(raw: string, top: (prefix: string) => string | undefined): Parsed;
  /** The ancestor at `target` (≤ level of `code`) of a canonical code; undefined when unknown. */
  ancestor(code: string, level: number, target: number, top: (prefix: string) => string | undefined): string | undefined;
  /** Human description of the expected shapes, for messages. */
  readonly shapes: string;
  /** What the two-digit prefix of a numeric code is called: 'division' or 'sector'. */
  readonly prefixName: string;
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** NFKC, no whitespace, upper case, one kind of dash. */
export function cleanRaw(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(DASHES, '-').toUpperCase();
}

function levelNumberFrom(levels: readonly string[], aliases: Readonly<Record<string, number>>) {
  const byKey = new Map<string, number>();
  levels.forEach((name, i) => byKey.set(key(name), i + 1));
  for (const [alias, n] of Object.entries(aliases)) byKey.set(key(alias), n);
  return (level: number | string): number | undefined => {
    if (typeof level === 'number') return Number.isInteger(level) && level >= 1 && level <= levels.length ? level : undefined;
    return byKey.get(key(level));
  };
}

function key(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_\-]+/g, '');
}

/**
 * Section-letter systems (GB/T 4754, ISIC, NACE): letter | 2 | 3 | 4 digits; a letter prefix on
 * a numeric code is dropped after checking it against the division's section.
 */
function letteredScheme(
  system: CodeSystem,
  lastLetter: string,
  allowDots: boolean,
  aliases: Readonly<Record<string, number>>,
): Scheme {
  const levels = ['section', 'division', 'group', 'class'] as const;
  const letter = new RegExp(`^[A-${lastLetter}]$`);
  const numeric = allowDots
    ? new RegExp(`^([A-${lastLetter}])?(\\d{2})(?:\\.?(\\d)(\\d)?)?$`)
    : new RegExp(`^([A-${lastLetter}])?(\\d{2})(\\d)?(\\d)?$`);
  const shapes = allowDots
    ? `a section letter A–${lastLetter}, or 2–4 digits optionally prefixed by the section letter (C10, 10.1, 10.11, C1011)`
    : `a section letter A–${lastLetter}, or 2–4 digits optionally prefixed by the section letter (C18, 181, C1811)`;
  return {
    system,
    levels,
    shapes,
    prefixName: 'division',
    levelNumber: levelNumberFrom(levels, aliases),
    parse(raw, top) {
      const s = cleanRaw(raw);
      if (letter.test(s)) return { code: s, level: 1 };
      const m = numeric.exec(s);
      if (!m) return { error: `"${raw}" is not a ${system} code: expected ${shapes}` };
      const [, prefix, division, g, c] = m;
      const code = division + (g ?? '') + (c ?? '');
      if (prefix !== undefined) {
        const section = top(division);
        if (section !== undefined && section !== prefix) {
          return { error: `"${raw}": section letter ${prefix} contradicts division ${division}, which is in section ${section}` };
        }
      }
      return { code, level: code.length };
    },
    ancestor(code, level, target, top) {
      if (target > level || target < 1) return undefined;
      if (target === level) return code;
      if (target === 1) return top(code.slice(0, 2));
      return code.slice(0, target);
    },
  };
}

/** NAICS: 2–6 digits (level = digits − 1); the sectors 31-33, 44-45, 48-49 are written as ranges. */
function naicsScheme(): Scheme {
  const levels = ['sector', 'subsector', 'industryGroup', 'industry', 'nationalIndustry'] as const;
  const shapes = '2–6 digits, or one of the sector ranges 31-33, 44-45, 48-49';
  return {
    system: 'NAICS 2017',
    levels,
    shapes,
    prefixName: 'sector',
    levelNumber: levelNumberFrom(levels, { 'industry group': 3, 'naics industry': 4, 'national industry': 5 }),
    parse(raw, top) {
      const s = cleanRaw(raw);
      const range = /^(\d{2})-(\d{2})$/.exec(s);
      if (range) {
        const sector = top(range[1]);
        if (sector === s) return { code: s, level: 1 };
        return { error: `"${raw}" is not a NAICS 2017 code: the only sector ranges are 31-33, 44-45 and 48-49` };
      }
      if (!/^\d{2,6}$/.test(s)) return { error: `"${raw}" is not a NAICS 2017 code: expected ${shapes}` };
      if (s.length === 2) return { code: top(s) ?? s, level: 1 };
      return { code: s, level: s.length - 1 };
    },
    ancestor(code, level, target, top) {
      if (target > level || target < 1) return undefined;
      if (target === level) return code;
      if (target === 1) return top(code.slice(0, 2));
      return code.slice(0, target + 1);
    },
  };
}

const SCHEMES: Readonly<Record<CodeSystem, Scheme>> = {
  'GB/T 4754-2017': letteredScheme('GB/T 4754-2017', 'T', false, { 门类: 1, 大类: 2, 中类: 3, 小类: 4 }),
  'ISIC Rev.4': letteredScheme('ISIC Rev.4', 'U', true, {}),
  'NACE Rev.2': letteredScheme('NACE Rev.2', 'U', true, {}),
  'NAICS 2017': naicsScheme(),
};

export function schemeOf(system: CodeSystem): Scheme {
  return SCHEMES[system];
}
