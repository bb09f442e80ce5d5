/**
 * Build a `Classification` (lookup, normalisation, roll-up, validation) from a system's shape
 * rules and a list of entries.
 *
 * validate(raw), the rule:
 *   1. the raw code must parse (`normalize`) — otherwise 'bad_format';
 *   2. a listed code is accepted, checkedTo = its level;
 *   3. with a complete list nothing else is accepted — 'unknown_code';
 *   4. with an incomplete list (the shipped lists stop at division / subsector) walk up to the
 *      nearest listed ancestor A: if the list enumerates A's children (some child of A is
 *      listed), the code should have been among them — 'unknown_code'; otherwise the list just
 *      does not go deeper there and the code is accepted with checkedTo = level of A;
 *      no listed ancestor at all — 'unknown_code'.
 * So with the shipped GB/T list '1811' is accepted (checkedTo 2: division 18 exists) and '9999'
 * is rejected (there is no division 99).
 *
 * Complexity: building O(n) for n entries; every call O(levels) Map look-ups; validate results
 * are memoised per raw string (it is called once per distinct code, but callers need not care).
 */
import type { CodeSystem } from '../project.js';
import type { Classification, IndustryCode, ValidationResult } from './types.js';
import type { Scheme } from './schemes.js';

/** Distinct raw strings remembered by validate() before the memo starts afresh. */
const MEMO_LIMIT = 100_000;

export interface ClassificationParts {
  scheme: Scheme;
  /** Entries; codes must already be canonical and levels consistent with the scheme. */
  entries: readonly IndustryCode[];
  /** Two-digit prefix → level-1 code (GB/T/ISIC division → section letter; NAICS prefix → sector). */
  top: ReadonlyMap<string, string>;
  complete: boolean;
}

export function makeClassification(parts: ClassificationParts): Classification {
  const { scheme, top, complete } = parts;
  const system: CodeSystem = scheme.system;
  const topOf = (prefix: string) => top.get(prefix);
  const sorted = [...parts.entries].sort((a, b) => a.level - b.level || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const frozen = Object.freeze(sorted.map((e) => Object.freeze({ ...e })));
  const byCode = new Map<string, IndustryCode>();
  for (const e of frozen) byCode.set(e.code, e);
  const hasChildren = new Set<string>();
  for (const e of frozen) if (e.parent !== undefined) hasChildren.add(e.parent);
  const memo = new Map<string, ValidationResult>();

  const normalize = (raw: string): string | undefined => {
    if (typeof raw !== 'string') return undefined;
    const p = scheme.parse(raw, topOf);
    return 'error' in p ? undefined : p.code;
  };

  const levelOf = (code: string): number | undefined => {
    if (typeof code !== 'string') return undefined;
    const p = scheme.parse(code, topOf);
    return 'error' in p ? undefined : p.level;
  };

  const rollUp = (code: string, level: number | string): string | undefined => {
    const target = scheme.levelNumber(level);
    if (target === undefined || typeof code !== 'string') return undefined;
    const p = scheme.parse(code, topOf);
    if ('error' in p) return undefined;
    return scheme.ancestor(p.code, p.level, target, topOf);
  };

  const label = (level: number, code: string) => `${system} ${scheme.levels[level - 1]} ${code}`;

  const check = (raw: string): ValidationResult => {
    const p = typeof raw === 'string' ? scheme.parse(raw, topOf) : { error: `not a string: ${String(raw)}` };
    if ('error' in p) return { ok: false, reason: 'bad_format', detail: p.error };
    const { code, level } = p;
    if (byCode.has(code)) return { ok: true, code, checkedTo: level };
    if (complete) return { ok: false, reason: 'unknown_code', detail: `${label(level, code)} is not in the (complete) code list` };
    for (let k = level - 1; k >= 1; k--) {
      const ancestor = scheme.ancestor(code, level, k, topOf);
      if (ancestor === undefined) {
        // Only level 1 can be unknown here: the two-digit prefix maps to no section/sector.
        return { ok: false, reason: 'unknown_code', detail: `${label(level, code)}: ${scheme.prefixName} ${code.slice(0, 2)} does not exist` };
      }
      if (byCode.has(ancestor)) {
        if (hasChildren.has(ancestor)) {
          return { ok: false, reason: 'unknown_code', detail: `${label(level, code)} is not listed under ${label(k, ancestor)}` };
        }
        return { ok: true, code, checkedTo: k };
      }
    }
    return { ok: false, reason: 'unknown_code', detail: `${label(level, code)} does not exist` };
  };

  return {
    system,
    levels: scheme.levels,
    complete,
    entries: () => frozen,
    get: (code) => {
      const c = normalize(code);
      return c === undefined ? undefined : byCode.get(c);
    },
    normalize,
    levelOf,
    rollUp,
    validate(raw) {
      let r = memo.get(raw);
      if (r === undefined) {
        r = check(raw);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(raw, r);
      }
      return r;
    },
  };
}
