/**
 * The console's API in the OpenAPI document: the paths under `/v1/operator/` beyond the
 * session, and their schemas. Every answer schema is closed (no other properties), so a test
 * that validates an answer also proves no payload field slipped into it.
 */
import { MODULES, PARTICIPANT_KINDS, SIGNAAL_UITKOMSTEN, VASTE_LASTEN } from '@knooppunt/standard';
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

const COUNT: Json = { type: 'integer', minimum: 0 };
const BOOL: Json = { type: 'boolean' };
const array = (items: Json): Json => ({ type: 'array', items });
const codeCount = object({ code: TEXT, count: COUNT }, ['code', 'count']);

/** The console's schemas. */
/** The figures of one group of early signals (ops/reach.ts): a municipality, a kind, or all. */
const REACH_COUNT: Record<string, Json> = {
  signals: COUNT,
  answered: { ...COUNT, description: 'Signals the municipality answered with an outcome' },
  uitkomsten: object(Object.fromEntries(SIGNAAL_UITKOMSTEN.map((uitkomst) => [uitkomst, COUNT])), [
    ...SIGNAAL_UITKOMSTEN,
  ]),
  reached: { ...COUNT, description: 'Signals answered `bereikt`' },
  shareReached: {
    type: 'number',
    minimum: 0,
    maximum: 1,
    description: 'reached / signals, four decimals; 0 without signals',
  },
};
const REACH_REQUIRED = ['signals', 'answered', 'uitkomsten', 'reached', 'shareReached'];

