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
import {
  ATTACHMENT_HEADERS,
  attachmentDigest,
  NAMES,
  parseStrictJson,
  participantQueue,
  verifyAttachment,
} from '@knooppunt/standard';
import type {
  AmqpReceipt,
  AttachmentReference,
  FetchedMessage,
  SignedMessage,
} from '@knooppunt/standard';
import { documentsFor } from './attachments.ts';
import type { SendOptions } from './attachments.ts';
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
  /**
   * Documents delivered ahead of their message (standard 2.1), by `<messageId>/<sha256>`; the
   * broker deliveries are acknowledged with the message's `ack`.
   */
  readonly #documents = new Map<string, ConsumeMessage>();
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

  /**
   * Sends a signed message; resolves with the verified receipt, or throws a HubError. The
   * documents its payload references (standard 2.1) are published first, each awaited until
   * the hub answers that it stored it.
   */
  async send(message: SignedMessage, options: SendOptions = {}): Promise<Sent> {
    for (const document of documentsFor(message, options.attachments ?? [])) {
      await this.uploadAttachment(document.bytes, document.reference.mediaType);
    }
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
   * Publishes a document (standard 2.1) under its SHA-256 and waits for the hub's
   * `attachment-stored`; a refusal (its signed rejection receipt) throws a HubError.
   */
  async uploadAttachment(bytes: Uint8Array, mediaType = 'application/pdf'): Promise<void> {
    const sha256 = attachmentDigest(bytes);
    const answered = new Promise<AmqpReceipt>((resolve, reject) => {
      this.#pending.set(sha256, { resolve, reject });
    });
    answered.catch(() => undefined);
    const timer = setTimeout(
      () =>
        this.#settle(sha256, (pending) =>
          pending.reject(new HubError(504, { code: 'RECEIPT_TIMEOUT', detail: 'no answer' })),
        ),
      this.#options.receiptTimeoutMs ?? 30_000,
    );
    try {
      await new Promise<void>((resolve, reject) => {
        this.#channel.publish(
          NAMES.inboundExchange,
          'attachment',
          Buffer.from(bytes),
          {
            persistent: true,
            type: 'attachment',
            contentType: mediaType,
            userId: this.oin,
            messageId: sha256,
            headers: { [ATTACHMENT_HEADERS.sha256]: sha256 },
          },
          (error: unknown) => (error ? reject(error as Error) : resolve()),
        );
      });
      const answer = await answered;
      if (answer.status === 'rejected') {
        const reason = answer.reasons?.[0];
        throw new HubError(422, {
          ...(reason === undefined ? {} : { code: reason.code, detail: reason.detail }),
        });
      }
    } finally {
      clearTimeout(timer);
      this.#pending.delete(sha256);
    }
  }

  /**
   * A document delivered with a received message, checked against the reference of its
   * signed payload (SHA-256 and size); throws AttachmentError `ATTACHMENT_DIGEST_MISMATCH`
   * when it differs, `ATTACHMENT_NOT_FOUND` (a HubError) when none came.
   */
  attachment(messageId: string, reference: AttachmentReference): Uint8Array {
    const bytes = this.attachmentBytes(messageId, reference.sha256);
    verifyAttachment(reference, bytes);
    return bytes;
  }

  /** The bytes of a delivered document as they came, unchecked (e.g. to decrypt them first). */
  attachmentBytes(messageId: string, sha256: string): Uint8Array {
    const delivery = this.#documents.get(`${messageId}/${sha256}`);
    if (delivery === undefined) {
      throw new HubError(404, {
        code: 'ATTACHMENT_NOT_FOUND',
        detail: `no document ${sha256} came with message ${messageId}`,
      });
    }
    return new Uint8Array(delivery.content);
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
    for (const [key, document] of [...this.#documents]) {
      if (!key.startsWith(`${messageId}/`)) continue;
      this.#channel.ack(document);
      this.#documents.delete(key);
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
    if (type === 'attachment' && messageId !== undefined) {
      // Kept (unacknowledged) until its message is: a crash before then gets it again.
      const previous = this.#documents.get(messageId);
      if (previous !== undefined) this.#channel.ack(previous);
      this.#documents.set(messageId, delivery);
      return;
    }
    const body = parseJson(delivery.content);
    if (type === 'attachment-stored' && body !== undefined) {
      this.#channel.ack(delivery);
      if (correlationId !== undefined) {
        this.#settle(correlationId, (pending) =>
          pending.resolve({ ...(body as object), status: 'accepted' } as AmqpReceipt),
        );
      }
      return;
    }
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
