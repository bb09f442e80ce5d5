/**
 * Plan → SQL for DuckDB or ClickHouse (18.16 and later). One function per construct; where the
 * engines differ the dialect object says how (natural log, integer casts, string casts, the
 * literal-table form, the join keyword, how a table is named). The differences handled here are
 * the ones docs/scale-out.md lists as checked facts:
 * - `ln(x)` is `log(x)` in ClickHouse (`log` is base 10 in DuckDB);
 * - a double becomes an integer by `floor` first in both (one truncates, the other rounds);
 * - `count(*)` is `count()`; `CAST(x AS VARCHAR)` is `toString(x)`;
 * - a literal table is `VALUES` in DuckDB and an ARRAY JOIN over tuples in ClickHouse, its key
 *   columns cast to the exact type of the column they join (ClickHouse joins only equal types);
 * - a join is `GLOBAL ALL INNER JOIN … USING …` on ClickHouse: the right side (always small: a
 *   code mapping, one industry's points) is computed once on the initiator and shipped to every
 *   shard, where the join and the partial aggregation run; a plain JOIN would resolve the right
 *   side on each shard against its own fraction of the data;
 * - a join's computed left keys are `(SELECT *, expr AS key FROM left)` in DuckDB and
 *   `WITH expr AS key SELECT … FROM left …` in ClickHouse, where a sub-select would make the
 *   initiator run the join: with the bare Distributed table on the left the whole SELECT (join,
 *   WHERE, partial GROUP BY) is sent to the shards;
 * - no boolean literal (`1 = 1`), no positional GROUP BY (expressions are repeated), no alias
 *   equal to a source column (refused here, at compile time).
 */
import { InternalError } from '../../core/errors.js';
import { chIdent, chNumber, chString } from './clickhouse-literals.js';
import type { ColumnType, Expr, Plan, Source } from './plan.js';

export interface Dialect {
  name: 'duckdb' | 'clickhouse';
  /** The SQL name of a table (the Distributed table on ClickHouse). */
  table(name: string): string;
  /** ClickHouse type of a literal table's column that joins a table column (e.g. Nullable(String)). */
  keyType?: (column: string) => string | undefined;
}

export function duckdbDialect(): Dialect {
  return { name: 'duckdb', table: (n) => duckIdent(n) };
}

export function clickhouseDialect(database: string, keyType?: (column: string) => string | undefined): Dialect {
  return { name: 'clickhouse', table: (n) => `${chIdent(database)}.${chIdent(n)}`, keyType };
}

function duckIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InternalError(`not a plan identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function ident(d: Dialect, name: string): string {
  return d.name === 'duckdb' ? duckIdent(name) : chIdent(name);
}

function duckString(v: string): string {
  if (v.includes('\0')) throw new InternalError('a NUL character cannot be a DuckDB literal');
  return `'${v.replace(/'/g, "''")}'`;
}

function literal(d: Dialect, v: string | number): string {
  if (typeof v === 'number') return d.name === 'duckdb' ? duckNumber(v) : chNumber(v);
  return d.name === 'duckdb' ? duckString(v) : chString(v);
}

function duckNumber(v: number): string {
  if (!Number.isFinite(v)) throw new InternalError(`not a finite number: ${v}`);
  return Number.isInteger(v) ? String(v) : `${v.toPrecision(17)}::DOUBLE`;
}

const FN: Record<string, { duckdb: string; clickhouse: string }> = {
  floor: { duckdb: 'floor', clickhouse: 'floor' },
  sqrt: { duckdb: 'sqrt', clickhouse: 'sqrt' },
  sin: { duckdb: 'sin', clickhouse: 'sin' },
  cos: { duckdb: 'cos', clickhouse: 'cos' },
  asin: { duckdb: 'asin', clickhouse: 'asin' },
  ln: { duckdb: 'ln', clickhouse: 'log' },
  abs: { duckdb: 'abs', clickhouse: 'abs' },
  least: { duckdb: 'least', clickhouse: 'least' },
  greatest: { duckdb: 'greatest', clickhouse: 'greatest' },
  ifNull: { duckdb: 'coalesce', clickhouse: 'ifNull' },
};

