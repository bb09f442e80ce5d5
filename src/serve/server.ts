/**
 * `startServer`: the app of src/serve/app.ts listening on host:port. Bound to a non-loopback
 * address it needs a token (given, or generated here and printed once by the caller); queued jobs
 * left by an earlier run are started. `stop()` (and SIGTERM/SIGINT when `handleSignals`) cancels
 * the running jobs — their processes stop, the workspace and outputs stay whole — then closes
 * the listener; queued jobs stay queued for the next start.
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { buildApp, type App, type AppOptions } from './app.js';
import { generateToken, isLoopback } from './auth.js';

export interface ServeOptions extends Partial<Omit<AppOptions, 'token' | 'loopback' | 'dir'>> {
  port?: number;
  host?: string;
  dir: string;
  token?: string;
  handleSignals?: boolean;
}

export interface RunningServer {
  app: App;
  url: string;
  host: string;
  port: number;
  token: string | null;
  /** Whether the token was generated (the caller prints it once). */
  generatedToken: boolean;
  /** The URL that logs a browser in (sets the cookie), or the plain URL when no token is needed. */
  loginUrl: string;
  stop(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError('E_OPTION', `--port must be an integer in 0–65535, got ${port}`, { field: 'port', value: port });
  if (options.token !== undefined && !/^[\x21-\x7e]{16,200}$/.test(options.token)) {
    throw new InputError('E_OPTION', '--token must be 16 to 200 printable ASCII characters without spaces', { field: 'token' });
  }
  const loopback = isLoopback(host);
  const token = options.token ?? (loopback ? null : generateToken());
  const app = await buildApp({ ...options, dir: resolve(options.dir), token, loopback });
  app.jobs.recover();
  try {
    await app.fastify.listen({ host, port });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new InputError('E_OPTION', `cannot listen on ${host}:${port} (${code})`, { field: 'port', value: port });
    throw e;
  }
  const addr = app.fastify.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${actual}`;
  let stopping: Promise<void> | null = null;
  const onSignal = (): void => { void stop(); };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('SIGTERM', onSignal);
      process.removeListener('SIGINT', onSignal);
      await app.close();
    })();
    return stopping;
  };
  if (options.handleSignals) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return {
    app, url, host, port: actual, token, generatedToken: options.token === undefined && token !== null,
    loginUrl: token ? `${url}/auth?code=${app.auth.oneTimeCode()}` : url, stop,
  };
}
