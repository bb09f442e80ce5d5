/**
 * Checks of the `parent` references inside one input, run once its rows are loaded: firms that
 * name themselves as parent, firms whose parent is no loaded firm, and ownership cycles; regions
 * that name themselves as parent, and cycles of region parents. These are warnings, not rejects:
 * the rows are otherwise good and stay loaded, and every later step already treats a firm whose
 * chain leaves the data or points at itself as the head of its group (load/region-industry.ts) —
 * but a cycle has no head, and the roll-up stops at an arbitrary member, so the user is told
 * which rows to fix. A region parent outside the data is normal (the province above the counties
 * of a study) and is not reported. Reasons and texts: docs/ingest.md, "Parent references".
 *
 * Each warning starts `<kind>: <reason>:` (`self_parent`, `unknown_parent`, `parent_cycle`) and
 * names up to `EXAMPLES` cases with their source lines. Time O(n) in the rows with a parent.
 */
import type { Workspace } from '../store/workspace.js';
import { ident, lit } from '../store/workspace.js';
import type { RawTable } from './sources/types.js';
import { parsedTableOf, parsedTextColumn } from './parsed-table.js';

/** How many cases a warning names (all are counted). */
export const EXAMPLES = 5;

export type ParentReason = 'self_parent' | 'unknown_parent' | 'parent_cycle';

/** The parent findings of one table, ids only. */
export interface ParentFindings {
  /** Rows whose parent is their own id. */
  selfParents: string[];
  /** [id, parent] of rows whose parent is not an id of the table. */
  unknownParents: [string, string][];
  /** Each cycle's members in parent order, starting at its smallest id. */
  cycles: string[][];
}

/**
 * The findings among `rows` (id → parent; ids unique, parent null when none). `known` says
 * whether an id exists in the table (default: it is one of `rows`). A chain that leads into a
 * cycle without being part of it is not a cycle member. Time O(n).
 */
export function parentFindings(
  rows: readonly (readonly [string, string | null])[],
  known?: (id: string) => boolean,
): ParentFindings {
  const parentOf = new Map<string, string | null>(rows.map(([id, parent]) => [id, parent]));
  const exists = known ?? ((id: string) => parentOf.has(id));
  const selfParents: string[] = [];
  const unknownParents: [string, string][] = [];
  for (const [id, parent] of rows) {
    if (parent === null) continue;
    if (parent === id) selfParents.push(id);
    else if (!exists(parent)) unknownParents.push([id, parent]);
  }
  // Functional graph (at most one parent each): walk each unvisited chain, marking it with the
  // walk's number; meeting a node of the current walk closes a cycle.
  const walkOf = new Map<string, number>();
  const cycles: string[][] = [];
  let walk = 0;
  for (const [start] of rows) {
    if (walkOf.has(start)) continue;
    walk++;
    const path: string[] = [];
    let cur: string | null | undefined = start;
    while (cur !== null && cur !== undefined && !walkOf.has(cur)) {
      walkOf.set(cur, walk);
      path.push(cur);
      const next: string | null | undefined = parentOf.get(cur);
      cur = next === cur ? null : next;
    }
    if (cur !== null && cur !== undefined && walkOf.get(cur) === walk) {
      const members = path.slice(path.indexOf(cur));
      const first = members.indexOf([...members].sort()[0]);
      cycles.push([...members.slice(first), ...members.slice(0, first)]);
    }
  }
  return { selfParents, unknownParents, cycles };
}

interface Checked {
  kind: string;
  /** The loaded table and its key column. */
  table: string;
  key: string;
  noun: string;
}

const CHECKED: Record<string, Checked> = {
  firms: { kind: 'firms', table: 'firms', key: 'id', noun: 'firm' },
  regions: { kind: 'regions', table: 'regions', key: 'code', noun: 'region' },
};

/**
 * Run `validate` (the validator that loads `raw` into its table) and then the parent checks of
 * `kind` (firms, regions; any other kind only validates), pushing their warnings to `warnings`.
 * The source line of each row is kept from the validator's parsed staging table just before the
 * staging relation is dropped (`parsedTableOf(raw)`, its rowid the record index, its trimmed key
 * and parent texts in `parsedTextColumn(key)` and `parsedTextColumn('parent')`). The validator
 * builds that table for every format, so this holds for CSV, XLSX, GeoJSON, JSON and Parquet
 * alike (test/ingest-references-formats.test.ts); without a mapped parent there is nothing to check.
 */
