/**
 * Row-level validation of a staged input and the typed load of the rows that pass, in SQL.
 *
 * Every check is one filtered scan of the VARCHAR staging table that emits
 * (rowid, field, value, reason, detail); a row with any finding is rejected (each finding is
 * reported), and every other row is cast into the workspace table. Doing this inside DuckDB keeps
 * the cost of validation close to that of the bare CSV read (see bench/ingest.ts).
 *
 * Reasons (stable codes, documented in docs/ingest.md):
 *   malformed_row, unclosed_quote, line_too_long, missing_required, missing_location, partial_coordinates, not_a_number,
 *   not_finite, not_an_integer, negative, implausible_year, future_year, invalid_value,
 *   lon_out_of_range, lat_out_of_range, zero_location, lonlat_swapped, outside_study_area,
 *   bad_industry_code, unknown_industry_code, unknown_industry_name, ambiguous_industry_name,
 *   industry_name_conflict, industry_too_coarse, duplicate_id, duplicate_key, unknown_region,
 *   unknown_park, unknown_link_end, self_link, invalid_geometry, bad_geometry_json, io/register-fields.ts's
 */
import { InputError } from '../core/errors.js';
import type { Classification } from '../model/classifications/index.js';
import type { InputSpec, RegisterSettings } from '../model/project.js';
import { ident, lit, type Workspace } from '../store/workspace.js';
import type { FieldSpec, KindSpec } from './fields.js';
import { buildRegisterLookup, placeColumns, placementChecks, REGISTER_TYPES, yearSql } from './register-validate.js';
import { GEOMETRY_COLUMN, POINT_LAT, POINT_LON } from './sources/json.js';
import type { RawTable } from './sources/types.js';
import type { RejectSink } from './reject-sink.js';
import { emitStructural } from './sources/structural.js';
import { unitFactor } from './units.js';
import { linkEndCheck, outsideAreaChecks, recordRejectedEnds, type RowCheck } from './study-area.js';
import { judge } from './lookup-values.js';
import { buildIndustryLookup } from './industry-lookup.js';
import { parsedTableOf, parsedTextColumn } from './parsed-table.js';

export interface ValidateContext {
  ws: Workspace;
  raw: RawTable;
  spec: KindSpec;
  input: InputSpec;
  currency: string;
  classification: Classification;
  currentYear: number;
  /** Coordinates are lon/lat degrees (WGS84, GCJ-02, BD-09), not projected metres. */
  geographic: boolean;
  /** Study-area bounding box [minLon, minLat, maxLon, maxLat] from the regions, if any. */
  studyBbox?: readonly [number, number, number, number];
  /** Reject points outside the study-area box; without it they load with `in_study_area = false` (study-area.ts). */
  strictArea?: boolean;
  /** Box where points of this data set are expected when no regions are given (China for GB/T). */
  expectedBbox?: readonly [number, number, number, number];
  register?: RegisterSettings; // enterprise-register settings (credit codes, closed firms); defaults when absent
  /** Which reference tables are loaded (references to them are checked). */
  has: { regions: boolean; parks: boolean; firms: boolean; institutions: boolean };
  /** Where every finding goes (the workspace's rejects table). */
  sink: RejectSink;
  /**
   * Regions and parks: validate (and reproject) the polygons in JS after the parse pass. Gets the
   * parsed table and its id and geometry text columns; returns findings keyed by record index.
   */
  prepareGeometry?: (parsed: string, idColumn: string, geometryColumn: string) => Promise<Map<number, { reason: string; detail: string; value: string }>>;
}

export interface ValidateResult {
  loaded: number;
  rejectedRows: number;
  /** Findings given to the sink. */
  findings: number;
  /** Summary lines for the ingest (industry texts given as names). */
  notes: string[];
}

/** Findings read back from DuckDB at a time, to name their lines. */
const FINDINGS_CHUNK = 50_000;

/**
 * The project's `columns` block of an input; without one (absent or empty), each header that is
 * a model field name maps to that field (a file written with our names needs no block).
 */
