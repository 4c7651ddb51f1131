/**
 * The command line's input and output: where text goes, how errors are reported (the stable
 * code first, so scripts can match on it) and the exit codes.
 */
import { readFileSync } from 'node:fs';
import { HubError } from '@knooppunt/sdk';
import { KnooppuntError, parseStrictJson, SchemaError, UsageError } from '@knooppunt/standard';

/** Exit codes of the `knooppunt` command. */
export const EXIT = {
  ok: 0,
  /** The input was judged and found wanting (invalid signature, schema, …). */
  rejected: 1,
  /** The command was called wrongly. */
  usage: 2,
  /** Something unexpected failed. */
  internal: 3,
} as const;

/** Where the CLI writes; injected so tests can capture it. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Writes to the process's stdout and stderr. */
export const processIo: CliIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
};

/** Reports an error on stderr as `error CODE: message` (+ one line per schema violation). */
export function reportError(io: CliIo, error: unknown): number {
  // A HubError is a KnooppuntError too; it is reported first, with the hub's reasons.
  if (error instanceof HubError) {
    // The hub judged the request: its stable code, and every reason of a rejected message.
    io.err(`error ${error.code}: ${error.problem.detail ?? error.problem.title ?? error.message}`);
    for (const reason of error.problem.reasons ?? []) {
      if (reason.code !== error.code || error.problem.reasons?.length !== 1) {
        io.err(`  ${reason.code}: ${reason.detail ?? ''}`);
      }
    }
    return error.status >= 500 ? EXIT.internal : EXIT.rejected;
  }
  if (error instanceof KnooppuntError) {
    io.err(`error ${error.code}: ${error.message}`);
    if (error instanceof SchemaError) {
      for (const violation of error.violations) {
        io.err(`  ${violation.instancePath || '/'} ${violation.keyword}: ${violation.message}`);
      }
    }
    return error instanceof UsageError ? EXIT.usage : EXIT.rejected;
  }
  io.err(`error INTERNAL: ${error instanceof Error ? error.message : String(error)}`);
  return EXIT.internal;
}

/** Reads and parses a JSON file; a UsageError says which file and why. */
export function readJsonFile(path: string): unknown {
  const text = readTextFile(path);
  try {
    // The one strict reader (I-JSON), as for every byte that enters Knooppunt.
    return parseStrictJson(text, { malformed: 'FILE_UNREADABLE' });
  } catch (error) {
    throw new UsageError('FILE_UNREADABLE', `${path} is not I-JSON: ${(error as Error).message}`);
  }
}

/** Reads a text file; a UsageError says which file could not be read. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError('FILE_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
