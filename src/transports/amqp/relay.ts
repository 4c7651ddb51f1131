/**
 * The outbound relay: from the ledger's outbox to the recipients' queues. The outbox is split
 * into OUTBOX_PARTITIONS partitions by recipient; a process relays a partition only while it
 * holds its lease (`relay:<p>`). Every relay also holds a membership lease
 * (`relay-member:<owner>`), and the live members share the partitions: each takes free ones up
 * to its fair share (partitions ÷ members, rounded up) and gives back what it holds beyond that,
 * so a second hub process gets half within a renewal period, and a dead process's partitions
 * move on when its leases run out.
 *
 * For each held partition it reads the accepted, undelivered messages routed over AMQP,
 * publishes each to `knooppunt.deliveries` with the recipient's OIN as routing key, and records
 * it as delivered once the broker confirms
 * (https://www.rabbitmq.com/docs/confirms#publisher-confirms).
 *
 * At-least-once: a crash between the confirm and the ledger update publishes the message again
 * later, with the same `message_id`; recipients de-duplicate on it. Without a crash, each entry
 * is published once:
 * - two processes never relay the same partition at once (a partition is given back only
 *   between batches and with no delivery of it under way);
 * - one process runs one round at a time. A round is bounded — it ends after `roundMs` at the
 *   next batch boundary, and every ledger call and delivery in it has a timeout — and the next
 *   round starts only when it has ended. A delivery that outlives its timeout stays marked in
 *   flight until it settles, and a settled delivery stays marked until an outbox read that began
 *   after it settled: a read begun earlier may still show the entry undelivered.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { attachmentReferences, NAMES } from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { AttachmentStore } from '../../ledger/attachments.ts';
import type { LeaseStore, MessageStore, MessageUpdate } from '../../ledger/port.ts';
import { OUTBOX_PARTITIONS } from '../../ledger/types.ts';
import type { MessageRecord } from '../../ledger/types.ts';
import { delivery } from '../../lifecycle/transitions.ts';
import type { Logger } from '../../ops/logger.ts';
import { withTimeout } from '../../ops/timeout.ts';
import { attachmentDeliveryProperties } from './attachments.ts';
import type { AmqpConnection } from './connection.ts';
import { deliveryBody, deliveryProperties } from './messages.ts';

/** Lease names: a partition of the outbox, and a relay's membership. */
const PARTITION_LEASE = 'relay:';
const MEMBER_LEASE = 'relay-member:';
/** The prefix both kinds of lease share. */
const RELAY_LEASES = 'relay';
const partitionLease = (p: number): string => `${PARTITION_LEASE}${p}`;
const ALL_PARTITIONS = Array.from({ length: OUTBOX_PARTITIONS }, (_, p) => p);

/** Options of the relay. */
export interface RelayDeps {
  readonly connection: AmqpConnection;
  readonly ledger: MessageStore & LeaseStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Makes sure a recipient's queue exists before the first publish to it. */
  readonly ensureQueue: (oin: string) => Promise<void>;
  /**
   * Time between outbox reads while there is work; each empty read doubles it up to
   * `idleMs`, and a kick (a message accepted by this process) reads at once.
   * @defaultValue 250 ms
   */
  readonly tickMs?: number;
  /** Longest time between outbox reads when idle. @defaultValue 2000 ms */
  readonly idleMs?: number;
  /** How long a partition lease lasts without renewal (renewed every third). @defaultValue 30 s */
  readonly leaseMs?: number;
  /** Messages read per batch; leases are renewed between batches. @defaultValue 50 */
  readonly batch?: number;
  /**
   * Deliveries a round keeps unsettled at most: the next batch is read while the previous one
   * waits for its confirms. @defaultValue twice `batch`
   */
  readonly window?: number;
  /**
   * How long one round keeps taking batches; it ends at the first batch boundary after this,
   * and the next round starts once it has. @defaultValue 30 s
   */
  readonly roundMs?: number;
  /**
   * How long a ledger call or one delivery (publish, confirm, ledger update) may take before
   * the round stops waiting for it; a delivery given up stays in flight. @defaultValue 30 s
   */
  readonly callTimeoutMs?: number;
  /** A delivery in flight this long is taken as lost and may be tried again. @defaultValue 300 s */
  readonly giveUpMs?: number;
  /** Called when a delivery was recorded. */
  readonly onMoved?: (record: MessageRecord, update: MessageUpdate) => void;
  /** A message's documents (standard 2.1), delivered just before it. @defaultValue none */
  readonly attachments?: Pick<AttachmentStore, 'readAttachment'>;
}

