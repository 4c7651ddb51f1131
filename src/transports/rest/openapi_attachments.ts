/**
 * The OpenAPI document's part for attachments (standard 2.1, routes/attachments.ts): the
 * upload before the message and the recipient's download, with the limits of
 * packages/standard's attachments/limits.ts.
 */
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from '@knooppunt/standard';
import { answer, object, problem, shared, TIME } from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';

const SHA256: Json = {
  type: 'string',
  pattern: '^[0-9a-f]{64}$',
  description: 'SHA-256 of the document, lowercase hexadecimal',
};
export const DIGEST_PARAMETER: Json = {
  name: 'sha256',
  in: 'path',
  required: true,
  description: 'SHA-256 of the document (lowercase hexadecimal): its name',
  schema: SHA256,
};
const BYTES: Json = { type: 'string', contentMediaType: 'application/octet-stream' };
const DOCUMENT_CONTENT: Json = Object.fromEntries(
  ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: BYTES }]),
);
const AUTHENTICATED = shared(401, 403, 500, 503);
/** The download's answer, the same for participants and the portal (openapi_portal.ts). */
export const DOCUMENT_ANSWER: Json = {
  description: 'The document',
  headers: {
    'Repr-Digest': {
      description: 'sha-256 of the bytes (RFC 9530)',
      schema: { type: 'string' },
    },
  },
  content: DOCUMENT_CONTENT,
};

/** `PUT /v1/attachments/{sha256}` and `GET /v1/messages/{id}/attachments/{sha256}`. */
export const ATTACHMENT_PATHS: Json = {
  '/v1/attachments/{sha256}': {
    put: {
      operationId: 'uploadAttachment',
      tags: ['messages'],
      summary: 'Upload a document before the message that references it (standard 2.1)',
      description: `The raw document as the body, its media type as Content-Type; at most ${ATTACHMENT_MAX_BYTES} bytes. The hub checks that the bytes have the SHA-256 of the path and keeps them for you until a message of yours references them (\`bijlage\`: sha256, grootte, mediaType) or the upload expires (KNOOPPUNT_ATTACHMENT_UPLOAD_TTL_SECONDS). The same upload again is 200 and renews the expiry.`,
      parameters: [DIGEST_PARAMETER],
      requestBody: { required: true, content: DOCUMENT_CONTENT },
      responses: {
        '201': answer('Stored', 'AttachmentUpload'),
        '200': answer('Stored before; its expiry renewed', 'AttachmentUpload'),
        '400': problem('USAGE_INVALID: the path is no SHA-256, or the body is empty'),
        '413': problem(`ATTACHMENT_TOO_LARGE: more than ${ATTACHMENT_MAX_BYTES} bytes`),
        '415': problem(`UNSUPPORTED_MEDIA_TYPE: not ${ATTACHMENT_MEDIA_TYPES.join(', ')}`),
        '422': problem('ATTACHMENT_DIGEST_MISMATCH: the bytes do not have this SHA-256'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/messages/{id}/attachments/{sha256}': {
    get: {
      operationId: 'fetchAttachment',
      tags: ['messages'],
      summary: "A document the message references; for the message's recipient and sender",
      description:
        'The bytes as the sender uploaded them, with Repr-Digest (RFC 9530). Check their SHA-256 against the reference in the signed payload before you use them. Removed with the payload (after pickup plus retention, or at expiry).',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'The message id',
          schema: { type: 'string' },
        },
        DIGEST_PARAMETER,
      ],
      responses: {
        '200': DOCUMENT_ANSWER,
        '404': problem(
          'MESSAGE_NOT_FOUND: no such message; ATTACHMENT_NOT_FOUND: the message references no such document',
        ),
        '410': problem('MESSAGE_NOT_FOUND: the payload and its attachments were removed'),
        ...AUTHENTICATED,
      },
    },
  },
};

/** The bodies of the attachment routes. */
export const ATTACHMENT_SCHEMAS: Json = {
  AttachmentUpload: object(
    {
      sha256: SHA256,
      size: { type: 'integer', minimum: 1, maximum: ATTACHMENT_MAX_BYTES },
      mediaType: { type: 'string', enum: [...ATTACHMENT_MEDIA_TYPES] },
      expiresAt: TIME,
    },
    ['sha256', 'size', 'mediaType', 'expiresAt'],
  ),
};
