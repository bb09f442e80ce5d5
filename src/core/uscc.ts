/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the
 * 31-character set 0-9 A-Z without I O S V Z.
 *
 *   pos 1     registration authority (登记管理部门): 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他, …
 *   pos 2     entity type within that authority (9-1 企业, 9-2 个体工商户, 9-3 农民专业合作社, …)
 *   pos 3–8   GB/T 2260 division code of the registering authority, digits, fixed at issue
 *   pos 9–17  the organisation code (GB 11714) with its own check character at pos 17:
 *             weights 3,7,9,10,5,8,4,2 on pos 9–16, C = 11 − (Σ mod 11), 10 → X, 11 → 0
 *   pos 18    check character: C18 = 31 − (Σ_{i=1..17} value(Ci)·3^(i−1) mod 31) mod 31, 31 → 0
 *
 * Passing both checks proves the format only, not that the entity is registered. Pure; no I/O.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS_18 = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | 'length' // not 18 characters
  | 'charset' // a character outside the 31-character set (or pos 3–8 not digits)
  | 'org_check' // the organisation code's mod-11 check character (pos 17) is wrong
  | 'check'; // the mod-31 check character (pos 18) is wrong

export interface UsccParts {
  /** The code as validated: trimmed, upper-cased. */
  code: string;
  authority: string;
  entityType: string;
  /** Positions 3–8: the registering authority's GB/T 2260 division code at issue time. */
  division: string;
  /** Positions 9–17: the organisation code (GB 11714). */
  orgCode: string;
}

export type UsccResult =
  | ({ ok: true } & UsccParts)
  | { ok: false; problem: UsccProblem; detail: string };

/** Mod-31 check character of the first 17 characters (all in the alphabet). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS_18[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character of an organisation code's first 8 characters (digits or A–Z). */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c - 55; // A = 10 … Z = 35
    sum += v * ORG_WEIGHTS[i];
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/**
 * Validate one code. Whitespace around it is ignored and lower-case letters are accepted (as
 * register exports and hand typing produce them); anything else must be exact.
 */
export function validateUscc(text: string): UsccResult {
  const code = text.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length', detail: `${code.length} characters, expected 18` };
  for (let i = 0; i < 18; i++) {
    if (!ALPHABET.includes(code[i])) {
      return { ok: false, problem: 'charset', detail: `character ${i + 1} ${JSON.stringify(code[i])} is not in 0-9 A-Z without I O S V Z` };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { ok: false, problem: 'charset', detail: `characters 3–8 ${JSON.stringify(code.slice(2, 8))} must be a 6-digit division code` };
  const org = code.slice(8, 17);
  const orgCheck = orgCodeCheckChar(org.slice(0, 8));
  if (org[8] !== orgCheck) return { ok: false, problem: 'org_check', detail: `organisation code ${org}: check character should be ${orgCheck}` };
  const check = usccCheckChar(code.slice(0, 17));
  if (code[17] !== check) return { ok: false, problem: 'check', detail: `check character should be ${check}` };
  return { ok: true, code, authority: code[0], entityType: code[1], division: code.slice(2, 8), orgCode: org };
}
