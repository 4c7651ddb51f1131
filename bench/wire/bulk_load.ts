/**
 * The bulk loader of `npm run bench -- --growth=…` (issue 14): fills a ledger with a given
 * number of messages as the hub would have left them, through the ledger's own port — each
 * conversation a saldoverzoek and its answer (the demo's case generator, 1–20 claim lines),
 * stored with `insertMessage` (the `received` event, the conversation and its
 * `conversation-opened` event) and the later moves' events with `appendEvent`, the records and
 * events made by the same lifecycle functions the pipeline and the REST routes call
 * (src/lifecycle/). The record is stored in its final state at once (delivered, picked up,
 * answered), which is what the hub's conditional updates would have left. A batch of
 * conversations is written at once, each message's writes in order: on SQLite the writes of one
 * turn share a group-commit transaction, so a batch costs a commit per step, not per write; on
 * MongoDB (no transactions) the same calls work, only more slowly.
 * Events are sealed as the hub's sealer seals them, so a hub started on the result has no
 * backlog to seal, and `knooppunt ledger verify` finds nothing.
 *
 * What it leaves out to be fast: a few template conversations are signed, and each loaded
 * conversation reuses one's payloads (so the payload digests stay true) under fresh message
 * and conversation ids — the sender's signature is then the template's, which no verification
 * reads back from the ledger (verify checks chains, seals, records against events and payloads
 * against digests). Every acceptance receipt is signed afresh by the hub's key.
 */
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageFactory } from '@knooppunt/sdk';
import {
  createSchemaRegistry,
  createSigner,
  ReceiptSigner,
  resolveMessageType,
} from '@knooppunt/standard';
import type { Envelope, SignedMessage } from '@knooppunt/standard';
import { createDebtCase, saldoverzoek } from '../../src/demo/debt_case.ts';
import { DEFAULT_HUB_OIN, DEV_NETWORK, devSignerFor } from '../../src/devnet/dev_network.ts';
import type {
  ConversationStore,
  InsertOutcome,
  LeaseStore,
  MessageStore,
  SealStore,
} from '../../src/ledger/port.ts';
import { sealPending } from '../../src/ledger/sealer.ts';
import {
  acceptanceClaims,
  acceptedRecord,
  answer,
  applied,
  conversationOpening,
  delivery,
  hubMetadata,
  pickup,
  receivedEvent,
} from '../../src/lifecycle/index.ts';
import { SqliteLedger } from '../../src/ledger/sqlite_ledger.ts';
import type { MessageRecord, NewLedgerEvent } from '../../src/ledger/types.ts';
import { balanceAnswer } from './cast.ts';

/** A conversation to copy: a signed saldoverzoek and its signed answer. */
export type TemplatePair = readonly [SignedMessage, SignedMessage];

/** What the loader writes to. */
export type LoadableLedger = MessageStore & ConversationStore & SealStore & LeaseStore;

/** Options of one load. */
export interface BulkLoadOptions {
  readonly ledger: LoadableLedger;
  readonly templates: readonly TemplatePair[];
  /** Messages to add (rounded up to whole conversations of two). */
  readonly messages: number;
  /** The hub's receipt signer (its key signs each acceptance receipt). */
  readonly receipts: ReceiptSigner;
  /** The loaded messages were received during the hour before this time. */
  readonly until: Date;
  /**
   * The share of messages left waiting in their recipient's mailbox (accepted, or delivered
   * and not acknowledged); the rest are picked up. @defaultValue 0.05
   */
  readonly waitingShare?: number;
  /** Pickup retention, as the hub's KNOOPPUNT_RETENTION_DAYS. @defaultValue 7 */
  readonly retentionDays?: number;
  /** Conversations per group-commit transaction. @defaultValue 1000 */
  readonly batch?: number;
  /** Told the number of messages written after each batch. */
  readonly onProgress?: (written: number) => void;
}

/** What a load wrote. */
export interface BulkLoadResult {
  readonly messages: number;
  readonly events: number;
  readonly sealed: number;
  readonly elapsedMs: number;
}

const HOUR_MS = 3_600_000;

/** A copy of `message` under fresh ids (its payload, digest and signature the template's). */
function copyOf(message: SignedMessage, fields: Partial<Envelope>): SignedMessage {
  return { ...message, envelope: { ...message.envelope, ...fields } };
}

/** One message's writes: its final record, its `received` event, the moves after it. */
interface Stored {
  readonly record: MessageRecord;
  readonly received: NewLedgerEvent;
  readonly later: NewLedgerEvent[];
}

/**
 * The writes of one accepted message received at `receivedAt`, moved on as `moves` says:
 * delivered at +1 s, picked up at +2 s (each also when only later moves are asked).
 */
