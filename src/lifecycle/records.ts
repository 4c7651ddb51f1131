/**
 * A message's life begins here: the record the ledger stores when the hub accepts a message,
 * its `received` event (position 0 of its chain, whose hash the acceptance receipt names), and
 * the conversation it opens. Pure functions, one definition for every writer of messages — the
 * pipeline for participants' messages, housekeeping for the hub's own notices — so the ledger
 * holds one shape whoever wrote it.
 */
import { addWorkingDays, endOfDutchDay } from '@knooppunt/standard';
import type { Envelope, SignedMessage } from '@knooppunt/standard';
import type { OpensConversation } from '../ledger/port.ts';
import { partitionOf } from '../ledger/types.ts';
import type { MessageRecord, NewLedgerEvent } from '../ledger/types.ts';

/** Working days an unfetched message waits before it expires (DOMAIN.md). */
export const DEFAULT_EXPIRY_WORKING_DAYS = 5;

/** What the hub knows when it accepts a message. */
export interface Acceptance {
  readonly message: SignedMessage;
  /** When the hub accepted it (its clock). */
  readonly receivedAt: Date;
  /** How it arrived: a participant's transport, or `hub` for the hub's own notices. */
  readonly transport: MessageRecord['transport'];
  /** The portal user who made it (transport `portal`). */
  readonly portalUser?: string;
  /** How its recipient takes delivery (the recipient's transport preference). */
  readonly route: MessageRecord['route'];
  /** The hub-signed acceptance receipt. */
  readonly receipt: string;
  /** @defaultValue {@link DEFAULT_EXPIRY_WORKING_DAYS} */
  readonly expiryWorkingDays?: number;
  /** Development and test hubs: expire this many seconds after receipt instead (KNOOPPUNT_EXPIRY_SECONDS). */
  readonly expirySeconds?: number;
  /** For a request: working days its answer is due in (the catalogue's deadline). */
  readonly answerDeadlineWorkingDays?: number;
  /** What the hub read from the payload (hub_reads.ts), when the catalogue declares any. */
  readonly metadata?: Readonly<Record<string, string>>;
}

/** The end of the Dutch working day `days` working days after `from`, as ISO 8601. */
function workingDaysAfter(from: Date, days: number): string {
  return endOfDutchDay(addWorkingDays(from, days)).toISOString();
}

/** A request's deadline, open until it is answered. */
function answerDeadline(due: string): Pick<MessageRecord, 'answerDueAt' | 'openAnswerDueAt'> {
  return { answerDueAt: due, openAnswerDueAt: due };
}

/** The record of an accepted message: status `accepted`, its expiry and answer deadline set. */
export function acceptedRecord(acceptance: Acceptance): MessageRecord {
  const { message, receivedAt } = acceptance;
  const { envelope } = message;
  const deadline = acceptance.answerDeadlineWorkingDays;
  return {
    messageId: envelope.messageId,
    envelope,
    signature: message.signature,
    payload: message.payload,
    sender: envelope.sender,
    recipient: envelope.recipient,
    conversationId: envelope.conversationId,
    module: envelope.module,
    messageType: envelope.messageType,
    receivedAt: receivedAt.toISOString(),
    status: 'accepted',
    transport: acceptance.transport,
    ...(acceptance.portalUser === undefined ? {} : { portalUser: acceptance.portalUser }),
    route: acceptance.route,
    partition: partitionOf(envelope.recipient),
    receipt: acceptance.receipt,
    ...(acceptance.metadata === undefined ? {} : { metadata: acceptance.metadata }),
    expiresAt:
      acceptance.expirySeconds === undefined
        ? workingDaysAfter(receivedAt, acceptance.expiryWorkingDays ?? DEFAULT_EXPIRY_WORKING_DAYS)
        : new Date(receivedAt.getTime() + acceptance.expirySeconds * 1000).toISOString(),
    ...(deadline === undefined ? {} : answerDeadline(workingDaysAfter(receivedAt, deadline))),
  };
}

/**
 * The `received` event of a message accepted at `receivedAt` over `transport`, naming the
 * portal user who made it when it came through the portal, and the metadata the hub read from
 * its payload (hub_reads.ts), so that the chain vouches for the figures made of it.
 */
export function receivedEvent(
  envelope: Envelope,
  receivedAt: string,
  transport: MessageRecord['transport'],
  portalUser?: string,
  metadata?: Readonly<Record<string, string>>,
): NewLedgerEvent {
  return {
    subject: envelope.messageId,
    type: 'received',
    at: receivedAt,
    actor: envelope.sender,
    data: {
      sender: envelope.sender,
      recipient: envelope.recipient,
      conversationId: envelope.conversationId,
      module: envelope.module,
      messageType: envelope.messageType,
      version: envelope.version,
      payloadDigest: envelope.payloadDigest,
      transport,
      ...(portalUser === undefined ? {} : { portalUser }),
      ...(envelope.inReplyTo === undefined ? {} : { inReplyTo: envelope.inReplyTo }),
      ...(metadata === undefined ? {} : { metadata }),
    },
  };
}

/** The conversation a message opens (its sender owns it), with its `conversation-opened` event. */
export function conversationOpening(envelope: Envelope, receivedAt: string): OpensConversation {
  return {
    conversation: {
      conversationId: envelope.conversationId,
      owner: envelope.sender,
      status: 'open',
      openedAt: receivedAt,
      openedBy: envelope.messageId,
    },
    event: {
      subject: conversationSubject(envelope.conversationId),
      type: 'conversation-opened',
      at: receivedAt,
      actor: envelope.sender,
      data: { owner: envelope.sender, messageId: envelope.messageId },
    },
  };
}

/** The event subject of a conversation: `conversation:<id>`. */
export function conversationSubject(conversationId: string): string {
  return `conversation:${conversationId}`;
}

/** The `conversation-closed` event, recorded when `record` (a closing type) closed it. */
export function conversationClosedEvent(record: MessageRecord): NewLedgerEvent {
  return {
    subject: conversationSubject(record.conversationId),
    type: 'conversation-closed',
    at: record.receivedAt,
    actor: record.sender,
    data: { messageId: record.messageId, messageType: record.messageType },
  };
}