export const CONSOLE_SCHEMAS: Readonly<Record<string, Json>> = {
  OperatorMessage: object(
    {
      messageId: TEXT,
      conversationId: TEXT,
      inReplyTo: TEXT,
      sender: OIN,
      recipient: OIN,
      module: TEXT,
      messageType: TEXT,
      version: TEXT,
      status: STATUS,
      transport: { type: 'string', enum: ['rest', 'amqp', 'portal', 'hub'] },
      portalUser: { ...TEXT, description: 'The portal user who made it (transport portal)' },
      route: { type: 'string', enum: ['rest', 'amqp'] },
      receivedAt: TIME,
      deliveredAt: TIME,
      pickedUpAt: TIME,
      expiredAt: TIME,
      answerDueAt: TIME,
      answeredAt: TIME,
      payloadDropped: BOOL,
    },
    [
      'messageId',
      'conversationId',
      'sender',
      'recipient',
      'module',
      'messageType',
      'version',
      'status',
      'transport',
      'route',
      'receivedAt',
      'payloadDropped',
    ],
  ),
  OperatorEvent: object(
    {
      eventId: TEXT,
      subject: TEXT,
      type: TEXT,
      at: TIME,
      actor: TEXT,
      data: { type: 'object', description: 'Metadata of the event: ids, types, codes, times' },
    },
    ['eventId', 'subject', 'type', 'at', 'data'],
  ),
  FlowEvent: object(
    {
      eventId: TEXT,
      type: TEXT,
      at: TIME,
      subject: TEXT,
      actor: TEXT,
      messageId: TEXT,
      conversationId: TEXT,
      module: TEXT,
      messageType: TEXT,
      sender: TEXT,
      recipient: TEXT,
      codes: array(TEXT),
    },
    ['eventId', 'type', 'at', 'subject'],
  ),
  Overview: object(
    {
      from: TIME,
      to: TIME,
      total: COUNT,
      counts: array(
        object({ module: TEXT, messageType: TEXT, status: STATUS, count: COUNT }, [
          'module',
          'messageType',
          'status',
          'count',
        ]),
      ),
      throughput: array(object({ at: TIME, count: COUNT }, ['at', 'count'])),
      rejected: COUNT,
      health: object(
        {
          ledger: object({ up: BOOL, kind: TEXT }, ['up', 'kind']),
          broker: object({ up: BOOL, deadLetters: COUNT }, ['up']),
          relay: object({ outbox: COUNT, oldest: TIME }, ['outbox']),
        },
        ['ledger', 'relay'],
      ),
    },
    ['from', 'to', 'total', 'counts', 'throughput', 'rejected', 'health'],
  ),
  MessagePage: object({ items: array(ref('OperatorMessage')), nextCursor: TEXT }, ['items']),
  MessageDetail: object({ message: ref('OperatorMessage'), events: array(ref('OperatorEvent')) }, [
    'message',
    'events',
  ]),
  OpenAnswer: object(
    {
      messageId: TEXT,
      conversationId: TEXT,
      messageType: TEXT,
      sender: OIN,
      recipient: OIN,
      answerDueAt: TIME,
      overdue: BOOL,
      workingDaysOverdue: COUNT,
    },
    [
      'messageId',
      'conversationId',
      'messageType',
      'sender',
      'recipient',
      'answerDueAt',
      'overdue',
      'workingDaysOverdue',
    ],
  ),
  ConversationDetail: object(
    {
      conversation: object(
        {
          conversationId: TEXT,
          owner: OIN,
          status: { type: 'string', enum: ['open', 'closed'] },
          openedAt: TIME,
          closedAt: TIME,
        },
        ['conversationId', 'owner', 'status', 'openedAt'],
      ),
      messages: array(ref('OperatorMessage')),
      openAnswers: array(ref('OpenAnswer')),
      events: array(ref('OperatorEvent')),
    },
    ['conversation', 'messages', 'openAnswers', 'events'],
  ),
  Deadlines: object(
    {
      now: TIME,
      creditors: array(
        object(
          {
            oin: OIN,
            name: TEXT,
            overdue: COUNT,
            open: COUNT,
            oldestDueAt: TIME,
            maxWorkingDaysOverdue: COUNT,
            standsOut: BOOL,
          },
          ['oin', 'overdue', 'open', 'oldestDueAt', 'maxWorkingDaysOverdue', 'standsOut'],
        ),
      ),
      open: array(ref('OpenAnswer')),
    },
    ['now', 'creditors', 'open'],
  ),
  Rejections: object(
    {
      from: TIME,
      to: TIME,
      total: COUNT,
      codes: array(codeCount),
      participants: array(
        object({ oin: TEXT, name: TEXT, count: COUNT, codes: array(codeCount) }, [
          'oin',
          'count',
          'codes',
        ]),
      ),
      recent: array(
        object(
          {
            rejectionId: TEXT,
            at: TIME,
            sender: TEXT,
            codes: array(TEXT),
            messageType: TEXT,
            transport: TEXT,
          },
          ['rejectionId', 'at', 'sender', 'codes', 'transport'],
        ),
      ),
    },
    ['from', 'to', 'total', 'codes', 'participants', 'recent'],
  ),
  DeadLetter: object(
    {
      id: TEXT,
      messageId: TEXT,
      sender: TEXT,
      type: TEXT,
      reason: TEXT,
      queue: TEXT,
      deadLetteredAt: TIME,
      expiresAt: { ...TIME, description: 'When the broker drops it (dead-lettered at + TTL)' },
      bytes: COUNT,
    },
    ['id', 'reason', 'bytes'],
  ),
  Queues: object(
    {
      deadLetters: object(
        {
          available: BOOL,
          count: COUNT,
          max: { ...COUNT, description: 'Most dead letters kept; the oldest go first' },
          days: { type: 'number', minimum: 0, description: 'Days a dead letter is kept' },
          items: array(ref('DeadLetter')),
        },
        ['available', 'count', 'max', 'days', 'items'],
      ),
      outbox: object({ count: COUNT, oldest: TIME, items: array(ref('OperatorMessage')) }, [
        'count',
        'items',
      ]),
    },
    ['deadLetters', 'outbox'],
  ),
  QueueAction: object(
    {
      id: TEXT,
      action: { type: 'string', enum: ['replayed', 'discarded'] },
      outcome: { type: 'string', enum: ['processed', 'refused-again', 'retry-later'] },
    },
    ['id', 'action'],
  ),
  OperatorParticipant: object(
    {
      oin: OIN,
      name: TEXT,
      kind: { type: 'string', enum: [...PARTICIPANT_KINDS] },
      modules: array({ type: 'string', enum: [...MODULES] }),
      transport: { type: 'string', enum: ['rest', 'amqp'] },
      acceptedVersions: {
        ...array(TEXT),
        description:
          'the versions of the standard it takes delivery of (a record from before 2.1: 2.0)',
      },
      postcodegebieden: {
        ...array(TEXT),
        description:
          'municipal debt help: the postal areas (PC4 or ranges) whose early signals it takes',
      },
      vasteLasten: {
        ...array({ type: 'string', enum: [...VASTE_LASTEN] }),
        description: 'a creditor of fixed costs: the kinds it signals arrears of',
      },
      status: { type: 'string', enum: ['active', 'suspended'] },
      publicBody: BOOL,
      preferent: BOOL,
      certificates: array(
        object(
          {
            thumbprint: TEXT,
            status: { type: 'string', enum: ['active', 'revoked'] },
            validFrom: TIME,
            validTo: TIME,
            daysToExpiry: { type: 'integer' },
            addedAt: TIME,
            retiresAt: TIME,
            revokedAt: TIME,
            use: {
              type: 'string',
              enum: ['portal'],
              description: "a portal user's browser key: signs only in the portal",
            },
          },
          ['thumbprint', 'status', 'validFrom', 'validTo', 'daysToExpiry', 'addedAt'],
        ),
      ),
      createdAt: TIME,
      updatedAt: TIME,
      history: {
        type: 'string',
        enum: ['ok', 'behind', 'differs'],
        description:
          'the stored entry against its chained history: ok; behind (a crash between the two writes, brought up to date on the next read); differs (edited in the database: the hub refuses to act on it, PARTICIPANT_UNVERIFIED)',
      },
      historyDetail: { ...TEXT, description: 'what differs, when history is differs' },
      historyFields: {
        ...array(TEXT),
        description:
          'the fields of the entry that differ from the last record of its history (empty: the entry has no history, or is gone)',
      },
    },
    [
      'oin',
      'name',
      'kind',
      'modules',
      'transport',
      'acceptedVersions',
      'status',
      'publicBody',
      'preferent',
      'certificates',
      'createdAt',
      'updatedAt',
      'history',
    ],
  ),
  OperatorParticipants: object({ items: array(ref('OperatorParticipant')) }, ['items']),
  NewParticipant: object(
    {
      oin: OIN,
      name: TEXT,
      kind: { type: 'string', enum: [...PARTICIPANT_KINDS] },
      transport: { type: 'string', enum: ['rest', 'amqp'] },
      acceptedVersions: {
        ...array(TEXT),
        description:
          'the versions of the standard it takes delivery of; default every version the hub offers',
      },
      postcodegebieden: {
        ...array({ type: 'string', pattern: '^[1-9][0-9]{3}(-[1-9][0-9]{3})?$' }),
        description:
          'municipal debt help: the postal areas whose early signals it takes (`3511`, `3500-3585`); one municipality per area; [] clears',
      },
      vasteLasten: {
        ...array({ type: 'string', enum: [...VASTE_LASTEN] }),
        description: 'a creditor of fixed costs: the kinds it signals arrears of; [] clears',
      },
      certificatePem: TEXT,
    },
    ['oin', 'name', 'kind'],
  ),
  CertificateRotation: object(
    {
      certificatePem: TEXT,
      overlapDays: { type: 'integer', minimum: 0, maximum: 90, default: 7 },
    },
    ['certificatePem'],
  ),
  ReachCount: object(REACH_COUNT, REACH_REQUIRED),
  Reach: object(
    {
      from: TIME,
      to: TIME,
      total: ref('ReachCount'),
      municipalities: array(
        object({ oin: OIN, name: TEXT, ...REACH_COUNT }, ['oin', 'name', ...REACH_REQUIRED]),
      ),
      vasteLasten: array(
        object({ vasteLast: TEXT, ...REACH_COUNT }, ['vasteLast', ...REACH_REQUIRED]),
      ),
    },
    ['from', 'to', 'total', 'municipalities', 'vasteLasten'],
  ),
  Alerts: object(
    {
      at: TIME,
      items: array(
        object(
          {
            kind: {
              type: 'string',
              enum: [
                'certificate-expiring',
                'backlog',
                'oldest-unfetched',
                'answers-overdue',
                'dead-letters',
                'ledger-chain',
                'ledger-unverified',
                'broker-down',
              ],
            },
            severity: { type: 'string', enum: ['warning', 'critical'] },
            participant: OIN,
            text: TEXT,
          },
          ['kind', 'severity', 'text'],
        ),
      ),
    },
    ['at', 'items'],
  ),
  LedgerStatus: object(
    {
      kind: TEXT,
      lastVerification: object(
        {
          at: TIME,
          ok: BOOL,
          events: COUNT,
          seals: COUNT,
          problems: COUNT,
          operator: TEXT,
        },
        ['at', 'ok', 'events', 'seals', 'problems'],
      ),
      lastSeal: object({ batch: COUNT, sealedAt: TIME, root: TEXT }, ['batch', 'sealedAt', 'root']),
    },
    ['kind'],
  ),
  AuditPage: object(
    {
      items: array(
        object(
          {
            eventId: TEXT,
            at: TIME,
            operator: TEXT,
            action: TEXT,
            subject: TEXT,
            data: { type: 'object' },
          },
          ['eventId', 'at', 'operator', 'action', 'subject', 'data'],
        ),
      ),
      nextCursor: TEXT,
    },
    ['items'],
  ),
};

