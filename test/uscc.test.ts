/**
 * Unified social credit codes (core/uscc.ts) on published codes and the python-stdnum test list,
 * and the registering authority's division read out through the 1981–2024 change list
 * (model/divisions). Codes with old divisions: test/reference/uscc-stdnum.py (python-stdnum 1.18).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar, validateUscc } from '../src/core/uscc.js';
import { cnDivisions, currentDivisions } from '../src/model/divisions/cn-divisions.js';
import { SHARED_DATA } from './shared-data.js';

// Published examples (python-stdnum docstring and doctest; GB 32100 worked example as reproduced in SOURCE.txt)
const VALID = ['91110000600037341L', '121200004013590816', '9144030071526726XG', '91310115MA1K3BTP2B', '92340603MA2PBMCG0U'];

describe('validateUscc', () => {
  it('accepts the published examples and reads their parts', () => {
    for (const c of VALID) expect(validateUscc(c)).toMatchObject({ ok: true, code: c });
    expect(validateUscc('91310115MA1K3BTP2B')).toMatchObject({ authority: '9', entityType: '1', division: '310115', orgCode: 'MA1K3BTP2' });
    expect(validateUscc(' 91310115ma1k3btp2b ')).toMatchObject({ ok: true, code: '91310115MA1K3BTP2B' });
  });

  it('the standard worked example: sum 1640, check character 3 (the printed Z is invalid)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    // Z is not even in the 31-character set
    expect(validateUscc('91350100M000100Y4Z')).toMatchObject({ ok: false, problem: 'charset' });
    expect(validateUscc('91350100M000100Y4A')).toMatchObject({ ok: false, problem: 'check', detail: 'check character should be 3' });
    expect(validateUscc('91350100M000100Y43')).toMatchObject({ ok: true });
  });

  it('rejects a wrong check character, a wrong organisation-code check, bad characters and lengths', () => {
    expect(validateUscc('91110000600037341N')).toMatchObject({ ok: false, problem: 'check' });
    const fixture = readFileSync(join(import.meta.dirname, 'fixtures', 'register', 'uscc-old-divisions.csv'), 'utf8');
    const orgBad = fixture.split('\n').find((l) => l.includes('org-code check'))!.split(',')[0];
    expect(validateUscc(orgBad)).toMatchObject({ ok: false, problem: 'org_check', detail: 'organisation code 600037342: check character should be 1' });
    expect(orgCodeCheckChar('60003734')).toBe('1');
    expect(validateUscc('9111000060003734IL')).toMatchObject({ ok: false, problem: 'charset' }); // I is not in the set
    expect(validateUscc('91110000O00037341L')).toMatchObject({ ok: false, problem: 'charset' }); // O
    expect(validateUscc('91A10000600037341L')).toMatchObject({ ok: false, problem: 'charset' }); // pos 3-8 must be digits
    expect(validateUscc('91110000600037341')).toMatchObject({ ok: false, problem: 'length' });
    expect(validateUscc('')).toMatchObject({ ok: false, problem: 'length' });
    // every single-character change of a valid code is caught (mod 31 detects any one substitution)
    const base = VALID[0];
    for (let i = 0; i < 18; i++) {
      const c = base[i] === '0' ? '1' : '0';
      expect(validateUscc(base.slice(0, i) + c + base.slice(i + 1)).ok, `position ${i + 1}`).toBe(false);
    }
  });

  const list = join(SHARED_DATA, 'cn-uscc-gb32100', 'uscc_testvectors_python_stdnum.txt');
  it.skipIf(!existsSync(list))(`all 200 codes of the python-stdnum test list pass (skipped without ${list})`, () => {
    const codes = readFileSync(list, 'utf8').split(/\r?\n/).filter(Boolean);
    expect(codes.length).toBe(200);
    expect(codes.filter((c) => !validateUscc(c).ok)).toEqual([]);
  });
});

describe('the registering authority through the change history', () => {
  const rows = readFileSync(join(import.meta.dirname, 'fixtures', 'register', 'uscc-old-divisions.csv'), 'utf8')
    .split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]);
  // expected from cn_admin_codes_history_1981_2024.csv (written down from the file, not computed)
  const EXPECTED: Record<string, { status: string; codes: string[]; code: string }> = {
    371200: { status: 'split', codes: ['370116', '370117'], code: '370100' }, // 莱芜 → 莱芜区, 钢城区 of 济南
    420600: { status: 'current', codes: ['420600'], code: '420600' }, // 襄樊 → 襄阳, code kept
    500228: { status: 'changed', codes: ['500155'], code: '500155' }, // 梁平县 → 梁平区
    130124: { status: 'changed', codes: ['130111'], code: '130111' }, // 栾城县 → 栾城区
    341400: { status: 'split', codes: ['340124', '340181', '340207', '340281', '340522', '340523'], code: '340000' }, // 巢湖市: 庐江, 巢湖, 鸠江, 无为, 含山, 和县
    110103: { status: 'changed', codes: ['110101'], code: '110101' }, // 崇文 → 东城
    652200: { status: 'split', codes: ['650502', '650521', '650522'], code: '650500' }, // 哈密地区 → 伊州区, 巴里坤, 伊吾 of 哈密市
  };
  it('maps positions 3–8 of codes with old divisions to today’s divisions', () => {
    expect(rows.length).toBe(8);
    for (const code of rows.slice(0, 7)) {
      const v = validateUscc(code);
      expect(v.ok, code).toBe(true);
      if (!v.ok) continue;
      expect(currentDivisions(v.division), code).toMatchObject(EXPECTED[v.division]);
    }
  });
  it('an unknown code maps to nothing; a current one to itself', () => {
    expect(currentDivisions('999999')).toMatchObject({ status: 'unknown', codes: [], code: '' });
    expect(currentDivisions('310115')).toMatchObject({ status: 'current', code: '310115' });
    expect(cnDivisions().byCode.get('310115')).toMatchObject({ name: '浦东新区', level: 'county', parent: '310000' });
  });
  it('the shipped table has the MCA 2024 counts (SOURCE.txt: 34 provinces, 333 prefectures, 2,846 counties)', () => {
    const t = cnDivisions();
    const n = (l: string) => t.all.filter((d) => d.level === l).length;
    expect([n('province'), n('prefecture'), n('county')]).toEqual([34, 333, 2846]);
    expect(t.byCode.get('419001')).toMatchObject({ name: '济源市', level: 'county', parent: '410000' });
  });
});
