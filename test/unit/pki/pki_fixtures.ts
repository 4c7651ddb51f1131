/**
 * Shared helpers of the PKI tests: temporary folders, running the openssl command line (an
 * independent judge of our certificates) and asserting on Knooppunt error codes. Certificates
 * themselves are built by each suite at test time with the code under test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Context } from 'mocha';
import { KnooppuntError } from '@knooppunt/standard';
import type { ErrorCode } from '@knooppunt/standard';
import { requirePrecondition } from '../../support/preconditions.ts';

/** A fresh folder under the OS temp dir; remove it with `removeTemporaryDir`. */
export function temporaryDir(): string {
  return mkdtempSync(join(tmpdir(), 'knooppunt-pki-'));
}

/** Removes a folder made by `temporaryDir`. */
export function removeTemporaryDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `content` to `dir/name` and returns the path. */
export function writeTemporary(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The result of an openssl run. */
export interface OpensslResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `openssl` with `args` in `cwd`. */
export function openssl(args: readonly string[], cwd?: string): OpensslResult {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Skips (or, in CI, fails) the running test when the openssl command is missing. */
export function requireOpenssl(context: Context): void {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  requirePrecondition(context, probe.status === 0, 'the openssl command line tool');
}

/** Asserts that `action` throws a KnooppuntError with `code`, and returns it. */
export function expectCode(action: () => unknown, code: ErrorCode): KnooppuntError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(KnooppuntError);
    expect((error as KnooppuntError).code).to.equal(code);
    return error as KnooppuntError;
  }
  expect.fail(`expected a KnooppuntError ${code}, but nothing was thrown`);
}
