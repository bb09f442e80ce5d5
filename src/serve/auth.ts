/**
 * Who may talk to the server. Bound to loopback without a token, anyone on this machine may; the
 * Host header must then name a loopback host (a web page cannot reach the server through DNS
 * rebinding) and a state-changing request that carries an Origin must come from the server's own
 * origin (no cross-site POSTs). Bound to any other address, a token is required (given with
 * --token, or generated and printed once) and checked on every route: as `Authorization: Bearer
 * <token>`, or as the cookie `cluster_atlas_token`, which `GET /auth?code=<one-time code>` sets
 * (the printed URL holds such a code, good for one use; `POST /api/auth/link` mints another).
 * Tokens are compared in constant time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpError } from './errors.js';

export const COOKIE = 'cluster_atlas_token';

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface RequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

export class Auth {
  private readonly codes = new Set<string>();

  constructor(readonly token: string | null, readonly loopback: boolean) {}

  get required(): boolean {
    return this.token !== null;
  }

  /** A fresh one-time code for `GET /auth?code=`. */
  oneTimeCode(): string {
    const code = randomBytes(16).toString('base64url');
    this.codes.add(code);
    return code;
  }

  /** Spend a one-time code: true once per code. */
  redeem(code: string): boolean {
    for (const c of this.codes) {
      if (same(c, code)) {
        this.codes.delete(c);
        return true;
      }
    }
    return false;
  }

  /** Throws 401/403 unless the request may proceed. */
  check(req: RequestLike, selfOrigins: readonly string[]): void {
    const header = (name: string): string | undefined => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (this.token === null) {
      const host = (header('host') ?? '').replace(/:\d+$/, '');
      if (!isLoopback(host)) throw new HttpError(403, 'E_FORBIDDEN', 'this server answers only requests addressed to a loopback host (localhost, 127.0.0.1, [::1])', { field: 'host', value: host });
    } else {
      const auth = header('authorization');
      const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
      const given = bearer ?? cookieValue(header('cookie'), COOKIE);
      if (given === undefined) throw new HttpError(401, 'E_UNAUTHORIZED', 'a token is required: send "Authorization: Bearer <token>" or open the one-time URL the server printed', {});
      if (!same(given, this.token)) throw new HttpError(401, 'E_UNAUTHORIZED', 'the token is wrong', {});
    }
    const origin = header('origin');
    if (origin !== undefined && req.method !== 'GET' && req.method !== 'HEAD' && !selfOrigins.includes(origin)) {
      throw new HttpError(403, 'E_FORBIDDEN', `cross-origin ${req.method} from ${origin} refused`, { field: 'origin', value: origin });
    }
  }
}