function accepted(
  message: SignedMessage,
  receivedAt: Date,
  receipts: ReceiptSigner,
  state: 'accepted' | 'delivered' | 'picked-up',
  retentionDays: number,
): Stored {
  const { envelope } = message;
  const spec = resolveMessageType(envelope.module, envelope.messageType, envelope.version);
  const metadata = hubMetadata(spec, message.payload);
  const received = receivedEvent(envelope, receivedAt.toISOString(), 'rest', undefined, metadata);
  let record = acceptedRecord({
    message,
    receivedAt,
    transport: 'rest',
    route: 'rest',
    receipt: receipts.sign(acceptanceClaims(receipts.hubOin, envelope, received)),
    ...(metadata === undefined ? {} : { metadata }),
    ...(spec.answerDeadlineWorkingDays === undefined
      ? {}
      : { answerDeadlineWorkingDays: spec.answerDeadlineWorkingDays }),
  });
  const later: NewLedgerEvent[] = [];
  if (state !== 'accepted') {
    const update = delivery(
      envelope.messageId,
      new Date(receivedAt.getTime() + 1000),
      'rest',
      envelope.recipient,
    );
    record = applied(record, update);
    later.push(update.event);
  }
  if (state === 'picked-up') {
    const at = new Date(receivedAt.getTime() + 2000);
    const update = pickup(envelope.messageId, envelope.recipient, at, retentionDays, 'rest');
    record = applied(record, update);
    later.push(update.event);
  }
  return { record, received, later };
}

/** The state of the `n`th loaded message: every 1/waitingShare-th waits, alternately delivered. */
function stateOf(n: number, waitingShare: number): 'accepted' | 'delivered' | 'picked-up' {
  if (waitingShare <= 0) return 'picked-up';
  const every = Math.max(1, Math.round(1 / waitingShare));
  if (n % every !== 0) return 'picked-up';
  return (n / every) % 2 === 0 ? 'accepted' : 'delivered';
}

/** Queues the writes of conversation `k` (all in the current turn: one SQLite transaction). */
function queueConversation(
  options: BulkLoadOptions,
  k: number,
  receivedAt: Date,
  pending: Promise<void>[],
): number {
  const { ledger, templates, receipts, retentionDays = 7, waitingShare = 0.05 } = options;
  const [request, reply] = templates[k % templates.length] as TemplatePair;
  const conversationId = randomUUID();
  const requestId = randomUUID();
  const asked = copyOf(request, { messageId: requestId, conversationId });
  const answered = copyOf(reply, {
    messageId: randomUUID(),
    conversationId,
    inReplyTo: requestId,
  });
  // The answer comes 5 s after the request, whose pickup (+2 s) it follows.
  const answerAt = new Date(receivedAt.getTime() + 5000);
  const first = accepted(asked, receivedAt, receipts, stateOf(2 * k, waitingShare), retentionDays);
  const second = accepted(
    answered,
    answerAt,
    receipts,
    stateOf(2 * k + 1, waitingShare),
    retentionDays,
  );
  const answering = answer(requestId, second.record);
  const opens = conversationOpening(asked.envelope, first.record.receivedAt);
  // Each message's writes one after the other (on MongoDB concurrent appends to one chain
  // would race); the request's last is `answered`, after its own moves, as the answer came last.
  pending.push(
    inOrder(ledger, ledger.insertMessage(applied(first.record, answering), first.received, opens), [
      ...first.later,
      answering.event,
    ]),
    inOrder(ledger, ledger.insertMessage(second.record, second.received), second.later),
  );
  return 4 + first.later.length + second.later.length; // received ×2, opened, answered
}

/**
 * Awaits a message's insert, then appends its later events in order. On SQLite the writes of
 * every conversation of a batch still share each group-commit transaction, step by step.
 */
async function inOrder(
  ledger: LoadableLedger,
  insert: Promise<InsertOutcome>,
  events: readonly NewLedgerEvent[],
): Promise<void> {
  const outcome = await insert;
  if (!outcome.inserted) throw new Error('bulk load: a message id was already in the ledger');
  for (const event of events) await ledger.appendEvent(event);
}

/** Adds `options.messages` messages to the ledger, batch by batch, sealing as it goes. */
export async function bulkLoad(options: BulkLoadOptions): Promise<BulkLoadResult> {
  const { ledger, until, batch = 1000 } = options;
  const began = performance.now();
  const conversations = Math.ceil(options.messages / 2);
  const owner = `bulk-load-${randomUUID()}`;
  const clock = { now: () => until };
  const spacingMs = HOUR_MS / Math.max(1, conversations);
  const start = until.getTime() - HOUR_MS - 10_000; // the last answer's moves before `until`
  let events = 0;
  let sealed = 0;
  for (let k = 0; k < conversations; k += batch) {
    const pending: Promise<void>[] = [];
    const end = Math.min(conversations, k + batch);
    for (let c = k; c < end; c += 1) {
      events += queueConversation(options, c, new Date(start + c * spacingMs), pending);
    }
    await Promise.all(pending);
    sealed += await sealPending(ledger, { owner, clock });
    options.onProgress?.(end * 2);
  }
  return { messages: conversations * 2, events, sealed, elapsedMs: performance.now() - began };
}

