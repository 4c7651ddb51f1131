/**
 * The inbound consumer: takes submissions and acknowledgements from `knooppunt.inbound`, runs
 * submissions through the pipeline and publishes the signed receipt to the sender's queue, and
 * records pickups. The sender is the broker-validated `user_id` property, never the body: the
 * broker refuses a publish whose user_id is not the connection's user
 * (https://www.rabbitmq.com/docs/validated-user-id).
 *
 * A delivery is acknowledged to the broker only after the ledger write and the broker's
 * confirm of the receipt (consumer acknowledgements, https://www.rabbitmq.com/docs/confirms):
 * at-least-once from the broker, exactly-once in the ledger, because the pipeline gives a
 * redelivered message its original receipt. Unreadable input (too large, not announced as
 * JSON, not JSON, unknown type) gets a rejection receipt and is rejected without requeue, so the queue's
 * dead-letter exchange takes it (https://www.rabbitmq.com/docs/dlx). A ledger that is away or
 * full (a transient code) holds the delivery and tries it again in place, waiting longer each
 * time up to HOLD_MAX_MS, until the ledger is back or the hub stops: the input waits, and no
 * delivery count grows (a quorum queue's delivery limit would dead-letter a message requeued
 * through a long outage). Any other failure requeues it.
 */
import type { Channel, ChannelModel, ConsumeMessage, Message } from 'amqplib';
import {
  AuthorisationError,
  EnvelopeError,
  isTransientError,
  KnooppuntError,
  LedgerError,
  NAMES,
  parseStrictJson,
  TransportError,
} from '@knooppunt/standard';
import type { Clock } from '@knooppunt/standard';
import type { AttachmentStore } from '../../ledger/attachments.ts';
import type { MessageStore, MessageUpdate } from '../../ledger/port.ts';
import type { MessageSummary } from '../../ledger/types.ts';
import type { Logger } from '../../ops/logger.ts';
import type { ParticipantRegistry } from '../../participants/registry.ts';
import type { Pipeline } from '../../pipeline/pipeline.ts';
import { acknowledgePickup } from '../pickups.ts';
import type { PipelineResult } from '../../pipeline/types.ts';
import { attachmentStored, inboundUpload } from './attachments.ts';
import type { AmqpConnection } from './connection.ts';
import {
  classifyInbound,
  isShortString,
  propertyMismatch,
  receiptBody,
  receiptProperties,
  refusedHeaders,
  unsupportedMedia,
} from './messages.ts';

/** The first and the longest wait before a held delivery is tried again. */
const HOLD_FIRST_MS = 250;
const HOLD_MAX_MS = 5_000;

/** What the consumer needs. */
export interface InboundDeps {
  readonly connection: AmqpConnection;
  readonly pipeline: Pipeline;
  /** Who may act: an acknowledgement, like a submission, needs an active participant. */
  readonly registry: Pick<ParticipantRegistry, 'requireActive'>;
  readonly ledger: MessageStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly retentionDays: number;
  /** Unacknowledged deliveries the hub works on at once. @defaultValue 64 */
  readonly prefetch?: number;
  /** Called when an ack picked a message up. */
  readonly onMoved?: (record: MessageSummary, update: MessageUpdate) => void;
  /**
   * Where documents published before their message (standard 2.1) are kept, and how long an
   * upload waits for its message; absent, a document is refused. @defaultValue none, 3600 s
   */
  readonly attachments?: Pick<AttachmentStore, 'putUpload'>;
  readonly attachmentUploadTtlSeconds?: number;
}

/** The refusals of an acknowledgement that its sender is told of with a rejection receipt. */
const REFUSED_PICKUPS: ReadonlySet<string> = new Set(['MESSAGE_NOT_FOUND', 'FORBIDDEN']);

/** What became of one inbound delivery. */
export type Verdict = 'ack' | 'dead-letter' | 'requeue';

/** Consumes the inbound queue on every connection. */
export class InboundConsumer {
  readonly #deps: InboundDeps;
  readonly #inFlight = new Set<Promise<void>>();
  #channel: Channel | undefined;
  #tag: string | undefined;
  #stopping = false;

