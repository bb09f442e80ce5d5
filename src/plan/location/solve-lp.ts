/**
 * Solve a MIP written in CPLEX LP format with HiGHS (WebAssembly), in a worker thread: HiGHS
 * blocks the thread it runs on and its wasm heap is capped at 2 GiB, so it never runs on the
 * main thread. One worker serves the calls of a process in turn (loading the wasm takes about
 * half a second); it is unref'd so it never keeps the process alive, and replaced if it fails.
 *
 * The worker's code is plain JavaScript passed inline (`eval`), so it runs the same from the
 * compiled package and from TypeScript sources under the test runner.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../../core/errors.js';

export interface LpResult {
  status: string;
  objective: number;
  /** Column name → primal value. */
  primal: Record<string, number>;
}

export interface SolveOptions {
  /** Seconds before HiGHS stops with its best solution (default: no limit). */
  timeLimit?: number;
  /** Relative MIP gap at which to stop (HiGHS default 1e-4). */
  mipRelGap?: number;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const loader = require(workerData.highs);
let highs;
parentPort.on('message', async (msg) => {
  try {
    // a fresh instance per solve: HiGHS keeps state between calls of one instance
    highs = await loader();
    const r = highs.solve(msg.lp, msg.options);
    const primal = {};
    for (const [name, c] of Object.entries(r.Columns || {})) primal[name] = c.Primal;
    parentPort.postMessage({ id: msg.id, ok: true, status: r.Status, objective: r.ObjectiveValue, primal });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, error: (e && e.message) || String(e) });
  }
});
`;

interface Pending { resolve: (r: LpResult) => void; reject: (e: Error) => void }
let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (worker) return worker;
  const highsPath = createRequire(import.meta.url).resolve('highs');
  const w = new Worker(WORKER, { eval: true, workerData: { highs: highsPath } });
  w.unref();
  w.on('message', (msg: { id: number; ok: boolean; status: string; objective: number; primal: Record<string, number>; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (pending.size === 0) w.unref();
    if (msg.ok) p.resolve({ status: msg.status, objective: msg.objective, primal: msg.primal });
    else p.reject(new InternalError(`HiGHS failed: ${msg.error}`));
  });
  w.on('error', (e) => {
    worker = undefined;
    for (const p of pending.values()) p.reject(new InternalError(`HiGHS worker failed: ${e.message}`));
    pending.clear();
  });
  w.on('exit', () => { if (worker === w) worker = undefined; });
  worker = w;
  return w;
}

export function solveLp(lp: string, options: SolveOptions = {}): Promise<LpResult> {
  const highsOptions: Record<string, unknown> = { output_flag: false };
  if (options.timeLimit !== undefined) highsOptions.time_limit = options.timeLimit;
  if (options.mipRelGap !== undefined) highsOptions.mip_rel_gap = options.mipRelGap;
  const w = getWorker();
  const id = nextId++;
  return new Promise<LpResult>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref(); // keep the process alive while a solve is pending
    w.postMessage({ id, lp, options: highsOptions });
  });
}
