/**
 * How each job type runs: ingest and analyze in src/serve/job-child (the pipeline's own
 * functions), `plan gaps` and `plan network` as the CLI itself (`cluster-atlas --format json
 * plan …`, the one implementation of those verbs), its JSON on stdout being the result. The
 * XLSX size cap of uploads is passed down to the readers (CLUSTER_ATLAS_XLSX_MAX_BYTES), so a
 * workbook is held to the same limit at ingest as at upload.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalError } from '../core/errors.js';
import type { JobLaunch, Launcher } from './jobs.js';
import type { UploadLimits } from './uploads.js';

function own(rel: string): string {
  return fileURLToPath(new URL(rel, import.meta.url));
}

/** job-child.ts next to this file when running from sources, job-child.js when compiled. */
function childModule(): string {
  const ts = own('./job-child.ts');
  return existsSync(ts) && import.meta.url.endsWith('.ts') ? ts : own('./job-child.js');
}

/** bin/cluster-atlas.js of this package (it runs the compiled CLI in dist/). */
export function cliBin(): string {
  for (const p of [own('../../bin/cluster-atlas.js'), own('../../../bin/cluster-atlas.js')]) if (existsSync(p)) return p;
  throw new InternalError('serve: bin/cluster-atlas.js not found beside the package', {});
}

const kebab = (k: string): string => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** CLI flags of a job's params: { weakLq: 1 } → --weak-lq 1; { io: false } → --no-io. */
export function cliFlags(params: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (typeof v === 'boolean') {
      if (k === 'io') { if (!v) out.push('--no-io'); } else if (v) out.push(`--${kebab(k)}`);
    } else out.push(`--${kebab(k)}`, String(v));
  }
  return out;
}

export function defaultLauncher(limits: UploadLimits): Launcher {
  return (job, paths): JobLaunch => {
    const env = { CLUSTER_ATLAS_XLSX_MAX_BYTES: String(limits.maxXlsxUncompressedBytes) };
    if (job.type === 'ingest' || job.type === 'analyze') {
      return { module: childModule(), args: [job.type, JSON.stringify({ project: paths.projectFile, out: paths.out, params: job.params })], env };
    }
    const verb = job.type === 'plan-gaps' ? 'gaps' : 'network';
    const extra = job.type === 'plan-network' ? ['--geojson', join(paths.jobs, `${job.id}.geojson`)] : [];
    return { module: cliBin(), args: ['--format', 'json', '--quiet', 'plan', verb, '--project', paths.projectFile, ...cliFlags(job.params), ...extra], stdoutResult: true, env };
  };
}
