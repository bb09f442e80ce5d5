/**
 * Worker thread of `worker-pool.ts`: runs `conditionalPermutation` on one slice of regions over
 * shared inputs, writes the slice of the shared outputs, then signals the waiting caller.
 */
import { parentPort } from 'node:worker_threads';
import { conditionalPermutation } from '../inference/permutation.js';
import type { WorkerJob } from './worker-pool.js';

parentPort!.on('message', (job: WorkerJob) => {
  const status = new Int32Array(job.status);
  try {
    const r = conditionalPermutation({
      rows: { n: job.n, offsets: new Int32Array(job.offsets), neighbors: new Int32Array(job.neighbors), weights: new Float64Array(job.weights) },
      values: new Float64Array(job.values), scale: new Float64Array(job.scale), shift: new Float64Array(job.shift),
      permutations: job.permutations, seed: job.seed, alternative: job.alternative, from: job.from, to: job.to,
    });
    const out = new Float64Array(job.out);
    const parts = [r.observed, r.pValue, r.mean, r.variance];
    for (let k = 0; k < 4; k++) out.set(parts[k], k * job.n + job.from);
  } catch {
    Atomics.store(status, 1, 1);
  }
  Atomics.add(status, 0, 1);
  Atomics.notify(status, 0);
});

parentPort!.postMessage('ready');
