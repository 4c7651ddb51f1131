/**
 * Attachments over AMQP (standard 2.1; the AsyncAPI document, ATTACHMENT_HEADERS of the wire
 * contract). Inbound: a participant publishes a document (`type` `attachment`, its media type
 * as `content_type`, its SHA-256 in `x-knooppunt-sha256`); the hub checks size and digest,
 * keeps it as the sender's upload and answers `attachment-stored` (`correlation_id` the
 * digest), so the sender knows it may now publish the message. Outbound: the relay puts a
 * message's documents on the recipient's queue just before the message. The hub checks digest
 * and size only; it never opens a document.
 */
import type { Message, Options } from 'amqplib';
import {
  ATTACHMENT_HEADERS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  AttachmentError,
  attachmentDigest,
  EnvelopeError,
  SHA256_HEX,
  TransportError,
} from '@knooppunt/standard';
import type { AmqpAttachmentStored, KnooppuntError } from '@knooppunt/standard';
import type { AttachmentMeta, StoredAttachment } from '../../ledger/attachments.ts';

/**
 * Why an inbound document may not be stored (pure), or its upload when it may: a media type of
 * ATTACHMENT_MEDIA_TYPES, no content encoding, at least one byte and at most
 * ATTACHMENT_MAX_BYTES, and the SHA-256 its header names.
 */
export function inboundUpload(
  delivery: Pick<Message, 'content' | 'properties'>,
  sender: string,
  now: Date,
  ttlSeconds: number,
): AttachmentMeta | KnooppuntError {
  const { contentType, contentEncoding, headers } = delivery.properties as {
    contentType?: unknown;
    contentEncoding?: unknown;
    headers?: Record<string, unknown>;
  };
  const mediaType = typeof contentType === 'string' ? contentType.trim().toLowerCase() : '';
  if (!ATTACHMENT_MEDIA_TYPES.includes(mediaType)) {
    return new TransportError(
      'UNSUPPORTED_MEDIA_TYPE',
      `an attachment's content_type is ${ATTACHMENT_MEDIA_TYPES.join(' or ')}`,
    );
  }
  const encoding = typeof contentEncoding === 'string' ? contentEncoding.trim().toLowerCase() : '';
  if (contentEncoding !== undefined && encoding !== 'identity') {
    return new TransportError(
      'UNSUPPORTED_MEDIA_TYPE',
      "an attachment's content_encoding is absent or identity: the bytes are stored as they are",
    );
  }
  const sha256 = headers?.[ATTACHMENT_HEADERS.sha256];
  if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256)) {
    return new EnvelopeError(
      'MALFORMED_MESSAGE',
      `an attachment names its SHA-256 (lowercase hexadecimal) in the ${ATTACHMENT_HEADERS.sha256} header`,
    );
  }
  const size = delivery.content.length;
  if (size > ATTACHMENT_MAX_BYTES) {
    return new AttachmentError(
      'ATTACHMENT_TOO_LARGE',
      `the attachment has ${size} bytes; at most ${ATTACHMENT_MAX_BYTES} are accepted`,
    );
  }
  if (size === 0 || attachmentDigest(delivery.content) !== sha256) {
    return new AttachmentError(
      'ATTACHMENT_DIGEST_MISMATCH',
      `the ${size} bytes sent do not have SHA-256 ${sha256}`,
    );
  }
  return {
    sha256,
    size,
    mediaType,
    owner: sender,
    storedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
  };
}

/** The `attachment-stored` answer to the sender: body and properties. */
export function attachmentStored(
  meta: AttachmentMeta,
  outcome: AmqpAttachmentStored['outcome'],
  now: Date,
): { body: Buffer; properties: Options.Publish } {
  const body: AmqpAttachmentStored = {
    sha256: meta.sha256,
    size: meta.size,
    mediaType: meta.mediaType,
    outcome,
    expiresAt: meta.expiresAt ?? meta.storedAt,
  };
  return {
    body: Buffer.from(JSON.stringify(body)),
    properties: {
      persistent: true,
      contentType: 'application/json',
      type: 'attachment-stored',
      correlationId: meta.sha256,
      timestamp: Math.floor(now.getTime() / 1000),
    },
  };
}

/**
 * The properties of a document delivered to the recipient ahead of its message: `type`
 * `attachment`, the media type, the digest and the message it belongs to (as header and as
 * `correlation_id`), and a `message_id` of its own for de-duplication.
 */
export function attachmentDeliveryProperties(
  messageId: string,
  stored: StoredAttachment,
  receivedAt: string,
): Options.Publish {
  return {
    persistent: true,
    contentType: stored.meta.mediaType,
    type: 'attachment',
    messageId: `${messageId}/${stored.meta.sha256}`,
    correlationId: messageId,
    timestamp: Math.floor(Date.parse(receivedAt) / 1000),
    headers: {
      [ATTACHMENT_HEADERS.sha256]: stored.meta.sha256,
      [ATTACHMENT_HEADERS.messageId]: messageId,
    },
  };
}
