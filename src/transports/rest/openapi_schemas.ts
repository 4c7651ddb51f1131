/**
 * `components.schemas` of the OpenAPI document: the JSON Schema (2020-12, as OpenAPI 3.1 uses
 * it) of every request and response body. They describe the types of views.ts, problem.ts and
 * tokens.ts; the REST tests validate every answer they receive against them.
 */
import {
  HUB_ERROR_CODES,
  MODULES,
  PARTICIPANT_KINDS,
  ROLES,
  VASTE_LASTEN,
} from '@knooppunt/standard';

import { object, OIN, ref, STATUS, TEXT, TIME, UUID } from './openapi_parts.ts';
import type { Json as Schema } from './openapi_parts.ts';

const JWS: Schema = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
  description: 'A compact JWS (RFC 7515 §7.1)',
};
const strings = (items: Schema = TEXT): Schema => ({ type: 'array', items });

/** Every schema of the document, by name. */
export const OPENAPI_SCHEMAS: Readonly<Record<string, Schema>> = {
  Problem: {
    type: 'object',
    description:
      'RFC 9457 problem details. `code` is the stable error code (docs/errors.md); other members are extensions.',
    properties: {
      type: {
        type: 'string',
        format: 'uri',
        examples: ['https://knooppunt.nl/problems/forbidden'],
      },
      title: TEXT,
      status: { type: 'integer', minimum: 400, maximum: 599 },
      detail: TEXT,
      code: { type: 'string', enum: [...HUB_ERROR_CODES] },
      instance: { type: 'string', description: 'The request path' },
      requestId: { type: 'string', description: 'As in the X-Request-Id header and the log' },
      reasons: {
        type: 'array',
        items: ref('Reason'),
        maxItems: 20,
        description: 'Rejected messages: the reasons, the first 20',
      },
      reasonCount: {
        type: 'integer',
        minimum: 21,
        description: 'Rejected messages: how many reasons in all, when more than 20',
      },
      receipt: { ...JWS, description: 'Rejected messages: the hub-signed rejection receipt' },
      violations: { type: 'array', items: ref('SchemaViolation'), maxItems: 20 },
      error: { type: 'string', description: 'POST /v1/token: the OAuth 2.0 error code' },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
  },
  Reason: object(
    { code: { type: 'string', enum: [...HUB_ERROR_CODES] }, detail: TEXT, pointer: TEXT },
    ['code', 'detail'],
  ),
  SchemaViolation: object(
    {
      instancePath: { type: 'string', description: 'JSON pointer into the message' },
      schemaPath: TEXT,
      keyword: TEXT,
      params: { type: 'object' },
      message: TEXT,
    },
    ['instancePath', 'schemaPath', 'keyword', 'params', 'message'],
  ),
  TokenRequest: object(
    {
      grant_type: { const: 'client_credentials' },
      client_assertion_type: { const: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' },
      client_assertion: { ...JWS, description: 'The client assertion JWT (docs/api.md)' },
      client_id: { ...OIN, description: 'Optional; when sent, the assertion subject' },
    },
    ['grant_type', 'client_assertion_type', 'client_assertion'],
  ),
  TokenResponse: object(
    {
      access_token: JWS,
      token_type: { const: 'Bearer' },
      expires_in: { type: 'integer', minimum: 1 },
    },
    ['access_token', 'token_type', 'expires_in'],
  ),
  Envelope: object(
    {
      messageId: UUID,
      conversationId: UUID,
      inReplyTo: UUID,
      module: { type: 'string', enum: [...MODULES] },
      messageType: TEXT,
      version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+$' },
      sender: OIN,
      recipient: OIN,
      createdAt: TIME,
      payloadDigest: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
      postcode: {
        type: 'string',
        pattern: '^[1-9][0-9]{3}$',
        description:
          'PC4 postal area: required for the types routed by postcode (vroegsignalering), absent on others',
      },
    },
    [
      'messageId',
      'conversationId',
      'module',
      'messageType',
      'version',
      'sender',
      'recipient',
      'createdAt',
      'payloadDigest',
    ],
  ),
  SignedMessage: object(
    {
      envelope: ref('Envelope'),
      payload: { type: 'object', description: 'Valid against the schema of its type and version' },
      signature: { ...JWS, description: 'The sender’s JWS over the envelope (docs/envelope.md)' },
    },
    ['envelope', 'payload', 'signature'],
  ),
  SubmissionResult: object(
    {
      status: { const: 'accepted' },
      messageId: UUID,
      receivedAt: TIME,
      ledgerPosition: { type: 'string', description: 'The ledger event that records it' },
      receipt: { ...JWS, description: 'The hub-signed receipt; claims: ReceiptClaims' },
      duplicate: { const: true, description: 'Present when the hub had this message already' },
    },
    ['status', 'messageId', 'receivedAt', 'ledgerPosition', 'receipt'],
  ),
  ReceiptClaims: object(
    {
      hub: OIN,
      status: { type: 'string', enum: ['accepted', 'rejected'] },
      messageId: UUID,
      payloadDigest: TEXT,
      sender: OIN,
      recipient: OIN,
      via: { const: 'portal', description: 'Made in the portal (absent for REST and AMQP)' },
      portalUser: { ...TEXT, description: 'The portal user who made it (with via)' },
      receivedAt: TIME,
      ledgerPosition: TEXT,
      ledgerHash: TEXT,
      reasons: { type: 'array', items: ref('Reason'), maxItems: 20 },
      reasonCount: {
        type: 'integer',
        minimum: 21,
        description: 'How many reasons in all, when there were more than the 20 listed',
      },
    },
    ['hub', 'status', 'receivedAt', 'ledgerPosition', 'ledgerHash', 'reasons'],
  ),
  MailboxItem: object(
    {
      messageId: UUID,
      conversationId: UUID,
      inReplyTo: UUID,
      module: { type: 'string', enum: [...MODULES] },
      messageType: TEXT,
      version: TEXT,
      sender: OIN,
      recipient: OIN,
      createdAt: TIME,
      receivedAt: TIME,
      status: STATUS,
      answerDueAt: TIME,
      expiresAt: TIME,
    },
    [
      'messageId',
      'conversationId',
      'module',
      'messageType',
      'version',
      'sender',
      'recipient',
      'createdAt',
      'receivedAt',
      'status',
      'expiresAt',
    ],
  ),
  MailboxPage: object(
    {
      items: { type: 'array', items: ref('MailboxItem') },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page' },
    },
    ['items'],
  ),
  FetchedMessage: object(
    {
      envelope: ref('Envelope'),
      payload: { type: 'object' },
      signature: JWS,
      receivedAt: TIME,
      status: STATUS,
    },
    ['envelope', 'payload', 'signature', 'receivedAt', 'status'],
  ),
  AckResult: object({ messageId: UUID, status: { const: 'picked-up' }, pickedUpAt: TIME }, [
    'messageId',
    'status',
    'pickedUpAt',
  ]),
  AckRequest: object(
    {
      messageIds: {
        type: 'array',
        items: UUID,
        minItems: 1,
        maxItems: 500,
        description: 'The messages to acknowledge, e.g. the ids of one mailbox page',
      },
    },
    ['messageIds'],
  ),
  AckFailure: object(
    {
      messageId: UUID,
      status: { const: 'failed' },
      problem: {
        ...ref('Problem'),
        description:
          'What POST /v1/messages/{id}/ack would have answered: 404, 403, 410, or 503 LEDGER_UNAVAILABLE (acknowledge it again)',
      },
    },
    ['messageId', 'status', 'problem'],
  ),
  AckResults: object(
    {
      items: {
        type: 'array',
        items: { oneOf: [ref('AckResult'), ref('AckFailure')] },
        description: 'One outcome per message, in the order asked',
      },
    },
    ['items'],
  ),
  TimelineEntry: object({ eventId: TEXT, type: TEXT, at: TIME, actor: OIN }, [
    'eventId',
    'type',
    'at',
  ]),
  MessageStatus: object(
    {
      messageId: UUID,
      conversationId: UUID,
      module: TEXT,
      messageType: TEXT,
      sender: OIN,
      recipient: OIN,
      status: STATUS,
      receivedAt: TIME,
      expiresAt: TIME,
      deliveredAt: TIME,
      pickedUpAt: TIME,
      expiredAt: TIME,
      answerDueAt: TIME,
      answeredAt: TIME,
      payloadDroppedAt: TIME,
      receipt: { ...JWS, description: 'For the sender only' },
      timeline: { type: 'array', items: ref('TimelineEntry') },
    },
    [
      'messageId',
      'conversationId',
      'module',
      'messageType',
      'sender',
      'recipient',
      'status',
      'receivedAt',
      'expiresAt',
      'timeline',
    ],
  ),
  Conversation: object(
    {
      conversationId: UUID,
      owner: OIN,
      status: { type: 'string', enum: ['open', 'closed'] },
      openedAt: TIME,
      closedAt: TIME,
      messages: { type: 'array', items: ref('MailboxItem') },
    },
    ['conversationId', 'owner', 'status', 'openedAt', 'messages'],
  ),
  SchemaListingItem: object(
    {
      messageType: TEXT,
      version: TEXT,
      $id: { type: 'string', format: 'uri' },
      title: TEXT,
      description: TEXT,
      modules: strings({ type: 'string', enum: [...MODULES] }),
      senderRoles: strings({ type: 'string', enum: [...ROLES] }),
      recipientRoles: strings({ type: 'string', enum: [...ROLES] }),
      answeredBy: strings(),
      answerDeadlineWorkingDays: { type: ['integer', 'null'], minimum: 1 },
      conversation: { type: 'string', enum: ['opens', 'continues', 'closes'] },
      inReplyTo: {
        type: 'string',
        enum: ['required', 'optional', 'forbidden'],
        description: 'Whether the envelope must, may or must not name the message it answers',
      },
      sentByHub: { type: 'boolean' },
      sentByDefault: {
        type: 'boolean',
        description:
          "The version to send of the type when the recipient's versions are not known (its oldest, which every participant takes); false for the hub's own notices",
      },
    },
    [
      'messageType',
      'version',
      '$id',
      'title',
      'description',
      'modules',
      'senderRoles',
      'recipientRoles',
      'answeredBy',
      'answerDeadlineWorkingDays',
      'conversation',
      'inReplyTo',
      'sentByHub',
      'sentByDefault',
    ],
  ),
  SchemaListing: object(
    {
      items: { type: 'array', items: ref('SchemaListingItem') },
      changelog: {
        type: 'string',
        const: '/v1/schemas/changelog',
        description: 'Where the changelog of the standard is served (text/markdown)',
      },
    },
    ['items', 'changelog'],
  ),
  PortalSchemaListing: object({ items: { type: 'array', items: ref('SchemaListingItem') } }, [
    'items',
  ]),
  DirectoryEntry: object(
    {
      oin: OIN,
      name: TEXT,
      kind: { type: 'string', enum: [...PARTICIPANT_KINDS] },
      modules: strings({ type: 'string', enum: [...MODULES] }),
      publicBody: { type: 'boolean' },
      transport: { type: 'string', enum: ['rest', 'amqp'] },
      acceptedVersions: {
        ...strings({ type: 'string', pattern: '^[0-9]+\\.[0-9]+$' }),
        description:
          'The versions of the standard it takes delivery of, oldest first; a message in another version is refused (VERSION_NOT_ACCEPTED)',
      },
      postcodegebieden: {
        ...strings({ type: 'string', pattern: '^[1-9][0-9]{3}(-[1-9][0-9]{3})?$' }),
        description:
          'Municipal debt help: the postal areas (PC4, or a range low-high) whose early signals it takes (vroegsignalering)',
      },
      vasteLasten: {
        ...strings({ type: 'string', enum: [...VASTE_LASTEN] }),
        description: 'A creditor of fixed costs: the kinds it collects and signals arrears of',
      },
    },
    ['oin', 'name', 'kind', 'modules', 'publicBody', 'transport', 'acceptedVersions'],
  ),
  Directory: object({ items: { type: 'array', items: ref('DirectoryEntry') } }, ['items']),
  PostcodeArea: object(
    {
      postcode: { type: 'string', pattern: '^[1-9][0-9]{3}$', description: 'The PC4 area asked' },
      municipality: ref('DirectoryEntry'),
    },
    ['postcode', 'municipality'],
  ),
  RegisteredCertificate: object(
    {
      thumbprint: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' },
      oin: OIN,
      status: { type: 'string', enum: ['active', 'revoked'] },
      validFrom: TIME,
      validTo: TIME,
      certificatePem: TEXT,
    },
    ['thumbprint', 'status', 'validFrom', 'validTo', 'certificatePem'],
  ),
  Health: object({ status: { const: 'ok' } }, ['status']),
  Readiness: object(
    {
      status: {
        type: 'string',
        enum: ['ready', 'not-ready', 'stopping'],
        description: '`stopping`: the hub finishes what is in flight and takes no new work',
      },
      checks: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Per check: `ok`, or why it failed',
      },
    },
    ['status', 'checks'],
  ),
  OperatorLogin: object({ name: TEXT, password: TEXT }, ['name', 'password']),
  OperatorSession: object(
    {
      name: TEXT,
      role: { type: 'string', enum: ['viewer', 'admin'] },
      csrfToken: {
        ...TEXT,
        description: 'Send it in X-CSRF-Token with every request that changes something',
      },
      expiresAt: {
        ...TIME,
        description: 'Ends when idle until then (30 minutes; every request moves it on)',
      },
      endsAt: { ...TIME, description: 'Ends then however active (8 hours after login)' },
    },
    ['name', 'role', 'csrfToken', 'expiresAt', 'endsAt'],
  ),
};
