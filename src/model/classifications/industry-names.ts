/**
 * Industry texts given as names (企业名录 exports: 行业 = "纺织业", "C17 纺织业", "纺织业(17)",
 * "制造业-纺织业", "C1711 棉纺纱加工") → a code of the classification the project uses.
 *
 * The text is read as
 *
 *   [code] name-path [(code)]      name-path = part (sep part)*,  sep ∈ - / > | — ― –
 *
 * after normalisation (NFKC: full-width letters, digits and brackets → ASCII; 【】〔〕［］ → ();
 * all whitespace removed). Names are matched on a key that also drops the enumeration commas
 * 、，, and the middle dots · ・ (农、林、牧、渔业 = 农林牧渔业). The candidates of a part are the
 * entries of the classification whose own name has that key (entries implied by a loaded file
 * carry no name of their own and are left out).
 *
 *   - path: every part before the last must name an ancestor (or the same entry) of the last
 *     part's candidate; an unknown part is `unknown_industry_name`, a known one that is no
 *     ancestor `industry_name_conflict`.
 *   - several candidates: when they are nested and each coarser one has a single child on the way
 *     down (房地产业 = section K and division 70; 其他采矿业 = division 12 and its only class 1200)
 *     they cover the same activities and the deepest is taken; otherwise `ambiguous_industry_name`
 *     (燃气生产和供应业 = division 45 and group 451, which is one of two groups of 45): reported,
 *     never guessed.
 *   - a code (leading or in trailing brackets) wins: it is validated as any code is
 *     (`bad_industry_code`, `unknown_industry_code`), and the name must agree with it — the
 *     name's entry is the code's entry, an ancestor or a descendant — else
 *     `industry_name_conflict`. A name the classification does not know does not stop a valid
 *     code (the built-in lists have no class names): the code is taken, `nameChecked: false`.
 *     A leading and a bracketed code that differ are a conflict too.
 *   - the result must be at least as fine as `coarsest` (default 2, division): a bare section
 *     name (制造业) is `industry_too_coarse`.
 *
 * Degenerate: a text without a Chinese character is not a name (`looksLikeName`); callers judge it
 * as a code. An empty name part (text of separators only) is an unknown name.
 *
 * Complexity: the index is built once per classification, O(entries); each text O(length +
 * candidates · levels). Callers judge each distinct text once (io/validate.ts).
 *
 * @example
 *   const gbt = builtinClassification('GB/T 4754-2017');
 *   resolveIndustryText('C17 纺织业', gbt)      // { ok: true, code: '17', level: 2, form: 'code_and_name', nameChecked: true }
 *   resolveIndustryText('制造业-纺织业', gbt)   // { ok: true, code: '17', level: 2, form: 'name', … }
 *   resolveIndustryText('制造业', gbt)          // { ok: false, reason: 'industry_too_coarse', … }
 */
import type { Classification, IndustryCode } from './types.js';

export type IndustryNameReason =
  | 'unknown_industry_name' | 'ambiguous_industry_name' | 'industry_name_conflict' | 'industry_too_coarse'
  | 'bad_industry_code' | 'unknown_industry_code';

export type IndustryTextResolution =
  | {
    ok: true; code: string; level: number;
    /** 'name': a name or a path of names; 'code_and_name': a code beside the name. */
    form: 'name' | 'code_and_name';
    /** False when a code came with a name the classification does not know (not checked). */
    nameChecked: boolean;
  }
  | { ok: false; reason: IndustryNameReason; detail: string; form: 'name' | 'code_and_name' };

export interface ResolveOptions {
  /** Coarsest level (1-based) a name may resolve to; default 2 (division). */
  coarsest?: number;
}

const HAN = /\p{Script=Han}/u;
const CODE = '[A-Za-z]?\\d{2,6}|[A-Za-z]';
const LEADING = new RegExp(`^(${CODE})[-:._、,(]*(?=\\p{Script=Han})`, 'u');
const TRAILING = new RegExp(`\\((${CODE})\\)$`);
const SEPARATORS = /[-/>|\\\u2010-\u2015~]+/;

/** True when the text holds a Chinese character: it is read as a name, not as a code. */
export function looksLikeName(text: string): boolean {
  return HAN.test(text);
}

/** NFKC, other brackets as (), no whitespace. */
function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[【〔［]/g, '(').replace(/[】〕］]/g, ')').replace(/\s+/g, '');
}

/** The matching key of a name: normalised, without enumeration commas and middle dots, ASCII lower-cased. */
export function industryNameKey(name: string): string {
  return normalise(name).replace(/[、，,·・]/g, '').toLowerCase();
}

interface NameIndex {
  byKey: Map<string, IndustryCode[]>;
  children: Map<string, number>;
}

const indexes = new WeakMap<Classification, NameIndex>();

function indexOf(c: Classification): NameIndex {
  let ix = indexes.get(c);
  if (ix === undefined) {
    const byKey = new Map<string, IndustryCode[]>();
    const children = new Map<string, number>();
    for (const e of c.entries()) {
      if (e.parent !== undefined) children.set(e.parent, (children.get(e.parent) ?? 0) + 1);
      if (e.implied || e.name === '') continue;
      const k = industryNameKey(e.name);
      const list = byKey.get(k);
      if (list) list.push(e); else byKey.set(k, [e]);
    }
    ix = { byKey, children };
    indexes.set(c, ix);
  }
  return ix;
}

