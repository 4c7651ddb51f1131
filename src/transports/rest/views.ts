/**
 * The bodies the REST API answers with, as types and as pure functions from ledger records.
 * Every view except a fetched message is metadata only: ids, types, OINs, times, statuses —
 * never a payload. The OpenAPI document (openapi_schemas.ts) describes the same shapes.
 */
import type { Envelope, Payload } from '../../envelope/message.ts';
import type {
  ConversationRecord,
  LedgerEvent,
  MessageRecord,
  MessageStatus,
} from '../../ledger/types.ts';
import type { ReceiptClaims } from '../../receipts/receipt.ts';

/** A message in a mailbox or conversation listing: metadata only. */
export interface MailboxItem {
  readonly messageId: string;
  readonly conversationId: string;
  readonly inReplyTo?: string;
  readonly module: string;
  readonly messageType: string;
  readonly version: string;
  readonly sender: string;
  readonly recipient: string;
  readonly createdAt: string;
  readonly receivedAt: string;
  readonly status: MessageStatus;
  readonly answerDueAt?: string;
  readonly expiresAt: string;
}

/** A page of the mailbox. */
export interface MailboxPage {
  readonly items: readonly MailboxItem[];
  /** Present when there are more items: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}

/** The answer to an accepted (201) or repeated (200) submission. */
export interface SubmissionResult {
  readonly status: 'accepted';
  readonly messageId: string;
  readonly receivedAt: string;
  readonly ledgerPosition: string;
  /** The hub-signed receipt (compact JWS); verify it with `GET /v1/hub/certificate`. */
  readonly receipt: string;
  /** True when the hub had this message already; the receipt is the original one. */
  readonly duplicate?: true;
}

/** A message as its recipient fetches it. */
export interface FetchedMessage {
  readonly envelope: Envelope;
  readonly payload: Payload;
  readonly signature: string;
  readonly receivedAt: string;
  readonly status: MessageStatus;
}

/** The answer to an acknowledgement. */
export interface AckResult {
  readonly messageId: string;
  readonly status: 'picked-up';
  readonly pickedUpAt: string;
}

/** One event of a message's history. */
export interface TimelineEntry {
  readonly eventId: string;
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
}

/** Where a message stands, for its sender and recipient. */
export interface MessageStatusView {
  readonly messageId: string;
  readonly conversationId: string;
  readonly module: string;
  readonly messageType: string;
  readonly sender: string;
  readonly recipient: string;
  readonly status: MessageStatus;
  readonly receivedAt: string;
  readonly expiresAt: string;
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  readonly answerDueAt?: string;
  readonly answeredAt?: string;
  readonly payloadDroppedAt?: string;
  /** The receipt, for the sender only. */
  readonly receipt?: string;
  readonly timeline: readonly TimelineEntry[];
}

/** A conversation as one of its participants sees it. */
export interface ConversationView {
  readonly conversationId: string;
  readonly owner: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly closedAt?: string;
  /** The messages this participant sent or received in it, in the order the hub received them. */
  readonly messages: readonly MailboxItem[];
}

/** Copies the properties of `from` that are defined (JSON has no `undefined`). */
function defined<T extends object>(from: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(from).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The listing form of a message. */
export function mailboxItem(record: MessageRecord): MailboxItem {
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
