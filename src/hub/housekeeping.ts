/**
 * Housekeeping of the ledger, run on timers by every hub process (work is claimed per message
 * by conditional updates and per batch by the sealer's lease, so processes do not collide):
 *
 * - seal: commit unsealed events as Merkle batches (every second);
 * - expire: a message nobody picked up within 5 working days is expired, its payload dropped,
 *   and its sender gets a hub-signed `verloopmelding` where it takes its messages — its REST
 *   mailbox or its AMQP queue (DOMAIN.md);
 * - retention: a payload is dropped `retentionDays` after pickup, with its attachments
 *   (standard 2.1); metadata and digests stay;
 * - claims: one-time claims (client assertions' `jti`s) are forgotten once expired, so their
 *   table does not grow with every token issued; attachment uploads no message took are
 *   forgotten when their time is up.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  attachmentReferences,
  EXPIRY_NOTICE_TYPE,
  EXPIRY_NOTICE_VERSION,
  isTransientError,
  signMessage,
} from '@knooppunt/standard';
import type { Clock, ReceiptSigner, Signer } from '@knooppunt/standard';
import type { ClaimStore, LeaseStore, MessageStore, SealStore } from '../ledger/port.ts';
import type { AttachmentStore } from '../ledger/attachments.ts';
import { sealPending } from '../ledger/sealer.ts';
import type { MessageRecord } from '../ledger/types.ts';
import {
  acceptanceClaims,
  acceptedRecord,
  expiry,
  payloadDrop,
  receivedEvent,
  senderNotification,
} from '../lifecycle/index.ts';
import type { Logger } from '../ops/logger.ts';
import type { Participant } from '../participants/types.ts';

/** What housekeeping works with. */
export interface HousekeepingDeps {
  readonly ledger: MessageStore &
    SealStore &
    LeaseStore &
    Pick<ClaimStore, 'sweepClaims'> & {
      readonly attachments: Pick<AttachmentStore, 'dropAttachments' | 'sweepUploads'>;
    };
  readonly clock: Clock;
  readonly logger: Logger;
  readonly receipts: ReceiptSigner;
  readonly hubSigner: Signer;
  readonly hubOin: string;
  /**
   * Looks a participant up, for the route of a notice to it: its AMQP queue (through the
   * relay) or its REST mailbox, as it takes its other messages.
   */
  readonly participants: { get(oin: string): Promise<Participant | undefined> };
  /** Called after a notice is stored, to hand it to the router (as the pipeline's onAccepted). */
  readonly onNotice?: (record: MessageRecord) => void;
  /** Working days an expiry notice waits for its recipient (the sender). @defaultValue 5 */
  readonly expiryWorkingDays?: number;
  /** Development and test hubs: seconds it waits instead (KNOOPPUNT_EXPIRY_SECONDS). */
  readonly expirySeconds?: number;
  /** This process's name for leases. @defaultValue a random id */
  readonly owner?: string;
  /** @defaultValue 1000 ms */
  readonly sealIntervalMs?: number;
  /** @defaultValue 60 000 ms */
  readonly purgeIntervalMs?: number;
}

/** What one pass did. */
export interface HousekeepingReport {
  readonly sealed: number;
  readonly expired: number;
  readonly dropped: number;
}

/** The housekeeping timers and the passes they run. */
export class Housekeeping {
  readonly #deps: HousekeepingDeps;
  readonly #owner: string;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  /** Passes under way, so stop() can wait for them. */
  readonly #passes = new Set<Promise<unknown>>();
  /** Counts starts and stops; a timer chain runs only within its own start. */
  #generation = 0;

  constructor(deps: HousekeepingDeps) {
    this.#deps = deps;
    this.#owner = deps.owner ?? `hub-${randomUUID()}`;
  }

