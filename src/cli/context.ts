/**
 * What every command of the `knooppunt` CLI works with: where it writes, how its action is
 * wrapped (a thrown error becomes `error CODE: message` and an exit code), the environment the
 * configuration is read from, and the signal that stops `knooppunt start`. Injected by
 * `main`, so tests run commands in-process with their own environment and stop signal.
 */
import { loadConfig } from '../config.ts';
import type { HubConfig } from '../config.ts';
import { LedgerError } from '@knooppunt/standard';
import { openLedger, sqliteLedgerPath } from '../hub/hub.ts';
import type { Ledger } from '../ledger/port.ts';
import type { CliIo } from './io.ts';

/** Wraps an action so a thrown error becomes a report and an exit code. */
export type Runner = <A extends unknown[]>(
  action: (...args: A) => Promise<void> | void,
) => (...args: A) => Promise<void>;

/** What `main` may be given beyond the arguments; every field has a default. */
export interface CliOptions {
  /** The environment the configuration is read from. @defaultValue `process.env` */
  readonly env?: NodeJS.ProcessEnv;
  /** Stops `knooppunt start` when aborted (SIGINT and SIGTERM always do). */
  readonly signal?: AbortSignal;
  /** The HTTP client of `knooppunt token`. @defaultValue `globalThis.fetch` */
  readonly fetch?: typeof fetch;
}

/** The context a command group is registered with. */
export interface CliContext {
  readonly io: CliIo;
  readonly run: Runner;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal | undefined;
  readonly fetch: typeof fetch;
}

/** The hub configuration as the command sees it (validated; a bad variable is USAGE_INVALID). */
export function configOf(cli: CliContext): HubConfig {
  return loadConfig(cli.env);
}

/** A one-line description of the configured ledger, without credentials. */
export function describeLedger(config: HubConfig): string {
  if (config.mongodbUrl === undefined) return `SQLite ${sqliteLedgerPath(config)}`;
  // mongodb://user:password@host/… → mongodb://***@host/…: never print a password.
  const url = config.mongodbUrl.replace(/\/\/[^@/]*@/, '//***@');
  const source = {
    MONGODB_DB: 'from MONGODB_DB',
    MONGODB_URL: 'named in MONGODB_URL',
    default: 'the default; neither MONGODB_URL nor MONGODB_DB names one',
  }[config.mongodbDatabaseSource];
  return `MongoDB ${url} (database ${config.mongodbDatabase}, ${source})`;
}

/**
 * Opens the configured ledger, runs `work` on it and closes it again. A ledger that cannot be
 * opened is LEDGER_UNAVAILABLE, naming which one.
 */
export async function withLedger<T>(
  config: HubConfig,
  work: (ledger: Ledger) => Promise<T>,
): Promise<T> {
  let ledger: Ledger | undefined;
  try {
    ledger = openLedger(config, { shortLived: true, besideHub: true });
    await ledger.init();
  } catch (error) {
    await ledger?.close().catch(() => undefined);
    throw new LedgerError(
      'LEDGER_UNAVAILABLE',
      `cannot open the ledger (${describeLedger(config)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return await work(ledger);
  } finally {
    await ledger.close();
  }
}
