/**
 * `--engine` for the verbs that read a workspace's tables through plans (measure …): the embedded
 * workspace (default, or `--engine duckdb`) or a ClickHouse cluster
 * (`--engine clickhouse://host:port[,…]/db`, or the project file's `engine.url`; credentials from
 * CLUSTER_ATLAS_CLICKHOUSE_USER / _PASSWORD). The verbs get a DataSource with an async close().
 */
import { existsSync } from 'node:fs';
import type { DataSource } from '../store/engine/engine.js';

export const ENGINE_HELP = 'where the tables are: duckdb (the workspace, default) or clickhouse://host:port[,host:port…]/database[?cluster=name] (one HTTP endpoint per shard; tables loaded by `ingest --engine`; user/password from CLUSTER_ATLAS_CLICKHOUSE_USER/_PASSWORD)';

export type OpenedSource = DataSource & { close(): void | Promise<void> };

/** The --engine value, else the project file's engine.url, else undefined (the workspace). */
export async function engineValue(opts: { project?: string; workspace?: string; engine?: string }): Promise<string | undefined> {
  if (opts.engine !== undefined) return opts.engine;
  if (opts.workspace || !opts.project || !existsSync(opts.project)) return undefined;
  const { loadProject } = await import('../io/project-file.js');
  const { project } = loadProject(opts.project);
  return (project as { engine?: { url?: string } }).engine?.url;
}

/** Open what the options point at: a ClickHouse engine, or the workspace file. */
export async function openSource(opts: { project?: string; workspace?: string; engine?: string }): Promise<OpenedSource> {
  const { parseEngine } = await import('../store/engine/url.js');
  const target = parseEngine(await engineValue(opts));
  if (target.kind === 'clickhouse') {
    const { openClickHouseEngine } = await import('../store/engine/engine.js');
    return openClickHouseEngine(target);
  }
  const { resolveWorkspacePath } = await import('./commands/info.js');
  const { openWorkspace } = await import('../store/workspace.js');
  return openWorkspace(resolveWorkspacePath(opts));
}

/**
 * For the verbs that work on every firm (diagnose, analyze): with a ClickHouse engine, copy the
 * cluster's tables into a temporary workspace, run `use` on it and remove it afterwards (also
 * on failure); without one, `use` gets the workspace path the options name.
 */
export async function withEngineWorkspace<T>(opts: { project?: string; workspace?: string; engine?: string }, use: (wsPath: string, engine: string | undefined) => Promise<T>): Promise<T> {
  const { parseEngine, describeEngine } = await import('../store/engine/url.js');
  const value = await engineValue(opts);
  const target = parseEngine(value);
  if (target.kind !== 'clickhouse') {
    const { resolveWorkspacePath } = await import('./commands/info.js');
    return use(resolveWorkspacePath(opts), undefined);
  }
  const [{ mkdtempSync, rmSync }, { tmpdir }, { join }] = await Promise.all([import('node:fs'), import('node:os'), import('node:path')]);
  const { openClickHouseEngine } = await import('../store/engine/engine.js');
  const { pullClickHouseIntoWorkspace } = await import('../store/engine/clickhouse-pull.js');
  const engine = await openClickHouseEngine(target);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-engine-'));
  try {
    const wsPath = join(dir, 'workspace.duckdb');
    try {
      await pullClickHouseIntoWorkspace(engine.connection, wsPath);
    } finally {
      await engine.close();
    }
    return await use(wsPath, describeEngine(target));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