export function columnsOf(spec: KindSpec, input: InputSpec, raw: RawTable): Record<string, string> {
  if (Object.keys(input.columns).length > 0) return input.columns;
  return Object.fromEntries(spec.fields.filter((f) => raw.columns.includes(f.name)).map((f) => [f.name, f.name]));
}

/** The resolved column of each mapped field. */
export function resolveMapping(spec: KindSpec, input: InputSpec, raw: RawTable, where: string): Map<string, string> {
  const known = new Map(spec.fields.map((f) => [f.name, f]));
  const mapping = new Map<string, string>();
  for (const [field, column] of Object.entries(columnsOf(spec, input, raw))) {
    const f = known.get(field) ?? (field === 'x' ? known.get('lon') : field === 'y' ? known.get('lat') : undefined);
    if (!f) {
      throw new InputError('E_PROJECT', `${where}: unknown field ${JSON.stringify(field)} in "columns" (fields: ${spec.fields.map((x) => x.name).join(', ')})`, {
        file: raw.file, field,
      });
    }
    if (!raw.columns.includes(column)) {
      throw new InputError('E_MAPPING', `${where}: column ${JSON.stringify(column)} (mapped to ${field}) is not in ${raw.file}; its columns are ${raw.columns.map((c) => JSON.stringify(c)).join(', ')}`, {
        file: raw.file, field, value: column,
      });
    }
    mapping.set(f.name, column);
  }
  // GeoJSON conveniences: point geometry gives lon/lat, feature geometry gives geometry.
  if (raw.columns.includes(POINT_LON) && known.has('lon') && !mapping.has('lon') && !mapping.has('lat')) {
    mapping.set('lon', POINT_LON);
    mapping.set('lat', POINT_LAT);
  }
  if (raw.columns.includes(GEOMETRY_COLUMN) && known.has('geometry') && !mapping.has('geometry')) mapping.set('geometry', GEOMETRY_COLUMN);
  for (const f of spec.fields) {
    if (f.required && !mapping.has(f.name)) {
      throw new InputError('E_MAPPING', `${where}: required field ${f.name} is not mapped to a column of ${raw.file} (columns: ${raw.columns.map((c) => JSON.stringify(c)).join(', ')})`, {
        file: raw.file, field: f.name,
      });
    }
  }
  if (spec.located && !mapping.has('region') && !(mapping.has('lon') && mapping.has('lat')) && !mapping.has('address') && !mapping.has('creditCode')) {
    throw new InputError('E_MAPPING', `${where}: map either lon and lat, region${spec.fields.some((f) => f.name === 'address') ? ', address or creditCode' : ''}: a ${spec.kind.replace(/s$/, '')} needs a location`, { file: raw.file, field: 'lon' });
  }
  if (mapping.has('lon') !== mapping.has('lat')) {
    throw new InputError('E_MAPPING', `${where}: lon and lat must be mapped together`, { file: raw.file, field: mapping.has('lon') ? 'lat' : 'lon' });
  }
  return mapping;
}



const NUMBER_WITH_SEPARATORS = "'^[+-]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$'";

/** Validate and load; on any failure the staging relation and the reader's temporary files are dropped. */
export async function validateAndLoad(ctx: ValidateContext): Promise<ValidateResult> {
  try {
    return await validateRows(ctx);
  } catch (e) {
    await ctx.raw.drop().catch(() => undefined);
    throw e;
  }
}

