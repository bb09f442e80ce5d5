/**
 * Unit declarations of the project file: monetary units (元, 万元, 亿元, thousand USD …) and
 * head counts (人, 万人), as factors to the base unit. The currency of a monetary unit must
 * match the project's currency: Cluster Atlas never converts between currencies.
 */
import { InputError } from '../core/errors.js';

const PREFIX_ZH: Record<string, number> = { '': 1, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };
const PREFIX_EN: Record<string, number> = { '': 1, thousand: 1e3, thousands: 1e3, k: 1e3, million: 1e6, millions: 1e6, m: 1e6, billion: 1e9, bn: 1e9 };
const CURRENCY_ZH: Record<string, string> = { 元: 'CNY', 人民币: 'CNY', 元人民币: 'CNY', 美元: 'USD', 欧元: 'EUR' };

export interface ParsedUnit { factor: number; currency?: string }

export function parseMoneyUnit(unit: string): ParsedUnit | undefined {
  const u = unit.trim();
  const zh = /^(千|万|十万|百万|千万|亿)?(元|人民币|元人民币|美元|欧元)$/.exec(u);
  if (zh) return { factor: PREFIX_ZH[zh[1] ?? ''], currency: CURRENCY_ZH[zh[2]] };
  // English: any order of an optional scale word and a three-letter currency code.
  let factor = 1;
  let currency: string | undefined;
  for (const token of u.toLowerCase().split(/\s+/)) {
    const scale = PREFIX_EN[token];
    if (scale !== undefined && token !== '') factor *= scale;
    else if (/^[a-z]{3}$/.test(token) && currency === undefined) currency = token === 'rmb' ? 'CNY' : token.toUpperCase();
    else return undefined;
  }
  if (currency !== undefined) return { factor, currency };
  return undefined;
}

export function parsePeopleUnit(unit: string): number | undefined {
  const u = unit.trim().toLowerCase();
  if (['人', 'persons', 'person', 'people', 'jobs', 'count', ''].includes(u)) return 1;
  if (['万人', '万'].includes(u)) return 1e4;
  if (['千人', 'thousand persons', 'thousands', 'thousand'].includes(u)) return 1e3;
  return undefined;
}

/** Factor that converts a field's source values to stored values; 1 when no unit is declared. */
export function unitFactor(
  field: { name: string; money?: boolean; people?: boolean },
  unit: string | undefined,
  currency: string,
  where: string,
): number {
  if (unit === undefined) return 1;
  if (field.money) {
    const p = parseMoneyUnit(unit);
    if (!p) throw new InputError('E_PROJECT', `${where}: unknown monetary unit ${JSON.stringify(unit)} for ${field.name} (e.g. 元, 万元, 亿元, CNY, thousand USD)`, { field: field.name, value: unit });
    if (p.currency && p.currency !== currency) {
      throw new InputError('E_PROJECT', `${where}: ${field.name} is in ${p.currency} but the project currency is ${currency}; convert the data or set "currency"`, { field: field.name, value: unit });
    }
    return p.factor;
  }
  if (field.people) {
    const f = parsePeopleUnit(unit);
    if (f === undefined) throw new InputError('E_PROJECT', `${where}: unknown unit ${JSON.stringify(unit)} for ${field.name} (人, 万人, persons)`, { field: field.name, value: unit });
    return f;
  }
  throw new InputError('E_PROJECT', `${where}: field ${field.name} takes no unit`, { field: field.name, value: unit });
}
