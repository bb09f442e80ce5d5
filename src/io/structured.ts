/**
 * Inputs that are not one-row-per-entity tables: input–output tables (a square matrix with final
 * demand and total output) and value-chain templates (JSON). Both are small; they are read into
 * JS, validated cell by cell, and stored in long form.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { Classification } from '../model/classifications/index.js';
import { ChainTemplate } from '../model/chain-template.js';
import type { Encoding, InputSpec } from '../model/project.js';
import { ident, type Cell, type Workspace } from '../store/workspace.js';
import type { RawTable, Reject } from './sources/types.js';
import { checkInputFile } from './input-file.js';
import { structuralChunks } from './sources/structural.js';

export interface StructuredResult {
  rows: number;
  loaded: number;
  rejected: number;
  rejects: Reject[];
  warnings: string[];
}

type ReadRaw = (ws: Workspace, spec: InputSpec, file: string, label: string, table: string, encoding?: Encoding) => Promise<RawTable>;

/** Relative tolerance of the IO balance check Σⱼ zᵢⱼ + fᵢ = xᵢ. */
export const IO_BALANCE_TOLERANCE = 1e-6;

/**
 * IO table, square layout: one row per sector; a column naming the sector (`sector`), optional
 * `name`, one column per sector whose header is that sector's code, then `finalDemand` and
 * `totalOutput`. Rows and columns may come in different orders; they are matched by code.
 * Any bad cell rejects its row and, since a matrix with a hole is unusable, the table is not
 * loaded (a warning says so). Unbalanced rows are loaded with a warning naming the sectors.
 */
export async function loadIoTable(args: {
  ws: Workspace; spec: InputSpec; file: string; label: string; classification: Classification; readRaw: ReadRaw;
}): Promise<StructuredResult> {
  const { ws, spec, file, label, readRaw } = args;
  const raw = await readRaw(ws, spec, file, label, 'raw_io');
  const col = (field: string, fallback: string[]): string | undefined =>
    spec.columns[field] ?? raw.columns.find((c) => fallback.includes(c.trim().toLowerCase()));
  const sectorCol = col('sector', ['sector', 'code', '部门', '部门代码', '代码']);
  const nameCol = col('name', ['name', 'sector_name', '部门名称', '名称']);
  const fdCol = col('finalDemand', ['final_demand', 'finaldemand', 'final demand', '最终使用', '最终需求']);
  const xCol = col('totalOutput', ['total_output', 'totaloutput', 'total output', '总产出']);
  for (const [field, c] of [['sector', sectorCol], ['finalDemand', fdCol], ['totalOutput', xCol]] as const) {
    if (!c || !raw.columns.includes(c)) {
      throw new InputError('E_MAPPING', `ioTable (${label}): no column for ${field}; map it in "columns" (columns: ${raw.columns.join(', ')})`, { file: label, field });
    }
  }
  let rows = await ws.all<Record<string, string | null>>(`SELECT * FROM ${ident(raw.table)}`);
  if ((await raw.settle?.(rows.length)) === 'reread') { // an unclosed quote was repaired: read again
    rows = await ws.all<Record<string, string | null>>(`SELECT * FROM ${ident(raw.table)}`);
    await raw.settle?.(rows.length);
  }
  const rejects: Reject[] = [];
  for await (const chunk of structuralChunks(raw)) for (const r of chunk) rejects.push(r); // a small table
  await raw.drop();
  const lines = await raw.linesOf(rows.map((_, i) => i));
  const warnings: string[] = [];
  const codes = rows.map((r) => (r[sectorCol!] ?? '').trim());
  const seen = new Map<string, number>();
  codes.forEach((c, i) => {
    if (c === '') rejects.push({ file: label, line: lines[i], field: sectorCol!, value: '', reason: 'missing_required' });
    else if (seen.has(c)) rejects.push({ file: label, line: lines[i], field: sectorCol!, value: c, reason: 'duplicate_id', detail: `duplicate of line ${lines[seen.get(c)!]}` });
    else seen.set(c, i);
  });
  const sectorColumns = codes.filter((c) => c !== '').map((c) => raw.columns.find((h) => h.trim() === c));
  const missing = codes.filter((c, i) => c !== '' && sectorColumns[i] === undefined);
  if (missing.length) {
    throw new InputError('E_PARSE', `ioTable (${label}): the matrix is not square: no column for sector(s) ${missing.slice(0, 10).join(', ')}`, { file: label, field: missing[0] });
  }
  const extra = raw.columns.filter((h) => ![sectorCol, nameCol, fdCol, xCol].includes(h) && !seen.has(h.trim()));
  if (extra.length) warnings.push(`ioTable (${label}): ignored columns that are not sectors: ${extra.join(', ')}`);
  const n = codes.length;
  const z: number[][] = [];
  const fd: number[] = [];
  const x: number[] = [];
  const num = (i: number, column: string, nonnegative: boolean): number => {
    const t = (rows[i][column] ?? '').trim();
    const v = t === '' ? Number.NaN : Number(t.replaceAll(',', ''));
    if (t === '') rejects.push({ file: label, line: lines[i], field: column, value: '', reason: 'missing_required' });
    else if (!Number.isFinite(v)) rejects.push({ file: label, line: lines[i], field: column, value: t, reason: 'not_a_number' });
    else if (nonnegative && v < 0) rejects.push({ file: label, line: lines[i], field: column, value: t, reason: 'negative' });
    return v;
  };
  for (let i = 0; i < n; i++) {
    z.push(codes.map((c) => num(i, raw.columns.find((h) => h.trim() === c)!, false)));
    fd.push(num(i, fdCol!, false));
    x.push(num(i, xCol!, true));
  }
  const badRows = new Set(rejects.map((r) => r.line));
  if (rejects.length) {
    warnings.push(`ioTable (${label}): not loaded: ${rejects.length} bad cell(s), see the rejects`);
    return { rows: n, loaded: 0, rejected: badRows.size, rejects, warnings };
  }
  const unbalanced: string[] = [];
  for (let i = 0; i < n; i++) {
    const total = z[i].reduce((a, b) => a + b, 0) + fd[i];
    if (Math.abs(total - x[i]) > IO_BALANCE_TOLERANCE * Math.max(1, Math.abs(x[i]))) unbalanced.push(`${codes[i]} (Σz+f=${total.toPrecision(8)}, x=${x[i]})`);
  }
  if (unbalanced.length) warnings.push(`ioTable (${label}): ${unbalanced.length} sector(s) where intermediate sales plus final demand differ from total output: ${unbalanced.slice(0, 5).join('; ')}${unbalanced.length > 5 ? '…' : ''}`);
  const id = spec.file;
  await ws.append('io_sectors', ['varchar', 'integer', 'varchar', 'varchar', 'double', 'double'],
    codes.map((code, i) => [id, i, code, (nameCol ? rows[i][nameCol] : null) ?? null, fd[i], x[i]]));
  const flows: Cell[][] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) flows.push([id, i, j, z[i][j]]);
  await ws.append('io_flows', ['varchar', 'integer', 'integer', 'double'], flows);
  return { rows: n, loaded: n, rejected: 0, rejects, warnings };
}

