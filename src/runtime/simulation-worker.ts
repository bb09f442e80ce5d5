/**
 * Run Monte Carlo simulations of a curve in worker threads.
 *
 * A job names an ES module and one of its exports, `simulate(task, from, to, out, outOffset)`,
 * which writes simulations [from, to) into `out` (row-major, `length` values each). The runner
 * splits [0, simulations) into one contiguous block per thread; every thread writes into the
 * same SharedArrayBuffer, so nothing is copied back. Simulations must draw their randomness from
 * (seed, simulation index) alone (see kDensitySimulate, ripleySimulate, mDensitySimulate and
 * simulationRng), so the result does not depend on the number of threads. Node only
 * (node:worker_threads); the measures themselves stay pure.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, InternalError, type ErrorCode, type ErrorDetails } from '../core/errors.js';

export interface SimulationJob<T> {
  /** URL of the module that exports the simulation function (import.meta.url of the measure). */
  module: string;
  exportName: string;
  task: T;
  simulations: number;
  length: number;
}

export interface WorkerRunnerOptions {
  /** Threads to use (default: available parallelism, at most 8). */
  threads?: number;
}

/** The compiled entry (dist/); from TypeScript sources (tsx, vitest) there is none: use kDensity in-thread. */
function threadEntry(): URL {
  const js = new URL('./simulation-worker-thread.js', import.meta.url);
  if (!existsSync(fileURLToPath(js))) throw new InternalError('workerRunner: simulation-worker-thread.js not found; worker threads need the compiled build (npm run build)');
  return js;
}

export function workerRunner(options: WorkerRunnerOptions = {}): <T>(job: SimulationJob<T>) => Promise<Float64Array> {
  const threads = Math.max(1, options.threads ?? Math.min(8, availableParallelism()));
  return async <T>(job: SimulationJob<T>): Promise<Float64Array> => {
    const shared = new SharedArrayBuffer(job.simulations * job.length * Float64Array.BYTES_PER_ELEMENT);
    const t = Math.min(threads, job.simulations);
    const per = Math.ceil(job.simulations / t);
    const runs: Promise<void>[] = [];
    for (let k = 0; k < t; k++) {
      const from = k * per;
      const to = Math.min(job.simulations, from + per);
      if (from >= to) continue;
      runs.push(new Promise<void>((resolve, reject) => {
        const w = new Worker(threadEntry(), {
          workerData: { module: job.module, exportName: job.exportName, task: job.task, from, to, shared, length: job.length },
        });
        w.once('message', (m: { ok: boolean; error?: string; input?: { code: string; message: string; details: ErrorDetails } }) => {
          if (m.ok) resolve();
          else if (m.input) reject(new InputError(m.input.code as ErrorCode, m.input.message, m.input.details));
          else reject(new InternalError(`simulation worker: ${m.error}`));
          void w.terminate();
        });
        w.once('error', reject);
      }));
    }
    await Promise.all(runs);
    return new Float64Array(shared);
  };
}
