/**
 * A worker of `knooppunt start` with several processes: one whole hub (`createHub`, listening on
 * the shared `HOST:PORT`) that tells the primary when it serves, which REST mailboxes got a
 * message here (their OINs, gathered per turn of the event loop), and wakes its own long polls
 * for the mailboxes the others name. It stops cleanly when the primary asks, or on SIGINT or
 * SIGTERM, and then leaves the cluster. The primary printed the banner; a worker prints nothing.
 */
import cluster from 'node:cluster';
import type { HubConfig } from '../config.ts';
import { createHub } from '../hub/hub.ts';
import type { Hub } from '../hub/hub.ts';
import { isPrimaryMessage } from './cluster_ipc.ts';
import type { WorkerMessage } from './cluster_ipc.ts';

/** Gathers the recipients named in one turn of the event loop into one message. */
export class ArrivalBatcher {
  readonly #send: (recipients: readonly string[]) => void;
  readonly #pending = new Set<string>();

  constructor(send: (recipients: readonly string[]) => void) {
    this.#send = send;
  }

  /** A message for `recipient`'s mailbox was stored. */
  add(recipient: string): void {
    if (this.#pending.size === 0) setImmediate(() => this.#flush());
    this.#pending.add(recipient);
  }

  #flush(): void {
    const recipients = [...this.#pending];
    this.#pending.clear();
    if (recipients.length > 0) this.#send(recipients);
  }
}

/** Sends `message` to the primary; resolves once it is handed over (or the channel is gone). */
function tell(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined || !process.connected) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

/**
 * Runs this worker's hub until it is asked to stop. `stopped` resolves with the reason once
 * SIGINT, SIGTERM or the signal passed to it (aborted on the primary's request) asks it to stop.
 * Start-up failures are told to the primary and thrown.
 */
export async function runClusterWorker(
  config: HubConfig,
  stopped: (signal: AbortSignal) => Promise<string>,
  listenError: (error: unknown) => unknown,
): Promise<void> {
  const request = new AbortController();
  let hub: Hub | undefined;
  const onMessage = (message: unknown): void => {
    if (!isPrimaryMessage(message)) return;
    if (message.kind === 'knooppunt:stop') request.abort();
    else for (const recipient of message.recipients) hub?.wakeMailbox(recipient);
  };
  process.on('message', onMessage);
  const arrivals = new ArrivalBatcher(
    (recipients) => void tell({ kind: 'knooppunt:mailbox', recipients }),
  );
  try {
    try {
      hub = await createHub(config, { onMailboxArrival: (oin) => arrivals.add(oin) });
    } catch (error) {
      await failed(error);
      throw error;
    }
    let url: string;
    try {
      url = await hub.listen();
    } catch (error) {
      await hub.stop();
      const reported = listenError(error);
      await failed(reported);
      throw reported;
    }
    await tell({ kind: 'knooppunt:ready', url, hubOin: hub.hubOin });
    await stopped(request.signal);
    await hub.stop();
  } finally {
    process.off('message', onMessage);
    // Leaves the cluster on purpose (the primary does not start it again) and lets the process end.
    if (process.connected) cluster.worker?.disconnect();
  }
}

function failed(error: unknown): Promise<void> {
  const code = (error as { code?: unknown }).code;
  return tell({
    kind: 'knooppunt:failed',
    code: typeof code === 'string' ? code : undefined,
    message: error instanceof Error ? error.message : String(error),
  });
}