/**
 * Value-chain templates: a JSON array of `ChainTemplate` (or `{ "templates": [...] }`). A template
 * that fails the schema or names an unknown industry code is rejected whole; `line` is the
 * template's 1-based position in the array.
 */
export async function loadChainTemplates(args: {
  ws: Workspace; spec: InputSpec; file: string; label: string; classification: Classification;
}): Promise<StructuredResult> {
  const { ws, file, label, classification } = args;
  checkInputFile(file, label);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError('E_PARSE', `${label}: not valid JSON: ${(e as Error).message}`, { file: label });
  }
  const list = Array.isArray(doc) ? doc : (doc as { templates?: unknown[] })?.templates;
  if (!Array.isArray(list)) throw new InputError('E_PARSE', `${label}: expected an array of chain templates`, { file: label });
  const rejects: Reject[] = [];
  const good: ChainTemplate[] = [];
  const ids = new Set<string>();
  list.forEach((t, i) => {
    const parsed = ChainTemplate.safeParse(t);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejects.push({ file: label, line: i + 1, field: issue.path.join('.'), value: '', reason: issue.code === 'invalid_type' && /undefined/.test(issue.message) ? 'missing_required' : 'invalid_value', detail: issue.message });
      return;
    }
    let ok = true;
    for (const stage of parsed.data.stages) {
      for (const code of stage.industries) {
        const v = classification.validate(code);
        if (!v.ok) {
          ok = false;
          rejects.push({ file: label, line: i + 1, field: `stages.${stage.id}.industries`, value: code, reason: v.reason === 'bad_format' ? 'bad_industry_code' : 'unknown_industry_code', detail: v.detail });
        }
      }
    }
    if (ids.has(parsed.data.id)) {
      ok = false;
      rejects.push({ file: label, line: i + 1, field: 'id', value: parsed.data.id, reason: 'duplicate_id' });
    }
    if (ok) { ids.add(parsed.data.id); good.push(parsed.data); }
  });
  await ws.append('chain_templates', ['varchar', 'varchar'], good.map((t) => [t.id, t.name ?? null]));
  for (const t of good) {
    for (const s of t.stages) {
      const industries = s.industries.map((c) => {
        const v = classification.validate(c);
        return v.ok ? v.code : c;
      });
      await ws.run(
        'INSERT INTO chain_stages VALUES (?, ?, ?, ?, ?, CAST(json(?) AS VARCHAR[]))',
        [t.id, s.id, s.name ?? null, s.order, s.role, JSON.stringify(industries)],
      );
    }
  }
  return { rows: list.length, loaded: good.length, rejected: list.length - good.length, rejects, warnings: [] };
}
