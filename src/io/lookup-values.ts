/**
 * The verdict on one distinct text of a looked-up field (industry codes, enumerated values, lists
 * of them), judged once per distinct value by the validator (validate.ts). An industry text with
 * a Chinese character is a name (纺织业, C17 纺织业, 制造业-纺织业), resolved to a code by
 * model/classifications/industry-names.ts; any other text is a code.
 */
import type { Classification } from '../model/classifications/index.js';
import { looksLikeName, resolveIndustryText } from '../model/classifications/industry-names.js';
import type { InputSpec } from '../model/project.js';
import type { FieldSpec } from './fields.js';

/** Level names of `register.industryNameLevel` → level number (the lettered systems' names; the same numbers elsewhere). */
export const NAME_LEVELS: Readonly<Record<string, number>> = { section: 1, division: 2, group: 3, class: 4 };

/**
 * The verdict on one distinct industry text: the code stored (or null), the finding, and for a
 * text given as a name `form` ('name' or 'code_and_name'), the level it resolved to (null when
 * rejected) and whether the name was checked (false: a valid code beside a name the
 * classification does not know).
 */
export interface IndustryVerdict {
  value: string | null;
  reason: string | null;
  detail: string | null;
  form: 'name' | 'code_and_name' | null;
  level: number | null;
  nameChecked: boolean | null;
}

/** `coarsest`: the coarsest level a name may resolve to (register.industryNameLevel; default 2). */
export function judgeIndustry(text: string, classification: Classification, coarsest = 2): IndustryVerdict {
  if (!looksLikeName(text)) {
    const res = classification.validate(text);
    if (res.ok) return { value: res.code, reason: null, detail: null, form: null, level: null, nameChecked: null };
    return { value: null, reason: res.reason === 'bad_format' ? 'bad_industry_code' : 'unknown_industry_code', detail: `${classification.system}: ${res.detail}`, form: null, level: null, nameChecked: null };
  }
  const r = resolveIndustryText(text, classification, { coarsest });
  return r.ok
    ? { value: r.code, reason: null, detail: null, form: r.form, level: r.level, nameChecked: r.nameChecked }
    : { value: null, reason: r.reason, detail: r.detail, form: r.form, level: null, nameChecked: null };
}

const LIST_SEPARATOR = /\s*[;|,，、/]\s*/;

/**
 * The verdict on one distinct text of a looked-up field: [value, reason, detail] where value is
 * null when the text is rejected.
 */
export function judge(f: FieldSpec, text: string, input: InputSpec, classification: Classification): [string | string[] | null, string | null, string | null] {
  if (f.type === 'code') {
    const v = judgeIndustry(text, classification);
    return [v.value, v.reason, v.detail];
  }
  const mapOne = (t: string): string | undefined => {
    const custom = input.values?.[f.name]?.[t];
    if (custom !== undefined) return (f.values ?? []).includes(custom) ? custom : undefined;
    const lower = t.toLowerCase();
    if ((f.values ?? []).includes(lower)) return lower;
    for (const [to, list] of Object.entries(f.synonyms ?? {})) if (list.some((s) => s.toLowerCase() === lower)) return to;
    return undefined;
  };
  const expected = `expected one of ${(f.values ?? []).join(', ')} (or map it in "values")`;
  if (f.type === 'enum') {
    const v = mapOne(text);
    return v === undefined ? [null, 'invalid_value', expected] : [v, null, null];
  }
  const parts = text.split(LIST_SEPARATOR).filter((x) => x !== '');
  const mapped = parts.map(mapOne);
  const badPart = parts.find((_, i) => mapped[i] === undefined);
  if (badPart !== undefined) return [null, 'invalid_value', `${JSON.stringify(badPart)}: ${expected}, separated by ; or |`];
  return [mapped as string[], null, null];
}

const REASON_LABELS: Readonly<Record<string, string>> = {
  unknown_industry_name: 'unknown name', ambiguous_industry_name: 'ambiguous', industry_name_conflict: 'code and name disagree',
  industry_too_coarse: 'too coarse', bad_industry_code: 'bad code', unknown_industry_code: 'unknown code',
};

const plural = (level: string): string => (/(s|ss)$/.test(level) ? `${level}es` : `${level}s`);
const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The ingest summary line of the industry texts given as names, from the rows counted per
 * (form, level, reason, nameChecked):
 * `industry: 1,204 firms gave the industry as a name; 1,180 resolved (1,050 to classes, 130 to
 * divisions), 24 rejected (unknown name: 18, ambiguous: 6)`. Undefined when no row did.
 */
export function industryNameSummary(
  noun: string, levels: readonly string[],
  rows: readonly { form: string; level: number | null; reason: string | null; nameChecked: boolean | null; n: number }[],
): string | undefined {
  const total = rows.reduce((a, r) => a + r.n, 0);
  if (total === 0) return undefined;
  const sum = (f: (r: (typeof rows)[number]) => boolean): number => rows.filter(f).reduce((a, r) => a + r.n, 0);
  const resolved = sum((r) => r.reason === null);
  const withCode = sum((r) => r.form === 'code_and_name');
  const byLevel = [...levels.keys()].reverse()
    .map((i) => [levels[i], sum((r) => r.reason === null && r.level === i + 1)] as const)
    .filter(([, n]) => n > 0).map(([l, n]) => `${count(n)} to ${plural(l)}`);
  const reasons = [...new Set(rows.filter((r) => r.reason !== null).map((r) => r.reason!))].sort()
    .map((reason) => [reason, sum((r) => r.reason === reason)] as const)
    .sort((a, b) => b[1] - a[1]);
  const rejected = total - resolved;
  const unchecked = sum((r) => r.reason === null && r.nameChecked === false);
  let line = `industry: ${count(total)} ${noun} gave the industry as a name${withCode ? ` (${count(withCode)} with a code beside it)` : ''}; `
    + `${count(resolved)} resolved${byLevel.length ? ` (${byLevel.join(', ')})` : ''}, ${count(rejected)} rejected`
    + `${reasons.length ? ` (${reasons.map(([r, n]) => `${REASON_LABELS[r] ?? r}: ${count(n)}`).join(', ')}; see rejects: ${reasons.map(([r]) => r).join(', ')})` : ''}`;
  if (unchecked) line += `; ${count(unchecked)} gave a code with a name the classification does not list (the code taken, the name not checked)`;
  return line;
}
