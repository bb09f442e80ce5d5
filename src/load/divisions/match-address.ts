/**
 * Address → division, offline, over the shipped MCA table (model/divisions). An address names its
 * divisions from the top down (浙江省温州市鹿城区五马街 12 号), often without the province, often
 * without suffixes (浙江温州鹿城), sometimes with an old name (襄樊市, 崇明县). The matcher reads
 * division names from the start of the address, each one a division inside the previous one, and
 * keeps every reading that gets furthest down:
 *
 * - names are tried in full and without their suffix (省 市 自治区 特别行政区 地区 盟 自治州 县 区
 *   旗 新区 特区 自治县 自治旗, 神农架林区 → 神农架, and the people's names of an autonomous prefecture, e.g. 恩施
 *   for 恩施土家族苗族自治州); a short form must be two characters or more and is accepted only
 *   next to another matched division (温州鹿城), never alone (中山路 is not 中山市);
 * - historical names of the 1981–2024 change list count as the divisions they became, below
 *   current names;
 * - when the best readings end in different divisions (鼓楼区 without its city) the address is
 *   placed at their nearest common ancestor, if any, and marked ambiguous with the candidates:
 *   it is never guessed.
 *
 * Confidence: high = full names only, and the deepest one inside a matched parent (or a
 * prefecture or province name unique in the country); medium = a short or historical name was
 * needed, or a county name stands alone; low = ambiguous, placed above the level the address names.
 * A province's short name may stand alone (上海自由贸易试验区); other short names may not.
 */
import { commonAncestor, cnDivisions, currentDivisions, lineage, type DivisionLevel, type DivisionTable } from '../../model/divisions/cn-divisions.js';

const STREET = /^[路街道巷弄里号大桥村]/;

export type MatchConfidence = 'high' | 'medium' | 'low';

export interface AddressMatch {
  /** The division the address is placed in ('' when not placed). */
  code: string;
  level: DivisionLevel | 'none';
  confidence: MatchConfidence | 'none';
  /** Several divisions fit equally well: the candidates (the address is placed at their common ancestor, if any). */
  ambiguous?: string[];
  /** Why, in a few words (for rejects and the ingest summary). */
  note: string;
}

interface NameEntry {
  /** Today's division this name stands for. */
  code: string;
  /** The code the name was recorded under (differs from `code` for a historical name). */
  recorded: string;
  full: boolean;
  historical: boolean;
}

const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '自治旗', '地区', '新区', '特区', '省', '市', '盟', '县', '区', '旗'];
/** The one 林区 (碑林区, 万柏林区 are ordinary 区). */
const SPECIAL_SHORT: Record<string, string> = { 神农架林区: '神农架' };
const PEOPLES = ['蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲',
  '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒',
  '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺'].sort((a, b) => b.length - a.length);

/** The suffix-less form of a division name, or undefined when it would be shorter than two characters. */
export function shortName(name: string): string | undefined {
  if (SPECIAL_SHORT[name]) return SPECIAL_SHORT[name];
  // the longest suffix that leaves two characters or more (清新区 → 清新, not 清 of 新区)
  const suffix = SUFFIXES.find((x) => name.endsWith(x) && name.length - x.length >= 2);
  if (!suffix) return undefined;
  let s = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) {
    // 恩施土家族苗族自治州 → 恩施, 巴音郭楞蒙古自治州 → 巴音郭楞 (multi-character names may drop 族)
    for (let changed = true; changed;) {
      changed = false;
      for (const p of PEOPLES) {
        for (const tail of [`${p}族`, ...(p.length > 1 ? [p] : [])]) {
          if (s.endsWith(tail) && s.length - tail.length >= 2) { s = s.slice(0, -tail.length); changed = true; break; }
        }
        if (changed) break;
      }
    }
    s = s.replace(/[和与]$/, '');
  }
  return s.length >= 2 && s !== name ? s : undefined;
}

export interface AddressMatcher {
  match(address: string): AddressMatch;
}

interface Step { entry: NameEntry; length: number }