/**
 * One event of the live flow as a parsed server-sent event (fields `id`, `event`, `data`):
 * what OpenAPI 3.2 calls the item of a `text/event-stream` (and tools read a 3.1 `schema` of
 * that media type as), with `data` a FlowEvent in JSON.
 */
const FLOW_SSE_EVENT: Json = object(
  {
    id: TEXT,
    event: { const: 'ledger' },
    data: { type: 'string', contentMediaType: 'application/json', contentSchema: ref('FlowEvent') },
  },
  ['id', 'event', 'data'],
);

const SESSION = [{ operatorSession: [] }];
const path = (name: string, description: string): Json => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: TEXT,
});
const query = (name: string, description: string, schema: Json = TEXT): Json => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const PERIOD = [
  query('from', 'Start of the period (ISO 8601)', TIME),
  query('to', 'End of the period, exclusive (ISO 8601); default now', TIME),
];
/** What every operator read may answer besides its own. */
const READ_ERRORS = {
  '401': problem('SESSION_INVALID: no live operator session'),
  ...shared(500, 503),
};
/** What every admin action may answer besides its own. */
const ADMIN_ERRORS = {
  '401': problem('SESSION_INVALID: no live operator session'),
  '403': problem('CSRF_INVALID (X-CSRF-Token missing or wrong) or FORBIDDEN (a viewer)'),
  ...shared(500, 503),
};

