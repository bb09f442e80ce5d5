/**
 * Benchmark: distance-based agglomeration (issue 5), our time beside the reference's from the
 * same run.
 *
 *   npm run bench:pointpatterns
 *   npm run bench:pointpatterns -- --quick        # smaller cases
 *   npm run bench:pointpatterns -- --only kd      # or --only ripley
 *
 * 1. K-density with a 99-simulation envelope (random location, DO2005 global band): 2,000
 *    reference points among 10,000 establishments in a 100 km square. dbmss' KdEnvelope is the
 *    reference (≈ 60 s on this machine per the issue); it is run when R has dbmss installed.
 * 2. Ripley's L with a 99-simulation CSR envelope for 10,000 points in the same square (border
 *    correction, which spatstat uses above 3,000 points), beside spatstat's
 *    `envelope(X, Lest, nsim = 99)` run by Rscript on the same points; ours in-thread and in
 *    worker threads (the ratio uses the faster of the two).
 * 3. K-density with a 99-simulation envelope for 5,000 reference points among 100,000
 *    establishments (target: within a minute).
 * Each K-density case runs in-thread and in worker threads (simulations seeded per index, so
 * both give the same curves; the run checks it). Not a test: it prints figures, never fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { pointPattern, rectangleWindow, type PointPattern } from '../src/data/point-pattern.js';
import { workerRunner } from '../src/runtime/simulation-worker.js';
import { kDensity, kDensityAsync } from '../src/measures/pointpattern/k-density.js';
import { ripleyL, ripleyLAsync } from '../src/measures/pointpattern/ripley-l.js';

const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined; // kd | ripley

/** Establishments in a 100 km square (coordinates in km): background uniform, the reference industry half clustered. */
function establishments(n: number, nRef: number, seed: number): PointPattern {
  const rng = createRng(seed);
  const x = new Float64Array(n), y = new Float64Array(n);
  const labels: string[] = new Array(n);
  const centres = [[25, 30], [70, 65], [55, 20]];
  for (let i = 0; i < n; i++) {
    if (i < nRef / 2) {
      const c = centres[i % 3];
      x[i] = Math.min(100, Math.max(0, c[0] + 3 * rng.normal()));
      y[i] = Math.min(100, Math.max(0, c[1] + 3 * rng.normal()));
    } else { x[i] = 100 * rng.next(); y[i] = 100 * rng.next(); }
    labels[i] = i < nRef ? 'REF' : 'OTHER';
  }
  return pointPattern({ x, y, labels, window: rectangleWindow(0, 100, 0, 100), distanceUnit: 'km' });
}

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, (performance.now() - t0) / 1000];
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, (performance.now() - t0) / 1000];
}

function hasR(pkg: string): boolean {
  try {
    execFileSync('Rscript', ['-e', `if (!requireNamespace("${pkg}", quietly = TRUE)) quit(status = 3)`], { stdio: 'ignore' });
    return true;
  } catch { return false; }
}

function rSeconds(script: string): { seconds: number; out: string } {
  const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /SECONDS=([0-9.]+)/.exec(out);
  return { seconds: m ? Number(m[1]) : Number.NaN, out };
}

async function kdCase(label: string, n: number, nRef: number): Promise<void> {
  const p = establishments(n, nRef, 42);
  const opts = { reference: 'REF', simulations: 99, seed: 7 } as const;
  const [serial, ts] = time(() => kDensity(p, opts));
  const runner = workerRunner();
  const [par, tp] = await timeAsync(() => kDensityAsync(p, opts, runner));
  let same = true;
  const a = serial.value.envelope!, b = par.value.envelope!;
  for (let k = 0; k < a.upper.length; k++) if (a.upper[k] !== b.upper[k] || a.globalLower![k] !== b.globalLower![k]) same = false;
  console.log(`${label}: ${nRef.toLocaleString()} reference / ${n.toLocaleString()} establishments, 99 simulations, ${serial.provenance.options.approximate ? 'binned (2,048 bins)' : 'exact'}, ${serial.value.r.length} distances to ${serial.value.r[serial.value.r.length - 1].toFixed(1)} km`);
  console.log(`  ours in-thread        ${ts.toFixed(2)} s   (pairs ${serial.value.pairs.toLocaleString()}, bandwidth ${serial.value.bandwidth.toFixed(3)} km, Γ = ${serial.value.localisationIndex!.toFixed(4)})`);
  console.log(`  ours worker threads   ${tp.toFixed(2)} s   (same curves as in-thread: ${same})`);
  if (hasR('dbmss')) {
    const dir = mkdtempSync(join(tmpdir(), 'kd-'));
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, `x,y,type\n${Array.from(p.x, (v, i) => `${v},${p.y[i]},${p.types![i] === p.typeLevels!.indexOf('REF') ? 'REF' : 'OTHER'}`).join('\n')}\n`);
    const r = rSeconds(`suppressMessages(library(dbmss)); d <- read.csv("${csv}"); X <- wmppp(data.frame(X = d$x, Y = d$y, PointType = d$type, PointWeight = 1), window = spatstat.geom::owin(c(0,100), c(0,100))); t0 <- Sys.time(); e <- KdEnvelope(X, ReferenceType = "REF", NumberOfSimulations = 99, Global = TRUE); cat("SECONDS=", as.numeric(difftime(Sys.time(), t0, units = "secs")), "\\n", sep = "")`);
    console.log(`  dbmss KdEnvelope      ${r.seconds.toFixed(2)} s   → ours ${(r.seconds / Math.min(ts, tp)).toFixed(1)}× faster`);
  } else {
    console.log('  dbmss KdEnvelope      not run: R package dbmss is not installed (not packaged for Debian); the issue quotes ≈ 60 s on this machine');
  }
}

