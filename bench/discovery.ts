/**
 * Discovery on the independent test bed (issue 14): draws seeded economies with one planted
 * structure of each kind (cluster, agglomeration, chain, park, concentration) at each strength
 * level, plus pure-noise economies, runs `ingest` and `diagnose` on each (the library calls the
 * CLI makes), and prints recall, precision and headline-label accuracy per kind and strength,
 * and the share of noise draws without a spurious cluster, agglomeration or chain.
 *
 *   npm run bench:discovery                     # 17 seeds × 3 strengths + 20 noise draws = 71 economies
 *   node dist/bench/discovery.js --seeds 5 --noise 5 --firms 6000 --members 120
 *   node dist/bench/discovery.js --random-ties 1 --outside 0.05 --park-noise 0.3 --sibling 2   # noise (defaults: test/testbed/params.ts)
 *
 * Targets (issue 14): recall, precision and label accuracy ≥ 0.95 per kind above the minimum
 * strength, and ≥ 0.95 of noise draws clean. Not a test: prints figures and writes
 * bench/out/discovery.json, never fails. Test bed: test/testbed/, docs/diagnosis.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { figures, figuresTable } from '../test/testbed/figures.js';
import { DEFAULT_NOISE, economyParams, STRENGTH_LEVELS, type Noise } from '../test/testbed/params.js';
import { runEconomy, type EconomyOutcome } from '../test/testbed/score.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a non-negative integer`);
  return v;
};
const num = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a non-negative number`);
  return v;
};
const SEEDS = arg('seeds', 17);
const NOISE = arg('noise', 20);
const FIRMS = arg('firms', 3000);
const MEMBERS = arg('members', 80);
if (MEMBERS < 10) throw new Error('--members must be at least 10 (a concentration has three giants among them, a chain three stages)');
const noise: Partial<Noise> = {
  backgroundFirms: FIRMS,
  randomTiesPerFirm: num('random-ties', DEFAULT_NOISE.randomTiesPerFirm),
  outsideShare: num('outside', DEFAULT_NOISE.outsideShare),
  parkNoiseShare: num('park-noise', DEFAULT_NOISE.parkNoiseShare),
  siblingFactor: num('sibling', DEFAULT_NOISE.siblingFactor),
};
const OUT = resolve('bench', 'out');

async function main(): Promise<void> {
  const outcomes: EconomyOutcome[] = [];
  const total = SEEDS * STRENGTH_LEVELS.length + NOISE;
  const step = (o: EconomyOutcome): void => {
    outcomes.push(o);
    const found = o.planted.filter((p) => p.found).map((p) => p.kind[0]).join('');
    process.stderr.write(`\r${outcomes.length}/${total} economies (seed ${o.seed} ${o.noiseOnly ? 'noise' : o.strength}: found ${found || '-'}, ${o.seconds.toFixed(1)} s)   `);
  };
  for (const strength of STRENGTH_LEVELS) {
    for (let i = 0; i < SEEDS; i++) step(await runEconomy(economyParams(100 + i, strength, { firmsPerStructure: MEMBERS, noise })));
  }
  for (let i = 0; i < NOISE; i++) step(await runEconomy(economyParams(5000 + i, 'medium', { kinds: [], noise })));
  process.stderr.write('\n');
  const f = figures(outcomes);
  console.log(`Discovery on the independent test bed: ${f.economies} economies (${SEEDS} seeds × ${STRENGTH_LEVELS.length} strengths, ${NOISE} pure noise; ${FIRMS} background firms, ${MEMBERS} per structure; noise ${JSON.stringify(noise)}), ${f.seconds} s`);
  console.log('found = a candidate\'s firms overlap the planted structure with Jaccard ≥ 0.8; precision = candidates claiming the kind (by label) that match a planted one of it, or (concentration) a background class concentrated by chance (incidental, CR4 > 0.4 computed from the generator’s firms); label acc. = found ones with the right headline label\n');
  console.log(figuresTable(f));
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, 'discovery.json');
  writeFileSync(file, JSON.stringify({ seeds: SEEDS, noiseDraws: NOISE, membersPerStructure: MEMBERS, noise: { ...DEFAULT_NOISE, ...noise }, figures: f, outcomes }, null, 1));
  console.log(`\nwritten: ${file}`);
}

await main();
