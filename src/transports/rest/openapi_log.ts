/**
 * The OpenAPI document's part for a participant's own message log (`GET /v1/log` and
 * `GET /v1/log/rejections`, routes/log.ts): the paths with every query parameter, and the
 * `LogEntry` / `LogPage` and `RejectionEntry` / `RejectionPage` bodies (the wire types of
 * @knooppunt/standard).
 */
import { MODULES, ROLES } from '@knooppunt/standard';
import {
  answer,
  object,
  OIN,
  problem,
  ref,
  shared,
  STATUS,
  TEXT,
  TIME,
  UUID,
} from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';
import { LOG_LIMITS } from './routes/log.ts';

const query = (name: string, description: string, schema: Json): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const BOOLEAN: Json = { type: 'string', enum: ['true', 'false'] };
const LIMIT: Json = {
  type: 'integer',
  minimum: LOG_LIMITS.min,
  maximum: LOG_LIMITS.max,
  default: LOG_LIMITS.fallback,
};
const BAD_PARAMETER = problem(
  'USAGE_INVALID: a parameter that is unknown, given twice or out of its range, or a cursor this hub did not issue',
);

/** `GET /v1/log`. */
export const LOG_PATHS: Json = {
  '/v1/log': {
    get: {
      operationId: 'searchLog',
      tags: ['messages'],
      summary: 'Your message log: the messages you sent and received, newest first (metadata only)',
      description:
        'Every message the authenticated participant sent or received, never anyone else’s, searched by the given parameters (all must match). Any other parameter is refused with USAGE_INVALID.',
      parameters: [
        query('messageId', 'The message’s id (its reference)', UUID),
        query('conversationId', 'Only this conversation', UUID),
        query('inReplyTo', 'Only answers to this message', UUID),
        query(
          'counterparty',
          'Only the exchange with this participant: the recipient of what you sent, the sender of what you received',
          OIN,
        ),
        query(
          'counterpartyRole',
          'Only the exchange with participants of this role, or of any of several comma-separated (the registry’s, suspended ones too): the Schuldenknooppunt’s Organisatietype',
          { type: 'string', pattern: `^(${ROLES.join('|')})(,(${ROLES.join('|')}))*$` },
        ),
        query('direction', 'Only what you sent, or only what you received', {
          type: 'string',
          enum: ['sent', 'received'],
        }),
        query('module', 'Only this module', { type: 'string', enum: [...MODULES] }),
        query('messageType', 'Only this message type', TEXT),
        query('version', 'Only this version of the standard (major.minor)', {
          type: 'string',
          pattern: '^[0-9]{1,5}\\.[0-9]{1,5}$',
        }),
        query('status', 'Only messages in this state', STATUS),
        query('from', 'Received by the hub at or after this time', TIME),
        query('to', 'Received by the hub before this time (after from)', TIME),
        query('fetched', 'Fetched by the recipient (or put on its AMQP queue) or not', BOOLEAN),
        query('pickedUp', 'Acknowledged by the recipient or not', BOOLEAN),
        query('limit', 'Page size', LIMIT),
        query('cursor', 'nextCursor of the previous page', TEXT),
      ],
      responses: {
        '200': answer('One page of your log (Cache-Control: no-store)', 'LogPage'),
        '400': BAD_PARAMETER,
        ...shared(401, 403, 500, 503),
      },
    },
  },
  '/v1/log/rejections': {
    get: {
      operationId: 'searchLogRejections',
      tags: ['messages'],
      summary: 'The submissions the hub refused you, newest first, with their reasons',
      description:
        'Only your own refused submissions: when, which message to whom (when the hub verified its envelope) and the reasons of the signed rejection receipt. Any other parameter is refused with USAGE_INVALID.',
      parameters: [
        query('messageId', 'The refused message’s id', UUID),
        query('counterparty', 'The recipient its envelope named', OIN),
        query('messageType', 'The type its envelope named', {
          type: 'string',
          pattern: '^[a-z][a-z-]{0,63}$',
        }),
        query('from', 'Refused at or after this time', TIME),
        query('to', 'Refused before this time (after from)', TIME),
        query('limit', 'Page size', LIMIT),
        query('cursor', 'nextCursor of the previous page', TEXT),
      ],
      responses: {
        '200': answer('One page (Cache-Control: no-store)', 'RejectionPage'),
        '400': BAD_PARAMETER,
        ...shared(401, 403, 500, 503),
      },
    },
  },
};

/** The bodies of the log. */
export const LOG_SCHEMAS: Readonly<Record<string, Json>> = {
  LogEntry: object(
    {
      messageId: UUID,
      conversationId: UUID,
      inReplyTo: UUID,
      module: { type: 'string', enum: [...MODULES] },
      messageType: TEXT,
      version: TEXT,
      direction: { type: 'string', enum: ['sent', 'received'] },
      counterparty: OIN,
      sender: OIN,
      recipient: OIN,
      createdAt: TIME,
      receivedAt: TIME,
      status: STATUS,
      fetched: { type: 'boolean' },
      pickedUp: { type: 'boolean' },
      deliveredAt: TIME,
      pickedUpAt: TIME,
      expiredAt: TIME,
      answerDueAt: TIME,
      answeredAt: TIME,
      expiresAt: TIME,
    },
    [
      'messageId',
      'conversationId',
      'module',
      'messageType',
      'version',
      'direction',
      'counterparty',
      'sender',
      'recipient',
      'createdAt',
      'receivedAt',
      'status',
      'fetched',
      'pickedUp',
      'expiresAt',
    ],
  ),
  LogPage: object(
    {
      items: { type: 'array', items: ref('LogEntry') },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
    },
    ['items'],
  ),
  RejectionEntry: object(
    {
      rejectionId: UUID,
      ledgerPosition: TEXT,
      refusedAt: TIME,
      messageId: UUID,
      counterparty: OIN,
      messageType: TEXT,
      transport: { type: 'string', enum: ['rest', 'amqp', 'portal'] },
      reasons: { type: 'array', items: ref('Reason'), maxItems: 20 },
      reasonCount: { type: 'integer', minimum: 21 },
    },
    ['rejectionId', 'ledgerPosition', 'refusedAt', 'transport', 'reasons'],
  ),
  RejectionPage: object(
    {
      items: { type: 'array', items: ref('RejectionEntry') },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
    },
    ['items'],
  ),
};
