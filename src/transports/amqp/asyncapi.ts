/**
 * The AsyncAPI 3.0 document of the AMQP transport (https://www.asyncapi.com/docs/reference/specification/v3.0.0),
 * served at `GET /asyncapi.json`: the channels (exchanges and queues, with their arguments
 * from topology.ts), the messages and their AMQP properties, and what a participant may do.
 * Built from the topology data, so the document and the declarations cannot drift apart.
 */
import {
  ARGUMENTS,
  ATTACHMENT_HEADERS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MEDIA_TYPES,
  NAMES,
} from '@knooppunt/standard';

const json = 'application/json';

/** Where participants connect: the broker's host:port and the virtual host the hub uses. */
export interface BrokerAddress {
  readonly host: string;
  readonly vhost: string;
}

/** The AsyncAPI document of the broker at `broker`. */
export function asyncApiDocument(broker: BrokerAddress): Record<string, unknown> {
  const { vhost } = broker;
  const bindings = (exchange: { name: string; type: string }, queue?: Record<string, unknown>) => ({
    amqp: {
      is: queue === undefined ? 'routingKey' : 'queue',
      exchange: { ...exchange, durable: true, autoDelete: false, vhost },
      ...(queue === undefined ? {} : { queue: { ...queue, vhost } }),
      bindingVersion: '0.3.0',
    },
  });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Knooppunt AMQP transport',
      version: '1.0.0',
      description:
        'Submit signed messages and acknowledgements to the inbound exchange; take deliveries and receipts from your own quorum queue. Your RabbitMQ user is your OIN and every publish must carry `user_id` = your OIN (the broker validates it). See docs/api.md, section AMQP.',
    },
    servers: {
      broker: {
        host: broker.host,
        // The AMQP URI's path is the vhost, percent-encoded ('/' is %2F).
        pathname: `/${encodeURIComponent(vhost)}`,
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: `RabbitMQ, virtual host '${vhost}'.`,
      },
    },
    defaultContentType: json,
    channels: {
      inbound: {
        address: NAMES.inboundExchange,
        description: `Direct exchange, routing keys submission, ack and attachment; bound to quorum queue ${NAMES.inboundQueue} with arguments ${JSON.stringify(ARGUMENTS.inboundQueue)}.`,
        messages: {
          submission: { $ref: '#/components/messages/submission' },
          ack: { $ref: '#/components/messages/ack' },
          attachment: { $ref: '#/components/messages/attachmentUpload' },
        },
        bindings: bindings({ name: NAMES.inboundExchange, type: 'direct' }),
      },
      participant: {
        address: 'knooppunt.participant.{oin}',
        description: `Quorum queue per participant (arguments ${JSON.stringify(ARGUMENTS.participantQueue)}), bound to the direct exchange ${NAMES.deliveriesExchange} with routing key = OIN. Read-only for its participant.`,
        parameters: { oin: { description: 'the participant OIN (20 digits)' } },
        messages: {
          message: { $ref: '#/components/messages/message' },
          receipt: { $ref: '#/components/messages/receipt' },
          attachment: { $ref: '#/components/messages/attachmentDelivery' },
          attachmentStored: { $ref: '#/components/messages/attachmentStored' },
        },
        bindings: bindings(
          { name: NAMES.deliveriesExchange, type: 'direct' },
          {
            name: 'knooppunt.participant.{oin}',
            durable: true,
            exclusive: false,
            autoDelete: false,
          },
        ),
      },
      deadLetters: {
        address: NAMES.deadLetterQueue,
        description: `Quorum queue bound to the fanout exchange ${NAMES.deadLetterExchange}: inbound messages the hub could not read. Operators only.`,
        messages: { deadLetter: { payload: {} } },
      },
    },
    operations: {
      submit: {
        action: 'send',
        channel: { $ref: '#/channels/inbound' },
        messages: [{ $ref: '#/channels/inbound/messages/submission' }],
        reply: { channel: { $ref: '#/channels/participant' } },
      },
      uploadAttachment: {
        action: 'send',
        channel: { $ref: '#/channels/inbound' },
        summary:
          'Standard 2.1: publish each document a message references before the message, and wait for attachment-stored (or a rejection receipt) correlated by its SHA-256.',
        messages: [{ $ref: '#/channels/inbound/messages/attachment' }],
        reply: { channel: { $ref: '#/channels/participant' } },
      },
      acknowledge: {
        action: 'send',
        channel: { $ref: '#/channels/inbound' },
        messages: [{ $ref: '#/channels/inbound/messages/ack' }],
      },
      receive: {
        action: 'receive',
        channel: { $ref: '#/channels/participant' },
        messages: [
          { $ref: '#/channels/participant/messages/message' },
          { $ref: '#/channels/participant/messages/receipt' },
          { $ref: '#/channels/participant/messages/attachment' },
          { $ref: '#/channels/participant/messages/attachmentStored' },
        ],
      },
    },
    components: {
      messages: {
        submission: message('submission', 'A signed message {envelope, payload, signature}.', {
          type: 'object',
          required: ['envelope', 'payload', 'signature'],
        }),
        ack: message('ack', 'Records pickup of a message delivered to you.', {
          type: 'object',
          required: ['messageId'],
          properties: { messageId: { type: 'string' } },
        }),
        message: message('message', 'A delivery; message_id = the message id.', {
          type: 'object',
          required: ['envelope', 'payload', 'signature', 'receivedAt'],
        }),
        attachmentUpload: document(
          `A document (standard 2.1) a message of yours will reference: the raw bytes, at most ${ATTACHMENT_MAX_BYTES}; routing key and type attachment, content_type its media type, header ${ATTACHMENT_HEADERS.sha256} its SHA-256 (lowercase hexadecimal), message_id the same digest. The hub checks size and digest and keeps it for you for KNOOPPUNT_ATTACHMENT_UPLOAD_TTL_SECONDS; it answers attachment-stored, or a rejection receipt (ATTACHMENT_TOO_LARGE, ATTACHMENT_DIGEST_MISMATCH, UNSUPPORTED_MEDIA_TYPE, MALFORMED_MESSAGE) correlated by the digest. A refused document is not kept (no dead letter).`,
          { [ATTACHMENT_HEADERS.sha256]: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
        ),
        attachmentDelivery: document(
          `A document of a message delivered to you, put on your queue just before the message itself: correlation_id and header ${ATTACHMENT_HEADERS.messageId} the message id, header ${ATTACHMENT_HEADERS.sha256} its SHA-256, message_id <messageId>/<sha256>. Check its digest and size against the reference in the signed payload before you use it. Acknowledge it with its message.`,
          {
            [ATTACHMENT_HEADERS.sha256]: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            [ATTACHMENT_HEADERS.messageId]: { type: 'string' },
          },
        ),
        attachmentStored: message(
          'attachment-stored',
          'The hub keeps your document; correlation_id = its SHA-256. Now publish the message that references it.',
          {
            type: 'object',
            required: ['sha256', 'size', 'mediaType', 'outcome', 'expiresAt'],
            properties: {
              sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              size: { type: 'integer', minimum: 1, maximum: ATTACHMENT_MAX_BYTES },
              mediaType: { enum: [...ATTACHMENT_MEDIA_TYPES] },
              outcome: {
                enum: ['created', 'exists'],
                description: 'exists: stored before, expiry renewed',
              },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
        ),
        receipt: message(
          'receipt',
          'The hub-signed receipt of your submission; correlation_id = the message id.',
          {
            type: 'object',
            required: ['status', 'receivedAt', 'ledgerPosition', 'receipt'],
            properties: {
              status: { enum: ['accepted', 'rejected'] },
              messageId: { type: 'string' },
              receipt: { type: 'string', description: 'compact JWS, ES256, hub certificate' },
              duplicate: { const: true },
              reasons: {
                type: 'array',
                maxItems: 20,
                description: 'when rejected: the reasons, the first 20',
              },
              reasonCount: {
                type: 'integer',
                minimum: 21,
                description: 'when rejected with more than 20 reasons: how many in all',
              },
            },
          },
        ),
      },
    },
  };
}

function message(type: string, summary: string, payload: Record<string, unknown>) {
  return {
    name: type,
    summary,
    contentType: json,
    payload,
    bindings: { amqp: { messageType: type, contentEncoding: 'utf-8', bindingVersion: '0.3.0' } },
  };
}

/** A document (standard 2.1): raw bytes of a media type of ATTACHMENT_MEDIA_TYPES. */
function document(summary: string, headers: Record<string, unknown>) {
  return {
    name: 'attachment',
    summary,
    contentType: ATTACHMENT_MEDIA_TYPES[0],
    headers: { type: 'object', required: Object.keys(headers), properties: headers },
    payload: { type: 'string', format: 'binary', maxLength: ATTACHMENT_MAX_BYTES },
    bindings: { amqp: { messageType: 'attachment', bindingVersion: '0.3.0' } },
  };
}
