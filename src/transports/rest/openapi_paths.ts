/**
 * `paths` of the OpenAPI document: every route with its parameters, request body and every
 * answer it gives — its own bodies, the problem details it may answer with, and the shared
 * problem answers (`components.responses.P<status>`, defined in openapi.ts).
 */
import { answer, CSRF_HEADER, problem, ref as schema, shared } from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';

const json = (name: string): Json => ({ 'application/json': { schema: schema(name) } });

const PUBLIC: Json = { security: [] };
const idParameter = (description: string): Json => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const query = (name: string, description: string, type: Json = { type: 'string' }): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: type,
});
/** What every authenticated route may answer besides its own. */
const AUTHENTICATED = shared(401, 403, 500, 503);

/** The paths of API v1. */
export const OPENAPI_PATHS: Json = {
  '/v1/token': {
    post: {
      operationId: 'requestToken',
      tags: ['authentication'],
      summary: 'Exchange a client assertion for a bearer token (RFC 7523, RFC 6749 §4.4)',
      ...PUBLIC,
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': { schema: schema('TokenRequest') },
          'application/json': { schema: schema('TokenRequest') },
        },
      },
      responses: {
        '200': answer('The bearer token (Cache-Control: no-store)', 'TokenResponse'),
        '400': problem('Not a client-credentials request: USAGE_INVALID with `error`'),
        '401': problem(
          'ASSERTION_INVALID, a CERT_* code or PARTICIPANT_UNKNOWN; `error`: invalid_client',
        ),
        '403': problem('PARTICIPANT_SUSPENDED; `error`: invalid_client'),
        ...shared(413, 415, 500, 503),
      },
    },
  },
  '/v1/messages': {
    post: {
      operationId: 'submitMessage',
      tags: ['messages'],
      summary: 'Submit a signed message',
      requestBody: { required: true, content: json('SignedMessage') },
      responses: {
        '201': answer('Accepted; Location names its status', 'SubmissionResult'),
        '200': answer(
          'Accepted before (same id and payload): the original receipt',
          'SubmissionResult',
        ),
        '400': problem(
          'MALFORMED_MESSAGE: not JSON, or not a message; with reasons and receipt when recorded',
        ),
        '403': problem(
          'Rejected (SENDER_MISMATCH, MODULE_NOT_ALLOWED, …; reasons, receipt) or not allowed to authenticate',
        ),
        '409': problem('MESSAGE_ID_CONFLICT or CONVERSATION_CLOSED; reasons and receipt'),
        '422': problem(
          'Rejected: envelope, certificate, schema (violations), catalogue, recipient or reply rules; reasons and receipt',
        ),
        ...shared(401, 413, 415, 500, 503),
      },
    },
  },
  '/v1/messages/{id}': {
    get: {
      operationId: 'fetchMessage',
      tags: ['messages'],
      summary: 'Fetch a message addressed to you; the first fetch records delivery',
      parameters: [idParameter('The message id')],
      responses: {
        '200': answer('The message as signed by its sender', 'FetchedMessage'),
        '404': problem('MESSAGE_NOT_FOUND'),
        '410': problem('MESSAGE_NOT_FOUND: expired, or its payload was removed after retention'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/messages/{id}/ack': {
    post: {
      operationId: 'acknowledgeMessage',
      tags: ['messages'],
      summary: 'Confirm pickup (idempotent); starts the retention period',
      parameters: [idParameter('The message id')],
      responses: {
        '200': answer('Picked up (now or before)', 'AckResult'),
        '404': problem('MESSAGE_NOT_FOUND'),
        '410': problem('MESSAGE_NOT_FOUND: the message expired before pickup'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/messages/{id}/status': {
    get: {
      operationId: 'messageStatus',
      tags: ['messages'],
      summary: 'Where a message you sent or received stands, with its ledger timeline',
      parameters: [idParameter('The message id')],
      responses: {
        '200': answer('Status and timeline; the receipt for the sender', 'MessageStatus'),
        '404': problem('MESSAGE_NOT_FOUND'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/mailbox': {
    get: {
      operationId: 'listMailbox',
      tags: ['messages'],
      summary: 'Your messages waiting for pickup, oldest first (metadata only)',
      parameters: [
        query('module', 'Only this module'),
        query('messageType', 'Only this message type'),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 500, default: 100 }),
        query('cursor', 'nextCursor of the previous page'),
        query('recipient', 'Optional; if given it must be your own OIN (else 403)'),
        query(
          'wait',
          'Long poll: when nothing is waiting, answer as soon as a message arrives, or after this many seconds',
          { type: 'integer', minimum: 0, maximum: 30, default: 0 },
        ),
      ],
      responses: {
        '200': answer('One page', 'MailboxPage'),
        '400': problem('USAGE_INVALID: a bad limit, wait, module, messageType or cursor'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/mailbox/ack': {
    post: {
      operationId: 'acknowledgeMessages',
      tags: ['messages'],
      summary:
        'Confirm pickup of up to 500 messages in one request (idempotent), with an outcome per message',
      requestBody: { required: true, content: json('AckRequest') },
      responses: {
        '200': answer(
          'An outcome per message: picked up (now or before), or the problem of that message',
          'AckResults',
        ),
        '400': problem('USAGE_INVALID: not {"messageIds": [...]} with 1 to 500 UUIDs'),
        ...shared(413, 415),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/conversations/{id}': {
    get: {
      operationId: 'getConversation',
      tags: ['messages'],
      summary: 'A conversation with the messages you sent or received in it',
      parameters: [idParameter('The conversation id')],
      responses: {
        '200': answer('The conversation', 'Conversation'),
        '404': problem('CONVERSATION_UNKNOWN'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/schemas': {
    get: {
      operationId: 'listSchemas',
      tags: ['directory'],
      summary: 'Every message schema with its catalogue traits',
      responses: { '200': answer('The schemas', 'SchemaListing'), ...AUTHENTICATED },
    },
  },
  '/v1/schemas/changelog': {
    get: {
      operationId: 'getSchemaChangelog',
      tags: ['directory'],
      summary: 'The changelog of the standard: what each version added or changed',
      responses: {
        '200': {
          description: 'The changelog (Keep a Changelog), a section per version, newest first',
          content: { 'text/markdown': { schema: { type: 'string' } } },
        },
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/schemas/{messageType}/{version}': {
    get: {
      operationId: 'getSchema',
      tags: ['directory'],
      summary: 'The JSON Schema (2020-12) of one message type and version',
      parameters: [
        { name: 'messageType', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'version', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description: 'The schema',
          content: { 'application/schema+json': { schema: { type: 'object' } } },
        },
        '404': problem('SCHEMA_UNKNOWN_TYPE'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/certificates/{thumbprint}': {
    get: {
      operationId: 'getCertificate',
      tags: ['directory'],
      summary:
        "A registered participant certificate by its x5t#S256 thumbprint: verifies a sender's signature",
      parameters: [
        {
          name: 'thumbprint',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
        },
      ],
      responses: {
        '200': answer('The certificate with its registry status', 'RegisteredCertificate'),
        '404': problem('CERT_UNKNOWN: no registered certificate has this thumbprint'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/postcodes/{postcode}': {
    get: {
      operationId: 'findMunicipalityByPostcode',
      tags: ['directory'],
      summary:
        'The municipality that serves a postal area: the recipient of an early signal (vroegsignalering)',
      parameters: [
        {
          name: 'postcode',
          in: 'path',
          required: true,
          description: 'A PC4 area (`3531`) or a full postcode (`3531 CL`, `3531CL`)',
          schema: { type: 'string', pattern: '^[1-9][0-9]{3}( ?[A-Z]{2})?$' },
        },
      ],
      responses: {
        '200': answer('The postal area and the municipality serving it', 'PostcodeArea'),
        '400': problem('USAGE_INVALID: not a postcode'),
        '404': problem(
          'POSTCODE_UNSERVED: no municipality serves this area; RECIPIENT_SUSPENDED: the one that does is suspended',
        ),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/participants': {
    get: {
      operationId: 'listParticipants',
      tags: ['directory'],
      summary: 'The directory of active participants',
      parameters: [query('module', 'Only participants of this module')],
      responses: {
        '200': answer('The directory', 'Directory'),
        '400': problem('USAGE_INVALID: unknown module'),
        ...AUTHENTICATED,
      },
    },
  },
  '/v1/health': {
    get: {
      operationId: 'health',
      tags: ['operations'],
      summary: 'The process answers (no I/O)',
      ...PUBLIC,
      responses: { '200': answer('Alive', 'Health'), ...shared(500) },
    },
  },
  '/v1/ready': {
    get: {
      operationId: 'ready',
      tags: ['operations'],
      summary: 'The ledger (and broker, when configured) answer',
      ...PUBLIC,
      responses: {
        '200': answer('Ready', 'Readiness'),
        '503': answer('Not ready; `checks` says why', 'Readiness'),
        ...shared(500),
      },
    },
  },
  '/v1/hub/certificate': {
    get: {
      operationId: 'hubCertificate',
      tags: ['operations'],
      summary: "The hub's certificate (PEM): verifies receipts",
      ...PUBLIC,
      responses: {
        '200': {
          description: 'PEM',
          content: { 'application/x-pem-file': { schema: { type: 'string' } } },
        },
        ...shared(500),
      },
    },
  },
  '/v1/hub/trust': {
    get: {
      operationId: 'hubTrust',
      tags: ['operations'],
      summary: "The trust anchors (PEM) participants' certificates chain to",
      ...PUBLIC,
      responses: {
        '200': {
          description: 'PEM bundle',
          content: { 'application/x-pem-file': { schema: { type: 'string' } } },
        },
        ...shared(500),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi',
      tags: ['operations'],
      summary: 'This document',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'OpenAPI 3.1',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        ...shared(500),
      },
    },
  },
  '/v1/operator/session': {
    post: {
      operationId: 'operatorLogin',
      tags: ['operators'],
      summary:
        'Log in as an operator: sets the session cookie (HttpOnly, SameSite=Strict, Secure outside development) and answers its CSRF token',
      ...PUBLIC,
      requestBody: { required: true, content: json('OperatorLogin') },
      responses: {
        '201': answer('Logged in (Cache-Control: no-store)', 'OperatorSession'),
        '400': problem('USAGE_INVALID: not {"name", "password"}'),
        '401': problem('LOGIN_FAILED: the name or the password is not right (one answer for both)'),
        ...shared(413, 415, 429, 500, 503),
      },
    },
    get: {
      operationId: 'operatorSession',
      tags: ['operators'],
      summary: 'The signed-in operator: name, role, CSRF token, when the session ends',
      security: [{ operatorSession: [] }],
      responses: {
        '200': answer('The session', 'OperatorSession'),
        '401': problem('SESSION_INVALID: no live session'),
        ...shared(500, 503),
      },
    },
    delete: {
      operationId: 'operatorLogout',
      tags: ['operators'],
      summary: 'Log out: ends the session on every hub process and clears the cookie',
      security: [{ operatorSession: [] }],
      parameters: [CSRF_HEADER],
      responses: {
        '204': { description: 'Logged out' },
        '401': problem('SESSION_INVALID: no live session'),
        '403': problem('CSRF_INVALID: X-CSRF-Token missing or wrong'),
        ...shared(500, 503),
      },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics',
      tags: ['operations'],
      summary:
        "The hub's metrics in Prometheus' text format: messages, pipeline and delivery times, backlogs, overdue answers, outbox, health, certificates (docs/operations.md, Monitoring)",
      security: [{ metricsToken: [] }, {}],
      responses: {
        '200': {
          description: 'Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        ...shared(401, 500),
      },
    },
  },
  '/asyncapi.json': {
    get: {
      operationId: 'asyncapi',
      tags: ['operations'],
      summary: 'The AsyncAPI 3.0 document of the AMQP transport (exchanges, queues, messages)',
      ...PUBLIC,
      responses: {
        '200': {
          description: 'AsyncAPI 3.0',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        ...shared(500),
      },
    },
  },
};