function read(operationId: string, summary: string, body: string, extra: Json = {}): Json {
  return {
    get: {
      operationId,
      tags: ['operators'],
      summary,
      security: SESSION,
      ...extra,
      responses: { '200': answer(summary, body), ...READ_ERRORS, ...(extra['responses'] as Json) },
    },
  };
}

function admin(operationId: string, summary: string, body: string, extra: Json = {}): Json {
  const {
    parameters = [],
    responses = {},
    ...rest
  } = extra as {
    parameters?: Json[];
    responses?: Json;
  };
  return {
    operationId,
    tags: ['operators'],
    summary: `${summary} (admin; recorded in the ledger with the operator's name)`,
    security: SESSION,
    parameters: [...parameters, CSRF],
    ...rest,
    responses: { '200': answer(summary, body), ...ADMIN_ERRORS, ...responses },
  };
}

const jsonBody = (name: string): Json => ({
  required: true,
  content: { 'application/json': { schema: ref(name) } },
});
const OIN_PATH = path('oin', "The participant's OIN");
const UNKNOWN_PARTICIPANT = {
  '400': problem('USAGE_INVALID: no such participant, or the body is not as documented'),
  '413': { $ref: '#/components/responses/P413' },
  '415': { $ref: '#/components/responses/P415' },
};
/** A `certificatePem` that is no X.509 certificate in PEM (status_codes.ts: certificates 422). */
const UNREADABLE_CERTIFICATE = {
  '422': problem('CERT_INVALID: certificatePem is not an X.509 certificate'),
};

