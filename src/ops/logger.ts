/**
 * Structured logging (pino, JSON lines). Log lines carry ids, types, OINs, codes and timings —
 * never payload content and never a BSN; as a second line of defence the logger censors any
 * field named `payload`, `bsn` or `body` wherever it appears.
 */
import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/** A JSON logger at `level` writing to `destination` (stdout by default). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'knooppunt' },
    redact: {
      paths: ['payload', '*.payload', 'bsn', '*.bsn', '*.*.bsn', 'body', '*.body'],
      censor: '[not logged]',
    },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}

/** A logger that drops everything (tests, CLI one-shots). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
