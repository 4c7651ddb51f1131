/** Waiting with a limit: for calls to the ledger or the broker that may not answer. */

/**
 * Settles as `work` does, or rejects after `ms` with "`what`: no answer within `ms` ms";
 * `work` itself goes on (a promise cannot be stopped) — the caller decides what that means.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    const message = `no answer within ${ms} ms`;
    timer = setTimeout(
      () => reject(new Error(what === undefined ? message : `${what}: ${message}`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
