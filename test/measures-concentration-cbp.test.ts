/**
 * The concentration family on real data: Kentucky, CBP 2021 county × 3-digit NAICS, read by
 * src/load/concentration-cbp.ts into a workspace and loaded by src/load/region-industry.ts.
 * Reference: test/fixtures/concentration/cbp-ky.json from test/reference/concentration-cbp-ky.py
 * (independent Python csv + numpy; versions inside).
 * Skipped, with a message, when /work/shared/data/cbp2021-county-naics/ (or $CBP_DIR) is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cbpSuppression, createCbpTables, equalSizePlantMoments, loadCbpFiles } from '../src/load/concentration-cbp.js';
import { loadStatsMatrix } from '../src/load/region-industry.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { ellisonGlaeser } from '../src/measures/zone-agglomeration/ellison-glaeser.js';
import { locationalGini } from '../src/measures/zone-agglomeration/locational-gini.js';
import { openMemory, type Workspace } from '../src/store/workspace.js';
import { SHARED_DATA } from './shared-data.js';

const DATA = process.env.CBP_DIR ?? `${SHARED_DATA}/cbp2021-county-naics`;
const KY = join(DATA, 'county', 'industriesPerCounty_kentucky_2021.csv');
const present = existsSync(KY);
if (!present) console.warn(`measures-concentration-cbp: skipped — CBP 2021 extracts not found at ${DATA} (set CBP_DIR)`);
const REF = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'concentration', 'cbp-ky.json'), 'utf8'));

describe.skipIf(!present)('CBP 2021 Kentucky counties', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await openMemory();
    await createCbpTables(ws);
  });
  afterAll(() => ws?.close());

  it('the parser reads every row, keeps only subsectors and reproduces SOURCE.txt’s sanity check', async () => {
    const l = await loadCbpFiles(ws, [KY], 'county');
    expect(l.rows).toBe(REF.rows); // 24,618 per SOURCE.txt
    expect(l.loaded).toBe(REF.subsectorRows);
    const [c] = await ws.all<{ n: number }>("SELECT count(*)::BIGINT AS n FROM regions WHERE level = 'county'");
    expect(Number(c.n)).toBe(120);
    const gaps = await cbpSuppression(ws, 'county');
    expect(gaps.pairsWithMissingSubsectors).toBeGreaterThan(0); // disclosure: Scott County 3361 etc.
  });

  it('LQ, EG γ, G, H (equal-size approximation) and locational Gini agree with the independent reference', async () => {
    const emp = await loadStatsMatrix(ws, { variable: 'employment', level: 'subsector', regionLevel: 'county' });
    const est = await loadStatsMatrix(ws, { variable: 'establishments', level: 'subsector', regionLevel: 'county' });
    expect(emp.value.regions.length).toBe(REF.counties);
    expect(emp.value.industries.length).toBe(REF.subsectors);
    const lq = locationQuotient(emp.value);
    const I = emp.value.industries.length;
    for (const [key, expected] of Object.entries(REF.lq as Record<string, number>)) {
      const [county, code] = key.split('|');
      const v = lq.value.values[emp.value.regions.indexOf(county) * I + emp.value.industries.indexOf(code)];
      expect(Math.abs(v - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
    }
    const eg = ellisonGlaeser(emp.value, equalSizePlantMoments(emp.value, est.value)).value;
    const lg = locationalGini(emp.value).value;
    for (const [code, r] of Object.entries(REF.eg as Record<string, { gamma: number; G: number; H: number; locationalGini: number }>)) {
      const i = emp.value.industries.indexOf(code);
      expect(Math.abs(eg.gamma[i] - r.gamma)).toBeLessThan(1e-9);
      expect(Math.abs(eg.rawConcentration[i] - r.G)).toBeLessThan(1e-12);
      expect(Math.abs(eg.plantHerfindahl[i] - r.H)).toBeLessThan(1e-12);
      expect(Math.abs(lg.values[i] - r.locationalGini)).toBeLessThan(1e-9);
    }
  });
});
