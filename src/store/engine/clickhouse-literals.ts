/**
 * ClickHouse literals and names, escaped (no package imports: the DuckDB path loads this through
 * the plan compiler without loading the ClickHouse client). Query parameters are not supported by
 * ClickHouse 18.16, so every literal of our SQL is written by these functions.
 */
import { InputError } from '../../core/errors.js';

/** A ClickHouse string literal: every byte that could end or bend the literal is escaped. */
export function chString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\0/g, '\\0')}'`;
}

/** A finite number as a ClickHouse literal (NaN/±∞ refused: they have no safe literal). */
export function chNumber(value: number): string {
  if (!Number.isFinite(value)) throw new InputError('E_OPTION', `not a finite number: ${value}`, { value });
  return Number.isInteger(value) ? String(value) : value.toPrecision(17);
}

/** A quoted identifier (database, table, column names we generate or check). */
export function chIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InputError('E_OPTION', `not a valid ClickHouse name: ${JSON.stringify(name)}`, { value: name });
  return `\`${name}\``;
}