export function compileExpr(d: Dialect, e: Expr): string {
  switch (e.k) {
    case 'col': return ident(d, e.name);
    case 'str': return literal(d, e.v);
    case 'num': return literal(d, e.v);
    case 'null': return 'NULL';
    case 'bin': {
      const op = e.op === 'and' ? 'AND' : e.op === 'or' ? 'OR' : e.op;
      return `(${compileExpr(d, e.a)} ${op} ${compileExpr(d, e.b)})`;
    }
    case 'isNull': return `(${compileExpr(d, e.e)} IS ${e.not ? 'NOT ' : ''}NULL)`;
    case 'in': return e.list.length === 0 ? '(1 = 0)' : `(${compileExpr(d, e.e)} IN (${e.list.map((v) => literal(d, v)).join(', ')}))`;
    case 'case': return `(CASE WHEN ${compileExpr(d, e.when)} THEN ${compileExpr(d, e.then)} ELSE ${compileExpr(d, e.else)} END)`;
    case 'countRows': return d.name === 'duckdb' ? 'count(*)' : 'count()';
    case 'agg': return `${e.fn}(${compileExpr(d, e.arg)})`;
    case 'fn': {
      const args = e.args.map((a) => compileExpr(d, a));
      if (e.fn === 'toFloat') return d.name === 'duckdb' ? `CAST(${args[0]} AS DOUBLE)` : `toFloat64(${args[0]})`;
      if (e.fn === 'toInt') return d.name === 'duckdb' ? `CAST(floor(${args[0]}) AS BIGINT)` : `toInt64(floor(${args[0]}))`;
      if (e.fn === 'flagOrTrue') return d.name === 'duckdb' ? `CAST(coalesce(${args[0]}, true) AS INTEGER)` : `ifNull(${args[0]}, 1)`;
      if (e.fn === 'toStr') return d.name === 'duckdb' ? `CAST(${args[0]} AS VARCHAR)` : `toString(${args[0]})`;
      return `${FN[e.fn][d.name]}(${args.join(', ')})`;
    }
  }
}

/**
 * Column names a source is known to provide (a table's are not listed here: its columns are caught
 * when the plan refers to them, see `referenced`).
 */
function sourceColumns(s: Source): Set<string> {
  switch (s.kind) {
    case 'table': return new Set();
    case 'values': return new Set(s.columns.map((c) => c.name));
    case 'sub': return new Set(s.plan.columns.map((c) => c.name));
    case 'join': return new Set([...sourceColumns(s.left), ...sourceColumns(s.right), ...(s.keys ?? []).map((k) => k.name)]);
  }
}

function referenced(e: Expr, into: Set<string>): Set<string> {
  switch (e.k) {
    case 'col': into.add(e.name); break;
    case 'bin': referenced(e.a, into); referenced(e.b, into); break;
    case 'isNull': case 'in': referenced(e.e, into); break;
    case 'case': referenced(e.when, into); referenced(e.then, into); referenced(e.else, into); break;
    case 'agg': referenced(e.arg, into); break;
    case 'fn': for (const a of e.args) referenced(a, into); break;
    default: break;
  }
  return into;
}

function compileValues(d: Dialect, s: Extract<Source, { kind: 'values' }>): string {
  const names = s.columns.map((c) => ident(d, c.name));
  if (d.name === 'duckdb') {
    if (s.rows.length === 0) return `(SELECT ${s.columns.map((c, k) => `CAST(NULL AS ${c.type === 'string' ? 'VARCHAR' : 'DOUBLE'}) AS ${names[k]}`).join(', ')} WHERE 1 = 0)`;
    return `(SELECT * FROM (VALUES ${s.rows.map((r) => `(${r.map((v) => literal(d, v)).join(', ')})`).join(', ')}) AS v(${names.join(', ')}))`;
  }
  const chTypeOf = (c: { name: string; type: ColumnType }): string => d.keyType?.(c.name) ?? (c.type === 'string' ? 'String' : 'Float64');
  if (s.rows.length === 0) return `(SELECT ${s.columns.map((c, k) => `CAST(${c.type === 'string' ? "''" : '0'} AS ${chTypeOf(c)}) AS ${names[k]}`).join(', ')} FROM system.one WHERE 1 = 0)`;
  const tuples = s.rows.map((r) => `tuple(${r.map((v) => literal(d, v)).join(', ')})`).join(', ');
  const cols = s.columns.map((c, k) => `CAST(tupleElement(atlas_row, ${k + 1}) AS ${chTypeOf(c)}) AS ${names[k]}`);
  return `(SELECT ${cols.join(', ')} FROM system.one ARRAY JOIN [${tuples}] AS atlas_row)`;
}