/**
 * The indexes the loader itself reads with (message and event ids, a subject's chain, the
 * unsealed events): the rest are only kept up to date, which costs more than building them.
 */
const LOADER_READS = new Set(['events_unsealed']);

/**
 * Runs `work` (a bulk load) on the embedded ledger the way bulk loads into SQLite are done:
 * the secondary indexes the load does not read are dropped first and built again afterwards
 * (the ledger's own `init`, whose schema creates what is missing — about twice as fast as
 * keeping them up to date row by row), and the connection syncs nothing (a crash in the middle
 * loses a bench ledger, which is made again). Only this connection is changed; a hub opening the
 * file gets the ledger's usual settings.
 */
export async function withBulkLoading<T>(ledger: SqliteLedger, work: () => Promise<T>): Promise<T> {
  ledger.unsafeExec('PRAGMA synchronous = OFF');
  ledger.unsafeExec('PRAGMA cache_size = -524288'); // 512 MiB of page cache
  const indexes = ledger.unsafeQuery(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
  );
  for (const { name } of indexes) {
    // Names from the ledger's own schema (sqlite_schema.ts), never input.
    if (!LOADER_READS.has(name as string)) ledger.unsafeExec(`DROP INDEX ${name as string}`);
  }
  try {
    return await work();
  } finally {
    await ledger.init();
    ledger.unsafeExec('PRAGMA synchronous = FULL');
  }
}

/** The receipt signer of the hub whose data folder is `dataDir` (the development layout). */
export function hubReceiptSigner(dataDir: string): ReceiptSigner {
  const hubDir = join(dataDir, 'pki', 'hub');
  const signer = createSigner(
    createPrivateKey(readFileSync(join(hubDir, 'key.pem'), 'utf8')),
    new X509Certificate(readFileSync(join(hubDir, 'cert.pem'), 'utf8')),
  );
  return new ReceiptSigner(signer, DEFAULT_HUB_OIN);
}

/**
 * `count` template conversations of the development network (its first debt-help organisation
 * asks the demo case's 14 creditors; answers of 1–20 claim lines), signed with the keys in
 * `pkiDir` (a data folder's `pki`, made by `knooppunt init` or the development bootstrap).
 */
export function devTemplates(pkiDir: string, count: number): TemplatePair[] {
  const schemas = createSchemaRegistry();
  const organisation = DEV_NETWORK.find((p) => p.kind === 'schuldhulpverlener-fase-2');
  if (organisation === undefined) throw new Error('the development network has no organisation');
  const asker = new MessageFactory({
    oin: organisation.oin,
    signer: devSignerFor(pkiDir, organisation.oin),
    schemas,
  });
  const debtCase = createDebtCase();
  const answerers = debtCase.creditors.map(
    (creditor) =>
      new MessageFactory({
        oin: creditor.oin,
        signer: devSignerFor(pkiDir, creditor.oin),
        schemas,
      }),
  );
  return Array.from({ length: count }, (_, i) => {
    const creditor = debtCase.creditors[
      i % debtCase.creditors.length
    ] as (typeof debtCase.creditors)[number];
    const request = asker.create({
      type: 'saldoverzoek',
      module: 'schuldinventarisatie',
      recipient: creditor.oin,
      payload: saldoverzoek(debtCase, creditor) as never,
    });
    const reply = (answerers[i % answerers.length] as MessageFactory).create({
      type: 'saldoverzoek-antwoord',
      module: 'schuldinventarisatie',
      recipient: organisation.oin,
      conversationId: request.envelope.conversationId,
      inReplyTo: request.envelope.messageId,
      payload: balanceAnswer(debtCase, creditor, 1 + ((7 * i) % 20)) as never,
    });
    return [request, reply] as const;
  });
}

/** The messages in the SQLite ledger of the data folder `dataDir`; 0 without one. */
export async function messagesInSqlite(dataDir: string): Promise<number> {
  const path = join(dataDir, 'ledger.sqlite');
  if (!existsSync(path)) return 0;
  const ledger = new SqliteLedger(path);
  try {
    await ledger.init();
    return Number(ledger.unsafeQuery('SELECT count(*) AS n FROM messages')[0]?.['n'] ?? 0);
  } finally {
    await ledger.close();
  }
}
