/**
 * The participant portal's API in the OpenAPI document (`/v1/portal/…`, tag `portal`): the
 * session (name, password, TOTP code) and the participant's own messages. Every route acts for
 * the signed-in user's participant only.
 */
import { MODULES } from '@knooppunt/standard';
import {
  answer,
  CSRF_HEADER as CSRF,
  object,
  OIN,
  problem,
  ref,
  shared,
  STATUS,
  TEXT,
  TIME,
} from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';
import { DIGEST_PARAMETER, DOCUMENT_ANSWER } from './openapi_attachments.ts';

const SESSION = [{ portalSession: [] }];
const SIGNED_IN = {
  '401': problem('SESSION_INVALID: no live portal session'),
  ...shared(500, 503),
};
const NOT_YOURS = problem(
  "MESSAGE_NOT_FOUND: no such message, or one the user's participant neither sent nor receives (the same answer)",
);
const COUNT: Json = { type: 'integer', minimum: 0 };
const ID: Json = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The message id',
  schema: TEXT,
};

/** The portal's schemas. */
export const PORTAL_SCHEMAS: Readonly<Record<string, Json>> = {
  PortalLogin: object(
    { name: TEXT, password: TEXT, code: { type: 'string', pattern: '^[0-9]{6}$' } },
    ['name', 'password', 'code'],
  ),
  PortalSession: object(
    {
      name: TEXT,
      participant: OIN,
      role: { type: 'string', enum: ['medewerker', 'beheerder'] },
      csrfToken: TEXT,
      expiresAt: TIME,
      endsAt: TIME,
    },
    ['name', 'participant', 'role', 'csrfToken', 'expiresAt', 'endsAt'],
  ),
  PortalDeadlines: object({ now: TIME, items: { type: 'array', items: ref('OpenAnswer') } }, [
    'now',
    'items',
  ]),
  PortalOverview: object(
    {
      now: TIME,
      unread: object(
        {
          total: COUNT,
          byModule: {
            type: 'array',
            items: object({ module: { type: 'string', enum: [...MODULES] }, count: COUNT }, [
              'module',
              'count',
            ]),
          },
          byMessageType: {
            type: 'array',
            items: object({ messageType: TEXT, count: COUNT }, ['messageType', 'count']),
          },
        },
        ['total', 'byModule', 'byMessageType'],
      ),
      answers: object({ owed: COUNT, open: COUNT, overdue: COUNT }, ['owed', 'open', 'overdue']),
      capped: {
        type: 'boolean',
        description: 'True when the participant has more unread messages than the hub counts',
      },
    },
    ['now', 'unread', 'answers', 'capped'],
  ),
  PortalMessage: object(
    {
      message: ref('OperatorMessage'),
      envelope: ref('Envelope'),
      payload: { type: ['object', 'null'], description: 'null once dropped after retention' },
    },
    ['message', 'envelope', 'payload'],
  ),
};

