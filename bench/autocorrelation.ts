/**
 * Benchmark: permutation inference for spatial autocorrelation on a 55 × 55 = 3,025-region queen
 * grid, ours beside spdep's in the same run (when Rscript with spdep is installed):
 *   - queen weights from the 3,025 polygons          vs  spdep poly2nb
 *   - Moran's I + 999 permutations                     vs  spdep moran.mc(nsim = 999)
 *   - local Moran + 999 conditional permutations       vs  spdep localmoran_perm(nsim = 999)
 *   - Getis–Ord G*ᵢ + 999 conditional permutations     vs  spdep localG_perm(nsim = 999)
 *   - the two local ones again on a worker-thread pool (--threads, default 2; identical results)
 * Both sides get the same polygons and values (written to bench/out/autocorrelation/), styles W.
 *
 *   npm run bench:autocorrelation
 *   npm run bench:autocorrelation -- --side 80 --permutations 999 --repeats 5 --threads 2
 *
 * Target (issue 4): at least 5× faster than spdep on the project's 2-core machine.
 * Not a test: it prints figures and never fails on them. Times are wall-clock medians of
 * `--repeats` runs for ours (after one warm-up), one run for spdep (it is slow).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { contiguityWeights, includeSelf, type RegionPolygon } from '../src/data/weights/index.js';
import { getisOrdLocal, moran, moranLocal } from '../src/measures/autocorrelation/index.js';
import { createPermutationPool } from '../src/runtime/worker-pool.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function grid(side: number): RegionPolygon[] {
  const out: RegionPolygon[] = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      const x = 100 + c * 0.01;
      const y = 30 + r * 0.01;
      out.push({ id: `g${r * side + c}`, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] } });
    }
  }
  return out;
}

function median(v: number[]): number {
  const s = v.slice().sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(repeats: number, f: () => unknown): number {
  f(); // warm-up
  const t: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    f();
    t.push((performance.now() - t0) / 1000);
  }
  return median(t);
}

const R_SCRIPT = `
suppressMessages({ library(sf); library(spdep); library(jsonlite) })
sf_use_s2(FALSE)
a <- commandArgs(trailingOnly = TRUE); dir <- a[1]; nsim <- as.integer(a[2])
pl <- st_read(file.path(dir, "grid.geojson"), quiet = TRUE)
x <- as.numeric(pl$value)
t_nb <- system.time(nb <- poly2nb(pl, queen = TRUE))[["elapsed"]]
lw <- nb2listw(nb, style = "W"); lws <- nb2listw(include.self(nb), style = "W")
set.seed(1)
t_mc <- system.time(moran.mc(x, lw, nsim = nsim))[["elapsed"]]
t_lm <- system.time(localmoran_perm(x, lw, nsim = nsim, iseed = 1))[["elapsed"]]
t_lg <- system.time(localG_perm(x, lws, nsim = nsim, iseed = 1))[["elapsed"]]
cat(toJSON(list(spdep = as.character(packageVersion("spdep")), R = as.character(getRversion()), links = sum(card(nb)),
  weights = t_nb, moran = t_mc, lisa = t_lm, gistar = t_lg), auto_unbox = TRUE), "\\n")
`;

async function main(): Promise<void> {
  const side = arg('side', 55);
  const permutations = arg('permutations', 999);
  const repeats = arg('repeats', 3);
  const n = side * side;
  const regions = grid(side);
  // a smooth trend plus noise, so the statistics are not trivial
  const rng = createRng(20261127);
  const x = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin((i % side) / 7) * 3 + Math.cos(Math.floor(i / side) / 9) * 3 + rng.normal());
  const dir = resolve('bench', 'out', 'autocorrelation');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'grid.geojson'), JSON.stringify({ type: 'FeatureCollection', features: regions.map((r, i) => ({ type: 'Feature', properties: { id: r.id, value: x[i] }, geometry: r.geometry })) }));

  const w = contiguityWeights(regions, { rule: 'queen' });
  const ws = includeSelf(w);
  const ours = {
    weights: time(repeats, () => contiguityWeights(regions, { rule: 'queen' })),
    moran: time(repeats, () => moran(x, w, { permutations, seed: 1 })),
    lisa: time(repeats, () => moranLocal(x, w, { permutations, seed: 1 })),
    gistar: time(repeats, () => getisOrdLocal(x, ws, { permutations, seed: 1 })),
    lisaThreads: NaN,
    gistarThreads: NaN,
  };
  const threads = arg('threads', 2);
  const pool = await createPermutationPool({ threads });
  ours.lisaThreads = time(repeats, () => moranLocal(x, w, { permutations, seed: 1, runner: pool.run }));
  ours.gistarThreads = time(repeats, () => getisOrdLocal(x, ws, { permutations, seed: 1, runner: pool.run }));
  await pool.close();
  console.log(`cluster-atlas autocorrelation benchmark: ${n} regions (${side}×${side} queen grid, ${w.neighbors.length} links), ${permutations} permutations, node ${process.version}`);
  let peer: Record<string, number | string> | null = null;
  try {
    const outText = execFileSync('Rscript', ['-e', R_SCRIPT, dir, String(permutations)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
    peer = JSON.parse(outText.trim().split('\n').pop()!);
  } catch (e) {
    console.log(`spdep not run (${(e as Error).message.split('\n')[0]}); install it with /work/shared/tools/install-peers.sh`);
  }
  if (peer && peer.links !== w.neighbors.length) console.log(`warning: spdep found ${peer.links} links, we found ${w.neighbors.length}`);
  const rows: [string, keyof typeof ours, string][] = [
    ['queen weights from polygons', 'weights', 'poly2nb'],
    [`Moran's I + ${permutations}`, 'moran', 'moran.mc'],
    [`local Moran + ${permutations}`, 'lisa', 'localmoran_perm'],
    [`Gi* + ${permutations}`, 'gistar', 'localG_perm'],
    [`local Moran, ${threads} threads`, 'lisaThreads', 'localmoran_perm'],
    [`Gi*, ${threads} threads`, 'gistarThreads', 'localG_perm'],
  ];
  console.log(`${'task'.padEnd(28)} ${'ours (s)'.padStart(10)} ${'spdep (s)'.padStart(10)}  ${'speed-up'.padStart(9)}  spdep function`);
  for (const [label, key, fn] of rows) {
    const theirs = peer ? Number(peer[key === 'lisaThreads' ? 'lisa' : key === 'gistarThreads' ? 'gistar' : key]) : NaN;
    const speedup = theirs / ours[key];
    console.log(`${label.padEnd(28)} ${ours[key].toFixed(4).padStart(10)} ${(peer ? theirs.toFixed(3) : '—').padStart(10)}  ${(peer ? `${speedup.toFixed(1)}×` : '—').padStart(9)}  ${fn}`);
  }
  if (peer) console.log(`peer: R ${peer.R}, spdep ${peer.spdep} (single-threaded, its default); ours single-threaded unless stated`);
}

await main();
