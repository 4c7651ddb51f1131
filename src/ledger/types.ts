/**
 * The ledger's records: messages (stored once, payload droppable), append-only events that
 * form a tamper-evident chain, conversations, and the seals (Merkle batches) over events.
 */
import type { Envelope, MessageStatus, Payload } from '@knooppunt/standard';

/** Where a message stands (the wire contract's statuses). */
export type { MessageStatus };

/** A message the hub accepted. Metadata and digests stay forever; the payload does not. */
export interface MessageRecord {
  readonly messageId: string;
  readonly envelope: Envelope;
  /** The sender's JWS over the envelope. */
  readonly signature: string;
  /** `null` once dropped (after pickup plus retention, or at expiry). */
  readonly payload: Payload | null;
  readonly sender: string;
  readonly recipient: string;
  readonly conversationId: string;
  readonly module: string;
  readonly messageType: string;
  /** When the hub accepted it (hub clock, ISO 8601). */
  readonly receivedAt: string;
  readonly status: MessageStatus;
  /** The transport it arrived by (`portal`: signed in a portal user's browser). */
  readonly transport: 'rest' | 'amqp' | 'portal' | 'hub';
  /** The portal user who made and signed it, when it came through the portal. */
  readonly portalUser?: string;
  /** How the recipient takes delivery: its REST mailbox, or its AMQP queue via the relay. */
  readonly route: 'rest' | 'amqp';
  /** The outbox partition (of the recipient), so relays can split the work by lease. */
  readonly partition: number;
  /** The hub-signed receipt (compact JWS) returned to the sender. */
  readonly receipt: string;
  /**
   * What the hub read from the payload at acceptance, as the catalogue declares (`hubReads`:
   * a signal's kind of fixed cost, its outcome): categories, never personal data; kept when the
   * payload is dropped, and recorded in the `received` event too.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /** When an unfetched message expires (5 working days). */
  readonly expiresAt: string;
  /** For requests: when the answer is due. */
  readonly answerDueAt?: string;
  /**
   * The answer deadline while the request is still unanswered (`answerDueAt`), `null` once it
   * is answered: the overdue watch reads only the open ones.
   */
  readonly openAnswerDueAt?: string | null;
  readonly answeredAt?: string;
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  /** When the payload may be dropped (pickup + retention). */
  readonly dropPayloadAfter?: string;
  readonly payloadDroppedAt?: string;
  /** Set when the message expired and its sender still has to be told; cleared after. */
  readonly notifyDueAt?: string | null;
  readonly senderNotifiedAt?: string;
}

/**
 * A message without its payload, signature and receipt: what the checks of an answer and of an
 * acknowledgement read, so a ledger need not hand over and parse the whole document.
 */
export type MessageSummary = Omit<MessageRecord, 'payload' | 'signature' | 'receipt'>;

/** The metadata a mailbox listing reads of a message (MailboxEntry); ledgers project these. */
export const MAILBOX_FIELDS = [
  'messageId',
  'conversationId',
  'module',
  'messageType',
  'sender',
  'recipient',
  'receivedAt',
  'status',
  'answerDueAt',
  'expiresAt',
] as const satisfies readonly (keyof MessageRecord)[];

/** The envelope fields a mailbox listing reads (MailboxEntry's `envelope`). */
export const MAILBOX_ENVELOPE_FIELDS = [
  'inReplyTo',
  'version',
  'createdAt',
] as const satisfies readonly (keyof Envelope)[];

/**
 * What a mailbox listing reads of a message: its metadata, never its payload, signature or
 * receipt — so a ledger answers it without reading and parsing whole documents.
 */
export type MailboxEntry = Pick<MessageRecord, (typeof MAILBOX_FIELDS)[number]> & {
  readonly envelope: Pick<Envelope, (typeof MAILBOX_ENVELOPE_FIELDS)[number]>;
};

/** The kinds of ledger event. */
export type LedgerEventType =
  | 'received'
  | 'rejected'
  | 'delivered'
  | 'picked-up'
  | 'answered'
  | 'expired'
  | 'payload-dropped'
  | 'sender-notified'
  | 'conversation-opened'
  | 'conversation-closed'
  | 'participant-changed'
  | 'chain-verified'
  | 'operator-changed'
  | 'operator-action'
  | 'portal-user-changed';

/** An event as a writer submits it; the ledger assigns position and hash. */
export interface NewLedgerEvent {
  /**
   * What the event is about: a message id, `conversation:<id>`, `rejection:<id>`,
   * `participant:<oin>`, `ledger:verification`.
   */
  readonly subject: string;
  readonly type: LedgerEventType;
  /** Hub time, ISO 8601. */
  readonly at: string;
  /** The participant that caused it, when one did. */
  readonly actor?: string;
  /** Metadata only — never payload content, never a BSN. */
  readonly data: Readonly<Record<string, unknown>>;
}

/**
 * An event in the ledger. Events of one subject form a hash chain (`prevHash`); sealed events
 * are also leaves of a Merkle batch. Nothing in an event changes after it is written except
 * `batch`, which the sealer sets once and which is not part of the hash.
 */
export interface LedgerEvent extends NewLedgerEvent {
  /** `<subject>#<seq>`: unique, and the position a receipt names. */
  readonly eventId: string;
  /** Position within the subject, from 0. */
  readonly seq: number;
  /** The previous event's hash in this subject's chain; empty for seq 0. */
  readonly prevHash: string;
  /** SHA-256 (base64url) over the canonical event without `hash` and `batch`. */
  readonly hash: string;
  /** The seal that covers it, once sealed. */
  readonly batch?: number;
}

/** A Merkle batch over sealed events, chained to the previous batch. */
export interface LedgerSeal {
  readonly batch: number;
  /** The event ids in leaf order. */
  readonly eventIds: readonly string[];
  /** The Merkle root over the leaves' hashes. */
  readonly root: string;
  readonly prevSealHash: string;
  /** SHA-256 over {batch, root, prevSealHash, count}. */
  readonly sealHash: string;
  readonly sealedAt: string;
}

/** The dossier between one debt-help organisation and its creditors. */
export interface ConversationRecord {
  readonly conversationId: string;
  /** The participant that opened it (the debt-help organisation, usually). */
  readonly owner: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly openedBy: string;
  readonly closedAt?: string;
}

/** How many outbox partitions there are; a relay holds a lease per partition. */
export const OUTBOX_PARTITIONS = 16;

/** The outbox partition of a recipient: stable, spread evenly. */
export function partitionOf(recipient: string): number {
  let hash = 2166136261; // FNV-1a
  for (let i = 0; i < recipient.length; i += 1) {
    hash = Math.imul(hash ^ recipient.charCodeAt(i), 16777619);
  }
  return (hash >>> 0) % OUTBOX_PARTITIONS;
}

/** A page of results with an opaque cursor for the next page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | undefined;
}

/** A mailbox query. */
export interface MailboxQuery {
  readonly recipient: string;
  readonly module?: string;
  readonly messageType?: string;
  readonly cursor?: string;
  readonly limit: number;
}
