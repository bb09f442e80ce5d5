/** The dashboard's client of the HTTP API (docs/serve.md): JSON in, JSON out, errors as ApiError. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

async function parse<T>(r: Response): Promise<T> {
  const text = await r.text();
  let body: unknown = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!r.ok) {
    const e = (body ?? {}) as { error?: string; message?: string; details?: Record<string, unknown> };
    throw new ApiError(r.status, e.error ?? `HTTP ${r.status}`, e.message ?? r.statusText, e.details ?? {});
  }
  return body as T;
}

export async function get<T>(path: string): Promise<T> {
  return parse<T>(await fetch(path, { credentials: 'same-origin' }));
}

export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return parse<T>(await fetch(path, {
    method, credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

export async function upload<T>(path: string, file: Blob): Promise<T> {
  return parse<T>(await fetch(path, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file }));
}

export interface Job {
  id: string; project: string; type: string; state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: { stage: string; done: number; total: number; detail: string | null } | null;
  error: { error: string; message: string; details: Record<string, unknown> } | null;
  result: any; created: string; started: string | null; finished: string | null;
}

/** Follow a job by server-sent events until it ends; `onUpdate` sees every state. */
export function follow(project: string, id: string, onUpdate: (job: Job) => void): Promise<Job> {
  return new Promise((resolve) => {
    const es = new EventSource(`/api/projects/${encodeURIComponent(project)}/jobs/${encodeURIComponent(id)}/events`);
    let last: Job | null = null;
    es.addEventListener('job', (ev) => {
      last = JSON.parse((ev as MessageEvent<string>).data) as Job;
      onUpdate(last);
      if (['done', 'failed', 'cancelled'].includes(last.state)) { es.close(); resolve(last); }
    });
    es.onerror = () => {
      // the stream ends when the job does; a dropped stream is read again from the job's state
      es.close();
      void get<Job>(`/api/projects/${encodeURIComponent(project)}/jobs/${encodeURIComponent(id)}`).then((j) => {
        if (['done', 'failed', 'cancelled'].includes(j.state)) { onUpdate(j); resolve(j); } else void follow(project, id, onUpdate).then(resolve);
      });
    };
    void last;
  });
}

export const P = (project: string): string => `/api/projects/${encodeURIComponent(project)}`;
