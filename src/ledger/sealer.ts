/**
 * The sealer: commits unsealed events as Merkle batches. Any hub process may run it; a lease
 * in the ledger makes one of them do the work at a time, so writers never wait for it.
 */
import type { Clock } from '@knooppunt/standard';
import { sealBatch } from './chain.ts';
import type { LeaseStore, SealStore } from './port.ts';

/** Options of a sealing pass. */
export interface SealOptions {
  /** Who is sealing (the hub process id). */
  readonly owner: string;
  readonly clock: Clock;
  /** Events per batch at most. @defaultValue 2000 */
  readonly batchSize?: number;
  /** How long the lease lasts. @defaultValue 30 000 ms */
  readonly leaseMs?: number;
}

/** The name of the sealer's lease in the ledger. */
export const SEALER_LEASE = 'sealer';

/**
 * Gives the sealer's lease up when `owner` holds it, so a one-shot sealer (the `knooppunt
 * ledger` commands) does not keep the hubs' sealers waiting for the lease to run out.
 */
export async function releaseSealer(
  ledger: LeaseStore,
  owner: string,
  clock: Clock,
): Promise<void> {
  const now = clock.now().toISOString();
  await ledger.tryLease(SEALER_LEASE, owner, now, now); // expires at once: anyone may take it
}

/** Seals what is pending, batch by batch; returns the number of events sealed. */
export async function sealPending(
  ledger: SealStore & LeaseStore,
  options: SealOptions,
): Promise<number> {
  const { owner, clock, batchSize = 2000, leaseMs = 30_000 } = options;
  let sealed = 0;
  for (;;) {
    const now = clock.now();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    if (!(await ledger.tryLease(SEALER_LEASE, owner, now.toISOString(), until))) return sealed;
    let events = await ledger.unsealedEvents(batchSize);
    // Nothing unsealed, nothing to do: an idle pass reads no seal (on FerretDB, which cannot
    // sort by an index, finding the last seal reads every seal).
    if (events.length === 0) return sealed;
    const previous = await ledger.lastSeal();
    // A crash between writing a seal and marking its events leaves them unmarked: finish that.
    const inPrevious = new Set(previous?.eventIds ?? []);
    const leftOver = events.filter((event) => inPrevious.has(event.eventId));
    if (leftOver.length > 0 && previous !== undefined) {
      await ledger.markSealed(
        leftOver.map((event) => event.eventId),
        previous.batch,
      );
      events = events.filter((event) => !inPrevious.has(event.eventId));
    }
    if (events.length === 0) return sealed;
    const seal = sealBatch((previous?.batch ?? -1) + 1, events, previous, now.toISOString());
    if (!(await ledger.writeSeal(seal))) return sealed; // another sealer got there first
    await ledger.markSealed(seal.eventIds, seal.batch);
    sealed += events.length;
    if (events.length < batchSize) return sealed;
  }
}
