/**
 * A participant's AMQP client that survives the broker going away, for fault tests: it
 * reconnects, re-subscribes to its queue, and republishes every submission the broker has not
 * confirmed, with the same message id, until it is confirmed (at-least-once publishing,
 * https://www.rabbitmq.com/docs/confirms#publisher-confirms). What arrives is counted per
 * message id; rejection receipts and deliveries whose envelope names another recipient are
 * kept apart, and with `pickUp` every delivered message is acknowledged to the hub (an `ack`
 * publish, the AMQP pickup).
 */
import amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { NAMES, participantQueue } from '@knooppunt/standard';
import type { SignedMessage } from '@knooppunt/standard';

/** A reconnecting participant client. */
export class ResilientParticipant {
  readonly oin: string;
  /** message_id (deliveries) or correlation_id (receipts) → how many times it arrived. */
  readonly deliveries = new Map<string, number>();
  readonly receipts = new Map<string, number>();
  /** correlation_id → the first reason's code of a rejection receipt. */
  readonly rejections = new Map<string, string>();
  /** Delivered message ids whose envelope names another recipient than this participant. */
  readonly wrongRecipient = new Set<string>();
  /** Delivered message id → the message it answers (`inReplyTo`: a notice names its subject). */
  readonly inReplyTo = new Map<string, string>();
  /** Message ids whose pickup (`ack` publish) the broker confirmed. */
  readonly pickedUp = new Set<string>();
  readonly #url: string;
  readonly #pickUp: boolean;
  #model: ChannelModel | undefined;
  #channel: ConfirmChannel | undefined;
  #connecting: Promise<ConfirmChannel> | undefined;
  #closed = false;

  constructor(url: string, oin: string, options: { pickUp?: boolean } = {}) {
    this.#url = url;
    this.oin = oin;
    this.#pickUp = options.pickUp ?? false;
  }

  /** The channel, connecting (with retries) when there is none. */
  async channel(): Promise<ConfirmChannel> {
    if (this.#channel !== undefined) return this.#channel;
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  /** Publishes a submission until the broker confirms it. */
  async submit(message: SignedMessage): Promise<void> {
    await this.#publish(
      'submission',
      Buffer.from(JSON.stringify(message)),
      message.envelope.messageId,
    );
  }

  /** Picks a delivered message up: publishes its `ack` until the broker confirms it. */
  async acknowledge(messageId: string): Promise<void> {
    await this.#publish('ack', Buffer.from(JSON.stringify({ messageId })), undefined);
    this.pickedUp.add(messageId);
  }

  async #publish(type: 'submission' | 'ack', content: Buffer, messageId: string | undefined) {
    for (let attempt = 0; ; attempt += 1) {
      if (this.#closed) throw new Error('closed');
      try {
        const channel = await this.channel();
        await new Promise<void>((resolve, reject) =>
          channel.publish(
            NAMES.inboundExchange,
            type,
            content,
            {
              persistent: true,
              type,
              userId: this.oin,
              ...(messageId === undefined ? {} : { messageId }),
              contentType: 'application/json',
            },
            (error: unknown) => (error ? reject(error as Error) : resolve()),
          ),
        );
        return;
      } catch {
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#model?.close().catch(() => undefined);
  }

  async #connect(): Promise<ConfirmChannel> {
    for (let attempt = 0; ; attempt += 1) {
      if (this.#closed) throw new Error('closed');
      try {
        const model = await amqp.connect(this.#url);
        model.on('error', () => undefined);
        const channel = await model.createConfirmChannel();
        channel.on('error', () => undefined);
        model.on('close', () => {
          if (this.#model === model) {
            this.#model = undefined;
            this.#channel = undefined;
            if (!this.#closed) void this.channel().catch(() => undefined);
          }
        });
        await channel.prefetch(256);
        await channel.consume(participantQueue(this.oin), (message) => {
          if (message === null) return;
          this.#count(message);
          channel.ack(message);
        });
        this.#model = model;
        this.#channel = channel;
        return channel;
      } catch {
        await sleep(Math.min(2000, 100 * 2 ** attempt));
      }
    }
  }

  #count(message: ConsumeMessage): void {
    const { type, messageId, correlationId } = message.properties as {
      type?: string;
      messageId?: string;
      correlationId?: string;
    };
    if (type === 'message' && messageId !== undefined) {
      this.deliveries.set(messageId, (this.deliveries.get(messageId) ?? 0) + 1);
      const body = JSON.parse(message.content.toString('utf8')) as {
        envelope?: { recipient?: string; inReplyTo?: string };
      };
      if (body.envelope?.recipient !== this.oin) this.wrongRecipient.add(messageId);
      if (body.envelope?.inReplyTo !== undefined) {
        this.inReplyTo.set(messageId, body.envelope.inReplyTo);
      }
      if (this.#pickUp) void this.acknowledge(messageId).catch(() => undefined);
    } else if (type === 'receipt' && correlationId !== undefined) {
      this.receipts.set(correlationId, (this.receipts.get(correlationId) ?? 0) + 1);
      const body = JSON.parse(message.content.toString('utf8')) as {
        status?: string;
        reasons?: { code?: string }[];
      };
      if (body.status === 'rejected') {
        this.rejections.set(correlationId, body.reasons?.[0]?.code ?? '?');
      }
    }
  }
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
