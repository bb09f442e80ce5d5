/**
 * Address → division (load/divisions/match-address.ts) on test/fixtures/register/addresses.csv:
 * 307 addresses written by hand from the MCA 2024 list and the 1981–2024 change list, with the
 * expected division (and whether the address is ambiguous) written down before the matcher ran.
 * Cases: full chains, no province, suffix-less names, short names alone, municipalities,
 * autonomous regions/prefectures/leagues/banners, province-direct counties, historical names,
 * duplicated district names (ambiguous and resolved by their city) and garbage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../src/core/csv.js';
import { addressMatcher, shortName } from '../src/load/divisions/match-address.js';

const rows = readFileSync(join(import.meta.dirname, 'fixtures', 'register', 'addresses.csv'), 'utf8')
  .split('\n').slice(1).filter((l) => l !== '').map((l) => splitCsvLine(l, ','))
  .map(([address, expected, ambiguous, kase]) => ({ address, expected, ambiguous: ambiguous === '1', kase }));

describe('addressMatcher on the hand-written fixture', () => {
  const m = addressMatcher();
  it('has at least 200 addresses covering every case', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.kase))).toEqual(new Set(['full', 'no-province', 'county-alone', 'short', 'short-alone', 'municipality', 'autonomous',
      'province-direct', 'historical', 'duplicate', 'duplicate-resolved', 'garbage']));
  });
  it('places every address where expected, and reports the ambiguous ones', () => {
    const wrong = rows.map((r) => ({ r, got: m.match(r.address) }))
      .filter(({ r, got }) => got.code !== r.expected || (got.ambiguous !== undefined) !== r.ambiguous)
      .map(({ r, got }) => `${r.kase} ${r.address}: expected ${r.expected || '(none)'}${r.ambiguous ? ' ambiguous' : ''}, got ${got.code || '(none)'} ${got.note}`);
    expect(wrong).toEqual([]);
  });
  it('level and confidence', () => {
    expect(m.match('浙江省温州市鹿城区五马街12号')).toMatchObject({ level: 'county', confidence: 'high' });
    expect(m.match('浙江温州鹿城')).toMatchObject({ level: 'county', confidence: 'medium' });
    expect(m.match('上海市崇明县')).toMatchObject({ level: 'county', confidence: 'medium', note: '310151 崇明区 via 310230 (historical)' });
    expect(m.match('江苏省鼓楼区')).toMatchObject({ level: 'province', confidence: 'low', ambiguous: ['320106', '320302'] });
    expect(m.match('广东省东莞市')).toMatchObject({ level: 'prefecture', confidence: 'high' });
    expect(m.match('不详')).toMatchObject({ code: '', level: 'none', confidence: 'none' });
  });
  it('short names', () => {
    expect(shortName('恩施土家族苗族自治州')).toBe('恩施');
    expect(shortName('巴音郭楞蒙古自治州')).toBe('巴音郭楞');
    expect(shortName('海西蒙古族藏族自治州')).toBe('海西');
    expect(shortName('广西壮族自治区')).toBe('广西');
    expect(shortName('浦东新区')).toBe('浦东');
    expect(shortName('和县')).toBeUndefined();
    expect(shortName('碑林区')).toBe('碑林');
    expect(shortName('清新区')).toBe('清新');
    expect(shortName('神农架林区')).toBe('神农架');
  });
});
