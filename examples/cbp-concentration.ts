/**
 * Real-data run of the concentration family on U.S. County Business Patterns 2021
 * (county × NAICS-2017 and state × NAICS-2017; public domain; see SOURCE.txt in the data folder).
 *
 *   npx tsx examples/cbp-concentration.ts [--data DIR] [--out DIR]
 *   (default DIR: $CBP_DIR, else cbp2021-county-naics in the shared data folder — found as the
 *   tests find it (test/shared-data.ts): $CLUSTER_ATLAS_SHARED_DATA, else ../shared/data beside
 *   the repository, else /work/shared/data; default out: .cluster-atlas/cbp-2021)
 *
 * For every state and every county present in the extracts, at the 3-digit NAICS (subsector)
 * level: location quotients of employment, and per subsector the plant Herfindahl (HHI), the
 * locational Gini and the Ellison–Glaeser γ with its z. Results are written as CSV and a JSON
 * summary with provenance; nothing is copied into the repository.
 *
 * How the CBP is read (stated in the summary too):
 * - Only 3-digit codes are loaded (CBP repeats every aggregate level; rolling 4–6 digit rows up
 *   as well would count them twice). Sector "00" (all sectors) is not an industry.
 * - Disclosure: CBP leaves out cells that would identify an employer. A county × subsector that
 *   is absent is counted as 0, so LQs of absent cells are lower bounds; the summary reports, per
 *   county × 2-digit sector, how much of the sector's employment its listed subsectors miss.
 * - CBP has no plant-level sizes. The plant Herfindahl H is approximated by treating the
 *   establishments of one county × subsector cell as equal-sized (Σ_c e_c²/n_c / E²): this
 *   ignores within-cell inequality, so H is a lower bound and EG γ an upper bound. EG (1997)
 *   faced the same with Census size classes.
 * - County results cover the 38 states whose county files are present (see SOURCE.txt):
 *   "national" shares there are the shares of those states together.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cbpSuppression, createCbpTables, equalSizePlantMoments, loadCbpFiles } from '../src/load/concentration-cbp.js';
import { loadStatsMatrix } from '../src/load/region-industry.js';
import { locationQuotient } from '../src/measures/specialisation/location-quotient.js';
import { ellisonGlaeser } from '../src/measures/zone-agglomeration/ellison-glaeser.js';
import { locationalGini } from '../src/measures/zone-agglomeration/locational-gini.js';
import { openMemory } from '../src/store/workspace.js';

const args = process.argv.slice(2);
const opt = (name: string, d: string): string => (args.includes(name) ? args[args.indexOf(name) + 1] : d);
/** The shared data folder, found the same way as test/shared-data.ts and test/reference/*.py. */
const SHARED_DATA = process.env.CLUSTER_ATLAS_SHARED_DATA
  ?? [join(import.meta.dirname, '..', '..', 'shared', 'data'), '/work/shared/data'].find((p) => existsSync(p))
  ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const DATA = resolve(opt('--data', process.env.CBP_DIR ?? join(SHARED_DATA, 'cbp2021-county-naics')));
const OUT = resolve(opt('--out', join('.cluster-atlas', 'cbp-2021')));

function csv(rows: (string | number)[][]): string {
  return `${rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isFinite(c) ? String(Math.round(c * 1e6) / 1e6) : '') : /[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')).join('\n')}\n`;
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'county')) || !existsSync(join(DATA, 'state'))) {
    console.log(`cbp-concentration: skipped — the CBP 2021 extracts are not at ${DATA} (expected county/ and state/ folders; give --data DIR or CBP_DIR).`);
    return;
  }
  const t0 = performance.now();
  mkdirSync(OUT, { recursive: true });
  const ws = await openMemory();
  await createCbpTables(ws);
  const csvs = (level: string): string[] => readdirSync(join(DATA, level)).filter((f) => f.endsWith('.csv')).map((f) => join(DATA, level, f));
  const files = { county: await loadCbpFiles(ws, csvs('county'), 'county'), state: await loadCbpFiles(ws, csvs('state'), 'state') };
  const names = new Map((await ws.all<{ code: string; name: string }>('SELECT code, name FROM regions')).map((r) => [r.code, r.name]));
  const summary: Record<string, unknown> = {
    source: 'U.S. Census Bureau, County Business Patterns 2021 (via ModelEarth/data-pipeline f4ee3420); see SOURCE.txt', data: DATA, files,
    level: 'NAICS 2017 subsector (3-digit)', notes: [
      'absent cells counted as 0 (CBP disclosure suppression): LQs of absent cells are lower bounds',
      'plant Herfindahl approximated with equal-sized establishments within each region × subsector cell (H lower bound, EG γ upper bound)',
      'county results: the 38 states with county files; their union is the reference economy',
    ],
  };
  for (const level of ['state', 'county'] as const) {
    const emp = await loadStatsMatrix(ws, { variable: 'employment', regionLevel: level, level: 'subsector' });
    const est = await loadStatsMatrix(ws, { variable: 'establishments', regionLevel: level, level: 'subsector' });
    const lq = locationQuotient(emp.value, { missing: 'zero' });
    const plants = equalSizePlantMoments(emp.value, est.value);
    const eg = ellisonGlaeser(emp.value, plants, { missing: 'zero' });
    const lg = locationalGini(emp.value, { missing: 'zero' });
    const I = emp.value.industries.length;
    const lqRows: (string | number)[][] = [['region', 'name', 'naics3', 'employment', 'lq']];
    emp.value.regions.forEach((r, ri) => emp.value.industries.forEach((c, ii) => {
      const e = emp.value.values[ri * I + ii];
      if (e > 0) lqRows.push([r, names.get(r) ?? '', c, e, lq.value.values[ri * I + ii]]);
    }));
    const v = eg.value;
    const indRows: (string | number)[][] = [['naics3', 'establishments', 'hhi_approx', 'locational_gini', 'eg_gamma', 'eg_G', 'eg_z']];
    v.industries.forEach((c, i) => indRows.push([c, v.plants[i], v.plantHerfindahl[i], lg.value.values[i], v.gamma[i], v.rawConcentration[i], v.zScore[i]]));
    writeFileSync(join(OUT, `lq-${level}.csv`), csv(lqRows));
    writeFileSync(join(OUT, `industries-${level}.csv`), csv(indRows));
    const top = v.industries.map((c, i) => ({ naics3: c, gamma: v.gamma[i], locationalGini: lg.value.values[i], hhi: v.plantHerfindahl[i] }))
      .filter((x) => Number.isFinite(x.gamma)).sort((a, b) => b.gamma - a.gamma).slice(0, 8);
    summary[level] = {
      regions: emp.value.regions.length, subsectors: I, lqCells: lqRows.length - 1, input: emp.provenance,
      warnings: [...new Set([...lq.warnings, ...eg.warnings, ...lg.warnings])], suppression: await cbpSuppression(ws, level), mostAgglomerated: top,
    };
    console.log(`${level}: ${emp.value.regions.length} regions × ${I} subsectors, ${lqRows.length - 1} non-empty LQ cells; unknown (withheld) cells: ${emp.provenance.unknownCells}`);
    console.log(`  highest EG γ: ${top.map((x) => `${x.naics3} ${x.gamma.toFixed(3)}`).join(', ')}`);
  }
  ws.close();
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify(summary, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2));
  console.log(`written to ${OUT} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => { console.error(e); process.exit(1); });
