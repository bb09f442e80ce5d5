/**
 * The child process of an ingest or analyze job (src/serve/jobs.ts): `job-child <type> <json>`
 * runs `ingest` (src/io/ingest.ts) or `analyze` (src/analyze/pipeline.ts, with
 * `diagnoseWorkspace`) exactly as the CLI does, and reports to its parent over IPC:
 * `{ type: 'progress', progress }`, then `{ type: 'done', result }` or `{ type: 'error', error }`
 * (an InputError's code, message and details; anything else only as internal, its stack on
 * stderr for the server log).
 */
import { isAtlasError, InputError } from '../core/errors.js';
import type { JobProgress } from './jobs.js';

interface Args { project: string; out: string; params: Record<string, unknown> }

function send(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) { resolve(); return; }
    process.send(message, undefined, {}, () => resolve());
  });
}

let last = 0;
function progress(p: JobProgress, force = false): void {
  const now = Date.now();
  if (!force && now - last < 200) return; // at most five updates a second
  last = now;
  void send({ type: 'progress', progress: p });
}

async function run(type: string, args: Args): Promise<unknown> {
  if (type === 'ingest') {
    const { ingest } = await import('../io/ingest.js');
    const s = await ingest({
      project: args.project,
      onProgress: (p) => progress({ stage: `${p.kind}: ${p.stage}`, done: p.index + (p.stage === 'done' ? 1 : 0), total: p.total, detail: null }, p.stage === 'done'),
    });
    return { inputs: s.inputs.map(({ kind, file, format, encoding, rows, loaded, rejected }) => ({ kind, file, format, encoding: encoding ?? null, rows, loaded, rejected })), rejectsByReason: s.rejectsByReason, rejectedRows: s.rejectedRows, findings: s.findings, examples: s.examples, warnings: s.warnings, elapsedMs: s.elapsedMs };
  }
  if (type === 'analyze') {
    const [{ analyze }, { diagnoseWorkspace }] = await Promise.all([import('../analyze/pipeline.js'), import('../diagnose/workspace.js')]);
    const p = args.params as { lang?: 'zh' | 'en'; seed?: number; simulations?: number; permutations?: number; alpha?: number; weights?: string; thresholds?: Record<string, number>; maxCandidates?: number; force?: boolean };
    const s = await analyze({
      project: args.project, out: args.out, confine: true, lang: p.lang, seed: p.seed, simulations: p.simulations, permutations: p.permutations, alpha: p.alpha,
      weights: p.weights, thresholds: p.thresholds, maxCandidates: p.maxCandidates, force: p.force,
      onStage: (stage, done, total, detail) => progress({ stage, done, total, detail: detail ?? null }, done === 0 || done === total),
    }, { diagnose: diagnoseWorkspace });
    return { candidates: s.candidates, reused: s.reused, ingestReason: s.ingestReason, warnings: s.warnings, key: s.key, elapsedMs: s.elapsedMs, ingest: s.ingest ? { rejectedRows: s.ingest.rejectedRows, rejectsByReason: s.ingest.rejectsByReason } : null };
  }
  throw new InputError('E_OPTION', `unknown job type ${type}`, { field: 'type', value: type });
}

async function main(): Promise<void> {
  const [type, json] = process.argv.slice(2);
  try {
    const result = await run(type, JSON.parse(json) as Args);
    await send({ type: 'done', result });
    process.exit(0);
  } catch (e) {
    if (isAtlasError(e) && e instanceof InputError) {
      await send({ type: 'error', error: { error: e.code, message: e.message, details: e.details } });
      process.exit(1);
    }
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    await send({ type: 'error', error: { error: 'E_INTERNAL', message: 'the job failed with an internal error; the server log has the details', details: {} } });
    process.exit(2);
  }
}

void main();
