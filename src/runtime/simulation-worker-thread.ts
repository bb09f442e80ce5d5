/**
 * Worker entry of src/runtime/simulation-worker.ts: receives blocks of simulations as messages,
 * imports each job's module (once; the import is cached) and runs its block, answering one reply
 * per block.
 */
import { parentPort } from 'node:worker_threads';
import type { ErrorDetails } from '../core/errors.js';
import type { BlockReply } from './simulation-worker.js';

interface Block { id: number; module: string; exportName: string; task: unknown; from: number; to: number; shared: SharedArrayBuffer; length: number }
type Simulate = (task: unknown, from: number, to: number, out: Float64Array, outOffset: number) => void;

parentPort!.on('message', (block: Block) => {
  void (async () => {
    let reply: BlockReply;
    try {
      const mod = (await import(block.module)) as Record<string, Simulate>;
      mod[block.exportName](block.task, block.from, block.to, new Float64Array(block.shared), block.from);
      reply = { id: block.id, ok: true };
    } catch (e) {
      // a measure's InputError (e.g. E_DEGENERATE: too few pairs) is re-raised as one in the caller,
      // so "not computed" conditions stay user conditions across the thread boundary
      const err = e as { name?: string; code?: string; message?: string; details?: unknown; stack?: string };
      reply = {
        id: block.id, ok: false, error: err?.stack ?? String(e),
        input: err?.name === 'InputError' && typeof err.code === 'string' ? { code: err.code, message: err.message ?? '', details: (err.details ?? {}) as ErrorDetails } : undefined,
      };
    }
    parentPort!.postMessage(reply);
  })();
});
