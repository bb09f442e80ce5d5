/** Worker entry of src/runtime/simulation-worker.ts: imports the job's module and runs its block. */
import { parentPort, workerData } from 'node:worker_threads';

interface Data { module: string; exportName: string; task: unknown; from: number; to: number; shared: SharedArrayBuffer; length: number }

const data = workerData as Data;
try {
  const mod = (await import(data.module)) as Record<string, (task: unknown, from: number, to: number, out: Float64Array, outOffset: number) => void>;
  const out = new Float64Array(data.shared);
  mod[data.exportName](data.task, data.from, data.to, out, data.from);
  parentPort!.postMessage({ ok: true });
} catch (e) {
  // a measure's InputError (e.g. E_DEGENERATE: too few pairs) is re-raised as one in the caller,
  // so "not computed" conditions stay user conditions across the thread boundary
  const err = e as { name?: string; code?: string; message?: string; details?: unknown; stack?: string };
  parentPort!.postMessage({
    ok: false, error: err?.stack ?? String(e),
    input: err?.name === 'InputError' && typeof err.code === 'string' ? { code: err.code, message: err.message ?? '', details: err.details ?? {} } : undefined,
  });
}