async function main(): Promise<void> {
  console.log(`cluster-atlas bench:pointpatterns  node ${process.version}  ${new Date().toISOString()}`);
  if (only !== 'ripley') await kdCase('K-density', quick ? 5000 : 10000, quick ? 1000 : 2000);
  if (only === 'kd') { if (!quick) await kdCase('K-density, large', 100000, 5000); return; }

  // Ripley's L envelope, 10,000 CSR-ish points
  const n = quick ? 3000 : 10000;
  const rng = createRng(5);
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = 100 * rng.next(); y[i] = 100 * rng.next(); }
  const p = pointPattern({ x, y, window: rectangleWindow(0, 100, 0, 100), distanceUnit: 'km' });
  const lopts = { correction: 'border', simulations: 99, seed: 3 } as const;
  const [l, ts] = time(() => ripleyL(p, lopts));
  const [lp, tp] = await timeAsync(() => ripleyLAsync(p, lopts, workerRunner()));
  let same = true;
  for (let k = 0; k < l.value.r.length; k++) if (l.value.envelope!.upper[k] !== lp.value.envelope!.upper[k] || l.value.envelope!.globalLower![k] !== lp.value.envelope!.globalLower![k]) same = false;
  const tl = Math.min(ts, tp);
  console.log(`Ripley's L: ${n.toLocaleString()} points, border correction, 99 CSR simulations (rmax ${l.value.r[l.value.r.length - 1].toFixed(3)} km)`);
  console.log(`  ours in-thread        ${ts.toFixed(2)} s`);
  console.log(`  ours worker threads   ${tp.toFixed(2)} s   (same envelope as in-thread: ${same})`);
  if (hasR('spatstat.explore')) {
    const dir = mkdtempSync(join(tmpdir(), 'l-'));
    const csv = join(dir, 'p.csv');
    writeFileSync(csv, `x,y\n${Array.from(x, (v, i) => `${v},${y[i]}`).join('\n')}\n`);
    const r = rSeconds(`suppressMessages(library(spatstat)); d <- read.csv("${csv}"); X <- ppp(d$x, d$y, c(0,100), c(0,100)); L <- Lest(X, correction = "border"); writeLines(paste0("LBORDER=", paste(sprintf("%.17g", L$border), collapse = ","))); t0 <- Sys.time(); e <- envelope(X, Lest, nsim = 99, verbose = FALSE); cat("SECONDS=", as.numeric(difftime(Sys.time(), t0, units = "secs")), "\\n", sep = "")`);
    const ref = /LBORDER=(.*)/.exec(r.out)![1].split(',').map(Number);
    let diff = 0;
    for (let k = 0; k < ref.length; k++) if (Number.isFinite(ref[k])) diff = Math.max(diff, Math.abs(ref[k] - l.value.value[k]));
    console.log(`  observed L vs spatstat Lest(border): max |difference| ${diff.toExponential(2)} over ${ref.length} distances`);
    console.log(`  spatstat envelope     ${r.seconds.toFixed(2)} s   → ours ${(r.seconds / tl).toFixed(1)}× faster   (spatstat.explore ${execFileSync('Rscript', ['-e', 'cat(as.character(packageVersion("spatstat.explore")))'], { encoding: 'utf8' })})`);
  } else {
    console.log('  spatstat envelope     not run: R or spatstat is not installed');
  }

  if (!quick) await kdCase('K-density, large', 100000, 5000);
}

await main();
