/**
 * The bodies and properties of the messages the hub puts on a participant's queue (pure): the
 * receipt of a submission (`type: receipt`), a delivered message (`type: message`) and how an
 * inbound message is classified. Kept apart from the I/O so the shapes can be tested and
 * documented (docs/api.md, the AsyncAPI document) from one place.
 */
import type { Options } from 'amqplib';
import type { MessageRecord } from '../../ledger/types.ts';
import type { PipelineResult } from '../../pipeline/types.ts';
import type { AmqpReceipt } from '@knooppunt/standard';
import { REFUSED_HEADERS } from './header_guard.ts';

/** The receipt body of a pipeline result. */
export function receiptBody(result: PipelineResult): AmqpReceipt {
  const { claims } = result;
  return {
    status: claims.status,
    ...(claims.messageId === undefined ? {} : { messageId: claims.messageId }),
    receivedAt: claims.receivedAt,
    ledgerPosition: claims.ledgerPosition,
    receipt: result.receipt,
    ...(result.outcome === 'duplicate' ? { duplicate: true as const } : {}),
    ...(result.outcome === 'rejected' ? { reasons: claims.reasons } : {}),
    ...(claims.reasonCount === undefined ? {} : { reasonCount: claims.reasonCount }),
  };
}

/**
 * The properties of a receipt message: persistent; `correlation_id` is the message id, or the
 * inbound `message_id` property when the hub could not read one from the body. A property is an
 * AMQP short string (at most 255 bytes, AMQP 0-9-1 §4.2.5.3): a rejected id longer than that
 * (a signed envelope or an ack may name any string) is left out of the property — the body and
 * the signed claims still name it — since a property that cannot be encoded would leave the
 * receipt unsent and the message redelivered forever.
 */
export function receiptProperties(
  result: PipelineResult,
  now: Date,
  inboundMessageId?: string,
): Options.Publish {
  const correlationId = [result.claims.messageId, inboundMessageId].find(isShortString);
  return {
    persistent: true,
    contentType: 'application/json',
    type: 'receipt',
    timestamp: Math.floor(now.getTime() / 1000),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
}

/** The most bytes an AMQP short string holds (AMQP 0-9-1 §4.2.5.3). */
const SHORT_STRING_BYTES = 255;

/** Whether `value` fits an AMQP short string (a property; the longest id a refusal names). */
export function isShortString(value: string | undefined): value is string {
  return value !== undefined && Buffer.byteLength(value) <= SHORT_STRING_BYTES;
}

/** The body of a delivered message: the wire form REST serves at `GET /v1/messages/{id}`. */
export function deliveryBody(record: MessageRecord): Buffer {
  return Buffer.from(
    JSON.stringify({
      envelope: record.envelope,
      payload: record.payload,
      signature: record.signature,
      receivedAt: record.receivedAt,
    }),
  );
}

/** The properties of a delivered message; `message_id` lets the recipient de-duplicate. */
export function deliveryProperties(record: MessageRecord): Options.Publish {
  return {
    persistent: true,
    contentType: 'application/json',
    type: 'message',
    messageId: record.messageId,
    timestamp: Math.floor(Date.parse(record.receivedAt) / 1000),
  };
}

/** What an inbound message is, judged by its properties and size (pure). */
export type InboundKind =
  | { readonly kind: 'dead-letter'; readonly why: string }
  | { readonly kind: 'too-large'; readonly sender: string }
  | { readonly kind: 'unknown-type'; readonly sender: string; readonly type: string }
  | { readonly kind: 'submission' | 'ack' | 'attachment'; readonly sender: string };

/**
 * Why an inbound message's properties do not announce what the hub reads, or `undefined` when
 * they do (pure): `content_type` must be `application/json`, with no parameter but
 * `charset=utf-8` (I-JSON is UTF-8, RFC 7493 §2.1), and `content_encoding`, when present, names
 * no compression — only `utf-8`, as the AsyncAPI binding states it, or `identity`. A
 * compressed or otherwise encoded body is refused rather than read as it is: the hub would
 * take other bytes for the message than the sender meant.
 */
export function unsupportedMedia(properties: {
  contentType?: unknown;
  contentEncoding?: unknown;
}): string | undefined {
  const { contentType, contentEncoding } = properties;
  if (typeof contentType !== 'string' || !isJsonMediaType(contentType)) {
    const shown = typeof contentType === 'string' ? `'${contentType.slice(0, 100)}'` : 'none';
    return `the content_type property must be application/json (charset utf-8), got ${shown}`;
  }
  if (contentEncoding === undefined) return undefined;
  const encoding = typeof contentEncoding === 'string' ? contentEncoding.trim().toLowerCase() : '';
  if (encoding === 'utf-8' || encoding === 'identity') return undefined;
  return 'the content_encoding property must be absent, utf-8 or identity: the body is read as it is';
}

/**
 * Why the properties of a read submission contradict its envelope, or `undefined` (pure): a
 * `message_id` property, when there is one, is the envelope's messageId — the receipt is
 * correlated by the envelope's id, and whoever de-duplicates on the property (the broker's
 * tools, the sender's own code) must see the same message the hub stores.
 */
export function propertyMismatch(
  properties: { messageId?: unknown },
  body: unknown,
): string | undefined {
  const property = properties.messageId;
  const envelope = (body as { envelope?: { messageId?: unknown } } | null)?.envelope;
  const messageId =
    typeof envelope === 'object' && envelope !== null ? envelope.messageId : undefined;
  if (typeof property !== 'string' || typeof messageId !== 'string' || property === messageId) {
    return undefined;
  }
  return "the message_id property is not the envelope's messageId";
}

/**
 * Why the guard replaced the headers of a message (header_guard.ts), or `undefined` (pure).
 */
export function refusedHeaders(properties: { headers?: unknown }): string | undefined {
  const why = (properties.headers as Record<string, unknown> | undefined)?.[REFUSED_HEADERS];
  return typeof why === 'string' ? why : undefined;
}

/** `application/json`, optionally with `charset=utf-8` (RFC 8259 §11 defines no parameters). */
function isJsonMediaType(value: string): boolean {
  const [type, ...parameters] = value.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return parameters.every((parameter) => /^charset="?utf-8"?$/.test(parameter));
}

/** Classifies an inbound message. A missing user_id leaves nobody to answer: dead-letter it. */
export function classifyInbound(
  properties: { userId?: unknown; type?: unknown },
  size: number,
  maxBodyBytes: number,
): InboundKind {
  const sender = properties.userId;
  if (typeof sender !== 'string' || sender === '') {
    return { kind: 'dead-letter', why: 'no user_id property' };
  }
  const type = typeof properties.type === 'string' ? properties.type : '';
  // A document (standard 2.1) has a limit of its own, ATTACHMENT_MAX_BYTES, checked when read.
  if (type === 'attachment') return { kind: type, sender };
  if (size > maxBodyBytes) return { kind: 'too-large', sender };
  if (type === 'submission' || type === 'ack') return { kind: type, sender };
  return { kind: 'unknown-type', sender, type };
}