/** The portal's paths. */
export const PORTAL_PATHS: Readonly<Record<string, Json>> = {
  '/v1/portal/session': {
    post: {
      operationId: 'portalLogin',
      tags: ['portal'],
      summary:
        'Log in to the portal with name, password and the current TOTP code: sets the portal cookie and answers its CSRF token',
      security: [],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('PortalLogin') } },
      },
      responses: {
        '201': answer('Logged in (Cache-Control: no-store)', 'PortalSession'),
        '400': problem('USAGE_INVALID: not {"name", "password", "code"}'),
        '401': problem(
          'LOGIN_FAILED: the name, the password or the code is not right (one answer)',
        ),
        '403': problem("PARTICIPANT_SUSPENDED: the user's participant is suspended"),
        ...shared(413, 415, 429, 500, 503),
      },
    },
    get: {
      operationId: 'portalSession',
      tags: ['portal'],
      summary:
        'The signed-in portal user: name, participant, role, CSRF token, when the session ends',
      security: SESSION,
      responses: { '200': answer('The session', 'PortalSession'), ...SIGNED_IN },
    },
    delete: {
      operationId: 'portalLogout',
      tags: ['portal'],
      summary: 'Log out of the portal',
      security: SESSION,
      parameters: [CSRF],
      responses: {
        '204': { description: 'Logged out' },
        '403': problem('CSRF_INVALID'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/messages': {
    get: {
      operationId: 'portalMessages',
      tags: ['portal'],
      summary:
        "The messages addressed to the user's participant, newest first, paged (metadata); filters by module, type, status, unread and owed answer",
      security: SESSION,
      parameters: [
        {
          name: 'module',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: [...MODULES] },
        },
        { name: 'messageType', in: 'query', required: false, schema: TEXT },
        { name: 'status', in: 'query', required: false, schema: STATUS },
        {
          name: 'unread',
          in: 'query',
          required: false,
          description:
            'true: only unread messages (accepted or delivered, not yet picked up); false: only the others. A page may then hold fewer than `limit` messages while `nextCursor` leads on',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        {
          name: 'answer',
          in: 'query',
          required: false,
          description:
            'Only requests whose answer the participant still owes: `owed` all of them, `open` those whose deadline has not passed, `overdue` those past it (from at most 5,000 open answers)',
          schema: { type: 'string', enum: ['owed', 'open', 'overdue'] },
        },
        { name: 'cursor', in: 'query', required: false, schema: TEXT },
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
      ],
      responses: {
        '200': answer('A page of messages', 'MessagePage'),
        '400': problem('USAGE_INVALID'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/messages/{id}': {
    get: {
      operationId: 'portalMessage',
      tags: ['portal'],
      summary:
        "A message the user's participant sent or receives, with its payload; opening one addressed to the participant picks it up",
      security: SESSION,
      parameters: [ID],
      responses: { '200': answer('The message', 'PortalMessage'), '404': NOT_YOURS, ...SIGNED_IN },
    },
  },
  '/v1/portal/messages/{id}/attachments/{sha256}': {
    get: {
      operationId: 'portalAttachment',
      tags: ['portal'],
      summary:
        "A document a message of the user's participant references (standard 2.1), as GET /v1/messages/{id}/attachments/{sha256} answers it",
      security: SESSION,
      parameters: [ID, DIGEST_PARAMETER],
      responses: {
        '200': DOCUMENT_ANSWER,
        '400': problem('USAGE_INVALID: the path names no SHA-256'),
        '404': problem(
          "MESSAGE_NOT_FOUND: no such message, or not the participant's; ATTACHMENT_NOT_FOUND: the message references no such document",
        ),
        '410': problem('MESSAGE_NOT_FOUND: the payload and its attachments were removed'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/messages/{id}/ack': {
    post: {
      operationId: 'portalAck',
      tags: ['portal'],
      summary: "Picks up a message addressed to the user's participant",
      security: SESSION,
      parameters: [ID, CSRF],
      responses: {
        '200': answer('The message as it stands', 'OperatorMessage'),
        '403': problem('CSRF_INVALID'),
        '404': NOT_YOURS,
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/deadlines': {
    get: {
      operationId: 'portalDeadlines',
      tags: ['portal'],
      summary:
        "Requests addressed to the user's participant whose answer is still open, earliest deadline first, with working days late",
      security: SESSION,
      responses: { '200': answer('The open answers', 'PortalDeadlines'), ...SIGNED_IN },
    },
  },
  '/v1/portal/conversations/{id}': {
    get: {
      operationId: 'portalConversation',
      tags: ['portal'],
      summary:
        "A case: the conversation's messages the participant sent or receives, their events, the answers it still owes",
      security: SESSION,
      parameters: [{ ...ID, description: 'The conversation id' }],
      responses: {
        '200': answer('The case', 'ConversationDetail'),
        '404': problem(
          "CONVERSATION_UNKNOWN: no such conversation, or none of its messages is the participant's (the same answer)",
        ),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/schemas': {
    get: {
      operationId: 'portalSchemas',
      tags: ['portal'],
      summary: 'Every message schema with its catalogue traits (as GET /v1/schemas)',
      security: SESSION,
      responses: { '200': answer('The schemas', 'PortalSchemaListing'), ...SIGNED_IN },
    },
  },
  '/v1/portal/schemas/{messageType}/{version}': {
    get: {
      operationId: 'portalSchema',
      tags: ['portal'],
      summary:
        'The JSON Schema of one message type and version, self-contained: the definitions it references are bundled into its `$defs` and every `$ref` is local (for forms and reading)',
      security: SESSION,
      parameters: [
        { name: 'messageType', in: 'path', required: true, schema: TEXT },
        { name: 'version', in: 'path', required: true, schema: TEXT },
      ],
      responses: {
        '200': {
          description: 'The schema',
          content: { 'application/schema+json': { schema: { type: 'object' } } },
        },
        '404': problem('SCHEMA_UNKNOWN_TYPE'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/overview': {
    get: {
      operationId: 'portalOverview',
      tags: ['portal'],
      summary:
        "What the portal's navigation counts: the participant's unread messages per module and per type, and the answers it owes (open, overdue)",
      security: SESSION,
      responses: { '200': answer('The counts', 'PortalOverview'), ...SIGNED_IN },
    },
  },
};
