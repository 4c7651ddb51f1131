/**
 * Preconditions of tests that need something outside the repository (a service, a file of
 * shared/). In CI (`CI=true`) a missing precondition fails the test with what is missing;
 * elsewhere the test is skipped and mocha prints why — never silently.
 */
import type { Context } from 'mocha';

/** Fails (CI) or skips (elsewhere) the running test when `ok` is false. */
export function requirePrecondition(context: Context, ok: boolean, missing: string): void {
  if (ok) return;
  if (process.env['CI'] === 'true') throw new Error(`precondition missing in CI: ${missing}`);
  console.warn(`      skipped: ${missing}`);
  context.skip();
}
