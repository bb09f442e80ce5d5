/**
 * The validator's hooks for enterprise-register exports (io/validate.ts calls them): the
 * not_placed check, and the load's region and place_* columns. A firm without coordinates and
 * without a region code is placed by its address, else by its credit code's registering
 * authority (docs/ingest.md, "Enterprise registers"); one that neither places is rejected as
 * not_placed, with both reasons in the detail.
 */
import { ident } from '../store/workspace.js';
import type { FieldSpec, KindSpec } from './fields.js';

export { buildRegisterLookup, REGISTER_TYPES } from './register-fields.js';

/** The shape of a validator check (io/validate.ts `Check`). */
interface PlacementCheck { field: string; reason: string; where: string; value?: string; detail?: string; join?: string }

/** SQL of a date-or-year text's year (成立日期 2015-03-12, 2015/3/12, 2015年3月12日, 20150312, 2015.03.12), else of the number. */
export function yearSql(column: string): string {
  const date = `regexp_extract(trim(${column}), '^([0-9]{4})([-/年][0-9]{1,2}([-/月][0-9]{1,2}日?)?([T ].*)?|[.][0-9]{1,2}[.][0-9]{1,2}|[0-9]{4})$', 1)`;
  return `coalesce(TRY_CAST(CASE WHEN length(trim(${column})) > 4 THEN ${date} END AS DOUBLE), TRY_CAST(${column} AS DOUBLE))`;
}

/**
 * `unlocated`: SQL true when the row has no coordinates and no region code. Returns the
 * condition "no address and no credit code either" (for missing_location) and the not_placed check.
 */
export function placementChecks(
  spec: KindSpec, mapping: Map<string, string>, text: (f: FieldSpec) => string, lookup: (f: FieldSpec) => string, unlocated: string,
): { noPlaceText: string; checks: PlacementCheck[] } {
  const field = (n: string): FieldSpec | undefined => (mapping.has(n) ? spec.fields.find((f) => f.name === n) : undefined);
  const addr = field('address');
  const code = field('creditCode');
  const placeText = [addr, code].filter((f): f is FieldSpec => f !== undefined).map(text);
  if (placeText.length === 0) return { noPlaceText: 'true', checks: [] };
  const noPlaceText = placeText.map((t) => `${t} IS NULL`).join(' AND ');
  const codeText = code ? text(code) : 'NULL';
  return {
    noPlaceText,
    checks: [{
      field: addr ? 'address' : 'creditCode', reason: 'not_placed', value: addr ? `coalesce(${text(addr)}, ${codeText}, '')` : `coalesce(${codeText}, '')`,
      where: `${unlocated} AND NOT (${noPlaceText}) AND ${addr ? 'la.region IS NULL' : 'true'} AND ${code ? 'lc.region IS NULL' : 'true'}`,
      detail: `sql:concat_ws('; ', ${addr ? "'address: ' || la.detail" : 'NULL'}, ${code ? "'credit code: ' || coalesce(lc.detail, lc.reason)" : 'NULL'})`,
      join: [addr ? `LEFT JOIN ${lookup(addr)} la ON la.raw = ${text(addr)}` : '', code ? `LEFT JOIN ${lookup(code)} lc ON lc.raw = ${codeText}` : ''].join(' '),
    }],
  };
}

/**
 * Register exports: the region of a firm without one comes from its address, else (without
 * coordinates) from its credit code's registering authority; place_source/level/confidence say
 * which (docs/ingest.md). Edits the load's select and column lists in place.
 */
export function placeColumns(spec: KindSpec, mapping: Map<string, string>, select: string[], columns: string[], text: (f: FieldSpec) => string, alias: (f: FieldSpec) => string): void {
  if (!spec.derived) return;
  const field = (n: string): FieldSpec | undefined => (mapping.has(n) ? spec.fields.find((f) => f.name === n) : undefined);
  const region = field('region');
  const lon = field('lon');
  const addr = field('address');
  const code = field('creditCode');
  const noXY = lon ? `${`p.${ident('n:lon')}`} IS NULL` : 'true';
  const sources: [string, string, string, string][] = []; // condition, source, level, confidence
  if (region) sources.push([`${text(region)} IS NOT NULL`, "'region'", 'NULL', 'NULL']);
  if (lon) sources.push([`NOT ${noXY}`, "'point'", 'NULL', 'NULL']);
  if (addr) sources.push([`${alias(addr)}.region IS NOT NULL`, "'address'", `${alias(addr)}.level`, `${alias(addr)}.confidence`]);
  if (code) sources.push([`${noXY} AND ${alias(code)}.region IS NOT NULL`, "'credit_code'", `${alias(code)}.level`, `${alias(code)}.confidence`]);
  const pick = (k: 1 | 2 | 3): string => (sources.length ? `CASE ${sources.map((s) => `WHEN ${s[0]} THEN ${s[k]}`).join(' ')} END` : 'NULL');
  if (addr || code) {
    const i = columns.indexOf(ident('region'));
    const derivedRegion = [addr ? `${alias(addr)}.region` : '', code ? `CASE WHEN ${noXY} THEN ${alias(code)}.region END` : ''].filter(Boolean);
    select[i] = `coalesce(${[region ? text(region) : '', ...derivedRegion].filter(Boolean).join(', ')})`;
  }
  columns.push(...['place_source', 'place_level', 'place_confidence'].map((c) => ident(c)));
  select.push(pick(1), pick(2), pick(3));
}