/** A matcher over the shipped table (or another one, for tests). */
export function addressMatcher(t: DivisionTable = cnDivisions()): AddressMatcher {
  const names = new Map<string, NameEntry[]>();
  const add = (name: string, e: NameEntry): void => {
    const list = names.get(name) ?? [];
    if (!list.some((x) => x.code === e.code && x.full === e.full && x.historical === e.historical)) list.push(e);
    names.set(name, list);
  };
  for (const d of t.all) {
    add(d.name, { code: d.code, recorded: d.code, full: true, historical: false });
    const s = shortName(d.name);
    if (s) add(s, { code: d.code, recorded: d.code, full: false, historical: false });
    // 恩施州, 延边州: the usual abbreviation of an autonomous prefecture, a full name in practice
    if (s && d.name.endsWith('自治州')) add(`${s}州`, { code: d.code, recorded: d.code, full: true, historical: false });
  }
  for (const h of t.history) {
    const now = currentDivisions(h.code, t);
    if (now.status === 'current' && t.byCode.get(h.code)?.name === h.name) continue;
    const target = now.codes.length === 1 ? now.codes[0] : now.code;
    if (!target) continue;
    add(h.name, { code: target, recorded: h.code, full: true, historical: true });
    const s = shortName(h.name);
    if (s) add(s, { code: target, recorded: h.code, full: false, historical: true });
  }
  const maxLen = Math.max(...[...names.keys()].map((k) => k.length));
  /** `inner` lies inside `outer` (or is it), by today's table or by the codes it was recorded under. */
  const inside = (inner: NameEntry, outer: NameEntry): boolean => {
    if (inner.code === outer.code) return false;
    for (let c: string | undefined = t.byCode.get(inner.code)?.parent; c; c = t.byCode.get(c)?.parent) if (c === outer.code) return true;
    const oc = outer.recorded;
    const prefix = oc.endsWith('0000') ? oc.slice(0, 2) : oc.endsWith('00') ? oc.slice(0, 4) : undefined;
    return prefix !== undefined && inner.recorded.startsWith(prefix) && inner.recorded !== oc;
  };

  const walk = (s: string, at: number, prev: Step[], out: Step[][]): void => {
    let extended = false;
    for (let len = Math.min(maxLen, s.length - at); len >= 2; len--) {
      const list = names.get(s.slice(at, at + len));
      if (!list) continue;
      for (const entry of list) {
        const last = prev[prev.length - 1];
        if (last && entry.recorded === last.entry.recorded && entry.full) {
          // the same division named twice (上海市上海市崇明区, as municipalities' exports write it): one step
          extended = true;
          walk(s, at + len, [...prev.slice(0, -1), { entry: last.entry, length: last.length + len }], out);
          continue;
        }
        if (last && !inside(entry, last.entry)) continue;
        extended = true;
        walk(s, at + len, [...prev, { entry, length: len }], out);
      }
    }
    if (!extended && prev.length) out.push(prev);
  };

  return {
    match(address: string): AddressMatch {
      const s = normalise(address);
      if (s === '') return { code: '', level: 'none', confidence: 'none', note: 'empty address' };
      const chains: Step[][] = [];
      walk(s, 0, [], chains);
      // a short name alone needs the address to end there (温州), or to be a province or prefecture
      // not followed by a street word (温州五马街, not 中山路 or 北京路)
      const loneOk = (c: Step[]): boolean => {
        const rest = s.slice(c[0].length);
        return rest === '' || (t.byCode.get(c[0].entry.code)?.level !== 'county' && !STREET.test(rest));
      };
      const valid = chains.filter((c) => c.length > 1 || c[0].entry.full || loneOk(c));
      if (valid.length === 0) return { code: '', level: 'none', confidence: 'none', note: 'no division name at the start of the address' };
      // most text read as division names, then fewest historical names, then most full names
      const score = (c: Step[]): number[] => [
        c.reduce((a, x) => a + x.length, 0),
        -c.filter((x) => x.entry.historical).length,
        c.filter((x) => x.entry.full).length,
      ];
      const better = (a: number[], b: number[]): number => { for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; };
      let best: Step[][] = [];
      let bestScore: number[] | undefined;
      for (const c of valid) {
        const sc = score(c);
        const cmp = bestScore ? better(sc, bestScore) : 1;
        if (cmp > 0) { best = [c]; bestScore = sc; } else if (cmp === 0) best.push(c);
      }
      let ends = [...new Set(best.map((c) => c[c.length - 1].entry.code))].sort();
      // readings nested in one another (思茅市: the prefecture, or its county of the same name) → the outer one
      const outer = ends.find((e) => ends.every((x) => x === e || lineage(x, t).includes(e)));
      if (outer) { ends = [outer]; best = best.filter((c) => c[c.length - 1].entry.code === outer); }
      if (ends.length > 1) {
        const code = commonAncestor(ends, t);
        const level = code ? t.byCode.get(code)!.level : 'none';
        return {
          code, level, confidence: code ? 'low' : 'none', ambiguous: ends,
          note: `ambiguous: ${ends.map((c) => `${c} ${t.byCode.get(c)?.name ?? ''}`).join(', ')}${code ? `; placed at ${code}` : ''}`,
        };
      }
      const chain = best[0];
      const end = chain[chain.length - 1].entry;
      const d = t.byCode.get(end.code)!;
      const uniqueName = (names.get(s.slice(chain.slice(0, -1).reduce((a, x) => a + x.length, 0)).slice(0, chain[chain.length - 1].length)) ?? []).length === 1;
      const allFull = chain.every((x) => x.entry.full && !x.entry.historical);
      const confidence: MatchConfidence = allFull && (chain.length > 1 || uniqueName) && !(chain.length === 1 && d.level === 'county') ? 'high' : 'medium';
      const used = chain.filter((x) => x.entry.historical).map((x) => `${x.entry.recorded} (historical)`);
      return { code: d.code, level: d.level, confidence, note: `${d.code} ${d.name}${used.length ? ` via ${used.join(', ')}` : ''}` };
    },
  };
}

/** Full-width to half-width, blanks and the country name removed, a leading label like 地址： dropped. */
function normalise(address: string): string {
  let s = address.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^(注册地址|经营地址|住所|地址)[:：]?/, '');
  s = s.replace(/^\(?(中华人民共和国|中国)\)?/, '').replace(/^\(([^)]*)\)/, '$1');
  s = s.replace(/(市辖区|省直辖县级行政区划|自治区直辖县级行政区划)/g, ''); // placeholders of some exports
  return s;
}
