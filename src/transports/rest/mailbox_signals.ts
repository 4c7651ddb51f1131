/**
 * Wakes long-polling mailbox requests (`GET /v1/mailbox?wait=`) of this process when a
 * message for their participant is accepted here, or when another process of the same
 * `knooppunt start` says it accepted one (`Hub.wakeMailbox`, relayed by the cluster's
 * primary). Messages accepted by any other hub process are found by the waiting request's own
 * periodic re-read of the ledger.
 */
export class MailboxSignals {
  readonly #waiting = new Map<string, Set<() => void>>();
  #closed = false;

  /** Whether the hub is stopping (no request waits any more). */
  get closed(): boolean {
    return this.#closed;
  }

  /** The hub stops: every waiting request answers now with what it has, and so will new ones. */
  close(): void {
    this.#closed = true;
    for (const oin of [...this.#waiting.keys()]) this.notify(oin);
  }

  /** Wakes every request waiting on `oin`'s mailbox. */
  notify(oin: string): void {
    const waiting = this.#waiting.get(oin);
    if (waiting === undefined) return;
    this.#waiting.delete(oin);
    for (const wake of waiting) wake();
  }

  /** Resolves when `oin`'s mailbox is notified, after `ms`, or when `signal` aborts. */
  wait(oin: string, ms: number, signal: AbortSignal): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        const waiting = this.#waiting.get(oin);
        waiting?.delete(done);
        if (waiting?.size === 0) this.#waiting.delete(oin);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      let waiting = this.#waiting.get(oin);
      if (waiting === undefined) this.#waiting.set(oin, (waiting = new Set()));
      waiting.add(done);
    });
  }
}
