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
  parentPort!.postMessage({ ok: false, error: (e as Error)?.stack ?? String(e) });
}