/** True when `a` is `b` or one of its ancestors. */
function covers(c: Classification, a: IndustryCode, b: { code: string; level: number }): boolean {
  return a.level <= b.level && c.rollUp(b.code, a.level) === a.code;
}

const show = (e: IndustryCode): string => `${e.code} ${e.name}`;

/** One entry when the candidates are nested with single children between them (same activities), else undefined. */
function sameScope(c: Classification, ix: NameIndex, cands: readonly IndustryCode[]): IndustryCode | undefined {
  const sorted = [...cands].sort((a, b) => b.level - a.level);
  const deepest = sorted[0];
  for (const e of sorted.slice(1)) {
    if (!covers(c, e, deepest)) return undefined;
    // every code from e down to (not including) deepest has exactly one child
    for (let l = e.level; l < deepest.level; l++) {
      const up = c.rollUp(deepest.code, l);
      if (up === undefined || (ix.children.get(up) ?? 0) !== 1) return undefined;
    }
  }
  return deepest;
}

/** Resolve an industry text holding a name (see the header). */
export function resolveIndustryText(text: string, c: Classification, options: ResolveOptions = {}): IndustryTextResolution {
  const coarsest = options.coarsest ?? 2;
  const ix = indexOf(c);
  let rest = normalise(text);
  const codes: string[] = [];
  const lead = LEADING.exec(rest);
  if (lead) {
    codes.push(lead[1]);
    rest = rest.slice(lead[0].length);
    if (lead[0].endsWith('(') && rest.endsWith(')') && !rest.includes('(')) rest = rest.slice(0, -1); // 1711(棉纺纱加工)
  }
  const trail = TRAILING.exec(rest);
  if (trail) { codes.push(trail[1]); rest = rest.slice(0, trail.index); }
  const form = codes.length ? 'code_and_name' as const : 'name' as const;
  const fail = (reason: IndustryNameReason, detail: string): IndustryTextResolution => ({ ok: false, reason, detail: `${c.system}: ${detail}`, form });

  // the name: candidates of the last part that lie under every earlier part
  const parts = rest.split(SEPARATORS).filter((p) => p !== '');
  let cands: IndustryCode[] = [];
  let nameProblem: { reason: IndustryNameReason; detail: string } | undefined;
  if (parts.length === 0) nameProblem = { reason: 'unknown_industry_name', detail: 'no name beside the code' };
  else {
    const found = parts.map((p) => ix.byKey.get(industryNameKey(p)) ?? []);
    const unknown = parts.findIndex((_, i) => found[i].length === 0);
    if (unknown >= 0) nameProblem = { reason: 'unknown_industry_name', detail: `${JSON.stringify(parts[unknown])} is not a name in the classification` };
    else {
      const last = found[found.length - 1];
      cands = last.filter((e) => found.slice(0, -1).every((up) => up.some((u) => covers(c, u, e))));
      if (cands.length === 0) {
        nameProblem = { reason: 'industry_name_conflict', detail: `${last.map(show).join(' / ')} does not lie under ${parts.slice(0, -1).map((p, i) => `${p} (${found[i].map((e) => e.code).join('/')})`).join(', ')}` };
      }
    }
  }

  let code: string;
  let level: number;
  let nameChecked = true;
  if (codes.length) {
    const checked = codes.map((raw) => ({ raw, v: c.validate(raw) }));
    const bad = checked.find((x) => !x.v.ok);
    if (bad && !bad.v.ok) return fail(bad.v.reason === 'bad_format' ? 'bad_industry_code' : 'unknown_industry_code', `code ${bad.raw}: ${bad.v.detail}`);
    const [first, second] = checked.map((x) => (x.v.ok ? x.v.code : ''));
    if (second !== undefined && second !== first) return fail('industry_name_conflict', `the codes ${codes[0]} and ${codes[1]} disagree`);
    code = first;
    level = c.levelOf(code) ?? 0;
    if (nameProblem?.reason === 'industry_name_conflict') return fail('industry_name_conflict', nameProblem.detail);
    if (nameProblem) nameChecked = false; // a name the list does not know: the code alone decides
    else if (!cands.some((e) => covers(c, e, { code, level }) || (level <= e.level && c.rollUp(e.code, level) === code))) {
      const named = c.get(code);
      return fail('industry_name_conflict', `code ${code}${named && named.name ? ` (${named.name})` : ''} and name ${parts.join('-')} (${cands.map((e) => e.code).join('/')}) disagree`);
    }
  } else {
    if (nameProblem) return fail(nameProblem.reason, nameProblem.detail);
    const one = cands.length === 1 ? cands[0] : sameScope(c, ix, cands);
    if (one === undefined) {
      return fail('ambiguous_industry_name', `${parts[parts.length - 1]} names ${cands.map((e) => `${e.levelName} ${show(e)}`).join(' and ')}: give the code`);
    }
    code = one.code;
    level = one.level;
  }
  if (level < coarsest) {
    const named = c.get(code);
    return fail('industry_too_coarse', `${named ? show(named) : code} is a ${c.levels[level - 1]}, coarser than a ${c.levels[coarsest - 1]} (register.industryNameLevel "${c.levels[level - 1]}" accepts it)`);
  }
  return { ok: true, code, level, form, nameChecked };
}
