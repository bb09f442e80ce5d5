import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factorIntensity, industryType, nbsHighTechCategory } from '../src/model/industry-traits.js';
import { SHARED_DATA } from './shared-data.js';

const SHARED = SHARED_DATA;
const NBS = `${SHARED}/cn-hightech-mfg-2017/nbs_hightech_manufacturing_2017_to_gbt4754_2017.csv`;
const GBT = `${SHARED}/gbt4754-2017/gbt4754_2017_codes.csv`;

describe('industry traits', () => {
  it('classifies the seed’s example industries', () => {
    expect(factorIntensity('1811')).toBe('labour'); // apparel (Wenzhou)
    expect(factorIntensity('1952')).toBe('labour'); // leather shoes
    expect(factorIntensity('3823')).toBe('technology'); // low-voltage electrical (Yueqing)
    expect(factorIntensity('1351')).toBe('resource'); // slaughter (Yurun)
    expect(factorIntensity('0313')).toBe('resource'); // pig raising
    expect(industryType('3971')).toBe('high-tech'); // electronic devices
    expect(industryType('3525')).toBe('traditional'); // moulds (Taizhou)
    expect(industryType('C2710')).toBe('high-tech'); // section letter allowed
    expect(nbsHighTechCategory('4343')).toBe('HT2');
    expect(nbsHighTechCategory('4030')).toBeUndefined(); // clocks: not in the list
  });

  it.skipIf(!existsSync(NBS) || !existsSync(GBT))('expands to exactly the 85 classes of the NBS 2017 list (checked against the shared copy)', () => {
    const expected = readFileSync(NBS, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').at(-2)!.replace(/^C/, '')).sort();
    const classes = readFileSync(GBT, 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split(','))
      .filter((f) => f[0] === '4')
      .map((f) => f[5]);
    classes.push('3741'); // the shared GB/T copy lacks 3741 飞机制造 (its line repeats 374; see docs/classifications.md)
    const ours = [...new Set(classes)].filter((c) => nbsHighTechCategory(c) !== undefined).sort();
    expect(ours).toEqual(expected);
  });
});