export async function withReferenceChecks<T>(
  args: { ws: Workspace; kind: string; raw: RawTable; warnings: string[] },
  validate: () => Promise<T>,
): Promise<T> {
  const { ws, kind, raw, warnings } = args;
  const checked = CHECKED[kind];
  if (!checked) return validate();
  const records = `${raw.table}__parent_records`;
  const drop = raw.drop;
  let kept = false;
  raw.drop = async () => {
    const parsed = parsedTableOf(raw);
    const [key, parent] = [parsedTextColumn(checked.key), parsedTextColumn('parent')];
    const cols = await ws.all(`SELECT column_name FROM duckdb_columns() WHERE table_name = ${lit(parsed)} AND column_name IN (${lit(key)}, ${lit(parent)})`);
    if (cols.length === 2) {
      await ws.run(`CREATE TEMP TABLE ${ident(records)} AS SELECT ${ident(key)} AS id, min(rowid) AS record FROM ${ident(parsed)} WHERE ${ident(parent)} IS NOT NULL GROUP BY 1`);
      kept = true;
    }
    await drop.call(raw);
  };
  let result: T;
  try {
    result = await validate();
  } finally {
    raw.drop = drop;
  }
  try {
    const rows = await ws.all<{ id: string; parent: string; known: boolean }>(`
      SELECT t.${checked.key} AS id, t.parent, p.${checked.key} IS NOT NULL AS known
      FROM ${checked.table} t LEFT JOIN ${checked.table} p ON p.${checked.key} = t.parent
      WHERE t.parent IS NOT NULL AND t.${checked.key} IS NOT NULL`);
    if (rows.length === 0) return result;
    const known = new Set(rows.filter((r) => r.known).map((r) => r.parent));
    const findings = parentFindings(rows.map((r) => [r.id, r.parent]), (id) => known.has(id));
    if (kind === 'regions') findings.unknownParents = []; // the region above the study area: normal
    warnings.push(...await describe(ws, raw, checked, findings, kept ? records : undefined));
  } finally {
    if (kept) await ws.run(`DROP TABLE IF EXISTS ${ident(records)}`);
  }
  return result;
}

async function describe(ws: Workspace, raw: RawTable, c: Checked, f: ParentFindings, records: string | undefined): Promise<string[]> {
  const ids = [...f.selfParents, ...f.unknownParents.map(([id]) => id), ...f.cycles.flat()];
  const lineOf = new Map<string, number>();
  if (records && ids.length) {
    const found = await ws.all<{ id: string; record: number }>(`SELECT id, record FROM ${ident(records)} WHERE id IN (SELECT unnest(CAST(json(?) AS VARCHAR[])))`, [JSON.stringify([...new Set(ids)])]);
    const lines = await raw.linesOf(found.map((r) => Number(r.record)));
    found.forEach((r, i) => lineOf.set(r.id, lines[i]));
  }
  const byLine = (a: string, b: string): number => (lineOf.get(a) ?? Infinity) - (lineOf.get(b) ?? Infinity);
  const at = (id: string): string => (lineOf.has(id) ? `${id} (${raw.lineUnit} ${lineOf.get(id)})` : id);
  const more = (n: number): string => (n > EXAMPLES ? `; … ${n - EXAMPLES} more` : '');
  const out: string[] = [];
  const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (f.selfParents.length) {
    const shown = [...f.selfParents].sort(byLine).slice(0, EXAMPLES).map(at);
    out.push(`${c.kind}: self_parent: ${plural(f.selfParents.length, c.noun)} ${f.selfParents.length === 1 ? 'names itself' : 'name themselves'} as parent (kept, as the head of its own group): ${shown.join(', ')}${more(f.selfParents.length)}`);
  }
  if (f.unknownParents.length) {
    const shown = [...f.unknownParents].sort(([a], [b]) => byLine(a, b)).slice(0, EXAMPLES).map(([id, parent]) => `${at(id)} → ${parent}`);
    out.push(`${c.kind}: unknown_parent: ${plural(f.unknownParents.length, c.noun)} name a parent that is not a loaded ${c.noun} (kept, as the head of its group; an owner outside the data is common): ${shown.join(', ')}${more(f.unknownParents.length)}`);
  }
  if (f.cycles.length) {
    const cycles = [...f.cycles].sort((a, b) => byLine([...a].sort(byLine)[0], [...b].sort(byLine)[0]));
    const shown = cycles.slice(0, EXAMPLES).map((cycle) => [...cycle, cycle[0]].map((id, i) => (i === cycle.length ? id : at(id))).join(' → '));
    out.push(`${c.kind}: parent_cycle: ${plural(f.cycles.length, 'cycle')} of parents among ${plural(f.cycles.flat().length, c.noun)} (no head can be found: fix the parents): ${shown.join('; ')}${more(f.cycles.length)}`);
  }
  return out;
}
