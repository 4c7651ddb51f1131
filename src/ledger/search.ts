/**
 * What operators search and count in the ledger (the console's message log, overview and
 * rejections): the queries and their answers, shared by both adapters. Metadata only.
 */
import type { LedgerEventType, MessageStatus } from './types.ts';

/** A message-log search: every given field must match; newest first. */
export interface MessageSearch {
  readonly messageId?: string;
  readonly conversationId?: string;
  readonly inReplyTo?: string;
  readonly sender?: string;
  readonly recipient?: string;
  /** Sent by any of these (a participant's counterparties of one role); none when empty. */
  readonly senderIn?: readonly string[];
  /** Addressed to any of these; none when empty. */
  readonly recipientIn?: readonly string[];
  readonly module?: string;
  readonly messageType?: string;
  readonly status?: MessageStatus;
  /** Received at or after (ISO 8601). */
  readonly from?: string;
  /** Received before (ISO 8601). */
  readonly to?: string;
  /** Picked up (acknowledged by its recipient) or not. */
  readonly pickedUp?: boolean;
  /** Fetched by its recipient (over REST, or put on its AMQP queue; or acknowledged) or not. */
  readonly fetched?: boolean;
  readonly version?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** The fields of an event's data a search may match (each a string where present). */
export const EVENT_DATA_FIELDS = ['messageId', 'recipient', 'messageType'] as const;
/** A field of {@link EVENT_DATA_FIELDS}. */
export type EventDataField = (typeof EVENT_DATA_FIELDS)[number];

/** Messages received in a period, by module, type and status. */
export interface MessageCount {
  readonly module: string;
  readonly messageType: string;
  readonly status: MessageStatus;
  readonly count: number;
}

/** The messages received in a period: counts, and how many fell in each equal bucket. */
export interface MessageFlow {
  readonly counts: readonly MessageCount[];
  /** `buckets` numbers, oldest first. */
  readonly perBucket: readonly number[];
}

/** An event search: events of these types in a period, newest first. */
export interface EventSearch {
  readonly types: readonly LedgerEventType[];
  /** Only events this participant caused (a rejection's submitter). */
  readonly actor?: string;
  /** Only events whose data has these values (a rejection's message id, recipient, type). */
  readonly data?: Readonly<Partial<Record<EventDataField, string>>>;
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** The bucket of `at` in [from, to) cut into `buckets` equal parts. */
export function bucketOf(at: string, from: number, to: number, buckets: number): number {
  const index = Math.floor(((Date.parse(at) - from) / (to - from)) * buckets);
  return Math.min(buckets - 1, Math.max(0, index));
}

/** Adds one message to a flow being counted (the adapters that count in code). */
export class FlowCounter {
  readonly #counts = new Map<string, MessageCount>();
  readonly #perBucket: number[];
  readonly #from: number;
  readonly #to: number;

  constructor(from: string, to: string, buckets: number) {
    this.#from = Date.parse(from);
    this.#to = Date.parse(to);
    this.#perBucket = new Array<number>(buckets).fill(0);
  }

  add(module: string, messageType: string, status: MessageStatus, receivedAt: string): void {
    const key = `${module}\u0000${messageType}\u0000${status}`;
    const known = this.#counts.get(key);
    this.#counts.set(key, { module, messageType, status, count: (known?.count ?? 0) + 1 });
    const bucket = bucketOf(receivedAt, this.#from, this.#to, this.#perBucket.length);
    this.#perBucket[bucket] = (this.#perBucket[bucket] ?? 0) + 1;
  }

  result(): MessageFlow {
    const counts = [...this.#counts.values()].sort(
      (a, b) => b.count - a.count || a.messageType.localeCompare(b.messageType),
    );
    return { counts, perBucket: [...this.#perBucket] };
  }
}