/**
 * A message this relay is delivering or has just delivered. `settledAt` is the number of outbox
 * reads begun when the delivery settled: a read with a higher number began after it and sees
 * its ledger update, so the mark can go.
 */
interface Flight {
  readonly since: number;
  readonly partition: number;
  settledAt?: number;
}

/** Relays the outbox of the partitions this process holds. */
export class Relay {
  readonly #deps: RelayDeps;
  /** This process's lease owner name. */
  readonly owner = `relay-${randomUUID()}`;
  #held: number[] = [];
  /**
   * Partitions taken over from another relay, with the time from which this one relays them:
   * a third of the lease later, so the ledger writes of the previous holder's last batch land
   * before this relay reads the outbox of those partitions.
   */
  readonly #readyAt = new Map<number, number>();
  /** Who held which partition lease at the previous renewal. */
  #lastHolders = new Map<string, string>();
  /** Deliveries under way or settled too recently to trust an outbox read (see Flight). */
  readonly #inFlight = new Map<string, Flight>();
  /**
   * Messages the broker confirmed whose delivery the ledger did not take (→ when): a later
   * round records them without publishing them again. Forgotten after `giveUpMs`.
   */
  readonly #published = new Map<string, number>();
  /** Outbox reads begun so far. */
  #reads = 0;
  #leasesRenewedAt = 0;
  #timer: NodeJS.Timeout | undefined;
  /** The wait before the next outbox read. */
  #delay = 0;
  /** The round in progress: there is never more than one. */
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

  /** Starts reading the outbox. */
  start(): void {
    this.#stopped = false;
    this.kick();
  }

