/**
 * The outbound relay: from the ledger's outbox to the recipients' queues. Each hub process
 * holds leases on outbox partitions (`relay:<p>`, renewed while it lives; free ones are taken,
 * so several processes split them and a dead process's partitions move on when its leases run
 * out), reads the accepted, undelivered messages routed over AMQP in its partitions, publishes
 * each to `knooppunt.deliveries` with the recipient's OIN as routing key, and records it as
 * delivered once the broker confirms (https://www.rabbitmq.com/docs/confirms#publisher-confirms).
 *
 * At-least-once: a crash between the confirm and the ledger update publishes the message again
 * later, with the same `message_id`; recipients de-duplicate on it. Two processes never relay
 * the same partition at once, so a ledger entry is not published twice by two relays.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { Ledger } from '../../ledger/port.ts';
import { OUTBOX_PARTITIONS } from '../../ledger/types.ts';
import type { MessageRecord } from '../../ledger/types.ts';
import type { Logger } from '../../ops/logger.ts';
import type { AmqpConnection } from './connection.ts';
import { deliveryBody, deliveryProperties } from './messages.ts';
import { NAMES } from './topology.ts';

/** A publish or ledger call that hangs must not stall the relay: give up and retry. */
const ROUND_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Options of the relay. */
export interface RelayDeps {
  readonly connection: AmqpConnection;
  readonly ledger: Ledger;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Makes sure a recipient's queue exists before the first publish to it. */
  readonly ensureQueue: (oin: string) => Promise<void>;
  /** Time between outbox reads. @defaultValue 250 ms */
  readonly tickMs?: number;
  /** How long a partition lease lasts without renewal (renewed every third). @defaultValue 30 s */
  readonly leaseMs?: number;
  /** Messages read per batch; leases are renewed between batches. @defaultValue 50 */
  readonly batch?: number;
}

/** Relays the outbox of the partitions this process holds. */
export class Relay {
  readonly #deps: RelayDeps;
  /** This process's lease owner name. */
  readonly owner = `relay-${randomUUID()}`;
  #held: number[] = [];
  #leasesRenewedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(deps: RelayDeps) {
    this.#deps = deps;
  }

  /** The partitions this process holds now. */
  get partitions(): readonly number[] {
    return this.#held;
  }

  /** Starts the timer. */
  start(): void {
    this.#stopped = false;
    this.#timer = setInterval(() => this.kick(), this.#deps.tickMs ?? 250);
    this.#timer.unref();
    this.kick();
  }

  /** Runs a round now (or right after the one in progress). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    // A ledger call that never answers must not stop the relay for good.
    this.#running = withTimeout(this.#round(), 2 * ROUND_TIMEOUT_MS)
      .catch((error: unknown) => this.#deps.logger.warn({ err: error }, 'relay round failed'))
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Stops the timer and waits for the round in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }

  async #round(): Promise<void> {
    const { connection, ledger } = this.#deps;
    if (!connection.connected) return;
    await this.#renewLeases();
    if (this.#held.length === 0 || !this.#leasesLive()) return;
    for (;;) {
      const batch = await ledger.findUndelivered('amqp', this.#held, this.#deps.batch ?? 50);
      if (batch.length === 0 || this.#stopped) return;
      const outcomes = await Promise.allSettled(
        batch.map((record) => withTimeout(this.#deliver(record), ROUND_TIMEOUT_MS)),
      );
      const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
      if (failed.length > 0) {
        const { reason } = failed[0] as PromiseRejectedResult;
        this.#deps.logger.warn({ failed: failed.length, err: reason }, 'relay: retry next round');
        return;
      }
      // Nothing moved on (another writer owns these states): wait for the next tick.
      if (!outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value)) return;
      await this.#renewLeases();
      if (!this.#leasesLive()) return;
    }
  }

  /** False once the last renewal is older than a lease: another process may hold them now. */
  #leasesLive(): boolean {
    const age = this.#deps.clock.now().getTime() - this.#leasesRenewedAt;
    return age < (this.#deps.leaseMs ?? 30_000);
  }

  /** Takes or renews the partition leases (all at once), at most every third of the lease time. */
  async #renewLeases(): Promise<void> {
    const leaseMs = this.#deps.leaseMs ?? 30_000;
    const now = this.#deps.clock.now();
    if (now.getTime() - this.#leasesRenewedAt < leaseMs / 3) return;
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const partitions = Array.from({ length: OUTBOX_PARTITIONS }, (_, p) => p);
    // A lease the ledger could not answer for (busy) is simply not held this time.
    const won = await Promise.allSettled(
      partitions.map((p) =>
        this.#deps.ledger.tryLease(`relay:${p}`, this.owner, now.toISOString(), until),
      ),
    );
    this.#held = partitions.filter((p) => {
      const outcome = won[p];
      return outcome?.status === 'fulfilled' && outcome.value;
    });
    this.#leasesRenewedAt = now.getTime();
  }

  /** Publishes one message; true when this call recorded it as delivered. */
  async #deliver(record: MessageRecord): Promise<boolean> {
    const { connection, ledger, clock } = this.#deps;
    await this.#deps.ensureQueue(record.recipient);
    await connection.publish(
      NAMES.deliveriesExchange,
      record.recipient,
      deliveryBody(record),
      deliveryProperties(record),
    );
    const deliveredAt = clock.now().toISOString();
    return ledger.updateMessage(record.messageId, {
      fromStatus: ['accepted'],
      set: { status: 'delivered', deliveredAt },
      event: {
        subject: record.messageId,
        type: 'delivered',
        at: deliveredAt,
        data: { transport: 'amqp' },
      },
    });
  }
}
