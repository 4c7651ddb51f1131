/**
 * Which failures of the MongoDB driver mean "the server cannot be reached just now" — the ones
 * the driver's own retry logic counts as transient (Retryable Reads / Retryable Writes
 * specifications, https://github.com/mongodb/specifications/blob/master/source/retryable-reads/retryable-reads.md):
 * a network error (refused, reset, a cleared pool), no server selectable within
 * `serverSelectionTimeoutMS`, and the server codes of a node shutting down or a primary
 * stepping down. Everything else (a duplicate key, a bad query) is a real error of its own.
 */
import { MongoError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';

/** Server error codes of a node that is going away or not primary (driver: RETRYABLE_READ_ERROR_CODES). */
const UNREACHABLE_CODES: ReadonlySet<number> = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  134, // ReadConcernMajorityNotAvailableYet
]);

/** Whether a driver error means the server is away for now (a retry later may succeed). */
export function isMongoUnreachable(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  return error instanceof MongoError && typeof error.code === 'number'
    ? UNREACHABLE_CODES.has(error.code)
    : false;
}
