/**
 * Exclusive locks on a workspace (ingest) or an output directory (analyze): a lock file with the
 * holder's pid, process start time, host and command; stale-lock takeover; an optional wait.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError, type ErrorCode } from '../core/errors.js';

/** The error code of a lock held by another run. */
export const E_LOCKED: ErrorCode = 'E_LOCKED';

/** What a lock file holds: who took it and when. */
export interface LockInfo {
  pid: number;
  /** When the holding process started (ISO 8601). */
  started: string;
  host: string;
  /** What it is doing (`ingest`, `analyze`). */
  command: string;
  /** Random token telling this lock from an earlier one of a process with the same pid. */
  token: string;
}

export interface Lock {
  readonly path: string;
  /** This lock's random token: names files that belong to this run (analyze's staging directory). */
  readonly token: string;
  /** The stale lock of a dead run that this lock replaced, or null. */
  readonly previous: LockInfo | null;
  /** Remove the lock file if it is still ours (idempotent). */
  release(): void;
}

const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000).toISOString();

function readLock(path: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return Number.isInteger(v.pid) && typeof v.started === 'string' && typeof v.token === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * Take the exclusive lock `lockPath`: a small JSON file (pid, process start time, host, command)
 * created whole and atomically (written to a temp file, then hard-linked to `lockPath`, which
 * fails if it exists). If another live process holds it, throws InputError E_LOCKED naming its
 * pid and start time. A lock whose process is dead (same host) is stale: it is taken over, under
 * `<lockPath>.break` so two runs cannot both take it, and returned as `previous`. A lock file we
 * cannot read is not ours to delete: E_LOCKED says to remove it by hand.
 */
export function acquireLock(lockPath: string, command: string): Lock {
  const me: LockInfo = { pid: process.pid, started: PROCESS_STARTED, host: hostname(), command, token: randomBytes(8).toString('hex') };
  const locked = (why: string, holder: LockInfo | null): never => {
    throw new InputError(E_LOCKED, `${lockPath}: ${why}`, { file: lockPath, pid: holder?.pid, started: holder?.started, host: holder?.host, command: holder?.command });
  };
  const staging = `${lockPath}.${me.pid}-${me.token}.tmp`;
  writeFileSync(staging, `${JSON.stringify(me)}\n`, { flag: 'wx' });
  let previous: LockInfo | null = null;
  try {
    for (;;) {
      try {
        linkWhole(staging, lockPath);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(lockPath);
      if (!holder) locked('a lock file that is not readable as ours is in the way; remove it if no other cluster-atlas run uses this path', null);
      const stale = holder!.host === me.host && !(holder!.pid === me.pid ? holder!.started === me.started : isAlive(holder!.pid));
      if (!stale) locked(`${holder!.command} run by process ${holder!.pid} (started ${holder!.started} on ${holder!.host}) holds this lock; wait for it to finish, or remove the lock file if that process is gone`, holder);
      const breaker = `${lockPath}.break`;
      try {
        writeFileSync(breaker, `${me.pid}\n`, { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        locked(`another run is taking over the stale lock of process ${holder!.pid}; retry (remove ${breaker} if it stays)`, holder);
      }
      try {
        const again = readLock(lockPath);
        if (again && again.token === holder!.token) unlinkSync(lockPath);
      } finally {
        unlinkSync(breaker);
      }
      previous = holder;
    }
  } finally {
    rmSync(staging, { force: true });
  }
  let held = true;
  return {
    path: lockPath,
    token: me.token,
    previous,
    release() {
      if (!held) return;
      held = false;
      if (readLock(lockPath)?.token === me.token) rmSync(lockPath, { force: true });
    },
  };
}

/**
 * Create `target` with the content of `staging`, failing with EEXIST if it exists: a hard link
 * (the content is whole the moment the name appears); on a file system without hard links, an
 * exclusive create and one write.
 */
function linkWhole(staging: string, target: string): void {
  try {
    linkSync(staging, target);
  } catch (e) {
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    writeFileSync(target, readFileSync(staging), { flag: 'wx' });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The `--wait SECONDS` option of ingest and analyze: undefined when not given; E_OPTION unless a number ≥ 0. */
export function parseWaitOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = text.trim() === '' ? NaN : Number(text);
  if (!(Number.isFinite(seconds) && seconds >= 0)) {
    throw new InputError('E_OPTION', `--wait must be a number of seconds ≥ 0, got ${JSON.stringify(text)}`, { field: 'wait', value: text });
  }
  return seconds;
}

/** How often a waiting run looks at the lock again. */
const LOCK_POLL_MS = 250;

/**
 * `acquireLock`, waiting up to `waitSeconds` (default 0: not at all) while another live run
 * holds the lock. When the wait runs out, the E_LOCKED error says how long it waited and still
 * names the holder (pid, start time). Used by ingest (`--wait`) and analyze.
 */
export async function waitForLock(lockPath: string, command: string, waitSeconds = 0): Promise<Lock> {
  if (!(Number.isFinite(waitSeconds) && waitSeconds >= 0)) {
    throw new InputError('E_OPTION', `--wait must be a number of seconds ≥ 0 (got ${waitSeconds})`, { field: 'wait', value: waitSeconds });
  }
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    try {
      return acquireLock(lockPath, command);
    } catch (e) {
      if (!(e instanceof InputError && e.code === E_LOCKED) || Date.now() >= deadline) {
        if (e instanceof InputError && e.code === E_LOCKED && waitSeconds > 0) e.message = `${e.message} (waited ${waitSeconds} s)`;
        throw e;
      }
    }
    await new Promise((r) => setTimeout(r, Math.min(LOCK_POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}