function compileSource(d: Dialect, s: Source): string {
  switch (s.kind) {
    case 'table': return d.table(s.name);
    case 'values': return compileValues(d, s);
    case 'sub': return `(${compileSelect(d, s.plan)})`;
    case 'join': {
      if (s.left.kind === 'join' || s.right.kind === 'join') throw new InternalError('a plan may join only two sources per SELECT (ClickHouse 18.16: one JOIN per level)');
      const using = s.using.map((u) => ident(d, u)).join(', ');
      const keys = (s.keys ?? []).map((k) => `${compileExpr(d, k.expr)} AS ${ident(d, k.name)}`).join(', ');
      const left = d.name === 'duckdb' && keys ? `(SELECT *, ${keys} FROM ${compileSource(d, s.left)})` : compileSource(d, s.left);
      return d.name === 'duckdb'
        ? `${left} JOIN ${compileSource(d, s.right)} USING (${using})`
        : `${left} GLOBAL ALL INNER JOIN ${compileSource(d, s.right)} USING ${using}`;
    }
  }
}

/** Compile a plan to one SELECT statement (no trailing FORMAT; the runner adds it). */
export function compilePlan(d: Dialect, p: Plan): string {
  const sql = compileSelect(d, p);
  if (p.blockRows === undefined || d.name !== 'clickhouse') return sql;
  if (!(Number.isInteger(p.blockRows) && p.blockRows >= 1)) throw new InternalError(`blockRows must be a positive integer, got ${p.blockRows}`);
  return `${sql} SETTINGS max_block_size = ${p.blockRows}`;
}

function compileSelect(d: Dialect, p: Plan): string {
  const provided = sourceColumns(p.from);
  const used = new Set<string>();
  for (const c of p.columns) referenced(c.expr, used);
  if (p.where) referenced(p.where, used);
  for (const g of p.groupBy ?? []) referenced(g, used);
  for (const c of p.columns) {
    const self = c.expr.k === 'col' && c.expr.name === c.name;
    if (!self && (used.has(c.name) || provided.has(c.name))) throw new InternalError(`plan output "${c.name}" has the name of a source column (ClickHouse would resolve that column to the alias)`);
  }
  const select = p.columns.map((c) => (c.expr.k === 'col' && c.expr.name === c.name ? ident(d, c.name) : `${compileExpr(d, c.expr)} AS ${ident(d, c.name)}`));
  const keys = p.from.kind === 'join' && d.name === 'clickhouse' ? p.from.keys ?? [] : [];
  let sql = `${keys.length ? `WITH ${keys.map((k) => `${compileExpr(d, k.expr)} AS ${ident(d, k.name)}`).join(', ')} ` : ''}SELECT ${select.join(', ')} FROM ${compileSource(d, p.from)}`;
  if (p.where) sql += ` WHERE ${compileExpr(d, p.where)}`;
  if (p.groupBy?.length) sql += ` GROUP BY ${p.groupBy.map((g) => compileExpr(d, g)).join(', ')}`;
  if (p.orderBy?.length) sql += ` ORDER BY ${p.orderBy.map((o) => `${compileExpr(d, o.expr)}${o.desc ? ' DESC' : ''}`).join(', ')}`;
  if (p.limit !== undefined) sql += ` LIMIT ${Math.floor(p.limit)}`;
  return sql;
}
