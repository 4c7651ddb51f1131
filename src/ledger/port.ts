/**
 * The ledger port: what the hub needs from durable storage, as stores that match the parts of
 * the hub — messages and events, conversations, participants (whose interface the registry
 * owns), seals and leases. Two adapters implement all of them as one Ledger — MongoDB
 * (production) and SQLite (the embedded default) — and one contract suite
 * (test/contract/ledger.contract.ts) runs against both. No method needs a multi-document
 * transaction (FerretDB has none); every state change is a conditional single-document
 * update, so several hub processes can share one ledger.
 */
import type { OperatorStore } from '../operators/store.ts';
import type { ParticipantStore } from '../participants/store.ts';
import type { Participant } from '../participants/types.ts';
import type { PortalUserStore } from '../portal/store.ts';
import type { AttachmentStore } from './attachments.ts';
import type { EventSearch, MessageFlow, MessageSearch } from './search.ts';
import type { ChainReader } from './verify_chain.ts';
import type {
  ConversationRecord,
  LedgerEvent,
  LedgerSeal,
  MailboxEntry,
  MailboxQuery,
  MessageRecord,
  MessageStatus,
  MessageSummary,
  NewLedgerEvent,
  Page,
} from './types.ts';

/** A conversation the message opens, stored in the same write as the message. */
export interface OpensConversation {
  readonly conversation: ConversationRecord;
  /** The `conversation-opened` event, appended when this message really opened it. */
  readonly event: NewLedgerEvent;
}

/**
 * What storing a message sets off, written with it and only when it was stored now: the
 * request it answers marked answered, the conversation it closes closed and that event
 * appended (only when it was open). SQLite writes them in the message's transaction; MongoDB
 * (no transactions) one after the other after the message, so a crash between them leaves
 * them to the retry that finds the message stored (the pipeline's `finishAfterCrash`).
 */
export interface FollowUps {
  readonly update?: { readonly messageId: string; readonly change: MessageUpdate };
  readonly close?: {
    readonly conversationId: string;
    readonly at: string;
    readonly event: NewLedgerEvent;
  };
}

/** The outcome of storing a message: new, or the one already stored under that id. */
export type InsertOutcome =
  | { readonly inserted: true; readonly event: LedgerEvent }
  | { readonly inserted: false; readonly existing: MessageRecord };

/** A conditional change of a message's state. */
export interface MessageUpdate {
  /** Only when the message is in one of these states. */
  readonly fromStatus: readonly MessageStatus[];
  /** The fields to set (`payload: null` drops the payload). */
  readonly set: Partial<Omit<MessageRecord, 'messageId' | 'envelope' | 'signature' | 'receipt'>>;
  /** The event that records the change; appended only when the update applied. */
  readonly event: NewLedgerEvent;
}

/**
 * Messages due for housekeeping: `expire` (unfetched past `expiresAt`), `drop-payload` (past
 * pickup + retention) and `notify` (expired, sender not yet told).
 */
export type DueKind = 'expire' | 'drop-payload' | 'notify';

/**
 * Messages and their events: what the pipeline, the transports, housekeeping and the live flow
 * read and write.
 */
export interface MessageStore {
  /**
   * Stores a message once (unique id) with its `received` event (seq 0). With `opens`, first
   * opens that conversation unless it exists; throws ConversationError
   * `CONVERSATION_NOT_PARTICIPANT` (storing nothing of the message) when the existing
   * conversation belongs to neither sender nor recipient. With `follows`, writes what the
   * message sets off when it was stored now (one call to the ledger instead of three).
   */
  insertMessage(
    record: MessageRecord,
    received: NewLedgerEvent,
    opens?: OpensConversation,
    follows?: FollowUps,
  ): Promise<InsertOutcome>;
  getMessage(messageId: string): Promise<MessageRecord | undefined>;
  /** The message without its payload, signature and receipt. */
  getMessageSummary(messageId: string): Promise<MessageSummary | undefined>;
  /** Messages waiting for `recipient` (accepted or delivered), oldest first: metadata only. */
  listMailbox(query: MailboxQuery): Promise<Page<MailboxEntry>>;
  /** Every message of a conversation, in the order the hub received them. */
  listConversation(conversationId: string): Promise<MessageRecord[]>;
  /** Applies `update` when the state condition holds; true when it applied. */
  updateMessage(messageId: string, update: MessageUpdate): Promise<boolean>;
  /** Messages routed over `route`, accepted and not yet delivered, in `partitions`, oldest first. */
  findUndelivered(
    route: 'amqp',
    partitions: readonly number[],
    limit: number,
  ): Promise<MessageRecord[]>;
  /** Messages whose expiry or payload-drop time has passed at `now`. */
  findDue(kind: DueKind, now: string, limit: number): Promise<MessageRecord[]>;
  /** Appends an event to its subject's chain (retrying on a concurrent append). */
  appendEvent(event: NewLedgerEvent): Promise<LedgerEvent>;
  /** The events of one subject, in order. */
  listEvents(subject: string): Promise<LedgerEvent[]>;
  /**
   * Up to `limit` events at or after `at` (their own time), by time then event id: the live
   * flow for operators (`knooppunt tail`). Events carry metadata only, never a payload.
   */
  eventsSince(at: string, limit: number): Promise<LedgerEvent[]>;
}