  /** Runs a round now, or right after the one in progress ends. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#round()
      .catch((error: unknown) => {
        this.#deps.logger.warn({ err: error }, 'relay round failed');
        return false;
      })
      .then((moved) => {
        const tick = this.#deps.tickMs ?? 250;
        // Polling an empty outbox is a query per tick on every hub: back off while idle.
        this.#delay = moved ? tick : Math.min(Math.max(tick, 2 * this.#delay), this.#idleMs);
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.kick();
        } else if (!this.#stopped) {
          this.#timer = setTimeout(() => this.kick(), this.#delay);
          this.#timer.unref();
        }
      });
  }

  get #idleMs(): number {
    return this.#deps.idleMs ?? 2000;
  }

  /** Messages read per batch (`batch`). */
  get #batch(): number {
    return this.#deps.batch ?? 50;
  }

  get #callTimeoutMs(): number {
    return this.#deps.callTimeoutMs ?? 30_000;
  }

  /** A ledger call the round waits for at most `callTimeoutMs`. */
  #call<T>(work: Promise<T>, what: string): Promise<T> {
    return withTimeout(work, this.#callTimeoutMs, what);
  }

  /**
   * Stops the timer, waits for the round in progress and gives the leases back (all but those
   * of partitions with a delivery still under way), so that the other hub processes take this
   * one's partitions at their next renewal rather than when the leases run out.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    const { ledger, clock } = this.#deps;
    const at = clock.now().toISOString();
    // A partition with a delivery still under way (given up by its round) is left to lapse:
    // handed over now, its successor could publish the same entry.
    const busy = this.#busyPartitions();
    const names = [
      ...this.#held.filter((p) => !busy.has(p)).map(partitionLease),
      `${MEMBER_LEASE}${this.owner}`,
    ];
    this.#held = [];
    await Promise.allSettled(
      names.map((name) => this.#call(ledger.tryLease(name, this.owner, at, at), 'lease release')),
    );
  }

  /**
   * One round: relays batches of the held partitions' outbox until it is empty, the round's
   * time is up or the relay stops; true if any message moved. Pipelined: the next batch is read
   * while the previous one's publishes wait for their confirms and ledger updates (the read
   * leaves out what is in flight), up to `window` deliveries unsettled; the round ends once
   * every delivery it began has settled.
   */
  async #round(): Promise<boolean> {
    const { connection } = this.#deps;
    if (!connection.connected) return false;
    const endAt = performance.now() + (this.#deps.roundMs ?? 30_000);
    await this.#renewLeases();
    if (!this.#leasesLive()) return false;
    const batchSize = this.#batch;
    const window = Math.max(batchSize, this.#deps.window ?? 2 * batchSize);
    const pending = new Set<Promise<void>>();
    /** Deliveries of this round that settled without moving their message (another writer's). */
    const unmoved = new Set<string>();
    let moved = false;
    let failed = 0;
    let failure: unknown;
    try {
      while (!this.#stopped && failed === 0 && performance.now() < endAt) {
        const batch = await this.#readOutbox();
        // What this round already published and could not move is not published again in it.
        const fresh = (batch ?? []).filter((record) => !unmoved.has(record.messageId));
        if (fresh.length === 0) break;
        for (const record of fresh) {
          const delivering: Promise<void> = withTimeout(
            this.#track(record),
            this.#callTimeoutMs,
            `delivery of ${record.messageId}`,
          )
            .then(
              (done) => {
                if (done) moved = true;
                else unmoved.add(record.messageId);
              },
              (error: unknown) => {
                failed += 1;
                failure ??= error;
              },
            )
            .finally(() => pending.delete(delivering));
          pending.add(delivering);
        }
        // Room for the next batch before it is read.
        while (pending.size > window - batchSize && failed === 0) await Promise.race(pending);
        await this.#renewLeases();
        if (!this.#leasesLive()) break;
      }
    } finally {
      await Promise.allSettled(pending);
    }
    if (failed > 0) this.#deps.logger.warn({ failed, err: failure }, 'relay: retry next round');
    return moved;
  }

  /**
   * The next batch of the ready partitions' outbox, without the messages this relay is
   * delivering or delivered after the read began; undefined when no partition is ready.
   */
  async #readOutbox(): Promise<MessageRecord[] | undefined> {
    const now = this.#deps.clock.now().getTime();
    const ready = this.#held.filter((p) => (this.#readyAt.get(p) ?? 0) <= now);
    if (ready.length === 0) return undefined;
    this.#reads += 1;
    const read = this.#reads;
    const batch = this.#batch;
    // The oldest entries are often this relay's own deliveries waiting for their ledger
    // updates: read past as many as are marked, so that a batch is a batch of new work (with
    // only `batch` rows, a pipelined round found mostly its own flights and fell behind).
    const found = await this.#call(
      this.#deps.ledger.findUndelivered('amqp', ready, batch + this.#inFlight.size),
      'outbox read',
    );
    this.#forgetSettledBefore(read);
    return found.filter((record) => !this.#inFlight.has(record.messageId)).slice(0, batch);
  }

  /**
   * Drops the marks of deliveries that settled before read `read` began (that read saw their
   * ledger updates) and of deliveries in flight so long that they are taken as lost.
   */
  #forgetSettledBefore(read: number): void {
    const giveUpBefore = performance.now() - (this.#deps.giveUpMs ?? 300_000);
    for (const [messageId, flight] of this.#inFlight) {
      // A settled delivery goes by when it settled only; giving up is for one still running.
      const gone =
        flight.settledAt === undefined ? flight.since < giveUpBefore : flight.settledAt < read;
      if (gone) this.#inFlight.delete(messageId);
    }
    for (const [messageId, at] of this.#published) {
      if (at < giveUpBefore) this.#published.delete(messageId);
    }
  }

  /**
   * Whether this relay may still publish under its leases: only in the first two thirds of a
   * lease since its last renewal. The last third is for the ledger writes of what it published
   * to land before the lease can pass to another relay (which then waits another third).
   */
  #leasesLive(): boolean {
    const age = this.#deps.clock.now().getTime() - this.#leasesRenewedAt;
    return age < ((this.#deps.leaseMs ?? 30_000) * 2) / 3;
  }

  /**
   * Renews membership and this process's share of the partition leases, at most every third of
   * the lease time: keeps up to the fair share, gives back the surplus, takes free partitions.
   */
  async #renewLeases(): Promise<void> {
    const { ledger, clock } = this.#deps;
    const leaseMs = this.#deps.leaseMs ?? 30_000;
    const now = clock.now();
    if (this.#stopped || now.getTime() - this.#leasesRenewedAt < leaseMs / 3) return;
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    await this.#call(
      ledger.tryLease(`${MEMBER_LEASE}${this.owner}`, this.owner, at, until),
      'membership lease',
    );
    // One read for both kinds of lease ('relay:' and 'relay-member:' share the prefix).
    const leases = await this.#call(ledger.liveLeases(RELAY_LEASES, at), 'lease read');
    if (this.#stopped) return; // stop() has given the leases back meanwhile
    const members = leases.filter((lease) => lease.name.startsWith(MEMBER_LEASE)).length;
    const share = Math.ceil(OUTBOX_PARTITIONS / Math.max(1, members));
    const holders = new Map(
      leases
        .filter((lease) => lease.name.startsWith(PARTITION_LEASE))
        .map((lease) => [lease.name, lease.owner]),
    );
    const mine = ALL_PARTITIONS.filter((p) => holders.get(partitionLease(p)) === this.owner);
    const busy = this.#busyPartitions();
    // Beyond the share, a partition with a delivery under way is kept until it is done.
    const keep = mine.filter((p, i) => i < share || busy.has(p));
    const surplus = mine.filter((p) => !keep.includes(p));
    // Free partitions, starting at a place of our own so that newcomers spread out.
    const offset = Number.parseInt(this.owner.slice(-4), 16) % OUTBOX_PARTITIONS;
    const free = ALL_PARTITIONS.map((_, i) => (i + offset) % OUTBOX_PARTITIONS).filter(
      (p) => !holders.has(partitionLease(p)),
    );
    const wanted = [...keep, ...free.slice(0, Math.max(0, share - keep.length))];
    await Promise.allSettled(
      surplus.map((p) =>
        this.#call(ledger.tryLease(partitionLease(p), this.owner, at, at), 'lease release'),
      ),
    );
    // A lease the ledger could not answer for (busy, or not in time) is not held this time.
    const won = await Promise.allSettled(
      wanted.map((p) =>
        this.#call(ledger.tryLease(partitionLease(p), this.owner, at, until), 'partition lease'),
      ),
    );
    const held = wanted
      .filter((_, i) => {
        const outcome = won[i];
        return outcome?.status === 'fulfilled' && outcome.value;
      })
      .sort((a, b) => a - b);
    for (const p of held) {
      if (this.#held.includes(p)) continue;
      const previous = this.#lastHolders.get(partitionLease(p));
      if (previous !== undefined && previous !== this.owner) {
        this.#readyAt.set(p, now.getTime() + leaseMs / 3);
      }
    }
    for (const p of this.#readyAt.keys()) if (!held.includes(p)) this.#readyAt.delete(p);
    this.#held = held;
    this.#lastHolders = holders;
    this.#leasesRenewedAt = now.getTime();
  }

  /** Delivers a message, marked in flight until the delivery itself (not a timeout) settles. */
  #track(record: MessageRecord): Promise<boolean> {
    const flight: Flight = { since: performance.now(), partition: record.partition };
    this.#inFlight.set(record.messageId, flight);
    return this.#deliver(record).finally(() => {
      flight.settledAt = this.#reads;
    });
  }

  /** Partitions with a delivery under way. */
  #busyPartitions(): Set<number> {
    return new Set(
      [...this.#inFlight.values()]
        .filter((flight) => flight.settledAt === undefined)
        .map((flight) => flight.partition),
    );
  }

  /**
   * Puts the message's documents on the recipient's queue ahead of it, so a consumer has them
   * when the message arrives. A document missing from the ledger is left out: the recipient's
   * digest check of the references tells it so.
   */
  async #deliverAttachments(record: MessageRecord): Promise<void> {
    const store = this.#deps.attachments;
    if (store === undefined) return;
    for (const { sha256 } of attachmentReferences(record.payload)) {
      const stored = await store.readAttachment(record.messageId, sha256);
      if (stored === undefined) continue;
      await this.#deps.connection.publish(
        NAMES.deliveriesExchange,
        record.recipient,
        stored.content,
        attachmentDeliveryProperties(record.messageId, stored, record.receivedAt),
      );
    }
  }

  /** Publishes one message; true when this call recorded it as delivered. */
  async #deliver(record: MessageRecord): Promise<boolean> {
    const { connection, ledger, clock } = this.#deps;
    await this.#deps.ensureQueue(record.recipient);
    // A slow batch must not publish into the last third of the lease (see #leasesLive): what
    // is left waits for the next round, after a renewal.
    if (!this.#leasesLive() || !this.#held.includes(record.partition)) return false;
    // Confirmed by the broker before and not recorded (the message's `received` event was not
    // chained yet: its writer was between its two writes when the outbox was read): recorded
    // now, not published again.
    if (!this.#published.has(record.messageId)) {
      await this.#deliverAttachments(record);
      await connection.publish(
        NAMES.deliveriesExchange,
        record.recipient,
        deliveryBody(record),
        deliveryProperties(record),
      );
      this.#published.set(record.messageId, performance.now());
    }
    const update = delivery(record.messageId, clock.now(), 'amqp');
    const moved = await ledger.updateMessage(record.messageId, update);
    if (moved) {
      this.#published.delete(record.messageId);
      this.#deps.onMoved?.(record, update);
    }
    return moved;
  }
}
