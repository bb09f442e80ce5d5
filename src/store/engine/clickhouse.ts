/**
 * A connection to a ClickHouse cluster (18.16 or later) over HTTP, with @clickhouse/client.
 *
 * `connectClickHouse` checks, before anything is read or written, that every host of the URL
 * answers, that the database exists on each, and that the initiator's `<remote_servers>` entry
 * names the cluster with as many shards as the URL lists hosts — so an unreachable engine, a wrong
 * database or a cluster missing a shard fails at once with one line (E_ENGINE, exit 1), naming the
 * host but never the password.
 *
 * Literals and names come from clickhouse-literals.ts. Queries return TabSeparated text parsed into typed columns (64-bit integers arrive as text and
 * become numbers; `\N` is null). Every literal in our SQL comes from `chString`/`chNumber`, never
 * from a user's string spliced in raw.
 */
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { InputError } from '../../core/errors.js';
import { chString } from './clickhouse-literals.js';
import { describeEngine, type ClickHouseTarget } from './url.js';

export { chIdent, chNumber, chString } from './clickhouse-literals.js';
export type ColumnType = 'string' | 'number';
export type ColumnValues = (string | number | null)[];

export interface ClickHouseConnection {
  readonly target: ClickHouseTarget;
  /** One client per host; `hosts[0]` is the initiator of distributed queries. */
  readonly clients: readonly ClickHouseClient[];
  /** Run a SELECT on the initiator and return its columns, typed as asked. */
  select(sql: string, types: readonly ColumnType[], options?: { host?: number }): Promise<ColumnValues[]>;
  /** Run a statement (DDL, INSERT … SELECT) on one host (default: the initiator). */
  command(sql: string, options?: { host?: number; settings?: Record<string, string | number> }): Promise<void>;
  close(): Promise<void>;
}

function hostLabel(t: ClickHouseTarget, k: number): string {
  return `${t.hosts[k].host}:${t.hosts[k].port}`;
}

/** ClickHouse's exception text, reduced to one line without the stack. */
export function clickhouseMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /e\.displayText\(\) = (?:DB::Exception: )?(.*?)(?:, e\.what\(\)|$)/s.exec(raw);
  return (m ? m[1] : raw).replace(/\s+/g, ' ').trim().slice(0, 400);
}

/** The one-line E_ENGINE error of host `k`: what failed, the host, ClickHouse's reason. */
export function engineError(t: ClickHouseTarget, k: number, what: string, e?: unknown): InputError {
  const detail = e === undefined ? '' : `: ${clickhouseMessage(e)}`;
  return new InputError('E_ENGINE', `--engine ${describeEngine(t)}: ${what} (host ${k + 1} of ${t.hosts.length}, ${hostLabel(t, k)})${detail}`, { field: 'engine', value: hostLabel(t, k) });
}

/** Split TabSeparated output into typed columns (ClickHouse's escapes undone). */
export function parseTabSeparated(text: string, types: readonly ColumnType[]): ColumnValues[] {
  const cols: ColumnValues[] = types.map(() => []);
  if (text.length === 0) return cols;
  const unescape = (s: string): string => (s.includes('\\') ? s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f' } as Record<string, string>)[c] ?? c) : s);
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const cells = text.slice(start, end).split('\t');
    if (cells.length !== types.length) throw new InputError('E_ENGINE', `ClickHouse returned ${cells.length} columns where ${types.length} were expected`, { value: text.slice(start, Math.min(end, start + 200)) });
    for (let c = 0; c < types.length; c++) {
      const cell = cells[c];
      if (cell === '\\N') cols[c].push(null);
      else if (types[c] === 'number') cols[c].push(cell === 'nan' || cell === '-nan' ? Number.NaN : cell === 'inf' ? Infinity : cell === '-inf' ? -Infinity : Number(cell));
      else cols[c].push(unescape(cell));
    }
    start = end + 1;
  }
  return cols;
}

/** Open clients to every host of the target and check that the cluster is whole. */
export async function connectClickHouse(target: ClickHouseTarget, options: { requireDatabase?: boolean; timeoutMs?: number } = {}): Promise<ClickHouseConnection> {
  const clients = target.hosts.map((h) => createClient({
    url: `${target.secure ? "https" : "http"}://${h.host}:${h.port}`,
    username: target.user, password: target.password,
    request_timeout: options.timeoutMs ?? 600_000,
    compression: { request: false, response: false },
    // the client's own console logging is off: our errors carry what went wrong, and nothing
    // from a server reaches the terminal unescaped
    log: { level: ClickHouseLogLevel.OFF },
  }));
  const closeAll = async (): Promise<void> => { await Promise.all(clients.map((c) => c.close().catch(() => undefined))); };
  const text = async (k: number, sql: string): Promise<string> => {
    const r = await clients[k].query({ query: sql, format: 'TabSeparated' });
    return r.text();
  };
  try {
    await Promise.all(clients.map(async (c, k) => {
      const p = await c.ping();
      if (!p.success) throw engineError(target, k, 'the server does not answer', (p as { error?: unknown }).error);
    }));
    const requireDatabase = options.requireDatabase ?? true;
    await Promise.all(clients.map(async (_c, k) => {
      let out: string;
      try {
        out = await text(k, `SELECT count() FROM system.databases WHERE name = ${chString(target.database)}`);
      } catch (e) {
        throw engineError(target, k, 'the server refused a query', e);
      }
      if (requireDatabase && out.trim() !== '1') throw engineError(target, k, `database ${target.database} does not exist (run \`cluster-atlas ingest --engine …\` first)`);
    }));
    const shards = Number((await text(0, `SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = ${chString(target.cluster)}`)).trim());
    if (shards === 0) throw engineError(target, 0, `the server's <remote_servers> has no cluster named ${target.cluster} (give ?cluster=name)`);
    if (shards !== target.hosts.length) {
      throw engineError(target, 0, `cluster ${target.cluster} has ${shards} shard(s) in the server's <remote_servers> but the URL lists ${target.hosts.length} host(s): list one HTTP endpoint per shard`);
    }
  } catch (e) {
    await closeAll();
    throw e;
  }
  return {
    target, clients,
    async select(sql, types, o = {}) {
      const k = o.host ?? 0;
      let out: string;
      try {
        out = await text(k, sql);
      } catch (e) {
        throw engineError(target, k, 'a query failed', e);
      }
      return parseTabSeparated(out, types);
    },
    async command(sql, o = {}) {
      const k = o.host ?? 0;
      try {
        await clients[k].command({ query: sql, clickhouse_settings: o.settings as never });
      } catch (e) {
        throw engineError(target, k, 'a statement failed', e);
      }
    },
    close: closeAll,
  };
}
