/**
 * The REST wire contract: the bodies the hub answers with, as types shared by the hub (which
 * builds them, src/transports/rest/views.ts) and by clients (the SDK, which reads them). Every
 * body but a fetched message is metadata only: ids, types, OINs, times, statuses — never a
 * payload. The hub's OpenAPI document describes the same shapes; so does docs/api.md.
 */
import type { ErrorCode, SchemaViolation } from '../errors.ts';
import type { Envelope, Payload } from '../envelope/message.ts';
import type { Reason } from '../receipts/receipt.ts';

/** Where a message stands. */
export type MessageStatus = 'accepted' | 'delivered' | 'picked-up' | 'expired';

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

/**
 * One message in a participant's own log (`GET /v1/log`): what it sent or received, with the
 * other party and where the message stands. Metadata only.
 */
export interface LogEntry extends MailboxItem {
  /** `sent` by the participant reading the log, or `received` by it. */
  readonly direction: 'sent' | 'received';
  /** The other party: the recipient of a sent message, the sender of a received one. */
  readonly counterparty: string;
  /** Fetched by its recipient (over REST, or put on its AMQP queue; or acknowledged). */
  readonly fetched: boolean;
  /** Acknowledged by its recipient. */
  readonly pickedUp: boolean;
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  readonly answeredAt?: string;
}

/** A page of a participant's log, newest first. */
export interface LogPage {
  readonly items: readonly LogEntry[];
  /** Present when there are more items: pass it as `cursor` for the next page. */
  readonly nextCursor?: string;
}

/**
 * A submission the hub refused the participant reading its log (`GET /v1/log/rejections`):
 * when, why (the reasons of its signed rejection receipt) and, when the hub verified the
 * envelope, which message to whom. Metadata only.
 */
export interface RejectionEntry {
  /** The rejection's id: its subject in the ledger is `rejection:<id>`. */
  readonly rejectionId: string;
  /** The ledger event that records it, as the rejection receipt names it. */
  readonly ledgerPosition: string;
  /** When the hub refused it. */
  readonly refusedAt: string;
  /** The message's id, when the hub verified its envelope. */
  readonly messageId?: string;
  /** The recipient its envelope named, when the hub verified the envelope. */
  readonly counterparty?: string;
  readonly messageType?: string;
  /** How it arrived: `rest`, `amqp` or `portal`. */
  readonly transport: string;
  readonly reasons: readonly Reason[];
  /** How many reasons in all, when more than `reasons` holds. */
  readonly reasonCount?: number;
}

/** A page of a participant's refused submissions, newest first. */
export interface RejectionPage {
  readonly items: readonly RejectionEntry[];
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

/** `POST /v1/mailbox/ack`: the messages to acknowledge, 1 to 500. */
export interface AckRequest {
  readonly messageIds: readonly string[];
}

/**
 * One message of a batch acknowledgement that was not picked up: the problem its own
 * `POST /v1/messages/{id}/ack` would have answered (404, 403, 410; 503 `LEDGER_UNAVAILABLE`:
 * still being stored, acknowledge it again).
 */
export interface AckFailure {
  readonly messageId: string;
  readonly status: 'failed';
  readonly problem: ProblemDetails;
}

/** One message's outcome in a batch acknowledgement. */
export type AckOutcome = AckResult | AckFailure;

/** The answer to `POST /v1/mailbox/ack`: an outcome per message, in the order asked. */
export interface AckResults {
  readonly items: readonly AckOutcome[];
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

/**
 * RFC 9457 problem details, as the hub answers every error: `type`, `title`, `status`,
 * `detail`, the stable `code` (docs/errors.md), and extension members where a problem has more
 * to say.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The stable error code (docs/errors.md). */
  readonly code: ErrorCode;
  /** The request path the problem occurred on. */
  readonly instance?: string;
  /** The request id, as in the `X-Request-Id` header and the hub's log. */
  readonly requestId?: string;
  /** A rejected message: every reason, in order. */
  readonly reasons?: readonly Reason[];
  /** A rejected message: the hub-signed rejection receipt. */
  readonly receipt?: string;
  /** A schema rejection: ajv's violations with JSON pointers. */
  readonly violations?: readonly SchemaViolation[];
  /** `POST /v1/token`: the OAuth 2.0 error code (RFC 6749 §5.2). */
  readonly error?: string;
  readonly [extension: string]: unknown;
}

/**
 * Problem details as a client receives them: every member may be missing (a proxy's error page
 * is no problem details at all), and `code` may be one this client does not know.
 */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  /** The stable code, e.g. `RECIPIENT_LACKS_MODULE`. */
  readonly code?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly reasons?: readonly {
    readonly code: string;
    readonly detail?: string;
    readonly pointer?: string;
  }[];
  /** A rejection's signed receipt, when the hub gave one. */
  readonly receipt?: string;
}
