/**
 * The tables of a workspace as they live on a ClickHouse cluster.
 *
 * Every workspace table `t` becomes, on every shard, a local table `t_local` (MergeTree) and, on
 * every shard as well, a Distributed table `t` over the cluster, so any host can start a query.
 * Rows are spread by a hash of the table's key column (`SHARD_KEYS`): firms by id, links by their
 * source, regional statistics by region — even shares whatever the industry mix, so no shard
 * holds one giant industry alone. A query that joins a table with itself (the pair-distance
 * histogram) therefore uses GLOBAL JOIN: see docs/scale-out.md.
 *
 * Column types follow the DuckDB workspace (`chType`); `verifySchema` compares the columns the
 * plans read with what the cluster holds, on every shard, and names the first difference.
 */
import { InputError } from '../../core/errors.js';
import { chIdent, chString, type ClickHouseConnection } from './clickhouse.js';
import { describeEngine } from './url.js';

/** The marker row in `meta` that says a database was written by our ingest. */
export const ENGINE_FORMAT = 'cluster-atlas-clickhouse/1';

/** Column whose hash places a row on a shard; tables not listed use their first column. */
export const SHARD_KEYS: Readonly<Record<string, string>> = { firms: 'id', links: 'source', regional_stats: 'region', institutions: 'id', rejects: 'file' };

/** ClickHouse type for a DuckDB column type (all nullable but lists, which ClickHouse 18 cannot make nullable). */
export function chType(duckdbType: string): string {
  const t = duckdbType.toUpperCase();
  if (t.endsWith('[]')) return `Array(${chType(t.slice(0, -2)).replace(/^Nullable\((.*)\)$/, '$1')})`;
  switch (t) {
    case 'VARCHAR': return 'Nullable(String)';
    case 'DOUBLE': case 'FLOAT': return 'Nullable(Float64)';
    case 'INTEGER': return 'Nullable(Int32)';
    case 'BIGINT': return 'Nullable(Int64)';
    case 'BOOLEAN': return 'Nullable(UInt8)';
    default: throw new InputError('E_ENGINE', `a workspace column of type ${duckdbType} has no ClickHouse type`, { value: duckdbType });
  }
}

/** Columns (and their ClickHouse types) that the engine's plans read; ingest always writes them. */
export const PLAN_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  firms: { id: 'Nullable(String)', industry: 'Nullable(String)', region: 'Nullable(String)', employees: 'Nullable(Float64)', revenue: 'Nullable(Float64)', output: 'Nullable(Float64)', lon: 'Nullable(Float64)', lat: 'Nullable(Float64)', in_study_area: 'Nullable(UInt8)' },
  regional_stats: { region: 'Nullable(String)', industry: 'Nullable(String)', year: 'Nullable(Int32)', employment: 'Nullable(Float64)', output: 'Nullable(Float64)', establishments: 'Nullable(Float64)' },
  regions: { code: 'Nullable(String)', level: 'Nullable(String)' },
  meta: { key: 'Nullable(String)', value: 'Nullable(String)' },
};

/**
 * Check that every shard holds `t_local` and every host the Distributed `t` with the plan columns
 * and types — for `only`, or else for every plan table the initiator has (meta always) — and that
 * `meta` carries our format marker. Throws E_ENGINE naming host, table, column.
 */
export async function verifySchema(conn: ClickHouseConnection, only?: readonly string[]): Promise<void> {
  const t = conn.target;
  const db = chString(t.database);
  // the plan tables the initiator has (a statistics-only workspace has no firms), and always meta
  const [onInitiator] = await conn.select(`SELECT name FROM system.tables WHERE database = ${db}`, ['string']);
  const tables = only ?? Object.keys(PLAN_COLUMNS).filter((x) => x === 'meta' || onInitiator.includes(x));
  for (let k = 0; k < conn.clients.length; k++) {
    const [names, cols, types] = await conn.select(
      `SELECT table, name, type FROM system.columns WHERE database = ${db} AND table IN (${tables.flatMap((x) => [chString(x), chString(`${x}_local`)]).join(', ')})`,
      ['string', 'string', 'string'], { host: k });
    const have = new Map<string, string>();
    names.forEach((n, i) => have.set(`${n}.${cols[i]}`, String(types[i])));
    const present = new Set(names.map(String));
    for (const table of tables) {
      for (const physical of [table, `${table}_local`]) {
        const where = `(host ${k + 1} of ${t.hosts.length}, ${t.hosts[k].host}:${t.hosts[k].port})`;
        if (!present.has(physical)) {
          throw new InputError('E_ENGINE', `--engine ${describeEngine(t)}: table ${t.database}.${physical} does not exist ${where}; load the data with \`cluster-atlas ingest --engine …\``, { field: 'engine', value: physical });
        }
        for (const [col, type] of Object.entries(PLAN_COLUMNS[table] ?? {})) {
          const got = have.get(`${physical}.${col}`);
          if (got !== type) {
            throw new InputError('E_ENGINE', `--engine ${describeEngine(t)}: ${t.database}.${physical}.${col} is ${got === undefined ? 'missing' : got}, expected ${type} ${where}: not a Cluster Atlas table (re-run ingest --engine)`, { field: 'engine', value: `${physical}.${col}` });
          }
        }
      }
    }
  }
  if (tables.includes('meta')) {
    const [v] = await conn.select(`SELECT value FROM ${chIdent(t.database)}.meta WHERE key = 'engine_format'`, ['string']);
    if (!v.includes(ENGINE_FORMAT)) {
      throw new InputError('E_ENGINE', `--engine ${describeEngine(t)}: ${t.database}.meta has no engine_format ${ENGINE_FORMAT} row: the database was not written by cluster-atlas ingest --engine`, { field: 'engine', value: t.database });
    }
  }
}