  /** Starts the timers (unref'd: they never keep the process alive). */
  start(): void {
    this.#generation += 1;
    const seal = this.#deps.sealIntervalMs ?? 1000;
    // Sealing backs off while there is nothing to seal (up to ten intervals): on an idle hub
    // its query would otherwise run every second for nothing.
    this.#every('seal', seal, 10 * seal, () => this.seal());
    const purge = this.#deps.purgeIntervalMs ?? 60_000;
    this.#every('purge', purge, purge, async () => {
      const { expired, dropped, claims } = await this.purge();
      return expired + dropped + claims;
    });
  }

  /**
   * Runs `task` every `ms` while it finds work, and after an idle pass waits twice as long
   * (at most `idleMs`). A pass is never joined by a second one: a pass that outlasts its
   * interval (a slow or busy ledger) would otherwise get company fighting over the same work.
   */
  #every(name: string, ms: number, idleMs: number, task: () => Promise<number>): void {
    let delay = ms;
    // A pass still running when stop() (and perhaps start()) came ends its chain: only the
    // timers of the current start go on.
    const generation = this.#generation;
    const run = (): void => {
      const pass = task()
        .catch((error: unknown) => {
          if (isTransientError(error)) {
            // The ledger away or full: expected in an outage, tried again next pass; no stack.
            this.#deps.logger.warn({ code: error.code, task: name }, 'housekeeping deferred');
          } else {
            this.#deps.logger.error({ err: error, task: name }, 'housekeeping failed');
          }
          return 0;
        })
        .then((done) => {
          delay = done > 0 ? ms : Math.min(2 * delay, idleMs);
          if (generation !== this.#generation) return;
          const timer = setTimeout(run, delay);
          timer.unref();
          this.#timers.set(name, timer);
        })
        .finally(() => this.#passes.delete(pass));
      this.#passes.add(pass);
    };
    const timer = setTimeout(run, delay);
    timer.unref();
    this.#timers.set(name, timer);
  }

  /** Stops the timers; resolves when the passes under way have ended. */
  async stop(): Promise<void> {
    this.#generation += 1;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#passes]);
  }

  /** Seals pending events. */
  seal(): Promise<number> {
    return sealPending(this.#deps.ledger, { owner: this.#owner, clock: this.#deps.clock });
  }

  /** One full pass: expire, drop payloads past retention, seal. */
  async runOnce(): Promise<HousekeepingReport> {
    const { expired, dropped } = await this.purge();
    return { expired, dropped, sealed: await this.seal() };
  }

  /** Expires unfetched messages, drops payloads past retention and forgets expired claims. */
  async purge(limit = 500): Promise<{ expired: number; dropped: number; claims: number }> {
    const { ledger, clock } = this.#deps;
    const now = clock.now();
    const at = now.toISOString();
    let expired = 0;
    for (const record of await ledger.findDue('expire', at, limit)) {
      await dropAttachmentsOf(ledger.attachments, record);
      if (await ledger.updateMessage(record.messageId, expiry(record, now))) expired += 1;
    }
    let dropped = 0;
    for (const record of await ledger.findDue('drop-payload', at, limit)) {
      await dropAttachmentsOf(ledger.attachments, record);
      if (await ledger.updateMessage(record.messageId, payloadDrop(record.messageId, now))) {
        dropped += 1;
      }
    }
    // Notices go out in their own pass, so a crash after expiring still tells the sender later.
    for (const record of await ledger.findDue('notify', at, limit)) {
      // One notice that cannot go out now (its sender's lookup failed) keeps the rest going;
      // it stays due and is tried again at the next pass.
      await this.#notifySender(record, now).catch((error: unknown) =>
        this.#deps.logger.warn(
          { err: error, messageId: record.messageId },
          'expiry notice not sent; tried again next pass',
        ),
      );
    }
    if (expired + dropped > 0) this.#deps.logger.info({ expired, dropped }, 'retention pass');
    // Attachment uploads no message took within their time are forgotten with the claims.
    const claims = await ledger.sweepClaims(at, limit);
    return {
      expired,
      dropped,
      claims: claims + (await ledger.attachments.sweepUploads(at, limit)),
    };
  }

  /**
   * Puts a hub-signed `verloopmelding` where the original sender takes its messages: its REST
   * mailbox, or its AMQP queue through the relay.
   */
  async #notifySender(record: MessageRecord, now: Date): Promise<void> {
    const { hubSigner, hubOin, receipts, ledger } = this.#deps;
    const at = now.toISOString();
    const message = signMessage(
      {
        // Derived from the expired message, so two processes expiring it make one notice.
        messageId: expiryNoticeId(record.messageId),
        conversationId: record.conversationId,
        inReplyTo: record.messageId,
        module: record.envelope.module,
        messageType: EXPIRY_NOTICE_TYPE,
        version: EXPIRY_NOTICE_VERSION,
        sender: hubOin,
        recipient: record.sender,
        createdAt: at,
      },
      {
        verlopenBerichtId: record.messageId,
        berichttype: record.messageType,
        ontvanger: record.recipient,
        ontvangenOp: record.receivedAt,
        verlopenOp: at,
      },
      hubSigner,
    );
    const { envelope } = message;
    const received = receivedEvent(envelope, at, 'hub');
    const sender = await this.#deps.participants.get(record.sender);
    const notice = acceptedRecord({
      message,
      receivedAt: now,
      transport: 'hub',
      route: sender?.transport ?? 'rest',
      receipt: receipts.sign(acceptanceClaims(hubOin, envelope, received)),
      ...(this.#deps.expiryWorkingDays === undefined
        ? {}
        : { expiryWorkingDays: this.#deps.expiryWorkingDays }),
      ...(this.#deps.expirySeconds === undefined
        ? {}
        : { expirySeconds: this.#deps.expirySeconds }),
    });
    const stored = await ledger.insertMessage(notice, received);
    await ledger.updateMessage(
      record.messageId,
      senderNotification(record.messageId, now, envelope.messageId),
    );
    if (stored.inserted) this.#deps.onNotice?.(notice);
  }
}

/** The id of the expiry notice about `messageId`: the same in every process. */
export function expiryNoticeId(messageId: string): string {
  return uuidFrom(`verloopmelding:${messageId}`);
}

/** A deterministic UUID (version 8 layout) from a name: same name, same id. */
export function uuidFrom(name: string): string {
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Drops a message's attachments (standard 2.1) before its payload, while the payload still
 * names them: a crash in between leaves the payload, and the next pass drops both.
 */
async function dropAttachmentsOf(
  attachments: Pick<AttachmentStore, 'dropAttachments'>,
  record: MessageRecord,
): Promise<void> {
  const digests = attachmentReferences(record.payload).map((reference) => reference.sha256);
  if (digests.length > 0) await attachments.dropAttachments(record.messageId, digests);
}
