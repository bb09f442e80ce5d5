/**
 * Benchmark of the planning family (issue 9), with scipy.optimize.milp in the same run:
 *  1. p-median, 5,000 weighted demand points × 500 candidate sites (p = 20): ours is the
 *     Lagrangian bound + interchange (`pMedianLagrangian`), which reports a proven gap; scipy solves
 *     the full ReVelle–Swain model (2.5 M assignment variables) with its native HiGHS, under a time
 *     limit.
 *  2. p-center, the same 5,000 × 500 (p = 20): ours is the exact binary search over the distances
 *     (`pCenterExact`: greedy upper bound, greedy-cover and HiGHS LSCP feasibility steps); scipy
 *     runs the same bisection with one milp LSCP per step, written independently in Python.
 *  3. chain covering: the Yurun condition for 500 sites against 7 stages of facilities (200 km), then
 *     MCLP (p = 15 hubs among the chain-complete sites, most demand within 200 km): ours is
 *     `locateChainHubs` (HiGHS wasm in a worker thread); scipy builds the same model itself.
 *
 *   npm run bench:planning
 *   node dist/bench/planning.js --demands 5000 --sites 500 --p 20 --scipy-time-limit 300
 *   node dist/bench/planning.js --only p-center     (the p-center section and its peer alone)
 *
 * Instances are seeded: demand clustered around 40 centres (plus 10 % spread uniformly) in eastern
 * China's box, sites drawn near demand, facilities of each stage around a random 70 % of the
 * centres. The instance is written to bench/out/planning/instance.json; scipy reads it and computes
 * its own haversine distances. Times: ours include the distance matrix; scipy's cover milp() only
 * (its distance time is printed apart). Not a test: prints figures, never fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { chainCoverage, locateChainHubs } from '../src/plan/location/chain-covering.js';
import { greatCircleMatrix } from '../src/plan/location/distances.js';
import { pCenterExact } from '../src/plan/location/p-center.js';
import { pMedianLagrangian } from '../src/plan/location/p-median-lagrangian.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('demands', 5000);
const M = arg('sites', 500);
const P = arg('p', 20);
const CHAIN_P = arg('chain-p', 15);
const RADIUS = arg('radius', 200);
const SEED = arg('seed', 20261127);
const SCIPY_LIMIT = arg('scipy-time-limit', 300);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const OUT = resolve('bench', 'out', 'planning');
mkdirSync(OUT, { recursive: true });

interface Pt { id: string; lon: number; lat: number; weight?: number }
function instance() {
  const rng = createRng(SEED);
  const box = { lon: [104, 122], lat: [22, 41] };
  const centres = Array.from({ length: 40 }, () => [box.lon[0] + rng.next() * (box.lon[1] - box.lon[0]), box.lat[0] + rng.next() * (box.lat[1] - box.lat[0])] as [number, number]);
  const near = (c: [number, number], s: number): [number, number] => [c[0] + s * rng.normal(), c[1] + s * rng.normal()];
  const demands: Pt[] = Array.from({ length: N }, (_, i) => {
    const [lon, lat] = rng.next() < 0.1 ? [box.lon[0] + rng.next() * 18, box.lat[0] + rng.next() * 19] : near(rng.pick(centres), 0.6);
    return { id: `d${i}`, lon, lat, weight: 1 + rng.int(100) };
  });
  const sites: Pt[] = Array.from({ length: M }, (_, j) => { const d = demands[rng.int(N)]; const [lon, lat] = near([d.lon, d.lat], 0.2); return { id: `s${j}`, lon, lat }; });
  const stages = ['feed', 'breeding', 'farming', 'slaughter', 'processing', 'cold-chain', 'retail'];
  const facilities: (Pt & { stage: string })[] = [];
  for (const stage of stages) {
    const hosts = centres.filter(() => rng.next() < 0.7);
    for (let k = 0; k < 120; k++) { const [lon, lat] = near(rng.pick(hosts), 0.7); facilities.push({ id: `${stage}-${k}`, stage, lon, lat }); }
  }
  return { demands, sites, stages, facilities };
}

const time = async <T>(f: () => T | Promise<T>): Promise<[T, number]> => { const t0 = performance.now(); const r = await f(); return [r, (performance.now() - t0) / 1000]; };

interface PeerResult { model: string; method?: string; seconds: number; status: number; message: string; objective: number | null; bound?: number | null; gap?: number | null; complete?: number; distanceSeconds?: number }
function scipy(file: string, which: string): { version: string; results: PeerResult[] } | string {
  const r = spawnSync('/usr/bin/python3', [resolve('bench', 'planning-scipy.py'), file, String(SCIPY_LIMIT), which], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
  if (r.status !== 0) return `scipy unavailable or failed (${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`;
  const out = JSON.parse(r.stdout) as { scipy: string; numpy: string; results: PeerResult[] };
  return { version: `scipy ${out.scipy} (numpy ${out.numpy})`, results: out.results };
}

async function main(): Promise<void> {
  const { demands, sites, stages, facilities } = instance();
  const file = join(OUT, 'instance.json');
  writeFileSync(file, JSON.stringify({ seed: SEED, p: P, chainP: CHAIN_P, radiusKm: RADIUS, stages, demands, sites, facilities }));
  console.log(`planning benchmark: ${N} demand points × ${M} candidate sites, seed ${SEED}; instance in ${file}`);

  // 1. p-median
  const w = Float64Array.from(demands, (d) => d.weight!);
  const [d, tDist] = await time(() => greatCircleMatrix(demands.map((x) => x.lon), demands.map((x) => x.lat), sites.map((x) => x.lon), sites.map((x) => x.lat)));
  let pm: Awaited<ReturnType<typeof pMedianLagrangian>> | undefined;
  if (ONLY === undefined || ONLY === 'p-median') {
    const [res, tPm] = await time(() => pMedianLagrangian(d, w, M, P));
    pm = res;
    console.log(`\np-median (p = ${P})`);
    console.log(`  ours  Lagrangian + interchange: ${(tDist + tPm).toFixed(2)} s (distances ${tDist.toFixed(2)} s) — objective ${pm.objective.toFixed(1)}, lower bound ${pm.lowerBound.toFixed(1)}, gap ${(100 * pm.gap).toExponential(2)} %, ${pm.status}, ${pm.iterations} iterations`);
  }

  if (ONLY === 'p-center') {
    const [pc, tPc] = await time(() => pCenterExact(d, N, M, P));
    console.log(`\np-center (p = ${P})\n  ours  binary search + LSCP feasibility: ${(tDist + tPc).toFixed(2)} s — radius ${pc.radius.toFixed(4)} km, ${pc.status}, ${pc.steps} steps (${pc.mipSolves} HiGHS solves)`);
    const peer = scipy(file, 'pcenter');
    if (typeof peer === 'string') { console.log(`\n${peer}`); return; }
    for (const r of peer.results) console.log(`  ${peer.version} ${r.method}: ${r.seconds.toFixed(2)} s — radius ${r.objective?.toFixed(4)} km (${r.message}); ours − scipy = ${r.objective == null ? 'n/a' : (pc.radius - r.objective).toExponential(2)} km`);
    return;
  }
  // 2. p-center, exact
  const [pc, tPc] = await time(() => pCenterExact(d, N, M, P));
  console.log(`\np-center (p = ${P})`);
  console.log(`  ours  binary search + LSCP feasibility: ${(tDist + tPc).toFixed(2)} s — radius ${pc.radius.toFixed(4)} km, lower bound ${pc.lowerBound.toFixed(4)} km, ${pc.status}, ${pc.steps} steps (${pc.mipSolves} HiGHS solves)`);

  // 3. chain covering + MCLP among chain-complete sites
  const [cov, tCov] = await time(() => chainCoverage(sites, facilities, stages, RADIUS));
  const complete = cov.filter((c) => c.complete).length;
  const [ch, tCh] = await time(() => locateChainHubs(sites, demands, facilities, stages, { model: 'mclp', p: CHAIN_P, radiusKm: RADIUS, mipRelGap: 1e-9 }));
  console.log(`\nchain covering (${stages.length} stages × 120 facilities, ${RADIUS} km) + MCLP (p = ${CHAIN_P})`);
  console.log(`  ours  coverage check ${tCov.toFixed(2)} s (${complete} of ${M} sites chain-complete); MCLP via HiGHS wasm ${tCh.toFixed(2)} s — covered weight ${ch.objective.toFixed(0)} of ${ch.totalWeight}, ${ch.status}`);

  const peer = scipy(file, 'both');
  if (typeof peer === 'string') { console.log(`\n${peer}`); return; }
  console.log(`\npeer: ${peer.version}, milp time limit ${SCIPY_LIMIT} s`);
  for (const r of peer.results) {
    const obj = r.objective === null ? 'no solution' : r.objective.toFixed(r.model === 'p-median' ? 1 : 0);
    const bound = r.bound === null || r.bound === undefined ? '' : `, bound ${r.bound.toFixed(1)}`;
    const extra = r.model === 'p-median' ? ` (distances ${r.distanceSeconds!.toFixed(2)} s)` : r.model === 'p-center' ? ` (${r.method})` : ` (${r.complete} chain-complete sites)`;
    console.log(`  scipy ${r.model}: ${r.seconds.toFixed(2)} s${extra} — objective ${obj}${bound}, status ${r.status}: ${r.message}`);
  }
  const pmPeer = peer.results.find((r) => r.model === 'p-median');
  if (pm && pmPeer?.objective != null) console.log(`  p-median objectives: ours / scipy = ${(pm.objective / pmPeer.objective).toFixed(9)}`);
  for (const pcPeer of peer.results.filter((r) => r.model === 'p-center')) if (pcPeer.objective != null) console.log(`  p-center radii (${pcPeer.method}): ours ${pc.radius.toFixed(6)} km, scipy ${pcPeer.objective.toFixed(6)} km, difference ${(pc.radius - pcPeer.objective).toExponential(2)} km`);
  const chPeer = peer.results.find((r) => r.model === 'chain-mclp');
  if (chPeer?.objective != null) console.log(`  chain MCLP objectives: ours / scipy = ${(ch.objective / chPeer.objective).toFixed(9)}; chain-complete sites ours ${complete}, scipy ${chPeer.complete}`);
}

await main();
