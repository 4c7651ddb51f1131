/**
 * The SDK's client of the hub over AMQP (amqplib), with the same calls as the REST client:
 * `send` publishes a signed message to `knooppunt.inbound` (publisher confirm, `user_id` set
 * to the participant, the broker checks it) and resolves with the hub's signed receipt from the
 * participant's own queue, verified against the hub's certificate; `receive` yields delivered
 * messages; `ack` tells the hub the message is picked up (an `ack` message) and only then
 * acknowledges it to the broker, so a crash before that gets the message again.
 *
 * Use one client per participant at a time: receipts and deliveries share the participant's
 * one queue, and RabbitMQ hands each to one of its consumers, so a second client would get
 * some of the first one's receipts (and drop them).
 */
import type { X509Certificate } from 'node:crypto';
import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { NAMES, parseStrictJson, participantQueue } from '@knooppunt/standard';
import type { AmqpReceipt, FetchedMessage, SignedMessage } from '@knooppunt/standard';
import { HubError } from './errors.ts';
import { checkReceipt } from './receipt_check.ts';
import type { Sent } from './rest_client.ts';

/** Options of an AMQP client. */
export interface AmqpClientOptions {
  /** `amqp://<oin>:<password>@host/<vhost>`: the participant's own broker user. */
  readonly url: string;
  readonly oin: string;
  /** The hub's certificate, to verify receipts (`RestClient.hubCertificate()` fetches it). */
  readonly hubCertificate: X509Certificate;
  /** How long `send` waits for the receipt. @defaultValue 30 s */
  readonly receiptTimeoutMs?: number;
}

/** A `send` waiting for its receipt. */
interface Pending {
  readonly resolve: (receipt: AmqpReceipt) => void;
  readonly reject: (error: Error) => void;
}

/** A participant's connection to the hub over RabbitMQ. */
export class AmqpClient {
  readonly oin: string;
  readonly #options: AmqpClientOptions;
  readonly #model: ChannelModel;
  readonly #channel: ConfirmChannel;
  readonly #pending = new Map<string, Pending>();
  /** Delivered messages not yet handed out, and the broker deliveries not yet acknowledged. */
  readonly #inbox: FetchedMessage[] = [];
  readonly #unacked = new Map<string, ConsumeMessage>();
  #wake: (() => void) | undefined;
  #closed = false;

  private constructor(options: AmqpClientOptions, model: ChannelModel, channel: ConfirmChannel) {
    this.oin = options.oin;
    this.#options = options;
    this.#model = model;
    this.#channel = channel;
  }

  /** Connects and starts consuming the participant's queue. */
  static async connect(options: AmqpClientOptions): Promise<AmqpClient> {
    const model = await amqp.connect(options.url);
    try {
      const channel = await model.createConfirmChannel();
      const client = new AmqpClient(options, model, channel);
      model.on('close', () => client.#fail(new Error('the broker connection closed')));
      model.on('error', () => undefined); // followed by 'close'
      await channel.prefetch(64);
      await channel.consume(participantQueue(options.oin), (delivery) => {
        if (delivery !== null) client.#dispatch(delivery);
      });
      return client;
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
  }

  /** Sends a signed message; resolves with the verified receipt, or throws a HubError. */
  async send(message: SignedMessage): Promise<Sent> {
    const { messageId } = message.envelope;
    const answered = new Promise<AmqpReceipt>((resolve, reject) => {
      this.#pending.set(messageId, { resolve, reject });
    });
    // It may be rejected (timeout, lost connection) while the publish still waits for its
    // confirm: handled where it is awaited, never an unhandled rejection.
    answered.catch(() => undefined);
    const timer = setTimeout(
      () =>
        this.#settle(messageId, (pending) =>
          pending.reject(new HubError(504, { code: 'RECEIPT_TIMEOUT', detail: 'no receipt' })),
        ),
      this.#options.receiptTimeoutMs ?? 30_000,
    );
    try {
      await this.#publish('submission', message, messageId);
      const body = await answered;
      const claims = checkReceipt(body.receipt, message, this.#options.hubCertificate);
      return { messageId, receipt: body.receipt, claims, duplicate: body.duplicate === true };
    } finally {
      clearTimeout(timer);
      this.#pending.delete(messageId);
    }
  }

  /**
   * Yields delivered messages until `signal` aborts (each once; acknowledge with `ack`). One
   * reader per client: deliveries are handed to whoever iterates.
   */
  async *receive(options: { readonly signal?: AbortSignal } = {}): AsyncGenerator<FetchedMessage> {
    const { signal } = options;
    const stopped = (): boolean => signal?.aborted === true || this.#closed;
    while (!stopped()) {
      const next = this.#inbox.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        this.#wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
    }
  }

  /** Picked up: tells the hub (an `ack` message, confirmed), then acknowledges to the broker. */
  async ack(messageId: string): Promise<void> {
    await this.#publish('ack', { messageId });
    const delivery = this.#unacked.get(messageId);
    if (delivery !== undefined) {
      this.#channel.ack(delivery);
      this.#unacked.delete(messageId);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    await this.#model.close().catch(() => undefined);
  }

  #publish(type: 'submission' | 'ack', body: unknown, messageId?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#channel.publish(
        NAMES.inboundExchange,
        type,
        Buffer.from(JSON.stringify(body)),
        {
          persistent: true,
          type,
          contentType: 'application/json',
          userId: this.oin,
          ...(messageId === undefined ? {} : { messageId }),
        },
        (error: unknown) => (error ? reject(error as Error) : resolve()),
      );
    });
  }

  #dispatch(delivery: ConsumeMessage): void {
    const { type, correlationId, messageId } = delivery.properties as {
      type?: string;
      correlationId?: string;
      messageId?: string;
    };
    const body = parseJson(delivery.content);
    if (type === 'receipt' && body !== undefined) {
      this.#channel.ack(delivery); // a receipt nobody waits for (any more) is only dropped
      if (correlationId !== undefined) {
        this.#settle(correlationId, (pending) => pending.resolve(body as AmqpReceipt));
      }
      return;
    }
    if (type === 'message' && messageId !== undefined && body !== undefined) {
      if (this.#unacked.has(messageId)) {
        this.#channel.ack(delivery); // a redelivery of one already handed out
        return;
      }
      this.#unacked.set(messageId, delivery);
      this.#inbox.push(body as FetchedMessage);
      this.#wake?.();
      return;
    }
    this.#channel.ack(delivery); // neither: not from the hub's hand, nothing to do with it
  }

  #settle(messageId: string, action: (pending: Pending) => void): void {
    const pending = this.#pending.get(messageId);
    if (pending === undefined) return;
    this.#pending.delete(messageId);
    action(pending);
  }

  #fail(error: Error): void {
    this.#closed = true;
    for (const [id, pending] of [...this.#pending]) {
      this.#pending.delete(id);
      pending.reject(error);
    }
    this.#wake?.();
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return parseStrictJson(content);
  } catch {
    return undefined;
  }
}
