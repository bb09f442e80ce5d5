/** Shared by the test/safety-*.test.ts files of issue 15. */
import { InputError } from '../src/core/errors.js';

/** The code and details of the InputError that `p` rejects with (any other outcome fails the test). */
export async function codeOf(p: Promise<unknown>): Promise<{ code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected an InputError');
}
