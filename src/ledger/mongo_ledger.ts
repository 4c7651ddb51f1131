/**
 * The production ledger on MongoDB through the official driver. Tested against FerretDB 1.x
 * (SQLite backend) here and against a MongoDB replica set whenever a URL is given, so it keeps
 * to what both support: single-document writes with unique indexes and conditional updates,
 * `find` with sort and limit, `findOneAndUpdate`. It avoids multi-document transactions,
 * change streams, partial indexes and aggregation pipelines (docs/operations.md, "MongoDB").
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import type { Collection, Db, Document, IndexDescription, MongoClientOptions } from 'mongodb';
import type { LoginState } from '../operators/store.ts';
import type { Operator, OperatorSession } from '../operators/types.ts';
import type { Participant } from '../participants/types.ts';
import type { PortalLoginState } from '../portal/store.ts';
import type { PortalSession, PortalUser } from '../portal/types.ts';
import { chainEvent, eventIdOf } from './chain.ts';
import { decodeCursor, encodeCursor, pageOf } from './cursor.ts';
import { EVENT_DATA_FIELDS, FlowCounter } from './search.ts';
import type { EventSearch, MessageFlow, MessageSearch } from './search.ts';
import { assertConversationParty } from './conversation_rules.ts';
import { chainState } from './verify_messages.ts';
import { isDuplicate, MongoClaims } from './mongo_claims.ts';
import { MongoAttachments } from './mongo_attachments.ts';
import type { AttachmentStore } from './attachments.ts';
import { writeFollowUps } from './follow_ups.ts';
import { isMongoUnreachable } from './mongo_unreachable.ts';
import { declareUnavailability } from './unavailable.ts';
import type {
  DueKind,
  FollowUps,
  InsertOutcome,
  LeaseHolder,
  Ledger,
  MessageUpdate,
  OpensConversation,
  OutboxSummary,
  ParticipantBacklog,
} from './port.ts';
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
import { MAILBOX_ENVELOPE_FIELDS, MAILBOX_FIELDS } from './types.ts';

/** How long an operation waits for a server by default, in ms (the driver's own is 30 000). */
export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;
/** A stored document: our own string or number keys, never ObjectIds. */
type KeyedDoc = { _id: string | number } & Document;

/** The housekeeping queries, by kind (filter and sort, oldest first). */
const DUE_QUERIES: Readonly<
  Record<DueKind, (now: string) => { filter: Document; sort: Document }>
> = {
  expire: (now) => ({
    filter: { status: { $in: ['accepted', 'delivered'] }, expiresAt: { $lte: now } },
    sort: { expiresAt: 1 },
  }),
  'drop-payload': (now) => ({
    filter: { dropPayloadAfter: { $lte: now }, payload: { $ne: null } },
    sort: { dropPayloadAfter: 1 },
  }),
  notify: (now) => ({ filter: { notifyDueAt: { $lte: now } }, sort: { notifyDueAt: 1 } }),
};

/**
 * Events marked sealed per bulk write. FerretDB 1.24 never answers an `update` command of 100
 * or more statements (measured: 90 answer in 0.6 s, 100 hang), so bulks stay well below.
 */
const MARK_CHUNK = 50;

/** How long a transition waits for the previous one's document write, and how often it looks. */
const PROJECTION_WAIT_MS = 5_000;
const PROJECTION_POLL_MS = 10;

/** How old an unprojected event must be before it is taken for a crashed writer's. */
const CRASH_AFTER_MS = 30_000;

/** Events that happen at most once to a message: a repeat means a crashed earlier attempt. */
const ONCE_ONLY: ReadonlySet<string> = new Set([
  'delivered',
  'picked-up',
  'expired',
  'payload-dropped',
  'sender-notified',
]);

/** The message status an event leaves behind, for events that change it. */
const STATUS_AFTER: Readonly<Record<string, MessageStatus>> = {
  received: 'accepted',
  delivered: 'delivered',
  'picked-up': 'picked-up',
  expired: 'expired',
};

/**
 * Whether the chain has held this once-only event for longer than any write takes while the
 * document still does not show it: the writer crashed between the two writes. (A younger
 * event belongs to a writer still at work.)
 */
function lagsBehind(head: KeyedDoc | null, current: StoredMessage, update: MessageUpdate): boolean {
  if (head === null || head.type !== update.event.type || !ONCE_ONLY.has(update.event.type))
    return false;
  if (headSeqOf(current) >= (head.seq as number)) return false; // the document shows it
  if (!update.fromStatus.includes(current.status)) return false;
  return update.event.type !== 'payload-dropped' || current.payload !== null;
}

/** Whether the chain has held `head` for longer than any writer takes to set the document. */
function longChained(head: KeyedDoc, update: MessageUpdate): boolean {
  return Date.parse(update.event.at) - Date.parse(head.at as string) >= CRASH_AFTER_MS;
}

