/**
 * Every reader of a user's file checks it first: a directory, FIFO or device given as an input
 * would fail with a stack trace (EISDIR) or block the run forever (a FIFO without a writer).
 */
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../core/errors.js';

/** A regular file (not a directory, FIFO or device, which would fail or block a read). */
export function isRegularFile(file: string): boolean {
  try { return statSync(file).isFile(); } catch { return false; }
}

/** E_FILE (`details.reason` `not_a_file`) when `file` exists and is not a regular file. */
export function refuseNonRegular(file: string, label: string): void {
  if (existsSync(file) && !isRegularFile(file)) {
    throw new InputError('E_FILE', `${label}: not a regular file (a directory, FIFO or device); give the path of a data file`, { file: label, reason: 'not_a_file' });
  }
}

/** E_FILE when `file` is missing (naming where it was looked for) or not a regular file. */
export function checkInputFile(file: string, label: string): void {
  if (!existsSync(file)) throw new InputError('E_FILE', `${label}: file not found (resolved to ${file})`, { file: label });
  refuseNonRegular(file, label);
}
