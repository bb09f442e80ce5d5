/**
 * The shipped code lists as `Classification`s: GB/T 4754-2017, ISIC Rev.4 and NACE Rev.2 down to
 * division (20/97, 21/88, 21/88 codes), NAICS 2017 down to subsector (20/99). None is complete
 * (`complete: false`): finer codes are validated against their division / subsector only.
 *
 * @example
 *   const gbt = builtinClassification('GB/T 4754-2017');
 *   gbt.rollUp('C1811', 'section') // 'C'
 *   gbt.validate('1811')           // { ok: true, code: '1811', checkedTo: 2 }
 */
import { InputError } from '../../core/errors.js';
import { CodeSystem } from '../project.js';
import { makeClassification } from './classification.js';
import { GBT_DIVISIONS, GBT_SECTIONS } from './gbt4754-2017.js';
import { ISIC_DIVISIONS, ISIC_SECTIONS } from './isic-rev4.js';
import { NACE_DIVISIONS, NACE_SECTIONS } from './nace-rev2.js';
import { NAICS_SECTORS, NAICS_SUBSECTORS } from './naics-2017.js';
import { schemeOf } from './schemes.js';
import type { Classification, IndustryCode } from './types.js';

export interface BuiltinList {
  entries: IndustryCode[];
  /** Two-digit prefix → level-1 code. */
  top: Map<string, string>;
}

const two = (n: number) => String(n).padStart(2, '0');

function lettered(
  sections: ReadonlyArray<readonly [string, string, string, number, number]>,
  divisions: ReadonlyArray<readonly [string, string, string]>,
): BuiltinList {
  const entries: IndustryCode[] = [];
  const top = new Map<string, string>();
  for (const [code, name, nameEn, first, last] of sections) {
    entries.push({ code, level: 1, levelName: 'section', name, nameEn });
    for (let d = first; d <= last; d++) top.set(two(d), code);
  }
  for (const [code, name, nameEn] of divisions) {
    const parent = top.get(code);
    if (parent === undefined) throw new Error(`builtin: division ${code} lies in no section range`);
    entries.push({ code, level: 2, levelName: 'division', parent, name, nameEn });
  }
  return { entries, top };
}

/** English-only lists: nameEn = name. */
const english = (rows: ReadonlyArray<readonly [string, string]>) => rows.map(([code, name]) => [code, name, name] as const);

function naics(): BuiltinList {
  const entries: IndustryCode[] = [];
  const top = new Map<string, string>();
  for (const [code, name, prefixes] of NAICS_SECTORS) {
    entries.push({ code, level: 1, levelName: 'sector', name, nameEn: name });
    for (const p of prefixes) top.set(p, code);
  }
  for (const [code, name] of NAICS_SUBSECTORS) {
    const parent = top.get(code.slice(0, 2));
    if (parent === undefined) throw new Error(`builtin: NAICS subsector ${code} lies in no sector`);
    entries.push({ code, level: 2, levelName: 'subsector', parent, name, nameEn: name });
  }
  return { entries, top };
}

const LISTS: Record<CodeSystem, () => BuiltinList> = {
  'GB/T 4754-2017': () => lettered(GBT_SECTIONS, GBT_DIVISIONS),
  'ISIC Rev.4': () =>
    lettered(
      ISIC_SECTIONS.map(([c, n, f, l]) => [c, n, n, f, l] as const),
      english(ISIC_DIVISIONS),
    ),
  'NACE Rev.2': () =>
    lettered(
      NACE_SECTIONS.map(([c, n, f, l]) => [c, n, n, f, l] as const),
      english(NACE_DIVISIONS),
    ),
  'NAICS 2017': naics,
};

const cache = new Map<CodeSystem, Classification>();

/** A fresh copy of a system's shipped entries and prefix map (for merging a loaded file over it). */
export function builtinList(system: CodeSystem): BuiltinList {
  const make = LISTS[system];
  if (make === undefined) throw unknownSystem(system);
  return make();
}

/** The shipped list of a code system (sections/divisions, or NAICS sectors/subsectors). */
export function builtinClassification(system: CodeSystem): Classification {
  let c = cache.get(system);
  if (c === undefined) {
    const { entries, top } = builtinList(system);
    c = makeClassification({ scheme: schemeOf(system), entries, top, complete: false });
    cache.set(system, c);
  }
  return c;
}

export function unknownSystem(system: unknown): InputError {
  return new InputError(
    'E_CODE_SYSTEM',
    `cluster-atlas classifications: unknown industry code system ${JSON.stringify(system)}; expected one of ${CodeSystem.options.join(', ')}`,
    { field: 'industryCodeSystem', value: system },
  );
}