/** The chain position a message document shows (0: its `received` event). */
function headSeqOf(record: StoredMessage): number {
  return record.headSeq ?? 0;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * `update` as it was when its event was chained at `at`: every time it sets (the event's own,
 * and those counted from it such as the end of retention) moved by the same distance.
 */
function retimed(update: MessageUpdate, at: string): MessageUpdate {
  const shift = Date.parse(at) - Date.parse(update.event.at);
  if (shift === 0 || Number.isNaN(shift)) return update;
  const set = Object.fromEntries(
    Object.entries(update.set).map(([field, value]) => [
      field,
      typeof value === 'string' && ISO_TIME.test(value)
        ? new Date(Date.parse(value) + shift).toISOString()
        : value,
    ]),
  );
  return { ...update, set: set as MessageUpdate['set'], event: { ...update.event, at } };
}

/** Counts documents per participant field and finds the smallest time field of each group. */
async function groupByParticipant(
  docs: AsyncIterable<Document>,
  participantField: string,
  timeField: string,
): Promise<ParticipantBacklog[]> {
  const groups = new Map<string, { count: number; oldest: string }>();
  for await (const doc of docs) {
    const participant = doc[participantField] as string;
    const at = doc[timeField] as string;
    const group = groups.get(participant);
    if (group === undefined) groups.set(participant, { count: 1, oldest: at });
    else {
      group.count += 1;
      if (at < group.oldest) group.oldest = at;
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([participant, group]) => ({ participant, ...group }));
}

/** The message-log search's fields and the document fields they compare. */
const SEARCH_FIELDS: readonly [keyof MessageSearch, string][] = [
  ['messageId', '_id'],
  ['conversationId', 'conversationId'],
  ['recipient', 'recipient'],
  ['sender', 'sender'],
  ['inReplyTo', 'envelope.inReplyTo'],
  ['version', 'envelope.version'],
  ['module', 'module'],
  ['messageType', 'messageType'],
  ['status', 'status'],
];

/** A time range on `field` ([from, to)), when either end is given. */
function range(field: string, from: string | undefined, to: string | undefined): Document {
  if (from === undefined && to === undefined) return {};
  return {
    [field]: {
      ...(from === undefined ? {} : { $gte: from }),
      ...(to === undefined ? {} : { $lt: to }),
    },
  };
}

/** Events of the search's types in its period. */
function eventFilter(query: Omit<EventSearch, 'cursor' | 'limit'>): Document {
  const filter: Document = {
    type: { $in: [...query.types] },
    ...range('at', query.from, query.to),
  };
  // Defence in depth: only strings reach a filter, never an operator object.
  if (typeof query.actor === 'string') filter['actor'] = query.actor;
  for (const field of EVENT_DATA_FIELDS) {
    const value = query.data?.[field];
    if (typeof value === 'string') filter[`data.${field}`] = value;
  }
  return filter;
}

/** After a cursor position, newest first: an earlier time, or the same time and a lower id. */
function before(field: string, cursor: string | undefined): Document {
  if (cursor === undefined) return {};
  const after = decodeCursor(cursor);
  return {
    $or: [
      { [field]: { $lt: after.receivedAt } },
      { [field]: after.receivedAt, _id: { $lt: after.messageId } },
    ],
  };
}

/**
 * Fetched or not: delivered, or picked up without a fetch first. A condition of its own (in
 * `$and`), since the cursor's `$or` and a `pickedUp` filter may be at the top already.
 */
function fetchedFilter(fetched: boolean): Document {
  return fetched
    ? { $or: [{ deliveredAt: { $gt: '' } }, { pickedUpAt: { $gt: '' } }] }
    : { deliveredAt: { $exists: false }, pickedUpAt: { $exists: false } };
}

/** What the mailbox reads of a message (MailboxEntry): never the payload, signature or receipt. */
const MAILBOX_PROJECTION: Readonly<Record<string, 1>> = Object.fromEntries(
  [...MAILBOX_FIELDS, ...MAILBOX_ENVELOPE_FIELDS.map((field) => `envelope.${field}`)].map(
    (field) => [field, 1],
  ),
);

function strip<T>(doc: Document | null): T | undefined {
  if (doc === null) return undefined;
  const { _id, ...rest } = doc;
  return rest as T;
}

/**
 * A message document as stored: the record and `headSeq`, the chain position its last
 * projection wrote (this ledger's own mark, for its writers' ordering; never handed out).
 */
type StoredMessage = MessageRecord & { readonly headSeq?: number };

/** The message a stored document holds, without this ledger's own fields. */
function messageOf(doc: Document): MessageRecord {
  const { _id, headSeq, ...record } = doc;
  return record as MessageRecord;
}

/** Options of the MongoDB ledger. */
export interface MongoLedgerOptions {
  readonly url: string;
  /** @defaultValue `knooppunt` */
  readonly database?: string;
  readonly clientOptions?: MongoClientOptions;
}

/** The MongoDB ledger. */
export class MongoLedger implements Ledger {
  readonly kind = 'mongodb';
  readonly #client: MongoClient;
  readonly #db: Db;
  /** One-time claims (client assertions' `jti`s): mongo_claims.ts. */
  readonly #claims: MongoClaims;
  /** Attachments (standard 2.1): mongo_attachments.ts. */
  readonly attachments: AttachmentStore;

  constructor(options: MongoLedgerOptions) {
    this.#client = new MongoClient(options.url, {
      // Acknowledged by a majority and journaled before a receipt is signed.
      writeConcern: { w: 'majority', journal: true },
      // How long an operation waits for a reachable server before it is LEDGER_UNAVAILABLE
      // (the hub passes MONGODB_SERVER_SELECTION_TIMEOUT_MS).
      serverSelectionTimeoutMS: DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
      ...options.clientOptions,
    });
    this.#db = this.#client.db(options.database ?? 'knooppunt');
    this.#claims = new MongoClaims(this.#db.collection('claims'));
    this.attachments = new MongoAttachments(this.#db);
  }

  get #messages(): Collection<KeyedDoc> {
    return this.#db.collection('messages');
  }
  get #events(): Collection<KeyedDoc> {
    return this.#db.collection('events');
  }
  get #seals(): Collection<KeyedDoc> {
    return this.#db.collection('seals');
  }
  get #conversations(): Collection<KeyedDoc> {
    return this.#db.collection('conversations');
  }
  get #participants(): Collection<KeyedDoc> {
    return this.#db.collection('participants');
  }
  get #operators(): Collection<KeyedDoc> {
    return this.#db.collection('operators');
  }
  get #portalUsers(): Collection<KeyedDoc> {
    return this.#db.collection('portal_users');
  }
  get #portalSessions(): Collection<KeyedDoc> {
    return this.#db.collection('portal_sessions');
  }
  get #sessions(): Collection<KeyedDoc> {
    return this.#db.collection('operator_sessions');
  }
  get #leases(): Collection<KeyedDoc> {
    return this.#db.collection('leases');
  }

  async init(): Promise<void> {
    await this.#client.connect();
    // One index per command: FerretDB 1.24 drops the connection (a server-side panic) when one
    // createIndexes command names several indexes that all exist already, i.e. on every start
    // after the first.
    const indexes: [Collection<KeyedDoc>, IndexDescription][] = [
      [
        this.#messages,
        { key: { recipient: 1, status: 1, receivedAt: 1, _id: 1 }, name: 'mailbox' },
      ],
      [this.#messages, { key: { conversationId: 1, receivedAt: 1 }, name: 'conversation' }],
      [this.#messages, { key: { status: 1, expiresAt: 1 }, name: 'expiry' }],
      [this.#messages, { key: { dropPayloadAfter: 1 }, name: 'drop' }],
      [this.#messages, { key: { notifyDueAt: 1 }, name: 'notify' }],
      [this.#messages, { key: { openAnswerDueAt: 1 }, name: 'overdue' }],
      [
        this.#messages,
        { key: { route: 1, status: 1, partition: 1, receivedAt: 1 }, name: 'outbox' },
      ],
      [this.#events, { key: { subject: 1, seq: 1 }, name: 'chain', unique: true }],
      [this.#events, { key: { batch: 1, at: 1 }, name: 'unsealed' }],
      [this.#events, { key: { at: 1, _id: 1 }, name: 'timeline' }],
      [this.#events, { key: { type: 1, at: 1, _id: 1 }, name: 'types' }],
      // A participant's refused submissions in its log (participant_log.ts).
      [this.#events, { key: { actor: 1, type: 1, at: 1, _id: 1 }, name: 'actor' }],
      [this.#messages, { key: { receivedAt: 1, _id: 1 }, name: 'received' }],
      [this.#messages, { key: { sender: 1, receivedAt: 1 }, name: 'sender' }],
      // A participant's log (participant_log.ts): its sent and its received messages, in order.
      [this.#messages, { key: { sender: 1, receivedAt: 1, _id: 1 }, name: 'log_sender' }],
      [this.#messages, { key: { recipient: 1, receivedAt: 1, _id: 1 }, name: 'log_recipient' }],
      [this.#participants, { key: { 'certificates.thumbprint': 1 }, name: 'thumbprint' }],
      [this.#leases, { key: { name: 1, term: -1 }, name: 'terms' }],
      [this.#db.collection('claims'), { key: { kind: 1, until: 1 }, name: 'sweep' }],
      // Attachment uploads that expire unused (mongo_attachments.ts's sweep).
      [this.#db.collection('attachments'), { key: { expiresAt: 1 }, name: 'upload_expiry' }],
      [this.#sessions, { key: { operator: 1 }, name: 'operator' }],
      [this.#portalUsers, { key: { participant: 1, _id: 1 }, name: 'participant' }],
      [this.#portalSessions, { key: { user: 1 }, name: 'user' }],
    ];
    // FerretDB 1.x answers every query but an `_id` lookup by scanning (it never reads a
    // secondary index), so there the non-unique indexes would only cost every write the work
    // of keeping them; the unique ones are kept everywhere, as they enforce the chain.
    const ferretDb = await this.#isFerretDb();
    for (const [collection, { key, ...options }] of indexes) {
      if (ferretDb && options.unique !== true) continue;
      await collection.createIndex(key, options);
    }
  }

  async #isFerretDb(): Promise<boolean> {
    const info = await this.#client.db('admin').command({ buildInfo: 1 });
    return typeof info['ferretdbVersion'] === 'string';
  }

  async close(): Promise<void> {
    await this.#client.close();
  }

  async ping(): Promise<void> {
    await this.#db.command({ ping: 1 });
  }

  async insertMessage(
    record: MessageRecord,
    received: NewLedgerEvent,
    opens?: OpensConversation,
    follows?: FollowUps,
  ): Promise<InsertOutcome> {
    // No transactions (FerretDB): the conversation first, so a crash leaves at most an empty
    // conversation behind, never a message in a conversation that does not exist.
    if (opens !== undefined) {
      const current = await this.openConversation(opens.conversation);
      if (current.openedBy === opens.conversation.openedBy) await this.#appendOnce(opens.event);
      else assertConversationParty(current, record);
    }
    try {
      await this.#messages.insertOne({ _id: record.messageId, ...record });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const existing = await this.getMessage(record.messageId);
      if (existing === undefined) throw error;
      // A writer that crashed between the two writes left the message without its `received`
      // event; a redelivery writes that event as the first writer would have (same time, same
      // transport: the same hash its receipt names). Both writes are "seq 0 unless there".
      await this.#appendOnce({
        ...received,
        at: existing.receivedAt,
        data: receivedAs(received.data, existing),
      });
      return { inserted: false, existing };
    }
    const event = await this.#appendOnce(received);
    // What the message sets off, after it: a crash before these leaves them to a retry.
    if (follows !== undefined) await writeFollowUps(this, follows);
    return { inserted: true, event };
  }

  async getMessage(messageId: string): Promise<MessageRecord | undefined> {
    // Defence in depth: an id is a string, never a query operator object.
    if (typeof messageId !== 'string') return undefined;
    const doc = await this.#messages.findOne({ _id: messageId });
    return doc === null ? undefined : messageOf(doc);
  }

  /** A message document with this ledger's chain mark (`headSeq`), for its own writes. */
  async #stored(messageId: string): Promise<StoredMessage | undefined> {
    return strip(await this.#messages.findOne({ _id: messageId }));
  }

  async getMessageSummary(messageId: string): Promise<MessageSummary | undefined> {
    if (typeof messageId !== 'string') return undefined; // as getMessage
    return strip(
      await this.#messages.findOne(
        { _id: messageId },
        // headSeq: the chain's own mark (mongo_ledger's writes), not the message's.
        { projection: { payload: 0, signature: 0, receipt: 0, headSeq: 0 } },
      ),
    );
  }

  async listMailbox(query: MailboxQuery): Promise<Page<MailboxEntry>> {
    const filter: Document = {
      recipient: query.recipient,
      status: { $in: ['accepted', 'delivered'] },
    };
    if (query.module !== undefined) filter.module = query.module;
    if (query.messageType !== undefined) filter.messageType = query.messageType;
    if (query.cursor !== undefined) {
      const after = decodeCursor(query.cursor);
      filter.$or = [
        { receivedAt: { $gt: after.receivedAt } },
        { receivedAt: after.receivedAt, _id: { $gt: after.messageId } },
      ];
    }
    const docs = await this.#messages
      .find(filter, { projection: MAILBOX_PROJECTION })
      .sort({ receivedAt: 1, _id: 1 })
      .limit(query.limit + 1)
      .toArray();
    const items = docs.slice(0, query.limit).map((doc) => strip<MailboxEntry>(doc) as MailboxEntry);
    const last = items.at(-1);
    return {
      items,
      nextCursor: docs.length > query.limit && last ? encodeCursor(last) : undefined,
    };
  }

  async listConversation(conversationId: string): Promise<MessageRecord[]> {
    const docs = await this.#messages
      .find({ conversationId })
      .sort({ receivedAt: 1, _id: 1 })
      .toArray();
    return docs.map(messageOf);
  }

  async updateMessage(messageId: string, update: MessageUpdate): Promise<boolean> {
    // The subject's event chain is the lock: read its head, then the state; the next chain
    // position is taken by a unique insert, so of two concurrent transitions exactly one wins
    // even where conditional updates are not atomic (FerretDB 1.x). The document is a
    // projection of the chain and is set after the event.
    for (let attempt = 0; ; attempt += 1) {
      const head = await this.#head(update.event.subject);
      const found = await this.#stored(messageId);
      // No chain yet: the writer of the message is at work or crashed before its `received`
      // event (a redelivery writes it); nothing may be chained before that event.
      if (found === undefined || head === null) return false;
      if (lagsBehind(head, found, update)) {
        // An earlier attempt appended this event and its document is not there: a writer at
        // work (wait for it), or one that crashed between the two writes — a retry that soon
        // follows a SIGKILL. Then repair the document (the transition itself was that
        // attempt's, so this one reports false) at the chained event's time, not this
        // attempt's: the document must say what the chain says (`ledger verify` checks it).
        const settled = longChained(head, update)
          ? found
          : await this.#projected(messageId, head.seq as number, found);
        if (settled !== undefined && headSeqOf(settled) < (head.seq as number)) {
          await this.#project(messageId, head.seq as number, retimed(update, head.at as string));
        }
        return false;
      }
      // Where the head event sets the status, the chain says it: no need to wait to refuse.
      const chainStatus = STATUS_AFTER[head.type as string];
      if (chainStatus !== undefined && !update.fromStatus.includes(chainStatus)) return false;
      let current = await this.#projected(messageId, head.seq as number, found);
      if (current === undefined) return false;
      if (headSeqOf(current) < (head.seq as number)) {
        // The previous transition's writer crashed before its document: bring the document
        // up to its chain first, or this transition's document would lack what that one set.
        current = await this.#catchUp(current, head.seq as number);
      }
      if (!update.fromStatus.includes(chainStatus ?? current.status)) return false;
      const chained = chainEvent(update.event, (head.seq as number) + 1, head.hash as string);
      try {
        await this.#events.insertOne({ _id: chained.eventId, ...chained, batch: null });
      } catch (error) {
        if (!isDuplicate(error) || attempt >= 20) throw error;
        continue;
      }
      await this.#project(messageId, chained.seq, update);
      return true;
    }
  }

  /**
   * The document once it shows chain position `seq`. The previous transition's writer has
   * chained its event but may not yet have set the document: it finishes first, so documents
   * are written in chain order and a projection never needs a condition (a conditional filter
   * is a collection scan on FerretDB). A writer that does not finish within
   * PROJECTION_WAIT_MS is taken as crashed and overtaken: the document is returned as it is.
   */
  async #projected(
    messageId: string,
    seq: number,
    found: StoredMessage,
  ): Promise<StoredMessage | undefined> {
    const until = Date.now() + PROJECTION_WAIT_MS; // real time: how long a writer may take
    let current: StoredMessage | undefined = found;
    while (current !== undefined && headSeqOf(current) < seq && Date.now() < until) {
      await sleep(PROJECTION_POLL_MS);
      current = await this.#stored(messageId);
    }
    return current;
  }

  /**
   * A document behind its chain, brought up to it: the status and times the chain's events
   * give (verify_messages.ts `chainState`), as `ledger verify` expects them.
   */
  async #catchUp(record: StoredMessage, seq: number): Promise<StoredMessage> {
    const state = chainState(await this.listEvents(record.messageId));
    const set = Object.fromEntries(
      Object.entries(state).filter(([, value]) => value !== undefined),
    );
    const dropped = state.payloadDroppedAt !== undefined;
    if (dropped) set['payload'] = null;
    // As in #project: a dropped payload leaves the drop index.
    await this.#messages.updateOne(
      { _id: record.messageId },
      {
        $set: set,
        $max: { headSeq: seq },
        ...(dropped ? { $unset: { dropPayloadAfter: '' } } : {}),
      },
    );
    return { ...record, ...set, headSeq: seq };
  }

  /**
   * Sets the document to the state after chain position `seq`. Transitions wait for the
   * previous one's document write (above), so these writes come in chain order; `$max` keeps
   * the recorded position from moving back should a writer taken as crashed write after all.
   */
  async #project(messageId: string, seq: number, update: MessageUpdate): Promise<void> {
    // A dropped payload leaves the drop index, so the retention query stays flat.
    const unset = update.set.payload === null ? { $unset: { dropPayloadAfter: '' } } : {};
    await this.#messages.updateOne(
      { _id: messageId },
      { $set: update.set, $max: { headSeq: seq }, ...unset },
    );
  }

  /**
   * The last event of a subject, found by walking its positions by `_id` (`<subject>#0`,
   * `#1`, …). Chains are short (a message has a handful of events), and `_id` lookups are the
   * one query every MongoDB-compatible server answers from an index — FerretDB 1.x does not
   * use secondary indexes to sort, so `find({subject}).sort({seq: -1})` would scan.
   */
  async #head(subject: string): Promise<KeyedDoc | null> {
    let head: KeyedDoc | null = null;
    for (let seq = 0; ; seq += 1) {
      const next = await this.#events.findOne({ _id: eventIdOf(subject, seq) });
      if (next === null) return head;
      head = next;
    }
  }

  async findUndelivered(
    route: 'amqp',
    partitions: readonly number[],
    limit: number,
  ): Promise<MessageRecord[]> {
    if (partitions.length === 0) return [];
    const docs = await this.#messages
      .find({ route, status: 'accepted', partition: { $in: [...partitions] } })
      .sort({ receivedAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(messageOf);
  }

  async waitingByRecipient(): Promise<ParticipantBacklog[]> {
    // No aggregation pipeline (FerretDB): the waiting messages' two fields, grouped here.
    const docs = this.#messages.find(
      { status: { $in: ['accepted', 'delivered'] } },
      { projection: { recipient: 1, receivedAt: 1 } },
    );
    return groupByParticipant(docs, 'recipient', 'receivedAt');
  }

  async overdueByRecipient(now: string): Promise<ParticipantBacklog[]> {
    const docs = this.#messages.find(
      { openAnswerDueAt: { $lte: now } },
      { projection: { recipient: 1, openAnswerDueAt: 1 } },
    );
    return groupByParticipant(docs, 'recipient', 'openAnswerDueAt');
  }

  async outboxSummary(): Promise<OutboxSummary> {
    const filter = { route: 'amqp', status: 'accepted' };
    const count = await this.#messages.countDocuments(filter);
    const oldest = await this.#messages
      .find(filter, { projection: { receivedAt: 1 } })
      .sort({ receivedAt: 1 })
      .limit(1)
      .next();
    return oldest === null ? { count } : { count, oldest: oldest['receivedAt'] as string };
  }

  async openAnswers(limit: number, recipient?: string): Promise<MessageRecord[]> {
    // Every ISO 8601 time sorts after '': the open deadlines, without $exists or $type.
    const docs = await this.#messages
      .find({
        openAnswerDueAt: { $gt: '' },
        ...(typeof recipient === 'string' ? { recipient } : {}),
      })
      .sort({ openAnswerDueAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(messageOf);
  }

  async searchMessages(query: MessageSearch): Promise<Page<MessageRecord>> {
    const filter: Document = {
      ...range('receivedAt', query.from, query.to),
      ...before('receivedAt', query.cursor),
    };
    for (const [field, path] of SEARCH_FIELDS) {
      const value = query[field];
      // Defence in depth: only strings reach a filter, never an operator object.
      if (typeof value === 'string') filter[path] = value;
    }
    if (query.pickedUp !== undefined) {
      filter['pickedUpAt'] = query.pickedUp ? { $gt: '' } : { $exists: false };
    }
    const and: Document[] = [];
    if (query.fetched !== undefined) {
      // Fetched: delivered, or acknowledged straight away (a pickup needs no fetch first).
      and.push(fetchedFilter(query.fetched));
    }
    for (const [field, path] of [
      ['senderIn', 'sender'],
      ['recipientIn', 'recipient'],
    ] as const) {
      const set = query[field];
      // Only strings reach the filter, never an operator object.
      if (set !== undefined)
        and.push({ [path]: { $in: set.filter((oin) => typeof oin === 'string') } });
    }
    if (and.length > 0) filter['$and'] = and;
    const docs = await this.#messages
      .find(filter)
      .sort({ receivedAt: -1, _id: -1 })
      .limit(query.limit + 1)
      .toArray();
    return pageOf(docs.map(messageOf), query.limit, (last) => last);
  }

  async messageFlow(from: string, to: string, buckets: number): Promise<MessageFlow> {
    // No aggregation pipeline (FerretDB): the period's four fields, counted here.
    const counter = new FlowCounter(from, to, buckets);
    const docs = this.#messages.find(range('receivedAt', from, to), {
      projection: { module: 1, messageType: 1, status: 1, receivedAt: 1 },
    });
    for await (const doc of docs) {
      counter.add(
        doc['module'] as string,
        doc['messageType'] as string,
        doc['status'] as MessageStatus,
        doc['receivedAt'] as string,
      );
    }
    return counter.result();
  }

  async searchEvents(query: EventSearch): Promise<Page<LedgerEvent>> {
    const docs = await this.#events
      .find({ ...eventFilter(query), ...before('at', query.cursor) })
      .sort({ at: -1, _id: -1 })
      .limit(query.limit + 1)
      .toArray();
    return pageOf(docs.map(eventFromDoc), query.limit, (last) => ({
      receivedAt: last.at,
      messageId: last.eventId,
    }));
  }

  async countEvents(query: Omit<EventSearch, 'cursor' | 'limit'>): Promise<number> {
    return this.#events.countDocuments(eventFilter(query));
  }

  async findDue(kind: DueKind, now: string, limit: number): Promise<MessageRecord[]> {
    const { filter, sort } = DUE_QUERIES[kind](now);
    const docs = await this.#messages.find(filter).sort(sort).limit(limit).toArray();
    return docs.map(messageOf);
  }

  async appendEvent(event: NewLedgerEvent): Promise<LedgerEvent> {
    // Optimistic append: read the subject's head, insert the next position; the unique
    // (subject, seq) index makes a concurrent writer lose and retry. Contention is per subject.
    for (let attempt = 0; ; attempt += 1) {
      const head = await this.#head(event.subject);
      const chained = chainEvent(
        event,
        head === null ? 0 : (head.seq as number) + 1,
        (head?.hash as string) ?? '',
      );
      try {
        await this.#events.insertOne({ _id: chained.eventId, ...chained, batch: null });
        return chained;
      } catch (error) {
        if (!isDuplicate(error) || attempt >= 20) throw error;
      }
    }
  }

  /** Appends an event at seq 0 of its subject unless one is there (a retried opening). */
  async #appendOnce(event: NewLedgerEvent): Promise<LedgerEvent> {
    const chained = chainEvent(event, 0, '');
    try {
      await this.#events.insertOne({ _id: chained.eventId, ...chained, batch: null });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
    return chained;
  }

  async lastEvent(subject: string): Promise<LedgerEvent | undefined> {
    const head = await this.#head(subject);
    return head === null ? undefined : eventFromDoc(head);
  }

  async listEvents(subject: string): Promise<LedgerEvent[]> {
    const docs = await this.#events.find({ subject }).sort({ seq: 1 }).toArray();
    return docs.map(eventFromDoc);
  }

  async openConversation(record: ConversationRecord): Promise<ConversationRecord> {
    try {
      await this.#conversations.insertOne({ _id: record.conversationId, ...record });
      return record;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      return (await this.getConversation(record.conversationId)) as ConversationRecord;
    }
  }

  async getConversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return strip(await this.#conversations.findOne({ _id: conversationId }));
  }

  async closeConversation(conversationId: string, at: string): Promise<boolean> {
    const result = await this.#conversations.updateOne(
      { _id: conversationId, status: 'open' },
      { $set: { status: 'closed', closedAt: at } },
    );
    return result.modifiedCount === 1;
  }

  async putOperator(operator: Operator): Promise<void> {
    await this.#operators.replaceOne(
      { _id: operator.name },
      { _id: operator.name, ...operator },
      { upsert: true },
    );
  }

  async getOperator(name: string): Promise<Operator | undefined> {
    return strip(await this.#operators.findOne({ _id: name }));
  }

  async listOperators(): Promise<Operator[]> {
    const docs = await this.#operators.find({}).sort({ _id: 1 }).toArray();
    return docs.map((doc) => strip<Operator>(doc) as Operator);
  }

  async deleteOperator(name: string): Promise<boolean> {
    return (await this.#operators.deleteOne({ _id: name })).deletedCount === 1;
  }

  async updateLoginState(name: string, passwordHash: string, state: LoginState): Promise<boolean> {
    const { lockedUntil, failedLogins } = state;
    const result = await this.#operators.updateOne(
      { _id: name, passwordHash },
      lockedUntil === undefined
        ? { $set: { failedLogins }, $unset: { lockedUntil: '' } }
        : { $set: { failedLogins, lockedUntil } },
    );
    return result.matchedCount === 1;
  }

  async putPortalUser(user: PortalUser): Promise<void> {
    await this.#portalUsers.replaceOne(
      { _id: user.name },
      { _id: user.name, ...user },
      { upsert: true },
    );
  }

  async getPortalUser(name: string): Promise<PortalUser | undefined> {
    if (typeof name !== 'string') return undefined;
    return strip(await this.#portalUsers.findOne({ _id: name }));
  }

  async listPortalUsers(participant?: string): Promise<PortalUser[]> {
    const docs = await this.#portalUsers
      .find(typeof participant === 'string' ? { participant } : {})
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => strip<PortalUser>(doc) as PortalUser);
  }

  async deletePortalUser(name: string): Promise<boolean> {
    return (await this.#portalUsers.deleteOne({ _id: name })).deletedCount === 1;
  }

  async updatePortalLoginState(
    name: string,
    passwordHash: string,
    state: PortalLoginState,
  ): Promise<boolean> {
    const { lockedUntil, ...set } = state;
    // A code's step is spent once: two logins racing with one code, one of them wins.
    const spent =
      state.lastTotpStep === undefined
        ? {}
        : {
            $or: [
              { lastTotpStep: { $exists: false } },
              { lastTotpStep: { $lt: state.lastTotpStep } },
            ],
          };
    const result = await this.#portalUsers.updateOne(
      { _id: name, passwordHash, ...spent },
      lockedUntil === undefined
        ? { $set: set, $unset: { lockedUntil: '' } }
        : { $set: { ...set, lockedUntil } },
    );
    return result.matchedCount === 1;
  }

  async claimPortalDigest(
    name: string,
    previous: string | undefined,
    next: string | undefined,
  ): Promise<boolean> {
    const result = await this.#portalUsers.updateOne(
      { _id: name, lastDigestAt: previous === undefined ? { $exists: false } : previous },
      next === undefined ? { $unset: { lastDigestAt: '' } } : { $set: { lastDigestAt: next } },
    );
    return result.matchedCount === 1;
  }

  async putPortalSession(session: PortalSession): Promise<void> {
    await this.#portalSessions.replaceOne(
      { _id: session.id },
      { _id: session.id, ...session },
      { upsert: true },
    );
  }

  async getPortalSession(id: string): Promise<PortalSession | undefined> {
    if (typeof id !== 'string') return undefined;
    return strip(await this.#portalSessions.findOne({ _id: id }));
  }

  async deletePortalSession(id: string): Promise<void> {
    await this.#portalSessions.deleteOne({ _id: id });
  }

  async deletePortalSessionsOf(user: string): Promise<void> {
    await this.#portalSessions.deleteMany({ user });
  }

  async putSession(session: OperatorSession): Promise<void> {
    await this.#sessions.replaceOne(
      { _id: session.id },
      { _id: session.id, ...session },
      { upsert: true },
    );
  }

  async getSession(id: string): Promise<OperatorSession | undefined> {
    return strip(await this.#sessions.findOne({ _id: id }));
  }

  async deleteSession(id: string): Promise<void> {
    await this.#sessions.deleteOne({ _id: id });
  }

  async deleteSessionsOf(operator: string): Promise<void> {
    await this.#sessions.deleteMany({ operator });
  }

  async putParticipant(participant: Participant): Promise<void> {
    await this.#participants.replaceOne(
      { _id: participant.oin },
      { _id: participant.oin, ...participant },
      { upsert: true },
    );
  }

  async getParticipant(oin: string): Promise<Participant | undefined> {
    return strip(await this.#participants.findOne({ _id: oin }));
  }

  async listParticipants(): Promise<Participant[]> {
    const docs = await this.#participants.find({}).sort({ _id: 1 }).toArray();
    return docs.map((doc) => strip<Participant>(doc) as Participant);
  }

  async findParticipantByThumbprint(thumbprint: string): Promise<Participant | undefined> {
    return strip(await this.#participants.findOne({ 'certificates.thumbprint': thumbprint }));
  }

  async unsealedEvents(limit: number): Promise<LedgerEvent[]> {
    const docs = await this.#events
      .find({ batch: null })
      .sort({ at: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(eventFromDoc);
  }

  async lastSeal(): Promise<LedgerSeal | undefined> {
    const doc = await this.#seals.find({}).sort({ _id: -1 }).limit(1).next();
    return strip(doc);
  }

  async writeSeal(seal: LedgerSeal): Promise<boolean> {
    try {
      await this.#seals.insertOne({ _id: seal.batch, ...seal });
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  async markSealed(eventIds: readonly string[], batch: number): Promise<void> {
    // One update statement per event, filtered by `_id` alone, sent in bulks of MARK_CHUNK:
    // one round trip per bulk on MongoDB, and on FerretDB each statement is an `_id` lookup
    // (an `$in` filter scans the collection, and its per-document writes made a 2,000-event
    // `updateMany` hold the SQLite writer for tens of seconds). No `batch: null` guard: the
    // seal's unique batch number fixes which events a batch holds, so a repeat sets the same
    // value.
    for (let i = 0; i < eventIds.length; i += MARK_CHUNK) {
      await this.#events.bulkWrite(
        eventIds
          .slice(i, i + MARK_CHUNK)
          .map((id) => ({ updateOne: { filter: { _id: id }, update: { $set: { batch } } } })),
        { ordered: false },
      );
    }
  }

  async tryLease(name: string, owner: string, now: string, until: string): Promise<boolean> {
    // Leases are terms: `<name>#<term>`, the highest term rules. Renewing a live lease is an
    // update of one's own term; taking a lapsed one is the insert of the next term, which the
    // unique _id lets exactly one process win (conditional updates alone are not atomic on
    // FerretDB 1.x).
    const head = await this.#leases.find({ name }).sort({ term: -1 }).limit(1).next();
    if (head !== null && (head.until as string) > now) {
      if (head.owner !== owner) return false;
      await this.#leases.updateOne({ _id: head._id, owner }, { $set: { until } });
      return true;
    }
    // Giving back (`until` not after `now`) a lease one does not hold live: nothing to do, and
    // no new term in the history.
    if (until <= now) return false;
    const term = head === null ? 0 : (head.term as number) + 1;
    try {
      await this.#leases.insertOne({ _id: `${name}#${term}`, name, term, owner, until });
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }

  async claimOnce(key: string, now: string, until: string): Promise<boolean> {
    return this.#claims.claimOnce(key, now, until);
  }

  async sweepClaims(now: string, limit: number): Promise<number> {
    return this.#claims.sweepClaims(now, limit);
  }

  async eventsSince(at: string, limit: number): Promise<LedgerEvent[]> {
    const docs = await this.#events
      .find({ at: { $gte: at } })
      .sort({ at: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(eventFromDoc);
  }

  async liveLeases(prefix: string, now: string): Promise<LeaseHolder[]> {
    // A name's highest term rules; a lapsed term below a live one is history.
    const docs = await this.#leases
      .find({ name: { $gte: prefix, $lt: `${prefix}\uffff` } })
      .sort({ name: 1, term: -1 })
      .toArray();
    const heads = new Map<string, KeyedDoc>();
    for (const doc of docs) if (!heads.has(doc.name as string)) heads.set(doc.name as string, doc);
    return [...heads.values()]
      .filter((doc) => (doc.until as string) > now)
      .map((doc) => ({
        name: doc.name as string,
        owner: doc.owner as string,
        until: doc.until as string,
      }));
  }

  async *allEvents(): AsyncIterable<LedgerEvent> {
    for await (const doc of this.#events.find({})) yield eventFromDoc(doc);
  }

  async *allMessages(): AsyncIterable<MessageRecord> {
    for await (const doc of this.#messages.find({})) yield messageOf(doc);
  }

  async *allSeals(): AsyncIterable<LedgerSeal> {
    for await (const doc of this.#seals.find({})) yield strip<LedgerSeal>(doc) as LedgerSeal;
  }

  /** For tamper tests and repair tools only: the raw collections. */
  unsafeCollection(name: 'events' | 'seals' | 'messages' | 'participants'): Collection<KeyedDoc> {
    return this.#db.collection(name);
  }

  /** Drops the whole database (tests). */
  async dropDatabase(): Promise<void> {
    await this.#db.dropDatabase();
  }
}

// A server that cannot be reached (stopped, restarting, failing over) is LEDGER_UNAVAILABLE
// from every operation, so that nobody above has to know the driver's errors.
declareUnavailability(MongoLedger, isMongoUnreachable);
// Its attachments (`ledger.attachments`) are a store of their own, called directly.
declareUnavailability(MongoAttachments, isMongoUnreachable);

function eventFromDoc(doc: Document): LedgerEvent {
  const { _id, batch, ...event } = doc;
  return batch === null || batch === undefined
    ? (event as LedgerEvent)
    : { ...(event as LedgerEvent), batch };
}

/**
 * The `received` event's data as the first writer stored it: its transport and portal user,
 * whatever a redelivery arrived by (the same hash the first receipt names).
 */
function receivedAs(
  data: Readonly<Record<string, unknown>>,
  existing: MessageRecord,
): Record<string, unknown> {
  const { portalUser: _ignored, ...rest } = data;
  return {
    ...rest,
    transport: existing.transport,
    ...(existing.portalUser === undefined ? {} : { portalUser: existing.portalUser }),
  };
}
