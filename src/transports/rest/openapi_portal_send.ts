/**
 * Sending from the portal in the OpenAPI document (routes/portal_send.ts, tag `portal`): the
 * browser keys of the portal users, the facts a browser needs to build an envelope, and the
 * outbox that takes messages signed in the browser.
 */
import { MODULES, PARTICIPANT_KINDS, ROLES } from '@knooppunt/standard';
import {
  answer,
  CSRF_HEADER as CSRF,
  object,
  OIN,
  problem,
  ref,
  shared,
  TEXT,
  TIME,
} from './openapi_parts.ts';
import type { Json } from './openapi_parts.ts';

const SESSION = [{ portalSession: [] }];
const SIGNED_IN = {
  '401': problem('SESSION_INVALID: no live portal session'),
  ...shared(500, 503),
};
const B64URL: Json = { type: 'string', pattern: '^[A-Za-z0-9_-]+$' };
const path = (name: string, description: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: TEXT,
});
const KEY_PARAMETERS = [
  path('user', 'The portal user the key belongs to'),
  path('id', 'The key id'),
];
const NO_KEY = problem(
  "PORTAL_KEY_NOT_FOUND: no such key of the participant's users (a medewerker sees only its own)",
);

/** The schemas of sending from the portal. */
export const PORTAL_SEND_SCHEMAS: Readonly<Record<string, Json>> = {
  PortalParticipant: object(
    {
      now: { ...TIME, description: "The hub's clock: the browser dates envelopes by it" },
      oin: OIN,
      name: TEXT,
      kind: { type: 'string', enum: [...PARTICIPANT_KINDS] },
      role: { type: 'string', enum: [...ROLES] },
      modules: { type: 'array', items: { type: 'string', enum: [...MODULES] } },
    },
    ['now', 'oin', 'name', 'kind', 'role', 'modules'],
  ),
  PublicKeyJwk: object(
    {
      kty: { const: 'EC' },
      crv: { const: 'P-256' },
      x: B64URL,
      y: B64URL,
    },
    ['kty', 'crv', 'x', 'y'],
  ),
  PortalKeyRequest: object(
    {
      label: { type: 'string', minLength: 1, maxLength: 64, description: 'The device’s name' },
      publicKey: ref('PublicKeyJwk'),
      proof: {
        ...B64URL,
        description:
          'ES256 signature (raw R‖S) of the key over `knooppunt-portal-key:<user>:<JWK thumbprint>`',
      },
    },
    ['label', 'publicKey', 'proof'],
  ),
  PortalKey: object(
    {
      user: TEXT,
      id: { ...B64URL, description: 'The JWK thumbprint (RFC 7638)' },
      label: TEXT,
      publicKey: ref('PublicKeyJwk'),
      status: { type: 'string', enum: ['pending', 'active', 'revoked'] },
      requestedAt: TIME,
      approvedBy: TEXT,
      approvedAt: TIME,
      thumbprint: { ...B64URL, description: 'x5t#S256 of its certificate, once approved' },
      revokedAt: TIME,
    },
    ['user', 'id', 'label', 'publicKey', 'status', 'requestedAt'],
  ),
  PortalKeys: object({ items: { type: 'array', items: ref('PortalKey') } }, ['items']),
  PortalSubmissionResult: object(
    {
      status: { const: 'accepted' },
      messageId: { type: 'string', format: 'uuid' },
      receivedAt: TIME,
      ledgerPosition: TEXT,
      receipt: TEXT,
      duplicate: { const: true },
      claims: ref('ReceiptClaims'),
    },
    ['status', 'messageId', 'receivedAt', 'ledgerPosition', 'receipt', 'claims'],
  ),
};

