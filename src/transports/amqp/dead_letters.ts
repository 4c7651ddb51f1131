/**
 * The dead-letter queue for operators: what lies there (properties only — the body may hold a
 * payload and is never shown), and replay or discard of one message. Browsing takes messages
 * without acknowledging them on a channel of its own and closes it, which returns them to the
 * queue (https://www.rabbitmq.com/docs/confirms#consumer-nacks-requeue). Replay hands the message
 * to the hub's inbound processing again — its sender is the user_id the broker validated when
 * it was first published — and removes it from the queue only when the hub took it. The broker
 * drops dead letters past their bounds (dead_letter_policy.ts); each one listed says when.
 */
import { createHash } from 'node:crypto';
import type { Channel, GetMessage } from 'amqplib';
import { NAMES, TransportError } from '@knooppunt/standard';
import type { AmqpConnection } from './connection.ts';
import type { Verdict } from './inbound.ts';

/** A dead letter as an operator sees it. */
export interface DeadLetterInfo {
  /** The digest of the body: stable, and the same for the same message. */
  readonly id: string;
  readonly messageId?: string;
  readonly sender?: string;
  readonly type?: string;
  readonly reason: string;
  readonly queue?: string;
  readonly deadLetteredAt?: string;
  /** When the broker drops it: dead-lettered at + the message TTL (known when both are). */
  readonly expiresAt?: string;
  readonly bytes: number;
}

/** What the operations need to know of the queue's bounds. */
export interface DeadLetterOptions {
  /** The message TTL of the dead-letter queue (its policy), for `expiresAt`. */
  readonly ttlMs?: number;
  /**
   * The most dead letters the broker keeps (its policy): a replay or discard looks through
   * that many for the one asked for, never fewer than {@link SCAN_LIMIT} (the queue holds more
   * when the policy could not be set).
   */
  readonly max?: number;
}

/** What a replay came to. */
export type ReplayOutcome = 'processed' | 'refused-again' | 'retry-later';

/** How many dead letters a replay or discard looks through at least. */
const SCAN_LIMIT = 10_000;

/** The id of a dead letter: the SHA-256 of its body, base64url, 22 characters. */
export function deadLetterId(content: Buffer): string {
  return createHash('sha256').update(content).digest('base64url').slice(0, 22);
}

/**
 * A dead letter's properties and headers, never its body; with the queue's TTL, when it expires.
 * The TTL counts from its arrival in the dead-letter queue, which is its x-death time (a
 * message returned to the queue keeps its original expiry; https://www.rabbitmq.com/docs/ttl).
 */
export function describeDeadLetter(message: GetMessage, ttlMs?: number): DeadLetterInfo {
  const { properties } = message;
  const headers = (properties.headers ?? {}) as Record<string, unknown>;
  const death = (Array.isArray(headers['x-death']) ? headers['x-death'][0] : undefined) as
    Record<string, unknown> | undefined;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const time = death?.['time'];
  const seconds =
    typeof time === 'number' ? time : (time as { value?: unknown } | undefined)?.value;
  const optional = {
    messageId: text(properties.messageId),
    sender: text(properties.userId),
    type: text(properties.type),
    queue: text(death?.['queue']) ?? text(headers['x-first-death-queue']),
    deadLetteredAt:
      typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined,
    expiresAt:
      typeof seconds === 'number' && ttlMs !== undefined
        ? new Date(seconds * 1000 + ttlMs).toISOString()
        : undefined,
  };
  return {
    id: deadLetterId(message.content),
    reason: text(death?.['reason']) ?? text(headers['x-first-death-reason']) ?? 'unknown',
    bytes: message.content.length,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
  };
}

/** The dead-letter queue's operations. */
export class DeadLetters {
  readonly #connection: AmqpConnection;
  readonly #process: (message: GetMessage) => Promise<Verdict>;
  readonly #options: DeadLetterOptions;

  constructor(
    connection: AmqpConnection,
    process: (message: GetMessage) => Promise<Verdict>,
    options: DeadLetterOptions = {},
  ) {
    this.#connection = connection;
    this.#process = process;
    this.#options = options;
  }

  /** How many there are, and the first `limit` of them. */
  list(limit: number): Promise<{ count: number; items: DeadLetterInfo[] }> {
    return this.#connection.withTemporaryChannel(async (channel) => {
      const { messageCount } = await channel.checkQueue(NAMES.deadLetterQueue);
      const items: DeadLetterInfo[] = [];
      for (let i = 0; i < limit; i += 1) {
        const message = await channel.get(NAMES.deadLetterQueue, { noAck: false });
        if (message === false) break;
        items.push(describeDeadLetter(message, this.#options.ttlMs));
      }
      return { count: messageCount, items };
    });
  }

  /** Processes dead letter `id` again; throws DEAD_LETTER_NOT_FOUND when it is not there. */
  replay(id: string): Promise<ReplayOutcome> {
    return this.#withDeadLetter(id, async (channel, message) => {
      const verdict = await this.#process(message);
      // Taken: out of the queue. Refused again (its sender got a receipt, as the first time)
      // or a failing ledger: it stays, returned to the queue when the channel closes.
      if (verdict === 'ack') channel.ack(message);
      return verdict === 'ack'
        ? 'processed'
        : verdict === 'dead-letter'
          ? 'refused-again'
          : 'retry-later';
    });
  }

  /** Removes dead letter `id`; throws DEAD_LETTER_NOT_FOUND when it is not there. */
  discard(id: string): Promise<void> {
    return this.#withDeadLetter(id, async (channel, message) => channel.ack(message));
  }

  #withDeadLetter<T>(
    id: string,
    work: (channel: Channel, message: GetMessage) => Promise<T>,
  ): Promise<T> {
    return this.#connection.withTemporaryChannel(async (channel) => {
      const scan = Math.max(SCAN_LIMIT, this.#options.max ?? 0);
      for (let i = 0; i < scan; i += 1) {
        const message = await channel.get(NAMES.deadLetterQueue, { noAck: false });
        if (message === false) break;
        if (deadLetterId(message.content) === id) return work(channel, message);
      }
      throw new TransportError('DEAD_LETTER_NOT_FOUND', `no dead letter ${id}`);
    });
  }
}
