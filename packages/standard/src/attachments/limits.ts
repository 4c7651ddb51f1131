/**
 * The limits on attachments (standard 2.1), in one place: the schema's `grootte` maximum and
 * `maxItems`, the hub's upload route and AMQP check, the SDK and the documentation all read
 * these numbers, and a test holds the schema to them (test/unit/schemas/attachment_limits.test.ts).
 */

/** The largest document one attachment may be: 5 MiB, about what 2.0 carried inline as base64. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** The most attachments one message may reference (`bijlagen` `maxItems`, or one `beschikking`). */
export const ATTACHMENTS_MAX_PER_MESSAGE = 2;

/** The most attachment bytes one message may reference in all. */
export const ATTACHMENTS_MAX_TOTAL_BYTES = ATTACHMENT_MAX_BYTES * ATTACHMENTS_MAX_PER_MESSAGE;

/** The media types an attachment may have (the schema's `mediaType` enum). */
export const ATTACHMENT_MEDIA_TYPES: readonly string[] = Object.freeze(['application/pdf']);

/** A SHA-256 digest in lowercase hexadecimal: how an attachment is named. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