/** The paths of sending from the portal. */
export const PORTAL_SEND_PATHS: Readonly<Record<string, Json>> = {
  '/v1/portal/participant': {
    get: {
      operationId: 'portalParticipant',
      tags: ['portal'],
      summary: "The user's participant (kind, role, modules) and the hub's clock",
      security: SESSION,
      responses: {
        '200': answer('The participant', 'PortalParticipant'),
        '403': problem('PARTICIPANT_SUSPENDED'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/directory': {
    get: {
      operationId: 'portalDirectory',
      tags: ['portal'],
      summary: 'The participant directory, to choose recipients',
      security: SESSION,
      parameters: [
        {
          name: 'module',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: [...MODULES] },
        },
      ],
      responses: {
        '200': answer('Active participants', 'Directory'),
        '400': problem('USAGE_INVALID: an unknown module'),
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/keys': {
    get: {
      operationId: 'portalKeys',
      tags: ['portal'],
      summary: "Browser keys: every user's of the participant for a beheerder, else the user's own",
      security: SESSION,
      responses: { '200': answer('The keys', 'PortalKeys'), ...SIGNED_IN },
    },
    post: {
      operationId: 'portalRequestKey',
      tags: ['portal'],
      summary:
        "Ask to enrol this browser's key; a beheerder's own key is approved (certified) at once",
      security: SESSION,
      parameters: [CSRF],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('PortalKeyRequest') } },
      },
      responses: {
        '201': answer('Requested (pending), or approved for a beheerder', 'PortalKey'),
        '400': problem('USAGE_INVALID: not a P-256 public JWK, a bad label, or a wrong proof'),
        '403': problem('CSRF_INVALID'),
        ...shared(413, 415),
        ...SIGNED_IN,
        '503': problem('PORTAL_CA_UNAVAILABLE (a beheerder’s key), or LEDGER_UNAVAILABLE'),
      },
    },
  },
  '/v1/portal/keys/{user}/{id}/approve': {
    post: {
      operationId: 'portalApproveKey',
      tags: ['portal'],
      summary: "A beheerder approves a user's key: the hub certifies it for the participant",
      security: SESSION,
      parameters: [...KEY_PARAMETERS, CSRF],
      responses: {
        '200': answer('Approved', 'PortalKey'),
        '400': problem('USAGE_INVALID: the key is not pending'),
        '403': problem('FORBIDDEN: only a beheerder approves; or CSRF_INVALID'),
        '404': NO_KEY,
        ...SIGNED_IN,
        '503': problem('PORTAL_CA_UNAVAILABLE, or LEDGER_UNAVAILABLE'),
      },
    },
  },
  '/v1/portal/keys/{user}/{id}': {
    delete: {
      operationId: 'portalRevokeKey',
      tags: ['portal'],
      summary:
        'Revoke a key and its certificate (a beheerder any of the participant’s, a user its own)',
      security: SESSION,
      parameters: [...KEY_PARAMETERS, CSRF],
      responses: {
        '200': answer('Revoked', 'PortalKey'),
        '403': problem('CSRF_INVALID'),
        '404': NO_KEY,
        ...SIGNED_IN,
      },
    },
  },
  '/v1/portal/outbox': {
    get: {
      operationId: 'portalOutbox',
      tags: ['portal'],
      summary: 'Messages the participant sent, newest first',
      security: SESSION,
      parameters: [
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 200 },
        },
        { name: 'cursor', in: 'query', required: false, schema: TEXT },
      ],
      responses: {
        '200': answer('A page of messages', 'MessagePage'),
        '400': problem('USAGE_INVALID: a bad limit or cursor'),
        ...SIGNED_IN,
      },
    },
    post: {
      operationId: 'portalSubmit',
      tags: ['portal'],
      summary:
        "Submit a message signed in the browser with the user's approved key: the pipeline records it as made in the portal by the user",
      security: SESSION,
      parameters: [CSRF],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('SignedMessage') } },
      },
      responses: {
        '201': answer(
          'Accepted; the receipt names the portal and the user',
          'PortalSubmissionResult',
        ),
        '200': answer('Accepted before (same id and payload)', 'PortalSubmissionResult'),
        '400': problem('MALFORMED_MESSAGE; with reasons and receipt'),
        '403': problem(
          'PORTAL_KEY_NOT_ACTIVE (not an approved key of this user), CSRF_INVALID, or rejected by the pipeline (ROLE_NOT_ALLOWED, …); reasons and receipt',
        ),
        '409': problem('MESSAGE_ID_CONFLICT or CONVERSATION_CLOSED; reasons and receipt'),
        '422': problem(
          'Rejected: envelope, schema (violations), catalogue, recipient or reply rules; reasons and receipt',
        ),
        ...shared(413, 415),
        ...SIGNED_IN,
      },
    },
  },
};
