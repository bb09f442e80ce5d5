/**
 * Deterministic Chinese names for synthetic firms and institutions. A firm's name is built when
 * asked for, from its region, industry, size and 32 random bits drawn at generation time, so a
 * million names never sit in memory at once.
 */
import { INDUSTRIES } from './industries.js';
import type { FirmTable } from './tables.js';

/** Characters of trade names (字号); two distinct ones are drawn per firm. */
const ZIHAO = '华兴达立信恒泰永昌盛鑫宏隆源丰瑞祥金宝鸿德美新天正诚力通安康明光阳海云江山中东南大万嘉佳福利富荣俊凯捷伟卓远博科创益和合顺发联众汇聚星宇晨峰林森雅艺秀丽凤龙鹰旺乐欣悦润泽洪浩涛波晶铭锦绣春冠豪威骏驰腾飞翔鹏航';
const ZH = [...ZIHAO];

const ETHNIC = /(土家族苗族|朝鲜族|布依族苗族|苗族侗族|哈尼族彝族|壮族苗族|彝族|回族|藏族|畲族)?自治(州|县)$/;

/** 温州市 → 温州, 延边朝鲜族自治州 → 延边, 锡林郭勒盟 → 锡林郭勒, 乐清市 → 乐清. */
export function shortPlaceName(name: string): string {
  const s = name.replace(ETHNIC, '').replace(/(市|盟|地区|县|区|旗)$/, '');
  return s.length >= 2 ? s : name;
}

/** Two distinct trade-name characters from 16 bits. */
export function tradeName(key: number): string {
  const a = key % ZH.length;
  let b = (key >>> 8) % ZH.length;
  if (b === a) b = (b + 1) % ZH.length;
  return ZH[a] + ZH[b];
}

const DEFAULT_NAMES: Record<string, readonly string[]> = {
  agriculture: ['{p}{z}{w}专业合作社', '{p}{z}{w}有限公司'],
  manufacturing: ['{p}{z}{w}有限公司'],
  trade: ['{p}{z}{w}有限公司', '{p}{z}{w}商行'],
  service: ['{p}{z}{w}有限公司'],
};

/**
 * The namer handed to FirmTable: `place(region)` gives the place word of a region;
 * `special` holds the few names fixed by the generator (leaders, branch plants, headquarters).
 */
export function makeFirmNamer(place: (region: number) => string, special: ReadonlyMap<number, string>): (t: FirmTable, i: number) => string {
  // Patterns split once into [before {p}, between {p} and {z}, after {z} with {w} filled in].
  type Parts = readonly [string, string, string];
  const split = (pattern: string, word: string): Parts => {
    const w = pattern.replace('{w}', word);
    const p = w.indexOf('{p}');
    const z = w.indexOf('{z}');
    return p < 0 ? ['', w.slice(0, z), w.slice(z + 3)] : [w.slice(0, p), w.slice(p + 3, z), w.slice(z + 3)];
  };
  const byIndustry = INDUSTRIES.map((d) => (d.names ?? DEFAULT_NAMES[d.kind]).map((pt) => ({ parts: split(pt, d.word), usesPlace: pt.includes('{p}') })));
  const large = INDUSTRIES.map((d) => split('{p}{z}{w}股份有限公司', d.word));
  return (t, i) => {
    const fixed = special.get(i);
    if (fixed !== undefined) return fixed;
    const c = t.columns;
    const ind = c.industry[i];
    const key = c.nameKey[i];
    const options = byIndustry[ind];
    let { parts, usesPlace } = options[(key >>> 16) % options.length];
    if (INDUSTRIES[ind].kind === 'manufacturing' && c.employees[i] >= 1000) {
      parts = large[ind];
      usesPlace = true;
    }
    return parts[0] + (usesPlace ? place(c.region[i]) : '') + parts[1] + tradeName(key) + parts[2];
  };
}
