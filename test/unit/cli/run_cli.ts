/**
 * Runs the `knooppunt` CLI in-process for tests, with its own environment (never the test
 * process's, so a MONGODB_URL in the shell cannot leak in) and captured output.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.ts';
import type { CliOptions } from '../../../src/cli/main.ts';

/** What one run printed and returned. */
export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `knooppunt <args>` with `options` (env, stop signal, fetch). */
export async function knooppunt(options: CliOptions, ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['node', 'knooppunt', ...args],
    { out: (text) => out.push(text), err: (text) => err.push(text) },
    options,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fresh data folder and an environment that points the CLI at it (embedded SQLite). */
export function freshEnvironment(extra: NodeJS.ProcessEnv = {}): {
  dataDir: string;
  env: NodeJS.ProcessEnv;
} {
  const dataDir = mkdtempSync(join(tmpdir(), 'knooppunt-cli-'));
  return { dataDir, env: { KNOOPPUNT_DATA_DIR: dataDir, KNOOPPUNT_LOG_LEVEL: 'silent', ...extra } };
}
