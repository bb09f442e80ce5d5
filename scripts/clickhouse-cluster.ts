/**
 * A ClickHouse cluster of N shards on 127.0.0.1, for the tests and bench/scale-out (not shipped in
 * the CLI: a real deployment has its own servers, see docs/scale-out.md).
 *
 * Each shard is one `clickhouse-server` process with its own config.xml, users.xml, data path and
 * free HTTP/TCP/interserver ports, all under one temp directory. Every node's config carries the
 * same `<remote_servers>` block naming the cluster `atlas` with all N shards, so a Distributed
 * table created on any node fans out to all of them. `stop()` kills the processes this launcher
 * started (and only those) and removes the directory; it is safe to call twice and runs on process
 * exit as well, so a failing test does not leave servers behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLICKHOUSE_BINARY = process.env.CLUSTER_ATLAS_CLICKHOUSE
  ?? ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p)) ?? '/usr/sbin/clickhouse-server';

export interface LocalShard { http: number; tcp: number; interserver: number; dir: string; process: ChildProcess }

export interface LocalCluster {
  /** `clickhouse://127.0.0.1:<http>,127.0.0.1:<http>…/<db>` for `--engine`. */
  url(db: string): string;
  shards: LocalShard[];
  dir: string;
  stop(): Promise<void>;
}

/** Whether a ClickHouse server binary is installed (tests skip with a message when it is not). */
export function clickhouseAvailable(): boolean {
  return existsSync(CLICKHOUSE_BINARY);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function remoteServers(shards: { tcp: number }[]): string {
  const body = shards.map((s) => `<shard><replica><host>127.0.0.1</host><port>${s.tcp}</port></replica></shard>`).join('\n        ');
  return `<remote_servers><atlas>\n        ${body}\n      </atlas></remote_servers>`;
}

function configXml(s: { http: number; tcp: number; interserver: number; dir: string }, shards: { tcp: number }[], maxMemory: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${s.dir}/server.log</log><errorlog>${s.dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${s.http}</http_port>
  <tcp_port>${s.tcp}</tcp_port>
  <interserver_http_port>${s.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${s.dir}/data/</path>
  <tmp_path>${s.dir}/tmp/</tmp_path>
  <user_files_path>${s.dir}/user_files/</user_files_path>
  <format_schema_path>${s.dir}/format_schemas/</format_schema_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <max_connections>256</max_connections>
  <keep_alive_timeout>30</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mlock_executable>false</mlock_executable>
  <timezone>UTC</timezone>
  ${remoteServers(shards)}
  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>500</flush_interval_milliseconds></query_log>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>
</yandex>
`.replace('__MAXMEM__', String(maxMemory));
}

function usersXml(maxMemory: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${maxMemory}</max_memory_usage><load_balancing>in_order</load_balancing></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;
}

async function ready(http: number, proc: ChildProcess, dir: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) {
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '';
      throw new Error(`clickhouse-server on port ${http} exited with code ${proc.exitCode}: ${log}`);
    }
    try {
      const r = await fetch(`http://127.0.0.1:${http}/ping`);
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`clickhouse-server on port ${http} did not answer /ping within ${timeoutMs} ms`);
}

const running = new Set<LocalCluster>();
process.on('exit', () => {
  for (const c of running) {
    for (const s of c.shards) { try { s.process.kill('SIGKILL'); } catch { /* gone */ } }
    try { rmSync(c.dir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
});

/** Start `shards` servers on loopback and wait until each answers `/ping`. */
export async function startLocalCluster(options: { shards?: number; maxMemoryBytes?: number; timeoutMs?: number } = {}): Promise<LocalCluster> {
  const n = options.shards ?? 3;
  const maxMemory = options.maxMemoryBytes ?? 4_000_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ch-'));
  const specs: { http: number; tcp: number; interserver: number; dir: string }[] = [];
  const taken = new Set<number>();
  const port = async (): Promise<number> => { for (;;) { const p = await freePort(); if (!taken.has(p)) { taken.add(p); return p; } } };
  for (let k = 0; k < n; k++) specs.push({ http: await port(), tcp: await port(), interserver: await port(), dir: join(dir, `shard${k + 1}`) });
  const shards: LocalShard[] = [];
  const cluster: LocalCluster = {
    dir, shards,
    url: (db) => `clickhouse://${shards.map((s) => `127.0.0.1:${s.http}`).join(',')}/${db}`,
    stop: async () => {
      running.delete(cluster);
      await Promise.all(shards.map((s) => new Promise<void>((res) => {
        if (s.process.exitCode !== null || s.process.signalCode !== null) { res(); return; }
        const t = setTimeout(() => { try { s.process.kill('SIGKILL'); } catch { /* gone */ } }, 5000);
        s.process.once('exit', () => { clearTimeout(t); res(); });
        s.process.kill('SIGTERM');
      })));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  running.add(cluster);
  try {
    for (const s of specs) {
      mkdirSync(s.dir, { recursive: true });
      writeFileSync(join(s.dir, 'config.xml'), configXml(s, specs, maxMemory));
      writeFileSync(join(s.dir, 'users.xml'), usersXml(maxMemory));
      const proc = spawn(CLICKHOUSE_BINARY, [`--config-file=${join(s.dir, 'config.xml')}`], { cwd: s.dir, stdio: 'ignore' });
      proc.on('error', () => { /* reported by ready() through exitCode */ });
      shards.push({ ...s, process: proc });
    }
    await Promise.all(shards.map((s) => ready(s.http, s.process, s.dir, options.timeoutMs ?? 30_000)));
    return cluster;
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}
