/**
 * The bodies the REST API answers with, as pure functions from ledger records; their types are
 * the wire contract (@knooppunt/standard, packages/standard/src/wire/rest.ts). Every view
 * except a fetched message is metadata only: ids, types, OINs, times, statuses — never a
 * payload. The OpenAPI document (openapi_schemas.ts) describes the same shapes.
 */
import type {
  ConversationRecord,
  LedgerEvent,
  MailboxEntry,
  MessageRecord,
} from '../../ledger/types.ts';
import type {
  ConversationView,
  MailboxItem,
  MessageStatusView,
  ReceiptClaims,
  SubmissionResult,
} from '@knooppunt/standard';

/** Copies the properties of `from` that are defined (JSON has no `undefined`). */
function defined<T extends object>(from: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(from).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The listing form of a message. */
export function mailboxItem(record: MailboxEntry): MailboxItem {
  const { envelope } = record;
  return {
    messageId: record.messageId,
    conversationId: record.conversationId,
    ...defined({ inReplyTo: envelope.inReplyTo }),
    module: record.module,
    messageType: record.messageType,
    version: envelope.version,
    sender: record.sender,
    recipient: record.recipient,
    createdAt: envelope.createdAt,
    receivedAt: record.receivedAt,
    status: record.status,
    ...defined({ answerDueAt: record.answerDueAt }),
    expiresAt: record.expiresAt,
  };
}

/** The body of a 201/200 submission answer. */
export function submissionResult(
  claims: ReceiptClaims,
  receipt: string,
  duplicate: boolean,
): SubmissionResult {
  return {
    status: 'accepted',
    messageId: claims.messageId as string,
    receivedAt: claims.receivedAt,
    ledgerPosition: claims.ledgerPosition,
    receipt,
    ...(duplicate ? { duplicate: true as const } : {}),
  };
}

/** A message's status; the receipt only when `forSender`. */
export function messageStatusView(
  record: MessageRecord,
  events: readonly LedgerEvent[],
  forSender: boolean,
): MessageStatusView {
  return {
    messageId: record.messageId,
    conversationId: record.conversationId,
    module: record.module,
    messageType: record.messageType,
    sender: record.sender,
    recipient: record.recipient,
    status: record.status,
    receivedAt: record.receivedAt,
    expiresAt: record.expiresAt,
    ...defined({
      deliveredAt: record.deliveredAt,
      pickedUpAt: record.pickedUpAt,
      expiredAt: record.expiredAt,
      answerDueAt: record.answerDueAt,
      answeredAt: record.answeredAt,
      payloadDroppedAt: record.payloadDroppedAt,
    }),
    ...(forSender ? { receipt: record.receipt } : {}),
    timeline: events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      at: event.at,
      ...defined({ actor: event.actor }),
    })),
  };
}

/** A conversation with the messages `oin` sent or received in it, never anyone else's. */
export function conversationView(
  conversation: ConversationRecord,
  messages: readonly MessageRecord[],
  oin: string,
): ConversationView {
  return {
    conversationId: conversation.conversationId,
    owner: conversation.owner,
    status: conversation.status,
    openedAt: conversation.openedAt,
    ...defined({ closedAt: conversation.closedAt }),
    messages: messages
      .filter((record) => record.sender === oin || record.recipient === oin)
      .map(mailboxItem),
  };
}
