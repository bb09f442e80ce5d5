/**
 * Run Monte Carlo simulations of a curve in worker threads.
 *
 * A job names an ES module and one of its exports, `simulate(task, from, to, out, outOffset)`,
 * which writes simulations [from, to) into `out` (row-major, `length` values each). A job is split
 * into one contiguous block of simulations per thread; every thread writes into the same
 * SharedArrayBuffer, so nothing is copied back. Simulations must draw their randomness from
 * (seed, simulation index) alone (see kDensitySimulate, ripleySimulate, mDensitySimulate and
 * simulationRng), so the result does not depend on the number of threads. Node only
 * (node:worker_threads); the measures themselves stay pure.
 *
 * Two forms:
 * - `workerPool({ threads })`: threads started once and reused by every job until `close()` —
 *   for a caller that runs many jobs (the report: one K-density per candidate). A task's typed
 *   arrays backed by a SharedArrayBuffer reach the threads without a copy (structured clone
 *   shares the memory), so a large pattern can be posted to every job for free.
 * - `workerRunner({ threads })`: a function that starts its threads for one job and stops them
 *   after it (the CLI's measure verbs).
 *
 * A measure's InputError in a thread is an InputError in the caller (a degenerate draw is a "not
 * computed" condition, as in one thread); anything else is an InternalError; a thread that dies
 * fails its job and is replaced for the next one.
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

export type SimulationRunner = <T>(job: SimulationJob<T>) => Promise<Float64Array>;

export interface WorkerPool {
  run: SimulationRunner;
  /** Stop the threads (waits for them); further jobs are refused. */
  close(): Promise<void>;
}

/** What a thread answers for one block. */
export interface BlockReply { id: number; ok: boolean; error?: string; input?: { code: string; message: string; details: ErrorDetails } }

/** The compiled entry (dist/); from TypeScript sources (tsx, vitest) there is none: use kDensity in-thread. */
function threadEntry(): URL {
  const js = new URL('./simulation-worker-thread.js', import.meta.url);
  if (!existsSync(fileURLToPath(js))) throw new InternalError('workerRunner: simulation-worker-thread.js not found; worker threads need the compiled build (npm run build)');
  return js;
}

function replyError(m: BlockReply): Error {
  return m.input ? new InputError(m.input.code as ErrorCode, m.input.message, m.input.details) : new InternalError(`simulation worker: ${m.error}`);
}

interface Block { id: number; module: string; exportName: string; task: unknown; from: number; to: number; shared: SharedArrayBuffer; length: number }

/** One long-lived thread: blocks are posted one at a time and answered in order. */
class PoolThread {
  private worker: Worker | null = null;
  private pending: { id: number; resolve: () => void; reject: (e: Error) => void } | null = null;

  private start(): Worker {
    const w = new Worker(threadEntry(), { workerData: { pool: true } });
    w.on('message', (m: BlockReply) => {
      const p = this.pending;
      if (!p || p.id !== m.id) return;
      this.pending = null;
      w.unref(); // an idle thread does not keep the process alive
      if (m.ok) p.resolve();
      else p.reject(replyError(m));
    });
    const fail = (e: Error): void => {
      this.worker = null;
      const p = this.pending;
      this.pending = null;
      p?.reject(e instanceof InputError || e instanceof InternalError ? e : new InternalError(`simulation worker: ${e.stack ?? e.message}`));
    };
    w.on('error', fail);
    w.on('exit', (code) => { if (this.worker === w) fail(new InternalError(`simulation worker: the thread exited (code ${code})`)); });
    w.unref();
    return w;
  }

  run(block: Block): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.worker ??= this.start();
      this.pending = { id: block.id, resolve, reject };
      this.worker.ref(); // a running block does
      this.worker.postMessage(block);
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

function threadCount(options: WorkerRunnerOptions): number {
  return Math.max(1, options.threads ?? Math.min(8, availableParallelism()));
}

/** Threads started once and reused by every job until `close()`; jobs run one after another. */
export function workerPool(options: WorkerRunnerOptions = {}): WorkerPool {
  threadEntry(); // fail early without the compiled build
  const threads = Array.from({ length: threadCount(options) }, () => new PoolThread());
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let nextId = 0;
  const runJob = async <T>(job: SimulationJob<T>): Promise<Float64Array> => {
    const shared = new SharedArrayBuffer(job.simulations * job.length * Float64Array.BYTES_PER_ELEMENT);
    const t = Math.min(threads.length, job.simulations);
    const per = Math.ceil(job.simulations / Math.max(t, 1));
    const runs: Promise<void>[] = [];
    for (let k = 0; k < t; k++) {
      const from = k * per;
      const to = Math.min(job.simulations, from + per);
      if (from >= to) continue;
      runs.push(threads[k].run({ id: nextId++, module: job.module, exportName: job.exportName, task: job.task, from, to, shared, length: job.length }));
    }
    // every block settles before the job does, so no thread still writes when the next job starts
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return new Float64Array(shared);
  };
  return {
    run: <T>(job: SimulationJob<T>): Promise<Float64Array> => {
      if (closed) return Promise.reject(new InternalError('workerPool: the pool is closed'));
      const result = queue.then(() => runJob(job));
      queue = result.catch(() => undefined);
      return result;
    },
    async close(): Promise<void> {
      closed = true;
      await queue;
      await Promise.all(threads.map((t) => t.stop()));
    },
  };
}

/** A runner that starts its threads for each job and stops them after it. */
export function workerRunner(options: WorkerRunnerOptions = {}): SimulationRunner {
  return async <T>(job: SimulationJob<T>): Promise<Float64Array> => {
    const pool = workerPool(options);
    try {
      return await pool.run(job);
    } finally {
      await pool.close();
    }
  };
}
