/**
 * The `--engine` option: where the tables live.
 *
 *   duckdb                                           the embedded workspace (the default)
 *   clickhouse://host:port[,host:port…]/db[?cluster=name&shard_key=…]
 *
 * A ClickHouse URL names every shard's HTTP endpoint: the first is the initiator that runs the
 * distributed queries, and all of them are checked (and, at ingest, given their local tables),
 * because ClickHouse 18.16 has no `ON CLUSTER` DDL without ZooKeeper. `cluster` is the name of the
 * `<remote_servers>` entry the servers share (default `atlas`). Credentials never go in the URL
 * (it is printed and logged): they come from CLUSTER_ATLAS_CLICKHOUSE_USER and
 * CLUSTER_ATLAS_CLICKHOUSE_PASSWORD; the default is ClickHouse's `default` user with no password.
 */
import { InputError } from '../../core/errors.js';

export interface ClickHouseTarget {
  kind: 'clickhouse';
  hosts: { host: string; port: number }[];
  database: string;
  cluster: string;
  user: string;
  /** Never printed: `describeEngine` leaves it out. */
  password: string;
  /** HTTPS endpoints (clickhouses://…). */
  secure: boolean;
}

export type EngineTarget = { kind: 'duckdb' } | ClickHouseTarget;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function bad(value: string, why: string): never {
  throw new InputError('E_OPTION', `--engine ${value}: ${why}`, { field: 'engine', value });
}

/** Parse an `--engine` value (or a project file's `engine.url`). */
export function parseEngine(value: string | undefined, env: NodeJS.ProcessEnv = process.env): EngineTarget {
  if (value === undefined || value === '' || value === 'duckdb') return { kind: 'duckdb' };
  const m = /^(clickhouses?):\/\/([^/?#]*)\/([^/?#]*)(?:\?([^#]*))?$/.exec(value);
  if (!m) bad(value, 'expected duckdb or clickhouse://host:port[,host:port…]/database[?cluster=name]');
  const [, scheme, hostList, database, query] = m;
  if (hostList.includes('@')) bad(value.replace(/\/\/[^@]*@/, '//…@'), 'credentials do not go in the URL: set CLUSTER_ATLAS_CLICKHOUSE_USER and CLUSTER_ATLAS_CLICKHOUSE_PASSWORD');
  const hosts = hostList.split(',').map((h) => {
    const hm = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(h.trim());
    if (!hm || Number(hm[2]) < 1 || Number(hm[2]) > 65535) bad(value, `host "${h}" is not host:port (the HTTP port, e.g. 127.0.0.1:8123)`);
    return { host: hm[1], port: Number(hm[2]) };
  });
  const seen = new Set<string>();
  for (const h of hosts) {
    const key = `${h.host}:${h.port}`;
    if (seen.has(key)) bad(value, `host ${key} is listed twice`);
    seen.add(key);
  }
  if (!NAME.test(database)) bad(value, `database "${database}" must be a name of letters, digits and _`);
  let cluster = 'atlas';
  for (const part of (query ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = part.split('=');
    if (k === 'cluster') {
      if (!NAME.test(v)) bad(value, `cluster "${v}" must be a name of letters, digits and _`);
      cluster = v;
    } else {
      bad(value, `unknown URL option "${k}" (known: cluster)`);
    }
  }
  return {
    kind: 'clickhouse', hosts, database, cluster, secure: scheme === 'clickhouses',
    user: env.CLUSTER_ATLAS_CLICKHOUSE_USER || 'default', password: env.CLUSTER_ATLAS_CLICKHOUSE_PASSWORD ?? '',
  };
}

/** The target as it may be printed: hosts, database, cluster, user — never the password. */
export function describeEngine(t: EngineTarget): string {
  if (t.kind === 'duckdb') return 'duckdb (embedded workspace)';
  return `${t.secure ? 'clickhouses' : 'clickhouse'}://${t.hosts.map((h) => `${h.host}:${h.port}`).join(',')}/${t.database}?cluster=${t.cluster} (user ${t.user})`;
}