  constructor(deps: InboundDeps) {
    this.#deps = deps;
    deps.connection.onConnect((model) => this.#start(model));
  }

  /** Stops consuming and waits for the deliveries in progress. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const channel = this.#channel;
    if (channel !== undefined && this.#tag !== undefined) {
      await channel.cancel(this.#tag).catch(() => undefined);
    }
    await Promise.allSettled([...this.#inFlight]);
  }

  async #start(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: unknown) =>
      this.#deps.logger.warn({ err: error }, 'AMQP inbound channel error'),
    );
    await channel.prefetch(this.#deps.prefetch ?? 64);
    this.#channel = channel;
    const { consumerTag } = await channel.consume(NAMES.inboundQueue, (delivery) => {
      if (delivery === null) return; // cancelled by the broker (queue deleted)
      const work = this.#handle(channel, delivery).finally(() => this.#inFlight.delete(work));
      this.#inFlight.add(work);
    });
    this.#tag = consumerTag;
  }

  /**
   * Processes a message again (an operator's replay of a dead letter) exactly as if it had
   * just arrived: its sender is its user_id, which the broker validated when it was published.
   * A failing ledger throws.
   */
  replay(message: Message): Promise<Verdict> {
    return this.#process(message);
  }

  async #handle(channel: Channel, delivery: ConsumeMessage): Promise<void> {
    let verdict: Verdict;
    try {
      verdict = await this.#held(channel, delivery);
    } catch (error) {
      if (isTransientError(error)) {
        // Held until the hub stopped or the channel closed: expected, no stack.
        this.#deps.logger.warn(
          { code: error.code },
          'inbound AMQP message given back to its queue',
        );
      } else {
        this.#deps.logger.error({ err: error }, 'inbound AMQP message failed; requeued');
      }
      verdict = 'requeue';
      await sleep(HOLD_FIRST_MS); // don't spin on a failing ledger
    }
    try {
      if (verdict === 'ack') channel.ack(delivery);
      else channel.nack(delivery, false, verdict === 'requeue');
    } catch {
      // The channel closed meanwhile: the broker redelivers; the pipeline de-duplicates.
    }
  }

  /**
   * Processes a delivery, holding it through transient failures (the ledger away or full): tried
   * again in place until it goes through, the hub stops, or the channel closes (then the broker
   * redelivers it). One warning per delivery held, one when it goes through.
   */
  async #held(channel: Channel, delivery: ConsumeMessage): Promise<Verdict> {
    let wait = HOLD_FIRST_MS;
    let heldSince: number | undefined;
    for (;;) {
      try {
        const verdict = await this.#process(delivery);
        if (heldSince !== undefined) {
          this.#deps.logger.info(
            { heldMs: Date.now() - heldSince },
            'inbound AMQP message taken after waiting',
          );
        }
        return verdict;
      } catch (error) {
        const transient = isTransientError(error);
        if (!transient || this.#stopping || this.#channel !== channel) throw error;
        if (heldSince === undefined) {
          heldSince = Date.now();
          this.#deps.logger.warn(
            { code: error.code },
            'inbound AMQP message held until the ledger is back',
          );
        }
        await sleep(wait);
        wait = Math.min(wait * 2, HOLD_MAX_MS);
      }
    }
  }

  async #process(delivery: Message): Promise<Verdict> {
    const { maxBodyBytes, pipeline } = this.#deps;
    const kind = classifyInbound(delivery.properties, delivery.content.length, maxBodyBytes);
    switch (kind.kind) {
      case 'dead-letter':
        this.#deps.logger.warn({ why: kind.why }, 'inbound AMQP message dead-lettered');
        return 'dead-letter';
      case 'too-large':
        return this.#refuse(
          delivery,
          kind.sender,
          new TransportError(
            'BODY_TOO_LARGE',
            `the message has ${delivery.content.length} bytes; at most ${maxBodyBytes} are accepted`,
          ),
        );
      case 'unknown-type':
        return this.#refuse(
          delivery,
          kind.sender,
          new EnvelopeError(
            'MALFORMED_MESSAGE',
            `the type property must be submission, ack or attachment, got '${kind.type}'`,
          ),
        );
      case 'attachment':
        return this.#attachment(delivery, kind.sender);
      default:
    }
    const unsupported = unsupportedMedia(delivery.properties);
    if (unsupported !== undefined) {
      return this.#refuse(
        delivery,
        kind.sender,
        new TransportError('UNSUPPORTED_MEDIA_TYPE', unsupported),
      );
    }
    const headers = refusedHeaders(delivery.properties);
    if (headers !== undefined) {
      return this.#refuse(delivery, kind.sender, new EnvelopeError('MALFORMED_MESSAGE', headers));
    }
    let body: unknown;
    try {
      // The one strict reader: I-JSON, depth and size before anything is built.
      body = parseStrictJson(delivery.content, { maxBytes: this.#deps.maxBodyBytes });
    } catch (error) {
      if (!(error instanceof KnooppuntError)) throw error;
      return this.#refuse(delivery, kind.sender, error);
    }
    if (kind.kind === 'ack') return this.#acknowledge(delivery, kind.sender, body);
    const mismatch = propertyMismatch(delivery.properties, body);
    if (mismatch !== undefined) {
      return this.#refuse(delivery, kind.sender, new EnvelopeError('MALFORMED_MESSAGE', mismatch));
    }
    const result = await pipeline.submit({ body, identity: kind.sender, transport: 'amqp' });
    await this.#reply(delivery, kind.sender, result);
    return 'ack';
  }

  /**
   * A rejection receipt for unreadable input, then dead-letter it; `verdict` `ack` for input
   * that was read and refused (an acknowledgement of nothing).
   */
  async #refuse(
    delivery: Message,
    sender: string,
    error: KnooppuntError,
    verdict: Verdict = 'dead-letter',
  ): Promise<Verdict> {
    const result = await this.#deps.pipeline.rejectRaw(error, {
      identity: sender,
      transport: 'amqp',
    });
    await this.#reply(delivery, sender, result);
    return verdict;
  }

  /**
   * Keeps a document (standard 2.1) as the sender's upload and answers `attachment-stored`;
   * a refusal gets a signed rejection receipt, and the document is not kept (no dead letter).
   */
  async #attachment(delivery: Message, sender: string): Promise<Verdict> {
    const headers = refusedHeaders(delivery.properties);
    if (headers !== undefined) {
      return this.#refuse(delivery, sender, new EnvelopeError('MALFORMED_MESSAGE', headers), 'ack');
    }
    const now = this.#deps.clock.now();
    const refusal =
      (await this.#mayAct(sender)) ??
      (this.#deps.attachments === undefined
        ? new TransportError('ROUTE_NOT_FOUND', 'this hub takes no attachments')
        : undefined);
    const upload =
      refusal ??
      inboundUpload(delivery, sender, now, this.#deps.attachmentUploadTtlSeconds ?? 3600);
    if (upload instanceof KnooppuntError) return this.#refuse(delivery, sender, upload, 'ack');
    const outcome = await (this.#deps.attachments as Pick<AttachmentStore, 'putUpload'>).putUpload(
      upload,
      delivery.content,
    );
    const answer = attachmentStored(upload, outcome, now);
    await this.#deps.connection.publish(
      NAMES.deliveriesExchange,
      sender,
      answer.body,
      answer.properties,
    );
    return 'ack';
  }

  /** Records a pickup, as `POST /v1/messages/{id}/ack` does; refusals get a receipt. */
  async #acknowledge(delivery: Message, sender: string, body: unknown): Promise<Verdict> {
    const { pipeline } = this.#deps;
    const messageId = (body as { messageId?: unknown } | null)?.messageId;
    if (typeof messageId !== 'string') {
      return this.#refuse(
        delivery,
        sender,
        new EnvelopeError('MALFORMED_MESSAGE', 'an ack body is {"messageId": "…"}'),
      );
    }
    if (!isShortString(messageId)) {
      // No message has such an id (they are UUIDs), and a refusal naming it would grow with
      // the input: its receipt, too large for any verifier, and its ledger entry.
      return this.#refuse(
        delivery,
        sender,
        new LedgerError('MESSAGE_NOT_FOUND', 'no message has an id that long'),
        'ack',
      );
    }
    // A suspended participant may not pick up, as over REST (its broker user goes with the
    // suspension; what it published just before is still in the queue).
    const refusal = (await this.#mayAct(sender)) ?? (await this.#pickup(messageId, sender));
    if (refusal !== undefined) {
      // The refusal names the acknowledged message (claims and correlation_id).
      const result = await pipeline.rejectRaw(
        refusal,
        { identity: sender, transport: 'amqp' },
        messageId,
      );
      await this.#reply(delivery, sender, result);
    }
    return 'ack';
  }

  /** Why `sender` may not act (unknown, suspended), or `undefined`. */
  async #mayAct(sender: string): Promise<AuthorisationError | undefined> {
    try {
      await this.#deps.registry.requireActive(sender);
      return undefined;
    } catch (error) {
      if (error instanceof AuthorisationError) return error;
      throw error;
    }
  }

  /** Records the pickup of `messageId` by `sender`; the refusal when it may not. */
  async #pickup(messageId: string, sender: string): Promise<KnooppuntError | undefined> {
    try {
      // Picked up (now, before, or by another process) or expired: nothing more to say.
      await acknowledgePickup(this.#deps, messageId, sender, 'amqp');
      return undefined;
    } catch (error) {
      // Anything else (LEDGER_UNAVAILABLE) is thrown on: the delivery is held and tried again.
      const refused = error instanceof KnooppuntError && REFUSED_PICKUPS.has(error.code);
      if (refused) return error;
      throw error;
    }
  }

  /** Publishes the receipt to the sender's queue and waits for the broker's confirm. */
  async #reply(delivery: Message, sender: string, result: PipelineResult): Promise<void> {
    const inboundId: unknown = delivery.properties.messageId;
    await this.#deps.connection.publish(
      NAMES.deliveriesExchange,
      sender,
      Buffer.from(JSON.stringify(receiptBody(result))),
      receiptProperties(
        result,
        this.#deps.clock.now(),
        typeof inboundId === 'string' ? inboundId : undefined,
      ),
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
