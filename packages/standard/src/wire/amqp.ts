/**
 * The AMQP wire contract: the exchanges and queues of the hub's RabbitMQ topology, the routing
 * keys and `type` properties of what participants publish and receive, and the body of a
 * receipt. Shared by the hub (which declares the topology, src/transports/amqp/topology.ts) and
 * by clients (the SDK). The hub's AsyncAPI document describes the same.
 */
import type { Reason } from '../receipts/receipt.ts';

/** Exchange and queue names. */
export const NAMES = Object.freeze({
  /** Direct exchange participants publish to (routing keys `submission` and `ack`). */
  inboundExchange: 'knooppunt.inbound',
  /** Quorum queue the hub consumes submissions and acknowledgements from. */
  inboundQueue: 'knooppunt.inbound',
  /** Direct exchange the hub publishes deliveries and receipts to (routing key: OIN). */
  deliveriesExchange: 'knooppunt.deliveries',
  /** Fanout exchange for messages the hub refuses to process. */
  deadLetterExchange: 'knooppunt.dlx',
  /** Quorum queue that keeps the dead-lettered messages for an operator. */
  deadLetterQueue: 'knooppunt.dead-letters',
});

/**
 * Routing keys on the inbound exchange (and the `type` property of the message); `attachment`
 * is a document (standard 2.1) published before the message that references it.
 */
export const INBOUND_KEYS = ['submission', 'ack', 'attachment'] as const;

/**
 * Attachments over AMQP (standard 2.1; the AsyncAPI document): a participant publishes a
 * document with routing key and `type` `attachment`, its media type as `content_type` and its
 * SHA-256 in the `x-knooppunt-sha256` header, and waits for the hub's `attachment-stored`
 * answer (`correlation_id` the digest) before it publishes the message that references it;
 * a refused document gets a signed rejection receipt. The hub delivers a message's documents
 * to the recipient's queue just before the message itself, each as `type` `attachment` with
 * the digest header and `x-knooppunt-message-id`.
 */
export const ATTACHMENT_HEADERS = Object.freeze({
  sha256: 'x-knooppunt-sha256',
  messageId: 'x-knooppunt-message-id',
});

/** The body of an `attachment-stored` message: the hub keeps the document for the sender. */
export interface AmqpAttachmentStored {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  /** `created`, or `exists` when it was stored before (its expiry renewed). */
  readonly outcome: 'created' | 'exists';
  /** When the upload expires unless a message references it first. */
  readonly expiresAt: string;
}

/** The queue of one participant: `knooppunt.participant.<oin>`. */
export function participantQueue(oin: string): string {
  return `knooppunt.participant.${oin}`;
}

/**
 * Quorum queues: replicated, durable, and with a poison-message limit; dead-lettering from a
 * quorum queue is at-most-once by default (https://www.rabbitmq.com/docs/quorum-queues).
 */
const QUORUM = { 'x-queue-type': 'quorum' } as const;

/** Arguments of each declared object, so every hub declares exactly the same. */
export const ARGUMENTS = Object.freeze({
  inboundQueue: { ...QUORUM, 'x-dead-letter-exchange': NAMES.deadLetterExchange },
  deadLetterQueue: { ...QUORUM },
  participantQueue: { ...QUORUM },
});

/** The body of a `receipt` message: what REST answers to a submission, plus the reasons. */
export interface AmqpReceipt {
  readonly status: 'accepted' | 'rejected';
  readonly messageId?: string;
  readonly receivedAt: string;
  readonly ledgerPosition: string;
  /** The hub-signed receipt (compact JWS), the same as REST gives. */
  readonly receipt: string;
  readonly duplicate?: true;
  /** The reasons, when rejected (the first 20). */
  readonly reasons?: readonly Reason[];
  /** How many reasons in all, when there were more than `reasons` holds. */
  readonly reasonCount?: number;
}
