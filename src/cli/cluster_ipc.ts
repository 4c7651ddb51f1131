/**
 * What the processes of `knooppunt start` with `KNOOPPUNT_PROCESSES` above 1 say to each other
 * over node:cluster's IPC channel: a worker says it serves (or why it could not start) and
 * which REST mailboxes got a message; the primary relays those to the other workers and asks
 * them to stop. Never anything of a message but its recipient's OIN.
 */

/** A worker listens: the base URL it serves and the hub's OIN (for the primary's banner). */
export interface WorkerReady {
  readonly kind: 'knooppunt:ready';
  readonly url: string;
  readonly hubOin: string;
}

/** A worker could not start: the error's code (when it has one) and message. */
export interface WorkerFailed {
  readonly kind: 'knooppunt:failed';
  readonly code: string | undefined;
  readonly message: string;
}

/** Messages for these recipients' REST mailboxes were stored (worker → primary → workers). */
export interface MailboxArrivals {
  readonly kind: 'knooppunt:mailbox';
  readonly recipients: readonly string[];
}

/** The primary asks a worker to stop as on SIGTERM (`hub.stop()`), then to exit. */
export interface StopRequest {
  readonly kind: 'knooppunt:stop';
}

/** What a worker sends the primary. */
export type WorkerMessage = WorkerReady | WorkerFailed | MailboxArrivals;

/** What the primary sends a worker. */
export type PrimaryMessage = StopRequest | MailboxArrivals;

const WORKER_KINDS: ReadonlySet<string> = new Set([
  'knooppunt:ready',
  'knooppunt:failed',
  'knooppunt:mailbox',
]);
const PRIMARY_KINDS: ReadonlySet<string> = new Set(['knooppunt:stop', 'knooppunt:mailbox']);

function kindOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : undefined;
}

/** Whether `value` is one of the messages a worker sends (others on the channel are ignored). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  return WORKER_KINDS.has(kindOf(value) ?? '');
}

/** Whether `value` is one of the messages the primary sends. */
export function isPrimaryMessage(value: unknown): value is PrimaryMessage {
  return PRIMARY_KINDS.has(kindOf(value) ?? '');
}
