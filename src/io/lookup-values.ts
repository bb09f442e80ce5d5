/**
 * The verdict on one distinct text of a looked-up field (industry codes, enumerated values, lists
 * of them), judged once per distinct value by the validator (validate.ts).
 */
import type { Classification } from '../model/classifications/index.js';
import type { InputSpec } from '../model/project.js';
import type { FieldSpec } from './fields.js';

const LIST_SEPARATOR = /\s*[;|,，、/]\s*/;

/**
 * The verdict on one distinct text of a looked-up field: [value, reason, detail] where value is
 * null when the text is rejected.
 */
export function judge(f: FieldSpec, text: string, input: InputSpec, classification: Classification): [string | string[] | null, string | null, string | null] {
  if (f.type === 'code') {
    const res = classification.validate(text);
    if (res.ok) return [res.code, null, null];
    return [null, res.reason === 'bad_format' ? 'bad_industry_code' : 'unknown_industry_code', `${classification.system}: ${res.detail}`];
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