/** The console's paths. */
export const CONSOLE_PATHS: Readonly<Record<string, Json>> = {
  '/v1/operator/overview': read(
    'operatorOverview',
    'Messages received in a period by module, type and status, the throughput per bucket, rejections, and the health of ledger, broker and relay',
    'Overview',
    {
      parameters: PERIOD,
      responses: { '400': problem('USAGE_INVALID: from/to not ISO 8601, or from after to') },
    },
  ),
  '/v1/operator/flow': {
    get: {
      operationId: 'operatorFlow',
      tags: ['operators'],
      summary:
        'The live flow: every ledger event as a server-sent event (`event: ledger`, `id:` the event id, `data:` a FlowEvent as JSON), from a minute back; a comment every 15 s',
      security: SESSION,
      responses: {
        '200': {
          description:
            'An event stream (HTML Living Standard, server-sent events); the schema describes one event, as OpenAPI 3.2 reads an event stream',
          content: { 'text/event-stream': { schema: FLOW_SSE_EVENT } },
        },
        ...READ_ERRORS,
      },
    },
  },
  '/v1/operator/messages': read(
    'operatorMessages',
    'The message log: messages matching every given field, newest first, paged',
    'MessagePage',
    {
      parameters: [
        query('messageId', 'The message id'),
        query('conversationId', 'The conversation'),
        query('inReplyTo', 'The message it answers'),
        query('sender', 'Sender OIN', OIN),
        query('recipient', 'Recipient OIN', OIN),
        query('module', 'Module', { type: 'string', enum: [...MODULES] }),
        query('messageType', 'Message type'),
        query('status', 'Status', STATUS),
        query('from', 'Received at or after', TIME),
        query('to', 'Received before', TIME),
        query('pickedUp', 'Picked up by its recipient or not', {
          type: 'string',
          enum: ['true', 'false'],
        }),
        query('version', 'Schema version, e.g. 2.0'),
        query('cursor', 'nextCursor of the previous page'),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: { '400': problem('USAGE_INVALID: a parameter out of its range, or given twice') },
    },
  ),
  '/v1/operator/messages/{id}': read(
    'operatorMessage',
    "One message's metadata and its timeline (its ledger events)",
    'MessageDetail',
    {
      parameters: [path('id', 'The message id')],
      responses: { '404': problem('MESSAGE_NOT_FOUND') },
    },
  ),
  '/v1/operator/conversations/{id}': read(
    'operatorConversation',
    'A conversation: its messages, the answers it still waits for, and every event by time',
    'ConversationDetail',
    {
      parameters: [path('id', 'The conversation id')],
      responses: { '404': problem('CONVERSATION_UNKNOWN') },
    },
  ),
  '/v1/operator/deadlines': read(
    'operatorDeadlines',
    'Answers owed per creditor (overdue: past the working-day deadline of the catalogue), most overdue first, and every open answer',
    'Deadlines',
  ),
  '/v1/operator/rejections': read(
    'operatorRejections',
    'Rejections of a period (default the last 7 days): top codes, the participants that cause them, the latest 50',
    'Rejections',
    {
      parameters: PERIOD,
      responses: { '400': problem('USAGE_INVALID: from/to not ISO 8601, or from after to') },
    },
  ),
  '/v1/operator/queues': read(
    'operatorQueues',
    "The AMQP dead letters (properties only, never the body) and the relay's outbox",
    'Queues',
  ),
  '/v1/operator/queues/dead-letters/{id}/replay': {
    post: admin(
      'operatorReplayDeadLetter',
      "Hands a dead letter to the hub's inbound processing again; taken, it leaves the queue",
      'QueueAction',
      {
        parameters: [path('id', 'The dead letter id')],
        responses: {
          '404': problem('DEAD_LETTER_NOT_FOUND: not in the queue, or the hub runs without AMQP'),
        },
      },
    ),
  },
  '/v1/operator/queues/dead-letters/{id}': {
    delete: admin(
      'operatorDiscardDeadLetter',
      'Removes a dead letter from the queue',
      'QueueAction',
      {
        parameters: [path('id', 'The dead letter id')],
        responses: {
          '404': problem('DEAD_LETTER_NOT_FOUND: not in the queue, or the hub runs without AMQP'),
        },
      },
    ),
  },
  '/v1/operator/participants': {
    ...read(
      'operatorParticipants',
      'Every participant: status, transport, certificates with days to expiry (no PEM)',
      'OperatorParticipants',
    ),
    post: admin('operatorOnboard', 'Registers a participant', 'OperatorParticipant', {
      requestBody: jsonBody('NewParticipant'),
      responses: {
        '201': answer('Registered', 'OperatorParticipant'),
        ...UNKNOWN_PARTICIPANT,
        ...UNREADABLE_CERTIFICATE,
      },
    }),
  },
  '/v1/operator/participants/{oin}/suspend': {
    post: admin('operatorSuspend', 'Suspends a participant', 'OperatorParticipant', {
      parameters: [OIN_PATH],
      responses: UNKNOWN_PARTICIPANT,
    }),
  },
  '/v1/operator/participants/{oin}/activate': {
    post: admin('operatorActivate', 'Activates a suspended participant', 'OperatorParticipant', {
      parameters: [OIN_PATH],
      responses: UNKNOWN_PARTICIPANT,
    }),
  },
  '/v1/operator/participants/{oin}/restore': {
    post: admin(
      'operatorRestoreParticipant',
      "Writes a participant's entry back as the last record of its chained history says (after an edit in the database)",
      'OperatorParticipant',
      {
        parameters: [OIN_PATH],
        responses: UNKNOWN_PARTICIPANT,
      },
    ),
  },
  '/v1/operator/participants/{oin}/certificates': {
    post: admin(
      'operatorRotateCertificate',
      "Rotates a participant's certificate: adds the new one; the active old ones retire after overlapDays",
      'OperatorParticipant',
      {
        parameters: [OIN_PATH],
        requestBody: jsonBody('CertificateRotation'),
        responses: { ...UNKNOWN_PARTICIPANT, ...UNREADABLE_CERTIFICATE },
      },
    ),
  },
  '/v1/operator/vroegsignalering': read(
    'operatorVroegsignalering',
    'The reach of early signals received in a period: per municipality and per kind of fixed cost, the signals, their outcomes and the share reached',
    'Reach',
    {
      parameters: PERIOD,
      responses: {
        '400': problem(
          'USAGE_INVALID: from/to not ISO 8601, from after to, or a period of more than 366 days',
        ),
      },
    },
  ),
  '/v1/operator/alerts': read(
    'operatorAlerts',
    'The alerts that hold now (the conditions of the Prometheus rules)',
    'Alerts',
  ),
  '/v1/operator/ledger': read(
    'operatorLedger',
    "The ledger's kind, its last chain verification and its last seal",
    'LedgerStatus',
  ),
  '/v1/operator/audit': read(
    'operatorAudit',
    'Admin actions, participant and operator changes, newest first, paged',
    'AuditPage',
    {
      parameters: [
        query('cursor', 'nextCursor of the previous page'),
        query('limit', 'Page size', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      ],
      responses: { '400': problem('USAGE_INVALID') },
    },
  ),
};
