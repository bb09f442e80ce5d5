/**
 * A pool of worker threads that runs `conditionalPermutation` over slices of the regions in
 * parallel, synchronously from the caller's point of view: inputs and outputs live in
 * SharedArrayBuffers, each worker takes one slice (balanced by number of links), and the calling
 * thread sleeps in `Atomics.wait` until every slice is done. Because every region draws from its
 * own stream seeded by (seed, region) — see permutation.ts — the results are identical to the
 * single-threaded run, whatever the number of threads.
 *
 * Measures stay free of node:* imports: they accept a `runner` with the signature of
 * `conditionalPermutation`; the CLI, the server or a script creates the pool and passes
 * `pool.run`. Call `close()` when done (workers are unref'ed, so a forgotten pool does not keep
 * the process alive).
 *
 * @example const pool = await createPermutationPool({ threads: 2 });
 *          moranLocal(x, w, { runner: pool.run }); pool.close();
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError } from '../core/errors.js';
import type { ConditionalPermutationInput, ConditionalPermutationResult } from '../inference/permutation.js';
import { conditionalPermutation } from '../inference/permutation.js';

export interface PermutationPool {
  readonly threads: number;
  run(input: ConditionalPermutationInput): ConditionalPermutationResult;
  close(): Promise<void>;
}

export interface WorkerJob {
  n: number;
  offsets: SharedArrayBuffer;
  neighbors: SharedArrayBuffer;
  weights: SharedArrayBuffer;
  values: SharedArrayBuffer;
  scale: SharedArrayBuffer;
  shift: SharedArrayBuffer;
  out: SharedArrayBuffer; // 4 × n float64: observed, pValue, mean, variance
  status: SharedArrayBuffer; // int32 [done, failed]
  permutations: number;
  seed: number;
  alternative: ConditionalPermutationInput['alternative'];
  from: number;
  to: number;
}

function shared<T extends Float64Array | Int32Array>(src: T): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(src.byteLength);
  new (src.constructor as { new (b: SharedArrayBuffer): T })(sab).set(src);
  return sab;
}

export async function createPermutationPool(options: { threads?: number } = {}): Promise<PermutationPool> {
  const threads = options.threads ?? Math.max(1, Math.min(8, availableParallelism()));
  if (!Number.isInteger(threads) || threads < 1) throw new InputError('E_OPTION', `createPermutationPool: threads must be an integer ≥ 1, got ${threads}`, { field: 'threads', value: threads });
  const here = new URL(import.meta.url);
  const isTs = here.pathname.endsWith('.ts');
  const workerUrl = new URL(isTs ? './worker.ts' : './worker.js', here);
  const workers: Worker[] = [];
  for (let t = 0; t < threads; t++) {
    // from TypeScript sources (tests, tsx scripts) the worker registers tsx before loading worker.ts
    const w = isTs
      ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true })
      : new Worker(workerUrl);
    w.unref();
    workers.push(w);
  }
  // wait until every worker has loaded and listens, so that the blocking run() never waits on a
  // worker that still needs this thread's event loop to start
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  })));
  const run = (input: ConditionalPermutationInput): ConditionalPermutationResult => {
    const { rows } = input;
    const n = rows.n;
    const from = input.from ?? 0;
    const to = input.to ?? n;
    if (threads === 1 || to - from < 64) return conditionalPermutation(input);
    // slices balanced by links
    const total = rows.offsets[to] - rows.offsets[from];
    const bounds = [from];
    for (let s = 1; s < threads; s++) {
      const target = rows.offsets[from] + (total * s) / threads;
      let i = bounds[bounds.length - 1];
      while (i < to && rows.offsets[i] < target) i++;
      bounds.push(i);
    }
    bounds.push(to);
    const base = {
      n, offsets: shared(rows.offsets), neighbors: shared(rows.neighbors), weights: shared(rows.weights), values: shared(input.values),
      scale: shared(input.scale), shift: shared(input.shift), out: new SharedArrayBuffer(4 * n * 8), status: new SharedArrayBuffer(8),
      permutations: input.permutations, seed: input.seed, alternative: input.alternative,
    };
    const status = new Int32Array(base.status);
    let jobs = 0;
    for (let s = 0; s < threads; s++) {
      if (bounds[s + 1] <= bounds[s]) continue;
      const job: WorkerJob = { ...base, from: bounds[s], to: bounds[s + 1] };
      workers[s].postMessage(job);
      jobs++;
    }
    for (;;) {
      const done = Atomics.load(status, 0);
      if (done >= jobs) break;
      Atomics.wait(status, 0, done, 60_000);
    }
    if (Atomics.load(status, 1) !== 0) throw new InternalError('permutation worker failed; run with threads: 1 to see the error');
    const out = new Float64Array(base.out);
    const slice = (k: number): Float64Array => out.slice(k * n + from, k * n + to);
    return { observed: slice(0), pValue: slice(1), mean: slice(2), variance: slice(3) };
  };
  return {
    threads,
    run,
    close: async () => { await Promise.all(workers.map((w) => w.terminate())); },
  };
}