/** Conversations: the dossiers messages open, continue and close. */
export interface ConversationStore {
  /** Opens a conversation, or returns the one that already has that id. */
  openConversation(record: ConversationRecord): Promise<ConversationRecord>;
  getConversation(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Closes an open conversation; false when it was not open. */
  closeConversation(conversationId: string, at: string): Promise<boolean>;
}

/** The Merkle seals over events (the sealer's). */
export interface SealStore {
  /** Up to `limit` events not yet sealed, oldest first. */
  unsealedEvents(limit: number): Promise<LedgerEvent[]>;
  lastSeal(): Promise<LedgerSeal | undefined>;
  /** Stores a seal; false when another sealer already wrote that batch number. */
  writeSeal(seal: LedgerSeal): Promise<boolean>;
  /** Marks events as covered by `batch`. */
  markSealed(eventIds: readonly string[], batch: number): Promise<void>;
}

/** Per participant: how many, and since when (the oldest). */
export interface ParticipantBacklog {
  readonly participant: string;
  readonly count: number;
  /** ISO 8601: the oldest message's receipt, or the earliest missed deadline. */
  readonly oldest: string;
}

/** The AMQP outbox: entries accepted and not yet delivered. */
export interface OutboxSummary {
  readonly count: number;
  /** When the oldest of them was accepted. */
  readonly oldest?: string;
}

/**
 * What operators watch (metrics, the console), as counts and times only — never a payload.
 * Each reads only what is open (waiting, unanswered, unrelayed), so it stays cheap as the
 * ledger grows.
 */
export interface WatchStore {
  /** Per recipient: messages waiting to be picked up (accepted or delivered). */
  waitingByRecipient(): Promise<ParticipantBacklog[]>;
  /** Per recipient (who is to answer): requests unanswered past their deadline at `now`. */
  overdueByRecipient(now: string): Promise<ParticipantBacklog[]>;
  /** The AMQP outbox. */
  outboxSummary(): Promise<OutboxSummary>;
  /**
   * Requests still waiting for their answer (deadline open), earliest deadline first; with
   * `recipient`, only those addressed to it (who is to answer).
   */
  openAnswers(limit: number, recipient?: string): Promise<MessageRecord[]>;
}

/**
 * What operators search (the console): the message log, the flow of a period, events by type.
 * Bounded by `limit`; metadata is all a caller may show of the records.
 */
export interface SearchStore {
  /** Messages matching every field of the search, newest first. */
  searchMessages(query: MessageSearch): Promise<Page<MessageRecord>>;
  /** The messages received in [from, to): counts by module, type and status, and per bucket. */
  messageFlow(from: string, to: string, buckets: number): Promise<MessageFlow>;
  /** Events of the given types in the period, newest first. */
  searchEvents(query: EventSearch): Promise<Page<LedgerEvent>>;
  /** How many events of the given types the period holds. */
  countEvents(query: Omit<EventSearch, 'cursor' | 'limit'>): Promise<number>;
}

/** Named leases: one process at a time does a job (sealing, relaying a partition). */
export interface LeaseStore {
  /** Takes or renews a named lease until `until`; true when this owner holds it. */
  tryLease(name: string, owner: string, now: string, until: string): Promise<boolean>;
  /** The leases whose name starts with `prefix` and that are held after `now`, by name. */
  liveLeases(prefix: string, now: string): Promise<LeaseHolder[]>;
}

/**
 * One-time claims that every hub process sees: a client assertion's `jti` is exchanged for a
 * token once in the assertion's lifetime, whichever process it reaches (RFC 7523 §3 item 7).
 * Times are ISO 8601 in UTC, compared as strings, like the leases'.
 */
export interface ClaimStore {
  /**
   * Claims `key` until `until` (after `now`): true the first time, false while an earlier
   * claim of it lives (its `until` is after `now`). A claim that has expired is taken again.
   * Among concurrent claims of one key at most one is true; a claimant that cannot tell (an
   * expired claim being taken or swept at that very moment) answers false, never true.
   */
  claimOnce(key: string, now: string, until: string): Promise<boolean>;
  /** Forgets up to `limit` claims that expired at `now` (housekeeping); how many it forgot. */
  sweepClaims(now: string, limit: number): Promise<number>;
}

/**
 * The ledger: every store in one database, opened and closed together, and read whole by
 * `knooppunt ledger verify` (ChainReader). The parts of the hub take only the stores they use.
 */
export interface Ledger
  extends
    MessageStore,
    ConversationStore,
    ParticipantStore,
    OperatorStore,
    PortalUserStore,
    SealStore,
    LeaseStore,
    ClaimStore,
    WatchStore,
    SearchStore,
    ChainReader {
  /** `sqlite` or `mongodb`. */
  readonly kind: string;
  /** Attachments (standard 2.1): uploads and the documents bound to messages (attachments.ts). */
  readonly attachments: AttachmentStore;
  /** Creates tables / collections and indexes; safe to call again. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Throws when the store does not answer. */
  ping(): Promise<void>;
  /**
   * Appends an event to its subject's chain: a message's, a conversation's, a participant's,
   * an operator's.
   */
  appendEvent(event: NewLedgerEvent): Promise<LedgerEvent>;
  /** The events of one subject, in order. */
  listEvents(subject: string): Promise<LedgerEvent[]>;
  /** The last event of one subject, if it has any. */
  lastEvent(subject: string): Promise<LedgerEvent | undefined>;
  /** Every participant (the registry's entries), by OIN. */
  listParticipants(): Promise<Participant[]>;
}

/** Who holds a lease, and until when. */
export interface LeaseHolder {
  readonly name: string;
  readonly owner: string;
  readonly until: string;
}
