/**
 * Query plans: the aggregations of the measures, written once as data and compiled to the SQL of
 * either engine (compile.ts): embedded DuckDB or a ClickHouse cluster.
 *
 * The plan language is deliberately the subset both engines run the same way, shaped by
 * ClickHouse 18.16's limits (docs/scale-out.md lists them): one SELECT over one source; a source
 * is a table, a literal table of values, a sub-plan, or one equality join `USING` shared column
 * names (no table aliases, no ON), whose left side may compute its key columns (`keys`);
 * aggregates are sum / count / min / max; no CTEs, windows, UNION, FILTER or boolean literals. An output column's name may not equal a column of its source
 * unless it is that very column (ClickHouse would resolve every use of the name to the alias).
 * Every literal is a typed value here and becomes an escaped literal in the compiler: a user's
 * string never reaches SQL as text.
 */

export type ColumnType = 'string' | 'number';

export type Expr =
  | { k: 'col'; name: string }
  | { k: 'str'; v: string }
  | { k: 'num'; v: number }
  | { k: 'null' }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'fn'; fn: ScalarFn; args: Expr[] }
  | { k: 'isNull'; e: Expr; not: boolean }
  | { k: 'in'; e: Expr; list: readonly (string | number)[] }
  | { k: 'case'; when: Expr; then: Expr; else: Expr }
  | { k: 'agg'; fn: 'sum' | 'count' | 'min' | 'max'; arg: Expr }
  | { k: 'countRows' };

/** Scalar functions with one meaning in both engines (compile.ts maps the names). */
export type ScalarFn = 'floor' | 'sqrt' | 'sin' | 'cos' | 'asin' | 'ln' | 'abs' | 'least' | 'greatest' | 'toFloat' | 'toInt' | 'toStr' | 'ifNull'
  /** A boolean column as 1/0, NULL as 1 (DuckDB BOOLEAN, ClickHouse Nullable(UInt8)): `in_study_area`. */
  | 'flagOrTrue';

export interface OutputColumn { name: string; expr: Expr; type: ColumnType }

export type Source =
  | { kind: 'table'; name: string }
  | { kind: 'values'; columns: readonly { name: string; type: ColumnType }[]; rows: readonly (readonly (string | number)[])[] }
  | { kind: 'sub'; plan: Plan }
  /**
   * Inner equality join on the shared column names `using`; `right` is small (shipped to the
   * shards on ClickHouse). `keys` computes columns on the left source itself — the join keys
   * (e.g. a grid cell from lon/lat) and any other per-row value the plan reads (computed once
   * per left row in DuckDB) — so the left can stay the bare table: DuckDB wraps it in
   * `SELECT *, expr AS key`, ClickHouse names the expressions in a `WITH` clause, which keeps the
   * Distributed table the left side of the join (the join then runs on the shards). A key's
   * name must not be a column of the left table.
   */
  | { kind: 'join'; left: Source; right: Source; using: readonly string[]; keys?: readonly OutputColumn[] };

export interface Plan {
  from: Source;
  columns: readonly OutputColumn[];
  where?: Expr;
  groupBy?: readonly Expr[];
  orderBy?: readonly { expr: Expr; desc?: boolean }[];
  limit?: number;
  /**
   * Rows per block read from the source (ClickHouse's max_block_size, passed on to the shards).
   * A ClickHouse 18.16 join emits all matches of a block of left rows at once, so a dense join
   * (many matches per row) needs small blocks to stay within memory; DuckDB streams its joins in
   * vectors and ignores this. Only on the outermost plan.
   */
  blockRows?: number;
}

// ---- builders -------------------------------------------------------------------------------

export const col = (name: string): Expr => ({ k: 'col', name });
export const str = (v: string): Expr => ({ k: 'str', v });
export const num = (v: number): Expr => ({ k: 'num', v });
export const fn = (f: ScalarFn, ...args: Expr[]): Expr => ({ k: 'fn', fn: f, args });
export const bin = (op: Extract<Expr, { k: 'bin' }>['op'], a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });
export const add = (a: Expr, b: Expr): Expr => bin('+', a, b);
export const sub = (a: Expr, b: Expr): Expr => bin('-', a, b);
export const mul = (a: Expr, b: Expr): Expr => bin('*', a, b);
export const div = (a: Expr, b: Expr): Expr => bin('/', a, b);
export const eq = (a: Expr, b: Expr): Expr => bin('=', a, b);
export const and = (...xs: (Expr | undefined)[]): Expr | undefined => {
  const list = xs.filter((x): x is Expr => x !== undefined);
  return list.length === 0 ? undefined : list.reduce((a, b) => bin('and', a, b));
};
export const isNull = (e: Expr): Expr => ({ k: 'isNull', e, not: false });
export const notNull = (e: Expr): Expr => ({ k: 'isNull', e, not: true });
export const inList = (e: Expr, list: readonly (string | number)[]): Expr => ({ k: 'in', e, list });
export const when = (cond: Expr, then: Expr, otherwise: Expr): Expr => ({ k: 'case', when: cond, then, else: otherwise });
export const sum = (arg: Expr): Expr => ({ k: 'agg', fn: 'sum', arg });
export const count = (arg: Expr): Expr => ({ k: 'agg', fn: 'count', arg });
export const min = (arg: Expr): Expr => ({ k: 'agg', fn: 'min', arg });
export const max = (arg: Expr): Expr => ({ k: 'agg', fn: 'max', arg });
export const countRows = (): Expr => ({ k: 'countRows' });
export const out = (name: string, expr: Expr, type: ColumnType = 'number'): OutputColumn => ({ name, expr, type });
export const table = (name: string): Source => ({ kind: 'table', name });
export const values = (columns: readonly { name: string; type: ColumnType }[], rows: readonly (readonly (string | number)[])[]): Source => ({ kind: 'values', columns, rows });
export const join = (left: Source, right: Source, using: readonly string[], keys?: readonly OutputColumn[]): Source => (keys ? { kind: 'join', left, right, using, keys } : { kind: 'join', left, right, using });
export const subPlan = (plan: Plan): Source => ({ kind: 'sub', plan });
