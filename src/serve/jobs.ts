/**
 * Jobs: ingest, analyze, plan gaps and plan network run one at a time per project, in the order
 * they were queued, each in its own child process (src/serve/job-child.ts, or the CLI for the
 * planning verbs) so that a cancel or a shutdown can stop it whatever it is doing; the layers
 * below keep the workspace whole when a process dies (the workspace is built under a lock and
 * renamed into place, analyze commits its outputs as one set and takes over a dead run's lock).
 *
 * State lives in the project: jobs/<id>.json, rewritten atomically on every change, so a page
 * reload or a server restart finds every job. On start, a job found `running` was cut off by a
 * stopped server: it is queued again (its `restarts` counted). Progress events go to the
 * subscribers of the job (server-sent events, src/serve/routes-jobs.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ErrorBody } from './errors.js';
import { scrub } from './errors.js';
import { writeFileAtomic, type ProjectStore } from './projects.js';

export const JobType = z.enum(['ingest', 'analyze', 'plan-gaps', 'plan-network']);
export type JobType = z.infer<typeof JobType>;
export const JobStateName = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobStateName = z.infer<typeof JobStateName>;

export interface JobProgress { stage: string; done: number; total: number; detail: string | null }

export interface Job {
  format: 'cluster-atlas-serve-job/1';
  id: string;
  project: string;
  type: JobType;
  params: Record<string, unknown>;
  state: JobStateName;
  created: string;
  started: string | null;
  finished: string | null;
  progress: JobProgress | null;
  error: ErrorBody | null;
  /** The job's result (the pipeline's summary), also in jobs/<id>.result.json. */
  result: unknown;
  restarts: number;
}

/** How a job is run: the child's module (or the CLI) and its arguments. */
export interface JobLaunch {
  module: string;
  args: string[];
  /** The result is the child's stdout as JSON (the CLI with --format json) instead of a message. */
  stdoutResult?: boolean;
  env?: Record<string, string>;
}

export type Launcher = (job: Job, paths: { data: string; out: string; jobs: string; projectFile: string }) => JobLaunch;

interface Running { job: Job; child: ChildProcess; cancelled: string | null }

const TERMINAL = new Set<JobStateName>(['done', 'failed', 'cancelled']);
export const isTerminal = (s: JobStateName): boolean => TERMINAL.has(s);

export class JobManager {
  private readonly running = new Map<string, Running>();
  private readonly listeners = new Map<string, Set<(job: Job) => void>>();
  private closing = false;

  constructor(private readonly store: ProjectStore, private readonly launch: Launcher, private readonly log: (msg: string) => void = () => undefined) {}

  /** Re-queue what a stopped server left running, then start what is queued. */
  recover(): void {
    for (const p of this.store.list()) {
      for (const job of this.list(p.id)) {
        if (job.state === 'running') {
          job.state = 'queued';
          job.restarts += 1;
          job.progress = null;
          this.save(job);
        }
      }
      this.pump(p.id);
    }
  }

  private path(project: string, id: string): string {
    return join(this.store.get(project).paths.jobs, `${id}.json`);
  }

  private save(job: Job): void {
    writeFileAtomic(this.path(job.project, job.id), `${JSON.stringify(job, null, 2)}\n`);
    for (const l of this.listeners.get(job.id) ?? []) l(job);
  }

