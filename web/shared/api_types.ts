/**
 * What both faces read from the hub (documented in its `/openapi.json`): a message's metadata,
 * ledger events, open answers, a case, and problem details (RFC 9457,
 * `application/problem+json`: `{ type, title, status, detail, code }`).
 */

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
}

export type MessageStatus = 'accepted' | 'delivered' | 'picked-up' | 'expired';

/** A message's metadata (never its content). */
export interface MessageSummary {
  readonly messageId: string;
  readonly conversationId: string;
  readonly inReplyTo?: string;
  readonly sender: string;
  readonly recipient: string;
  readonly module: string;
  readonly messageType: string;
  readonly version: string;
  readonly status: MessageStatus;
  readonly transport: 'rest' | 'amqp' | 'portal' | 'hub';
  readonly route: 'rest' | 'amqp';
  readonly receivedAt: string;
  readonly deliveredAt?: string;
  readonly pickedUpAt?: string;
  readonly expiredAt?: string;
  readonly answerDueAt?: string;
  readonly answeredAt?: string;
  readonly payloadDropped: boolean;
}

/** A page of messages, newest first; `nextCursor` fetches the next. */
export interface MessagePage {
  readonly items: readonly MessageSummary[];
  readonly nextCursor?: string;
}

/** A ledger event (its `data` is metadata: ids, codes, types, times). */
export interface EventView {
  readonly eventId: string;
  readonly subject: string;
  readonly type: string;
  readonly at: string;
  readonly actor?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An answer still to come: a request whose answer deadline is open. */
export interface OpenAnswer {
  readonly messageId: string;
  readonly conversationId: string;
  readonly messageType: string;
  readonly sender: string;
  readonly recipient: string;
  readonly answerDueAt: string;
  readonly overdue: boolean;
  /** Working days past the deadline (0 when not overdue). */
  readonly workingDaysOverdue: number;
}

/** A conversation as one case. */
export interface ConversationDetail {
  readonly conversation: {
    readonly conversationId: string;
    readonly owner: string;
    readonly status: 'open' | 'closed';
    readonly openedAt: string;
    readonly closedAt?: string;
  };
  readonly messages: readonly MessageSummary[];
  readonly openAnswers: readonly OpenAnswer[];
  /** The messages' events (and, for operators, the conversation's own), by time. */
  readonly events: readonly EventView[];
}