async function validateRows(ctx: ValidateContext): Promise<ValidateResult> {
  const { ws, raw, spec, input } = ctx;
  const where = `${spec.kind} (${raw.file})`;
  const mapping = resolveMapping(spec, input, raw, where);
  const fields = spec.fields.filter((f) => mapping.has(f.name));
  const R = ident(raw.table);
  const P = ident(parsedTableOf(raw));
  const isNumeric = (f: FieldSpec): boolean => f.type === 'number' || f.type === 'integer' || f.type === 'year';
  const isLookup = (f: FieldSpec): boolean => f.type === 'code' || f.type === 'enum' || f.type === 'list' || REGISTER_TYPES.has(f.type);
  /** Columns of the parsed table `p`: the text and the number of each field. */
  const text = (f: FieldSpec): string => `p.${ident(parsedTextColumn(f.name))}`;
  const number = (f: FieldSpec): string => `p.${ident(`n:${f.name}`)}`;
  /** A field is absent when it has no text (and, for numbers, no parsed value). */
  const absent = (f: FieldSpec): string => (isNumeric(f) ? `(${text(f)} IS NULL AND ${number(f)} IS NULL)` : `${text(f)} IS NULL`);
  /** What a reject shows: the text, or for a parsed number its shortest decimal form. */
  const shown = (f: FieldSpec): string => (isNumeric(f)
    ? `coalesce(${text(f)}, CASE WHEN ${number(f)} = floor(${number(f)}) AND abs(${number(f)}) < 1e15 THEN CAST(CAST(${number(f)} AS BIGINT) AS VARCHAR) ELSE CAST(${number(f)} AS VARCHAR) END, '')`
    : `coalesce(${text(f)}, '')`);
  const lookup = (f: FieldSpec): string => ident(`${raw.table}__lookup_${f.name}`);
  const factor = (f: FieldSpec): number => unitFactor(f, input.units?.[f.name], ctx.currency, where);
  for (const u of Object.keys(input.units ?? {})) {
    if (!spec.fields.some((f) => f.name === u)) throw new InputError('E_PROJECT', `${where}: "units" names unknown field ${u}`, { field: u });
  }
  const geographic = ctx.geographic;

  // Pass 1, fused with the read for CSV and Parquet (the staging table is a view): each field's
  // text, trimmed, and each number parsed once (untrimmed: DuckDB's cast ignores surrounding
  // blanks). A numeric field keeps its text only where the cast failed, which is all the checks
  // need and keeps this pass lean. Insertion order is preserved, so p.rowid is the record index.
  const items: string[] = [];
  for (const f of fields) {
    const column = `r.${ident(mapping.get(f.name)!)}`;
    const t = ident(parsedTextColumn(f.name));
    if (isNumeric(f)) {
      items.push(`${f.type === 'year' /* may be a date: 成立日期 */ ? yearSql(column) : `TRY_CAST(${column} AS DOUBLE)`} AS ${ident(`n:${f.name}`)}`);
      items.push(`CASE WHEN ${ident(`n:${f.name}`)} IS NULL THEN ${column} END AS ${t}`);
    } else {
      items.push(`NULLIF(trim(${column}), '') AS ${t}`);
    }
  }
  const parse = async (): Promise<number> => {
    await ws.run(`CREATE TEMP TABLE ${P} AS SELECT ${items.length ? items.join(', ') : '1 AS dummy'} FROM ${R} r`);
    const [{ records }] = await ws.all<{ records: number }>(`SELECT count(*)::BIGINT AS records FROM ${P}`);
    // Numbers written with thousands separators (1,200 or 1,200.5) fail the cast: parse those few.
    for (const f of fields.filter(isNumeric)) {
      const n = ident(`n:${f.name}`);
      const t = ident(`t:${f.name}`);
      await ws.run(`UPDATE ${P} SET ${n} = TRY_CAST(replace(trim(${t}), ',', '') AS DOUBLE)
        WHERE ${n} IS NULL AND ${t} IS NOT NULL AND regexp_full_match(trim(${t}), ${NUMBER_WITH_SEPARATORS})`);
    }
    return Number(records);
  };
  const records = await parse();
  if ((await raw.settle?.(records)) === 'reread') {
    await ws.run(`DROP TABLE ${P}`);
    await raw.settle?.(await parse());
  }
  await emitStructural(raw, ctx.sink); // the reader's own rejects come first, by line
  await raw.drop();
  const geometryField = fields.find((f) => f.type === 'geometry');
  const idField = spec.fields.find((f) => f.name === spec.idField);
  const geometryErrors = geometryField && idField && ctx.prepareGeometry
    ? await ctx.prepareGeometry(P, ident(`t:${idField.name}`), ident(`t:${geometryField.name}`))
    : undefined;

  // Industry codes and enumerated values: each distinct text is judged once, in JS, into a
  // lookup table (text → value, or → reason) that the checks and the load join against.
  const notes: string[] = [];
  for (const f of fields.filter(isLookup)) {
    const distinct = await ws.all<{ v: string }>(`SELECT DISTINCT ${text(f)} AS v FROM ${P} p WHERE ${text(f)} IS NOT NULL`);
    const table = `${raw.table}__lookup_${f.name}`;
    if (REGISTER_TYPES.has(f.type)) { await buildRegisterLookup(ws, table, f, distinct.map((d) => d.v), ctx.register, input, ctx.currency, where); continue; }
    if (f.type === 'code') { notes.push(...await buildIndustryLookup(ctx, distinct.map((d) => d.v), table, P, text(f))); continue; }
    await ws.run(`CREATE TEMP TABLE ${ident(table)} (raw VARCHAR, value ${f.type === 'list' ? 'VARCHAR[]' : 'VARCHAR'}, reason VARCHAR, detail VARCHAR)`);
    const rows = distinct.map(({ v }) => [v, ...judge(f, v, input, ctx.classification)] as const);
    if (f.type === 'list') {
      for (const [v, value, reason, detail] of rows) {
        await ws.run(`INSERT INTO ${ident(table)} VALUES (?, CAST(json(?) AS VARCHAR[]), ?, ?)`, [v, value === null ? null : JSON.stringify(value), reason, detail]);
      }
    } else {
      await ws.append(table, ['varchar', 'varchar', 'varchar', 'varchar'], rows.map(([v, value, reason, detail]) => [v, value as string | null, reason, detail]), { temp: true });
    }
  }

  const checks: RowCheck[] = [];
  for (const f of fields) {
    const t = text(f);
    if (f.required) checks.push({ field: f.name, reason: 'missing_required', where: absent(f), value: "''" });
    switch (f.type) {
      case 'number':
      case 'integer':
      case 'year': {
        checks.push({ field: f.name, reason: 'not_a_number', where: `${t} IS NOT NULL AND ${number(f)} IS NULL`, detail: 'expected a number' });
        checks.push({ field: f.name, reason: 'not_finite', where: `${number(f)} IS NOT NULL AND NOT isfinite(${number(f)})` });
        if (f.nonnegative) checks.push({ field: f.name, reason: 'negative', where: `isfinite(${number(f)}) AND ${number(f)} < 0`, detail: 'must be ≥ 0' });
        if (f.type !== 'number') checks.push({ field: f.name, reason: 'not_an_integer', where: `isfinite(${number(f)}) AND ${number(f)} <> floor(${number(f)})` });
        if (f.type === 'year') {
          checks.push({ field: f.name, reason: 'future_year', where: `isfinite(${number(f)}) AND ${number(f)} > ${ctx.currentYear}`, detail: `after ${ctx.currentYear}` });
          checks.push({ field: f.name, reason: 'implausible_year', where: `isfinite(${number(f)}) AND ${number(f)} < 1800`, detail: 'before 1800' });
        }
        break;
      }
      case 'enum':
      case 'list':
      case 'code': case 'uscc': case 'address': case 'capital': case 'status':
        checks.push({
          field: f.name, reason: 'sql:l.reason', detail: 'sql:l.detail', where: 'true',
          join: `JOIN (SELECT * FROM ${lookup(f)} WHERE reason IS NOT NULL) l ON l.raw = ${text(f)}`, flag: REGISTER_TYPES.has(f.type) ? 'l.flag = 1' : undefined,
        });
        break;
      default:
        break;
    }
  }

  // Locations. `outsideArea`: the SQL condition of a point outside the study-area box, if one is checked.
  let outsideArea: string | undefined;
  if (spec.located) {
    const hasXY = mapping.has('lon');
    const lonF = spec.fields.find((f) => f.name === 'lon')!;
    const latF = spec.fields.find((f) => f.name === 'lat')!;
    const x = hasXY ? number(lonF) : 'NULL';
    const y = hasXY ? number(latF) : 'NULL';
    const noX = hasXY ? absent(lonF) : 'true';
    const noY = hasXY ? absent(latF) : 'true';
    const region = mapping.has('region') ? text(spec.fields.find((f) => f.name === 'region')!) : 'NULL';
    const placed = placementChecks(spec, mapping, text, lookup, `${noX} AND ${noY} AND ${region} IS NULL`);
    checks.push({ field: hasXY ? 'lon' : 'region', reason: 'missing_location', where: `${noX} AND ${noY} AND ${region} IS NULL AND ${placed.noPlaceText}`, value: "''", detail: `needs lon/lat or a region code${placed.checks.length ? ', an address or a credit code' : ''}` }, ...placed.checks);
    if (hasXY) {
      checks.push({ field: 'lat', reason: 'partial_coordinates', where: `NOT ${noX} AND ${noY}`, value: "''", detail: 'lon given without lat' });
      checks.push({ field: 'lon', reason: 'partial_coordinates', where: `${noX} AND NOT ${noY}`, value: "''", detail: 'lat given without lon' });
      if (geographic) {
        const pair = `${shown(lonF)} || ',' || ${shown(latF)}`;
        const ok = `isfinite(${x}) AND isfinite(${y})`;
        const inBox = (b: readonly number[], a: string, c: string): string => `(${a} BETWEEN ${b[0]} AND ${b[2]} AND ${c} BETWEEN ${b[1]} AND ${b[3]})`;
        const box = ctx.studyBbox ?? ctx.expectedBbox;
        const swapped = box
          ? `(NOT ${inBox(box, x, y)} AND ${inBox(box, y, x)})`
          : `(abs(${y}) > 90 AND abs(${y}) <= 180 AND abs(${x}) <= 90)`;
        checks.push({ field: 'lon', reason: 'zero_location', where: `${ok} AND ${x} = 0 AND ${y} = 0`, value: pair, detail: '(0,0) is a missing location' });
        checks.push({ field: 'lon', reason: 'lonlat_swapped', where: `${ok} AND ${swapped}`, value: pair, detail: 'lon/lat look swapped' });
        checks.push({ field: 'lon', reason: 'lon_out_of_range', where: `${ok} AND NOT ${swapped} AND abs(${x}) > 180`, detail: 'lon must be in [-180, 180]' });
        checks.push({ field: 'lat', reason: 'lat_out_of_range', where: `${ok} AND NOT ${swapped} AND abs(${y}) > 90`, detail: 'lat must be in [-90, 90]' });
        if (ctx.studyBbox) {
          const b = ctx.studyBbox;
          outsideArea = `${ok} AND NOT ${swapped} AND abs(${x}) <= 180 AND abs(${y}) <= 90 AND NOT (${x} = 0 AND ${y} = 0) AND NOT ${inBox(b, x, y)}`;
          checks.push(...outsideAreaChecks(b, outsideArea, pair, region, ctx.strictArea ?? false, ctx.has.regions));
        }
      }
    }
  }

  // References to other inputs.
  const ref = (field: string, table: string, column: string, reason: string, label: string): void => {
    if (!mapping.has(field)) return;
    const t = text(spec.fields.find((f) => f.name === field)!);
    checks.push({ field, reason, where: `${t} IS NOT NULL AND ${t} NOT IN (SELECT ${column} FROM ${table})`, detail: `no ${label} with this id` });
  };
  if (ctx.has.regions) ref('region', 'regions', 'code', 'unknown_region', 'region');
  if (ctx.has.parks && spec.kind !== 'parks') ref('park', 'parks', 'id', 'unknown_park', 'park');
  if (spec.kind === 'links') {
    const ends = [ctx.has.firms ? 'SELECT id FROM firms' : '', ctx.has.institutions ? 'SELECT id FROM institutions' : ''].filter(Boolean);
    const endSet = ends.length ? ends.join(' UNION ALL ') : "SELECT NULL::VARCHAR AS id WHERE false";
    // An end that was itself rejected is named with its line and reason (study-area.ts).
    for (const end of ['source', 'target']) checks.push(await linkEndCheck(ws, end, text(spec.fields.find((f) => f.name === end)!), endSet));
    const s = text(spec.fields.find((f) => f.name === 'source')!);
    const tg = text(spec.fields.find((f) => f.name === 'target')!);
    checks.push({ field: 'target', reason: 'self_link', where: `${s} = ${tg}`, detail: 'source and target are the same' });
  }
  if (spec.kind === 'institutions' && ctx.has.firms) {
    const t = text(spec.fields.find((f) => f.name === 'id')!);
    checks.push({ field: 'id', reason: 'duplicate_id', where: `${t} IN (SELECT id FROM firms)`, detail: 'already the id of a firm (links could not tell them apart)' });
  }

  const findings: string[] = checks.map((c) => {
    const f = spec.fields.find((x) => x.name === c.field);
    const value = c.value ?? (f && mapping.has(f.name) ? shown(f) : "''");
    const sql = (x: string): string => (x.startsWith('sql:') ? x.slice(4) : lit(x));
    const detail = c.detail === undefined ? 'NULL::VARCHAR' : sql(c.detail);
    return `SELECT p.rowid AS rid, ${lit(c.field)} AS field, ${value} AS value, ${sql(c.reason)} AS reason, ${detail} AS detail, NULL::BIGINT AS ref, CAST(${c.flag ?? 'false'} AS INTEGER) AS flag FROM ${P} p ${c.join ?? ''} WHERE ${c.where}`;
  });
  // Duplicates: every occurrence after the first, pointing at the first.
  const keyFields = spec.idField ? [spec.idField] : spec.uniqueKey ?? [];
  if (keyFields.length && keyFields.every((k) => mapping.has(k))) {
    const keyFieldSpecs = keyFields.map((k) => spec.fields.find((f) => f.name === k)!);
    const keyExprs = keyFieldSpecs.map((f) => (isNumeric(f) ? number(f) : text(f)));
    const keyText = keyFieldSpecs.map(shown).join(` || '|' || `);
    findings.push(`SELECT rid, ${lit(keyFields.join('|'))} AS field, k AS value, ${lit(spec.idField ? 'duplicate_id' : 'duplicate_key')} AS reason, NULL::VARCHAR AS detail, first AS ref, 0 AS flag FROM (
      SELECT p.rowid AS rid, ${keyText} AS k, first_value(p.rowid) OVER (PARTITION BY ${keyExprs.join(', ')} ORDER BY p.rowid) AS first
      FROM ${P} p WHERE ${keyExprs.map((e) => `${e} IS NOT NULL`).join(' AND ')}) WHERE rid <> first`);
  }
  const errs = `${raw.table}__errs`;
  await ws.run(`CREATE TEMP TABLE ${ident(errs)} AS ${findings.join('\nUNION ALL\n')}`);
  if (geometryErrors && geometryErrors.size) {
    await ws.append(errs, ['bigint', 'varchar', 'varchar', 'varchar', 'varchar', 'bigint', 'integer'], [...geometryErrors].map(([rid, e]) => [rid, 'geometry', e.value, e.reason, e.detail, null, 0]), { temp: true });
  }

  // Load the rows without findings.
  const target = ident(spec.table);
  const select: string[] = [];
  const columns: string[] = [];
  const joins: string[] = [];
  for (const f of spec.fields) {
    columns.push(ident(f.column));
    if (!mapping.has(f.name)) { select.push('NULL'); continue; }
    switch (f.type) {
      case 'string': case 'geometry': select.push(text(f)); break;
      case 'number': { const k = factor(f); select.push(k === 1 ? number(f) : `${number(f)} * ${k}`); break; }
      case 'integer': case 'year': select.push(`CAST(${number(f)} AS INTEGER)`); break;
      case 'enum': case 'list': case 'code': case 'uscc': case 'address': case 'capital': case 'status': {
        const alias = ident(`l_${f.name}`);
        joins.push(`LEFT JOIN ${lookup(f)} ${alias} ON ${alias}.raw = ${text(f)}`);
        select.push(f.type === 'capital' ? `CAST(${alias}.value AS DOUBLE)` : `${alias}.value`);
        break;
      }
    }
  }
  // the user's text of an industry given as a name, beside the code it resolved to
  if (mapping.has('industry') && spec.derived?.some((d) => d.column === 'industry_text')) {
    columns.push(ident('industry_text'));
    select.push(`CASE WHEN ${ident('l_industry')}.form IS NOT NULL THEN ${text(spec.fields.find((f) => f.name === 'industry')!)} END`);
  }
  if (outsideArea && !ctx.strictArea) {
    columns.push('in_study_area');
    select.push(`NOT coalesce(${outsideArea}, false)`);
  }
  placeColumns(spec, mapping, select, columns, text, (f) => ident(`l_${f.name}`));
  const [{ bad }] = await ws.all<{ bad: number }>(`SELECT count(DISTINCT rid)::BIGINT AS bad FROM ${ident(errs)} WHERE flag = 0`);
  const keep = Number(bad) > 0 ? `WHERE p.rowid NOT IN (SELECT rid FROM ${ident(errs)} WHERE flag = 0)` : '';
  await ws.run(`INSERT INTO ${target} (${columns.join(', ')}) SELECT ${select.join(', ')} FROM ${P} p ${joins.join(' ')} ${keep}`);

  if ((spec.kind === 'firms' || spec.kind === 'institutions') && idField && mapping.has(idField.name) && Number(bad) > 0) {
    await recordRejectedEnds(ws, raw, spec.kind, errs, P, text(idField).slice(2));
  }
  // Findings with source lines, streamed to the sink in chunks of the (rid, field, reason)
  // order: millions of findings never sit in memory at once.
  const sorted = `${errs}__sorted`;
  await ws.run(`CREATE TEMP TABLE ${ident(sorted)} AS SELECT row_number() OVER (ORDER BY rid, field, reason, value) AS seq, * FROM ${ident(errs)} ORDER BY seq`);
  await ws.run(`DROP TABLE ${ident(errs)}`);
  const [{ total }] = await ws.all<{ total: number }>(`SELECT count(*)::BIGINT AS total FROM ${ident(sorted)}`);
  for (let from = 0; from < Number(total); from += FINDINGS_CHUNK) {
    const rows = await ws.all<{ rid: number; field: string; value: string; reason: string; detail: string | null; ref: number | null }>(
      `SELECT rid, field, value, reason, detail, ref FROM ${ident(sorted)} WHERE seq > ${from} AND seq <= ${from + FINDINGS_CHUNK} ORDER BY seq`,
    );
    const lines = await raw.linesOf(rows.map((r) => Number(r.rid)));
    const refLines = await raw.linesOf(rows.filter((r) => r.ref !== null).map((r) => Number(r.ref)));
    let k = 0;
    for (const [i, r] of rows.entries()) {
      const detail = r.ref !== null ? `duplicate of ${raw.lineUnit} ${refLines[k++]}` : r.detail ?? undefined;
      const field = r.field.includes('|') ? r.field : mapping.get(r.field) ?? r.field;
      await ctx.sink.add({ file: raw.file, line: lines[i], field: fieldLabel(r.field, field), value: r.value ?? '', reason: r.reason, ...(detail ? { detail } : {}) });
    }
  }
  const [{ n }] = await ws.all<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${target}`);
  await ws.run(`DROP TABLE ${ident(sorted)}`);
  for (const f of fields.filter(isLookup)) await ws.run(`DROP TABLE ${lookup(f)}`);
  await ws.run(`DROP TABLE ${P}`);
  return { loaded: Number(n), rejectedRows: Number(bad), findings: Number(total), notes };
}

/** Rejects name the user's column, with the model field in brackets when they differ. */
function fieldLabel(model: string, column: string): string {
  return model === column ? column : `${column} (${model})`;
}