  list(project: string): Job[] {
    const dir = this.store.get(project).paths.jobs;
    if (!existsSync(dir)) return [];
    const jobs: Job[] = [];
    for (const name of readdirSync(dir)) {
      if (!/^j-[a-f0-9]+\.json$/.test(name)) continue;
      try {
        jobs.push(JSON.parse(readFileSync(join(dir, name), 'utf8')) as Job);
      } catch {
        // a job file we cannot read is skipped (it is only ever written whole)
      }
    }
    return jobs.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1));
  }

  get(project: string, id: string): Job | null {
    if (!/^j-[a-f0-9]+$/.test(id)) return null;
    try {
      return JSON.parse(readFileSync(this.path(project, id), 'utf8')) as Job;
    } catch {
      return null;
    }
  }

  submit(project: string, type: JobType, params: Record<string, unknown>): Job {
    this.store.get(project);
    const job: Job = {
      format: 'cluster-atlas-serve-job/1', id: `j-${Date.now().toString(16)}${randomBytes(3).toString('hex')}`, project, type, params,
      state: 'queued', created: new Date().toISOString(), started: null, finished: null, progress: null, error: null, result: null, restarts: 0,
    };
    this.save(job);
    this.pump(project);
    return job;
  }

  /** Cancel a queued or running job; a finished job is returned unchanged. */
  cancel(project: string, id: string, why = 'cancelled by the user'): Job | null {
    const r = this.running.get(project);
    if (r && r.job.id === id) {
      r.cancelled = why;
      r.child.kill('SIGTERM');
      return r.job;
    }
    const job = this.get(project, id);
    if (!job) return null;
    if (job.state === 'queued') {
      job.state = 'cancelled';
      job.finished = new Date().toISOString();
      job.error = { error: 'E_CANCELLED', message: why, details: {} };
      this.save(job);
    }
    return job;
  }

  /** Whether a job of the project is running or queued. */
  busy(project: string): boolean {
    return this.running.has(project) || this.list(project).some((j) => j.state === 'queued');
  }

  subscribe(id: string, listener: (job: Job) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(id);
    };
  }

  /** Start the project's oldest queued job if none is running. */
  private pump(project: string): void {
    if (this.closing || this.running.has(project)) return;
    const next = this.list(project).find((j) => j.state === 'queued');
    if (next) this.start(next);
  }

  private start(job: Job): void {
    const p = this.store.get(job.project);
    const launch = this.launch(job, p.paths);
    job.state = 'running';
    job.started = new Date().toISOString();
    job.progress = { stage: 'starting', done: 0, total: 1, detail: null };
    const child = fork(launch.module, launch.args, {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // from TypeScript sources (tests) the child loads tsx, resolved from here (its cwd is the project)
      execArgv: launch.module.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [],
      env: { ...process.env, ...launch.env },
      cwd: p.paths.data,
    });
    const r: Running = { job, child, cancelled: null };
    this.running.set(job.project, r);
    this.save(job);
    let stdout = '';
    let stderr = '';
    let message: { type: 'done'; result: unknown } | { type: 'error'; error: ErrorBody } | null = null;
    child.stdout?.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
    child.stderr?.on('data', (c: Buffer) => { stderr = (stderr + c.toString('utf8')).slice(-20_000); });
    child.on('message', (m: { type: string; progress?: JobProgress; result?: unknown; error?: ErrorBody }) => {
      if (m.type === 'progress' && m.progress && job.state === 'running') {
        job.progress = m.progress;
        this.save(job);
      } else if (m.type === 'done') message = { type: 'done', result: m.result };
      else if (m.type === 'error' && m.error) message = { type: 'error', error: m.error };
    });
    child.on('exit', (code, signal) => {
      this.running.delete(job.project);
      job.finished = new Date().toISOString();
      const root = this.store.dir;
      if (r.cancelled) {
        job.state = 'cancelled';
        job.error = { error: 'E_CANCELLED', message: r.cancelled, details: {} };
      } else if (code === 0 && (launch.stdoutResult || message?.type === 'done')) {
        try {
          job.result = launch.stdoutResult ? JSON.parse(stdout) : (message as { result: unknown }).result;
          job.state = 'done';
          // the CLI reports no stages: its job goes from "starting" to done
          if (launch.stdoutResult) job.progress = { stage: 'done', done: 1, total: 1, detail: null };
          writeFileAtomic(join(p.paths.jobs, `${job.id}.result.json`), `${JSON.stringify(job.result)}\n`);
        } catch {
          job.state = 'failed';
          job.error = { error: 'E_INTERNAL', message: 'the job finished without a readable result', details: {} };
        }
      } else {
        job.state = 'failed';
        if (message?.type === 'error') {
          const m = message.error;
          job.error = { error: m.error, message: scrub(m.message, root), details: JSON.parse(scrub(JSON.stringify(m.details), root)) as Record<string, unknown> };
          if (m.error === 'E_INTERNAL') this.log(`job ${job.id} (${job.type}) failed: ${stderr.slice(-4000)}`);
        } else {
          // the CLI (planning verbs) says why on stderr: "cluster-atlas: error: <reason>"
          const line = stderr.trim().split('\n').find((l) => l.startsWith('cluster-atlas: ')) ?? '';
          const input = code === 1 && line !== '';
          job.error = input
            ? { error: 'E_INPUT', message: scrub(line.replace(/^cluster-atlas: [^:]+: /, ''), root), details: {} }
            : { error: 'E_INTERNAL', message: `the job's process ended ${signal ? `by signal ${signal}` : `with exit code ${code}`}; the server log has the details`, details: { exitCode: code, signal } };
          if (!input) this.log(`job ${job.id} (${job.type}) crashed: ${stderr.slice(-4000)}`);
        }
      }
      this.save(job);
      this.listeners.get(job.id)?.clear();
      this.pump(job.project);
    });
  }

  /** Stop starting jobs and cancel the running ones; resolves when their processes have exited. */
  async close(): Promise<void> {
    this.closing = true;
    const waits = [...this.running.values()].map((r) => new Promise<void>((resolve) => {
      r.child.once('exit', () => resolve());
      r.cancelled = 'cancelled: the server shut down';
      r.child.kill('SIGTERM');
    }));
    await Promise.all(waits);
  }
}
